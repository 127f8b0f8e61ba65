"""Issue 17: every answer says where the record stops covering the days asked about."""

import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nordefco_cli.core.several import country_in_bodies
from nordefco_cli.data.files import load_rotation, shipped_bodies
from nordefco_cli.render.words import coverage_note

BODIES = sorted(shipped_bodies())
ROTATIONS = {name: load_rotation(path, use_cache=False) for name, path in shipped_bodies().items()}
EU_NOTE = ("Note: EU Council: the record covers 2017-01-01 to 2030-12-31; "
           "earlier terms are not recorded\n")


def outside(rotation, first, last):
    """Independently of Coverage: does first..last reach days the record does not cover?"""
    established = rotation.body.established
    before = any(day < rotation.first_day and (established is None or day >= established)
                 for day in (first, last, established or first) if first <= day <= last)
    if not (rotation.order or rotation.by_name):
        after = last > rotation.last_recorded_day  # nothing is projected
    else:  # projected as far as the file knows who is seated (a horizon), or for ever
        after = rotation.horizon is not None and last > rotation.horizon
    return before or after


# The core's values

def test_coverage_of_a_window_before_the_record():
    coverage = ROTATIONS["eu-council"].coverage(date(2012, 1, 1), date(2012, 12, 31))
    assert (coverage.before, coverage.after, coverage.outside) == (True, False, True)
    assert coverage.covered is None
    assert coverage_note(coverage) == EU_NOTE[len("Note: "):-1]


def test_coverage_past_a_record_that_projects_nothing():
    coverage = ROTATIONS["eu-council"].coverage(date(2030, 1, 1), date(2032, 12, 31))
    assert (coverage.before, coverage.after) == (False, True)
    assert coverage.covered == (date(2030, 1, 1), date(2030, 12, 31))
    assert "later terms are not known: no order is decided after 2030-12-31 (the Council" \
        in coverage_note(coverage)


def test_days_before_the_body_was_established_are_covered_when_the_record_starts_then():
    # NORDEFCO's record starts the day it was established: no chair before is known.
    coverage = ROTATIONS["nordefco"].coverage(date(2000, 1, 1), date(2040, 1, 1))
    assert not coverage.outside and coverage.before_established


def test_an_established_body_whose_record_starts_later_is_outside_before_it():
    coverage = ROTATIONS["beac"].coverage(date(1990, 1, 1), date(2000, 1, 1))
    assert coverage.before and coverage_note(coverage) == (
        "BEAC: the record covers 1999-03-05 to 2025-12-31; BEAC was established on "
        "1993-01-11; earlier terms are not recorded")


def test_projected_since():
    cbss = ROTATIONS["cbss"]
    assert cbss.projected_since(date(2026, 6, 30)) is None
    assert cbss.projected_since(date(2026, 7, 1)) == date(2026, 7, 1)
    assert ROTATIONS["eu-council"].projected_since(date(2040, 1, 1)) is None


@pytest.mark.parametrize("text", ["Kingdom of Denmark", "Danmark", "dk", "DENMARK"])
def test_a_country_is_resolved_once_to_a_code(text):
    members = country_in_bodies(list(ROTATIONS.items()), text)
    assert {member.code for member in members.values()} == {"DK"}
    assert "eu-council" in members and "arctic-council" in members


def test_an_unknown_country_is_no_member():
    assert country_in_bodies(list(ROTATIONS.items()), "atlantis") == {}


# What each command says

def test_country_never_says_none_held_where_the_record_is_silent(run):
    result = run("country", "dk", "--body", "eu-council", "--from", "2012", "--to", "2012")
    assert result.exit_code == 0 and result.stdout == ""
    assert "holds no chair" not in result.stderr
    assert result.stderr == (
        "Note: the record of eu-council does not cover 2012-01-01 to 2012-12-31: whether "
        "Denmark held the chair then is not known\n" + EU_NOTE)


