"""What the layered house promises beyond the old behaviour: one clock, UIDs unique
for any script, and a timeline measured in terminal cells."""

import re
from datetime import UTC, date, datetime, timedelta, timezone

import click
import icalendar
import pytest
from conftest import TODAY

from nordefco_cli.cli.clock import read_clock
from nordefco_cli.render.ics import uid_prefix
from nordefco_cli.render.timeline import Bar, Row, layout

# One clock: NORDEFCO_TODAY, or the local date of the moment the run starts.


def test_without_the_variable_today_is_the_local_date_of_now():
    late = datetime(2026, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    clock = read_clock({}, late)
    assert clock.now == late.astimezone(UTC)
    assert clock.today == late.astimezone().date()


@pytest.mark.parametrize("value", ["2031-01-01", " 2031-01-01 "])
def test_the_variable_sets_today_and_the_moment(value):
    clock = read_clock({"NORDEFCO_TODAY": value}, datetime(2000, 1, 1, tzinfo=UTC))
    assert clock.today == date(2031, 1, 1)
    assert clock.now == datetime(2031, 1, 1, tzinfo=UTC)


def test_an_empty_variable_is_unset():
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert read_clock({"NORDEFCO_TODAY": ""}, late) == read_clock({}, late)


@pytest.mark.parametrize("value", ["2026-13-01", "today", " ", "2026-W01-1", "20260101"])
def test_a_bad_value_is_a_usage_error_naming_the_variable(value):
    with pytest.raises(click.BadParameter) as raised:
        read_clock({"NORDEFCO_TODAY": value}, datetime(2000, 1, 1, tzinfo=UTC))
    assert "NORDEFCO_TODAY" in raised.value.format_message()


@pytest.mark.parametrize("args", [["chair"], ["bodies"], ["schedule", "--format", "tsv"], []])
def test_a_bad_value_is_exit_2_for_every_command(run, args):
    result = run(*args, env={"NORDEFCO_TODAY": "2026-02-30"})
    assert result.exit_code == 2
    assert result.stderr == ("Error: Invalid value for environment variable NORDEFCO_TODAY: "
                             "'2026-02-30' is not a date like 2026-03-01.\n")


def test_every_default_date_counts_from_the_variable(run):
    env = {"NORDEFCO_TODAY": "2031-05-05"}
    assert run("chair", "--format", "tsv", "--no-header", env=env).stdout.startswith(
        "2031-05-05\t2031\t2031-01-01\t2031-12-31\tSE\tSweden\tprojected")
    assert run("chair", "--date", "tomorrow", "--format", "tsv", "--no-header",
               env=env).stdout.startswith("2031-05-06\t")
    assert run("schedule", "--format", "tsv", "--no-header", env=env).stdout.splitlines()[
        -1].startswith("2041\t2041-01-01")
    # An announced term is recorded once the day of the run reaches it.
    assert "\trecorded\t" in run("chair", "--body", "eu-council", "--date", "2030-08-01",
                                 "--format", "tsv", env={"NORDEFCO_TODAY": "2030-07-01"}).stdout


def test_a_calendar_is_reproduced_to_the_byte(run):
    args = ("schedule", "--from", "2025", "--years", "3", "--format", "ics")
    first = run(*args).stdout_bytes
    assert first == run(*args).stdout_bytes
    assert f"DTSTAMP:{TODAY:%Y%m%d}T000000Z".encode() in first


# Calendar UIDs: one prefix per body, whatever script its name is in.

@pytest.mark.parametrize(("name", "prefix"), [
    ("nordefco", "nordefco"), ("eu-council", "eu-council"), ("NCM", "ncm"),
    ("東京", "%E6%9D%B1%E4%BA%AC"), ("大阪", "%E5%A4%A7%E9%98%AA"), ("a b", "a%20b"),
])
def test_uid_prefixes(name, prefix):
    assert uid_prefix(name) == prefix


def test_two_bodies_named_in_another_script_get_different_uids(run, user_body, shipped_text):
    # User body names are ASCII (data/registry.py); their short names may be any script.
    uids = {}
    for name, short in (("tokyo", "東京"), ("osaka", "大阪")):
        text = shipped_text.replace('short_name = "NORDEFCO"', f'short_name = "{short}会議"')
        user_body(name, text)
        out = run("schedule", "--body", name, "--from", "2026", "--years", "1", "--format",
                  "ics").stdout_bytes
        (event,) = icalendar.Calendar.from_ical(out.decode()).walk("VEVENT")
        uids[name] = str(event["UID"])
    assert len(set(uids.values())) == 2
    assert all(re.fullmatch(r"[\w%.-]+-chair-202601@nordefco-cli", uid) for uid in uids.values())


# The timeline is measured in terminal cells: a name two cells a character wide
# keeps its bar on one line.

WIDE = "東京都"  # 3 characters, 6 cells


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_wide_names_keep_each_bar_on_one_line(width):
    from rich.cells import cell_len

    bars = [Bar(date(2026, 1, 1), date(2026, 12, 31), "TK", WIDE * 2, "recorded"),
            Bar(date(2027, 1, 1), date(2027, 12, 31), "OS", "大阪", "projected")]
    rows = [Row("会議" * 3, bars), Row("NORDEFCO", bars[:1])]
    for block in layout(rows, date(2026, 1, 1), date(2027, 12, 31), TODAY, width):
        for line in block:
            assert sum(cell_len(text) for text, _kind in line) <= width, line


def test_wide_names_in_a_real_terminal(run, user_body, shipped_text):
    text = shipped_text.replace('name = "Norway"', 'name = "ノルウェー王国"')
    user_body("wide", text.replace('short_name = "NORDEFCO"', 'short_name = "北欧防衛"'))
    from conftest import run_in_terminal
    from rich.cells import cell_len

    for columns in (60, 80):
        screen = run_in_terminal(["timeline", "--body", "wide", "--from", "2026", "--years",
                                  "4"], columns, NORDEFCO_TODAY=TODAY.isoformat())
        lines = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", screen).splitlines()
        [index] = [i for i, line in enumerate(lines) if line.startswith("北欧防衛")]
        bar = lines[index]
        assert ("│NO━" in bar or "│ノルウェー王国━" in bar) and "│Sweden┄" in bar
        assert cell_len(bar) <= columns and lines[index + 1] == ""


def test_a_heading_names_a_body_once_where_both_names_are_the_same(run):
    out = run("schedule", "--body", "nordic-council", "--from", "2026", "--years", "1",
              "--format", "table").stdout
    assert out.startswith("Nordic Council: chairs 2026-01-01 to 2026-12-31\n")
    out = run("members", "--format", "table").stdout
    assert out.startswith("Nordic Defence Cooperation (NORDEFCO): members as of 2026-12-07\n")
