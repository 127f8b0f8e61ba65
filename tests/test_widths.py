"""The terminal view at every width: no value is cut, dropped or folded mid-word.

Each command's table is rendered at 30 to 120 columns (Rich honours COLUMNS)
and compared with the same command's JSON records: every value that must
stay whole (years, dates, codes, statuses, body names, numbers) appears as a
whole token at least as often as the records hold it, free text (country
names, notes, citations) word by word, and every source URL whole.
"""

import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from contextlib import redirect_stdout
from datetime import date
from unittest import mock

import pytest
from conftest import run_in_terminal, subprocess_env
from hypothesis import given, settings
from hypothesis import strategies as st

WIDTHS = (30, 40, 50, 60, 80, 120)
FREE_TEXT = {"country", "native_name", "from_country", "to_country", "name", "short_name",
             "note"}
MARKS = {"projected": "~", "announced": "*"}
ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")
OSC8_TARGETS = re.compile(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\")
ONE_LONG_WORD = re.compile(r"(?:[a-z_]+:?|\[\d+\]) +\S+")  # "source: URL", "[1] /a/path"

COMMANDS = {
    "schedule": ["schedule", "--from", "2009", "--to", "2030"],
    "schedule-eu": ["schedule", "--body", "eu-council", "--from", "2029", "--to", "2031"],
    "schedule-arctic": ["schedule", "--body", "arctic-council", "--from", "2011", "--to", "2029"],
    "schedule-ncm": ["schedule", "--body", "ncm", "--from", "2019", "--to", "2027"],  # notes
    "next": ["next", "--date", "2026-03-01", "--count", "3"],
    "next-country": ["next", "sweden", "--date", "2024-03-01", "--count", "2"],
    "members": ["members", "--date", "2026-03-01"],
    "bodies": ["bodies"],
    "chair": ["chair", "--date", "2026-03-01"],
    "chair-projected": ["chair", "--date", "2031-05-05"],
    # Several bodies: a body field first; chair gives one line per body.
    "schedule-all": ["schedule", "--body", "all", "--from", "2029", "--to", "2031"],
    "next-all": ["next", "--body", "all", "--date", "2026-03-01", "--count", "2"],
    "country": ["country", "dk", "--from", "2020", "--to", "2028"],
    "chair-all": ["chair", "--body", "all", "--date", "2026-03-01"],
}


def is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def records_of(run, args) -> list[dict]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    return records if isinstance(records, list) else [records]


def render(run, args, width: int, **env) -> str:
    result = run(*args, "--format", "table", env={"COLUMNS": str(width), **env})
    assert result.exit_code == 0, result.output
    return result.stdout


def whole(text: str) -> re.Pattern:
    """`text` as a token: not run on into letters, digits, dashes or dots either side."""
    return re.compile(rf"(?<![\w.-]){re.escape(text)}(?![\w-]|\.\w)")


# What the `chair` summaries show otherwise: the term by its dates (which
# start with the year); for several bodies, each body by its short name and
# the date asked about once, in the title.
SUMMARY_SHOWS_OTHERWISE = {"year"}
OVERVIEW_SHOWS_OTHERWISE = {"year", "body", "date"}


def expected_tokens(records: list[dict], *, chair_summary: bool) -> Counter:
    """How often each value that must stay whole occurs in the records."""
    skipped = set()
    if chair_summary:
        several = len(records) > 1 or "body" in records[0]
        skipped = OVERVIEW_SHOWS_OTHERWISE if several else SUMMARY_SHOWS_OTHERWISE
    tokens = Counter()
    listed = set()  # URLs (and other long texts) are listed once, however many terms cite them
    for record in records:
        for field, value in record.items():
            if value is None or value == "" or value == []:
                continue
            if field in skipped:
                continue
            if isinstance(value, bool):
                tokens["true" if value else "false"] += 1
            elif field in ("source", "note"):
                listed.add(value)
            elif field in FREE_TEXT:
                tokens.update(str(value).split())
            else:
                tokens[str(value)] += 1
            is_status = field == "status" or field.endswith("_status")
            if is_status and value in MARKS and not chair_summary:
                tokens[f"{MARKS[value]} {value}"] += 1
    for text in listed:
        tokens.update([text] if is_url(text) else text.split())
    return tokens


def check_whole(text: str, records: list[dict], title: str, *, chair_summary: bool,
                width: int | None = None) -> None:
    """Every value whole in `text`; at `width`, a word longer than a line is folded."""
    for token, count in expected_tokens(records, chair_summary=chair_summary).items():
        if width is not None and len(token) > width:
            continue
        found = len(whole(token).findall(text)) - len(whole(token).findall(title))
        assert found >= count, f"{token!r}: {found} of {count} whole\n{text}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", COMMANDS)
