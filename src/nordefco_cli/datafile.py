"""Find, read and parse a rotation data file."""

from __future__ import annotations

import os

from .engine import Rotation
from .validation import InvalidData, Problem, rotation_from_dict

DEFAULT_NAME = "members.toml"
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def data_dir() -> str:
    """The folder of shipped data files.

    The wheel carries `data/` inside the package (see pyproject.toml); an
    editable install or a checkout uses the repository's own `data/`, two
    levels above this file. Either way it is the one file in the repository.
    """
    installed = os.path.join(_PACKAGE_DIR, "data")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(_PACKAGE_DIR)), "data")


def default_path() -> str:
    return os.path.join(data_dir(), DEFAULT_NAME)


class DataFileError(Exception):
    """A data file that cannot be read, parsed or used; lists every problem."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {problems[0]}")


def read_data_file(path: str) -> dict:
    """The parsed TOML of `path`; DataFileError if unreadable or not TOML."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        problem = Problem("", f"cannot read the file: {error.strerror}")
        raise DataFileError(path, [problem]) from None
    except UnicodeDecodeError as error:
        raise DataFileError(path, [Problem("", f"not UTF-8 text ({error.reason})")]) from None
    except tomllib.TOMLDecodeError as error:
        # The message names the line and column.
        raise DataFileError(path, [Problem("", f"TOML syntax error: {error}")]) from None


def load_rotation(path: str) -> Rotation:
    """The Rotation a data file describes; DataFileError names the file and field."""
    raw = read_data_file(path)
    try:
        return rotation_from_dict(raw)
    except InvalidData as error:
        raise DataFileError(path, error.problems) from None
