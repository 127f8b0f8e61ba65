"""The Python API: the command line's answers, for notebooks and scripts.

`import nordefco_cli` re-exports the API from here, loaded on first use (so
the command line does not pay for it): its `__all__` names the API, and
every other name here is this module's own. This module sits in
the top layer beside the command line because it speaks for both data files
(data/) and the words a reader sees (render/words.py), but it imports no
Click, no Rich and no dateutil (but for parse_date reading a written date),
and it reads no clock: whatever depends on today takes it as an argument.

    >>> from datetime import date
    >>> import nordefco_cli as n
    >>> nordefco = n.load("nordefco")
    >>> term = nordefco.chair_on(date(2026, 3, 1))
    >>> term.holder.name, term.start, term.end
    ('Norway', datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import NamedTuple

# The API's names from the layers below, re-exported as they are ("X as X").
from ..core.dates import DateError as DateError
from ..core.dates import parse_date as parse_date
from ..core.model import Body as Body
from ..core.model import JSONValue as JSONValue
from ..core.model import Member as Member
from ..core.model import Status as Status
from ..core.model import Term as Term
from ..core.rotation import Gap as Gap
from ..core.rotation import GapKind as GapKind
from ..core.rotation import NoChair as NoChair
from ..core.rotation import Rotation as _CoreRotation
from ..data.files import DEFAULT_BODY, load_rotation
from ..data.files import DataFileError as DataFileError
from ..data.registry import UnknownBody as UnknownBody
from ..data.registry import body_states, find_body
from ..render.words import no_chair_message, unknown_member_message


class UnknownMember(ValueError):
    """A name that names no member of a body; the message is the command line's
    ("'xx' is not a member; known: DK (Denmark), ...").

    `name` is the name as given, `body` the Body asked, `known` its members.

    >>> try:
    ...     load().terms_of("xx", date(2026, 1, 1), date(2026, 12, 31))
    ... except UnknownMember as error:
    ...     print(error.name, [member.code for member in error.known])
    xx ['DK', 'FI', 'IS', 'NO', 'SE']
    """

    def __init__(self, name: str, rotation: _CoreRotation):
        super().__init__(unknown_member_message(name, rotation.members))
        self.name = name
        self.body = rotation.body
        self.known = rotation.members


def _a_date(value: object, argument: str) -> date:
    """`value` as a date: a datetime (or pandas Timestamp) is its date as written."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"{argument} must be a datetime.date, not {type(value).__name__} "
                    "(parse_date(text, today) reads a date as the command line does)")


def _window(start: object, end: object) -> tuple[date, date]:
    first, last = _a_date(start, "start"), _a_date(end, "end")
    if last < first:
        raise ValueError(f"end {last.isoformat()} is before start {first.isoformat()}")
    return first, last


class Rotation(_CoreRotation):
    """A body's rotation, as load() gives it: the body (`body`: names, established,
    checked), its members (`members`), the rotation order (`order`), the handover
    rule (`rule`) and the recorded terms (`history`), with the command line's
    answers as methods. Every date is a datetime.date; every end is inclusive.

    >>> eu = load("eu-council")
    >>> [term.holder.code for term in eu.terms(date(2026, 1, 1), date(2026, 12, 31))]
    ['CY', 'IE']
    """

    __slots__ = ()

    def chair_on(self, day: date) -> Term:
        """The term in force on `day`, as `nordefco chair --date DAY` finds it.

        Raises NoChair when no term covers `day`: its message is the
        command line's ("EU Council has no chair on 2031-01-01: no order is
        decided after 2030-12-31 (...)"), and its `gap` says why as values:
        `gap.kind` is "before_established" (the body did not exist yet: see
        `gap.body.established`), "before_record" (it had a chair the data file
        does not record: the record starts on `gap.record_start`), "no_order"
        (nothing is decided after `gap.record_end`; `gap.note` says why) or
        "end_of_dates" (past 9999-12-31). A datetime counts as its date.

        >>> load("ncm").chair_on(date(2024, 6, 1)).holder.code
        'SE'
        """
        day = _a_date(day, "day")
        try:
            return self.term_on(day)
        except NoChair as error:
            raise NoChair(error.gap, no_chair_message(error.gap, day)) from None

    def terms(self, start: date, end: date) -> list[Term]:
        """The terms that overlap `start`..`end` (both inclusive), recorded and projected,
        in order: the terms `nordefco schedule --from START --to END` lists.

        Empty if no term overlaps the window (`gap(start, end)` says why, as
        NoChair's `gap` does). Raises ValueError if `end` is before `start`.

        >>> [t.year for t in load().terms(date(2025, 1, 1), date(2027, 12, 31))]
        [2025, 2026, 2027]
        """
        first, last = _window(start, end)
        return list(self.terms_between(first, last))

    def terms_of(self, member: str, start: date, end: date) -> list[Term]:
        """The terms `member` holds, alone or jointly, that overlap `start`..`end`, in order.

        `member` is a code or a name as `nordefco next COUNTRY` takes it:
        English or native name or alias, in any case, with or without
        accents ("dk", "Danmark", "island"). A member who never chairs
        holds no term (an empty list). Raises UnknownMember for a name no
        member has, and ValueError if `end` is before `start`.

        >>> [t.year for t in load().terms_of("sverige", date(2020, 1, 1), date(2030, 12, 31))]
        [2023, 2027]
        """
        first, last = _window(start, end)
        found = self.find_member(member)
        if found is None:
            raise UnknownMember(member, self)
        return [term for term in self.terms_between(first, last) if term.held_by(found)]


