"""Several bodies at once (--body repeated or all), bodies of your own, country and timeline."""

import json
import re
from pathlib import Path

import pytest

from nordefco_cli.data.files import shipped_bodies

SHIPPED = ["nordefco", "arctic-council", "beac", "cbss", "coe-cm", "eu-council", "g7",
           "ncm", "nordic-council", "unsc"]


def jsonl(result):
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def my_council(short_name="MyC") -> str:
    """A user body: NCM's file under another name."""
    text = Path(shipped_bodies()["ncm"]).read_text(encoding="utf-8")
    return (text.replace('name = "Nordic Council of Ministers"', 'name = "My Council"')
            .replace('short_name = "NCM"', f'short_name = "{short_name}"'))


def complete(run, words: str) -> list[str]:
    result = run(env={"_NORDEFCO_COMPLETE": "bash_complete", "COMP_WORDS": words,
                      "COMP_CWORD": str(len(words.split(" ")) - 1)})
    assert result.exit_code == 0, result.stderr
    return [line.split(",")[1] for line in result.stdout.splitlines()]


# --body in any case, repeated, or all.

@pytest.mark.parametrize("typed", ["EU-COUNCIL", "Eu-Council", "eu-council"])
def test_body_in_any_case(run, typed):
    result = run("chair", "--body", typed, "--date", "2026-08-01", "--format", "tsv",
                 "--no-header")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\t")[4] == "IE"


def test_one_body_twice_is_output_as_today(run):
    once = run("schedule", "--body", "ncm", "--from", "2024", "--years", "4")
    twice = run("schedule", "--body", "ncm", "--body", "NCM", "--from", "2024", "--years", "4")
    assert once.exit_code == 0 and twice.stdout == once.stdout
    assert once.stdout.startswith("year\t")


def test_schedule_of_all_bodies_is_by_date_then_body(run):
    terms = jsonl(run("schedule", "--body", "all", "--from", "2026", "--years", "2",
                      "--format", "jsonl"))
    assert list(terms[0]) == ["body", "year", "start", "end", "code", "country", "status",
                              "source", "note"]
    keys = [(t["start"], t["body"]) for t in terms]
    assert keys == sorted(keys)
    assert {t["body"] for t in terms} == set(SHIPPED) - {"beac"}  # its record ends in 2025
    assert ("2026-01-01", "nordefco") in keys and ("2026-07-01", "eu-council") in keys


def test_schedule_of_two_bodies_notes_one_without_terms(run):
    result = run("schedule", "--body", "eu-council", "--body", "nordefco", "--from", "2031",
                 "--years", "1", "--format", "tsv", "--no-header")
    assert result.exit_code == 0
    assert result.stdout == "nordefco\t2031\t2031-01-01\t2031-12-31\tSE\tSweden\tprojected\t\t\n"
    assert result.stderr == ("Note: EU Council has no chair from 2031-01-01 to 2031-12-31: "
                             "no order is decided after 2030-12-31 (the Council has not yet "
                             "decided the order from 2031)\n")


def test_schedule_ics_takes_one_body(run):
    result = run("schedule", "--body", "all", "--format", "ics")
    assert result.exit_code == 2 and "--format ics takes one --body" in result.stderr


def test_chair_of_all_bodies(run):
    records = jsonl(run("chair", "--body", "all", "--date", "2026-08-01", "--format", "jsonl"))
    assert [(r["body"], r["code"]) for r in records] == [
        ("arctic-council", "DK"), ("cbss", "IS"), ("coe-cm", "MC"), ("eu-council", "IE"),
        ("g7", "FR"), ("ncm", "DK"), ("nordefco", "NO"), ("nordic-council", "FI"),
        ("unsc", "DK")]
    assert list(records[0])[:2] == ["body", "date"]


