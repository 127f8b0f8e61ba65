"""The XDG base directories, as the Base Directory Specification defines them.

https://specifications.freedesktop.org/basedir-spec/latest/
"""

from __future__ import annotations

import os


def base_dir(variable: str, fallback: str) -> str | None:
    """The base folder `$variable` names, or `~/fallback`; None if there is no home.

    The specification says a relative value is invalid and must be ignored,
    so only an absolute value is used. Nothing is created here: a caller that
    writes decides what it may create.
    """
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return value
    home = os.path.expanduser("~")
    if not os.path.isabs(home):  # expanduser leaves "~" as it is when no home is known
        return None
    return os.path.join(home, fallback)


def cache_home() -> str | None:
    """$XDG_CACHE_HOME, default ~/.cache."""
    return base_dir("XDG_CACHE_HOME", ".cache")


def config_home() -> str | None:
    """$XDG_CONFIG_HOME, default ~/.config."""
    return base_dir("XDG_CONFIG_HOME", ".config")
