"""Turn a parsed data file (a dict from TOML) into a Rotation, or list what is wrong.

Pure: the caller reads and parses the file. Every problem is collected, each
naming its field (``history[3].chair``), so `nordefco validate` can list them
all and the other commands can report the first.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from ..core.dates import iso_date
from ..core.model import Body, Member, Term, fold_name, joint_member
from ..core.rotation import Rotation
from ..core.rule import Rule, days_in_month


class Problem(NamedTuple):
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InvalidData(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__(str(problems[0]))
        self.problems = problems


_MISSING: Any = object()
_Table = dict[str, Any]  # a TOML table, as tomllib gives it

# With their articles, so a message reads "expected an array".
_TYPE_NAMES = {
    str: "a string",
    bool: "a boolean (true or false)",
    int: "a whole number",
    list: "an array",
    dict: "a table",
}


# Unicode's Bidi_Control characters (the marks ALM, LRM, RLM; the embeddings,
# overrides and isolates): they reorder the text around them, so a value could
# show on screen otherwise than it reads ("Trojan Source", CVE-2021-42574).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
# Characters that print as nothing or break a line, by Unicode category:
# controls (Cc), format characters (Cf: the zero-width space, the soft
# hyphen, U+FEFF, the bidi controls), the line and paragraph separators (Zl,
# Zp: U+2028 and U+2029, a new line to readers that split on Unicode line
# breaks) and surrogates (Cs).
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
# The other Default_Ignorable_Code_Points (Unicode's DerivedCoreProperties),
# letters or marks that print as nothing: the combining grapheme joiner, the
# Hangul fillers, the Khmer inherent vowels, the Mongolian and other
# variation selectors, and the blocks reserved as ignorable.
_IGNORABLE_RANGES = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
                     (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
                     (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF))
# The zero-width non-joiner and joiner: format characters that scripts such
# as Devanagari, Malayalam or Persian need inside a word, where they change
# how the letters around them are drawn. Kept there (between two letters or
# marks that are not ASCII), refused anywhere else, where they show as nothing.
_JOIN_CONTROLS = "\u200c\u200d"


def _hidden(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or any(
        low <= code <= high for low, high in _IGNORABLE_RANGES)


def _joins(text: str, position: int) -> bool:
    """True if the join control at `position` is between two letters or marks, not ASCII."""
    if position in (0, len(text) - 1):
        return False
    return all(not neighbour.isascii() and unicodedata.category(neighbour)[0] in "LM"
               for neighbour in (text[position - 1], text[position + 1]))


def _hidden_character(text: str) -> str | None:
    """Why `text` may not be in a data file, if it has a character that is invisible or
    breaks a line (see _HIDDEN_CATEGORIES, _IGNORABLE_RANGES, _JOIN_CONTROLS); else None.

    Such a character would reach a terminal raw (ESC starts an escape
    sequence, U+202E reverses what follows), break a tsv line (a newline, a
    tab, U+2028), or make two names that print alike differ (`S\\u200bE`
    prints as `SE`). Linear in the text: each distinct character is looked
    up once, and the first hidden one found by one search.
    """
    if text.isascii() and text.isprintable():  # the common case, in C
        return None
    hidden = [char for char in set(text) if char not in _JOIN_CONTROLS and _hidden(char)]
    found = re.search(f"[{re.escape(''.join(hidden))}]", text) if hidden else None
    at = found.start() if found else len(text)
    for joiner in _JOIN_CONTROLS:
        place = text.find(joiner, 0, at)
        while place != -1 and _joins(text, place):
            place = text.find(joiner, place + 1, at)
        if place != -1:
            at = place
    if at == len(text):
        return None
    char = text[at]
    where = f"U+{ord(char):04X} at character {at + 1}"
    if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
        return f"must not contain control characters (found {where})"
    return (f"must not contain invisible characters or line breaks (found {where}, "
            f"{unicodedata.name(char, 'unnamed')})")


def _mixed_scripts(text: str) -> str | None:
    """Why `text`, a code or short name, cannot be told from another, or None: its
    letters come from more than one script ("NORDEFC\u041e" ends in a Cyrillic O),
    the mixed-script test of Unicode's security mechanisms (UTS #39)."""
    if text.isascii():  # the common case: Latin letters only
        return None
    first = None
    for at, char in enumerate(text):
        if not char.isalpha():
            continue
        script = unicodedata.name(char, "").split(" ")[0]
        if first is None:
            first = script
        elif script != first:
            return (f"mixes {first.title()} and {script.title()} letters (found U+"
                    f"{ord(char):04X} at character {at + 1}, {unicodedata.name(char)}), so "
                    "it can read as another name: write it in one script")
    return None


