"""The command line's output contract and every error path, through CliRunner."""

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from conftest import NAMES, RECORDED, projected_code

ESCAPE = "\x1b"
BOX_DRAWING = re.compile("[\u2500-\u257f]")
COLOUR_SGR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|38;)[0-9;]*m")
TSV_HEADER = "year\tstart\tend\tcode\tcountry\tstatus\tsource\tnote"
NORWAY_2026 = ("2026\t2026-01-01\t2026-12-31\tNO\tNorway\trecorded\t"
               "https://www.highnorthnews.com/en/norway-assumes-leadership-nordefco\t")


def assert_one_error_line(result, exit_code, *words):
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


# chair

def test_chair_tsv(run):
    result = run("chair", "--date", "2026-03-01", "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout == f"date\t{TSV_HEADER}\n2026-03-01\t{NORWAY_2026}\n"
    assert result.stderr == ""


def test_chair_pipe_default_is_tsv_with_header(run):
    result = run("chair", "--date", "2026-03-01")
    assert result.stdout.splitlines() == [f"date\t{TSV_HEADER}", f"2026-03-01\t{NORWAY_2026}"]


def test_chair_json_is_one_object(run):
    result = run("chair", "--date", "2027-06-01", "--format", "json")
    assert json.loads(result.stdout) == {
        "date": "2027-06-01", "year": 2027, "start": "2027-01-01", "end": "2027-12-31",
        "code": "SE", "country": "Sweden", "status": "projected", "source": None, "note": None,
    }


def test_chair_csv_and_jsonl(run):
    rows = list(csv.reader(io.StringIO(run("chair", "--date", "2011-06-30", "--format",
                                           "csv").stdout)))
    assert rows[0][:3] == ["date", "year", "start"] and rows[1][:6] == [
        "2011-06-30", "2011", "2011-01-01", "2011-12-31", "SE", "Sweden"]
    lines = run("chair", "--date", "2030-01-01", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["country"] == "Norway"


def test_chair_no_header(run):
    result = run("chair", "--date", "2026-03-01", "--format", "tsv", "--no-header")
    assert result.stdout == f"2026-03-01\t{NORWAY_2026}\n"


def test_chair_answer_for_a_person(run):
    result = run("chair", "--date", "2026-03-01", "--format", "table")
    text = result.stdout
    assert "Norway (NO) chairs NORDEFCO on 2026-03-01" in text
    assert "2026-01-01 to 2026-12-31, recorded" in text
    assert "https://www.highnorthnews.com/en/norway-assumes-leadership-nordefco" in text
    assert "note" not in text
    assert re.search(r"before\s+Finland \(FI\), 2025-01-01 to 2025-12-31, recorded", text)
    assert re.search(r"next\s+Sweden \(SE\), 2027-01-01 to 2027-12-31, projected", text)


def test_chair_answer_says_projected(run):
    text = run("chair", "--date", "2031-05-05", "--format", "table",
               env={"COLUMNS": "200"}).stdout
    assert "Sweden (SE) is projected to chair NORDEFCO on 2031-05-05" in text
    assert "projected from the rotation order, not announced" in text
    assert "source" not in text


def test_chair_year(run):
    result = run("chair", "--year", "2027", "--format", "tsv", "--no-header")
    assert result.stdout.startswith("2027-01-01\t2027\t2027-01-01\t2027-12-31\tSE\tSweden\t")


def test_chair_year_of_the_first_term_is_its_first_day(run):
    """NORDEFCO began on 2009-11-04: --year 2009 gives the term that starts then."""
    record = json.loads(run("chair", "--year", "2009", "--format", "json").stdout)
    assert (record["date"], record["start"], record["end"], record["code"]) == (
        "2009-11-04", "2009-11-04", "2009-12-31", "FI")
    assert "predecessor" in record["note"]
    assert_one_error_line(run("chair", "--year", "2008"), 1,
                          "NORDEFCO has no chair on 2008-01-01: "
                          "NORDEFCO was established on 2009-11-04")


def test_chair_answer_shows_the_note(run):
    text = run("chair", "--year", "2009", "--format", "table", env={"COLUMNS": "300"}).stdout
    assert re.search(r"note\s+Finland chaired the predecessor Nordic defence cooperation from "
                     r"2009-01-01 and counts 2009 as its first NORDEFCO chair", text)
    assert re.search(r"before\s+none: the record starts with this term", text)


def test_chair_answer_says_announced(run):
    text = run("chair", "--body", "eu-council", "--date", "2030-08-01", "--format", "table",
               env={"COLUMNS": "200"}).stdout
    assert "Malta (MT) is announced to chair EU Council on 2030-08-01" in text
    assert "2030-07-01 to 2030-12-31, announced, not yet begun" in text
    assert "source  https://eur-lex.europa.eu/" in text


def test_chair_default_is_today(run, today):
    record = json.loads(run("chair", "--format", "json").stdout)
    assert record["date"] == today.isoformat()
    assert record["start"] <= today.isoformat() <= record["end"]


@pytest.mark.parametrize("word,offset", [("today", 0), ("tomorrow", 1), ("yesterday", -1)])
def test_chair_relative_words(run, today, word, offset):
    record = json.loads(run("chair", "--date", word, "--format", "json").stdout)
    assert record["date"] == (today + timedelta(days=offset)).isoformat()


@pytest.mark.parametrize("written", ["1 March 2026", "March 1, 2026", "2026-03-01T12:00"])
def test_chair_written_dates(run, written):
    record = json.loads(run("chair", "--date", written, "--format", "json").stdout)
    assert (record["date"], record["country"]) == ("2026-03-01", "Norway")


def test_chair_before_the_record(run):
    for day in ("2008-12-31", "2009-01-01", "2009-03-01", "2009-11-03"):
        assert_one_error_line(run("chair", "--date", day), 1,
                              f"NORDEFCO has no chair on {day}: "
                              "NORDEFCO was established on 2009-11-04")
    assert json.loads(run("chair", "--date", "2009-11-04", "--format", "json").stdout)[
        "code"] == "FI"


def test_chair_last_day(run):
    result = run("chair", "--date", "9999-12-31", "--format", "tsv", "--no-header")
    assert result.stdout == ("9999-12-31\t9999\t9999-01-01\t9999-12-31\tSE\tSweden\tprojected"
                             "\t\t\n")


@pytest.mark.parametrize(
    "bad",
    ["March", "2026-03", "03/01/2026", "1.3.2026", "2026-02-30", "meet me 5 March",
     "0000-01-01", "10000-01-01", "1 March 10000"],
)
def test_chair_bad_dates_are_usage_errors(run, bad):
    assert_one_error_line(run("chair", "--date", bad), 2, "'--date'", "ISO 8601")


@pytest.mark.parametrize("bad", ["0", "10000", "-1", "ten", "2026.5"])
def test_chair_bad_years(run, bad):
    assert_one_error_line(run("chair", "--year", bad), 2, "'--year'")


def test_chair_date_and_year_together(run):
    assert_one_error_line(run("chair", "--date", "2026-03-01", "--year", "2026"), 2,
                          "--date and --year")


# schedule

def test_schedule_2009_to_2040_json(run):
    result = run("schedule", "--from", "2009", "--to", "2040", "--format", "json")
    terms = json.loads(result.stdout)
    assert len(terms) == 32
    assert terms[0]["start"] == "2009-11-04"
    for term in terms:
        year = term["year"]
        assert (term["start"][4:], term["end"]) == ("-01-01" if year > 2009 else "-11-04",
                                                    f"{year}-12-31")
        if year <= 2026:
            assert (term["code"], term["status"]) == (RECORDED[year], "recorded")
            assert term["source"].startswith(("https://", "http://"))
            assert term["note"] is None or year == 2009
        else:
            assert (term["code"], term["status"], term["source"], term["note"]) == (
                projected_code(year), "projected", None, None)
        assert term["country"] == NAMES[term["code"]]
    assert [t["country"] for t in terms[18:22]] == ["Sweden", "Denmark", "Finland", "Norway"]


def test_schedule_recorded_history(run):
    lines = run("schedule", "--from", "2009", "--to", "2026").stdout.splitlines()
    assert lines[0] == TSV_HEADER
    assert [line.split("\t")[3] for line in lines[1:]] == [RECORDED[y] for y in range(2009, 2027)]
    assert {line.split("\t")[5] for line in lines[1:]} == {"recorded"}


def test_schedule_every_format_carries_the_same_records(run):
    window = ("schedule", "--from", "2025-06-01", "--years", "3")
    tsv = run(*window, "--format", "tsv").stdout.splitlines()
    rows = list(csv.DictReader(io.StringIO(run(*window, "--format", "csv").stdout)))
    array = json.loads(run(*window, "--format", "json").stdout)
    lines = [json.loads(line) for line in run(*window, "--format", "jsonl").stdout.splitlines()]
    assert tsv == [TSV_HEADER, "2025\t2025-01-01\t2025-12-31\tFI\tFinland\trecorded\t"
                   "https://defmin.fi/en/topical/finland_s_chairmanship_of_nordefco_in_2025\t",
                   NORWAY_2026, "2027\t2027-01-01\t2027-12-31\tSE\tSweden\tprojected\t\t",
                   "2028\t2028-01-01\t2028-12-31\tDK\tDenmark\tprojected\t\t"]
    assert array == lines
    assert [r["code"] for r in rows] == [r["code"] for r in array] == ["FI", "NO", "SE", "DK"]
    assert rows[3]["source"] == "" and array[3]["source"] is None
    assert rows[3]["note"] == "" and array[3]["note"] is None
    assert list(array[0]) == ["year", "start", "end", "code", "country", "status", "source",
                              "note"]


def test_schedule_no_header(run):
    for fmt in ("tsv", "csv"):
        out = run("schedule", "--from", "2030", "--years", "1", "--format", fmt,
                  "--no-header").stdout
        assert out.count("\n") == 1 and out.startswith("2030")


def test_schedule_default_window_is_ten_years_from_today(run, today):
    records = json.loads(run("schedule", "--format", "json").stdout)
    last_day = date(today.year + 10, today.month, min(today.day, 28)) - timedelta(days=1)
    assert records[0]["start"] <= today.isoformat() <= records[0]["end"]
    assert records[-1]["start"] <= last_day.isoformat() <= records[-1]["end"]


def test_schedule_years_end_is_exclusive(run):
    result = run("schedule", "--from", "2027-01-01", "--years", "2", "--format", "jsonl")
    assert [json.loads(x)["year"] for x in result.stdout.splitlines()] == [2027, 2028]


def test_schedule_empty_window_json_is_not_written(run):
    assert_one_error_line(run("schedule", "--from", "1990", "--to", "2008", "--format", "json"),
                          1, "no chair from 1990-01-01 to 2008-12-31",
                          "NORDEFCO was established on 2009-11-04")


def test_schedule_window_cut_at_9999(run):
    result = run("schedule", "--from", "9995", "--years", "10", "--format", "tsv", "--no-header")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "9995", "9996", "9997", "9998", "9999"]
    assert result.stderr == "Note: the window is cut at 9999-12-31, the last date supported.\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--years", "0"], "'--years'"),
        (["--years", "-1"], "'--years'"),
        (["--years", "ten"], "'--years'"),
        (["--years", "10000"], "'--years'"),
        (["--years", "2", "--to", "2030"], "--years and --to"),
        (["--from", "2030", "--to", "2029"], "'--to'"),
        (["--from", "March"], "'--from'"),
        (["--from", "0"], "'--from'"),
        (["--to", "03/01/2026"], "'--to'"),
        (["--format", "xml"], "'--format'"),
    ],
)
def test_schedule_usage_errors(run, args, words):
    assert_one_error_line(run("schedule", *args), 2, words)


