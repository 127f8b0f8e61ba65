"""Issue 20: the shipped bodies ordered by name (the UNSC, the CoE CM) follow their rule.

Consecutive holders, recorded and projected, are checked against the rule
walked independently of the engine (its seats and names read here, not
through core.seating); a recorded term that departs from it carries a note.
And `chair`, `schedule` and `country` agree on any day the record covers.
"""

import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nordefco_cli.data.files import load_rotation, shipped_bodies

RULE_BODIES = ["unsc", "coe-cm"]
ROTATIONS = {body: load_rotation(shipped_bodies()[body], use_cache=False)
             for body in RULE_BODIES}
# Far enough for the CoE CM (no horizon) to go round its 46 members twice.
UNTIL = date(2073, 12, 31)
# Recorded terms that depart from the rule (docs/sources/coe-cm.md, "Departures
# from strict order"): each needs a note, and no other term may depart.
# Three departures, each with the term where the order resumes: Estonia and
# Croatia exchanged turns (2016, 2018), Greece came before Germany (2020), and
# Italy, Ireland and Iceland came in reverse order (2021-2022).
DEPARTURES = {"unsc": [], "coe-cm": ["2016-05-18", "2016-11-22", "2018-05-18", "2018-11-21",
                                     "2020-05-15", "2020-11-18", "2021-05-21", "2021-11-17",
                                     "2022-05-20", "2022-11-09", "2023-05-17"]}


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def is_seated(member, day: date) -> bool:
    if member.left is not None and day >= member.left:
        return False
    return not member.seats or any(first <= day <= last for first, last in member.seats)


def by_rule(rotation, previous, day: date):
    """The member the rule gives after `previous`, among those seated on `day`."""
    seated = sorted((m for m in rotation.members if m.chairs and is_seated(m, day)),
                    key=lambda m: plain(m.sort_name or m.name))
    after = [m for m in seated if plain(m.sort_name or m.name) > plain(previous.sort_name
                                                                         or previous.name)]
    return (after or seated)[0]


