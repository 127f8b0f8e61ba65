"""Where bodies are found, and what a `--body` value names.

A body is a data file with a name: the shipped ones (NORDEFCO's
data/members.toml, then data/bodies/NAME.toml) and the user's own,
$XDG_CONFIG_HOME/nordefco/bodies/NAME.toml (default ~/.config/...). Names
match in any letter case (and compatibility form: name_key); `all` names
every usable body. A user file may not take a shipped body's name (or
another user file's, or `all`), nor have a character that cannot be printed
in its name, nor any character but ASCII letters, digits, "-", "_" and "."
(name_problem), nor be anything but a regular file (a FIFO or a link to a
device would block or never end the commands that read every body): it is
refused, with a note whenever that name is used, never silently shadowed.
Nor may a user body's short name be another's (short_name_clashes): that
needs its file read, so it is judged where bodies are loaded together.

Finding bodies reads two folders and no file (each user entry is only
stat'ed), so completion stays cheap; a body's file is read only when a
command uses it, so a broken user file does not break the commands that do
not.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # loaded by files.py when a body is read, not to find bodies
    from ..core.rotation import Rotation

# BodyFile and its origins live with the shipped files, so that a command of
# the default body finds it without this module.
from .files import ALL, SHIPPED, USER, BodyFile


class UnknownBody(ValueError):
    """A body name that names no usable body; the message lists the known ones.

    `name` is the name as given, `known` the names that would have been
    taken (in the order `nordefco bodies` lists them) and `close` those of
    them nearest to `name` (as difflib finds them; may be empty).

    >>> error = UnknownBody("nordfco", ["nordefco", "ncm", "nordic-council"])
    >>> str(error), error.close
    ("'nordfco' is not a body; known: nordefco, ncm, nordic-council.", ['nordefco'])
    """

    def __init__(self, name: str, known: list[str]):
        super().__init__(f"{name!r} is not a body; known: {', '.join(known)}.")
        self.name = name
        self.known = tuple(known)

    @property
    def close(self) -> list[str]:
        from difflib import get_close_matches

        by_key = {known.casefold(): known for known in self.known}
        return [by_key[key] for key in get_close_matches(self.name.strip().casefold(), by_key)]


BodyNameError = UnknownBody  # the name the command line knows it by


# The characters of a user body's name (its file name without .toml): what a
# shell and a reader see as written. ASCII letters and digits, "-", "_" and
# ".", starting with a letter or digit: no space (completion would offer it
# unquoted and break the command), no glob or other shell character (a body
# named `*` makes bash completion list files), and no letters of other
# scripts or full-width forms, which can look like these ("ncм" with a
# Cyrillic м, "ｎｃｍ") and so name two bodies that read alike.
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NAME_CHARS = _NAME_START | frozenset("-_.")


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a user body's name, or None if it can."""
    if name and name[0] in _NAME_START and all(char in _NAME_CHARS for char in name):
        return None
    bad = next((char for char in name if char not in _NAME_CHARS), name[:1])
    shown = repr(bad) if bad.isascii() else f"U+{ord(bad):04X}"  # a mark would join the quote
    return (f"its name may have only ASCII letters, digits, '-', '_' and '.', and start with "
            f"a letter or digit (found {shown}); rename the file")


def name_key(text: str) -> str:
    """A name as body names and short names are compared: NFKC, case-folded, stripped.

    So "ｎｃｍ" (full width), "NCM" and an NFD spelling of a name all meet.
    """
    if text.isascii():  # the common case, and no import
        return text.strip().casefold()
    import unicodedata

    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold()).strip()


def short_name_clashes(bodies: list[tuple[BodyFile, str]]) -> dict[int, str]:
    """Which of `bodies` ((body, its short name), as loaded together) may not be used.

    Short names are what tables, the timeline and messages show, so two
    bodies with one short name (compared by name_key) would give two rows
    that read alike. A shipped body keeps its short name; among the others,
    the first listed keeps it. Returns {index in `bodies`: why it is refused}.
    """
    holder: dict[str, BodyFile] = {}
    ranked = sorted(range(len(bodies)), key=lambda number: bodies[number][0].origin != SHIPPED)
    refused = {}
    for number in ranked:
        body, short_name = bodies[number]
        other = holder.setdefault(name_key(short_name), body)
        if other is not body:
            whose = "a shipped body" if other.origin == SHIPPED else other.path
            refused[number] = (f"its short name {short_name!r} is {other.name}'s ({whose}); "
                               "change short_name in the file")
    return refused


def user_dir() -> str | None:
    """$XDG_CONFIG_HOME/nordefco/bodies (default ~/.config/...), or None with no home."""
    from .xdg import config_home

    base = config_home()
    return os.path.join(base, "nordefco", "bodies") if base else None


def _toml_files(folder: str | None) -> list[str]:
    try:
        # By name in any case, as bodies are ordered everywhere (see core.several.body_key).
        entries = sorted(os.listdir(folder), key=lambda entry: (entry.casefold(), entry)) \
            if folder else []
    except OSError:  # missing or unreadable: no bodies there
        return []
    return [entry for entry in entries if entry.endswith(".toml") and entry != ".toml"]


