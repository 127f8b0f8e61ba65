"""`nordefco schedule`: the terms that overlap a window of dates."""

from __future__ import annotations

import sys
from datetime import date

import click

from ...core.several import first_terms, merged
from ...render.output import CALENDAR_FORMATS, default_format, write_records
from ...render.records import TERM_FIELDS, body_fields, term_record
from ...render.words import body_title, no_chair_message, stops_caption
from ..clock import clock
from ..loading import load_bodies
from ..notes import behind_notes, coverage_notes
from ..options import output_options, resolve_window, window_options


@click.command()
@window_options
@output_options(CALENDAR_FORMATS, many_bodies=True)
def schedule(first: date | None, years: int | None, last: date | None, fmt: str | None,
             no_header: bool, body: tuple[str, ...], data: str | None) -> None:
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
    now = clock()
    first, last = resolve_window(first, years, last, now.today)
    asked = load_bodies(data, body)
    fmt = fmt or default_format(sys.stdout)
    if fmt == "ics" and asked.several:
        raise click.UsageError("--format ics takes one --body.")
    found, empty = first_terms(asked.bodies, first, last)
    if not found and not asked.several:
        rotation = empty[0][1]
        raise click.ClickException(no_chair_message(rotation.gap(first, last), first, last))
    for _name, rotation in empty:
        click.echo(f"Note: {no_chair_message(rotation.gap(first, last), first, last)}",
                   file=sys.stderr)
    if not found:
        # "on record": a body may have had a chair its file does not reach back to.
        raise click.ClickException(f"no body has a chair on record from {first.isoformat()} "
                                   f"to {last.isoformat()}")
    # Where the window passes outside a record, and where a record is behind:
    # on stderr in every format, and beneath a table as well.
    answering = [(name, rotation) for name, rotation in asked.bodies
                 if all(name != empty_name for empty_name, _ in empty)]
    notes = coverage_notes(answering, first, last) + behind_notes(answering, first, last,
                                                                  now.today)
    # A body with nothing projected: say why its rows stop short of the window.
    caption = "\n".join([" ".join(
        stops_caption(rotation.body.short_name if asked.several else None, stop,
                      horizon=rotation.horizon is not None)
        for _name, rotation in asked.bodies if (stop := rotation.stops_at(last)) is not None
    ), *notes]).strip() or None
    name, rotation = asked.bodies[0]  # the body of a calendar, which takes one
    window = f"{first.isoformat()} to {last.isoformat()}"
    title = f"Chairs {window}" if asked.several else \
        f"{body_title(rotation.body)}: chairs {window}"
    write_records(
        ((body_name, *term_record(term, now.today))
         for body_name, term in merged(found, lambda term: term.start)),
        body_fields(TERM_FIELDS), fmt, header=not no_header, with_body=asked.several,
        title=title, caption=caption, calendar=(name, rotation.body.short_name), stamp=now.now,
    )
