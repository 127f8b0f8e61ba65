"""Other rotating bodies: the shipped data files, --body, and the bodies command."""

import json
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from conftest import TODAY

from nordefco_cli.data.files import load_rotation, shipped_bodies
from nordefco_cli.data.validation import file_warnings
from nordefco_cli.render.records import term_record

BODIES = ["nordefco", "arctic-council", "beac", "cbss", "coe-cm", "eu-council", "g7",
          "ncm", "nordic-council", "unsc"]
# The day each shipped record was last checked against its sources (docs/sources/).
CHECKED = {body: date(2026, 12, 7) for body in BODIES} | {"eu-council": date(2026, 11, 30)}
# Records checked after the start of a term they still project (docs/sources/):
# CBSS (Iceland from 2026-07-01), the UNSC (from September 2026) and the CoE CM
# (Montenegro from mid-November 2026: no page gives the day).
BEHIND = {"cbss", "coe-cm", "unsc"}

# ../shared/domain.md
NCM_RECORDED = {2015: "DK", 2016: "FI", 2017: "NO", 2018: "SE", 2019: "IS", 2020: "DK",
                2021: "FI", 2022: "NO", 2023: "IS", 2024: "SE", 2025: "FI", 2026: "DK"}
EU_PRESIDENCIES = [
    ("MT", "EE"), ("BG", "AT"), ("RO", "FI"), ("HR", "DE"), ("PT", "SI"), ("FR", "CZ"),
    ("SE", "ES"), ("BE", "HU"), ("PL", "DK"), ("CY", "IE"), ("LT", "GR"), ("IT", "LV"),
    ("LU", "NL"), ("SK", "MT"),
]
ARCTIC_CHAIRS = [
    (1996, "CA"), (1998, "US"), (2000, "FI"), (2002, "IS"), (2004, "RU"), (2006, "NO"),
    (2009, "DK"), (2011, "SE"), (2013, "CA"), (2015, "US"), (2017, "FI"), (2019, "IS"),
    (2021, "RU"), (2023, "NO"), (2025, "DK"),
]


def ncm_text() -> str:
    return Path(shipped_bodies()["ncm"]).read_text(encoding="utf-8")


def jsonl(result):
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_shipped_bodies():
    assert list(shipped_bodies()) == BODIES


@pytest.mark.parametrize("body", BODIES)
def test_each_shipped_file_validates(run, body):
    result = run("validate", "--body", body, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["file"] == shipped_bodies()[body]


@pytest.mark.parametrize("body", BODIES)
def test_every_recorded_or_announced_term_has_an_http_url(run, body):
    rotation = load_rotation(shipped_bodies()[body], use_cache=False)
    for term in rotation.history:
        assert term.source.startswith(("https://", "http://")), term
        assert " " not in term.source
    # Issue 17: a record checked after the start of a term it still projects
    # is behind, and validate says so; that is the one warning a shipped file
    # may get.
    behind = [warning for warning in file_warnings(rotation, CHECKED[body])
              if "the record is behind" in warning.message]
    assert [w for w in file_warnings(rotation, CHECKED[body]) if w not in behind] == []
    assert len(behind) == (body in BEHIND)
    stderr = run("validate", "--body", body).stderr
    assert stderr == "".join(f"{shipped_bodies()[body]}: warning: {w.field}: {w.message}\n"
                             for w in behind)


@pytest.mark.parametrize("body", BODIES)
def test_every_shipped_file_says_when_it_was_checked(body):
    assert load_rotation(shipped_bodies()[body], use_cache=False).body.checked == CHECKED[body]


# Presidency of the Council of the EU: six-month terms, no order after 2030.

def test_eu_2026_second_half_is_ireland(run):
    record = json.loads(run("chair", "--body", "eu-council", "--date", "2026-08-01",
                            "--format", "json").stdout)
    assert (record["country"], record["start"], record["end"], record["status"]) == (
        "Ireland", "2026-07-01", "2026-12-31", "recorded")


def test_eu_has_no_presidency_after_2030(run):
    result = run("chair", "--body", "eu-council", "--date", "2031-01-01")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("Error: EU Council has no chair on 2031-01-01: "
                             "no order is decided after 2030-12-31 "
                             "(the Council has not yet decided the order from 2031)\n")


def test_eu_schedule_2017_to_2030(run):
    terms = jsonl(run("schedule", "--body", "eu-council", "--from", "2017", "--to", "2035",
                      "--format", "jsonl"))
    expected = [code for pair in EU_PRESIDENCIES for code in pair]
    assert [t["code"] for t in terms] == expected
    assert [t["start"][5:] for t in terms] == ["01-01", "07-01"] * 14
    assert [t["end"][5:] for t in terms] == ["06-30", "12-31"] * 14
    # Fixed by the Council decision: recorded once begun, announced before.
    today = TODAY  # the tests' NORDEFCO_TODAY
    assert [t["status"] for t in terms] == [
        "announced" if date.fromisoformat(t["start"]) > today else "recorded" for t in terms]
    assert [t["year"] for t in terms[:3]] == [2017, 2017, 2018]


def test_eu_2027_terms_are_announced_until_they_begin():
    """On 2026-11-30 the 2027 presidencies are announced; each is recorded from its first day."""
    rotation = load_rotation(shipped_bodies()["eu-council"])
    lithuania, greece = rotation.terms_between(date(2027, 1, 1), date(2027, 12, 31))
    assert (lithuania.holder.code, greece.holder.code) == ("LT", "GR")
    for term in (lithuania, greece):
        assert term_record(term, date(2026, 11, 30)).status == "announced"
        assert term_record(term, term.start - timedelta(days=1)).status == "announced"
        assert term_record(term, term.start).status == "recorded"
    assert greece.status(date(2027, 1, 1)) == "announced"
    ireland = rotation.term_on(date(2026, 11, 30))
    assert term_record(ireland, date(2026, 11, 30)).status == "recorded"


def test_eu_calendar_marks_announced_terms_tentative(run):
    result = run("schedule", "--body", "eu-council", "--from", "2030-07-01", "--to", "2030",
                 "--format", "ics")
    (event,) = icalendar.Calendar.from_ical(result.stdout_bytes.decode()).walk("VEVENT")
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["DESCRIPTION"]).startswith("Announced, not yet begun. Source: https://")


