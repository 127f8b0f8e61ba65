"""members, next, validate, batch chair lookups, the calendar export, completion."""

import json
import subprocess
import sys
from datetime import date, timedelta
from itertools import islice

import icalendar
import pytest
from conftest import RECORDED, TODAY, projected_code, subprocess_env

from nordefco_cli.cli.batch import chair_records
from nordefco_cli.render.records import CHAIR_FIELDS


def one_error_line(result, code, *words):
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr


# members

def test_members_json(run):
    members = json.loads(run("members", "--date", "2026-03-01", "--format", "json").stdout)
    by_code = {m["code"]: m for m in members}
    assert sorted(by_code) == ["DK", "FI", "IS", "NO", "SE"]
    assert (by_code["SE"]["last_chaired"], by_code["SE"]["next_chairs"]) == (2023, 2027)
    assert (by_code["NO"]["last_chaired"], by_code["NO"]["next_chairs"]) == (2026, 2030)
    assert (by_code["DK"]["last_chaired"], by_code["DK"]["next_chairs"]) == (2024, 2028)
    assert (by_code["FI"]["last_chaired"], by_code["FI"]["next_chairs"]) == (2025, 2029)
    assert by_code["IS"] == {
        "code": "IS", "country": "Iceland", "native_name": "Ísland", "chairs": False,
        "nato_since": "1949-04-04", "last_chaired": None, "next_chairs": None,
        "next_status": None, "left": None,
    }
    assert by_code["SE"]["nato_since"] == "2024-03-07" and by_code["SE"]["next_status"] == (
        "projected")


def test_members_next_can_be_recorded(run):
    members = json.loads(run("members", "--date", "2020-06-01", "--format", "json").stdout)
    norway = next(m for m in members if m["code"] == "NO")
    assert (norway["last_chaired"], norway["next_chairs"], norway["next_status"]) == (
        2018, 2022, "recorded")


def test_members_before_the_record(run):
    members = json.loads(run("members", "--date", "2000-01-01", "--format", "json").stdout)
    finland = next(m for m in members if m["code"] == "FI")
    assert (finland["last_chaired"], finland["next_chairs"]) == (None, 2009)


def test_members_tsv_leaves_empty_fields_empty(run):
    lines = run("members", "--date", "2026-03-01", "--no-header").stdout.splitlines()
    assert "IS\tIceland\tÍsland\tfalse\t1949-04-04\t\t\t\t" in lines


# next

def test_next_handover(run):
    handovers = json.loads(run("next", "--date", "2026-03-01", "--format", "json").stdout)
    assert handovers == [{
        "handover": "2027-01-01", "days_away": 306, "from_code": "NO", "from_country": "Norway",
        "to_code": "SE", "to_country": "Sweden", "status": "projected", "source": None,
        "note": None,
    }]


def test_next_handover_of_an_announced_term(run):
    """The EU Council's 2027 presidencies are decided; until they begin they are announced."""
    handover = json.loads(run("next", "--body", "eu-council", "--date", "2026-11-30",
                              "--format", "json").stdout)[0]
    assert (handover["handover"], handover["to_code"]) == ("2027-01-01", "LT")
    assert handover["status"] == "announced"
    later = json.loads(run("next", "--body", "eu-council", "--date", "2026-11-30",
                           "--format", "json", env={"NORDEFCO_TODAY": "2027-01-01"}).stdout)[0]
    assert later["status"] == "recorded"  # on its first day, with no edit to the file
    assert handover["source"].startswith("https://eur-lex.europa.eu/")


def test_members_next_status_can_be_announced(run):
    members = json.loads(run("members", "--body", "eu-council", "--date", "2030-01-01",
                             "--format", "json").stdout)
    malta = next(m for m in members if m["code"] == "MT")
    assert (malta["next_chairs"], malta["next_status"]) == (2030, "announced")


def test_next_handovers_count_and_boundaries(run):
    out = run("next", "--date", "2026-12-31", "--count", "4", "--no-header").stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("2027-01-01", "1", "NO", "SE"), ("2028-01-01", "366", "SE", "DK"),
        ("2029-01-01", "732", "DK", "FI"), ("2030-01-01", "1097", "FI", "NO")]
    # On a handover day, the next one is a year later.
    first = run("next", "--date", "2027-01-01", "--no-header").stdout.split("\t")
    assert first[:2] == ["2028-01-01", "365"]


def test_next_recorded_handover_has_its_source(run):
    row = run("next", "--date", "2013-05-01", "--no-header").stdout.rstrip("\n").split("\t")
    assert row[2:7] == ["FI", "Finland", "NO", "Norway", "recorded"]
    assert row[7].startswith("https://www.regjeringen.no/")
    assert row[8] == ""


