"""`nordefco next`: the next handover, or the next terms of a country."""

from __future__ import annotations

import sys
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

import click

from ..clock import today as run_today
from ..loading import load_bodies

if TYPE_CHECKING:  # the rest is imported when the command runs: completion only parses
    from ...core.model import Member, Term
    from ...core.rotation import Rotation
    from ...core.several import Bodies
from ..options import DateType, member_code_completer, output_options


@click.command("next")
@click.argument("country", required=False,
                shell_complete=member_code_completer(default_all=False))
@click.option("--date", "day", type=DateType(), metavar="DATE",
              help="Count from this date (default: today).")
@click.option("--count", type=click.IntRange(1, 10000), default=1, show_default=True,
              metavar="K", help="How many handovers, or terms of COUNTRY, to list (per body).")
@output_options(many_bodies=True)
def next_(country: str | None, day: date | None, count: int, fmt: str | None,
          no_header: bool, body: tuple[str, ...], data: str | None) -> None:
    """The next handover, or the next terms of COUNTRY, after a date.

    Without COUNTRY: the next handover after DATE, with who hands over, who
    takes over and how many days away it is. With COUNTRY (a code or a name,
    English or native, in any case, accents or not, resolved once to a code
    for every body): the next K terms it chairs after DATE, alone or jointly.
    A DATE before a body's record gets a note: terms before the record are
    not known.

    \b
    Examples:
      nordefco next
      nordefco next --date 2026-03-01 --count 4
      nordefco next sverige --count 3
      nordefco next FI --format json
      nordefco next dk --body all --count 2
    """
    from ...core.several import merged
    from ...render.output import default_format, write_records
    from ...render.records import (
        HANDOVER_FIELDS,
        TERM_FIELDS,
        body_fields,
        handover_record,
        term_record,
    )
    from ..notes import behind_notes, coverage_notes

    asked = load_bodies(data, body)
    today = run_today()
    day = day or today
    fmt = fmt or default_format(sys.stdout)
    bodies = asked.bodies
    members = None if country is None else _chairing_members(bodies, country, asked.several)
    streams = []
    failure = None  # why the one body asked has no term at all
    for name, rotation in bodies:
        if members is not None and name not in members:
            continue
        member = None if members is None else members[name]
        terms = rotation.terms_starting_after(day) if member is None else \
            rotation.terms_held_after(member, day)
        found = list(islice(terms, count))
        if len(found) < count:
            failure = _tell_fewer(rotation, member, len(found), count, day,
                                  fail=not asked.several)
        streams.append((name, [(rotation, term) for term in found]))

    def record(name: str, rotation: Rotation, term: Term) -> tuple[Any, ...]:
        if members is None:
            return (name, *handover_record(day, rotation.term_before(term), term, today))
        return (name, *term_record(term, today))

    # A day before a record: the terms between it and the record are not known.
    # (A day after it needs no note: _tell_fewer has said why no more follow.)
    answering = [(name, rotation) for name, rotation in bodies
                 if members is None or name in members]
    if failure is None:
        coverage_notes([(name, rotation) for name, rotation in answering
                        if rotation.coverage(day, day).before], day, day)
        behind_notes(answering, day, day, today)
    records = [record(name, *item) for name, item in merged(streams, lambda item: item[1].start)]
    if asked.several:
        title = f"Next after {day.isoformat()}"
    else:
        short = bodies[0][1].body.short_name
        title = (f"Next {short} handovers after {day.isoformat()}" if members is None else
                 f"Next {short} terms of {members[bodies[0][0]].name} after {day.isoformat()}")
    # Written even when empty, so a script reading json always gets an array.
    write_records(records, body_fields(HANDOVER_FIELDS if members is None else TERM_FIELDS),
                  fmt, header=not no_header, title=title, with_body=asked.several)
    if failure is not None:
        raise click.ClickException(failure)
    if not records:
        raise click.ClickException(_none_after(members, bodies, day))


def _tell_fewer(rotation: Rotation, member: Member | None, found: int, count: int, day: date,
                *, fail: bool) -> str | None:
    """Say why fewer than `count` terms (of `member`, if given) follow `day`.

    A note on stderr; with `fail`, if there are none at all, the error's
    message instead (returned, for the caller to raise once it has written).
    """
    from ...render.words import gap_reason

    short = rotation.body.short_name
    if not found and member is not None and member.left is not None:
        message = (f"{member.name} ({member.code}) has no {short} term after "
                   f"{day.isoformat()}: it left on {member.left.isoformat()}")
    else:
        reason = gap_reason(rotation.gap(date.max))
        if member is not None and member.seats and member.seats[-1][1] < rotation.projected_to:
            # its seats end before the projection does: that is why, first
            reason = f"its last seat ends on {member.seats[-1][1].isoformat()}, and {reason}"
        what = "term" if member is not None else "handover"
        if found:
            message = (f"{short} has {found} {what}{'s' if found > 1 else ''} known after "
                       f"{day.isoformat()}, not {count}: {reason}")
        else:  # the error of one body says "term" for a handover too, as it always has
            message = f"{short} has no known {'term' if fail else what} after " \
                      f"{day.isoformat()}: {reason}"
    if fail and not found:
        return message
    click.echo(f"Note: {message}", file=sys.stderr)
    return None


def _chairing_members(bodies: Bodies, country: str, several: bool) -> dict[str, Member]:
    """The member COUNTRY names in each body where it holds the chair, by --body name.

    Exit 2 if no body knows the name, 1 if it never chairs in any that does.
    """
    from ...core.several import country_in_bodies
    from ...render.words import unknown_member_message

    members = country_in_bodies(bodies, country)
    if not members:
        if several:
            raise click.BadParameter(f"{country!r} is not a member of any of "
                                     f"{', '.join(name for name, _ in bodies)}.",
                                     param_hint="'COUNTRY'")
        raise click.BadParameter(unknown_member_message(country, bodies[0][1].members),
                                 param_hint="'COUNTRY'")
    chairing = {name: member for name, member in members.items() if member.chairs}
    if not chairing:
        if not several:
            member = members[bodies[0][0]]
            raise click.ClickException(
                f"{member.name} ({member.code}) is a member of {bodies[0][1].body.short_name} "
                "but does not hold the chair.")
        raise click.ClickException(f"{_named(members)} is a member but does not hold the "
                                   f"chair in {', '.join(members)}.")
    return chairing


def _named(members: dict[str, Member]) -> str:
    """The member of several bodies by its name and code, "Iceland (IS)", once each."""
    return " / ".join(sorted({f"{member.name} ({member.code})" for member in members.values()}))


def _none_after(members: dict[str, Member] | None, bodies: Bodies, day: date) -> str:
    """Why no body has a term after `day` (of the member, if asked): the member left
    each body, or no body knows one."""
    if members is None:
        return f"no body has a known term after {day.isoformat()}"
    shorts = {name: rotation.body.short_name for name, rotation in bodies}
    left = [f"{shorts[name]} on {member.left.isoformat()}" for name, member in members.items()
            if member.left is not None and member.left <= day]
    message = f"{_named(members)} has no known term after {day.isoformat()} in " \
              f"{', '.join(shorts[name] for name in members)}"
    if len(left) == len(members):
        return f"{message}: it left {', '.join(left)}"
    return message
