"""Answers from several bodies at once: records with a `body` field first.

Commands that read more than one body (`--body` repeated or `all`,
`country`, `timeline`) get each body's records from the engine, prefix the
body's --body name, and merge them by date, then body name in any case.
Pure: no Click, no printing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from heapq import merge
from itertools import chain

from .engine import Member, Rotation, Term

BODY_FIELD = "body"


def body_fields(fields: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of a record with its body first."""
    return (BODY_FIELD, *fields)


def body_key(name: str) -> str:
    """Where a body's --body name sorts among others: in any letter case ("Zed" after "ncm")."""
    return name.casefold()


def merged(streams: Iterable[tuple[str, Iterable]], when: Callable) -> Iterator[tuple]:
    """(body name, item) pairs from each body's stream, by `when(item)` (a date), then name.

    Each stream must already be in date order; the merge is lazy.
    """
    keyed = [_keyed(name, items, when) for name, items in streams]
    for _day, _key, name, item in merge(*keyed, key=lambda entry: entry[:2]):
        yield name, item


def _keyed(name: str, items: Iterable, when: Callable) -> Iterator[tuple]:
    key = body_key(name)
    for item in items:
        yield when(item), key, name, item


def with_body(pairs: Iterable[tuple[str, tuple]], record: Callable) -> Iterator[tuple]:
    """Records (`record(item)`, a tuple) with the body name put first."""
    for name, item in pairs:
        yield (name, *record(item))


def first_terms(bodies: list[tuple[str, Rotation]], first: date, last: date,
                member_of: dict[str, Member] | None = None):
    """Each body's terms overlapping first..last (of its member in `member_of`, if given).

    Returns ([(name, lazy terms), ...] for bodies with at least one such term,
    [(name, rotation), ...] for those without one).
    """
    found, empty = [], []
    for name, rotation in bodies:
        terms = rotation.terms_between(first, last)
        if member_of is not None:
            member = member_of.get(name)
            if member is None:
                continue
            terms = _held_by(terms, member)
        head = next(terms, None)
        if head is None:
            empty.append((name, rotation))
        else:
            found.append((name, chain((head,), terms)))
    return found, empty


def _held_by(terms: Iterator[Term], member: Member) -> Iterator[Term]:
    # A function, not a generator expression in the loop: the expression would
    # look `member` up when consumed, after the loop has moved on to other bodies.
    return (term for term in terms if term.held_by(member))


def find_in_bodies(bodies: list[tuple[str, Rotation]], text: str) -> dict[str, Member]:
    """The member `text` names in each body that knows it (as Rotation.find_member matches)."""
    found = {}
    for name, rotation in bodies:
        member = rotation.find_member(text)
        if member is not None:
            found[name] = member
    return found
