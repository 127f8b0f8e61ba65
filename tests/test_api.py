"""The Python API (`import nordefco_cli`): every function, every error, and the same
answers as the command line."""

import doctest
import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import TODAY, subprocess_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nordefco_cli as n
from nordefco_cli.cli import api
from nordefco_cli.core import dates, model, rotation
from nordefco_cli.data import files, registry
from nordefco_cli.data.files import shipped_bodies

BODIES = list(shipped_bodies())
API = ["Body", "BodyInfo", "DataFileError", "DateError", "Gap", "GapKind", "JSONValue",
       "Member", "NoChair", "Rotation", "Status", "Term", "UnknownBody", "UnknownMember",
       "bodies", "load", "parse_date"]


def cli_json(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def cli_error(run, *args):
    """The one-line error of a run that fails, without its `Error: `."""
    result = run(*args)
    assert result.exit_code != 0 and result.stdout == ""
    [line] = result.stderr.splitlines()
    return line.removeprefix("Error: ")


# The names

def test_all_lists_the_api_and_each_name_is_the_modules():
    assert sorted(n.__all__) == sorted(API)
    for name in API:
        assert getattr(n, name) is getattr(api, name)
    assert set(API) <= set(dir(n))


def test_other_names_are_not_there():
    with pytest.raises(AttributeError, match="has no attribute 'term_on'"):
        n.term_on  # noqa: B018


def test_a_star_import_gives_the_api():
    names: dict = {}
    exec("from nordefco_cli import *", names)
    assert set(API) <= set(names)


def test_the_package_says_it_is_typed():
    assert (Path(n.__file__).parent / "py.typed").is_file()


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=subprocess_env(**env), timeout=60)


def test_importing_and_loading_load_neither_click_rich_nor_dateutil():
    code = """
import sys
from datetime import date
LIBRARIES = ("click", "rich", "dateutil")
import nordefco_cli as n
print(sorted(name for name in sys.modules if name.split(".")[0] in LIBRARIES))
print("nordefco_cli.cli.api" in sys.modules)
r = n.load("nordefco")
r.chair_on(date(2026, 3, 1)).record(date(2026, 12, 7))
r.terms_of("dk", date(2020, 1, 1), date(2030, 1, 1))
n.bodies()
n.parse_date("2026-03-01", date(2026, 12, 7))
print(sorted(name for name in sys.modules if name.split(".")[0] in LIBRARIES))
"""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "False", "[]"]


# bodies()

def test_bodies_are_the_bodies_the_command_line_lists(run):
    infos = n.bodies()
    records = cli_json(run, "bodies")
    assert [info.name for info in infos] == [record["body"] for record in records] == BODIES
    for info, record in zip(infos, records, strict=True):
        assert (info.full_name, info.short_name, info.origin, info.path, info.problem) == (
            record["name"], record["short_name"], record["origin"], record["path"],
            record["problem"])
        assert info.checked == date.fromisoformat(record["checked"])
        assert isinstance(info, n.BodyInfo)


def test_bodies_show_a_broken_and_a_refused_user_file(run, user_body, shipped_text):
    user_body("mine", shipped_text.replace('short_name = "NORDEFCO"', 'short_name = "Mine"'))
    broken = user_body("broken", "not toml [")
    refused = user_body("NCM", shipped_text)
    infos = {info.name: info for info in n.bodies() if info.origin == "user"}
    assert infos["mine"].short_name == "Mine" and infos["mine"].problem is None
    assert infos["broken"].path == broken and infos["broken"].full_name is None
    assert infos["broken"].problem.startswith("broken: TOML syntax error")
    assert infos["NCM"].path == refused and infos["NCM"].checked is None
    assert infos["NCM"].problem == "refused: 'NCM' is a shipped body's name; rename the file"
    records = {record["body"]: record for record in cli_json(run, "bodies")}
    for name, info in infos.items():
        assert records[name]["problem"] == info.problem


# load()

