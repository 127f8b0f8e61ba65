"""`nordefco schedule`: the terms that overlap a window of dates."""

from __future__ import annotations

import sys
from datetime import date
from itertools import chain

import click

from ..cli import load_bodies, output_options
from ..output import (
    CALENDAR_FORMATS,
    default_format,
    plain_line_renderer,
    schedule_lines,
    write_lines,
    write_records,
)
from ..records import TERM_FIELDS, term_record
from ..window import resolve_window, window_options


@click.command()
@window_options
@output_options(CALENDAR_FORMATS, many_bodies=True)
def schedule(first, years, last, fmt, no_header, body, data):
    """The terms that overlap a window of dates.

    The window starts at --from and lasts --years years (end exclusive), or
    ends at --to (inclusive). Terms after the last recorded one are projected.
    --format ics writes an RFC 5545 calendar with one all-day event per term.

    \b
    Examples:
      nordefco schedule
      nordefco schedule --years 20
      nordefco schedule --from 2009 --to 2026
      nordefco schedule --from 2025-06-01 --years 5 --format json
      nordefco schedule --from 2009 --to 2030 --format ics > nordefco.ics
    """
    today = date.today()
    first, last = resolve_window(first, years, last, today)
    bodies = load_bodies(data, body)
    fmt = fmt or default_format(sys.stdout)
    if len(bodies) > 1:
        _schedule_of_several(bodies, first, last, today, fmt, no_header)
        return
    rotation = bodies[0][1]
    terms = rotation.terms_between(first, last)
    head = next(terms, None)
    if head is None:
        raise click.ClickException(rotation.no_chair_message(first, last))
    caption = None
    if last > rotation.last_recorded_day and not rotation.order:
        # Nothing is projected: say why the rows stop short of the window.
        caption = (f"The schedule stops at {rotation.last_recorded_day.isoformat()}: "
                   "no order is decided after it.")
    if fmt in ("tsv", "csv"):  # the long-schedule path (see output.schedule_lines)
        header = plain_line_renderer(fmt, TERM_FIELDS)(TERM_FIELDS) if not no_header else None
        write_lines(schedule_lines(rotation, first, last, fmt, today), header)
        return
    terms = chain((head,), terms)
    write_records(
        (term_record(term, today) for term in terms),
        TERM_FIELDS,
        fmt,
        header=not no_header,
        title=f"{rotation.body.name} ({rotation.body.short_name}): "
        f"chairs {first.isoformat()} to {last.isoformat()}",
        caption=caption,
        body=rotation.body.short_name,
    )


def _schedule_of_several(bodies, first, last, today, fmt, no_header):
    from ..several import body_fields, first_terms, merged, with_body

    if fmt == "ics":
        raise click.UsageError("--format ics takes one --body.")
    found, empty = first_terms(bodies, first, last)
    for _name, rotation in empty:
        click.echo(f"Note: {rotation.no_chair_message(first, last)}", err=True)
    if not found:
        # "on record": a body may have had a chair its file does not reach back to.
        raise click.ClickException(f"no body has a chair on record from {first.isoformat()} "
                                   f"to {last.isoformat()}")
    # A body with nothing projected: say why its rows stop short of the window.
    caption = " ".join(
        f"{rotation.body.short_name} stops at {rotation.last_recorded_day.isoformat()}: "
        "no order is decided after it."
        for _name, rotation in bodies if last > rotation.last_recorded_day and not rotation.order
    ) or None
    records = with_body(merged(found, lambda term: term.start),
                        lambda term: term_record(term, today))
    write_records(records, body_fields(TERM_FIELDS), fmt, header=not no_header,
                  title=f"Chairs {first.isoformat()} to {last.isoformat()}", caption=caption)
