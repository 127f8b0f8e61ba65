"""The options and parameter types the commands share, and their shell completion."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..core.rule import add_months
from ..render.output import FORMATS
from .clock import today
from .loading import body_files, path_problem

if TYPE_CHECKING:  # completion is loaded only when a shell asks
    from click.shell_completion import CompletionItem

_F = TypeVar("_F", bound=Callable[..., Any])
Decorator = Callable[[_F], _F]
Completer = Callable[[click.Context, click.Parameter, str], list["CompletionItem"]]


class ExistingFile(click.ParamType):  # type: ignore[type-arg]  # generic from Click 8.3 on
    """A path to read: a file, or anything else readable that is not a folder
    (a FIFO, /dev/stdin, a shell's `<(...)`). click.Path would import locale
    at start-up.

    With `dash_is_stdin`, "-" is accepted too, for standard input.
    """

    name = "file"

    def __init__(self, dash_is_stdin: bool = False):
        self.dash_is_stdin = dash_is_stdin

    def convert(self, value: str, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        if self.dash_is_stdin and value == "-":
            return value
        source = ctx.get_parameter_source(param.name) if ctx and param else None
        if source is not None and source.name == "ENVIRONMENT":
            return value  # checked where it is used: a --body on the command line wins
        reason = path_problem(value)
        if reason is None:
            return value
        self.fail(f"file {value!r} {reason}.", param, ctx)

    def fail(self, message: str, param: click.Parameter | None = None,
             ctx: click.Context | None = None) -> NoReturn:
        # Click names an option's environment variable in every error about it;
        # name it only when the value came from there.
        hint = None
        if param is not None and ctx is not None and param.param_type_name == "option":
            hint = " / ".join(f"'{opt}'" for opt in param.opts)
            source = ctx.get_parameter_source(param.name)
            if source is not None and source.name == "ENVIRONMENT":
                hint += f" (env var: '{param.envvar}')"
        raise click.BadParameter(message, ctx=ctx, param=param, param_hint=hint)

    def shell_complete(self, ctx: click.Context, param: click.Parameter,
                       incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


class DateType(click.ParamType):  # type: ignore[type-arg]  # generic from Click 8.3 on
    """A date as a person types it; with `year_is`, a bare year too."""

    name = "date"

    def __init__(self, year_is: str | None = None):
        self.year_is = year_is  # None, "start" (1 January) or "end" (31 December)

    def convert(self, value: str | date, param: click.Parameter | None,
                ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from ..core.dates import DateError, parse_date, parse_date_or_year

        try:
            if self.year_is is None:
                return parse_date(value, today(ctx))
            return parse_date_or_year(value, today(ctx), end_of_year=self.year_is == "end")
        except DateError as error:
            self.fail(str(error), param, ctx)


def output_options(formats: tuple[str, ...] = FORMATS, with_data: bool = True,
                   many_bodies: bool = False) -> Decorator[Callable[..., Any]]:
    """The options every command shares: format, header, and (with_data) body and data file.

    With `many_bodies`, --body may be repeated or be `all`, and the command
    gets a tuple of names (empty when not given).
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(_shared_options(formats, with_data, many_bodies)):
            command = option(command)
        return command

    return decorate


def _shared_options(formats: tuple[str, ...], with_data: bool,
                    many_bodies: bool) -> list[Decorator[Any]]:
    output = [
        click.option(
            "--format", "fmt", type=click.Choice(formats),
            help="Output format. Default: table on a terminal, tsv otherwise.",
        ),
        click.option("--no-header", is_flag=True, help="Leave out the header line (tsv, csv)."),
    ]
    if not with_data:
        return [*output, help_option]
    # The names come from 'nordefco bodies', not from here: bodies are data.
    body_help = ("A body other than NORDEFCO, in any case, as 'nordefco bodies' lists "
                 "them (shipped ones such as ncm or eu-council, or one of your own).")
    if many_bodies:
        body_help += " Repeat it, or give 'all', for several bodies at once."
    return [
        *output,
        # Always multiple, so a command that takes one body can refuse two
        # (Click would keep the last one given).
        click.option("--body", metavar="NAME", multiple=True,
                     callback=None if many_bodies else _one_body_value,
                     shell_complete=_complete_body, help=body_help),
        click.option(
            "--data", type=ExistingFile(), envvar="NORDEFCO_DATA",
            show_envvar=True, metavar="PATH",
            help="Rotation data file to use instead of the shipped one.",
        ),
        help_option,
    ]


def _one_body_value(ctx: click.Context, param: click.Parameter,
                    value: tuple[str, ...]) -> str | None:
    """The one --body of a command that takes one, or None; two or more is a usage error."""
    if len(value) > 1:
        raise click.BadParameter(
            f"this command takes one body, not {len(value)} ({', '.join(map(repr, value))}).",
            ctx=ctx, param=param)
    return value[0] if value else None


def _complete_body(ctx: click.Context, param: click.Parameter,
                   incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from ..data.registry import completions

    return [CompletionItem(name) for name in completions(incomplete)]


def member_code_completer(*, default_all: bool) -> Completer:
    """Completion of COUNTRY: the codes of the members who chair, in the bodies the
    command line names (--body, --data; without them NORDEFCO's, or with
    `default_all` every body). A bad --body or a broken file offers nothing
    from it rather than break the user's TAB.
    """

    def complete(ctx: click.Context, param: click.Parameter,
                 incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        from ..data.files import DataFileError, load_rotation

        try:
            files, _ = body_files(ctx.params.get("data"), ctx.params.get("body"), ctx,
                                  default_all=default_all)
        except click.ClickException:
            return []
        prefix, seen, items = incomplete.casefold(), set(), []
        for file in files:
            if not _regular_file(file.path):
                continue  # a FIFO or /dev/stdin would block the TAB until killed
            try:
                members = load_rotation(file.path).members
            except DataFileError:
                continue
            for member in members:
                if member.chairs and member.code not in seen and \
                        member.code.casefold().startswith(prefix):
                    seen.add(member.code)
                    items.append(CompletionItem(member.code, help=member.name))
        return items

    return complete


def _regular_file(path: str) -> bool:
    """Whether `path` is a regular file (links followed), one a read never waits on."""
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


help_option = click.option(
    "-h", "--help", is_flag=True, expose_value=False, is_eager=True, callback=_show_help,
    help="Show this message and exit.",
)


DEFAULT_YEARS = 10


def window_options(command: _F) -> _F:
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
                       file=sys.stderr)
    if last < first:
        raise click.BadParameter(
            f"{last.isoformat()} is before --from {first.isoformat()}.", param_hint="'--to'"
        )
    return first, last
