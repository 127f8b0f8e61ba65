"""The G7 presidency and the Nordic Council presidency: the shipped facts and their sources.

The facts are those data/bodies/g7.toml and data/bodies/nordic-council.toml
record, each checked against the sources their comments cite (2026-12-07).
"""

import json
from datetime import date, timedelta

import pytest
from conftest import TODAY

from nordefco_cli.core.model import PROJECTED
from nordefco_cli.data.files import load_rotation, shipped_bodies

# The G7 presidency by year: the host of that year's summit, 1975-2026 (2014
# is split: see G7_2014), and the United States announced for 2027.
G7_ORDER = ("FR", "US", "GB", "DE", "JP", "IT", "CA")
G7_RECORDED = {
    **{1975 + i: G7_ORDER[i % 7] for i in range(31)},  # 1975 France ... 2005 United Kingdom
    2006: "RU", 2007: "DE", 2008: "JP", 2009: "IT", 2010: "CA", 2011: "FR", 2012: "US",
    2013: "GB", 2016: "JP", 2017: "IT", 2018: "CA", 2019: "FR", 2020: "US",
    2021: "GB", 2022: "DE", 2023: "JP", 2024: "IT", 2025: "CA", 2026: "FR", 2027: "US",
}
# Russia's nominal G8 presidency from 1 January 2014; Germany's G7 presidency
# from the Brussels summit (4-5 June 2014) to the end of 2015.
G7_2014 = [("RU", date(2014, 1, 1), date(2014, 6, 4)),
           ("DE", date(2014, 6, 5), date(2015, 12, 31))]

NC_ORDER = ("DK", "FI", "NO", "SE", "IS")
NC_RECORDED = {
    2004: "SE", 2005: "IS", 2006: "DK", 2007: "NO", 2008: "FI", 2009: "SE", 2010: "IS",
    2011: "DK", 2012: "FI", 2013: "NO", 2014: "SE", 2015: "IS", 2016: "DK", 2017: "FI",
    2018: "NO", 2019: "SE", 2020: "IS", 2021: "DK", 2022: "FI", 2023: "NO", 2024: "IS",
    2025: "SE", 2026: "FI",
}


@pytest.fixture(scope="module")
def g7():
    return load_rotation(shipped_bodies()["g7"], use_cache=False)


@pytest.fixture(scope="module")
def nordic_council():
    return load_rotation(shipped_bodies()["nordic-council"], use_cache=False)


