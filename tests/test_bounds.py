"""Issue 18: bounded against any user file, whole at any width.

Slow cases are bounds on work (calls counted), never timed: the table layer
does one pass over its rows and no Rich layout spans them; widths are
clamped to what a terminal can be; narrow widths fall back to layouts that
drop nothing.
"""

import io
import os
import re
from contextlib import redirect_stdout
from unittest import mock

import pytest
from test_cache import SMALL
from test_widths import check_whole, records_of, render

from nordefco_cli.render import table


def small_body(short: str = "TB", alpha: str = "Alpha") -> str:
    """test_cache's two-member body, with its short name and first member's name given."""
    return SMALL.replace('short_name = "TB"', f'short_name = "{short}"').replace(
        'name = "Alpha"', f'name = "{alpha}"')


def _table_of(rows, width: int) -> str:
    fields = ("year", "code", "country", "status", "note")
    out = io.StringIO()
    with mock.patch.dict(os.environ, {"COLUMNS": str(width)}), redirect_stdout(out):
        table.write_table(rows, fields, None, None)
    return out.getvalue()


def test_table_work_is_linear_in_rows():
    # No Rich Table layout or Measurement over all rows (quadratic-ish, and the
    # minutes a 200,000-row batch took): each row is laid out once, printed in blocks.
    import rich.measure
    import rich.table

    rows = [(year, "AB", "Alpha Beta", "projected", "a note of a few words" * (year % 3))
            for year in range(2000)]
    calls = {"rows": 0, "prints": 0}
    row_lines, print_ = table._row_lines, table._print_table

    def counted_rows(*args, **kwargs):
        calls["rows"] += 1
        return row_lines(*args, **kwargs)

    with mock.patch.object(table, "_row_lines", counted_rows), \
            mock.patch.object(rich.table.Table, "__rich_console__", side_effect=AssertionError), \
            mock.patch.object(rich.measure.Measurement, "get", side_effect=AssertionError):
        text = _table_of(rows, 80)
    assert print_ is table._print_table
    assert calls["rows"] == len(rows) + 1  # the header and each row, once
    assert text.count("~ projected") == len(rows) + 1  # and its meaning beneath


def test_table_prints_in_blocks():
    rows = [(year, "AB", "Alpha", "recorded", None) for year in range(1000)]
    from rich.console import Console

    with mock.patch.object(Console, "print", autospec=True, side_effect=Console.print) as spy:
        _table_of(rows, 80)
    assert spy.call_count <= len(rows) // table._BLOCK_ROWS + 3


@pytest.mark.parametrize("columns, width", [("99999999", table.MAX_WIDTH),
                                            ("1001", table.MAX_WIDTH), ("0", 80), ("-5", 80),
                                            ("1", 1), ("640", 640)])
def test_width_is_clamped_to_a_terminal(monkeypatch, columns, width):
    monkeypatch.setenv("COLUMNS", columns)
    assert table.make_console().width == width


def test_a_huge_columns_timeline_is_laid_out_at_the_bound(run):
    from nordefco_cli.render import timeline

    seen = []
    layout = timeline.layout

    def spy(rows, first, last, today, width, chars=timeline.UNICODE):
        seen.append(width)
        return layout(rows, first, last, today, width, chars)

    with mock.patch.object(timeline, "layout", spy):
        result = run("timeline", "--years", "2", "--format", "table",
                     env={"COLUMNS": "99999999"})
    assert result.exit_code == 0, result.output
    assert seen == [table.MAX_WIDTH]


@pytest.mark.parametrize("command", [["schedule", "--from", "2020", "--to", "2022"],
                                     ["members"], ["next"], ["bodies"], ["chair"],
                                     ["chair", "--body", "all"], ["timeline"]])
def test_columns_zero_is_no_width_at_all(run, command):
    result = run(*command, "--format", "table", env={"COLUMNS": "0"})
    assert result.exit_code == 0 and result.stdout.strip(), result.output


