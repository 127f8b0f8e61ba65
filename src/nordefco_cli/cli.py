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
    "members": "members:members",
    "next": "next:next_",
    "schedule": "schedule:schedule",
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


def output_options(formats=FORMATS, with_data=True):
    """The options every command shares: format, header, and (with_data) body and data file."""

    def decorate(command):
        for option in reversed(_shared_options(formats, with_data)):
            command = option(command)
        return command

    return decorate


def _shared_options(formats, with_data):
    output = [
        click.option(
            "--format", "fmt", type=click.Choice(formats),
            help="Output format. Default: table on a terminal, tsv otherwise.",
        ),
        click.option("--no-header", is_flag=True, help="Leave out the header line (tsv, csv)."),
    ]
    if not with_data:
        return [*output, help_option]
    return [
        *output,
        click.option(
            "--body", metavar="NAME", shell_complete=_complete_body,
            help="A shipped body other than NORDEFCO (see 'nordefco bodies'), "
            "e.g. ncm, arctic-council, eu-council.",
        ),
        click.option(
            "--data", type=ExistingFile(), envvar="NORDEFCO_DATA",
            show_envvar=True, metavar="PATH",
            help="Rotation data file to use instead of the shipped one.",
        ),
        help_option,
    ]


def _complete_body(ctx, param, incomplete):
    from click.shell_completion import CompletionItem

    from .datafile import shipped_bodies

    return [CompletionItem(name) for name in shipped_bodies() if name.startswith(incomplete)]


def data_path(data: str | None, body: str | None, ctx: click.Context | None = None) -> str:
    """The data file a command reads: --body's shipped file, --data, or NORDEFCO's.

    --body on the command line wins over NORDEFCO_DATA in the environment;
    with --data on the command line it is a usage error.
    """
    from .datafile import default_path, shipped_bodies

    if body is None:
        return data or default_path()
    ctx = ctx or click.get_current_context()
    if data is not None and ctx.get_parameter_source("data").name == "COMMANDLINE":
        raise click.UsageError("--body and --data cannot be used together.")
    bodies = shipped_bodies()
    if body not in bodies:
        raise click.BadParameter(
            f"{body!r} is not a shipped body; known: {', '.join(bodies)}.", param_hint="'--body'"
        )
    return bodies[body]


def load(data: str | None, body: str | None = None) -> Rotation:
    from .datafile import DataFileError, load_rotation

    try:
        return load_rotation(data_path(data, body))
    except DataFileError as error:
        more = len(error.problems) - 1
        suffix = (f" (and {more} more; 'nordefco validate {error.path}' lists them)"
                  if more else "")
        raise click.ClickException(f"{error}{suffix}") from None


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


@click.group(cls=NordefcoGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help="Show the version and exit.")
@help_option
def main():
    """Who chairs the Nordic Defence Cooperation (NORDEFCO), on any date.

    Members, rotation order and recorded chairs come from a data file (the
    shipped one, or --data). Its terms carry their sources and are marked
    "recorded" once begun, "announced" before; terms after the last one are
    projected from the rotation order and always marked "projected". Other
    rotating chairs are shipped too: see 'nordefco bodies' and --body.

    Output is a table on a terminal and tab-separated text in a pipe.
    Exit status: 0 success, 1 no answer or a bad data file, 2 a bad command line.
    """