def test_chair_of_all_bodies_when_one_has_no_chair(run):
    result = run("chair", "--body", "all", "--date", "2031-01-01", "--format", "tsv",
                 "--no-header")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "arctic-council", "cbss", "coe-cm", "g7", "ncm", "nordefco", "nordic-council"]
    assert result.stderr.splitlines() == [
        "Note: BEAC has no chair on 2031-01-01: no order is decided after 2025-12-31 (Russia "
        "left in 2023, Finland leaves after 2025, and the remaining members have not announced "
        "a chair)",
        "Note: EU Council has no chair on 2031-01-01: no order is decided after 2030-12-31 "
        "(the Council has not yet decided the order from 2031)",
        # past the known membership: not "no chair", but not known
        "Note: UNSC: no chair on record for 2031-01-01: who is seated after 2027-12-31 is not "
        "in the record (the members to be elected in June 2027 for 2028-2029 are not known)"]


def test_chair_of_all_bodies_fails_only_if_none_answers(run):
    # Before the G7's first summit (1975-11-15), the earliest record shipped.
    result = run("chair", "--body", "all", "--date", "1970-01-01", "--format", "tsv")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: no body has a chair on record for 1970-01-01"


def test_chair_of_all_bodies_with_year_asks_each_handover_day(run):
    records = jsonl(run("chair", "--body", "arctic-council", "--body", "ncm", "--year", "2027",
                        "--format", "jsonl"))
    assert [(r["date"], r["body"], r["code"]) for r in records] == [
        ("2027-01-01", "ncm", "NO"), ("2027-05-12", "arctic-council", "SE")]


def test_chair_of_all_bodies_on_a_terminal_is_one_line_each(run):
    result = run("chair", "--body", "all", "--date", "2031-01-01", "--format", "table",
                 env={"COLUMNS": "120"})
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines == [
        "Chairs on 2031-01-01",
        "Arctic Council  Canada (CA), 2029-05-12 to 2031-05-11, projected",
        "BEAC            no chair: no order is decided after 2025-12-31 (Russia left in 2023, "
        "Finland leaves after 2025, and the",
        "                remaining members have not announced a chair)",
        "CBSS            Lithuania (LT), 2030-07-01 to 2031-06-30, projected",
        "CoE CM          Serbia (RS), 2030-11-15 to 2031-05-14, projected (a)",
        "EU Council      no chair: no order is decided after 2030-12-31 (the Council has not "
        "yet decided the order from 2031)",
        "G7              Italy (IT), 2031-01-01 to 2031-12-31, projected",
        "NCM             Finland (FI), 2031-01-01 to 2031-12-31, projected",
        "NORDEFCO        Sweden (SE), 2031-01-01 to 2031-12-31, projected",
        "Nordic Council  Iceland (IS), 2031-01-01 to 2031-12-31, projected (b)",
        "UNSC            no chair on record: who is seated after 2027-12-31 is not in the "
        "record (the members to be elected in",
        "                June 2027 for 2028-2029 are not known)",
        "(a) the day is nominal (mid-May or mid-November): the Committee fixes the real "
        "handover day",
        "(b) projected from the rota: a practice, not a rule; the Session elects each year's "
        "presidency in the autumn",
    ]


def test_a_day_before_a_record_is_not_a_day_without_a_chair(run):
    # The EU Council had a presidency on 2009-11-04 (Sweden); its file starts in 2017.
    result = run("chair", "--body", "eu-council", "--date", "2009-11-04")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("Error: EU Council: no chair on record for 2009-11-04: the record "
                             "starts on 2017-01-01\n")
    result = run("chair", "--body", "all", "--date", "2009-11-04", "--format", "tsv")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Note: CoE CM: no chair on record for 2009-11-04: the record starts on 2013-11-14",
        "Note: EU Council: no chair on record for 2009-11-04: the record starts on 2017-01-01",
        "Note: NCM: no chair on record for 2009-11-04: the record starts on 2014-01-01",
        "Note: UNSC: no chair on record for 2009-11-04: the record starts on 2015-01-01"]
    lines = run("chair", "--body", "all", "--date", "1990-01-01", "--format", "table",
                env={"COLUMNS": "120"}).stdout.splitlines()
    assert [line.rstrip() for line in lines[1:]] == [
        "Arctic Council  no chair: Arctic Council was established on 1996-09-19",
        "BEAC            no chair: BEAC was established on 1993-01-11",
        "CBSS            no chair: CBSS was established on 1992-03-06",
        "CoE CM          no chair on record: the record starts on 2013-11-14",
        "EU Council      no chair on record: the record starts on 2017-01-01",
        # Issue 17: a note is lettered, apart from numbered sources (was "[1] [2]").
        "G7              United States (US), 1990-01-01 to 1990-12-31, recorded [1] (a)",
        "NCM             no chair on record: the record starts on 2014-01-01",
        "NORDEFCO        no chair: NORDEFCO was established on 2009-11-04",
        "Nordic Council  no chair on record: the record starts on 2004-01-01",
        "UNSC            no chair on record: the record starts on 2015-01-01",
        "[1] https://g7.utoronto.ca/summit/1994naples/russian/5.html",
        "(a) host of the Houston summit",
    ]


