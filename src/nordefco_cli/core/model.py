"""Bodies, members and terms: the values the rotation and every layer above it share.

Values are NamedTuples: immutable, compared by value, and cheap to define at
start-up (every run defines them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, NamedTuple

Status = Literal["recorded", "announced", "projected"]
# The three statuses a reader is shown (see Term.status).
RECORDED: Status = "recorded"  # from the data file, begun on or before today
ANNOUNCED: Status = "announced"  # from the data file, not yet begun
PROJECTED: Status = "projected"  # computed from the rotation order
STATUSES: tuple[Status, ...] = (RECORDED, ANNOUNCED, PROJECTED)


class Body(NamedTuple):
    """A rotating body: its full and short names, the day it was established
    (None if the data file gives none) and the day its record was last
    checked against its sources (None if not given).

    >>> Body("Nordic Defence Cooperation", "NORDEFCO", date(2009, 11, 4)).short_name
    'NORDEFCO'
    """

    name: str
    short_name: str
    established: date | None
    checked: date | None = None


class Member(NamedTuple):
    """A member of a body, or the holder of a joint term (then `parts` holds its members).

    `code` and `name` (English) are always given; `native_name`, `nato_since`
    and `left` are None when the data file gives none; `chairs` says whether
    it takes its turn in the chair.

    >>> Member("IS", "Iceland", "Ísland", False, date(1949, 4, 4)).names
    ('IS', 'Iceland', 'Ísland')
    """

    code: str
    name: str
    native_name: str | None  # None when the data file gives none
    chairs: bool
    nato_since: date | None
    aliases: tuple[str, ...] = ()  # other names it is known by, as the data file gives them
    left: date | None = None  # the day it left the body; None while it is a member
    # The members who hold a joint term together (a joint holder, built by
    # joint_member); empty for a member of the body.
    parts: tuple[Member, ...] = ()
    # The periods it is seated, (first, last) inclusive, oldest first, for a
    # body whose order is by name among the members seated (the UN Security
    # Council's elected members); empty: seated until `left`.
    seats: tuple[tuple[date, date], ...] = ()
    # The name the body's rule sorts it by ("Russian Federation"); None: `name`.
    sort_name: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it can be found by: code, name, native name (if any), aliases."""
        names = (self.code, self.name) if self.native_name is None else (
            self.code, self.name, self.native_name)
        return names + self.aliases

    def seated_on(self, day: date) -> bool:
        """True if it sits on the body on `day`: in one of its `seats`, or (without
        seats) before the day it `left`."""
        if self.seats:
            return any(first <= day <= last for first, last in self.seats)
        return self.left is None or day < self.left

    @property
    def sort_key(self) -> str:
        """Its place in an order by name: `sort_name` (else `name`) as fold_name folds it,
        so case and accents do not move it ("Côte d'Ivoire" sorts as "cote d'ivoire")."""
        return fold_name(self.sort_name or self.name)


def fold_name(text: str) -> str:
    """`text` as names are compared: stripped, without accents, in no case ("Ísland": "island").

    Compatibility decomposition (NFKD) with the combining marks dropped, so
    the ASCII stand-in a terminal prints for a name ("Island") finds it too.
    Casefolded after decomposing, which leaves nothing to decompose: folding
    twice changes nothing (a property test checks). A name typed in the C
    locale is read as UTF-8 first (see undecoded_as_utf8).
    """
    if text.isascii():  # the common case, and no import
        return text.strip().casefold()
    # Here, not at the top: only a run that compares names pays for it.
    import unicodedata

    # Stripped last: a spacing accent (U+00A8) decomposes to a space and a mark.
    return "".join(char for char in unicodedata.normalize("NFKD", undecoded_as_utf8(text))
                   if not unicodedata.combining(char)).casefold().strip()