@pytest.mark.parametrize("body", BODIES)
def test_load_gives_the_rotation_of_each_body(body, run):
    rotation = n.load(body.upper())
    assert isinstance(rotation, n.Rotation)
    summary = cli_json(run, "validate", "--body", body)
    assert rotation.body.short_name == summary["body"]
    assert len(rotation.history) == summary["recorded_terms"]


def test_load_without_a_name_is_nordefco():
    assert n.load().body.short_name == "NORDEFCO" == n.load(" Nordefco ").body.short_name


def test_load_a_path(shipped_text, write_data):
    path = write_data(shipped_text.replace('short_name = "NORDEFCO"', 'short_name = "NDC"'))
    assert n.load(path=path).body.short_name == "NDC"
    assert n.load(path=Path(path)).body.short_name == "NDC"


def test_load_a_user_body(user_body, shipped_text):
    user_body("Mine", shipped_text.replace('short_name = "NORDEFCO"', 'short_name = "Mine"'))
    assert n.load("mine").body.short_name == "Mine"


def test_an_unknown_body_names_the_close_ones(run):
    with pytest.raises(n.UnknownBody) as caught:
        n.load("nordfco")
    error = caught.value
    assert error.name == "nordfco" and error.close == ["nordefco"]
    assert error.known == tuple(BODIES)
    assert str(error) == f"'nordfco' is not a body; known: {', '.join(BODIES)}."
    # The command line's words, where --body also takes `all`.
    assert cli_error(run, "chair", "--body", "nordfco") == (
        f"Invalid value for '--body': 'nordfco' is not a body; known: all, {', '.join(BODIES)}.")
    assert isinstance(error, ValueError)


def test_close_names_may_be_several_or_none():
    with pytest.raises(n.UnknownBody) as caught:
        n.load("Council")
    assert set(caught.value.close) <= {"eu-council", "nordic-council", "arctic-council"}
    assert caught.value.close
    with pytest.raises(n.UnknownBody) as caught:
        n.load("xyz")
    assert caught.value.close == []


def test_all_is_no_body_to_load():
    with pytest.raises(n.UnknownBody, match="'all' is not a body"):
        n.load("all")


def test_a_broken_file_raises_every_problem_validate_lists(shipped_text, write_data, run):
    text = shipped_text.replace('order = ["NO", "SE", "DK", "FI"]', 'order = ["NO", "SE", "XX"]')
    path = write_data(text.replace("term_months = 12", "term_months = 0"))
    with pytest.raises(n.DataFileError) as caught:
        n.load(path=path)
    error = caught.value
    assert error.path == path
    lines = run("validate", path).stderr.splitlines()[:-1]
    assert [f"{path}: {problem}" for problem in error.problems] == lines
    assert len(lines) == 4


def test_a_broken_user_body_raises_data_file_error(user_body):
    user_body("broken", "not toml [")
    with pytest.raises(n.DataFileError, match="TOML syntax error"):
        n.load("broken")


def test_a_missing_path_raises_data_file_error(tmp_path):
    with pytest.raises(n.DataFileError, match="cannot read the file: No such file"):
        n.load(path=tmp_path / "nope.toml")


def test_a_body_and_a_path_together_are_refused(write_data, shipped_text):
    with pytest.raises(ValueError, match="a body or a path, not both"):
        n.load("ncm", path=write_data(shipped_text))


def test_a_refused_user_file_warns_as_the_command_line_notes(user_body, shipped_text, run):
    user_body("ncm", shipped_text)
    with pytest.warns(UserWarning) as warned:
        rotation = n.load("ncm")
    assert rotation.body.short_name == "NCM"
    note = run("chair", "--body", "ncm", "--format", "tsv").stderr.splitlines()[0]
    assert [f"Note: {warning.message}" for warning in warned] == [note]


# The cache: loading works where it cannot be written, and writes nowhere else

def tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


LOAD = "import nordefco_cli as n; print(n.load('ncm').body.short_name)"
# Permission bits do not stop root (CI runs as root): a read-only file system
# is made by failing every call that would create a folder or a file.