def _describe(value: object) -> str:
    """A TOML value in TOML's words ("a TOML local time 10:00:00"), never a Python repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        kind = "local" if value.tzinfo is None else "offset"
        return f"a TOML {kind} date-time {value.isoformat()}"
    if isinstance(value, date):
        return f"a TOML local date {value.isoformat()}"
    if isinstance(value, time):
        return f"a TOML local time {value.isoformat()}"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES[type(value)]
    if isinstance(value, int):
        return f"a whole number {value}"
    if isinstance(value, float):
        return f"a TOML float {value!r}"
    return f"a string {value!r}"


class _Checker:
    """Reads fields out of nested dicts, noting a Problem for each bad one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # Codes of members whose `chairs` or `left` could not be read (a
        # problem says so): whether they chair, or have left, is not known,
        # so no other problem is claimed from it.
        self.unsure: set[str] = set()
        # Codes given for a member that were refused (a problem says why):
        # the order or a term naming them is not also "unknown member".
        self.refused_codes: set[str] = set()

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message))

    def known_keys(self, table: _Table, prefix: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                # A quoted TOML key can hold control characters: never print them raw.
                self.problem(
                    f"{prefix}{repr(key) if _hidden_character(key) else key}",
                    f"unknown field (expected one of: {', '.join(allowed)})",
                )

    def get(self, table: _Table, prefix: str, key: str, kind: type[Any],
            required: bool = True) -> Any:
        """The value of `key` if present and of `kind`, else None (and a problem)."""
        value = table.get(key, _MISSING)
        field = f"{prefix}{key}"
        if value is _MISSING:
            if required:
                self.problem(field, f"missing (expected {_TYPE_NAMES[kind]})")
            return None
        # bool is an int subclass in Python; TOML keeps them apart, so do we.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(field, f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}")
            return None
        if kind is str:
            return self.text(field, value)
        return value

    def text(self, field: str, value: str) -> str | None:
        """`value` if it is fit to print (not blank, nothing hidden), else None."""
        hidden = _hidden_character(value)
        if hidden:
            self.problem(field, hidden)
            return None
        if not value.strip():
            self.problem(field, "must not be empty")
            return None
        return value

    def get_date(self, table: _Table, prefix: str, key: str,
                 required: bool = True) -> date | None:
        value = table.get(key, _MISSING)
        field = f"{prefix}{key}"
        if value is _MISSING:
            if required:
                self.problem(field, "missing (expected a date like 2009-11-04)")
            return None
        if isinstance(value, str):
            try:
                return iso_date(value)
            except ValueError as error:
                self.problem(field, f"invalid date {value!r} ({error})")
                return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        self.problem(field, f"expected a date like 2009-11-04, got {_describe(value)}")
        return None

    def get_table(self, raw: _Table, key: str) -> _Table | None:
        table: _Table | None = self.get(raw, "", key, dict)
        return table

    def get_tables(self, raw: _Table, key: str) -> list[tuple[int, _Table]]:
        """An array of tables; entries that are not tables are reported and dropped."""
        items = self.get(raw, "", key, list)
        if items is None:
            return []
        if not items:
            self.problem(key, "must have at least one entry")
        tables = []
        for index, item in enumerate(items):
            if isinstance(item, dict):
                tables.append((index, item))
            else:
                self.problem(f"{key}[{index}]", f"expected a table, got {_describe(item)}")
        return tables


_BODY_KEYS = ("name", "short_name", "established", "checked")
_ROTATION_KEYS = ("handover_month", "handover_day", "term_months", "order", "order_by",
                  "resume_with", "note", "horizon", "horizon_note", "projected_note")
_MEMBER_KEYS = ("code", "name", "native_name", "sort_name", "aliases", "chairs", "nato_since",
                "left", "seats")
_SEAT_KEYS = ("from", "to")
_HISTORY_KEYS = ("year", "start", "end", "chair", "source", "note")
_TOP_KEYS = ("body", "rotation", "members", "history")


def rotation_from_dict(raw: _Table) -> Rotation:
    """Build a Rotation from a parsed data file; InvalidData lists every problem."""
    check = _Checker()
    check.known_keys(raw, "", _TOP_KEYS)

    body = _read_body(check, check.get_table(raw, "body"))
    established = body.established if body is not None else None
    members = _read_members(check, check.get_tables(raw, "members"), established)
    rotation = check.get_table(raw, "rotation")
    handover_month, handover_day, term_months, order, resume_with, rotation_note = (
        _read_rotation(check, rotation, members))
    by_name, horizon, horizon_note, projected_note = _read_by_name(check, rotation or {},
                                                                   members)
    rule = None
    if handover_month and handover_day and term_months:
        rule = Rule(handover_month, handover_day, term_months)
    # Read without a rule too (a bad term_months must not hide every problem
    # of the record): then only what needs no rule is checked.
    history = _read_history(check, check.get_tables(raw, "history"), members, rule,
                            established)
    if by_name:
        _check_by_name(check, history, members)
        if horizon is not None and history and horizon < history[-1].end:
            check.problem("rotation.horizon", f"{horizon.isoformat()} is before the record "
                                              f"ends ({history[-1].end.isoformat()}): the "
                                              "record knows who was seated after it")

    # Who remains to be projected: the order without the members who left.
    remaining = [member for member in order if member.left is None]
    if order and history and rule is not None and history[-1].end != date.max:
        _check_departures(check, members, order, history[-1].end + timedelta(days=1))
    if (remaining or by_name) and history and rule is not None:
        _check_projection_start(check, history[-1], len(history) - 1, rule)
        if history[-1].holder.parts and resume_with is None:
            check.problem(
                f"history[{len(history) - 1}].chair",
                "the last recorded term is held jointly: set rotation.resume_with to say "
                "who chairs first after it",
            )
    if check.problems:
        raise InvalidData(check.problems)
    resume_index = _resume_index(order, history, resume_with) if not by_name else 0
    if order and not remaining and not rotation_note:
        # Nothing is projected, as for `order = []`: the answer after the
        # record says so ("no order is decided after ...") and why.
        rotation_note = "every member in the order has left"
    built = Rotation(
        body=body,  # type: ignore[arg-type]  # not None once no problem was found
        members=tuple(members.values()),
        order=tuple(remaining),
        rule=rule,  # type: ignore[arg-type]  # likewise
        history=tuple(history),
        resume_index=resume_index,
        note=rotation_note or "",
        by_name=by_name,
        horizon=horizon,
        horizon_note=horizon_note or "",
        projected_note=projected_note or "",
    )
    try:
        return built.seated()
    except ValueError as error:
        raise InvalidData([Problem("members", f"{error}: check the seats")]) from None


def file_warnings(rotation: Rotation, today: date) -> list[Problem]:
    """What is doubtful in a valid file, as Problems: not errors, so the file stays usable.

    A `[body] checked` date after `today` (the caller's date: the loader has
    no clock), a `checked` date on or after the start of a term the file
    still projects (the record is behind: a term has begun that it does not
    confirm), and each recorded term whose source is not an http(s) URL (a
    citation is a source, but a reader cannot follow it).
    """
    from urllib.parse import urlsplit

    warnings = []
    checked = rotation.body.checked
    if checked is not None and checked > today:
        warnings.append(Problem("body.checked",
                                f"{checked.isoformat()} is after today ({today.isoformat()}): "
                                "a record cannot have been checked on a day still to come"))
    due = rotation.projected_since(checked) if checked is not None else None
    if checked is not None and due is not None:
        warnings.append(Problem("body.checked",
                                f"{checked.isoformat()} is after {due.isoformat()}, the start "
                                "of a term the file still projects: the record is behind "
                                "(record the term, or say why it is not known)"))
    for index, term in enumerate(rotation.history):
        try:
            parts = urlsplit(term.source)
        except ValueError:  # e.g. a malformed IPv6 host
            parts = None
        if (parts is None or parts.scheme not in ("http", "https") or not parts.netloc
                or any(ch.isspace() for ch in term.source)):  # type: ignore[union-attr]
            warnings.append(Problem(f"history[{index}].source",
                                    f"not an http(s) URL, so a reader cannot follow it: "
                                    f"{term.source!r}"))
    return warnings


def _check_departures(check: _Checker, members: dict[str, Member], order: list[Member],
                      first_projected: date) -> None:
    """Every member who chairs and left must have left by the day the projection starts.

    Projected terms are found by arithmetic over one fixed order, so a member
    who leaves later, in the middle of the projection, cannot be dropped from
    it part way; the file must record terms up to the departure instead. And
    a member who chairs is left out of the order only once it has left: one
    still a member when the projection starts (`left = 2099-01-01`) would be
    silently passed over in every projected term.
    """
    in_order = {member.code for member in order}
    for member in members.values():
        if member.left is None or member.left <= first_projected or not member.chairs:
            continue
        if member.code in in_order:
            check.problem(
                "rotation.order",
                f"{member.code!r} leaves on {member.left.isoformat()}, after the projection "
                f"starts on {first_projected.isoformat()}; record its terms up to then, or "
                "take it out of the order",
            )
        elif member.code not in check.unsure:
            check.problem(
                "rotation.order",
                f"leaves out {member.code!r}, who chairs and is a member until "
                f"{member.left.isoformat()}, after the projection starts on "
                f"{first_projected.isoformat()}; put it in the order, or record terms up to "
                "its departure",
            )


def _resume_index(order: list[Member], history: list[Term], resume_with: Member | None) -> int:
    """Where the projection starts in the order of the members who remain.

    With `resume_with`, there; else with the first member after the last
    recorded chair in the full order who has not left.
    """
    remaining = [member for member in order if member.left is None]
    if not remaining:
        return 0
    if resume_with is not None:
        start = order.index(resume_with)
    else:
        last_chair = history[-1].holder
        start = order.index(last_chair) + 1 if last_chair in order else 0
    for step in range(len(order)):
        member = order[(start + step) % len(order)]
        if member.left is None:
            return remaining.index(member)
    return 0


def _check_projection_start(check: _Checker, last: Term, index: int, rule: Rule) -> None:
    """Projected terms start on handover days, so the record must end just before one.

    See Rule.is_handover_day.
    """
    if last.end == date.max:
        return
    if not rule.is_handover_day(last.end + timedelta(days=1)):
        check.problem(
            f"history[{index}]",
            f"the last recorded term must end the day before a handover (day "
            f"{rule.handover_day} of month {rule.handover_month}, then every "
            f"{rule.term_months} months) for the projection to follow it; it ends on "
            f"{last.end.isoformat()}",
        )


def _read_body(check: _Checker, table: _Table | None) -> Body | None:
    if table is None:
        return None
    check.known_keys(table, "body.", _BODY_KEYS)
    name = check.get(table, "body.", "name", str)
    short_name = check.get(table, "body.", "short_name", str)
    if short_name is not None and (mixed := _mixed_scripts(short_name)):
        check.problem("body.short_name", mixed)
        short_name = None
    established = check.get_date(table, "body.", "established", required=False)
    checked = check.get_date(table, "body.", "checked", required=False)
    return Body(name=name, short_name=short_name, established=established, checked=checked)


def _read_members(check: _Checker, tables: list[tuple[int, _Table]],
                  established: date | None) -> dict[str, Member]:
    members: dict[str, Member] = {}
    folded_codes: set[str] = set()
    # Every name a member can be found by, as (field, name, code), by kind:
    # see _check_names_are_unique.
    codes, english_names, native_names, all_aliases = [], [], [], []  # type: ignore[var-annotated]
    for index, table in tables:
        prefix = f"members[{index}]."
        check.known_keys(table, prefix, _MEMBER_KEYS)
        code = check.get(table, prefix, "code", str)
        if code is not None and (mixed := _mixed_scripts(code)):
            check.problem(f"{prefix}code", mixed)
            code = None
        name = check.get(table, prefix, "name", str)
        # Optional, and left empty when not given: it is the name in the
        # member's own language, which the English name is not.
        native_name = check.get(table, prefix, "native_name", str, required=False)
        aliases = _read_aliases(check, table, prefix)
        chairs = check.get(table, prefix, "chairs", bool)
        nato_since = check.get_date(table, prefix, "nato_since", required=False)
        left = check.get_date(table, prefix, "left", required=False)
        sort_name = check.get(table, prefix, "sort_name", str, required=False)
        seats = _read_seats(check, table, prefix)
        if seats and left is not None:
            check.problem(f"{prefix}left", "give seats or left, not both (a seat ends "
                                           "where the member leaves)")
        if left is not None and established is not None and left <= established:
            check.problem(f"{prefix}left", f"{left.isoformat()} is not after the body was "
                                           f"established ({established.isoformat()})")
            left = None
            check.unsure.add(code)
        if code is None:
            if isinstance(table.get("code"), str):
                check.refused_codes.add(table["code"])
            continue
        if chairs is None or ("left" in table and left is None):
            check.unsure.add(code)
        if code != code.strip() or any(ch.isspace() for ch in code):
            check.problem(f"{prefix}code", f"must not contain spaces: {code!r}")
            check.refused_codes.add(code)
            continue
        # Codes are matched without regard to case, so "se" and "SE" collide.
        # A set keeps this linear in the number of members.
        if code.casefold() in folded_codes:
            check.problem(f"{prefix}code", f"duplicate member code {code!r}")
            continue
        folded_codes.add(code.casefold())
        members[code] = Member(
            code=code, name=name, native_name=native_name,
            chairs=bool(chairs), nato_since=nato_since, left=left,
            aliases=tuple(alias for _, alias in aliases),
            seats=seats, sort_name=sort_name,
        )
        codes.append((f"{prefix}code", code, code))
        if name is not None:
            english_names.append((f"{prefix}name", name, code))
        if native_name is not None:
            native_names.append((f"{prefix}native_name", native_name, code))
        all_aliases.extend((field, alias, code) for field, alias in aliases)
    _check_names_are_unique(check, codes + english_names + native_names + all_aliases)
    return members


def _read_seats(check: _Checker, table: _Table, prefix: str) -> tuple[tuple[date, date], ...]:
    """A member's `seats`, as (first, last) days, oldest first; bad ones are left out.

    Each is a table `{ from = DATE, to = DATE }` (`to` may be left out: seated
    to the end of dates); the periods of one member must not overlap.
    """
    entries = check.get(table, prefix, "seats", list, required=False)
    if entries == []:
        check.problem(f"{prefix}seats", "is empty: give at least one seat, or leave seats "
                                        "out for a member seated throughout")
    entries = entries or []
    seats = []
    for index, entry in enumerate(entries):
        field = f"{prefix}seats[{index}]"
        if not isinstance(entry, dict):
            check.problem(field, f"expected a table like {{ from = 2025-01-01, to = "
                                 f"2026-12-31 }}, got {_describe(entry)}")
            continue
        check.known_keys(entry, f"{field}.", _SEAT_KEYS)
        first = check.get_date(entry, f"{field}.", "from")
        last = check.get_date(entry, f"{field}.", "to", required=False) or date.max
        if first is None:
            continue
        if last < first:
            check.problem(f"{field}.to", f"is before from ({first.isoformat()})")
            continue
        seats.append((index, first, last))
    seats.sort(key=lambda seat: seat[1])
    for (_, _, last), (index, first, _) in zip(seats, seats[1:], strict=False):
        if first <= last:
            check.problem(f"{prefix}seats[{index}]",
                          f"overlaps another seat of this member, which ends on "
                          f"{last.isoformat()}")
    return tuple((first, last) for _, first, last in seats)


def _read_by_name(check: _Checker, table: _Table, members: dict[str, Member]
                  ) -> tuple[bool, date | None, str | None, str | None]:
    """`order_by`, `horizon`, `horizon_note` and `projected_note` of [rotation]."""
    order_by = check.get(table, "rotation.", "order_by", str, required=False)
    by_name = order_by == "name"
    if order_by is not None and not by_name:
        check.problem("rotation.order_by", f'must be "name", got {order_by!r}')
    if by_name and "order" in table:
        check.problem("rotation.order", 'give order or order_by = "name", not both')
    if by_name and "resume_with" in table:
        check.problem("rotation.resume_with", 'is not used with order_by = "name": the order '
                                              "continues from the last holder by name")
    if not by_name:
        for code, member in members.items():
            if member.seats:
                check.problem("rotation.order_by",
                              f'{code!r} has seats, which only order_by = "name" uses')
                break
    else:
        sorted_as: dict[str, str] = {}  # sort key: the code of the first member with it
        for code, member in members.items():
            if member.chairs and sorted_as.setdefault(member.sort_key, code) != code:
                check.problem("members", f"{sorted_as[member.sort_key]!r} and {code!r} sort "
                                         f"the same ({member.sort_key!r}): the order by name "
                                         "cannot tell them apart; give one a sort_name")
    horizon = check.get_date(table, "rotation.", "horizon", required=False)
    horizon_note = check.get(table, "rotation.", "horizon_note", str, required=False)
    projected_note = check.get(table, "rotation.", "projected_note", str, required=False)
    if not by_name:
        for key in ("horizon", "horizon_note"):
            if key in table:
                check.problem(f"rotation.{key}", 'is only used with order_by = "name" (it '
                                                 "says how far the file knows who is seated)")
    return by_name, horizon, horizon_note, projected_note


def _check_by_name(check: _Checker, history: list[Term], members: dict[str, Member]) -> None:
    """For an order by name: each recorded holder is seated on the day its term starts,
    and follows the holder before it by name among the members seated then, or its
    note says why not (core.seating). Joint terms have no place in such an order."""
    from ..core.seating import next_holder

    chairing = tuple(members.values())
    previous: Term | None = None
    for index, term in enumerate(history):
        field = f"history[{index}].chair"
        holder = term.holder
        if holder.parts:
            check.problem(field, 'a joint term cannot follow order_by = "name"')
        elif not holder.seated_on(term.start):
            check.problem(field, f"{holder.code!r} is not seated on {term.start.isoformat()} "
                                 "(see its seats)")
        elif previous is not None and term.note is None:
            # Never None: the holder itself is seated then, and chairs.
            expected = next_holder(chairing, previous.holder, term.start)
            if expected is not None and expected != holder:
                check.problem(
                    field,
                    f"by name, {expected.code!r} ({expected.name}) follows "
                    f"{previous.holder.code!r} among the members seated on "
                    f"{term.start.isoformat()}, not {holder.code!r}: record why in a note",
                )
        previous = term


def _read_aliases(check: _Checker, table: _Table, prefix: str) -> list[tuple[str, str]]:
    """A member's `aliases` (other names to match), as (field, alias); bad ones are left out."""
    aliases = check.get(table, prefix, "aliases", list, required=False) or []
    kept = []
    for index, alias in enumerate(aliases):
        field = f"{prefix}aliases[{index}]"
        if not isinstance(alias, str):
            check.problem(field, f"expected a string, got {_describe(alias)}")
        elif check.text(field, alias) is not None:
            kept.append((field, alias.strip()))  # typed names are matched stripped
    return kept


def _check_names_are_unique(check: _Checker, names: list[tuple[str, str, str]]) -> None:
    """No name may name two members: `names` are (field, name, member code), every one.

    Names are compared as Rotation.find_member compares them (core.model.fold_name:
    in any case, without accents), else a name would find the wrong member.
    Codes come first, then names, native names and aliases: the name that
    clashes with one earlier in that order is reported, naming both fields.
    One dict over every name: linear in the number of names.
    """
    owner: dict[str, tuple[str, str]] = {}  # folded name -> (code, field) of its first holder
    for field, text, code in names:
        folded = fold_name(text)
        if not folded:
            check.problem(field, f"{text!r} is only accents: nothing is left to find it by")
            continue
        named, first_field = owner.setdefault(folded, (code, field))
        if named != code:
            check.problem(field, f"{text!r} already names member {named!r} ({first_field})")


def _read_rotation(check: _Checker, table: _Table | None,
                   members: dict[str, Member]) -> tuple[Any, ...]:
    if table is None:
        return None, None, None, [], None, None
    check.known_keys(table, "rotation.", _ROTATION_KEYS)
    month = check.get(table, "rotation.", "handover_month", int)
    day = check.get(table, "rotation.", "handover_day", int)
    term_months = check.get(table, "rotation.", "term_months", int)
    codes = check.get(table, "rotation.", "order", list, required="order_by" not in table)

    if month is not None and not 1 <= month <= 12:
        check.problem("rotation.handover_month", f"must be 1 to 12, got {month}")
        month = None
    if day is not None and month is not None and not 1 <= day <= days_in_month(2000, month):
        check.problem(
            "rotation.handover_day",
            f"must be 1 to {days_in_month(2000, month)} for month {month}, got {day}",
        )
        day = None
    if term_months is not None and not 1 <= term_months <= 1200:
        check.problem("rotation.term_months", f"must be 1 to 1200, got {term_months}")
        term_months = None

    order: list[Member] = []
    # Codes in sets, not members in lists: every check is linear in the members.
    in_order: set[str] = set()
    named: set[str] = set()
    for index, code in enumerate(codes or []):
        field = f"rotation.order[{index}]"
        if not isinstance(code, str):
            check.problem(field, f"expected a member code, got {_describe(code)}")
            continue
        named.add(code)
        if code not in members:
            if code not in check.refused_codes:
                check.problem(field, f"unknown member {code!r}")
        elif code in in_order:
            check.problem(field, f"{code!r} is named twice")
        elif not members[code].chairs and code not in check.unsure:
            check.problem(field, f"{code!r} may not chair (chairs = false)")
        else:
            order.append(members[code])
            in_order.add(code)
    # An empty order means no order is decided: nothing is projected.
    if codes:
        for code, member in members.items():
            if (member.chairs and member.left is None and code not in named
                    and code not in check.unsure):
                check.problem("rotation.order", f"leaves out {code!r}, who chairs")
    resume_with = check.get(table, "rotation.", "resume_with", str, required=False)
    if resume_with is not None:
        if resume_with not in in_order:
            check.problem("rotation.resume_with", f"{resume_with!r} is not in the order")
            resume_with = None
        else:
            resume_with = members[resume_with]
            if resume_with.left is not None:
                check.problem("rotation.resume_with",
                              f"{resume_with.code!r} left on {resume_with.left.isoformat()}")
                resume_with = None
    # One line (no control characters, as for every string): it ends an error message.
    note = check.get(table, "rotation.", "note", str, required=False)
    return month, day, term_months, order, resume_with, note


def _read_history(check: _Checker, tables: list[tuple[int, _Table]], members: dict[str, Member],
                  rule: Rule | None, established: date | None) -> list[Term]:
    """The recorded terms; with no rule (a bad [rotation]), every check that needs none."""
    terms: list[Term] = []
    previous: Term | None = None
    for index, table in tables:
        prefix = f"history[{index}]."
        check.known_keys(table, prefix, _HISTORY_KEYS)
        source = check.get(table, prefix, "source", str)
        note = check.get(table, prefix, "note", str, required=False)
        start, end = _read_span(check, table, prefix, rule)
        member = _read_chair(check, table, prefix, members, start)
        if start is None:
            previous = None
            continue
        if established is not None and start < established:
            # Said once, of the first such term: the rest of the record follows it.
            check.problem(prefix.rstrip("."),
                          f"starts on {start.isoformat()}, before the body was established "
                          f"(body.established = {established.isoformat()})")
            established = None
        if previous is not None:
            # Compared without adding a day: the term before may end on date.max.
            if start.year == previous.start.year and start <= previous.end:
                check.problem(prefix.rstrip("."), f"two chairs for {start.year}")
            elif start <= previous.end:
                check.problem(
                    prefix.rstrip("."),
                    f"overlaps the term before it, which ends on {previous.end.isoformat()}",
                )
            elif start - previous.end > timedelta(days=1):
                check.problem(
                    prefix.rstrip("."),
                    f"leaves a gap: the term before it ends on {previous.end.isoformat()}, "
                    f"this one starts on {start.isoformat()}",
                )
        # A term with a problem (no holder) still bounds the next one's checks.
        previous = Term(start=start, end=end, holder=member,  # type: ignore[arg-type]
                        projected=False, source=source, note=note)
        if member is not None and source is not None:
            terms.append(previous)
    return terms


def _read_chair(check: _Checker, table: _Table, prefix: str, members: dict[str, Member],
                start: date | None) -> Member | None:
    """The holder of a term: one member's code, or an array of codes for a joint term."""
    value = table.get("chair")
    field = f"{prefix}chair"
    if isinstance(value, list):
        codes = value
        if not codes:
            check.problem(field, "must name at least one member")
            return None
    else:
        code = check.get(table, prefix, "chair", str)
        if code is None:
            return None
        codes = [code]
    holders: list[Member] = []
    held: set[str] = set()  # a set: linear in the holders of a joint term
    for index, code in enumerate(codes):
        where = f"{field}[{index}]" if isinstance(value, list) else field
        if not isinstance(code, str):
            check.problem(where, f"expected a member code, got {_describe(code)}")
        elif code not in members:
            if code not in check.refused_codes:
                check.problem(where, f"unknown member {code!r}")
        elif not members[code].chairs and code not in check.unsure:
            check.problem(where, f"{code!r} may not chair (chairs = false)")
        elif code in held:
            check.problem(where, f"{code!r} is named twice")
        elif start is not None and members[code].left is not None \
                and members[code].left <= start:  # type: ignore[operator]
            check.problem(where, f"{code!r} left on {members[code].left.isoformat()}, "  # type: ignore[union-attr]
                                 "before this term starts")
        else:
            holders.append(members[code])
            held.add(code)
    if len(holders) != len(codes):
        return None
    return holders[0] if len(holders) == 1 else joint_member(tuple(holders))


def _read_span(check: _Checker, table: _Table, prefix: str,
               rule: Rule | None) -> tuple[date, date] | tuple[None, None]:
    """A recorded term's (start, end): from `year`, or from `start` and optional `end`.

    (None, None) if it cannot be known: a bad field, or no rule to count from.
    """
    has_year = "year" in table
    if has_year and ("start" in table or "end" in table):
        check.problem(f"{prefix}year", "give either year or start/end, not both")
        return None, None
    if has_year:
        year = check.get(table, prefix, "year", int)
        if year is None:
            return None, None
        if not 1 <= year <= 9999:
            check.problem(f"{prefix}year", f"must be 1 to 9999, got {year}")
            return None, None
        start: date | None
        end: date | None
        if rule is None:
            return None, None
        start, end = rule.handover_in(year), None
    elif "start" in table:
        start = check.get_date(table, prefix, "start")
        end = check.get_date(table, prefix, "end", required=False)
        if start is None:
            return None, None
    else:
        check.problem(f"{prefix}year", "missing (give year, or start and end)")
        return None, None
    if end is None:
        if rule is None:
            return None, None
        end = rule.end_of_term(start)
    if end < start:
        check.problem(f"{prefix}end", f"is before start ({start.isoformat()})")
        return None, None
    return start, end
