"""`nordefco schedule`: the terms that overlap a window of dates."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from itertools import chain

import click

from ..cli import DateType, load, output_options
from ..engine import add_months
from ..output import (
    CALENDAR_FORMATS,
    default_format,
    plain_line_renderer,
    term_lines,
    write_lines,
    write_records,
)
from ..records import TERM_FIELDS, term_record

DEFAULT_YEARS = 10


@click.command()
@click.option(
    "--from", "first", type=DateType(year_is="start"), metavar="DATE|YEAR",
    help="First day of the window (default: today). A bare year means its 1 January.",
)
@click.option(
    "--years", type=click.IntRange(1, 9999), metavar="N",
    help=f"Length of the window in years (default: {DEFAULT_YEARS}).",
)
@click.option(
    "--to", "last", type=DateType(year_is="end"), metavar="DATE|YEAR",
    help="Last day of the window, inclusive. A bare year means its 31 December.",
)
@output_options(CALENDAR_FORMATS)
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
    if years is not None and last is not None:
        raise click.UsageError("--years and --to cannot be used together.")
    today = date.today()
    first = first or today
    if last is None:
        try:
            last = add_months(first, 12 * (years or DEFAULT_YEARS)) - timedelta(days=1)
        except OverflowError:
            last = date.max
            click.echo(f"Note: the window is cut at {last.isoformat()}, the last date supported.",
                       err=True)
    if last < first:
        raise click.BadParameter(
            f"{last.isoformat()} is before --from {first.isoformat()}.", param_hint="'--to'"
        )
    rotation = load(data, body)
    terms = rotation.terms_between(first, last)
    head = next(terms, None)
    if head is None:
        reason = rotation.no_chair_reason(last if last < rotation.first_day else first)
        raise click.ClickException(
            f"{rotation.body.short_name} has no chair from {first.isoformat()} "
            f"to {last.isoformat()}: {reason}"
        )
    caption = None
    if last > rotation.last_recorded_day:
        caption = "Terms in italics are projected from the rotation order, not announced."
    terms = chain((head,), terms)
    fmt = fmt or default_format(sys.stdout)
    if fmt in ("tsv", "csv"):  # the long-schedule path (see output.term_lines)
        header = plain_line_renderer(fmt, TERM_FIELDS)(TERM_FIELDS) if not no_header else None
        write_lines(term_lines(terms, fmt, today), header, line_by_line=False)
        return
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