class BodyInfo(NamedTuple):
    """A body as `nordefco bodies` lists it.

    `name` is what load() and `--body` take; `full_name` and `short_name`
    are the body's names and `checked` the day its record was last checked
    against its sources (each None when the file cannot be used); `origin`
    is "shipped" or "user" and `path` its data file; `problem` is None for a
    body that can be used, or why not: "refused: ..." (a user file that takes
    a shipped body's name, or is not a regular file, ...) or "broken: ..."
    (the file's first problem; load(path=...) raises DataFileError with all).

    >>> bodies()[0]
    BodyInfo(name='nordefco', full_name='Nordic Defence Cooperation', short_name='NORDEFCO',
             origin='shipped', path='...members.toml', checked=datetime.date(2026, 12, 7),
             problem=None)
    """

    name: str
    full_name: str | None
    short_name: str | None
    origin: str
    path: str
    checked: date | None
    problem: str | None


def bodies() -> list[BodyInfo]:
    """Every body, shipped first (NORDEFCO's, then by name), then the user's own
    ($XDG_CONFIG_HOME/nordefco/bodies/NAME.toml), as `nordefco bodies` lists them.

    Each usable body's file is read (through the cache), so a broken one
    shows its problem; nothing is raised for one.

    >>> [info.name for info in bodies()][:3]
    ['nordefco', 'arctic-council', 'beac']
    """
    infos = []
    for state in body_states():
        body = state.rotation.body if state.rotation is not None else None
        infos.append(BodyInfo(
            name=state.file.name,
            full_name=body.name if body else None,
            short_name=body.short_name if body else None,
            origin=state.file.origin,
            path=state.file.path,
            checked=body.checked if body else None,
            problem=state.problem,
        ))
    return infos


def load(body: str = DEFAULT_BODY, *, path: str | os.PathLike[str] | None = None) -> Rotation:
    """The rotation of `body` (a name as `--body` takes it, in any case: "nordefco",
    "EU-Council", one of your own), or of the data file at `path`.

    A loaded file is cached as the command line caches it (under
    $XDG_CACHE_HOME/nordefco, never elsewhere; where that cannot be written,
    loading still works). A user file that is refused while a shipped body
    of its name answers gives a UserWarning, the command line's note.

    Raises UnknownBody for a name no usable body has (its `close` attribute
    holds the nearest known names), DataFileError for a file that cannot be
    read or used (its `problems` are every problem found, as `nordefco
    validate` lists them, each naming its field), and ValueError for a
    `body` other than the default together with `path`.

    >>> load("arctic-council").body.short_name
    'Arctic Council'
    >>> load(path="my-body.toml")  # doctest: +SKIP
    """
    if path is not None:
        if body.strip().casefold() != DEFAULT_BODY:
            raise ValueError(f"give load() a body or a path, not both (body={body!r})")
        file = os.fspath(path)
    else:
        found, notes = find_body(body)
        if notes:
            import warnings

            for note in notes:
                warnings.warn(note, UserWarning, stacklevel=2)
        file = found.path
    return Rotation._make(load_rotation(file))
