"""Find, read, parse and validate a rotation data file (through the cache)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, NamedTuple

from ..core.rotation import Rotation

if TYPE_CHECKING:  # validation.py is loaded only to check a file
    from .validation import Problem

DEFAULT_NAME = "members.toml"
# The package folder (nordefco_cli), above this layer's.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def data_dir() -> str:
    """The folder of shipped data files.

    The wheel carries `data/` inside the package as `nordefco_cli/bodies`
    (see pyproject.toml); an editable install or a checkout uses the
    repository's own `data/`, three levels above this file. Either way it is
    the one folder in the repository.
    """
    installed = os.path.join(_PACKAGE_DIR, "bodies")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(_PACKAGE_DIR)), "data")


def default_path() -> str:
    return os.path.join(data_dir(), DEFAULT_NAME)


DEFAULT_BODY = "nordefco"
ALL = "all"  # the --body value that names every usable body
SHIPPED = "shipped"
USER = "user"


class BodyFile(NamedTuple):
    """A body found: its --body name (the file name without .toml), its file, where it
    comes from (SHIPPED or USER), and why a user file is not used (None if it is)."""

    name: str
    path: str
    origin: str
    refused: str | None = None


def shipped_bodies() -> dict[str, str]:
    """The shipped data files by body name: NORDEFCO's, then data/bodies/NAME.toml."""
    bodies = {DEFAULT_BODY: default_path()}
    folder = os.path.join(data_dir(), "bodies")
    for entry in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if entry.endswith(".toml"):
            bodies[entry[: -len(".toml")]] = os.path.join(folder, entry)
    return bodies


class DataFileError(Exception):
    """A data file that cannot be read, parsed or used: `path` as given, and `problems`,
    every problem found (each a validation.Problem: `field` and `message`, printed by
    str() as `nordefco validate` prints it after "PATH: "); str() is the first.

    >>> from nordefco_cli.data.validation import Problem
    >>> str(DataFileError("x.toml", [Problem("rotation.term_months", "must be 1 to 1200")]))
    'x.toml: rotation.term_months: must be 1 to 1200'
    """

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {problems[0]}")


def _file_error(path: str, message: str) -> DataFileError:
    from .validation import Problem

    return DataFileError(path, [Problem("", message)])


# A body's file is some kilobytes (the largest shipped one is under 20 KB); a
# bound keeps /dev/zero, an endless pipe or a mistaken path from taking memory
# without end. Read one byte past it to know the file is longer.
MAX_DATA_BYTES = 8 * 1024 * 1024


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            source = handle.read(MAX_DATA_BYTES + 1)
    except OSError as error:
        raise _file_error(path, f"cannot read the file: {error.strerror}") from None
    if len(source) > MAX_DATA_BYTES:
        raise _file_error(path, f"larger than {MAX_DATA_BYTES // (1024 * 1024)} MiB: "
                                "not a rotation data file")
    return source


# The shape of a data file, bounded before the TOML parser sees it: tomllib's
# work grows with the square of a key's dotted parts (a 40 KB line
# `x.a.a.….a = 1` takes seconds and gigabytes), and no data file needs long
# lines or long dotted keys (a line of the shipped files is under 250
# characters, and none has a dotted key).
MAX_LINE_CHARS = 4096
# Dots outside strings and comments, on one line: a key of three dotted
# parts at most. Each part of a dotted key is a table to the parser, so even
# keys of 17 parts, each on its own short line, cost 37 s and 1.2 GB in 8 MiB.
MAX_LINE_DOTS = 2
# Each anchored at the start of a line (MULTILINE), so a search looks at each
# character once: linear in the text.
_LONG_LINE = rf"(?m)^[^\n]{{{MAX_LINE_CHARS + 1}}}"
_MANY_DOTS = rf"(?m)^(?:[^.\n]*\.){{{MAX_LINE_DOTS + 1}}}"
# What is not code: strings of the four kinds (multi-line ones first) and comments.
_NOT_CODE = "|".join((r'"""(?:[^\\]|\\.)*?"""', r"'''.*?'''", r'"(?:[^"\\\n]|\\.)*"',
                      r"'[^'\n]*'", r"#[^\n]*"))


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _shape_problem(text: str) -> str | None:
    """Why `text` is not a data file's shape (a line too long, a key of many parts), or None.

    Every step is a regular expression run over the text in C, each linear in
    its size. Only a file with a line of many dots (in strings or not) has
    its strings and comments blanked, by one pass that keeps their line
    breaks, so the line named is the line in the file.
    """
    import re

    found = re.search(_LONG_LINE, text)
    if found:
        return (f"line {_line_of(text, found.start())}: longer than {MAX_LINE_CHARS} "
                "characters: not a rotation data file")
    if re.search(_MANY_DOTS, text) is None:  # the common case: nothing to blank
        return None
    code = re.sub(_NOT_CODE, lambda match: "\n" * match.group().count("\n") or '""', text,
                  flags=re.DOTALL)
    found = re.search(_MANY_DOTS, code)
    if found:
        return (f"line {_line_of(code, found.start())}: more than {MAX_LINE_DOTS} dots "
                "outside strings (a key of more dotted parts than a data file needs): not a "
                "rotation data file")
    return None


def _parse_toml(path: str, source: bytes) -> dict[str, Any]:
    import tomllib

    try:
        # utf-8-sig: a byte-order mark (Notepad, PowerShell) is not part of the TOML.
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _file_error(path, f"not UTF-8 text ({error.reason})") from None
    shape = _shape_problem(text)
    if shape:
        raise _file_error(path, shape)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # The message names the line and column.
        raise _file_error(path, f"TOML syntax error: {error}") from None
    except RecursionError:
        # tomllib parses nested arrays and tables recursively.
        raise _file_error(path, "TOML nested too deeply to read") from None


def load_rotation(path: str, *, use_cache: bool = True) -> Rotation:
    """The Rotation a data file describes; DataFileError names the file and field.

    A valid file's rotation is cached (see data/cache.py), so later runs skip the
    TOML parser and the validator while the file's bytes stay the same; so are
    the problems of a file that does not load (its shape, its TOML or its
    fields), so a broken file is not parsed again on every run either.
    """
    from .cache import cached_problems, cached_rotation, store_problems, store_rotation

    source = _read_bytes(path)
    if use_cache:
        rotation = cached_rotation(path, source)
        if rotation is not None:
            return rotation
        problems = cached_problems(path, source)
        if problems is not None:
            from .validation import Problem

            raise DataFileError(path, [Problem(*problem) for problem in problems])
    from .validation import InvalidData, rotation_from_dict

    try:
        try:
            rotation = rotation_from_dict(_parse_toml(path, source))
        except InvalidData as error:
            raise DataFileError(path, error.problems) from None
    except DataFileError as error:
        if use_cache:
            store_problems(path, source, error.problems)
        raise
    if use_cache:
        store_rotation(path, source, rotation)
    return rotation