def test_options_belong_to_the_command(run):
    assert_one_error_line(run("--format", "json", "schedule"), 2, "--format")


def test_unknown_command(run):
    assert_one_error_line(run("chairs"), 2, "No such command")


# What reaches the screen: plain formats stay plain, tables honour NO_COLOR.

@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_plain_formats_have_no_escapes_even_when_colour_is_forced(run, fmt):
    result = run("schedule", "--from", "2025", "--years", "4", "--format", fmt,
                 env={"FORCE_COLOR": "1"})
    assert ESCAPE not in result.stdout and not BOX_DRAWING.search(result.stdout)


def test_table_colours_and_no_color(run):
    args = ("schedule", "--from", "2025", "--years", "4", "--format", "table")
    coloured = run(*args, env={"FORCE_COLOR": "1"}).stdout
    plain = run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert COLOUR_SGR.search(coloured)
    assert not COLOUR_SGR.search(plain)
    for text in (coloured, plain):
        assert BOX_DRAWING.search(text) and "Sweden" in text and "projected" in text


def test_table_marks_projection(run):
    text = run("schedule", "--from", "2025", "--years", "4", "--format", "table",
               env={"COLUMNS": "200"}).stdout
    assert "Nordic Defence Cooperation (NORDEFCO): chairs 2025-01-01 to 2028-12-31" in text
    assert "projected from the rotation order, not announced" in text