def find_bodies() -> list[BodyFile]:
    """Every body: shipped first (NORDEFCO's, then by name), then the user's, by name.

    A user file whose name (in any case) is a shipped body's, another user
    file's, or `all`, or has a character that cannot be printed (then its
    name and path are escaped), or that is not a regular file once links are
    followed, is listed with `refused` saying why. `path` is otherwise as
    found: escape it (printable.one_line) to print it.
    """
    from .files import shipped_bodies

    bodies = [BodyFile(name, path, SHIPPED) for name, path in shipped_bodies().items()]
    taken = {name_key(body.name): body for body in bodies}
    folder = user_dir()
    for entry in _toml_files(folder):
        assert folder is not None  # _toml_files found entries in it
        name, path = entry[:-5], os.path.join(folder, entry)
        key = name_key(name)
        refused = None
        if not entry.isprintable():
            # A control character (ESC, tab, newline), an invisible one, or an
            # undecodable byte would reach the terminal raw or break a tsv
            # line: the file is refused, its name and path shown escaped.
            from ..core.printable import one_line

            char = next(char for char in entry if not char.isprintable())
            name, path = one_line(name), one_line(path)
            refused = (f"its name has a character that cannot be printed "
                       f"({one_line(char)}); rename the file")
        elif key == ALL:
            refused = f"'{ALL}' is reserved for every body; rename the file"
        elif name_problem(name):
            refused = name_problem(name)
        elif not _regular_or_missing(path):
            # Opening a FIFO waits for a writer and /dev/zero never ends: every
            # command that reads all bodies would hang on a file not asked for.
            refused = "not a regular file"
        elif key in taken:
            other = taken[key]
            whose = "a shipped body's" if other.origin == SHIPPED else f"{other.path}'s"
            refused = f"{name!r} is {whose} name; rename the file"
        else:
            taken[key] = BodyFile(name, path, USER)
        bodies.append(BodyFile(name, path, USER, refused))
    return bodies


def _regular_or_missing(path: str) -> bool:
    """False for anything but a regular file, links followed; True if stat fails.

    A dangling link or an unreadable entry is left to the reader, which
    reports it as a broken file.
    """
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return True


def usable(bodies: list[BodyFile]) -> list[BodyFile]:
    return [body for body in bodies if body.refused is None]


def refusal_note(body: BodyFile) -> str:
    from ..core.printable import one_line

    return one_line(f"{body.path} is not used: {body.refused}.")  # the reason may name a path


def _refusal_notes(bodies: list[BodyFile], asked: set[str]) -> list[str]:
    """The notes for refused user files named (in any case) in `asked`, or all with `all`."""
    return [refusal_note(body) for body in bodies
            if body.refused and (name_key(body.name) in asked or ALL in asked)]


def find_body(value: str) -> tuple[BodyFile, list[str]]:
    """The one usable body `value` names (in any case, as --body takes it; not `all`),
    and the notes to show about refused user files of that name.

    Raises UnknownBody, listing the usable bodies, for any other name.
    """
    bodies = find_bodies()
    key = value.strip().casefold()
    names = [body.name for body in usable(bodies)]
    found = next((body for body in usable(bodies) if body.name.casefold() == key), None)
    if found is None:
        raise UnknownBody(value, names)
    return found, _refusal_notes(bodies, {key})


def resolve(values: tuple[str, ...] | list[str]) -> tuple[list[BodyFile], list[str]]:
    """The bodies `values` name (any case; `all` is every usable body), and notes.

    Returns the bodies in the order first named, each once, and the notes to
    show (a refused user file with a name asked for). Raises UnknownBody
    for a name that no usable body has.
    """
    bodies = find_bodies()
    by_key = {name_key(body.name): body for body in usable(bodies)}
    chosen: dict[str, BodyFile] = {}
    for value in values:
        key = name_key(value)
        if key == ALL:
            for body in usable(bodies):
                chosen.setdefault(body.name, body)
        elif key in by_key:
            chosen.setdefault(by_key[key].name, by_key[key])
        else:
            raise UnknownBody(value, [ALL, *(body.name for body in usable(bodies))])
    asked = {name_key(body.name) for body in chosen.values()} | (
        {ALL} if any(name_key(value) == ALL for value in values) else set())
    return list(chosen.values()), _refusal_notes(bodies, asked)


class BodyState(NamedTuple):
    """A body as `nordefco bodies` and the Python API's bodies() show it: its file, the
    rotation it loads as (None if it cannot be used) and why not ("refused: ..." or
    "broken: ..." with the file's first problem; None if it can be used)."""

    file: BodyFile
    rotation: Rotation | None
    problem: str | None


def body_states() -> list[BodyState]:
    """Every body (as find_bodies lists them), each loaded, or with why it cannot be used:
    refused, broken, or refused because its short name is another body's
    (short_name_clashes, among every body that loads)."""
    from .files import DataFileError, load_rotation

    states = []
    for body in find_bodies():
        if body.refused:
            states.append(BodyState(body, None, f"refused: {body.refused}"))
            continue
        try:
            states.append(BodyState(body, load_rotation(body.path), None))
        except DataFileError as error:
            states.append(BodyState(body, None, f"broken: {error.problems[0]}"))
    loaded = [number for number, state in enumerate(states) if state.rotation is not None]
    clashes = short_name_clashes([(states[number].file, rotation.body.short_name)
                                  for number in loaded
                                  if (rotation := states[number].rotation) is not None])
    for place, reason in clashes.items():
        states[loaded[place]] = BodyState(states[loaded[place]].file, None,
                                          f"refused: {reason}")
    return states


def completions(incomplete: str) -> list[str]:
    """The --body values that start with `incomplete` (any case): `all`, then each usable body."""
    prefix = incomplete.casefold()
    names = [ALL, *(body.name for body in usable(find_bodies()))]
    return [name for name in names if name.casefold().startswith(prefix)]
