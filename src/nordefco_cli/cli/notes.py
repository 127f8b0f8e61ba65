"""The notes every command owes its reader about the record: where it stops covering
the window asked about, and where it is behind (a projected term has begun). The
core gives the values, render/words.py the words; this module says them on stderr."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..core.model import Member
    from ..core.several import Bodies


def echo_note(note: str) -> None:
    click.echo(f"Note: {note}", file=sys.stderr)


def coverage_notes(bodies: Bodies, first: date, last: date, *, say: bool = True) -> list[str]:
    """Say, once per body, on stderr, where first..last passes outside its record.

    Returns the notes, for a table or picture to show in place as well
    (without `say`, only returns them: the caller says them when it can).
    """
    from ..render.words import coverage_note

    notes = [coverage_note(coverage) for _name, rotation in bodies
             if (coverage := rotation.coverage(first, last)).outside]
    if say:
        echo_notes(notes)
    return notes


def echo_notes(notes: list[str]) -> None:
    for note in notes:
        echo_note(note)


def behind_notes(bodies: Bodies, first: date, last: date, today: date,
                 member_of: dict[str, Member] | None = None, *, say: bool = True) -> list[str]:
    """Say on stderr which bodies show, in first..last, a projected term begun by `today`.

    Such a term is due and the record (checked on its `checked` day) does
    not confirm it. With `member_of`, only a term held by the body's member
    in it counts. Returns the notes.
    """
    from ..render.words import behind_note

    notes = []
    if first <= today:
        for name, rotation in bodies:
            due = rotation.projected_since(min(last, today))
            if due is None:
                continue
            member = None if member_of is None else member_of.get(name)
            if member is not None and not any(
                    term.held_by(member)
                    for term in rotation.terms_between(max(first, due), min(last, today))):
                continue
            notes.append(behind_note(rotation.body.short_name, due, rotation.body.checked))
    if say:
        echo_notes(notes)
    return notes