def test_every_value_whole_at_every_width(run, name, width):
    args = COMMANDS[name]
    records = records_of(run, args)
    chair_summary = args[0] == "chair"
    # The title is the first line at any width it fits in; its values do not count.
    title = "" if chair_summary else render(run, args, 1000).splitlines()[0]
    text = render(run, args, width)
    check_whole(text, records, title, chair_summary=chair_summary)
    for line in text.splitlines():
        # Only a line holding one long word (a URL, a path) after its label is
        # longer than the terminal: the terminal wraps it.
        assert len(line.rstrip()) <= width or ONE_LONG_WORD.fullmatch(line.rstrip()), (line, text)


@pytest.mark.parametrize("width", WIDTHS)
def test_batch_table_whole_at_every_width(run, tmp_path, width):
    dates = tmp_path / "dates.txt"
    dates.write_text("2026-03-01\n2011-06-30\n2030-02-02\n2014-05-05\n", encoding="utf-8")
    args = ["chair", "--dates-from", str(dates)]
    title = render(run, args, 1000).splitlines()[0]
    check_whole(render(run, args, width), records_of(run, args), title, chair_summary=False)


@pytest.mark.parametrize("width", WIDTHS)
def test_sources_are_links_and_whole_lines(run, width):
    args = COMMANDS["schedule-arctic"]
    cited = Counter(record["source"] for record in records_of(run, args)
                    if record["source"] and is_url(record["source"]))
    assert cited
    coloured = render(run, args, width, FORCE_COLOR="1")
    assert set(cited) <= set(OSC8_TARGETS.findall(coloured))  # clickable
    text = ESCAPES.sub("", coloured)
    is_table = "───" in text
    for url, count in cited.items():
        # Whole, on a line of its own: once beneath a table, or in each record's block.
        lines = [line for line in text.splitlines() if line.endswith(f" {url}")]
        assert len(lines) == (1 if is_table else count), url
    assert is_table == (width >= 60)


def test_wide_table_names_each_site_and_numbers_it(run):
    text = render(run, COMMANDS["schedule"], 120)
    assert re.search(r"^2026 .* recorded +\[(\d+)\] highnorthnews\.com\s*$", text, re.M)
    number = re.search(r"\[(\d+)\] highnorthnews\.com", text).group(1)
    url = "https://www.highnorthnews.com/en/norway-assumes-leadership-nordefco"
    assert f"[{number}] {url}\n" in text


def test_narrow_table_keeps_numbers_and_lists_sites_beneath(run, tmp_path):
    dates = tmp_path / "dates.txt"
    dates.write_text("2026-03-01\n", encoding="utf-8")
    text = render(run, ["chair", "--dates-from", str(dates)], 80)
    assert re.search(r"^2026-03-01 +2026 .* recorded +\[1\]\s*$", text, re.M)
    assert "[1] https://www.highnorthnews.com/en/norway-assumes-leadership-nordefco\n" in text


def test_too_narrow_for_a_table_gives_blocks(run):
    text = render(run, COMMANDS["next"], 30)
    assert "handover: 2027-01-01" in text and "status: ~ projected" in text
    assert "─" not in text


def test_columns_empty_in_every_row_are_left_out(run):
    text = render(run, COMMANDS["next"], 120)
    assert re.search(r"^handover +away +code +country +code +country +status *$", text, re.M)


def test_notes_inline_when_wide_and_numbered_when_narrow(run):
    note = "Finland together with Åland"
    wide = render(run, COMMANDS["schedule-ncm"], 120)
    assert re.search(rf"^2025 .* recorded +\[\d+\] valtioneuvosto\.fi +{note} *$", wide, re.M)
    narrow = render(run, COMMANDS["schedule-ncm"], 80)
    # Issue 17: a note has its own marker, a letter, apart from numbered sources.
    letter = re.search(r"^2025 .* recorded +\[\d+\] +\(([a-z]+)\) *$", narrow, re.M).group(1)
    assert f"\n({letter}) {note}\n" in narrow