def test_eu_next_stops_at_2030(run):
    terms = jsonl(run("next", "malta", "--body", "eu-council", "--date", "2016-12-31",
                      "--count", "5", "--format", "jsonl"))
    assert [(t["start"], t["end"]) for t in terms] == [
        ("2017-01-01", "2017-06-30"), ("2030-07-01", "2030-12-31")]
    after = run("next", "--body", "eu-council", "--date", "2030-08-01")
    assert after.exit_code == 1 and "no order is decided after 2030-12-31" in after.stderr


# Arctic Council: two-year terms from the spring ministerial, an irregular record.

def test_arctic_2026_is_the_kingdom_of_denmark(run):
    record = json.loads(run("chair", "--body", "arctic-council", "--date", "2026-01-01",
                            "--format", "json").stdout)
    assert (record["country"], record["start"], record["end"], record["year"]) == (
        "Kingdom of Denmark", "2025-05-12", "2027-05-11", 2025)


def test_arctic_recorded_chairs_and_projection(run):
    terms = jsonl(run("schedule", "--body", "arctic-council", "--from", "1996",
                      "--to", "2031-12-31", "--format", "jsonl"))
    assert [(t["year"], t["code"]) for t in terms[:15]] == ARCTIC_CHAIRS
    assert {t["status"] for t in terms[:15]} == {"recorded"}
    norway = terms[5]
    assert (norway["start"], norway["end"]) == ("2006-10-26", "2009-04-28")
    assert [(t["start"], t["end"], t["code"], t["status"]) for t in terms[15:]] == [
        ("2027-05-12", "2029-05-11", "SE", "projected"),
        ("2029-05-12", "2031-05-11", "CA", "projected"),
        ("2031-05-12", "2033-05-11", "US", "projected"),
    ]


def test_arctic_record_starts_with_the_ottawa_declaration(run):
    result = run("chair", "--body", "arctic-council", "--date", "1996-09-18")
    assert result.exit_code == 1
    assert "Arctic Council was established on 1996-09-19" in result.stderr


def test_arctic_year_of_its_founding_is_its_first_term(run):
    record = json.loads(run("chair", "--body", "arctic-council", "--year", "1996",
                            "--format", "json").stdout)
    assert (record["date"], record["start"], record["code"]) == ("1996-09-19", "1996-09-19", "CA")


def test_arctic_sources_as_checked(run):
    """../shared/domain.md "Sources checked": the 2017 and 2021 sources were replaced."""
    terms = jsonl(run("schedule", "--body", "arctic-council", "--from", "2017", "--to", "2022",
                      "--format", "jsonl"))
    by_year = {t["year"]: t["source"] for t in terms}
    assert by_year[2017].startswith("https://oaarchive.arctic-council.org/")
    assert by_year[2021].startswith("https://government.is/news/article/2021/05/20/")