def test_next_handover_carries_the_note(run):
    handover = json.loads(run("next", "--body", "ncm", "--date", "2024-12-31",
                              "--format", "json").stdout)[0]
    assert (handover["to_code"], handover["note"]) == ("FI", "Finland together with Åland")


@pytest.mark.parametrize("name", ["sverige", "se", "SE", "Sweden", "SVERIGE", " sweden "])
def test_next_country_by_code_or_name(run, name):
    out = run("next", name, "--count", "3", "--date", "2026-03-01", "--format", "jsonl").stdout
    terms = [json.loads(line) for line in out.splitlines()]
    assert [(t["year"], t["code"], t["status"]) for t in terms] == [
        (2027, "SE", "projected"), (2031, "SE", "projected"), (2035, "SE", "projected")]


def test_next_country_native_name_upper_case(run):
    out = run("next", "SUOMI", "--date", "2012-06-01", "--count", "2", "--no-header").stdout
    assert [line.split("\t")[:6] for line in out.splitlines()] == [
        ["2013", "2013-01-01", "2013-12-31", "FI", "Finland", "recorded"],
        ["2017", "2017-01-01", "2017-12-31", "FI", "Finland", "recorded"]]


@pytest.mark.parametrize("name", ["is", "Iceland", "ÍSLAND", "island", "ISLAND"])
def test_next_iceland_does_not_chair(run, name):
    one_error_line(run("next", name), 1, "Iceland (IS)", "does not hold the chair")


def test_a_name_is_found_without_its_accents(run):
    # "Island" is how the ASCII table prints Ísland.
    out = run("next", "island", "--body", "ncm", "--date", "2019-06-01", "--format", "tsv",
              "--no-header").stdout
    assert out.split("\t")[3:5] == ["IS", "Iceland"]
    out = run("country", "island", "--from", "2019", "--to", "2019", "--format", "tsv",
              "--no-header").stdout
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        ["ncm", "2019"], ["arctic-council", "2019"]]


def test_next_unknown_country_lists_the_known(run):
    one_error_line(run("next", "xx"), 2, "'COUNTRY'", "'xx' is not a member",
                   "DK (Denmark)", "IS (Iceland)", "SE (Sweden)")


def test_next_after_the_last_date(run):
    one_error_line(run("next", "--date", "9999-06-01"), 1, "no known term after 9999-06-01",
                   "dates end on 9999-12-31")


@pytest.mark.parametrize("count", ["0", "-2", "many"])
def test_next_bad_count(run, count):
    one_error_line(run("next", "--count", count), 2, "'--count'")


# Batch lookups

def test_batch_from_stdin_keeps_input_order(run):
    result = run("chair", "--dates-from", "-", "--format", "tsv", "--no-header",
                 input="2026-03-01\n2011-06-30\n")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(r[0], r[5], r[6]) for r in rows] == [
        ("2026-03-01", "Norway", "recorded"), ("2011-06-30", "Sweden", "recorded")]


def test_batch_skips_blanks_and_comments_and_reads_any_date_form(run, tmp_path, today):
    path = tmp_path / "dates.txt"
    path.write_text("# dates to check\n\n  2027-06-01  \n1 March 2011\n   \ntoday\n#2008-01-01\n")
    result = run("chair", "--dates-from", str(path), "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["date"], r["code"]) for r in records] == [
        ("2027-06-01", "SE"), ("2011-03-01", "SE"), (today.isoformat(), records[2]["code"])]


def test_batch_stops_at_a_bad_line_after_writing_what_came_before(run):
    result = run("chair", "--dates-from", "-", "--format", "tsv", "--no-header",
                 input="2026-03-01\n\n03/01/2026\n2011-06-30\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("2026-03-01\t") and result.stdout.count("\n") == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: line 3: '03/01/2026': ")


def test_batch_date_without_chair_is_a_bad_line(run):
    result = run("chair", "--dates-from", "-", input="2008-06-01\n")
    one_error_line(result, 1, "line 1: '2008-06-01'", "NORDEFCO was established on 2009-11-04")


def test_batch_keep_going(run):
    result = run("chair", "--dates-from", "-", "--keep-going", "--format", "tsv", "--no-header",
                 input="2026-03-01\nnonsense\n2011-06-30\n2001-01-01\n2030-01-01\n")
    assert result.exit_code == 1
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "2026-03-01", "2011-06-30", "2030-01-01"]
    assert result.stderr.splitlines() == [
        "Error: line 2: 'nonsense': cannot read 'nonsense' as a date; use ISO 8601, "
        "e.g. 2026-03-01",
        "Error: line 4: '2001-01-01': NORDEFCO has no chair on 2001-01-01: NORDEFCO was "
        "established on 2009-11-04",
        "Error: 2 bad lines skipped (--keep-going)",
    ]


