"""`nordefco timeline`: every body's chairs across a window, as a picture."""

from __future__ import annotations

import sys
from datetime import date

import click

from ...core.several import Bodies, first_terms, merged
from ...render.output import FORMATS, default_format, write_records
from ...render.records import TERM_FIELDS, body_fields, term_record
from ...render.words import OUTSIDE_MARK, no_chair_message, no_chair_note
from ..clock import today as run_today
from ..loading import load_bodies
from ..notes import behind_notes, coverage_notes, echo_notes
from ..options import output_options, resolve_window, window_options

NO_CHAIR_MARK = "none: see below"


@click.command()
@window_options
@output_options((*FORMATS, "svg"), many_bodies=True)
def timeline(first: date | None, years: int | None, last: date | None, fmt: str | None,
             no_header: bool, body: tuple[str, ...], data: str | None) -> None:
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
    today = run_today()
    first, last = resolve_window(first, years, last, today)
    bodies = load_bodies(data, body, default_all=True).bodies
    fmt = fmt or default_format(sys.stdout)
    found, empty = first_terms(bodies, first, last)
    if not found:
        _say_empty(empty, first, last)  # what each record covers, then the one error
        raise click.ClickException("no body has a chair on record from "
                                   f"{first.isoformat()} to {last.isoformat()}")
    answering = [(name, rotation) for name, rotation in bodies
                 if all(name != empty_name for empty_name, _ in empty)]
    # Where the window passes outside a record: on stderr, and in the picture.
    outside = coverage_notes(answering, first, last, say=False)
    behind = behind_notes(answering, first, last, today, say=False)
    if fmt not in ("table", "svg"):
        echo_notes(outside + behind)
        _say_empty(empty, first, last)
        write_records(((name, *term_record(term, today))
                       for name, term in merged(found, lambda term: term.start)),
                      body_fields(TERM_FIELDS), fmt, header=not no_header)
        return
    from ...render.timeline import Bar, PictureTooNarrow, Row, draw

    terms = dict(found)
    rows, notes = [], []
    for name, rotation in bodies:
        bars = [Bar(t.start, t.end, t.holder.code, t.holder.name, t.status(today))
                for t in terms.get(name, ())]
        # A reason is a sentence: in the row it would wrap into the picture
        # and repeat in every block, so the row points to it, told once below.
        if not bars:
            notes.append(f"{rotation.body.short_name}: "
                         f"{no_chair_note(rotation.gap(first, last))}")
        # Where the terms are drawn as a band, the caption says where to read them.
        selector = f"--data {_quoted(data)}" if data else f"--body {name}"
        # No term, and none known: "not in the record", unless there was none (BEAC).
        empty_mark = "" if bars else (OUTSIDE_MARK if rotation.gap(first, last).unrecorded
                                      else NO_CHAIR_MARK)
        rows.append(Row(rotation.body.short_name, bars, empty_mark,
                        OUTSIDE_MARK if bars and rotation.coverage(first, last).outside
                        else "", months if (months := rotation.rule.term_months) < 12 else 0,
                        selector))
    notes += outside + behind
    try:
        draw(rows, first, last, today, notes, svg=fmt == "svg")
    except PictureTooNarrow as error:
        raise click.ClickException(str(error)) from None
    echo_notes(outside + behind)  # once the picture is drawn: it shows them too
    _say_empty(empty, first, last)


def _say_empty(empty: Bodies, first: date, last: date) -> None:
    """A note on stderr for each body of `empty` ([(name, Rotation)]): why it has no
    term from `first` to `last`."""
    for _name, rotation in empty:
        click.echo(f"Note: {no_chair_message(rotation.gap(first, last), first, last)}",
                   file=sys.stderr)


def _quoted(path: str) -> str:
    """`path` as a shell word, so the caption's command can be typed as shown."""
    import shlex

    return shlex.quote(path)
