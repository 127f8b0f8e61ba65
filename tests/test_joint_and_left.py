"""Terms held jointly, members who leave, and records that end with no order.

Tested on a data file of the tests' own (a council of four, two of them
chairing together, one leaving), then on the shipped CBSS and BEAC files.
"""

import csv
import io
import json
from datetime import date, timedelta

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nordefco_cli.core.model import PROJECTED
from nordefco_cli.data.files import load_rotation, shipped_bodies
from nordefco_cli.data.validation import InvalidData, rotation_from_dict

# Annual terms from 1 January. AA chaired 2020, BB and CC jointly 2021, DD
# 2022 and left on 2023-01-01; the order goes on without it from 2023.
COUNCIL = """
[body]
name = "Test Council"
short_name = "TC"

[rotation]
handover_month = 1
handover_day = 1
term_months = 12
order = ["AA", "BB", "CC", "DD"]
resume_with = "AA"

[[members]]
code = "AA"
name = "Alphaland"
chairs = true

[[members]]
code = "BB"
name = "Betaland"
native_name = "Betamaa"
chairs = true

[[members]]
code = "CC"
name = "Gammaland"
chairs = true

[[members]]
code = "DD"
name = "Deltaland"
chairs = true
left = 2023-01-01

[[members]]
code = "EE"
name = "Epsiland"
chairs = false

[[history]]
year = 2020
chair = "AA"
source = "https://example.org/2020"

[[history]]
year = 2021
chair = ["BB", "CC"]
source = "https://example.org/2021"

[[history]]
year = 2022
chair = "DD"
source = "https://example.org/2022"
"""

# The last field is the term's note (none here).
JOINT_TSV = ("2021\t2021-01-01\t2021-12-31\tBB+CC\tBetaland, Gammaland\trecorded\t"
             "https://example.org/2021\t")


@pytest.fixture
def council(write_data):
    return write_data(COUNCIL)


def load_text(text: str):
    import tomllib

    return rotation_from_dict(tomllib.loads(text))


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidData) as error:
        load_text(text)
    return [str(problem) for problem in error.value.problems]


# A joint term shows every holder, in every format.

def test_joint_term_in_tsv(run, council):
    result = run("chair", "--data", council, "--date", "2021-06-01", "--format", "tsv",
                 "--no-header")
    assert result.stdout == f"2021-06-01\t{JOINT_TSV}\n"


def test_joint_term_in_csv(run, council):
    result = run("schedule", "--data", council, "--from", "2021", "--years", "1",
                 "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["code"], row["country"]) for row in rows] == [
        ("BB+CC", "Betaland, Gammaland")]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_joint_term_in_json(run, council, fmt):
    result = run("chair", "--data", council, "--date", "2021-06-01", "--format", fmt)
    record = json.loads(result.stdout)
    assert (record["code"], record["country"], record["status"]) == (
        "BB+CC", "Betaland, Gammaland", "recorded")


def test_joint_term_in_a_table(run, council):
    result = run("schedule", "--data", council, "--from", "2021", "--years", "1",
                 "--format", "table", env={"COLUMNS": "200"})
    assert "BB+CC" in result.stdout and "Betaland, Gammaland" in result.stdout


def test_joint_term_in_a_calendar(run, council):
    result = run("schedule", "--data", council, "--from", "2021", "--years", "1",
                 "--format", "ics")
    events = icalendar.Calendar.from_ical(result.stdout_bytes.decode()).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["TC chair: Betaland, Gammaland"]


def test_handover_to_and_from_a_joint_term(run, council):
    handovers = json.loads(run("next", "--data", council, "--date", "2020-06-01", "--count", "2",
                               "--format", "json").stdout)
    assert [(h["from_code"], h["to_code"], h["to_country"]) for h in handovers] == [
        ("AA", "BB+CC", "Betaland, Gammaland"), ("BB+CC", "DD", "Deltaland")]


# Each holder's answers include the joint terms it shares.

@pytest.mark.parametrize("country", ["BB", "gammaland", "Betamaa"])
def test_next_country_includes_its_joint_terms(run, council, country):
    result = run("next", country, "--data", council, "--date", "2020-06-01", "--format", "tsv",
                 "--no-header")
    assert result.stdout.splitlines()[0] == JOINT_TSV


def test_members_count_joint_terms_for_each_holder(run, council):
    members = json.loads(run("members", "--data", council, "--date", "2021-06-01",
                             "--format", "json").stdout)
    by_code = {member["code"]: member for member in members}
    assert by_code["BB"]["last_chaired"] == by_code["CC"]["last_chaired"] == 2021
    assert "BB+CC" not in by_code  # a joint holder is not a member
    before = {m["code"]: m for m in json.loads(run(
        "members", "--data", council, "--date", "2020-06-01", "--format", "json").stdout)}
    assert (before["BB"]["next_chairs"], before["BB"]["next_status"]) == (2021, "recorded")
    assert before["CC"]["next_chairs"] == 2021


# A member who leaves.