def test_arctic_says_which_handover_days_remain_unchecked():
    text = Path(shipped_bodies()["arctic-council"]).read_text(encoding="utf-8")
    unchecked = [line for line in text.splitlines()
                 if line.startswith("end =") and "not checked" in line]
    # 1998 and 2004 were checked on 2026-12-07 (docs/sources/checks-2026-12-07.md).
    assert [line.split()[2] for line in unchecked] == []


# Nordic Council of Ministers: a record that departs from the rota.

def test_ncm_2024_is_sweden_recorded(run):
    row = run("chair", "--body", "ncm", "--date", "2024-06-01", "--format", "tsv",
              "--no-header").stdout.split("\t")
    assert row[4:7] == ["SE", "Sweden", "recorded"]


def test_ncm_record_then_the_rota_resumes_with_norway(run):
    terms = jsonl(run("schedule", "--body", "ncm", "--from", "2015", "--to", "2031",
                      "--format", "jsonl"))
    assert {t["year"]: t["code"] for t in terms[:12]} == NCM_RECORDED
    # 2023-2026 swapped neighbours (IS<->SE, FI<->DK); the rota's next turn is Norway's.
    assert [(t["year"], t["code"], t["status"]) for t in terms[12:]] == [
        (2027, "NO", "projected"), (2028, "SE", "projected"), (2029, "IS", "projected"),
        (2030, "DK", "projected"), (2031, "FI", "projected")]


def test_ncm_one_source_per_year_and_notes(run):
    terms = jsonl(run("schedule", "--body", "ncm", "--from", "2015", "--to", "2027",
                      "--format", "jsonl"))
    sources = [t["source"] for t in terms[:12]]
    assert len(set(sources)) == 12 and not any("about-presidency" in s for s in sources)
    notes = {t["year"]: t["note"] for t in terms if t["note"]}
    assert sorted(notes) == [2020, 2025, 2026]
    assert "Faroe Islands and Greenland" in notes[2020]
    assert "Åland" in notes[2025]
    assert "Faroe Islands" in notes[2026] and "not Greenland" in notes[2026]
    assert terms[12]["note"] is None


def test_resume_with_says_where_the_order_resumes(write_data, run):
    path = write_data(ncm_text().replace('resume_with = "NO"', 'resume_with = "SE"'))
    terms = jsonl(run("schedule", "--data", path, "--from", "2027", "--years", "3",
                      "--format", "jsonl"))
    assert [t["code"] for t in terms] == ["SE", "IS", "DK"]


@pytest.mark.parametrize(("value", "words"), [('"XX"', "'XX' is not in the order"),
                                              ("3", "expected a string")])
def test_bad_resume_with(write_data, run, value, words):
    path = write_data(ncm_text().replace('resume_with = "NO"', f"resume_with = {value}"))
    result = run("validate", path)
    assert result.exit_code == 1
    assert "rotation.resume_with: " in result.stderr and words in result.stderr


# Every command works for every body.

@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("args", [
    ["chair", "--date", "2026-03-01"],
    ["chair", "--dates-from", "-"],
    ["schedule", "--from", "2026", "--years", "3"],
    ["members", "--date", "2026-03-01"],
    ["next", "--date", "2026-03-01"],
    ["validate"],
])
@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_every_command_for_every_body(run, body, args, fmt):
    if body == "beac":  # its record ends in 2025 and nothing is projected: ask about 2023
        args = [arg.replace("2026", "2023") for arg in args]
    dates = "2026-03-01\n2026-09-01\n" if body != "beac" else "2023-03-01\n2024-09-01\n"
    result = run(*args, "--body", body, "--format", fmt, input=dates)
    assert result.exit_code == 0, result.stderr
    # Issue 17: a record that is behind says so on stderr in a schedule over
    # the term it projects and in validate, where they were silent.
    behind = body in BEHIND and args[0] in ("schedule", "validate")
    if args[0] == "members" and body in ("eu-council", "unsc"):
        # Members whose next term is past what the record knows: said, not left blank.
        assert result.stdout and result.stderr.count("\n") == 1
        assert result.stderr.startswith("Note: ") and "no next term is known for" in result.stderr
        return
    assert result.stdout and (result.stderr == "") != behind
    if behind:
        *notes, last = result.stderr.splitlines()
        assert "the record is behind" in last
        if (body, args[0]) == ("unsc", "schedule"):  # to 2028: past the known membership
            assert len(notes) == 1 and "who is seated after 2027-12-31" in notes[0]
        else:
            assert notes == []