def read_only_file_system(monkeypatch):
    import errno
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "mkdir", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)


def test_a_read_only_home_loads_and_writes_nothing(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME")
    read_only_file_system(monkeypatch)
    assert n.load("ncm").body.short_name == "NCM"
    assert tree(tmp_path) == ["home"]


def test_a_read_only_cache_loads_and_writes_nothing(tmp_path, monkeypatch):
    (tmp_path / "cache" / "nordefco").mkdir(parents=True, mode=0o700)
    (tmp_path / "cache").chmod(0o700)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    read_only_file_system(monkeypatch)
    assert n.load("ncm").body.short_name == "NCM"
    assert tree(tmp_path) == ["cache", "cache/nordefco"]


def test_a_missing_home_loads_and_writes_nothing(tmp_path):
    env = subprocess_env(HOME=str(tmp_path / "nonexistent"))
    env.pop("XDG_CACHE_HOME")
    result = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "NCM\n", "")
    assert tree(tmp_path) == []


def test_no_home_writes_only_the_xdg_cache(tmp_path):
    env = subprocess_env(XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("HOME")
    result = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stdout) == (0, "NCM\n")
    assert [entry for entry in tree(tmp_path) if not entry.startswith("cache")] == []
    assert len(os.listdir(tmp_path / "cache" / "nordefco")) == 1


def test_no_home_at_all_loads_without_a_cache(monkeypatch, tmp_path):
    # No HOME, and no home in the password database either: expanduser gives "~".
    import pwd

    def no_entry(uid):
        raise KeyError(uid)

    monkeypatch.delenv("HOME")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.chdir(tmp_path)
    assert os.path.expanduser("~") == "~"
    assert n.load("g7").body.short_name == "G7"
    assert tree(tmp_path) == []


# Rotation.chair_on

def test_chair_on_gives_the_term_in_force():
    term = n.load().chair_on(date(2026, 3, 1))
    assert isinstance(term, n.Term)
    assert (term.holder.code, term.start, term.end, term.projected) == (
        "NO", date(2026, 1, 1), date(2026, 12, 31), False)
    assert term.status(TODAY) == "recorded"


def test_chair_on_a_projected_day():
    term = n.load().chair_on(date(2031, 5, 5))
    assert (term.holder.name, term.projected, term.source, term.status(TODAY)) == (
        "Sweden", True, None, "projected")


def test_chair_on_takes_a_datetime_as_its_date():
    rotation = n.load()
    assert rotation.chair_on(datetime(2026, 12, 31, 23, 59)) == rotation.chair_on(
        date(2026, 12, 31))


def test_chair_on_refuses_what_is_not_a_date():
    with pytest.raises(TypeError, match="day must be a datetime.date, not str"):
        n.load().chair_on("2026-03-01")


@pytest.mark.parametrize(("body", "day", "kind"), [
    ("nordefco", date(2008, 1, 1), "before_established"),
    ("eu-council", date(2009, 11, 4), "before_record"),
    ("eu-council", date(2031, 1, 1), "no_order"),
    ("beac", date(2026, 6, 1), "no_order"),
])
def test_no_chair_says_why_in_the_command_lines_words(run, body, day, kind):
    rotation = n.load(body)
    with pytest.raises(n.NoChair) as caught:
        rotation.chair_on(day)
    gap = caught.value.gap
    assert (gap.kind, gap.day, gap.body) == (kind, day, rotation.body)
    assert (gap.record_start, gap.record_end) == (rotation.first_day,
                                                 rotation.last_recorded_day)
    assert str(caught.value) == cli_error(run, "chair", "--body", body, "--date",
                                          day.isoformat())
    assert isinstance(caught.value, LookupError)


def test_no_chair_carries_the_facts_behind_its_words():
    with pytest.raises(n.NoChair) as caught:
        n.load("eu-council").chair_on(date(2031, 1, 1))
    gap = caught.value.gap
    assert gap.record_end == date(2030, 12, 31)
    assert gap.note == "the Council has not yet decided the order from 2031"
    with pytest.raises(n.NoChair) as caught:
        n.load().chair_on(date(2009, 11, 3))
    assert caught.value.gap.body.established == date(2009, 11, 4)