def test_a_window_before_a_record_is_not_a_window_without_a_chair(run):
    result = run("schedule", "--body", "eu-council", "--from", "2009", "--years", "2")
    assert result.exit_code == 1
    assert result.stderr == ("Error: EU Council: no chair on record from 2009-01-01 to "
                             "2010-12-31: the record starts on 2017-01-01\n")
    result = run("schedule", "--body", "eu-council", "--body", "nordefco", "--from", "2010",
                 "--years", "1")
    assert result.exit_code == 0
    assert result.stderr == ("Note: EU Council: no chair on record from 2010-01-01 to "
                             "2010-12-31: the record starts on 2017-01-01\n")
    result = run("schedule", "--body", "eu-council", "--body", "nordefco", "--from", "2000",
                 "--years", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: no body has a chair on record from 2000-01-01 to 2000-12-31")
    lines = picture(run, "--from", "2010", "--years", "3")
    rows = {line[:16].strip(): line[16:] for line in lines}
    assert rows["EU Council"] == "not in the record: see below"  # not "none": not known
    assert "EU Council: no chair on record: the record starts on 2017-01-01" in lines


def test_timeline_tells_a_reason_once_below_the_picture_not_in_every_block(run):
    # A narrow terminal draws several blocks; BEAC's long reason must not wrap
    # into the picture, nor repeat in each block.
    lines = picture(run, "--from", "2027", "--years", "12", columns=40)
    assert sum(line.startswith("BEAC ") for line in lines) >= 2  # one row per block
    assert all(line.rstrip().endswith("none: see below")
               for line in lines if line.startswith("BEAC "))
    reason = [index for index, line in enumerate(lines) if line.startswith("BEAC: no chair")]
    assert len(reason) == 1
    assert "│ a term starts" in "\n".join(lines[:reason[0]])  # after the legend


def test_chair_dates_from_takes_one_body(run):
    result = run("chair", "--body", "all", "--dates-from", "-", input="2026-01-01\n")
    assert result.exit_code == 2 and "--dates-from takes one --body" in result.stderr


def test_next_says_how_many_are_known(run):
    result = run("next", "--count", "5", "--body", "eu-council", "--date", "2030-01-01",
                 "--format", "tsv", "--no-header")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert result.stderr == ("Note: EU Council has 1 handover known after 2030-01-01, not 5: "
                             "no order is decided after 2030-12-31 (the Council has not yet "
                             "decided the order from 2031)\n")


def test_next_of_all_bodies_is_k_per_body(run):
    result = run("next", "--body", "all", "--count", "2", "--date", "2030-01-01",
                 "--format", "jsonl")
    assert [(r["handover"], r["body"]) for r in jsonl(result)] == [
        ("2030-05-15", "coe-cm"), ("2030-07-01", "cbss"), ("2030-07-01", "eu-council"),
        ("2030-11-15", "coe-cm"), ("2031-01-01", "g7"),
        ("2031-01-01", "ncm"), ("2031-01-01", "nordefco"), ("2031-01-01", "nordic-council"),
        ("2031-05-12", "arctic-council"), ("2031-07-01", "cbss"), ("2032-01-01", "g7"),
        ("2032-01-01", "ncm"), ("2032-01-01", "nordefco"), ("2032-01-01", "nordic-council"),
        ("2033-05-12", "arctic-council")]
    # One note for each body with fewer than asked, once (not again as a coverage note).
    assert [line.split(" has ")[0] for line in result.stderr.splitlines()] == [
        "Note: BEAC", "Note: EU Council", "Note: UNSC"]
    assert "who is seated after 2027-12-31 is not in the record" in result.stderr


def test_next_country_in_several_bodies(run):
    records = jsonl(run("next", "dk", "--body", "nordefco", "--body", "ncm", "--date",
                        "2026-03-01", "--format", "jsonl"))
    assert [(r["body"], r["year"]) for r in records] == [("nordefco", 2028), ("ncm", 2030)]
    unknown = run("next", "xx", "--body", "all")
    assert unknown.exit_code == 2 and "'xx' is not a member of any of" in unknown.stderr


# nordefco country

def test_country_dk_2025_to_2028(run):
    records = jsonl(run("country", "dk", "--from", "2025", "--to", "2028", "--format",
                        "jsonl"))
    assert [(r["body"], r["start"], r["country"], r["status"]) for r in records] == [
        ("unsc", "2025-03-01", "Denmark", "recorded"),  # its 2025-2026 seat
        ("arctic-council", "2025-05-12", "Kingdom of Denmark", "recorded"),
        ("eu-council", "2025-07-01", "Denmark", "recorded"),
        ("ncm", "2026-01-01", "Denmark", "recorded"),
        ("unsc", "2026-08-01", "Denmark", "recorded"),
        ("nordic-council", "2027-01-01", "Denmark", "projected"),
        ("nordefco", "2028-01-01", "Denmark", "projected"),
    ]


@pytest.mark.parametrize("typed", ["DK", "denmark", "DANMARK"])
def test_country_matches_as_next_does(run, typed):
    result = run("country", typed, "--from", "2028", "--to", "2028", "--format", "tsv",
                 "--no-header")
    assert result.stdout == ("nordefco\t2028\t2028-01-01\t2028-12-31\tDK\tDenmark\tprojected"
                             "\t\t\n")


def test_country_with_bodies_named(run):
    records = jsonl(run("country", "finland", "--from", "2025", "--years", "1",
                        "--body", "NCM", "--format", "jsonl"))
    assert [(r["body"], r["year"]) for r in records] == [("ncm", 2025)]


def test_country_with_nothing_in_the_window_is_a_note(run):
    result = run("country", "iceland", "--from", "2027-07-01", "--to", "2028")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("Note: Iceland holds no chair from 2027-07-01 to 2028-12-31")


def test_country_no_body_knows_is_a_usage_error(run):
    result = run("country", "atlantis")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "'atlantis' is not a member of nordefco, arctic-council" in result.stderr


def test_country_window_errors_are_as_schedule(run):
    result = run("country", "dk", "--years", "2", "--to", "2030")
    assert result.exit_code == 2 and "--years and --to cannot be used together" in result.stderr


def test_country_completes_codes_of_every_body(run):
    offered = complete(run, "nordefco country u")
    assert offered == ["US", "UA", "UY"]  # the G7's, then the UNSC's Ukraine and Uruguay


# Bodies of your own

def test_a_user_body_is_listed_and_used(run, user_body):
    path = user_body("mine", my_council())
    bodies = jsonl(run("bodies", "--format", "jsonl"))
    assert bodies[-1] == {
        "body": "mine", "name": "My Council", "short_name": "MyC",
        "first_recorded": "2014-01-01", "last_recorded": "2026-12-31", "projects": True,
        "checked": next(b["checked"] for b in bodies if b["body"] == "ncm"), "origin": "user",
        "path": path, "problem": None, "behind": None}
    result = run("chair", "--body", "MINE", "--date", "2026-03-01", "--format", "tsv",
                 "--no-header")
    assert result.exit_code == 0 and "\tDK\tDenmark\t" in result.stdout
    every = jsonl(run("chair", "--body", "all", "--date", "2026-03-01", "--format", "jsonl"))
    assert "mine" in [r["body"] for r in every]


def test_bodies_are_ordered_by_name_in_any_case(run, user_body):
    # "Zed" and "Coll" sort before "arctic-council" and "ncm" only case-sensitively.
    user_body("Zed", my_council("Zed"))
    user_body("Coll", my_council("Coll"))
    user_body("beta", my_council("Beta"))
    listed = [b["body"] for b in jsonl(run("bodies", "--format", "jsonl"))]
    assert listed[-3:] == ["beta", "Coll", "Zed"]
    for args in (["schedule", "--from", "2026", "--years", "2"],
                 ["timeline", "--from", "2026", "--years", "2"],
                 ["chair", "--date", "2026-03-01"]):
        records = jsonl(run(*args, "--body", "all", "--format", "jsonl"))
        keys = [(r.get("date") or r["start"], r["body"].casefold()) for r in records]
        assert keys == sorted(keys), args
        assert [r["body"] for r in records].index("ncm") < [r["body"] for r in records].index(
            "Zed")


def test_a_user_body_with_a_shipped_name_is_refused(run, user_body):
    path = user_body("NCM", my_council())
    bodies = jsonl(run("bodies", "--format", "jsonl"))
    assert bodies[-1]["problem"] == "refused: 'NCM' is a shipped body's name; rename the file"
    assert bodies[-1]["origin"] == "user" and bodies[-1]["path"] == path
    result = run("chair", "--body", "ncm", "--date", "2026-03-01", "--format", "json")
    assert json.loads(result.stdout)["code"] == "DK"  # the shipped NCM answers
    assert result.stderr == (f"Note: {path} is not used: 'NCM' is a shipped body's name; "
                             "rename the file.\n")


def test_a_user_body_named_all_is_refused(run, user_body):
    user_body("All", my_council())
    bodies = jsonl(run("bodies", "--format", "jsonl"))
    assert bodies[-1]["problem"].startswith("refused: 'all' is reserved")
    assert len(jsonl(run("chair", "--body", "all", "--format", "jsonl"))) == 9  # not BEAC


@pytest.mark.parametrize(("name", "shown"), [("esc\x1b[31mred", "esc\\x1b[31mred"),
                                             ("tab\there", "tab\\there"),
                                             ("bidi\u202eevil", "bidi\\u202eevil")])
def test_a_user_body_named_with_control_characters_is_refused_and_shown_escaped(
        run, user_body, name, shown):
    path = user_body(name, my_council())
    bodies = jsonl(run("bodies", "--format", "jsonl"))
    assert bodies[-1]["body"] == shown and bodies[-1]["path"] == path.replace(name, shown)
    assert bodies[-1]["problem"].startswith("refused: its name has a character that cannot")
    for args in (["bodies", "--format", "tsv"], ["bodies", "--format", "table"],
                 ["chair", "--body", "all", "--date", "2026-03-01", "--format", "tsv"]):
        result = run(*args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.stderr
        text = result.stdout + result.stderr
        assert name not in text and "\x1b" not in text and "\u202e" not in text, (args, text)
    lines = run("bodies", "--format", "tsv").stdout.splitlines()
    assert lines[-1].count("\t") == lines[0].count("\t")


def test_a_broken_user_body_breaks_only_what_uses_it(run, user_body):
    path = user_body("broken", "not toml [")
    plain = run("chair", "--date", "2026-03-01", "--format", "tsv")
    assert plain.exit_code == 0 and plain.stderr == ""
    bodies = jsonl(run("bodies", "--format", "jsonl"))
    assert bodies[-1]["body"] == "broken" and bodies[-1]["path"] == path
    assert bodies[-1]["problem"].startswith("broken: TOML syntax error")
    every = run("chair", "--body", "all", "--date", "2026-03-01", "--format", "tsv",
                "--no-header")
    assert every.exit_code == 0 and len(every.stdout.splitlines()) == 9  # not BEAC
    assert f"Note: left out broken: {path}: TOML syntax error" in every.stderr
    named = run("chair", "--body", "broken")
    assert named.exit_code == 1 and named.stderr.startswith(f"Error: {path}: TOML syntax")


def test_completion_offers_all_and_user_bodies(run, user_body):
    user_body("mine", my_council())
    user_body("ncm", my_council())  # refused: not offered twice
    assert complete(run, "nordefco chair --body ") == ["all", *SHIPPED, "mine"]
    assert complete(run, "nordefco schedule --body M") == ["mine"]


def test_body_and_data_together_are_still_a_usage_error(run, write_data):
    result = run("chair", "--body", "all", "--data", write_data("x"))
    assert result.exit_code == 2 and "--body and --data cannot be used together" in result.stderr


def test_members_takes_one_body(run):
    result = run("members", "--body", "all")
    assert result.exit_code == 2 and "takes one body" in result.stderr


def test_readme_names_the_commands_without_body_and_data():
    from nordefco_cli.cli.main import main

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    options = readme.split("## Commands", 1)[1].split("\n| option |", 1)[0]
    assert "Every command takes these options" in options
    for name in main.list_commands(None):
        params = {opt for param in main.get_command(None, name).params for opt in param.opts}
        lacks = {"--body", "--data"} - params
        assert bool(lacks) == (f"`{name}`" in options), (name, lacks)


# nordefco timeline

def picture(run, *args, columns=100):
    result = run("timeline", *args, "--format", "table", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return [line.rstrip() for line in result.stdout.splitlines()]


def test_timeline_draws_one_labelled_row_per_body(run):
    lines = picture(run, "--from", "2024", "--years", "6")
    assert lines[0] == "Chairs from 2024-01-01 to 2029-12-31"
    rows = {}  # each body's row, block after block (the picture wraps at this width)
    for line in lines[2:]:
        if line[:16].strip():
            rows[line[:16].strip()] = rows.get(line[:16].strip(), "") + line[16:]
    assert list(rows)[:10] == ["NORDEFCO", "Arctic Council", "BEAC", "CBSS", "CoE CM",
                               "EU Council", "G7", "NCM", "Nordic Council", "UNSC"]
    assert rows["NORDEFCO"].startswith("│Denmark━")
    assert "│Sweden┄" in rows["NORDEFCO"]  # 2027 on is projected: dashed
    assert "│Poland━" in rows["EU Council"]  # wrapped in blocks: room for names
    lines = picture(run, "--from", "2024", "--years", "6", "--body", "nordefco",
                    "--body", "eu-council")
    [eu_row] = [line for line in lines if line.startswith("EU Council")]  # one block
    assert "│PL━" in eu_row  # too short for "Poland": the code
    assert all(len(line) <= 100 for line in lines)


def test_timeline_marks_today(run, today):
    lines = picture(run, "--from", str(today.year - 1), "--years", "3")
    assert any(f"▼ today {today.isoformat()}" in line for line in lines)
    # The legend ends the picture, before the notes on the records (issue 17:
    # BEAC's record ends in 2025, CBSS's is behind; the picture says so beneath).
    legend = next(number for number, line in enumerate(lines) if line.startswith("│ a term"))
    assert lines[legend].endswith("▼ today")
    assert "".join(lines[legend + 1:]).startswith("BEAC: the record covers")


@pytest.mark.parametrize("columns", [40, 60, 80, 120, 200])
def test_timeline_fits_any_width(run, columns):
    lines = picture(run, "--from", "2017", "--to", "2030", columns=columns)
    assert all(len(line) <= columns for line in lines)
    # Every EU presidency of 2017-2030 (28) keeps at least its code.
    rows = []
    for number, line in enumerate(lines):
        if line.startswith("EU Council"):
            rows.append(line[len("EU Council"):] or lines[number + 1])  # stacked: next line
    drawn = " ".join(rows)
    assert drawn.count("│") == 28  # each presidency starts in the window
    labels = set(re.findall(r"[^━┄─│ ]+", drawn))
    for code, name in [("EE", "Estonia"), ("IE", "Ireland"), ("SK", "Slovakia")]:
        assert code in labels or name in labels


@pytest.mark.parametrize("columns", [80, 120])
def test_timeline_draws_terms_partly_in_the_window(run, columns):
    # Norway's NORDEFCO term has one month in the window; it is drawn, not dropped.
    lines = picture(run, "--from", "2026-12-01", "--years", "10", "--body", "nordefco",
                    columns=columns)
    [row] = [line for line in lines if line.startswith("NORDEFCO")]
    assert row.split(maxsplit=1)[1].startswith("━│S")
    lines = picture(run, "--from", "2026-11-30", "--years", "10", columns=columns)
    rows = {}  # the first block of rows: the one that starts on 2026-11-30
    for line in lines:
        rows.setdefault(line[:16].strip(), line[16:])
    for body in ("NORDEFCO", "EU Council", "NCM"):  # each 2026 term: one month in the window
        assert rows[body].startswith("━│"), rows[body]
    assert rows["Arctic Council"].startswith("DK━")


def test_timeline_narrow_terminal_stacks_names(run):
    lines = picture(run, "--from", "2026", "--years", "3", "--body", "nordefco", columns=30)
    assert "NORDEFCO" in lines and all(len(line) <= 30 for line in lines)


def test_timeline_too_long_for_the_width_says_so(run):
    result = run("timeline", "--from", "2009", "--to", "9999", "--format", "table",
                 env={"COLUMNS": "80"})
    assert result.exit_code == 1
    # The terminal's width, which the user knows; not the bars' share of it.
    assert "too many terms to draw in a terminal 80 columns wide" in result.stderr
    assert "--years" in result.stderr and len(result.stderr.splitlines()) == 1


def test_timeline_without_unicode_draws_in_ascii(tmp_path):
    import subprocess
    import sys

    from conftest import subprocess_env

    result = subprocess.run(
        [sys.executable, "-c", "from nordefco_cli.cli.main import main; main()", "timeline",
         "--from", "2026", "--years", "2", "--body", "nordefco", "--format", "table"],
        capture_output=True, env=subprocess_env(PYTHONIOENCODING="ascii", COLUMNS="60",
                                                XDG_CONFIG_HOME=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("ascii")
    assert "|Norway===" in text and "|Sweden..." in text


@pytest.mark.parametrize("columns", [30, 120])
def test_timeline_on_a_dumb_terminal_takes_its_width(columns):
    from conftest import run_in_terminal

    # Rich would take any TERM=dumb terminal to be 80 columns wide.
    text = run_in_terminal(["timeline", "--years", "2", "--body", "nordefco", "--body",
                            "eu-council"], columns, TERM="dumb")
    widths = [len(line.rstrip()) for line in text.splitlines()]
    assert max(widths) <= columns and "\x1b" not in text, text
    if columns > 80:
        assert max(widths) > 80, text  # the picture uses the width it has


def test_timeline_svg(run):
    result = run("timeline", "--from", "2024", "--years", "6", "--format", "svg")
    assert result.exit_code == 0
    assert result.stdout.startswith("<svg") and result.stdout.rstrip().endswith("</svg>")
    assert "NORDEFCO" in result.stdout and "Denmark" in result.stdout


def test_timeline_svg_is_utf8_whatever_the_locale(tmp_path):
    import subprocess
    import sys

    from conftest import subprocess_env

    result = subprocess.run(
        [sys.executable, "-m", "nordefco_cli", "timeline", "--from", "2026", "--years", "2",
         "--format", "svg"],
        capture_output=True, env=subprocess_env(PYTHONIOENCODING="ascii",
                                                XDG_CONFIG_HOME=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    svg = result.stdout.decode("utf-8")
    assert ">Norway<" in svg and "━" in svg and "┄" in svg


def test_timeline_records(run):
    records = jsonl(run("timeline", "--from", "2026", "--years", "1", "--body", "ncm",
                        "--body", "nordefco", "--format", "jsonl"))
    assert [(r["body"], r["code"]) for r in records] == [("ncm", "DK"), ("nordefco", "NO")]


@pytest.mark.parametrize("command", ["country", "timeline"])
def test_new_commands_have_help_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and f"nordefco {command}" in result.stdout


# The picture's rules, for any window and width (the layout is pure: tested directly).

from datetime import date, timedelta  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nordefco_cli.data.files import load_rotation  # noqa: E402
from nordefco_cli.render.timeline import ASCII, STATUSES, Bar, Row, TooNarrow, _slices, layout  # noqa: E402

ROTATIONS = {name: load_rotation(path) for name, path in shipped_bodies().items()}


@given(first=st.dates(date(1990, 1, 1), date(2100, 12, 31)), days=st.integers(1, 40 * 366),
       width=st.integers(20, 240), today=st.dates(date(1990, 1, 1), date(2140, 12, 31)))
def test_timeline_layout_fits_and_draws_every_term(first, days, width, today):
    last = first + timedelta(days=days - 1)
    rows = [Row(r.body.short_name, [Bar(t.start, t.end, t.holder.code, t.holder.name, t.status)
                                    for t in r.terms_between(first, last)], "none")
            for r in ROTATIONS.values()]
    try:
        blocks = layout(rows, first, last, today, width, ASCII)
    except TooNarrow:
        return
    lines = [line for block in blocks for line in block]
    assert all(sum(len(text) for text, _ in line) <= width for line in lines)
    drawn = {row.label: "" for row in rows}
    for number, line in enumerate(lines):
        if line[0][1] == "label":  # beside its bar, or above it (stacked)
            bar = line[1:] if len(line) > 1 else lines[number + 1]
            drawn[line[0][0].strip()] += " " + "".join(text for text, _ in bar)
    for row in rows:
        for bar in row.bars:
            if first <= bar.start and bar.end <= last:
                assert bar.code in drawn[row.label] or bar.name in drawn[row.label], bar
    # Every term in a block, whole or partly, is a piece there with a cell beside its
    # start mark: a piece begins at a start mark, or at the block's left edge.
    slices = _slices(first, days, len(blocks))
    kinds = {*STATUSES, *(status + "-label" for status in STATUSES)}
    for (block_first, block_last), block in zip(slices, blocks, strict=True):
        for row in rows:
            if not row.bars:
                continue
            number = next(number for number, line in enumerate(block)
                          if line[0][1] == "label" and line[0][0].strip() == row.label)
            line = block[number][1:] or block[number + 1]  # beside its label, or under it
            pieces = []
            for text, kind in line:
                if kind == "start" or (kind in kinds and not pieces):
                    pieces.append(0)
                if kind in kinds:
                    pieces[-1] += len(text)
            inside = [bar for bar in row.bars
                      if bar.end >= block_first and bar.start <= block_last]
            assert len(pieces) == len(inside) and all(pieces), (row.label, line)


def test_chair_of_all_bodies_with_no_chair_in_a_year_names_the_year(run):
    # Each body was asked about its own handover day of 1970 (before every
    # shipped record; the G7's starts in 1975), not today.
    for fmt in ("tsv", "table"):
        result = run("chair", "--body", "all", "--year", "1970", "--format", fmt)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == (
            "Error: no body has a chair on record for the handover day of 1970")


def test_next_completes_the_codes_of_every_body_named(run):
    # next takes several bodies: its COUNTRY completes from each of them, as
    # country's does (one completer serves both).
    codes = complete(run, "nordefco next --body arctic-council --body eu-council ")
    assert {"CA", "US", "IE", "LT"} <= set(codes)
    assert len(codes) == len(set(codes))
    assert complete(run, "nordefco next ") == ["DK", "FI", "NO", "SE"]
