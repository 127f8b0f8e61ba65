"""Loading and validating data files: the shipped one, and every kind of broken one."""

import tomllib

import pytest

from nordefco_cli.data.files import DataFileError, load_rotation
from nordefco_cli.data.validation import InvalidData, rotation_from_dict

DK_MEMBER = 'code = "DK"\nname = "Denmark"\nnative_name = "Danmark"\nchairs = true'
ORDER = 'order = ["NO", "SE", "DK", "FI"]'
ENTRY_2012 = 'year = 2012\nchair = "DK"'
ENTRY_2013 = 'year = 2013\nchair = "FI"'
LAST_ENTRY = 'year = 2026\nchair = "NO"'

# (what to replace, replacement, field named, words in the message)
BROKEN = {
    "missing field": ('short_name = "NORDEFCO"', "", "body.short_name", "missing"),
    "wrong type": (DK_MEMBER, DK_MEMBER.replace("true", '"yes"'), "members[0].chairs",
                   "expected a boolean"),
    "bool for number": ("term_months = 12", "term_months = true", "rotation.term_months",
                        "expected a whole number"),
    "unknown field": ('short_name = "NORDEFCO"', 'short_name = "NORDEFCO"\ncolour = "red"',
                      "body.colour", "unknown field"),
    "duplicate code": ('code = "SE"', 'code = "dk"', "members[4].code",
                       "duplicate member code 'dk'"),
    "order names unknown": (ORDER, 'order = ["NO", "SE", "DK", "XX", "FI"]',
                            "rotation.order[3]", "unknown member 'XX'"),
    "order names twice": (ORDER, 'order = ["NO", "SE", "DK", "FI", "NO"]',
                          "rotation.order[4]", "'NO' is named twice"),
    "order names non-chair": (ORDER, 'order = ["NO", "SE", "DK", "FI", "IS"]',
                              "rotation.order[4]", "'IS' may not chair"),
    "order leaves out": (ORDER, 'order = ["NO", "SE", "DK"]', "rotation.order",
                         "leaves out 'FI'"),
    "history unknown member": (ENTRY_2012, 'year = 2012\nchair = "XX"', "history[3].chair",
                               "unknown member 'XX'"),
    "history non-chair": (ENTRY_2012, 'year = 2012\nchair = "IS"', "history[3].chair",
                          "'IS' may not chair"),
    "history gap": (ENTRY_2013, 'year = 2014\nchair = "FI"', "history[4]", "leaves a gap"),
    "two chairs for a year": (ENTRY_2013, 'year = 2012\nchair = "FI"', "history[4]",
                              "two chairs for 2012"),
    "history overlap": (ENTRY_2012, 'start = 2012-01-01\nend = 2013-03-31\nchair = "DK"',
                        "history[4]", "overlaps the term before it, which ends on 2013-03-31"),
    "end before start": (ENTRY_2013, 'start = 2013-01-01\nend = 2012-12-31\nchair = "FI"',
                         "history[4].end", "is before start"),
    "invalid date": ("established = 2009-11-04", 'established = "2009-11-31"',
                     "body.established", "invalid date '2009-11-31'"),
    "date-time for date": ("established = 2009-11-04", "established = 2009-11-04T10:00:00",
                           "body.established",
                           "expected a date like 2009-11-04, got a TOML local date-time "
                           "2009-11-04T10:00:00"),
    "time for date": ("checked = 2026-12-07", "checked = 10:00:00", "body.checked",
                      "expected a date like 2009-11-04, got a TOML local time 10:00:00"),
    "offset date-time for date": ("checked = 2026-12-07", "checked = 2026-11-30T10:00:00Z",
                                  "body.checked", "got a TOML offset date-time 2026-11-30T10:00"),
    "note not a string": (LAST_ENTRY, f"{LAST_ENTRY}\nnote = 3", "history[17].note",
                          "expected a string, got a whole number 3"),
    "empty note": (LAST_ENTRY, f'{LAST_ENTRY}\nnote = " "', "history[17].note",
                   "must not be empty"),
    "float for number": ("term_months = 12", "term_months = 12.0", "rotation.term_months",
                         "expected a whole number, got a TOML float 12.0"),
    "string for array": (ORDER, 'order = "NO"', "rotation.order",
                         "expected an array, got a string 'NO'"),
    "month out of range": ("handover_month = 1", "handover_month = 13",
                           "rotation.handover_month", "must be 1 to 12"),
    "term length zero": ("term_months = 12", "term_months = 0", "rotation.term_months",
                         "must be 1 to 1200"),
    "record ends mid-term": (LAST_ENTRY, 'start = 2026-01-01\nend = 2026-06-30\nchair = "NO"',
                             "history[17]", "must end the day before a handover"),
}


