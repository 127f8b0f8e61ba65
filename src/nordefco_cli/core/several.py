"""Answers from one body or several, on one path: each body's items, merged by date.

Every command computes per body, as (--body name, item) pairs, and merges
the bodies by date, then by body name in any case; with one body the merge
is that body's items as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain, repeat
from typing import TypeVar

from .model import Member, Term
from .rotation import Rotation

Item = TypeVar("Item")
Bodies = list[tuple[str, Rotation]]


def body_key(name: str) -> str:
    """Where a body's --body name sorts among others: in any letter case ("Zed" after "ncm")."""
    return name.casefold()


def merged(streams: Iterable[tuple[str, Iterable[Item]]],
           when: Callable[[Item], date]) -> Iterator[tuple[str, Item]]:
    """(body name, item) pairs from each body's stream, by `when(item)`, then body name.

    Each stream must already be in date order; the merge is lazy, and one
    stream is passed through as it is.
    """
    streams = list(streams)
    if len(streams) == 1:
        name, items = streams[0]
        return zip(repeat(name), items)
    from heapq import merge  # here: one body, the common case, needs no merge

    keyed = [_keyed(name, items, when) for name, items in streams]
    return ((name, item) for _day, _key, name, item
            in merge(*keyed, key=lambda entry: (entry[0], entry[1])))


def _keyed(name: str, items: Iterable[Item],
           when: Callable[[Item], date]) -> Iterator[tuple[date, str, str, Item]]:
    key = body_key(name)
    for item in items:
        yield when(item), key, name, item


def first_terms(bodies: Bodies, first: date, last: date,
                member_of: dict[str, Member] | None = None,
                ) -> tuple[list[tuple[str, Iterator[Term]]], Bodies]:
    """Each body's terms overlapping first..last (of its member in `member_of`, if given).

    Returns ([(name, lazy terms), ...] for bodies with at least one such term,
    [(name, rotation), ...] for those without one). With `member_of`, a body
    that has no entry in it is in neither list.
    """
    found: list[tuple[str, Iterator[Term]]] = []
    empty: Bodies = []
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


def country_in_bodies(bodies: Bodies, text: str) -> dict[str, Member]:
    """The member `text` names, resolved once to a code and found by it in every body.

    The first body (in the order given) whose members know `text` by any of
    its names fixes the code; every body that has a member with that code
    answers for it, so "Kingdom of Denmark" (an Arctic Council name) finds
    Denmark in the EU Council too. Empty if no body knows the name.
    """
    code = next((member.code for _name, rotation in bodies
                 if (member := rotation.find_member(text)) is not None), None)
    if code is None:
        return {}
    return {name: member for name, rotation in bodies
            if (member := rotation.member_by_code(code)) is not None}