def test_data_is_printed_as_written(shipped_text, write_data, run):
    odd = "[bold]Norway[/bold] :flag_for_norway: [link=x]"
    path = write_data(shipped_text.replace('name = "Norway"', f'name = "{odd}"'))
    for fmt in ("table", "tsv"):
        result = run("schedule", "--from", "2026", "--years", "1", "--format", fmt,
                     "--data", path, env={"COLUMNS": "200"})
        assert odd in result.stdout, result.stdout
    answer = run("chair", "--date", "2026-03-01", "--format", "table", "--data", path,
                 env={"COLUMNS": "200"})
    assert f"{odd} (NO) chairs" in answer.stdout


def test_tabs_and_newlines_in_names_are_refused(shipped_text, write_data, run):
    # They would break tsv rows and one-line messages; the loader refuses them.
    path = write_data(shipped_text.replace('name = "Norway"', 'name = "Nor\\tway\\nKingdom"'))
    result = run("chair", "--date", "2026-03-01", "--format", "tsv", "--data", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert "members[3].name: must not contain control characters (found U+0009" in result.stderr


# Help and version

@pytest.mark.parametrize("command", ["chair", "schedule"])
def test_every_command_has_help_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"nordefco {command}" in result.stdout
    for option in ("--format", "--no-header", "--data", "NORDEFCO_DATA"):
        assert option in result.stdout


def test_no_command_prints_help(run):
    result = run()
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: nordefco") and "Commands:" in result.stdout


def test_top_level_help_has_examples(run):
    result = run("--help")
    assert "Examples:" in result.stdout and "nordefco chair --date" in result.stdout


def test_version(run):
    from nordefco_cli import __version__

    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"nordefco, version {__version__}\n"


def test_every_command_is_in_the_readme():
    """Each command has a section in the README (a guard borrowed from sqlite-utils)."""
    from pathlib import Path

    from nordefco_cli.cli.main import main

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for name in main.list_commands(None):
        assert f"### `nordefco {name}" in readme, name


def test_csv_quotes_what_needs_quoting(shipped_text, write_data, run):
    toml_value = 'Nor,way \\"the\\" Kingdom'  # TOML escapes for quotes
    path = write_data(shipped_text.replace('name = "Norway"', f'name = "{toml_value}"'))
    out = run("schedule", "--from", "2026", "--years", "1", "--format", "csv", "--no-header",
              "--data", path).stdout
    assert list(csv.reader(io.StringIO(out)))[0][4] == 'Nor,way "the" Kingdom'
    assert '"Nor,way ""the"" ' in out


@pytest.mark.parametrize("value", ["a,b", 'say "x"', "two\nlines", "cr\ronly", "crlf\r\n",
                                   "plain", "", " space "])
def test_csv_lines_round_trip_through_a_csv_reader(value):
    from nordefco_cli.render.output import plain_line_renderer

    for fields, middle, text in ((("a", "b", "c"), 7, "7"), (("a", "chairs", "c"), True, "true")):
        line = plain_line_renderer("csv", fields)((value, middle, None))
        assert line.endswith("\n") and not line.endswith("\r\n")
        assert list(csv.reader(io.StringIO(line, newline=""))) == [[value, text, ""]]


def test_csv_and_tsv_write_booleans_and_empty_values(run):
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        out = run("members", "--date", "2026-03-01", "--format", fmt, "--no-header").stdout
        assert sep.join(["IS", "Iceland", "Ísland", "false", "1949-04-04", "", "", ""]) in out
        assert sep.join(["SE", "Sweden", "Sverige", "true", "2024-03-07", "2023", "2027",
                         "projected"]) in out