def test_members_shows_who_left_and_when(run, council):
    members = json.loads(run("members", "--data", council, "--date", "2024-06-01",
                             "--format", "json").stdout)
    by_code = {member["code"]: member for member in members}
    assert by_code["DD"]["left"] == "2023-01-01"
    assert (by_code["DD"]["last_chaired"], by_code["DD"]["next_chairs"]) == (2022, None)
    assert by_code["AA"]["left"] is None


def test_the_projection_goes_on_without_who_left(run, council):
    terms = [json.loads(line) for line in run(
        "schedule", "--data", council, "--from", "2022", "--years", "6",
        "--format", "jsonl").stdout.splitlines()]
    assert [(t["code"], t["status"]) for t in terms] == [
        ("DD", "recorded"), ("AA", "projected"), ("BB", "projected"), ("CC", "projected"),
        ("AA", "projected"), ("BB", "projected")]


def test_next_for_who_left(run, council):
    result = run("next", "DD", "--data", council, "--date", "2023-01-01")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "Deltaland (DD) has no TC term after 2023-01-01: it left on 2023-01-01" in (
        result.stderr)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2400, 12, 31)))
def test_who_left_is_never_projected(day):
    rotation = load_text(COUNCIL)
    term = rotation.term_on(day)
    if term.status == PROJECTED:
        assert not any(part.left for part in term.holder.parts or (term.holder,))


def test_the_order_may_leave_out_who_left():
    rotation = load_text(COUNCIL.replace('order = ["AA", "BB", "CC", "DD"]',
                                         'order = ["AA", "BB", "CC"]'))
    assert [member.code for member in rotation.order] == ["AA", "BB", "CC"]


def test_the_projection_skips_who_left_after_the_last_chair():
    # Without resume_with: after DD (who left) comes AA, the next who remains.
    rotation = load_text(COUNCIL.replace('resume_with = "AA"\n', ""))
    assert rotation.term_on(date(2023, 6, 1)).holder.code == "AA"


def test_who_leaves_after_the_projection_starts_is_refused():
    text = COUNCIL.replace("left = 2023-01-01", "left = 2030-01-01")
    assert problems(text) == [
        "rotation.order: 'DD' leaves on 2030-01-01, after the projection starts on "
        "2023-01-01; record its terms up to then, or take it out of the order"]


def test_a_term_after_leaving_is_refused():
    text = COUNCIL.replace("left = 2023-01-01", "left = 2021-12-31")
    assert problems(text) == [
        "history[2].chair: 'DD' left on 2021-12-31, before this term starts"]


def test_resume_with_who_left_is_refused():
    text = COUNCIL.replace('resume_with = "AA"', 'resume_with = "DD"')
    assert "rotation.resume_with: 'DD' left on 2023-01-01" in problems(text)


# Joint terms the loader refuses.

@pytest.mark.parametrize("chair, expected", [
    ('["BB", "BB"]', "history[1].chair[1]: 'BB' is named twice"),
    ('["BB", "ZZ"]', "history[1].chair[1]: unknown member 'ZZ'"),
    ('["BB", "EE"]', "history[1].chair[1]: 'EE' may not chair (chairs = false)"),
    ('["BB", 7]', "history[1].chair[1]: expected a member code, got a whole number 7"),
    ("[]", "history[1].chair: must name at least one member"),
])
def test_bad_joint_chairs(chair, expected):
    assert expected in problems(COUNCIL.replace('chair = ["BB", "CC"]', f"chair = {chair}"))


def test_a_one_member_array_is_that_member():
    rotation = load_text(COUNCIL.replace('chair = ["BB", "CC"]', 'chair = ["BB"]'))
    assert rotation.history[1].holder.code == "BB" and not rotation.history[1].holder.parts


def test_a_joint_last_term_needs_resume_with():
    text = COUNCIL.replace('resume_with = "AA"\n', "").replace(
        'chair = "DD"', 'chair = ["AA", "CC"]')
    assert problems(text) == [
        "history[2].chair: the last recorded term is held jointly: set rotation.resume_with "
        "to say who chairs first after it"]


# A record that ends with no decided order says why.

NO_ORDER = COUNCIL.replace('order = ["AA", "BB", "CC", "DD"]\nresume_with = "AA"',
                           'order = []\nnote = "the council has not met since"')


def test_no_order_says_why(run, write_data):
    result = run("chair", "--data", write_data(NO_ORDER), "--date", "2023-06-01")
    assert result.exit_code == 1 and result.stderr == (
        "Error: TC has no chair on 2023-06-01: no order is decided after 2022-12-31 "
        "(the council has not met since)\n")
    after = run("next", "--data", write_data(NO_ORDER), "--date", "2023-06-01")
    assert after.exit_code == 1 and "(the council has not met since)" in after.stderr


def test_a_note_is_one_line():
    assert problems(NO_ORDER.replace('"the council has not met since"', '"two\\nlines"')) == [
        "rotation.note: must not contain control characters (found U+000A at character 4)"]


# The cache keeps joint terms, departures and the note.

def test_the_cache_keeps_joint_terms_left_and_note(write_data):
    path = write_data(NO_ORDER)
    built = load_rotation(path)
    cached = load_rotation(path)  # the second load reads the cache entry
    assert cached == built
    assert cached.history[1].holder.parts and cached.members[3].left == date(2023, 1, 1)
    assert cached.note == "the council has not met since"