def broken_text(shipped_text, old, new):
    assert old in shipped_text, f"the shipped file no longer contains {old!r}"
    return shipped_text.replace(old, new, 1)


def test_shipped_file_is_valid(rotation):
    assert rotation.body.short_name == "NORDEFCO"
    assert [m.code for m in rotation.members] == ["DK", "FI", "IS", "NO", "SE"]
    assert [m.code for m in rotation.order] == ["NO", "SE", "DK", "FI"]
    assert len(rotation.history) == 18
    assert rotation.find_member("IS").native_name == "Ísland"


def test_shipped_file_says_when_it_was_checked(rotation):
    assert str(rotation.body.checked) == "2026-12-07"


def test_messages_use_toml_words_and_articles(write_data, run):
    path = write_data('members = "x"\nhistory = 1\n[body]\nname = 10:00:00\n')
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"{path}: members: expected an array, got a string 'x'" in result.stderr
    assert f"{path}: history: expected an array, got a whole number 1" in result.stderr
    assert f"{path}: body.name: expected a string, got a TOML local time 10:00:00" in (
        result.stderr)
    assert f"{path}: rotation: missing (expected a table)" in result.stderr
    assert "datetime" not in result.stderr and " a array" not in result.stderr


@pytest.mark.parametrize("source", ["NORDEFCO Annual Report 2014", "ftp://example.org/x",
                                    "https://", "https://example.org/a report"])