def chair(run, body, *args):
    result = run("chair", "--body", body, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_both_are_shipped():
    bodies = shipped_bodies()
    assert {"g7", "nordic-council"} <= set(bodies)
    assert bodies["g7"].endswith("g7.toml")
    assert bodies["nordic-council"].endswith("nordic-council.toml")


@pytest.mark.parametrize("body", ["g7", "nordic-council"])
def test_checked_on_2026_12_07_and_every_term_has_a_url(body):
    rotation = load_rotation(shipped_bodies()[body], use_cache=False)
    assert rotation.body.checked == date(2026, 12, 7)
    for term in rotation.history:
        assert term.source.startswith(("https://", "http://")) and " " not in term.source


# The G7

def test_g7_body(g7):
    assert (g7.body.name, g7.body.short_name) == ("Group of Seven", "G7")
    assert g7.body.established == date(1975, 11, 15)  # the Rambouillet summit
    assert [m.code for m in g7.order] == list(G7_ORDER)
    assert tuple(g7.rule) == (1, 1, 12)


def test_g7_record_starts_with_rambouillet(g7):
    first = g7.history[0]
    assert (first.holder.code, first.start, first.end) == ("FR", date(1975, 11, 15),
                                                            date(1975, 12, 31))
    assert g7.term_on(date(1975, 12, 1)).holder.code == "FR"


def test_g7_recorded_presidencies(g7):
    by_year = {}
    for term in g7.history:
        if term.start.year != 2014:
            by_year[term.start.year] = term.holder.code
    assert by_year == G7_RECORDED
    assert [(t.holder.code, t.start, t.end) for t in g7.history
            if t.start.year == 2014] == G7_2014


def test_g7_record_is_whole_calendar_years_except_1975_and_2014(g7):
    for term in g7.history:
        if term.start.year in (1975, 2014):
            continue
        assert (term.start, term.end) == (date(term.start.year, 1, 1),
                                          date(term.start.year, 12, 31)), term


def test_g7_russia_left_in_2014_and_is_never_projected(g7):
    russia = g7.find_member("Russian Federation")
    assert russia.code == "RU" and russia.left == date(2014, 3, 24)
    assert russia not in g7.order
    assert [t.start.year for t in g7.history if t.holder == russia] == [2006, 2014]
    projected = list(g7.terms_between(date(2028, 1, 1), date(2400, 12, 31)))
    assert projected and all(t.status(TODAY) == PROJECTED for t in projected)
    assert russia not in {t.holder for t in projected}
    assert {t.holder.code for t in projected} == set(G7_ORDER)


def test_g7_the_eu_is_a_member_that_never_chairs(g7):
    eu = g7.find_member("EU")
    assert eu.name == "European Union" and not eu.chairs
    assert all(not t.held_by(eu) for t in g7.history)


def test_g7_projection_follows_the_order_after_2027(g7):
    years = range(2028, 2043)
    assert [g7.year_answer(y)[1].holder.code for y in years] == [
        G7_ORDER[(2 + i) % 7] for i in range(len(years))]  # 2028 United Kingdom


def test_g7_2027_is_the_united_states_announced(run):
    record = chair(run, "g7", "--year", "2027")
    assert (record["code"], record["country"], record["status"]) == (
        "US", "United States", "announced")
    assert record["source"].startswith("https://www.diplomatie.gouv.fr/")


def test_g7_2026_is_france(run):
    record = chair(run, "g7", "--year", "2026")
    assert (record["code"], record["country"], record["status"]) == ("FR", "France", "recorded")


def test_g7_2014_on_the_cli(run):
    before = chair(run, "g7", "--date", "2014-05-01")
    assert (before["code"], before["start"], before["end"]) == ("RU", "2014-01-01", "2014-06-04")
    assert "suspended" in before["note"]
    after = chair(run, "g7", "--date", "2014-06-05")
    assert (after["code"], after["start"], after["end"]) == ("DE", "2014-06-05", "2015-12-31")
    assert chair(run, "g7", "--year", "2015")["code"] == "DE"


def test_g7_russia_has_no_next_term(run):
    result = run("next", "russia", "--body", "g7", "--date", "2020-01-01")
    assert result.exit_code == 1
    assert "it left on 2014-03-24" in result.stderr


def test_g7_russia_never_appears_in_a_long_schedule(run):
    result = run("schedule", "--body", "g7", "--from", "2015", "--to", "2300", "--format",
                 "tsv", "--no-header")
    assert result.exit_code == 0, result.stderr
    codes = [line.split("\t")[3] for line in result.stdout.splitlines()]
    assert "RU" not in codes and len(codes) == 2300 - 2016 + 1 + 1  # 2014-15 term, then yearly


def test_g7_members_show_russia_left(run):
    result = run("members", "--body", "g7", "--date", "2026-03-01", "--format", "json")
    members = {m["code"]: m for m in json.loads(result.stdout)}
    assert members["RU"]["left"] == "2014-03-24" and members["RU"]["next_chairs"] is None
    assert members["EU"]["chairs"] is False
    assert members["US"]["next_chairs"] == 2027 and members["US"]["next_status"] == "announced"


def test_g7_before_the_first_summit(run):
    result = run("chair", "--body", "g7", "--date", "1975-11-14")
    assert result.exit_code == 1
    assert "G7 was established on 1975-11-15" in result.stderr


# The Nordic Council

def test_nordic_council_body(nordic_council):
    assert nordic_council.body.name == "Nordic Council"
    assert [m.code for m in nordic_council.order] == list(NC_ORDER)
    assert tuple(nordic_council.rule) == (1, 1, 12)


def test_nordic_council_recorded_presidencies(nordic_council):
    assert {t.start.year: t.holder.code for t in nordic_council.history} == NC_RECORDED
    assert all(not t.projected for t in nordic_council.history)


def test_nordic_council_record_is_contiguous_from_2004(nordic_council):
    history = nordic_council.history
    assert history[0].start == date(2004, 1, 1) and history[-1].end == date(2026, 12, 31)
    for before, after in zip(history, history[1:], strict=False):
        assert after.start - before.end == timedelta(days=1)


def test_nordic_council_swaps_the_sources_explain(nordic_council):
    # The rota from Sweden in 2004, and where the record departs from it.
    rota = {2004 + i: NC_ORDER[(3 + i) % 5] for i in range(23)}
    departures = {year: (rota[year], code) for year, code in NC_RECORDED.items()
                  if rota[year] != code}
    assert departures == {2007: ("FI", "NO"), 2008: ("NO", "FI"), 2024: ("SE", "IS"),
                          2025: ("IS", "SE"), 2026: ("DK", "FI")}


def test_nordic_council_projection_resumes_with_denmark(nordic_council):
    years = range(2027, 2037)
    terms = [nordic_council.year_answer(y)[1] for y in years]
    assert all(t.status(TODAY) == PROJECTED for t in terms)
    assert [t.holder.code for t in terms] == [NC_ORDER[i % 5] for i in range(len(years))]


def test_nordic_council_never_shares_a_year_with_the_ncm(nordic_council):
    # "The same country never holds the Presidency of the Nordic Council and
    # Nordic Council of Ministers in the same year" (norden.org): true of both
    # records where they overlap, and of both projections.
    ncm = load_rotation(shipped_bodies()["ncm"], use_cache=False)
    for year in range(ncm.first_day.year, 2060):
        assert (nordic_council.year_answer(year)[1].holder
                != ncm.year_answer(year)[1].holder), year


@pytest.mark.parametrize(("year", "code", "status"), [
    (2004, "SE", "recorded"), (2013, "NO", "recorded"), (2016, "DK", "recorded"),
    (2018, "NO", "recorded"), (2020, "IS", "recorded"), (2024, "IS", "recorded"),
    (2025, "SE", "recorded"), (2026, "FI", "recorded"), (2027, "DK", "projected"),
])
def test_nordic_council_on_the_cli(run, year, code, status):
    record = chair(run, "nordic-council", "--year", str(year))
    assert (record["code"], record["status"]) == (code, status)


def test_nordic_council_before_the_record(run):
    result = run("chair", "--body", "nordic-council", "--date", "2003-06-01")
    assert result.exit_code == 1
    assert "no chair on record for 2003-06-01: the record starts on 2004-01-01" in result.stderr


def test_nordic_council_is_not_the_council_of_ministers(run):
    ncm = chair(run, "ncm", "--year", "2026")
    council = chair(run, "nordic-council", "--year", "2026")
    assert (ncm["code"], council["code"]) == ("DK", "FI")