# The shipped CBSS and BEAC files.

def test_cbss_2026_is_poland_recorded(run):
    record = json.loads(run("chair", "--body", "cbss", "--date", "2026-03-01",
                            "--format", "json").stdout)
    assert (record["code"], record["country"], record["status"], record["source"]) == (
        "PL", "Poland", "recorded",
        "https://cbss.org/about-us/presidencies/polish-presidency-2025-2026/")


def test_cbss_projection_continues_the_official_order(run):
    terms = [json.loads(line) for line in run(
        "schedule", "--body", "cbss", "--from", "2026-07-01", "--years", "11",
        "--format", "jsonl").stdout.splitlines()]
    assert [t["code"] for t in terms] == [
        "IS", "SE", "LV", "DK", "LT", "NO", "DE", "FI", "EE", "PL", "IS"]
    assert {t["status"] for t in terms} == {"projected"} and terms[0]["start"] == "2026-07-01"


def test_cbss_members_show_russia_left(run):
    members = json.loads(run("members", "--body", "cbss", "--date", "2026-03-01",
                             "--format", "json").stdout)
    russia = next(member for member in members if member["code"] == "RU")
    assert (russia["left"], russia["last_chaired"], russia["next_chairs"]) == (
        "2022-05-17", 2012, None)


def test_beac_2022_is_finland(run):
    row = run("chair", "--body", "beac", "--date", "2022-06-01", "--format", "tsv",
              "--no-header").stdout.split("\t")
    assert row[1:6] == ["2021", "2021-10-26", "2023-10-23", "FI", "Finland"]


def test_beac_joint_chairmanship(run):
    record = json.loads(run("chair", "--body", "beac", "--date", "2024-06-01",
                            "--format", "json").stdout)
    assert (record["code"], record["country"], record["start"], record["end"]) == (
        "FI+NO+SE", "Finland, Norway, Sweden", "2023-10-24", "2025-12-31")
    for country in ("NO", "Sverige", "finland"):
        terms = json.loads(run("next", country, "--body", "beac", "--date", "2022-06-01",
                               "--format", "json").stdout)
        assert terms[0]["code"] == "FI+NO+SE"


def test_beac_ends_with_no_order(run):
    result = run("chair", "--body", "beac", "--date", "2026-06-01")
    assert result.exit_code == 1
    assert "no order is decided after 2025-12-31 (Russia left in 2023" in result.stderr


@pytest.mark.parametrize("body", ["cbss", "beac"])
def test_russia_is_never_projected(body):
    rotation = load_rotation(shipped_bodies()[body])
    start = rotation.last_recorded_day + timedelta(days=1)
    for term in rotation.terms_between(start, date(2500, 12, 31)):
        assert "RU" not in term.holder.code
    assert all(member.code != "RU" for member in rotation.order)


# country, and several bodies at once.

def test_country_includes_its_joint_terms(run, council):
    result = run("country", "gammaland", "--data", council, "--from", "2020", "--to", "2021",
                 "--format", "tsv", "--no-header")
    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[4:6] for line in result.stdout.splitlines()] == [
        ["BB+CC", "Betaland, Gammaland"]]


def test_country_across_bodies_lists_every_term_of_each(run):
    # Each body's terms are filtered for that body's own member (a lazy filter
    # must not pick up the member of the body asked last).
    result = run("country", "russia", "--body", "cbss", "--body", "beac", "--body", "nordefco",
                 "--from", "2000", "--to", "2040", "--format", "tsv", "--no-header")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(row[0], row[2], row[4], row[6]) for row in rows] == [
        ("beac", "2000-03-15", "RU", "recorded"), ("cbss", "2001-07-01", "RU", "recorded"),
        ("beac", "2007-11-15", "RU", "recorded"), ("cbss", "2012-07-01", "RU", "recorded"),
        ("beac", "2015-10-14", "RU", "recorded")]


def test_country_norway_includes_the_barents_trio(run):
    result = run("country", "norway", "--from", "2023", "--to", "2024", "--format", "tsv",
                 "--no-header")
    assert "beac\t2023\t2023-10-24\t2025-12-31\tFI+NO+SE\tFinland, Norway, Sweden" in (
        result.stdout)


def test_next_of_several_bodies_includes_joint_terms(run):
    result = run("next", "sweden", "--body", "beac", "--body", "cbss", "--date", "2022-06-01",
                 "--format", "tsv", "--no-header")
    assert [line.split("\t")[:6] for line in result.stdout.splitlines()] == [
        ["beac", "2023", "2023-10-24", "2025-12-31", "FI+NO+SE", "Finland, Norway, Sweden"],
        ["cbss", "2027", "2027-07-01", "2028-06-30", "SE", "Sweden"]]


def test_chair_of_all_bodies_shows_the_trio(run):
    result = run("chair", "--body", "all", "--date", "2024-06-01", "--format", "json")
    beac = next(record for record in json.loads(result.stdout) if record["body"] == "beac")
    assert (beac["code"], beac["country"]) == ("FI+NO+SE", "Finland, Norway, Sweden")