# Rotation.terms and terms_of

def test_terms_are_the_schedule(run):
    rotation = n.load()
    terms = rotation.terms(date(2009, 1, 1), date(2040, 12, 31))
    assert [term.record(TODAY) for term in terms] == cli_json(
        run, "schedule", "--from", "2009", "--to", "2040")
    assert len(terms) == 32 and terms[-1].projected and not terms[0].projected


def test_terms_overlap_the_window_at_both_ends():
    terms = n.load("arctic-council").terms(date(2026, 1, 1), date(2027, 5, 12))
    assert [(term.holder.code, term.start) for term in terms] == [
        ("DK", date(2025, 5, 12)), ("SE", date(2027, 5, 12))]


def test_terms_before_the_record_are_none():
    rotation = n.load()
    assert rotation.terms(date(2000, 1, 1), date(2008, 12, 31)) == []
    assert rotation.gap(date(2000, 1, 1), date(2008, 12, 31)).kind == "before_established"


def test_terms_refuse_a_window_that_ends_before_it_starts():
    with pytest.raises(ValueError, match="end 2025-01-01 is before start 2026-01-01"):
        n.load().terms(date(2026, 1, 1), date(2025, 1, 1))
    with pytest.raises(ValueError, match="end 2025-01-01 is before start 2026-01-01"):
        n.load().terms_of("dk", date(2026, 1, 1), date(2025, 1, 1))


def test_terms_refuse_what_is_not_a_date():
    with pytest.raises(TypeError, match="end must be a datetime.date, not int"):
        n.load().terms(date(2026, 1, 1), 2030)


@pytest.mark.parametrize("name", ["dk", "DK", "Denmark", "danmark", "DANMARK"])
def test_terms_of_a_member_by_any_name(name):
    terms = n.load().terms_of(name, date(2016, 1, 1), date(2028, 12, 31))
    assert [term.year for term in terms] == [2016, 2020, 2024, 2028]


def test_terms_of_are_the_countrys_terms(run):
    terms = n.load("arctic-council").terms_of("denmark", date(2000, 1, 1), date(2040, 1, 1))
    records = cli_json(run, "country", "denmark", "--body", "arctic-council", "--from",
                       "2000", "--to", "2040-01-01")
    assert [{"body": "arctic-council", **term.record(TODAY)} for term in terms] == records


def test_terms_of_count_joint_terms():
    terms = n.load("beac").terms_of("no", date(2023, 1, 1), date(2025, 12, 31))
    assert [term.holder.code for term in terms] == ["FI+NO+SE"]
    assert [part.code for part in terms[0].holder.parts] == ["FI", "NO", "SE"]


def test_terms_of_a_member_who_never_chairs_are_none():
    assert n.load().terms_of("ísland", date(2009, 1, 1), date(2040, 1, 1)) == []


def test_terms_of_an_unknown_member(run):
    rotation = n.load()
    with pytest.raises(n.UnknownMember) as caught:
        rotation.terms_of("xx", date(2020, 1, 1), date(2030, 1, 1))
    error = caught.value
    assert (error.name, error.body, error.known) == ("xx", rotation.body, rotation.members)
    assert f"Invalid value for 'COUNTRY': {error}" == cli_error(run, "next", "xx")
    assert isinstance(error, ValueError)


# Term.record

def test_a_record_is_the_json_record(run):
    term = n.load("beac").chair_on(date(2024, 6, 1))
    record = cli_json(run, "chair", "--body", "beac", "--date", "2024-06-01")
    assert record.pop("date") == "2024-06-01"
    assert term.record(TODAY) == record
    assert list(term.record(TODAY)) == list(record)