def undecoded_as_utf8(text: str) -> str:
    """`text` with bytes Python could not decode read as UTF-8, else as it is.

    In the C locale (LC_ALL=C PYTHONUTF8=0) a UTF-8 terminal's "söndag" or
    "Ísland" reaches argv as surrogate escapes; the words are still the user's.
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return text


def joint_member(parts: tuple[Member, ...]) -> Member:
    """The holder of a term held jointly by `parts` (two or more members, in the file's order).

    Its code joins the codes with "+" (FI+NO+SE) and its names join the
    names with ", " (Finland, Norway, Sweden), so every output shows every
    holder; `parts` keeps the members themselves.
    """
    native_names = [part.native_name for part in parts]
    return Member(
        code="+".join(part.code for part in parts),
        name=", ".join(part.name for part in parts),
        # Only if every holder has one: half the names in their own language would mislead.
        native_name=None if None in native_names else ", ".join(
            name for name in native_names if name is not None),
        chairs=True,
        nato_since=None,
        parts=parts,
    )


class TermRecord(NamedTuple):
    """A term as every output gives it, with the output contract's fields in order:
    the year it starts, its first and last days (inclusive), its holder's code and
    name, its status, its source (None if projected) and note (None if none).

    Defined once, here: the command line's rows (render/records.py) and the
    Python API's Term.record are both built from it.
    """

    year: int
    start: date
    end: date
    code: str
    country: str
    status: Status
    source: str | None
    note: str | None


JSONValue = int | str | None  # a record's value in JSON (booleans are ints to the type checker)


def json_value(value: date | int | str | None) -> JSONValue:
    """A record's value as JSON gives it: a date as its ISO text, anything else as it is."""
    return value.isoformat() if isinstance(value, date) else value


def json_object(fields: Sequence[str], row: Sequence[Any]) -> dict[str, JSONValue]:
    """The JSON object of a record: each field's name with json_value of its value."""
    return {field: json_value(value) for field, value in zip(fields, row, strict=True)}


class Term(NamedTuple):
    """A term of office: `start` to `end` (inclusive dates), held by `holder`.

    `projected` is True for a term computed from the rotation order (then
    `source` and `note` are None), False for one from the data file (then
    `source` is its URL or citation). What a reader is told of it depends on
    the day as well: see status. A joint holder has its members in
    `holder.parts`; `year` is the year the term starts.

    >>> norway = Member("NO", "Norway", "Norge", True, date(1949, 4, 4))
    >>> term = Term(date(2026, 1, 1), date(2026, 12, 31), norway, False, "https://…")
    >>> term.holder.name, term.year, (term.end - term.start).days + 1
    ('Norway', 2026, 365)
    """

    start: date
    end: date
    holder: Member
    projected: bool
    source: str | None
    note: str | None = None

    @property
    def year(self) -> int:
        return self.start.year

    def status(self, today: date) -> Status:
        """RECORDED, ANNOUNCED or PROJECTED: a data-file term is recorded from its first day on.

        `today` is the caller's date, so the same term turns from announced to
        recorded on its first day with no edit to the data file.

        >>> ireland = Member("IE", "Ireland", "Éire", False, None)
        >>> term = Term(date(2026, 7, 1), date(2026, 12, 31), ireland, False, "https://…")
        >>> term.status(date(2026, 6, 30)), term.status(date(2026, 7, 1))
        ('announced', 'recorded')
        """
        if self.projected:
            return PROJECTED
        return ANNOUNCED if self.start > today else RECORDED

    def as_record(self, today: date) -> TermRecord:
        """This term's TermRecord, with its status as of `today`."""
        holder = self.holder
        return TermRecord(self.start.year, self.start, self.end, holder.code, holder.name,
                          self.status(today), self.source, self.note)

    def record(self, today: date) -> dict[str, JSONValue]:
        """This term as `nordefco schedule --format json` writes it: the same fields, in
        order, and the same values (dates as ISO text, None for an empty value).

        `today` decides the status, as NORDEFCO_TODAY does on the command line.
        Rows for pandas: `pandas.DataFrame([t.record(today) for t in terms])`.

        >>> sweden = Member("SE", "Sweden", "Sverige", True, date(2024, 3, 7))
        >>> term = Term(date(2027, 1, 1), date(2027, 12, 31), sweden, True, None)
        >>> term.record(date(2026, 12, 7))
        {'year': 2027, 'start': '2027-01-01', 'end': '2027-12-31', 'code': 'SE',
         'country': 'Sweden', 'status': 'projected', 'source': None, 'note': None}
        """
        return json_object(TermRecord._fields, self.as_record(today))

    def held_by(self, member: Member) -> bool:
        """True if `member` holds this term, alone or jointly."""
        return self.holder == member or member in self.holder.parts
