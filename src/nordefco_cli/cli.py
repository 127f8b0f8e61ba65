"""The command line: parse options, ask the engine, hand records to the output layer.

Rich and dateutil are imported only on the paths that need them (a table, a
written date), so a piped run with ISO dates starts fast.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import chain, islice

import click

from . import __version__
from .engine import NoChair, Rotation, add_months
from .output import CALENDAR_FORMATS, FORMATS, default_format, write_chair_answer, write_records
from .records import (
    CHAIR_FIELDS,
    HANDOVER_FIELDS,
    MEMBER_FIELDS,
    SUMMARY_FIELDS,
    TERM_FIELDS,
    chair_record,
    handover_record,
    member_record,
    summary_record,
    term_record,
)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_YEARS = 10


class ExistingFile(click.ParamType):
    """A path to an existing file (click.Path would import locale at start-up).

    With `dash_is_stdin`, "-" is accepted too, for standard input.
    """

    name = "file"

    def __init__(self, dash_is_stdin: bool = False):
        self.dash_is_stdin = dash_is_stdin

    def convert(self, value, param, ctx):
        if os.path.isfile(value) or (self.dash_is_stdin and value == "-"):
            return value
        reason = "is a directory" if os.path.isdir(value) else "does not exist"
        self.fail(f"file {value!r} {reason}.", param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


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


def output_options(formats=FORMATS):
    """The options every command shares: format, header, data file."""

    def decorate(command):
        for option in reversed(_shared_options(formats)):
            command = option(command)
        return command

    return decorate


def _shared_options(formats):
    return [
        click.option(
            "--format", "fmt", type=click.Choice(formats),
            help="Output format. Default: table on a terminal, tsv otherwise.",
        ),
        click.option("--no-header", is_flag=True, help="Leave out the header line (tsv, csv)."),
        click.option(
            "--data", type=ExistingFile(), envvar="NORDEFCO_DATA",
            show_envvar=True, metavar="PATH",
            help="Rotation data file to use instead of the shipped one.",
        ),
    ]


def load(data: str | None) -> Rotation:
    from .datafile import DataFileError, default_path, load_rotation

    try:
        return load_rotation(data or default_path())
    except DataFileError as error:
        more = len(error.problems) - 1
        suffix = (f" (and {more} more; 'nordefco validate {error.path}' lists them)"
                  if more else "")
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
@click.option(
    "--dates-from", "dates_file", type=ExistingFile(dash_is_stdin=True), metavar="FILE",
    help="Read one date per line from FILE ('-' for standard input) and write one "
    "record per line. Blank lines and lines starting with # are skipped.",
)
@click.option(
    "--keep-going", is_flag=True,
    help="With --dates-from: report each bad line on stderr and go on (exit 1 at the end).",
)
@output_options()
def chair(day, year, dates_file, keep_going, fmt, no_header, data):
    """Who chairs on a date, or on each date of a file.

    \b
    Examples:
      nordefco chair
      nordefco chair --date 2026-03-01
      nordefco chair --date '1 March 2011' --format json
      nordefco chair --year 2030 --format tsv --no-header
      printf '2026-03-01\\n2011-06-30\\n' | nordefco chair --dates-from - --format tsv
    """
    chosen = [name for name, value in
              (("--date", day), ("--year", year), ("--dates-from", dates_file))
              if value is not None]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} cannot be used together.")
    if keep_going and dates_file is None:
        raise click.UsageError("--keep-going goes with --dates-from.")
    rotation = load(data)
    fmt = fmt or default_format(sys.stdout)
    if dates_file is not None:
        with _open_lines(dates_file) as lines:
            _chair_batch(rotation, lines, keep_going, fmt, no_header)
        return
    if year is not None:
        day = rotation.handover_in(year)
    elif day is None:
        day = date.today()
    try:
        term = rotation.term_on(day)
    except NoChair as error:
        raise click.ClickException(str(error)) from None
    record = chair_record(day, term)
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


@contextmanager
def _open_lines(path: str):
    """A text stream of the file, or of standard input for "-".

    Opened here rather than with click.File, whose stdin wrapper is Python
    code run on every line. Undecodable bytes become U+FFFD, so such a line
    is reported as a bad line, not as a crash.
    """
    import io

    if path == "-":
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        try:
            yield stream
        finally:
            stream.detach()  # leave standard input itself open
        return
    try:
        stream = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as error:
        raise click.BadParameter(f"cannot open {path!r}: {error.strerror}.",
                                 param_hint="'--dates-from'") from None
    with stream:
        yield stream


def _chair_batch(rotation, lines, keep_going, fmt, no_header):
    from .batch import BadLine, chair_lines, chair_records
    from .output import plain_line_renderer, write_lines

    bad_lines = 0

    def on_bad_line(error: BadLine) -> None:
        nonlocal bad_lines
        if not keep_going:
            raise error
        bad_lines += 1
        click.echo(f"Error: {error}", err=True)

    # A person typing dates at a terminal gets each answer at once.
    line_by_line = lines.isatty()
    today = date.today()
    try:
        if fmt in ("tsv", "csv"):
            render = plain_line_renderer(fmt, CHAIR_FIELDS)
            write_lines(chair_lines(lines, rotation, today, on_bad_line, render),
                        render(CHAIR_FIELDS) if not no_header else None, line_by_line)
        else:
            write_records(chair_records(lines, rotation, today, on_bad_line), CHAIR_FIELDS, fmt,
                          header=not no_header, title=f"{rotation.body.short_name} chairs",
                          line_by_line=line_by_line)
    except BadLine as error:
        sys.stdout.flush()  # what came before the bad line is written first
        raise click.ClickException(str(error)) from None
    if bad_lines:
        sys.stdout.flush()
        raise click.ClickException(
            f"{bad_lines} bad line{'s' if bad_lines > 1 else ''} skipped (--keep-going)"
        )


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
@output_options(CALENDAR_FORMATS)
def schedule(first, years, last, fmt, no_header, data):
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
    terms = chain((head,), terms)
    fmt = fmt or default_format(sys.stdout)
    if fmt in ("tsv", "csv"):  # the long-schedule path (see output.term_lines)
        from .output import plain_line_renderer, term_lines, write_lines

        header = plain_line_renderer(fmt, TERM_FIELDS)(TERM_FIELDS) if not no_header else None
        write_lines(term_lines(terms, fmt), header, line_by_line=False)
        return
    write_records(
        map(term_record, terms),
        TERM_FIELDS,
        fmt,
        header=not no_header,
        title=f"{rotation.body.name} ({rotation.body.short_name}): "
        f"chairs {first.isoformat()} to {last.isoformat()}",
        caption=caption,
        body=rotation.body.short_name,
    )


@main.command()
@click.option("--date", "day", type=DateType(), metavar="DATE",
              help="The date the last and next chairs are counted from (default: today).")
@output_options()
def members(day, fmt, no_header, data):
    """Every member: names, whether it chairs, when it last chaired and chairs next.

    last_chaired is the last recorded term that started on or before DATE;
    next_chairs is the first term that starts after DATE, with next_status
    saying whether it is recorded or projected. A member who never chairs has
    neither.

    \b
    Examples:
      nordefco members
      nordefco members --date 2026-03-01 --format json
    """
    rotation = load(data)
    day = day or date.today()
    records = []
    for member in rotation.members:
        following = None
        if member.chairs:
            following = next((term for term in rotation.terms_starting_after(day)
                              if term.member == member), None)
        records.append(member_record(
            member, rotation.last_recorded_term_of(member, day), following))
    write_records(records, MEMBER_FIELDS, fmt or default_format(sys.stdout),
                  header=not no_header, title=f"{rotation.body.name} ({rotation.body.short_name})")


def complete_country(ctx, param, incomplete):
    """Completion: the codes of the members who chair (from --data if given)."""
    from click.shell_completion import CompletionItem

    from .datafile import DataFileError, default_path, load_rotation

    try:
        rotation = load_rotation(ctx.params.get("data") or default_path())
    except DataFileError:
        return []  # a broken file must not break the user's TAB
    prefix = incomplete.casefold()
    return [CompletionItem(member.code, help=member.name) for member in rotation.members
            if member.chairs and member.code.casefold().startswith(prefix)]


@main.command("next")
@click.argument("country", required=False, shell_complete=complete_country)
@click.option("--date", "day", type=DateType(), metavar="DATE",
              help="Count from this date (default: today).")
@click.option("--count", type=click.IntRange(1, 10000), default=1, show_default=True,
              metavar="K", help="How many handovers, or terms of COUNTRY, to list.")
@output_options()
def next_(country, day, count, fmt, no_header, data):
    """The next handover, or the next terms of COUNTRY, after a date.

    Without COUNTRY: the next handover after DATE, with who hands over, who
    takes over and how many days away it is. With COUNTRY (a code or a name,
    English or native, in any case): the next K terms it chairs after DATE.

    \b
    Examples:
      nordefco next
      nordefco next --date 2026-03-01 --count 4
      nordefco next sverige --count 3
      nordefco next FI --format json
    """
    rotation = load(data)
    day = day or date.today()
    fmt = fmt or default_format(sys.stdout)
    if country is None:
        records = [handover_record(day, rotation.term_before(term), term)
                   for term in islice(rotation.terms_starting_after(day), count)]
        fields = HANDOVER_FIELDS
        title = f"Next {rotation.body.short_name} handovers after {day.isoformat()}"
    else:
        member = _chairing_member(rotation, country)
        terms = (term for term in rotation.terms_starting_after(day) if term.member == member)
        records = [term_record(term) for term in islice(terms, count)]
        fields = TERM_FIELDS
        title = f"Next {rotation.body.short_name} terms of {member.name} after {day.isoformat()}"
    if not records:
        raise click.ClickException(
            f"{rotation.body.short_name} has no known term after {day.isoformat()}: "
            f"{rotation.no_chair_reason(date.max)}"
        )
    write_records(records, fields, fmt, header=not no_header, title=title)


def _chairing_member(rotation: Rotation, text: str):
    member = rotation.find_member(text)
    if member is None:
        known = ", ".join(f"{m.code} ({m.name})" for m in rotation.members)
        raise click.BadParameter(f"{text!r} is not a member; known: {known}.",
                                 param_hint="'COUNTRY'")
    if not member.chairs:
        raise click.ClickException(
            f"{member.name} ({member.code}) is a member of {rotation.body.short_name} "
            "but does not hold the chair."
        )
    return member


@main.command()
@click.argument("path", required=False, type=ExistingFile())
@output_options()
def validate(path, fmt, no_header, data):
    """Check a data file (default: the one in use) and sum it up.

    A valid file gets a one-line summary. A broken one gets every problem
    found, one per line on stderr, each naming its field, and exit status 1.

    \b
    Examples:
      nordefco validate
      nordefco validate my-body.toml
    """
    from .datafile import DataFileError, default_path, load_rotation

    path = path or data or default_path()
    try:
        rotation = load_rotation(path, use_cache=False)  # check the file itself, every time
    except DataFileError as error:
        for problem in error.problems:
            click.echo(f"{path}: {problem}", err=True)
        count = len(error.problems)
        raise click.ClickException(
            f"{path} is not valid: {count} problem{'s' if count > 1 else ''}"
        ) from None
    record = summary_record(path, rotation)
    fmt = fmt or default_format(sys.stdout)
    if fmt == "table":
        click.echo(
            f"{path}: valid: {record.body}, {record.members} members, "
            f"{record.chairs} who chair, {record.recorded_terms} recorded terms "
            f"({record.first_recorded} to {record.last_recorded})"
        )
    else:
        write_records([record], SUMMARY_FIELDS, fmt, header=not no_header, single=True)