def test_a_record_s_status_is_as_of_the_day_given():
    term = n.load("eu-council").chair_on(date(2027, 8, 1))
    assert term.record(date(2027, 6, 30))["status"] == "announced"
    assert term.record(date(2027, 7, 1))["status"] == "recorded"


def test_records_are_rows_for_a_data_frame():
    # What pandas.DataFrame takes: dicts with the same keys, of plain values.
    rows = [term.record(TODAY) for term in n.load().terms(date(2025, 1, 1), date(2028, 1, 1))]
    assert {tuple(row) for row in rows} == {
        ("year", "start", "end", "code", "country", "status", "source", "note")}
    assert all(type(value) in (int, str, type(None)) for row in rows for value in row.values())


# parse_date

@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-01", date(2026, 3, 1)),
    ("1. mars 2026", date(2026, 3, 1)),
    ("1. maaliskuuta 2026", date(2026, 3, 1)),
    ("next monday", date(2026, 12, 14)),
    ("+3 days", date(2026, 12, 10)),
    ("today", TODAY),
])
def test_parse_date_reads_dates_as_the_command_line_does(text, expected, run):
    assert n.parse_date(text, TODAY) == expected
    assert cli_json(run, "chair", "--date", text)["date"] == expected.isoformat()


@pytest.mark.parametrize("text", ["Monday 1 March 2026", "03/01/2026", "March", "", "+9000 years"])
def test_parse_date_refuses_with_the_command_lines_message(text, run):
    with pytest.raises(ValueError) as caught:
        n.parse_date(text, TODAY)
    assert isinstance(caught.value, n.DateError)
    assert cli_error(run, "chair", "--date", text) == f"Invalid value for '--date': {caught.value}"


def test_parse_date_counts_from_the_day_given():
    assert n.parse_date("tomorrow", date(2000, 2, 28)) == date(2000, 2, 29)


# The docstrings' examples run

@pytest.mark.parametrize("module", [api, model, rotation, dates, registry, files],
                         ids=lambda module: module.__name__)
def test_the_docstring_examples_run(module):
    failed, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE
                                    | doctest.ELLIPSIS)
    assert (failed, tried > 0) == (0, True)


@pytest.mark.parametrize("name", ["bodies", "load", "parse_date", "Rotation", "Rotation.chair_on",
                                  "Rotation.terms", "Rotation.terms_of", "Term", "Term.record",
                                  "Term.status", "BodyInfo", "Body", "Member", "NoChair",
                                  "UnknownBody", "UnknownMember", "DataFileError"])
def test_each_part_of_the_api_has_a_docstring_with_an_example(name):
    thing = n
    for part in name.split("."):
        thing = getattr(thing, part)
    assert ">>> " in (thing.__doc__ or ""), name


# The API and the command line agree

# `run` is a CliRunner, the same for every example.
@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.sampled_from(BODIES),
       day=st.dates(min_value=date(1970, 1, 1), max_value=date(2060, 12, 31)))
def test_the_api_and_the_command_line_give_the_same_record(run, body, day):
    result = run("chair", "--body", body, "--date", day.isoformat(), "--format", "json")
    rotation = n.load(body)
    try:
        term = rotation.chair_on(day)
    except n.NoChair as error:
        assert result.exit_code == 1 and result.stderr == f"Error: {error}\n"
        return
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record.pop("date") == day.isoformat()
    assert term.record(TODAY) == record


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.sampled_from(BODIES),
       start=st.dates(min_value=date(1970, 1, 1), max_value=date(2060, 12, 31)),
       days=st.integers(min_value=0, max_value=3 * 366))
def test_the_api_and_the_command_line_give_the_same_schedule(run, body, start, days):
    end = date.fromordinal(start.toordinal() + days)
    result = run("schedule", "--body", body, "--from", start.isoformat(), "--to",
                 end.isoformat(), "--format", "json")
    terms = n.load(body).terms(start, end)
    if not terms:
        assert result.exit_code == 1 and result.stdout == ""
        return
    assert result.exit_code == 0, result.stderr
    assert [term.record(TODAY) for term in terms] == json.loads(result.stdout)