@pytest.mark.parametrize("columns", range(1, 21))
def test_timeline_at_any_small_width_answers_in_one_line_or_draws(run, columns):
    result = run("timeline", "--body", "beac", "--from", "2025-12-01", "--to", "9999",
                 "--format", "table", env={"COLUMNS": str(columns)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    if result.exit_code:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_today_marker_sits_at_todays_column(run, today):
    result = run("timeline", "--from", f"{today.year}-01-01",
                 "--to", f"{today.year + 1}-12-31", "--format", "table",
                 env={"COLUMNS": "20"})
    assert result.exit_code == 0, result.output
    marker = next(line for line in result.stdout.splitlines() if "▼" in line)
    column = (today.toordinal() - today.replace(month=1, day=1).toordinal()) * 20 * 2
    days = today.replace(year=today.year + 2, month=1, day=1).toordinal() \
        - today.replace(month=1, day=1).toordinal()
    assert abs(marker.index("▼") - (column + days) // (days * 2)) <= 1
    assert f"today {today.isoformat()}" in result.stdout.replace("\n", " ")


@pytest.mark.parametrize("columns", [10, 12, 13])
def test_timeline_label_and_legend_whole_when_narrow(run, today, columns):
    result = run("timeline", "--format", "table", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    words = result.stdout.split()
    assert "today" in words and today.isoformat() in words
    for entry in ("term", "starts", "projected", "today"):
        assert entry in words


@pytest.mark.parametrize("width", [12, 16, 20, 24])
def test_chair_overview_never_drops_a_chair(run, width):
    args = ["chair", "--body", "all"]
    records = records_of(run, args)
    text = render(run, args, width)
    for record in records:
        if record.get("code"):
            assert re.search(rf"\({record['code']}\)", text), (record, text)
    check_whole(text, [r for r in records if r.get("code")], "", chair_summary=True,
                width=width)


@pytest.mark.parametrize("width", [12, 16, 20])
def test_chair_answer_never_drops_a_value(run, width):
    text = render(run, ["chair", "--date", "2026-03-01"], width)
    for value in ("2026-01-01", "2026-12-31,", "(FI),", "(SE),", "projected"):
        assert value in text.split(), text


def test_a_long_short_name_keeps_its_chair(run, user_body):
    short = "L" * 80
    user_body("long", small_body(short=short))
    text = render(run, ["chair", "--body", "long", "--body", "ncm", "--date", "2020-06-01"], 80)
    assert "Alpha (A)" in text and short in text


# Legacy code pages: a character the stream's encoding lacks gets a stand-in.

CODE_PAGE_BODY = small_body(alpha="Ø Привет Ωmega ☃")


@pytest.mark.parametrize("encoding", ["cp437", "cp850", "cp1252", "koi8-r", "mac-roman",
                                      "ascii"])
def test_table_on_any_code_page_gets_stand_ins(write_data, encoding):
    import subprocess
    import sys

    from conftest import subprocess_env

    path = write_data(CODE_PAGE_BODY)
    result = subprocess.run([sys.executable, "-m", "nordefco_cli", "members", "--data", path,
                             "--format", "table"], capture_output=True,
                            env=subprocess_env(COLUMNS="80", PYTHONIOENCODING=encoding))
    # The one line on stderr is the true note that the record is behind (its
    # projection began in 2021): no error, no traceback.
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(b"Note: TB: the record is behind") \
        and result.stderr.count(b"\n") == 1, result.stderr
    text = result.stdout.decode(encoding)  # every byte is the stream's encoding
    assert "Beta" in text and "mega" in text


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp437"])
def test_a_stand_in_is_as_wide_as_its_character(encoding):
    import subprocess
    import sys

    from conftest import subprocess_env

    # China's native name is two characters of two cells each: "????", so the
    # columns after it stay where the table measured them.
    result = subprocess.run([sys.executable, "-m", "nordefco_cli", "members", "--body", "unsc",
                             "--date", "2018-12-05", "--format", "table"], capture_output=True,
                            env=subprocess_env(COLUMNS="80", PYTHONIOENCODING=encoding))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode(encoding).splitlines()
    china, france = (next(line for line in lines if line.startswith(code))
                     for code in ("CN ", "FR "))
    assert "????" in china and china.index("true") == france.index("true")


def test_messages_on_ascii_are_escaped_not_utf8():
    import subprocess
    import sys

    from conftest import subprocess_env

    result = subprocess.run([sys.executable, "-m", "nordefco_cli", "country", "☃"],
                            capture_output=True, env=subprocess_env(PYTHONIOENCODING="ascii"))
    assert result.returncode == 2
    assert result.stderr.decode("ascii").startswith("Error: ")  # no raw UTF-8 bytes
    assert "\\u2603" in result.stderr.decode("ascii")


# Completion: a malformed shell environment is one line; a FIFO is never read.

def _complete(words: str, cword: str, **env):
    import subprocess
    import sys

    from conftest import subprocess_env

    return subprocess.run([sys.executable, "-m", "nordefco_cli"], capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=30,
                          env=subprocess_env(_NORDEFCO_COMPLETE="bash_complete",
                                             COMP_WORDS=words, COMP_CWORD=cword, **env))


def test_completion_with_a_bad_comp_cword_is_one_line():
    result = _complete("nordefco next ", "abc")
    assert result.returncode == 2
    assert result.stderr.startswith(b"Error: ") and result.stderr.count(b"\n") == 1


@pytest.mark.parametrize("data", ["fifo", "/dev/stdin"])
def test_completion_never_reads_a_fifo(tmp_path, data):
    if data == "fifo":
        data = str(tmp_path / "fifo")
        os.mkfifo(data)
    # The child would block on opening the FIFO (no writer) until the timeout.
    result = _complete(f"nordefco next --data {data} ", "4")
    assert result.returncode == 0 and result.stdout.strip() == b""


def test_completion_still_offers_codes_from_a_data_file(write_data):
    path = write_data(small_body())
    result = _complete(f"nordefco next --data {path} ", "4")
    assert result.returncode == 0 and b"plain,A" in result.stdout


# Every short write is an error, whatever the buffering.

@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("command", [
    ["schedule", "--from", "0001", "--to", "9999", "--format", "tsv"],
    ["schedule", "--from", "0001", "--to", "9999", "--format", "json"],
    ["schedule", "--from", "2009", "--to", "4000", "--format", "table"],
    ["timeline", "--format", "svg", "--from", "2009", "--to", "2200"],
])
def test_a_write_cut_short_on_a_non_blocking_pipe_is_exit_1(command, unbuffered):
    import subprocess
    import sys

    from conftest import subprocess_env

    env = subprocess_env(COLUMNS="80")
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    reader, writer = os.pipe()
    os.set_blocking(writer, False)  # a pipe that takes 64 KiB and then says "not now"
    try:
        with subprocess.Popen([sys.executable, "-m", "nordefco_cli", *command], stdout=writer,
                              stderr=subprocess.PIPE, env=env) as process:
            os.close(writer)
            writer = None
            stderr = process.stderr.read()
            status = process.wait(timeout=60)
    finally:
        if writer is not None:
            os.close(writer)
        os.close(reader)
    assert status == 1, stderr
    assert stderr.startswith(b"Error: cannot write output: ") and stderr.count(b"\n") == 1, stderr


# The schema follows what was asked; messages say what is true.

@pytest.mark.parametrize("command", [["chair"], ["schedule"], ["next"], ["country", "dk"]])
def test_a_broken_body_of_two_keeps_the_body_field(run, user_body, command):
    import json

    user_body("gap", "broken = \n")
    result = run(*command, "--body", "gap", "--body", "ncm", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "left out gap" in result.stderr
    records = json.loads(result.stdout)
    records = records if isinstance(records, list) else [records]
    assert records and all(record["body"] == "ncm" for record in records)


def test_a_member_who_left_every_body_asked_is_told_so(run):
    result = run("next", "ru", "--body", "beac", "--body", "cbss")
    assert result.exit_code == 1
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: Russia (RU)") and "left BEAC on" in error \
        and "CBSS on" in error


def test_a_member_who_never_chairs_is_named(run):
    result = run("next", "is", "--body", "nordefco", "--body", "beac")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Iceland (IS) is a member") and "is is" not in \
        result.stderr


def test_nordefco_data_does_not_narrow_every_body(run, write_data):
    import json

    path = write_data(small_body())
    for command in (["country", "dk"], ["timeline"]):
        result = run(*command, "--format", "json", env={"NORDEFCO_DATA": path})
        assert result.exit_code == 0, result.output
        assert len({record["body"] for record in json.loads(result.stdout)}) > 1
    # --data on the command line does narrow it.
    result = run("country", "a", "--data", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert {record["body"] for record in json.loads(result.stdout)} == {"rotation"}


def test_body_wins_over_a_missing_nordefco_data(run):
    result = run("chair", "--body", "ncm", env={"NORDEFCO_DATA": "/nonexistent"})
    assert result.exit_code == 0, result.output
    result = run("chair", env={"NORDEFCO_DATA": "/nonexistent"})
    assert result.exit_code == 2
    assert result.stderr == ("Error: Invalid value for '--data' (env var: 'NORDEFCO_DATA'): "
                             "file '/nonexistent' does not exist.\n")


@pytest.mark.parametrize("command", [["members"], ["validate"]])
def test_a_command_of_one_body_refuses_two(run, command):
    result = run(*command, "--body", "ncm", "--body", "beac")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "one body, not 2" in result.stderr


# Names that cannot be told apart: letters of two scripts in one short name or code

LOOK_ALIKE = "NORDEFC\u041e"  # a Cyrillic capital O at the end


def test_a_short_name_of_two_scripts_is_refused(run, user_body, shipped_text):
    path = user_body("mine", shipped_text.replace('short_name = "NORDEFCO"',
                                                  f'short_name = "{LOOK_ALIKE}"'))
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}: body.short_name: mixes Latin and Cyrillic letters (found U+041E at "
        "character 8, CYRILLIC CAPITAL LETTER O), so it can read as another name: write it "
        "in one script")
    every = run("chair", "--body", "all", "--format", "tsv", "--no-header")
    assert every.exit_code == 0 and "\nmine\t" not in "\n" + every.stdout
    assert every.stdout.count("\nnordefco\t") + every.stdout.startswith("nordefco\t") == 1


def test_a_code_of_two_scripts_is_refused(run, write_data, shipped_text):
    path = write_data(shipped_text.replace('code = "IS"', 'code = "I\u0405"'))  # Cyrillic S
    result = run("validate", path)
    assert result.exit_code == 1
    assert "members[2].code: mixes Latin and Cyrillic letters (found U+0405 at character 2" \
        in result.stderr


@pytest.mark.parametrize("short_name", ["Совет", "Nordisk Råd", "ΕΕ", "NORDEFCO 2"])
def test_a_short_name_in_one_script_is_kept(run, write_data, shipped_text, short_name):
    path = write_data(shipped_text.replace('short_name = "NORDEFCO"',
                                           f'short_name = "{short_name}"'))
    assert run("validate", path).exit_code == 0
