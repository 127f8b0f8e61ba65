"""`nordefco timeline`: every body's chairs across a window, as a picture."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..cli import load_bodies, output_options
from ..engine import term_status
from ..output import FORMATS, default_format, write_records
from ..records import TERM_FIELDS, term_record
from ..window import resolve_window, window_options

# Styles of the picture's kinds (see timeline.layout); meaning never rides on
# them alone: the fill characters differ too.
_STYLES = {
    "label": "bold", "axis": "dim", "today": "bold red", "start": "",
    "recorded": "green", "recorded-label": "bold green",
    "announced": "cyan", "announced-label": "bold cyan",
    "projected": "yellow", "projected-label": "italic yellow", "note": "dim",
}
SVG_WIDTH = 120  # columns of an SVG picture: a slide's width, whatever the terminal
NO_CHAIR_MARK = "none: see below"


@click.command()
@window_options
@output_options((*FORMATS, "svg"), many_bodies=True)
def timeline(first, years, last, fmt, no_header, body, data):
    """Every body's chairs across a window of dates, as a picture: one row per body.

    Each term is a bar labelled with its country (or its code, where the bar
    is too short for the name); recorded terms are a solid line, announced
    ones (in the data file, not begun) a thin line, projected ones a dashed
    line, and today is marked. The picture fits the terminal:
    a long window on a narrow terminal is drawn in several blocks, one under
    the other. The window is as for 'schedule' (default: today, 10 years);
    every body is drawn, or those given with --body.

    --format svg writes the picture as an SVG image (120 columns wide);
    tsv, csv, json and jsonl write the terms behind it, with the body first.

    \b
    Examples:
      nordefco timeline
      nordefco timeline --from 2020 --to 2030 --body nordefco --body ncm
      nordefco timeline --years 6 --format svg > chairs.svg
    """
    from ..several import body_fields, first_terms, merged, with_body
    from ..timeline import Bar, Row

    today = date.today()
    first, last = resolve_window(first, years, last, today)
    bodies = load_bodies(data, body, default_all=True)
    fmt = fmt or default_format(sys.stdout)
    found, empty = first_terms(bodies, first, last)
    if not found:
        raise click.ClickException("no body has a chair on record from "
                                   f"{first.isoformat()} to {last.isoformat()}")
    if fmt not in ("table", "svg"):
        for _name, rotation in empty:
            click.echo(f"Note: {rotation.no_chair_message(first, last)}", err=True)
        write_records(with_body(merged(found, lambda term: term.start),
                                lambda term: term_record(term, today)),
                      body_fields(TERM_FIELDS), fmt, header=not no_header)
        return
    terms = dict(found)
    rows, notes = [], []
    for name, rotation in bodies:
        bars = [Bar(t.start, t.end, t.member.code, t.member.name, term_status(t, today))
                for t in terms.get(name, ())]
        # A reason is a sentence: in the row it would wrap into the picture
        # and repeat in every block, so the row points to it, told once below.
        if not bars:
            notes.append(f"{rotation.body.short_name}: {rotation.no_chair_note(first, last)}")
        rows.append(Row(rotation.body.short_name, bars, "" if bars else NO_CHAIR_MARK))
    _draw(rows, first, last, today, notes, svg=fmt == "svg")


def _draw(rows, first: date, last: date, today: date, notes: list[str], *, svg: bool) -> None:
    from rich.text import Text

    from ..terminal import _console
    from ..timeline import ASCII, MAX_BLOCKS, STATUSES, UNICODE, TooNarrow, layout

    if svg:
        import io

        console = _console(record=True, width=SVG_WIDTH, file=io.StringIO(), force_terminal=True,
                           color_system="truecolor")
    else:
        console = _console()
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    chars = UNICODE if svg or encoding in ("utf8", "utf16", "utf32") else ASCII
    try:
        blocks = layout(rows, first, last, today, console.width, chars)
    except TooNarrow as error:
        where, remedy = ((f"an SVG picture ({error.width} columns)", "") if svg else
                         (f"a terminal {error.width} columns wide", ", widen the terminal"))
        raise click.ClickException(
            f"the window has too many terms to draw in {where}, even in {MAX_BLOCKS} blocks; "
            f"give a shorter window (--years, --to){remedy}, or list the terms with "
            "--format tsv") from None
    statuses = {bar.status for row in rows for bar in row.bars}
    console.print(Text(f"Chairs from {first.isoformat()} to {last.isoformat()}", style="bold"))
    for number, lines in enumerate(blocks):
        if number:
            console.print()
        for line in lines:
            console.print(Text.assemble(*((text, _STYLES.get(kind, "")) for text, kind in line)),
                          no_wrap=False)
    legend = [(f"{chars['start']} a term starts", "")]
    legend += [(f"{chars[status] * 2} {status}", _STYLES[status]) for status in STATUSES
               if status in statuses]
    if first <= today <= last:
        legend.append((f"{chars['today']} today", _STYLES["today"]))
    console.print()
    # The legend wraps between its entries, never inside one.
    line = Text()
    for text, style in legend:
        if line and len(line) + 3 + len(text) > console.width:
            console.print(line)
            line = Text()
        line.append_text(Text(("   " if line else "") + text, style=style))
    console.print(line)
    for note in notes:
        console.print(Text(note, style=_STYLES["note"]))
    if svg:  # an XML file: UTF-8 bytes, whatever the locale
        sys.stdout.flush()
        sys.stdout.buffer.write(console.export_svg(title="nordefco timeline").encode("utf-8"))