def test_batch_json_stays_valid_when_a_line_is_bad(run):
    result = run("chair", "--dates-from", "-", "--format", "json", input="2026-03-01\nx\n")
    assert result.exit_code == 1
    assert [r["country"] for r in json.loads(result.stdout)] == ["Norway"]


def test_batch_undecodable_bytes_are_a_bad_line(run):
    result = run("chair", "--dates-from", "-", input=b"2026-03-01\n\xff\xfe\n")
    assert result.exit_code == 1 and "line 2:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--dates-from", "-", "--date", "2026-03-01"], "--date and --dates-from"),
        (["--dates-from", "-", "--year", "2026"], "--year and --dates-from"),
        (["--keep-going"], "--keep-going goes with --dates-from"),
        (["--dates-from", "/nonexistent/dates.txt"], "'--dates-from'"),
    ],
)
def test_batch_usage_errors(run, args, words):
    one_error_line(run("chair", *args, input=""), 2, words)


def test_batch_records_are_produced_lazily(rotation):
    """An endless input still yields records: nothing is collected first."""

    def endless():
        day = date(2010, 1, 1)
        while True:
            yield f"{day.isoformat()}\n"
            day += timedelta(days=1)

    def stop(error):
        raise error

    first = list(islice(chair_records(endless(), rotation, TODAY, stop), 3))
    assert [dict(zip(CHAIR_FIELDS, r, strict=True))["date"] for r in first] == [
        date(2010, 1, d) for d in (1, 2, 3)]


def test_batch_streams_before_the_input_ends():
    process = subprocess.Popen(
        [sys.executable, "-m", "nordefco_cli", "chair", "--dates-from", "-", "--no-header"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=subprocess_env())
    try:
        # More output than one pipe buffer, and stdin left open.
        process.stdin.write("2026-03-01\n" * 2000)
        process.stdin.flush()
        first = process.stdout.readline()
        assert first.startswith("2026-03-01\t2026\t")
        assert process.poll() is None  # still running: the input has not ended
    finally:
        process.stdin.close()
        process.stdout.read()
        process.wait(timeout=30)
    assert process.returncode == 0


# Calendar export

def calendar(run, *args):
    result = run("schedule", *args, "--format", "ics")
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF
    return text, icalendar.Calendar.from_ical(text)


def test_ics_2009_to_2030(run):
    text, cal = calendar(run, "--from", "2009", "--to", "2030")
    events = cal.walk("VEVENT")
    assert len(events) == 22
    for year, event in zip(range(2009, 2031), events, strict=True):
        assert event.decoded("DTSTART") == (date(year, 1, 1) if year > 2009 else
                                            date(2009, 11, 4))
        assert event.decoded("DTEND") == date(year + 1, 1, 1)
        code = RECORDED.get(year) or projected_code(year)
        country = {"NO": "Norway", "SE": "Sweden", "DK": "Denmark", "FI": "Finland"}[code]
        assert str(event["SUMMARY"]) == f"NORDEFCO chair: {country}"
        description = str(event["DESCRIPTION"])
        if year <= 2026:
            assert description.startswith("Recorded. Source: ")
            assert str(event["STATUS"]) == "CONFIRMED"
        else:
            assert "Projected" in description and str(event["STATUS"]) == "TENTATIVE"
        assert ("\nNote: Finland chaired the predecessor" in description) == (year == 2009)
    assert "https://www.nordefco.org/New-vision-for-Nordic-defence-cooperation-a-priority-during-" \
        "Sweden-s-2023-chairmanship-of-NORDEFCO" in str(events[14]["DESCRIPTION"])


def test_ics_uids_are_unique_and_stable(run):
    _, first = calendar(run, "--from", "2009", "--to", "2030")
    _, second = calendar(run, "--from", "2020", "--to", "2030")
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == 22
    assert uids[11:] == [str(e["UID"]) for e in second.walk("VEVENT")]


def test_ics_lines_are_crlf_and_folded(run):
    text, _ = calendar(run, "--from", "2009", "--to", "2030")
    raw = text.encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long sources were folded


def test_ics_folding_keeps_multibyte_characters_whole(shipped_text, write_data, run):
    long_name = "Ísland, Øster; " * 8
    path = write_data(shipped_text.replace('name = "Norway"', f'name = "{long_name}"'))
    _, cal = calendar(run, "--from", "2026", "--to", "2026", "--data", path)
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]) == f"NORDEFCO chair: {long_name}"


def test_ics_last_term_has_a_duration(run):
    _, cal = calendar(run, "--from", "9999", "--to", "9999")
    event = cal.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == date(9999, 1, 1)
    assert event.decoded("DURATION") == timedelta(days=365)