def test_each_url_listed_once(run):
    text = render(run, ["schedule", "--body", "eu-council", "--from", "2017", "--to", "2030"], 120)
    url = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32016D1316"
    assert text.count(url) == 1 and text.count("[1] eur-lex.europa.eu") == 28


def test_schedule_years_10_no_longer_than_before(run):
    # The table it replaced printed 17 lines at 80 columns, 3 of them a folded URL.
    assert len(render(run, ["schedule", "--years", "10"], 80).splitlines()) <= 17


# Projection is marked by a character and a word, and explained beneath; never by italics.

@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TERM": "dumb"}])
def test_projected_rows_are_marked_without_colour(run, env):
    text = ESCAPES.sub("", render(run, ["schedule", "--from", "2025", "--years", "4"], 80, **env))
    assert re.search(r"^2025 .* recorded ", text, re.M)
    assert re.search(r"^2027 .* ~ projected", text, re.M)
    assert "~ projected from the rotation order, not announced" in text
    assert "italic" not in text


def test_no_italics_anywhere_in_a_table(run):
    coloured = render(run, ["schedule", "--from", "2025", "--years", "4"], 120, FORCE_COLOR="1")
    assert not re.search(r"\x1b\[[0-9;]*\b3m", coloured)  # SGR 3 is italic


def test_legend_only_for_statuses_shown(run):
    text = render(run, ["schedule", "--from", "2010", "--to", "2012"], 120)
    assert "projected" not in text


def test_eu_council_schedule_says_why_it_stops(run):
    text = render(run, ["schedule", "--body", "eu-council", "--from", "2030", "--years", "3"], 120)
    assert "The schedule stops at 2030-12-31: no order is decided after it." in text
    assert "projected" not in text


def test_chair_headline_says_projected(run):
    text = render(run, ["chair", "--date", "2031-05-05"], 80)
    assert text.startswith("Sweden (SE) is projected to chair NORDEFCO on 2031-05-05\n")
    assert re.search(r"before +Norway \(NO\), 2030-01-01 to 2030-12-31, projected", text)


def test_chair_source_is_one_whole_line_at_30(run):
    text = render(run, ["chair", "--date", "2026-03-01"], 30)
    assert "source  https://www.highnorthnews.com/en/norway-assumes-leadership-nordefco\n" in text


# Records whose fields this view does not know yet are shown too: any
# status other than recorded is marked, a note wraps between words.

def test_table_is_generic_over_fields_and_statuses(capsys, monkeypatch):
    from nordefco_cli.render.table import write_table

    monkeypatch.setenv("COLUMNS", "60")
    fields = ("body", "year", "status", "source", "note")
    note = "held together with the Faroe Islands and Greenland"
    write_table([("ncm", 2020, "recorded", "https://example.org/a/very/long/path", note),
                 ("ncm", 2027, "announced", None, None)], fields, "title", None)
    text = capsys.readouterr().out
    assert re.search(r"^ncm +2027 +\* announced", text, re.M)
    assert "* announced, not yet begun" in text
    for word in note.split():
        assert whole(word).search(text), word
    assert "https://example.org/a/very/long/path\n" in text


def test_chair_answer_shows_a_note(capsys, monkeypatch):
    from nordefco_cli.render.records import TermRecord
    from nordefco_cli.render.table import write_chair_answer

    monkeypatch.setenv("COLUMNS", "60")
    record = TermRecord(2025, date(2025, 1, 1), date(2025, 12, 31), "FI", "Finland",
                        "announced", "https://example.org/x", "with Åland")
    write_chair_answer(date(2025, 3, 1), record, None, None, "NCM")
    text = capsys.readouterr().out
    assert text.startswith("Finland (FI) is announced to chair NCM on 2025-03-01")
    assert re.search(r"^note +with Åland", text, re.M)


# A terminal that cannot show a character gets a stand-in, never a traceback.

