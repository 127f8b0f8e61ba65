"""The command line: the `nordefco` group and what its commands share.

Each command lives in its own module under commands/ and is imported only
when it runs (or when help lists it), so a run pays for one command's
options, not all of them. Rich and dateutil are imported only on the paths
that need them (a table, a written date), so a piped run with ISO dates
starts fast.
"""

from __future__ import annotations

import contextlib
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
    """A path to read: a file, or anything else readable that is not a folder
    (a FIFO, /dev/stdin, a shell's `<(...)`). click.Path would import locale
    at start-up.

    With `dash_is_stdin`, "-" is accepted too, for standard input.
    """

    name = "file"

    def __init__(self, dash_is_stdin: bool = False):
        self.dash_is_stdin = dash_is_stdin

    def convert(self, value, param, ctx):
        if self.dash_is_stdin and value == "-":
            return value
        if os.path.isdir(value):
            reason = "is a directory"
        elif os.path.exists(value):
            return value
        else:
            reason = "does not exist"
        self.fail(f"file {value!r} {reason}.", param, ctx)

    def fail(self, message, param=None, ctx=None):
        # Click names an option's environment variable in every error about it;
        # name it only when the value came from there.
        hint = None
        if param is not None and ctx is not None and param.param_type_name == "option":
            hint = " / ".join(f"'{opt}'" for opt in param.opts)
            source = ctx.get_parameter_source(param.name)
            if source is not None and source.name == "ENVIRONMENT":
                hint += f" (env var: '{param.envvar}')"
        raise click.BadParameter(message, ctx=ctx, param=param, param_hint=hint)

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
    # The names come from 'nordefco bodies', not from here: bodies are data.
    body_help = ("A body other than NORDEFCO, in any case, as 'nordefco bodies' lists "
                 "them (shipped ones such as ncm or eu-council, or one of your own).")
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


def member_code_completer(*, default_all: bool):
    """Completion of COUNTRY: the codes of the members who chair, in the bodies the
    command line names (--body, --data; without them NORDEFCO's, or with
    `default_all` every body). A bad --body or a broken file offers nothing
    from it rather than break the user's TAB.
    """

    def complete(ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from .datafile import DataFileError, load_rotation

        try:
            files, _ = body_files(ctx.params.get("data"), ctx.params.get("body"), ctx,
                                  default_all=default_all)
        except click.ClickException:
            return []
        prefix, seen, items = incomplete.casefold(), set(), []
        for file in files:
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
            return [BodyFile(data_body_name(data), data, "file")], []
    ctx = ctx or click.get_current_context()
    if data is not None and ctx.get_parameter_source("data").name == "COMMANDLINE":
        raise click.UsageError("--body and --data cannot be used together.")
    try:
        return resolve(values)
    except BodyNameError as error:
        raise click.BadParameter(str(error), param_hint="'--body'") from None


def data_body_name(path: str) -> str:
    """The body name a --data file gets: its file name without the extension, escaped.

    A descriptor path (a shell's `<(...)` gives /dev/fd/63) names no body:
    it is `data`.
    """
    from .printable import one_line

    folder, entry = os.path.split(path)
    if entry.isdigit() and (folder == "/dev/fd" or (
            folder.startswith("/proc/") and folder.endswith("/fd"))):
        return "data"
    return one_line(os.path.splitext(entry)[0])


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
    if not notes:
        return
    from .printable import one_line

    for note in notes:
        click.echo(f"Note: {one_line(note)}", err=True)


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
            from .printable import one_line

            click.echo(one_line(f"Note: left out {file.name}: {error.format_message()}"),
                       err=True)
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

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if (name and not name.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            # As git does: the closest command, for a typo.
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run, then exit: 0, 1 (no answer, bad data, a failed read or write), 2 (bad
        command line) or 130 (interrupted). A reader closing the pipe ends the run
        quietly with 1, as Click does; every other failure is one line on stderr.
        """
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        message = None
        try:
            if sys.stdout is None:  # started with standard output closed (>&-)
                # Fails at the first write, not before: a bad command line is
                # still exit 2 with its own message.
                sys.stdout = _closed_stdout()
            if getattr(sys.stderr, "errors", "backslashreplace") != "backslashreplace":
                sys.stderr.reconfigure(errors="backslashreplace")  # a message never fails
            # Click still handles --help, completion and a pipe closed while writing.
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            status = result if isinstance(result, int) else 0
        except click.ClickException as error:
            status, message = error.exit_code, error.format_message()
            if isinstance(error, click.UsageError):
                message = _hint_for_extra_argument(error, message)
        except click.Abort as error:  # Click's form of Ctrl-C
            status = 130 if isinstance(error.__cause__, KeyboardInterrupt) else 1
        except KeyboardInterrupt:
            status = 130
        except SystemExit as exit_:  # completion, or a closed pipe (Click)
            status = exit_.code if isinstance(exit_.code, int) else 1
        except OSError as error:  # a read error is reported where it happens
            status, message = 1, _write_error(error)
        # Python's own flush at exit would report a failure as a traceback-like
        # "Exception ignored" and status 120: flush here, where it is handled.
        failure = _flush(sys.stdout)
        if failure is not None and message is None and not isinstance(failure, BrokenPipeError):
            status, message = 1, _write_error(failure)
        elif isinstance(failure, BrokenPipeError) and status == 0:
            status = 1
        if message is not None:
            from .printable import one_line

            with contextlib.suppress(OSError):  # nowhere left to say it; the status tells
                click.echo(f"Error: {one_line(message)}", err=True)
        _flush(sys.stderr)
        sys.exit(status)


def _closed_stdout():
    """A text stream whose every write fails as a closed standard output would."""
    import errno
    import io

    class Closed(io.RawIOBase):
        reported = False

        def writable(self):
            return True

        def write(self, data):
            if not self.reported:  # once: the error is told; the rest goes nowhere
                self.reported = True
                raise OSError(errno.EBADF, "standard output is closed")
            return len(data)

    return io.TextIOWrapper(io.BufferedWriter(Closed()), encoding="utf-8")


def _write_error(error: OSError) -> str | None:
    if isinstance(error, BrokenPipeError):
        return None  # the reader has gone: nothing to say
    return f"cannot write output: {error.strerror or error}"


def _flush(stream) -> OSError | None:
    """Flush `stream`; on failure point its descriptor at /dev/null, so nothing is retried."""
    if stream is None:
        return None
    try:
        stream.flush()
        return None
    except OSError as error:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass  # not a real descriptor (a test's stream)
        return error


# The option to use instead of a date or year typed as an argument.
_DATE_OPTIONS = {"chair": "--date", "country": "--from", "members": "--date", "next": "--date",
                 "schedule": "--from", "timeline": "--from"}


def _hint_for_extra_argument(error: click.UsageError, message: str) -> str:
    """Click's "Got unexpected extra argument (2026-03-01)", with the option that takes it."""
    command = error.ctx.info_name if error.ctx is not None else None
    option = _DATE_OPTIONS.get(command)
    if option is None or not message.startswith("Got unexpected extra argument"):
        return message
    extra = message[message.find("(") + 1:message.rfind(")")]
    from .dates import DateError, parse_date_or_year

    try:
        parse_date_or_year(extra, date.today(), end_of_year=False)
    except (DateError, ValueError, OverflowError):
        return message
    typed = f'"{extra}"' if " " in extra else extra
    return f"unexpected argument {extra!r}: give a date with {option}, as in '{option} {typed}'."


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
