"""The command line: the `nordefco` group and what its commands share.

Each command lives in its own module under commands/ and is imported only
when it runs (or when help lists it), so a run pays for one command's
options, not all of them. Rich and dateutil are imported only on the paths
that need them (a table, a written date), so a piped run with ISO dates
starts fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date

import click

from . import __version__
from .engine import Rotation
from .output import FORMATS

# Click's own --help (and version_option) take their help text from gettext,
# which imports locale on every run; ours are declared with plain text
# (help_option, below), so Click's help option is turned off here.
CONTEXT_SETTINGS = {"help_option_names": [], "max_content_width": 100}
# Command name -> "module:function" under commands/.
COMMANDS = {
    "bodies": "bodies:bodies",
    "chair": "chair:chair",
    "country": "country:country",
    "members": "members:members",
    "next": "next:next_",
    "schedule": "schedule:schedule",
    "timeline": "timeline:timeline",
    "validate": "validate:validate",
}


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


def _show_help(ctx, param, value):
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


def _show_version(ctx, param, value):
    if value and not ctx.resilient_parsing:
        click.echo(f"nordefco, version {__version__}", color=ctx.color)
        ctx.exit()


help_option = click.option(
    "-h", "--help", is_flag=True, expose_value=False, is_eager=True, callback=_show_help,
    help="Show this message and exit.",
)


def output_options(formats=FORMATS, with_data=True, many_bodies=False):
    """The options every command shares: format, header, and (with_data) body and data file.

    With `many_bodies`, --body may be repeated or be `all`, and the command
    gets a tuple of names (empty when not given).
    """

    def decorate(command):
        for option in reversed(_shared_options(formats, with_data, many_bodies)):
            command = option(command)
        return command

    return decorate


def _shared_options(formats, with_data, many_bodies):
    output = [
        click.option(
            "--format", "fmt", type=click.Choice(formats),
            help="Output format. Default: table on a terminal, tsv otherwise.",
        ),
        click.option("--no-header", is_flag=True, help="Leave out the header line (tsv, csv)."),
    ]
    if not with_data:
        return [*output, help_option]
    body_help = ("A body other than NORDEFCO (see 'nordefco bodies'), in any case: "
                 "ncm, arctic-council, eu-council, or one of your own.")
    if many_bodies:
        body_help += " Repeat it, or give 'all', for several bodies at once."
    return [
        *output,
        click.option("--body", metavar="NAME", multiple=many_bodies,
                     shell_complete=_complete_body, help=body_help),
        click.option(
            "--data", type=ExistingFile(), envvar="NORDEFCO_DATA",
            show_envvar=True, metavar="PATH",
            help="Rotation data file to use instead of the shipped one.",
        ),
        help_option,
    ]


def _complete_body(ctx, param, incomplete):
    from click.shell_completion import CompletionItem

    from .registry import completions

    return [CompletionItem(name) for name in completions(incomplete)]


def body_files(data: str | None, body, ctx: click.Context | None = None,
               *, default_all: bool = False):
    """The bodies a command reads, and notes about refused user files.

    `body` is one --body value, a tuple of them, or None/empty. Without one:
    the --data file (NORDEFCO_DATA) or NORDEFCO's, or with `default_all` and
    no --data, every body. --body on the command line wins over
    NORDEFCO_DATA in the environment; with --data on the command line it is
    a usage error. Returns ([registry.BodyFile, ...], [note, ...]).
    """
    from .registry import ALL, SHIPPED, BodyFile, BodyNameError, resolve

    values = (body,) if isinstance(body, str) else tuple(body or ())
    if not values:
        if data is None and default_all:
            values = (ALL,)
        else:
            from .datafile import DEFAULT_BODY, default_path

            if data is None:
                return [BodyFile(DEFAULT_BODY, default_path(), SHIPPED)], []
            name = os.path.splitext(os.path.basename(data))[0]
            return [BodyFile(name, data, "file")], []
    ctx = ctx or click.get_current_context()
    if data is not None and ctx.get_parameter_source("data").name == "COMMANDLINE":
        raise click.UsageError("--body and --data cannot be used together.")
    try:
        return resolve(values)
    except BodyNameError as error:
        raise click.BadParameter(str(error), param_hint="'--body'") from None


def data_path(data: str | None, body: str | None, ctx: click.Context | None = None) -> str:
    """The one data file a command reads: --body's, --data, or NORDEFCO's."""
    return _one_body(data, body, ctx)[0].path


def _one_body(data, body, ctx=None):
    files, notes = body_files(data, body, ctx)
    if len(files) != 1:
        raise click.BadParameter("this command takes one body, not all.", param_hint="'--body'")
    return files[0], notes


def _load_file(path: str) -> Rotation:
    from .datafile import DataFileError, load_rotation

    try:
        return load_rotation(path)
    except DataFileError as error:
        more = len(error.problems) - 1
        suffix = (f" (and {more} more; 'nordefco validate {error.path}' lists them)"
                  if more else "")
        raise click.ClickException(f"{error}{suffix}") from None


def _echo_notes(notes) -> None:
    for note in notes:
        click.echo(f"Note: {note}", err=True)


def load(data: str | None, body: str | None = None) -> Rotation:
    file, notes = _one_body(data, body)
    _echo_notes(notes)
    return _load_file(file.path)


def load_bodies(data: str | None, body, *, default_all: bool = False) -> list:
    """[(--body name, Rotation), ...] for the bodies a command reads, in the order named.

    With several bodies, one whose file is broken is left out with a note
    (the others still answer); with one, or if all are broken, it is an error.
    """
    files, notes = body_files(data, body, default_all=default_all)
    _echo_notes(notes)
    if len(files) == 1:
        return [(files[0].name, _load_file(files[0].path))]
    loaded = []
    for file in files:
        try:
            loaded.append((file.name, _load_file(file.path)))
        except click.ClickException as error:
            click.echo(f"Note: left out {file.name}: {error.format_message()}", err=True)
    if not loaded:
        raise click.ClickException("no body could be read")
    return loaded


class NordefcoGroup(click.Group):
    """Loads each command when it is asked for, and keeps every error to one line.

    Click prints usage and a hint above a usage error; scripts and people
    reading a log want the one line that says what was wrong.
    """

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name].split(":")
        # __import__ rather than importlib.import_module: importlib is not
        # loaded at start-up, and loading it costs more than the command.
        package = __import__(f"{__package__}.commands.{module}", fromlist=[function])
        return getattr(package, function)

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


# invoke_without_command: `nordefco` alone is a request for help (stdout,
# exit 0), not a usage error.
@click.group(cls=NordefcoGroup, context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help="Show the version and exit.")
@help_option
@click.pass_context
def main(ctx):
    """Who chairs the Nordic Defence Cooperation (NORDEFCO), on any date.

    Members, rotation order and recorded chairs come from a data file (the
    shipped one, or --data). Its terms carry their sources and are marked
    "recorded" once begun, "announced" before; terms after the last one are
    projected from the rotation order and always marked "projected". Other
    rotating chairs are shipped too: see 'nordefco bodies' and --body.

    Output is a table on a terminal and tab-separated text in a pipe.
    Exit status: 0 success, 1 no answer or a bad data file, 2 a bad command line.

    \b
    Examples:
      nordefco chair                      # who chairs today
      nordefco chair --date 2031-05-05    # a projected term says so
      nordefco schedule --years 20
      nordefco next sweden --count 3
      nordefco members --format json
      nordefco chair --body eu-council --date 2026-08-01
      nordefco schedule --help            # each command's options and examples
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help(), color=ctx.color)
