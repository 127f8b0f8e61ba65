"""The command line: the `nordefco` group, its exit codes and its one-line errors.

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
from collections.abc import MutableMapping, Sequence
from typing import Any, TextIO

import click

from .. import __version__
from .clock import clock, today
from .options import help_option

# Click's own --help (and version_option) take their help text from gettext,
# which imports locale on every run; ours are declared with plain text
# (options.help_option), so Click's help option is turned off here.
CONTEXT_SETTINGS = {"help_option_names": [], "max_content_width": 100}
# Command name -> "module:function" under cli/commands/.
COMMANDS = {
    "bodies": "bodies:bodies",
    "chair": "chair:chair",
    "country": "country:country",
    "members": "members:members",
    "next": "next:next_",
    "schedule": "schedule:schedule",
    "sources": "sources:sources",
    "timeline": "timeline:timeline",
    "validate": "validate:validate",
}



def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"nordefco, version {__version__}", color=ctx.color)
        ctx.exit()


class NordefcoGroup(click.Group):
    """Loads each command when it is asked for, and keeps every error to one line.

    Click prints usage and a hint above a usage error; scripts and people
    reading a log want the one line that says what was wrong.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name].split(":")
        # __import__ rather than importlib.import_module: importlib is not
        # loaded at start-up, and loading it costs more than the command.
        package = __import__(f"{__package__}.commands.{module}", fromlist=[function])
        command: click.Command = getattr(package, function)
        return command

    def resolve_command(self, ctx: click.Context, args: list[str],
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if (name and not name.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            # As git does: the closest command, for a typo.
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def _main_shell_completion(self, ctx_args: MutableMapping[str, Any], prog_name: str,
                               complete_var: str | None = None) -> None:
        """Click's completion, with a malformed shell environment (COMP_CWORD=abc, no
        COMP_WORDS) a usage error rather than Click's traceback."""
        try:
            super()._main_shell_completion(ctx_args, prog_name, complete_var)
        except (KeyError, ValueError) as error:
            what = error.args[0] if isinstance(error, KeyError) else error
            raise click.UsageError(f"cannot complete: the shell's completion variables are "
                                   f"malformed ({what})") from None

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
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
            else:
                sys.stdout = _whole_writes(sys.stdout)
            if getattr(sys.stderr, "errors", "backslashreplace") != "backslashreplace":
                sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # never fails
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
            from ..core.printable import one_line

            with contextlib.suppress(OSError):  # nowhere left to say it; the status tells
                click.echo(f"Error: {one_line(message)}", file=sys.stderr)
        _flush(sys.stderr)
        sys.exit(status)


def _closed_stdout() -> TextIO:
    """A text stream whose every write fails as a closed standard output would."""
    import errno
    import io

    class Closed(io.RawIOBase):
        reported = False

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            if not self.reported:  # once: the error is told; the rest goes nowhere
                self.reported = True
                raise OSError(errno.EBADF, "standard output is closed")
            return len(data)

    return io.TextIOWrapper(io.BufferedWriter(Closed()), encoding="utf-8")


def _whole_writes(stream: TextIO) -> TextIO:
    """`stream`, or the same stream over a buffered writer if it writes straight to its
    descriptor (PYTHONUNBUFFERED=1, python -u).

    A raw write may write less than it was given (a non-blocking pipe takes
    64 KiB at a time) and says so only in its return value, which a text
    stream ignores: the rest would be lost with exit 0. A buffered writer
    writes on until all is out, or raises (BlockingIOError for a pipe that
    cannot take more now): an error, exit 1. Line buffering and write-through
    keep the output as prompt as unbuffered.
    """
    import io

    raw = getattr(stream, "buffer", None)
    if not isinstance(raw, io.RawIOBase):
        return stream
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding=stream.encoding,
                            errors=stream.errors, line_buffering=True, write_through=True)


def _write_error(error: OSError) -> str | None:
    if isinstance(error, BrokenPipeError):
        return None  # the reader has gone: nothing to say
    return f"cannot write output: {error.strerror or error}"


def _flush(stream: TextIO | None) -> OSError | None:
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
_DATE_OPTIONS: dict[str | None, str] = {
    "chair": "--date", "country": "--from", "members": "--date", "next": "--date",
    "schedule": "--from", "timeline": "--from"}


def _hint_for_extra_argument(error: click.UsageError, message: str) -> str:
    """Click's "Got unexpected extra argument (2026-03-01)", with the option that takes it."""
    command = error.ctx.info_name if error.ctx is not None else None
    option = _DATE_OPTIONS.get(command)
    if option is None or not message.startswith("Got unexpected extra argument"):
        return message
    extra = message[message.find("(") + 1:message.rfind(")")]
    from ..core.dates import DateError, parse_date_or_year

    try:
        parse_date_or_year(extra, today(error.ctx), end_of_year=False)
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
def main(ctx: click.Context) -> None:
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
    clock(ctx)  # read once, here, before any command or typed date needs it
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help(), color=ctx.color)
