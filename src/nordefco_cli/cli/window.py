"""The window of dates that `schedule`, `country` and `timeline` take: --from, --years, --to."""

from __future__ import annotations

from datetime import date, timedelta

import click

from .cli import DateType
from .engine import add_months

DEFAULT_YEARS = 10


def window_options(command):
    """--from DATE|YEAR, --years N and --to DATE|YEAR, as `first`, `years` and `last`."""
    for option in reversed([
        click.option(
            "--from", "first", type=DateType(year_is="start"), metavar="DATE|YEAR",
            help="First day of the window (default: today). A bare year means its 1 January.",
        ),
        click.option(
            "--years", type=click.IntRange(1, 9999), metavar="N",
            help=f"Length of the window in years (default: {DEFAULT_YEARS}).",
        ),
        click.option(
            "--to", "last", type=DateType(year_is="end"), metavar="DATE|YEAR",
            help="Last day of the window, inclusive. A bare year means its 31 December.",
        ),
    ]):
        command = option(command)
    return command


def resolve_window(first: date | None, years: int | None, last: date | None,
                   today: date) -> tuple[date, date]:
    """The first and last days (inclusive) of the window the options give.

    From `first` (default `today`) for `years` years (default 10), or to
    `last`. A window past 9999-12-31 is cut there, with a note on stderr.
    Usage errors: --years with --to, or --to before --from.
    """
    if years is not None and last is not None:
        raise click.UsageError("--years and --to cannot be used together.")
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
    return first, last