@pytest.mark.parametrize(("env", "encoding", "iceland"), [
    ({"PYTHONIOENCODING": "ascii"}, "ascii", "Island"),
    ({"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, "ascii",
     "Island"),
    ({"PYTHONIOENCODING": "latin-1"}, "latin-1", "Ísland"),
])
def test_table_degrades_on_a_narrow_encoding(env, encoding, iceland):
    result = subprocess.run([sys.executable, "-m", "nordefco_cli", "members", "--format", "table",
                             "--date", "2026-03-01"], capture_output=True,
                            env=subprocess_env(COLUMNS="80", FORCE_COLOR="1", **env))
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    text = result.stdout.decode(encoding)
    assert re.search(rf"\b{iceland}\b", text)
    assert "IS" in text and "~ projected" in text and "--------" in text  # an ASCII box


def test_chair_answer_degrades_on_ascii():
    result = subprocess.run([sys.executable, "-m", "nordefco_cli", "chair", "--body",
                             "arctic-council", "--date", "2020-01-01", "--format", "table"],
                            capture_output=True,
                            env=subprocess_env(COLUMNS="80", PYTHONIOENCODING="ascii"))
    assert result.returncode == 0 and result.stderr == b""
    assert b"Iceland (IS) chairs Arctic Council on 2020-01-01" in result.stdout


# The rule in general: any records, any width from 30 columns.

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÅÍø", min_size=1, max_size=12)
VALUES = {
    "year": st.integers(1, 9999),
    "start": st.dates(),
    "code": st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=3),
    "country": st.lists(WORDS, min_size=1, max_size=4).map(" ".join),
    "status": st.sampled_from(["recorded", "announced", "projected"]),
    "source": st.one_of(st.none(), WORDS.map(lambda word: f"https://{word}.example/{word}" * 2)),
    "note": st.one_of(st.none(), st.lists(WORDS, min_size=1, max_size=12).map(" ".join)),
}


@settings(max_examples=60)
@given(rows=st.lists(st.tuples(*VALUES.values()), min_size=1, max_size=6),
       width=st.integers(30, 160))
def test_any_records_whole_at_any_width(rows, width):
    from nordefco_cli.render.table import write_table

    fields = tuple(VALUES)
    out = io.StringIO()
    with mock.patch.dict(os.environ, {"COLUMNS": str(width)}), redirect_stdout(out):
        write_table(rows, fields, None, None)
    text = out.getvalue()
    records = [{field: value.isoformat() if field == "start" else value
                for field, value in zip(fields, row, strict=True)} for row in rows]
    check_whole(text, records, "", chair_summary=False)
    for line in text.splitlines():
        assert len(line.rstrip()) <= width or ONE_LONG_WORD.fullmatch(line.rstrip()), (line, text)


def test_a_narrow_dumb_terminal_gets_its_own_width():
    # Rich would take any TERM=dumb terminal to be 80 columns wide.
    text = run_in_terminal(["chair", "--body", "all", "--date", "2027-03-01"], 40, TERM="dumb")
    assert "\x1b" not in text
    for line in text.splitlines():
        assert len(line.rstrip()) <= 40 or ONE_LONG_WORD.fullmatch(line.rstrip()), text


def test_block_layout_prints_a_block_of_records_at_a_time(monkeypatch):
    """Issue 18: a table too wide for the console falls to one block per record, and
    its cost is linear in rows: Rich prints a block of records at a time, not a line
    (bounded by counting console.print, never by a clock)."""
    from rich.console import Console

    from nordefco_cli.render import table

    calls = []
    real_print = Console.print
    monkeypatch.setattr(Console, "print",
                        lambda self, *a, **k: calls.append(1) or real_print(self, *a, **k))
    monkeypatch.setattr(table, "make_console",
                        lambda: Console(file=io.StringIO(), width=30, markup=False))
    fields = ("body", "year", "start", "end", "code", "country", "status")
    rows = [("nordefco", 2000 + n, date(2000, 1, 1), date(2000, 12, 31), "NO", "Norway",
             "projected") for n in range(2000)]
    cells_made = mock.patch.object(table, "_cell_maker", side_effect=AssertionError)
    with cells_made:  # too wide for any table: no layout's cells are made
        table.write_table(rows, fields, None, None)
    assert len(calls) <= 2000 // table._BLOCK_ROWS + 3