def test_ics_is_only_for_schedule(run):
    one_error_line(run("chair", "--format", "ics"), 2, "'--format'")


# validate

def test_validate_shipped_file(run):
    result = run("validate", "--format", "tsv", "--no-header")
    assert result.exit_code == 0
    assert result.stdout.split("\t")[1:] == ["NORDEFCO", "5", "4", "18", "2009", "2026",
                                              "2026-12-07\n"]
    assert result.stderr == ""
    line = run("validate", "--format", "table").stdout
    assert line.count("\n") == 1
    assert line.endswith(": valid: NORDEFCO, 5 members, 4 who chair, 18 recorded terms "
                         "(2009 to 2026), checked 2026-12-07\n")


def test_validate_summary_without_a_checked_date(shipped_text, write_data, run):
    path = write_data(shipped_text.replace("checked = 2026-12-07", ""))
    assert run("validate", path, "--format", "table").stdout.endswith(
        "(2009 to 2026), no date of last check\n")
    assert run("validate", path, "--format", "json").stdout.endswith('"checked": null}\n')


def test_validate_warns_of_a_checked_date_after_today(shipped_text, write_data, run, today):
    tomorrow = today + timedelta(days=1)
    path = write_data(shipped_text.replace("checked = 2026-12-07", f"checked = {tomorrow}"))
    result = run("validate", path, "--format", "table")
    assert result.exit_code == 0 and ": valid: NORDEFCO" in result.stdout
    assert result.stderr == (f"{path}: warning: body.checked: {tomorrow} is after today "
                             f"({today}): a record cannot have been checked on a day still to "
                             "come\n")
    path = write_data(shipped_text.replace("checked = 2026-12-07", f"checked = {today}"))
    assert run("validate", path).stderr == ""


def test_validate_lists_every_problem(shipped_text, write_data, run):
    text = shipped_text.replace('order = ["NO", "SE", "DK", "FI"]', 'order = ["NO", "SE", "XX"]')
    text = text.replace('year = 2012\nchair = "DK"', 'year = 2012\nchair = "IS"')
    text = text.replace("term_months = 12", "term_months = 0")
    path = write_data(text)
    result = run("validate", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}: rotation.term_months: must be 1 to 1200, got 0",
        f"{path}: rotation.order[2]: unknown member 'XX'",
        f"{path}: rotation.order: leaves out 'DK', who chairs",
        f"{path}: rotation.order: leaves out 'FI', who chairs",
        # Issue 18: a bad term_months no longer hides the record's problems.
        f"{path}: history[3].chair: 'IS' may not chair (chairs = false)",
        f"Error: {path} is not valid: 5 problems",
    ]


def test_validate_the_file_in_use(shipped_text, write_data, run):
    path = write_data(shipped_text.replace('short_name = "NORDEFCO"', 'short_name = "NDC"'))
    for args, env in (([path], None), (["--data", path], None), ([], {"NORDEFCO_DATA": path})):
        result = run("validate", *args, "--format", "json", env=env)
        assert json.loads(result.stdout)["body"] == "NDC" and result.exit_code == 0


def test_validate_missing_path(run, tmp_path):
    one_error_line(run("validate", str(tmp_path / "nope.toml")), 2, "'[PATH]'", "does not exist")


# Shell completion

@pytest.mark.parametrize(("shell", "words"), [
    ("bash", "complete -o nosort -F _nordefco_completion nordefco"),
    ("zsh", "compdef _nordefco_completion nordefco"),
    ("fish", "complete --no-files --command nordefco"),
])
def test_completion_scripts(run, shell, words):
    result = run(env={"_NORDEFCO_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and words in result.stdout


@pytest.mark.parametrize(("typed", "offered"), [
    ("", ["DK", "FI", "NO", "SE"]),
    ("s", ["SE"]),
    ("n", ["NO"]),
])
def test_next_completes_codes_of_members_who_chair(run, typed, offered):
    result = run(env={"_NORDEFCO_COMPLETE": "bash_complete",
                      "COMP_WORDS": f"nordefco next {typed}", "COMP_CWORD": "2"})
    assert result.stdout.splitlines() == [f"plain,{code}" for code in offered]


def test_completion_survives_a_broken_data_file(write_data, run):
    path = write_data("not toml [")
    result = run(env={"_NORDEFCO_COMPLETE": "bash_complete",
                      "COMP_WORDS": f"nordefco next --data {path} ", "COMP_CWORD": "4"})
    assert result.exit_code == 0 and result.stdout.strip() == ""


@pytest.mark.parametrize("command", ["members", "next", "validate"])
def test_new_commands_have_help_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout
    assert f"nordefco {command}" in result.stdout
