"""nordefco: who chairs the Nordic Defence Cooperation, on any date.

Also a Python API for notebooks and scripts (README, "Python API"): load() a
body, ask its Rotation who chairs on a day (chair_on), in a window (terms,
terms_of), and turn a Term into the command line's json record (record).
The names in `__all__` come from nordefco_cli.cli.api, imported on first
use: `import nordefco_cli` itself imports nothing, so the command line,
which starts here too, does not pay for the API.
"""

__version__ = "0.2.0"

__all__ = [
    "Body",
    "BodyInfo",
    "DataFileError",
    "DateError",
    "Gap",
    "GapKind",
    "JSONValue",
    "Member",
    "NoChair",
    "Rotation",
    "Status",
    "Term",
    "UnknownBody",
    "UnknownMember",
    "bodies",
    "load",
    "parse_date",
]

# Not typing.TYPE_CHECKING: importing typing imports re, and this package is
# imported before anything else (the command line, core.dates' fast path).
# Type checkers take any constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:  # what a type checker sees; at run time, __getattr__ below
    from .cli.api import (
        Body,
        BodyInfo,
        DataFileError,
        DateError,
        Gap,
        GapKind,
        JSONValue,
        Member,
        NoChair,
        Rotation,
        Status,
        Term,
        UnknownBody,
        UnknownMember,
        bodies,
        load,
        parse_date,
    )
else:

    def __getattr__(name: str) -> object:
        """The API's names, from cli/api.py on first use (PEP 562)."""
        if name in __all__:
            from .cli import api

            return getattr(api, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


del TYPE_CHECKING