@pytest.mark.parametrize("body", RULE_BODIES)
def test_consecutive_holders_follow_the_rule_among_the_seated(body):
    rotation = ROTATIONS[body]
    terms = list(rotation.terms_between(rotation.first_day,
                                        min(rotation.projected_to, UNTIL)))
    assert terms[-1].projected and len(terms) > 100
    departures = []
    for before, after in zip(terms, terms[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
        assert is_seated(after.holder, after.start), after
        if after.holder != by_rule(rotation, before.holder, after.start):
            assert not after.projected and after.note, after  # recorded as it happened, said
            departures.append(after.start.isoformat())
    assert departures == DEPARTURES[body]


def test_the_unsc_projection_stops_at_the_known_membership():
    rotation = ROTATIONS["unsc"]
    assert rotation.projected_to == date(2027, 12, 31) == rotation.horizon
    # Each month of a year has fifteen members seated: five permanent, ten elected.
    for year in range(2015, 2028):
        assert len([m for m in rotation.members if is_seated(m, date(year, 6, 1))]) == 15


def test_denmark_sat_twice_and_presided_in_each_seat():
    rotation = ROTATIONS["unsc"]
    [denmark] = [m for m in rotation.members if m.code == "DK"]
    assert denmark.seats == ((date(2005, 1, 1), date(2006, 12, 31)),
                             (date(2025, 1, 1), date(2026, 12, 31)))
    months = [t.start.isoformat() for t in rotation.terms_between(rotation.first_day,
                                                                  rotation.projected_to)
              if t.holder.code == "DK"]
    assert months == ["2025-03-01", "2026-08-01"]  # the 2005-06 seat is before the record


def jsonl(result):
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.sampled_from(RULE_BODIES), offset=st.integers(min_value=0, max_value=20_000))
def test_chair_schedule_and_country_agree(run, body, offset):
    rotation = ROTATIONS[body]
    day = min(rotation.first_day + timedelta(days=offset), rotation.projected_to)
    asked = ["--body", body, "--format", "jsonl"]
    [chair] = jsonl(run("chair", "--date", day.isoformat(), *asked))
    [term] = jsonl(run("schedule", "--from", day.isoformat(), "--to", day.isoformat(), *asked))
    assert {k: chair[k] for k in term} == term
    held = jsonl(run("country", chair["code"], "--from", day.isoformat(), "--to",
                     day.isoformat(), *asked))
    assert [{k: r[k] for k in term} for r in held] == [term]
    assert rotation.term_on(day).holder.code == chair["code"]


def test_next_for_a_member_whose_seat_ends_says_so_first(run):
    result = run("next", "dk", "--body", "unsc", "--format", "json")
    assert result.exit_code == 1 and result.stdout == "[]\n"  # json is always an array
    assert result.stderr == (
        "Error: UNSC has no known term after 2026-12-07: its last seat ends on 2026-12-31, "
        "and who is seated after 2027-12-31 is not in the record (the members to be elected "
        "in June 2027 for 2028-2029 are not known)\n")
    # A permanent member has no seat to end: only the horizon is said.
    result = run("next", "fr", "--body", "unsc", "--count", "3", "--format", "tsv",
                 "--no-header")
    assert result.stdout.split("\t")[1:6] == ["2027-12-01", "2027-12-31", "FR", "France",
                                              "projected"]
    assert result.stderr.splitlines()[0] == (
        "Note: UNSC has 1 term known after 2026-12-07, not 3: who is seated after 2027-12-31 "
        "is not in the record (the members to be elected in June 2027 for 2028-2029 are not "
        "known)")


@pytest.mark.parametrize(("day", "code"), [("2028-01-01", None), ("2027-12-31", "FR")])
def test_a_unsc_date_past_the_known_membership_is_exit_1_with_its_reason(run, day, code):
    result = run("chair", "--body", "unsc", "--date", day, "--format", "tsv", "--no-header")
    if code:
        assert result.exit_code == 0 and result.stdout.split("\t")[4] == code
    else:
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == (
            "Error: UNSC: no chair on record for 2028-01-01: who is seated after 2027-12-31 "
            "is not in the record (the members to be elected in June 2027 for 2028-2029 are "
            "not known)\n")


def test_g7_2027_is_the_united_states(run):
    result = run("chair", "--body", "g7", "--year", "2027", "--format", "tsv", "--no-header")
    assert result.stdout.split("\t")[4:7] == ["US", "United States", "announced"]


@pytest.mark.parametrize(("body", "year", "expected"), [
    ("coe-cm", 2024, ("2024-05-17", "2024-05-17", "LT")),  # a handover after the nominal 15 May
    ("coe-cm", 2026, ("2026-05-15", "2026-05-15", "MC")),  # on it
    ("arctic-council", 2013, ("2013-05-15", "2013-05-15", "CA")),
    ("arctic-council", 2023, ("2023-05-12", "2023-05-11", "NO")),  # before the nominal day
    ("unsc", 2027, ("2027-01-01", "2027-01-01", "PT")),
    ("nordefco", 2026, ("2026-01-01", "2026-01-01", "NO")),
])
def test_year_answers_the_term_that_years_handover_began(run, body, year, expected):
    [record] = jsonl(run("chair", "--body", body, "--year", str(year), "--format", "jsonl"))
    assert (record["date"], record["start"], record["code"]) == expected


def test_a_calendar_event_keeps_its_uid_when_a_nominal_day_becomes_a_record(run, write_data):
    # Montenegro is projected from the nominal 15 November; once the real day
    # (here a made-up 19 November) is recorded, a re-import updates the event.
    shipped = Path(shipped_bodies()["coe-cm"]).read_text(encoding="utf-8")
    later = write_data(shipped.replace("end = 2026-11-14", "end = 2026-11-18")
                       + '\n[[history]]\nstart = 2026-11-19\nend = 2027-05-14\nchair = "ME"\n'
                       'source = "https://example.org/montenegro"\n', "coe-cm.toml")

    def events(*source):
        result = run("schedule", *source, "--from", "2026-06-01", "--to", "2027-06-30",
                     "--format", "ics")
        assert result.exit_code == 0, result.stderr
        return {line.split(":", 1)[1]: [] for line in result.stdout.splitlines()
                if line.startswith("UID:")}

    projected, recorded = events("--body", "coe-cm"), events("--data", later)
    assert list(projected) == list(recorded) == [
        "coe-cm-chair-202605@nordefco-cli", "coe-cm-chair-202611@nordefco-cli",
        "coe-cm-chair-202705@nordefco-cli"]


def test_a_second_term_starting_in_a_month_is_named_by_its_day(run, write_data, shipped_text):
    interim = shipped_text.replace(
        'year = 2026\nchair = "NO"',
        'start = 2026-01-01\nend = 2026-01-14\nchair = "FI"\n'
        'source = "https://example.org/interim"\n\n[[history]]\n'
        'start = 2026-01-15\nend = 2026-12-31\nchair = "NO"')
    result = run("schedule", "--data", write_data(interim), "--from", "2026", "--years", "2",
                 "--format", "ics")
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("UID:")] == [
        "UID:rotation-chair-202601@nordefco-cli", "UID:rotation-chair-20260115@nordefco-cli",
        "UID:rotation-chair-202701@nordefco-cli"]  # named by the file: rotation.toml


def test_members_say_whose_next_term_is_not_known(run):
    result = run("members", "--body", "unsc", "--date", "2027-06-01", "--format", "tsv",
                 "--no-header")
    blank = [line.split("\t")[0] for line in result.stdout.splitlines()
             if line.split("\t")[6] == ""]
    assert blank == ["RU", "GB", "US", "LV", "LR", "KG", "PT", "TT", "ZW"]
    assert result.stderr == (
        "Note: UNSC: no next term is known for RU, GB, US, LV, LR, KG, PT, TT, ZW: who is "
        "seated after 2027-12-31 is not in the record (the members to be elected in June "
        "2027 for 2028-2029 are not known)\n")
    # A body projected for ever has no such note; Iceland never chairs.
    assert run("members", "--format", "tsv").stderr == ""
