"""Which bodies a command reads (--body, --data, NORDEFCO_DATA), loaded for it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

import click

if TYPE_CHECKING:  # loaded by the data layer when a body is read, not before
    from ..core.rotation import Rotation
    from ..data.files import BodyFile

# One --body value, the tuple of a repeated --body, or None.
BodyOption = str | tuple[str, ...] | None


def body_files(data: str | None, body: BodyOption, ctx: click.Context | None = None,
               *, default_all: bool = False) -> tuple[list[BodyFile], list[str]]:
    """The bodies a command reads, and notes about refused user files.

    `body` is one --body value, a tuple of them, or None/empty. Without one:
    the --data file (NORDEFCO_DATA) or NORDEFCO's, or with `default_all` and
    --data on the command line (NORDEFCO_DATA does not narrow it), every
    body. --body wins over NORDEFCO_DATA in the environment, whose path is
    checked only when it is used; with --data on the command line it is a
    usage error. Returns ([data.registry.BodyFile, ...], [note, ...]).
    """
    # The registry, which finds every body, is loaded only when a body is named.
    from ..data.files import ALL, DEFAULT_BODY, SHIPPED, BodyFile, default_path

    values = (body,) if isinstance(body, str) else tuple(body or ())
    ctx = ctx or click.get_current_context()
    typed = data is not None and _source(ctx, "data") == "COMMANDLINE"
    if not values:
        if default_all and not typed:  # NORDEFCO_DATA alone does not narrow "every body"
            values = (ALL,)
        else:

            if data is None:
                return [BodyFile(DEFAULT_BODY, default_path(), SHIPPED)], []
            problem = path_problem(data)
            if problem:  # NORDEFCO_DATA's path, checked only now that it is used
                raise click.BadParameter(f"file {data!r} {problem}.",
                                         param_hint="'--data' (env var: 'NORDEFCO_DATA')")
            return [BodyFile(data_body_name(data), data, "file")], []
    if typed:
        raise click.UsageError("--body and --data cannot be used together.")
    from ..data.registry import BodyNameError, resolve

    try:
        return resolve(values)
    except BodyNameError as error:
        raise click.BadParameter(str(error), param_hint="'--body'") from None


def _source(ctx: click.Context, name: str) -> str | None:
    source = ctx.get_parameter_source(name)
    return None if source is None else source.name


def path_problem(path: str) -> str | None:
    """Why `path` cannot be read as a data file ("is a directory", "does not exist"),
    or None: a file, or anything else readable that is not a folder (a FIFO)."""
    if os.path.isdir(path):
        return "is a directory"
    return None if os.path.exists(path) else "does not exist"


def data_body_name(path: str) -> str:
    """The body name a --data file gets: its file name without the extension, escaped.

    A descriptor path (a shell's `<(...)` gives /dev/fd/63) names no body:
    it is `data`.
    """
    from ..core.printable import one_line

    folder, entry = os.path.split(path)
    if entry.isdigit() and (folder == "/dev/fd" or (
            folder.startswith("/proc/") and folder.endswith("/fd"))):
        return "data"
    return one_line(os.path.splitext(entry)[0])


def data_path(data: str | None, body: str | None, ctx: click.Context | None = None) -> str:
    """The one data file a command reads: --body's, --data, or NORDEFCO's."""
    return _one_body(data, body, ctx)[0].path


def _one_body(data: str | None, body: str | None,
              ctx: click.Context | None = None) -> tuple[BodyFile, list[str]]:
    files, notes = body_files(data, body, ctx)
    if len(files) != 1:
        raise click.BadParameter("this command takes one body, not all.", param_hint="'--body'")
    return files[0], notes


def _load_file(path: str) -> Rotation:
    from ..data.files import DataFileError, load_rotation

    try:
        return load_rotation(path)
    except DataFileError as error:
        more = len(error.problems) - 1
        suffix = (f" (and {more} more; 'nordefco validate {error.path}' lists them)"
                  if more else "")
        raise click.ClickException(f"{error}{suffix}") from None


def _echo_notes(notes: Iterable[str]) -> None:
    if not notes:
        return
    from ..core.printable import one_line

    for note in notes:
        click.echo(f"Note: {one_line(note)}", file=sys.stderr)


class Asked(NamedTuple):
    """The bodies a command was asked about, loaded: [(--body name, Rotation), ...] in the
    order named, and whether more than one was asked (then records name their body)."""

    bodies: list[tuple[str, Rotation]]
    several: bool


def load_bodies(data: str | None, body: BodyOption, *, default_all: bool = False) -> Asked:
    """The bodies a command reads (see body_files), loaded.

    With several bodies, one whose file is broken is left out with a note
    (the others still answer); with one, or if all are broken, it is an
    error. `several` follows what was asked, not what loaded.
    """
    files, notes = body_files(data, body, default_all=default_all)
    _echo_notes(notes)
    if len(files) == 1:
        return Asked([(files[0].name, _load_file(files[0].path))], several=False)
    from ..core.printable import one_line

    loaded = []
    for file in files:
        try:
            loaded.append((file, _load_file(file.path)))
        except click.ClickException as error:
            click.echo(one_line(f"Note: left out {file.name}: {error.format_message()}"),
                       file=sys.stderr)
    loaded = _without_short_name_clashes(loaded)
    if not loaded:
        raise click.ClickException("no body could be read")
    return Asked([(file.name, rotation) for file, rotation in loaded], several=True)


def _without_short_name_clashes(
        loaded: list[tuple[BodyFile, Rotation]]) -> list[tuple[BodyFile, Rotation]]:
    """`loaded` ([(BodyFile, Rotation)]) without a user body whose short name another has.

    Each one left out gets a note saying why (see registry.short_name_clashes).
    """
    from ..data.registry import refusal_note, short_name_clashes

    clashes = short_name_clashes([(file, rotation.body.short_name)
                                  for file, rotation in loaded])
    for number, reason in clashes.items():
        _echo_notes([refusal_note(loaded[number][0]._replace(refused=reason))])
    return [pair for number, pair in enumerate(loaded) if number not in clashes]


def load_one(data: str | None, body: str | None) -> tuple[str, Rotation]:
    """(--body name, Rotation) of the one body a command takes."""
    file, notes = _one_body(data, body)
    _echo_notes(notes)
    return file.name, _load_file(file.path)