@pytest.mark.parametrize("body", BODIES)
def test_calendar_for_every_body(run, body):
    result = run("schedule", "--body", body, "--from", "2025", "--years", "4", "--format", "ics")
    events = icalendar.Calendar.from_ical(result.stdout_bytes.decode()).walk("VEVENT")
    assert events and all(str(e["SUMMARY"]).endswith(tuple(NAMES_BY_BODY[body]))
                          for e in events)


NAMES_BY_BODY = {
    "nordefco": ["Norway", "Sweden", "Denmark", "Finland"],
    "arctic-council": ["Norway", "Kingdom of Denmark", "Sweden", "Canada"],
    "eu-council": ["Poland", "Denmark", "Cyprus", "Ireland", "Lithuania", "Greece", "Italy",
                   "Latvia"],
    "ncm": ["Finland", "Denmark", "Norway", "Sweden", "Iceland"],
    "beac": ["Finland, Norway, Sweden"],
    "cbss": ["Estonia", "Poland", "Iceland", "Sweden", "Latvia"],
    "g7": ["Canada", "France", "United States", "United Kingdom"],
    "nordic-council": ["Sweden", "Finland", "Denmark"],
    "coe-cm": ["Luxembourg", "Malta", "Moldova", "Monaco", "Montenegro", "Netherlands",
               "North Macedonia", "Norway", "Poland"],
    "unsc": ["Algeria", "Austria", "Bahrain", "China", "Colombia",
             "Democratic Republic of the Congo", "Denmark", "France", "Greece", "Guyana",
             "Latvia", "Liberia", "Pakistan", "Panama", "Portugal", "Russia", "Sierra Leone",
             "Slovenia", "Somalia", "South Korea", "Trinidad and Tobago", "United Kingdom",
             "United States", "Zimbabwe"],
}


@pytest.mark.parametrize("body", ["eu-council", "arctic-council"])
def test_next_completes_the_codes_of_the_chosen_body(run, body):
    result = run(env={"_NORDEFCO_COMPLETE": "bash_complete",
                      "COMP_WORDS": f"nordefco next --body {body} ", "COMP_CWORD": "4"})
    codes = [line.split(",")[1] for line in result.stdout.splitlines()]
    rotation = load_rotation(shipped_bodies()[body])
    assert codes == [member.code for member in rotation.members]


# --body itself, and the bodies command.

def test_unknown_body(run):
    result = run("chair", "--body", "nato")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "'nato' is not a body; known: all, nordefco, arctic-council" in result.stderr


def test_body_and_data_together(run, write_data, shipped_text):
    result = run("chair", "--body", "ncm", "--data", write_data(shipped_text))
    assert result.exit_code == 2 and "--body and --data cannot be used together" in result.stderr


def test_body_wins_over_the_data_environment_variable(run, write_data, shipped_text):
    result = run("chair", "--body", "ncm", "--date", "2024-06-01", "--format", "json",
                 env={"NORDEFCO_DATA": write_data(shipped_text)})
    assert json.loads(result.stdout)["country"] == "Sweden"


def test_bodies_command(run):
    bodies = jsonl(run("bodies", "--format", "jsonl"))
    assert [(b["body"], b["short_name"], b["first_recorded"], b["last_recorded"], b["projects"],
             b["checked"]) for b in bodies] == [
        ("nordefco", "NORDEFCO", "2009-11-04", "2026-12-31", True, "2026-12-07"),
        ("arctic-council", "Arctic Council", "1996-09-19", "2027-05-11", True, "2026-12-07"),
        ("beac", "BEAC", "1999-03-05", "2025-12-31", False, "2026-12-07"),
        ("cbss", "CBSS", "1996-07-03", "2026-06-30", True, "2026-12-07"),
        ("coe-cm", "CoE CM", "2013-11-14", "2026-11-14", True, "2026-12-07"),
        ("eu-council", "EU Council", "2017-01-01", "2030-12-31", False, "2026-11-30"),
        ("g7", "G7", "1975-11-15", "2027-12-31", True, "2026-12-07"),
        ("ncm", "NCM", "2014-01-01", "2026-12-31", True, "2026-12-07"),
        ("nordic-council", "Nordic Council", "2004-01-01", "2026-12-31", True, "2026-12-07"),
        # projected by name among the seated, as far as the membership is known
        ("unsc", "UNSC", "2015-01-01", "2026-08-31", True, "2026-12-07"),
    ]
    assert bodies[5]["name"] == "Council of the European Union"
    tsv = run("bodies", "--no-header").stdout.splitlines()
    assert tsv[5].split("\t")[5:7] == ["false", "2026-11-30"] and len(tsv) == 10
    assert [(b["origin"], b["problem"]) for b in bodies] == [("shipped", None)] * 10
    assert bodies[7]["path"] == shipped_bodies()["ncm"]
