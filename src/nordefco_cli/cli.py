"""The command line: parse options, ask the engine, hand records to the output layer.

Rich and dateutil are imported only on the paths that need them (a table, a
written date), so a piped run with ISO dates starts fast.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

import click

from . import __version__
from .engine import NoChair, Rotation, add_months
from .output import FORMATS, default_format, write_chair_answer, write_records
from .records import CHAIR_FIELDS, TERM_FIELDS, chair_record, term_record

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_YEARS = 10


class DateType(click.ParamType):
    """A date as a person types it; with `year_is`, a bare year too."""

    name = "date"

    def __init__(self, year_is: str | None = None):
        self.year_is = year_is  # None, "start" (1 January) or "end" (31 December)

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from .dates import DateError, parse_date, parse_date_or_year

        try:
            if self.year_is is None:
                return parse_date(value, date.today())
            return parse_date_or_year(value, date.today(), end_of_year=self.year_is == "end")
        except DateError as error:
            self.fail(str(error), param, ctx)


def output_options(command):
    """The options every command shares: format, header, data file."""
    options = [
        click.option(
            "--format", "fmt", type=click.Choice(FORMATS),
            help="Output format. Default: table on a terminal, tsv otherwise.",
        ),
        click.option("--no-header", is_flag=True, help="Leave out the header line (tsv, csv)."),
        click.option(
            "--data", type=click.Path(exists=True, dir_okay=False), envvar="NORDEFCO_DATA",
            show_envvar=True, metavar="PATH",
            help="Rotation data file to use instead of the shipped one.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def load(data: str | None) -> Rotation:
    from .datafile import DataFileError, default_path, load_rotation

    try:
        return load_rotation(data or default_path())
    except DataFileError as error:
        more = len(error.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise click.ClickException(f"{error}{suffix}") from None


class OneLineErrors(click.Group):
    """A group whose errors are one line on stderr, usage errors included.

    Click prints usage and a hint above a usage error; scripts and people
    reading a log want the one line that says what was wrong.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            # Click still handles --help, --version, completion and a closed pipe.
            super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            click.echo(f"Error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(0)


@click.group(cls=OneLineErrors, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="nordefco")
def main():
    """Who chairs the Nordic Defence Cooperation (NORDEFCO), on any date.

    Members, rotation order and recorded chairs come from a data file (the
    shipped one, or --data). Recorded terms carry their sources; terms after
    the last recorded one are projected from the rotation order and always
    marked "projected".

    Output is a table on a terminal and tab-separated text in a pipe.
    Exit status: 0 success, 1 no answer or a bad data file, 2 a bad command line.
    """


@main.command()
@click.option(
    "--date", "day", type=DateType(), metavar="DATE",
    help="The date to ask about (default: today). ISO 8601 (2026-03-01), today, "
    "tomorrow, yesterday, or a written date such as '1 March 2026'.",
)
@click.option(
    "--year", type=click.IntRange(1, 9999), metavar="YEAR",
    help="The chair on the handover day of YEAR (1 January for NORDEFCO).",
)
@output_options
def chair(day, year, fmt, no_header, data):
    """Who chairs on a date.

    \b
    Examples:
      nordefco chair
      nordefco chair --date 2026-03-01
      nordefco chair --date '1 March 2011' --format json
      nordefco chair --year 2030 --format tsv --no-header
    """
    if day is not None and year is not None:
        raise click.UsageError("--date and --year cannot be used together.")
    rotation = load(data)
    if year is not None:
        day = rotation.handover_in(year)
    elif day is None:
        day = date.today()
    try:
        term = rotation.term_on(day)
    except NoChair as error:
        raise click.ClickException(str(error)) from None
    record = chair_record(day, term)
    fmt = fmt or default_format(sys.stdout)
    if fmt == "table":
        before, after = rotation.term_before(term), rotation.term_after(term)
        write_chair_answer(
            record,
            term_record(before) if before else None,
            term_record(after) if after else None,
            rotation.body.short_name,
        )
    else:
        write_records([record], CHAIR_FIELDS, fmt, header=not no_header, single=True)


@main.command()
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
@output_options
def schedule(first, years, last, fmt, no_header, data):
    """The terms that overlap a window of dates.

    The window starts at --from and lasts --years years (end exclusive), or
    ends at --to (inclusive). Terms after the last recorded one are projected.

    \b
    Examples:
      nordefco schedule
      nordefco schedule --years 20
      nordefco schedule --from 2009 --to 2026
      nordefco schedule --from 2025-06-01 --years 5 --format json
    """
    if years is not None and last is not None:
        raise click.UsageError("--years and --to cannot be used together.")
    first = first or date.today()
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
    rotation = load(data)
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
    write_records(
        (term_record(term) for term in _chain(head, terms)),
        TERM_FIELDS,
        fmt or default_format(sys.stdout),
        header=not no_header,
        title=f"{rotation.body.name} ({rotation.body.short_name}): "
        f"chairs {first.isoformat()} to {last.isoformat()}",
        caption=caption,
    )


def _chain(head, rest):
    yield head
    yield from rest