def test_country_says_none_held_only_over_covered_days(run):
    result = run("country", "dk", "--body", "eu-council", "--from", "2012", "--to", "2018")
    assert "Denmark holds no chair from 2017-01-01 to 2018-12-31 in eu-council" \
        in result.stderr and EU_NOTE in result.stderr


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json"])
def test_country_across_the_start_of_records_says_so(run, fmt):
    result = run("country", "dk", "--from", "2009", "--to", "2026", "--format", fmt)
    assert result.exit_code == 0
    assert EU_NOTE in result.stderr
    assert "Note: NCM: the record covers 2014-01-01 to 2026-12-31, projected after; " \
           "earlier terms are not recorded\n" in result.stderr
    if fmt == "table":  # and in place, under the table
        assert "EU Council: the record covers" in result.stdout


@pytest.mark.parametrize("text", ["Kingdom of Denmark", "Danmark"])
def test_country_by_any_name_gives_the_rows_of_its_code(run, text):
    by_code = run("country", "dk", "--from", "2009", "--to", "2026", "--format", "tsv")
    by_name = run("country", text, "--from", "2009", "--to", "2026", "--format", "tsv")
    assert by_name.stdout == by_code.stdout and by_code.stdout.count("\n") > 10


def test_next_before_the_record_says_so(run):
    result = run("next", "dk", "--body", "eu-council", "--date", "2010-01-01")
    assert result.exit_code == 0 and "\t2025-07-01\t" in result.stdout
    assert result.stderr == EU_NOTE


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
def test_schedule_outside_the_record_says_so_in_every_format(run, fmt):
    before = run("schedule", "--body", "eu-council", "--from", "2009", "--to", "2017",
                 "--format", fmt)
    assert EU_NOTE in before.stderr
    after = run("schedule", "--body", "eu-council", "--from", "2030", "--to", "2032",
                "--format", fmt)
    assert "later terms are not known: no order is decided after 2030-12-31" in after.stderr
    if fmt == "table":
        assert "EU Council: the record covers" in before.stdout
        assert "The schedule stops at 2030-12-31" in after.stdout


def test_chair_summary_says_a_projection_is_overdue(run):
    words = ("projected, due since 2026-07-01, not confirmed by the record "
             "(checked 2026-12-07)")
    table = run("chair", "--body", "cbss", "--format", "table", env={"COLUMNS": "200"})
    assert words in table.stdout
    tsv = run("chair", "--body", "cbss", "--format", "json")
    assert json.loads(tsv.stdout)["status"] == "projected"
    assert tsv.stderr == f"Note: CBSS: {words}\n"
    several = run("chair", "--body", "cbss", "--body", "ncm", "--format", "table",
                  env={"COLUMNS": "200"})
    assert words in several.stdout


def test_chair_on_a_recorded_term_has_no_overdue_note(run):
    result = run("chair", "--body", "cbss", "--date", "2026-03-01", "--format", "json")
    assert result.stderr == ""


def test_members_says_the_record_is_behind(run):
    result = run("members", "--body", "cbss", "--format", "tsv")
    assert "CBSS: the record is behind: projected, due since 2026-07-01" in result.stderr
    assert run("members", "--body", "cbss", "--date", "2026-03-01").stderr == ""


def test_validate_warns_a_record_behind(run, write_data, shipped_text):
    result = run("validate", "--body", "cbss")
    assert result.exit_code == 0
    assert "warning: body.checked: 2026-12-07 is after 2026-07-01, the start of a term the " \
           "file still projects: the record is behind" in result.stderr
    assert run("validate", "--body", "nordefco").stderr == ""


def test_bodies_shows_which_records_are_behind(run):
    records = [json.loads(line) for line in
               run("bodies", "--format", "jsonl").stdout.splitlines()]
    assert {r["body"]: r["behind"] for r in records if r["behind"]} == {
        "cbss": "2026-07-01", "coe-cm": "2026-11-15", "unsc": "2026-09-01"}