def test_validate_warns_about_a_source_that_is_not_a_url(shipped_text, write_data, run, source):
    old = 'source = "https://www.nordefco.org/Denmark-Chair-of-NORDEFCO-2024"'
    path = write_data(broken_text(shipped_text, old, f'source = "{source}"'))
    result = run("validate", path, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == (f"{path}: warning: history[15].source: not an http(s) URL, "
                             f"so a reader cannot follow it: {source!r}\n")
    # Other commands answer without a word: the source is still printed as written.
    chair = run("chair", "--data", path, "--date", "2024-05-01", "--format", "tsv")
    assert chair.exit_code == 0 and chair.stderr == "" and source in chair.stdout


def test_a_note_is_carried_to_the_term(shipped_text, write_data):
    path = write_data(broken_text(shipped_text, LAST_ENTRY, f'{LAST_ENTRY}\nnote = "with X"'))
    assert load_rotation(path).history[-1].note == "with X"
    assert load_rotation(path).history[-2].note is None


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_problem_names_its_field(shipped_text, case):
    old, new, field, words = BROKEN[case]
    with pytest.raises(InvalidData) as caught:
        rotation_from_dict(tomllib.loads(broken_text(shipped_text, old, new)))
    found = [(p.field, p.message) for p in caught.value.problems]
    assert any(f == field and words in m for f, m in found), found


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_cli_reports_a_bad_data_file_in_one_line(shipped_text, write_data, run, case):
    old, new, field, _ = BROKEN[case]
    path = write_data(broken_text(shipped_text, old, new))
    result = run("chair", "--date", "2020-01-01", "--data", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.stderr


def test_handover_day_must_exist_in_its_month(shipped_text):
    text = shipped_text.replace("handover_month = 1", "handover_month = 6").replace(
        "handover_day = 1", "handover_day = 31")
    with pytest.raises(InvalidData, match="rotation.handover_day: must be 1 to 30 for month 6"):
        rotation_from_dict(tomllib.loads(text))


def test_all_problems_are_collected(shipped_text):
    text = broken_text(shipped_text, ORDER, 'order = ["NO", "SE", "XX"]')
    text = broken_text(text, ENTRY_2012, 'year = 2012\nchair = "IS"')
    with pytest.raises(InvalidData) as caught:
        rotation_from_dict(tomllib.loads(text))
    fields = [p.field for p in caught.value.problems]
    assert fields == ["rotation.order[2]", "rotation.order", "rotation.order", "history[3].chair"]


def test_syntax_error_names_line_and_column(write_data, run):
    path = write_data('[body]\nname = "X"\nshort_name = \n')
    with pytest.raises(DataFileError, match=r"TOML syntax error: .*line 3, column 14"):
        load_rotation(path)
    result = run("schedule", "--data", path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "line 3" in result.stderr


def test_impossible_toml_date_is_a_syntax_error(shipped_text, write_data):
    path = write_data(shipped_text.replace("established = 2009-11-04", "established = 2009-11-31"))
    with pytest.raises(DataFileError, match="TOML syntax error"):
        load_rotation(path)


def test_not_utf8(write_data, tmp_path, run):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[body]\nname = "Ísland"\n'.encode("latin-1"))
    result = run("chair", "--data", str(path))
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr and result.stderr.count("\n") == 1


def test_empty_file_lists_the_missing_tables(write_data, run):
    path = write_data("")
    result = run("chair", "--data", path)
    assert result.exit_code == 1
    assert f"{path}: body: missing" in result.stderr
    assert f"more; 'nordefco validate {path}' lists them)" in result.stderr


@pytest.mark.parametrize("where", ["missing.toml", "."])
def test_data_path_that_is_not_a_file_is_a_usage_error(run, tmp_path, where):
    result = run("chair", "--data", str(tmp_path / where))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid value for '--data'")
    assert result.stderr.count("\n") == 1


def test_data_from_environment(shipped_text, write_data, run):
    path = write_data(shipped_text.replace('name = "Norway"', 'name = "Kingdom of Norway"'))
    result = run("chair", "--date", "2026-03-01", "--format", "tsv", "--no-header",
                 env={"NORDEFCO_DATA": path})
    assert result.exit_code == 0
    assert "\tKingdom of Norway\t" in result.stdout


def test_an_empty_order_means_nothing_is_projected(shipped_text, write_data, run):
    path = write_data(shipped_text.replace('order = ["NO", "SE", "DK", "FI"]', "order = []"))
    rotation = load_rotation(path)
    assert rotation.order == ()
    result = run("chair", "--date", "2027-01-01", "--data", path)
    assert result.exit_code == 1
    assert "no order is decided after 2026-12-31" in result.stderr


def test_an_endless_data_file_is_refused_after_a_bounded_read(run):
    # /dev/zero never ends: reading it whole would take all memory.
    result = run("validate", "/dev/zero")
    assert result.exit_code == 1
    assert "/dev/zero: larger than 8 MiB: not a rotation data file" in result.stderr
    result = run("chair", "--data", "/dev/zero")
    assert result.exit_code == 1
    assert result.stderr == "Error: /dev/zero: larger than 8 MiB: not a rotation data file\n"


def test_an_endless_pipe_as_data_file_ends(tmp_path):
    # `yes` never stops writing; the read stops one byte past the bound.
    import subprocess
    import sys

    from conftest import subprocess_env

    command = f"{sys.executable} -m nordefco_cli chair --data <(yes 'a = 1')"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                            env=subprocess_env(), timeout=120)
    assert result.returncode == 1
    assert result.stderr.endswith("larger than 8 MiB: not a rotation data file\n")