@pytest.mark.parametrize("fmt", ["table", "tsv"])
def test_timeline_marks_the_days_outside_the_record(run, fmt):
    result = run("timeline", "--from", "2009", "--to", "2032", "--body", "eu-council",
                 "--format", fmt, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "later terms are not known" in result.stderr and "earlier terms" in result.stderr
    if fmt == "table":
        rows = [line for line in result.stdout.splitlines() if line.startswith("EU Council ")]
        assert "EU Council  not in the record: see below" in rows
        assert "no chair known" not in result.stdout
        later = run("timeline", "--from", "2029", "--to", "2034", "--body", "eu-council",
                    "--format", fmt, env={"COLUMNS": "80"})
        assert [line.rstrip() for line in later.stdout.splitlines()
                if line.startswith("EU Council ")][-1].endswith("not in the record: see below")


def test_a_timeline_too_long_to_draw_says_only_that(run):
    result = run("timeline", "--from", "2009", "--to", "9999", "--format", "table",
                 env={"COLUMNS": "80"})
    assert result.exit_code == 1 and result.stderr.count("\n") == 1


# The property: no claim, of a chair or of none, outside the record without the note

DAYS = st.dates(min_value=date(1985, 1, 1), max_value=date(2045, 12, 31))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.sampled_from(BODIES), a=DAYS, b=DAYS, command=st.sampled_from(
    ["schedule", "country", "timeline"]), fmt=st.sampled_from(["tsv", "json", "table"]))
def test_no_claim_outside_the_record_without_the_note(run, body, a, b, command, fmt):
    first, last = min(a, b), max(a, b)
    rotation = ROTATIONS[body]
    window = ["--from", first.isoformat(), "--to", last.isoformat(), "--body", body,
              "--format", fmt]
    if command == "country":
        code = next(m.code for m in rotation.members if m.chairs)
        result = run("country", code, *window, env={"COLUMNS": "200"})
    else:
        result = run(command, *window, env={"COLUMNS": "200"})
    said = result.stdout.strip() or result.stderr.strip()
    if not said or not outside(rotation, first, last):
        return
    short = rotation.body.short_name
    # A claim over days outside the record: the note (or, with no term at all in
    # the window, the "no chair on record" message) goes with it.
    assert (f"{short}: the record covers" in result.stderr
            or f"{short}: no chair on record" in result.stderr
            or "does not cover" in result.stderr
            or (not rotation.order and first > rotation.last_recorded_day
                and f"{short} has no chair from" in result.stderr
                and "no order is decided" in result.stderr)), result.stderr
    for start, end in re.findall(r"holds no chair from (\S+) to (\S+) in", result.stderr):
        covered = rotation.coverage(first, last).covered
        assert covered is not None
        assert covered[0] <= date.fromisoformat(start) <= date.fromisoformat(end) <= covered[1]


# nordefco sources

def test_sources_lists_every_term_of_every_body_with_its_domain(run):
    records = [json.loads(line) for line in
               run("sources", "--format", "jsonl").stdout.splitlines()]
    assert len(records) == sum(len(r.history) for r in ROTATIONS.values())
    assert {r["body"] for r in records} == set(BODIES)
    first = records[0]
    assert list(first) == ["body", "year", "start", "end", "code", "country", "status",
                           "domain", "source", "note"]
    for record in records:
        host = record["source"].split("//", 1)[1].split("/", 1)[0]
        assert record["domain"] == host.removeprefix("www.")


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "table"])
def test_sources_of_one_body_in_every_format(run, fmt):
    result = run("sources", "--body", "nordefco", "--format", fmt, env={"COLUMNS": "80"})
    assert result.exit_code == 0 and result.stderr == ""
    assert "fmn.dk" in result.stdout and not result.stdout.startswith("body")
    if fmt == "tsv":
        assert result.stdout.splitlines()[0] == \
            "year\tstart\tend\tcode\tcountry\tstatus\tdomain\tsource\tnote"
        assert len(result.stdout.splitlines()) == 1 + len(ROTATIONS["nordefco"].history)
    if fmt == "table":  # notes are lettered, apart from numbered sources
        assert "(a) Finland chaired the predecessor" in result.stdout
        assert "[1] https://www.fmn.dk/" in result.stdout


def test_sources_of_an_unknown_body_is_a_usage_error(run):
    assert run("sources", "--body", "atlantis").exit_code == 2


def test_sources_of_a_citation_has_no_domain(run, write_data, shipped_text):
    text = shipped_text.replace(
        "https://www.highnorthnews.com/en/norway-assumes-leadership-nordefco",
        "Annual report 2026, p. 3", 1)
    result = run("sources", "--data", write_data(text), "--format", "jsonl")
    last = json.loads(result.stdout.splitlines()[-1])
    assert last["domain"] is None and last["source"] == "Annual report 2026, p. 3"
