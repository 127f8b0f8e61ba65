"""`nordefco next`: the next handover, or the next terms of a country."""

from __future__ import annotations

import sys
from datetime import date
from itertools import islice

import click

from ..cli import DateType, load_bodies, member_code_completer, output_options
from ..engine import Rotation
from ..output import default_format, write_records
from ..records import HANDOVER_FIELDS, TERM_FIELDS, handover_record, term_record


@click.command("next")
@click.argument("country", required=False,
                shell_complete=member_code_completer(default_all=False))
@click.option("--date", "day", type=DateType(), metavar="DATE",
              help="Count from this date (default: today).")
@click.option("--count", type=click.IntRange(1, 10000), default=1, show_default=True,
              metavar="K", help="How many handovers, or terms of COUNTRY, to list (per body).")
@output_options(many_bodies=True)
def next_(country, day, count, fmt, no_header, body, data):
    """The next handover, or the next terms of COUNTRY, after a date.

    Without COUNTRY: the next handover after DATE, with who hands over, who
    takes over and how many days away it is. With COUNTRY (a code or a name,
    English or native, in any case, accents or not): the next K terms it
    chairs after DATE, alone or jointly.

    \b
    Examples:
      nordefco next
      nordefco next --date 2026-03-01 --count 4
      nordefco next sverige --count 3
      nordefco next FI --format json
      nordefco next dk --body all --count 2
    """
    bodies = load_bodies(data, body)
    today = date.today()
    day = day or today
    fmt = fmt or default_format(sys.stdout)
    if len(bodies) > 1:
        _next_of_several(bodies, country, day, today, count, fmt, no_header)
        return
    rotation = bodies[0][1]
    if country is None:
        records = [handover_record(day, rotation.term_before(term), term, today)
                   for term in islice(rotation.terms_starting_after(day), count)]
        fields = HANDOVER_FIELDS
        title = f"Next {rotation.body.short_name} handovers after {day.isoformat()}"
    else:
        member = _chairing_member(rotation, country)
        terms = (term for term in rotation.terms_starting_after(day) if term.held_by(member))
        records = [term_record(term, today) for term in islice(terms, count)]
        fields = TERM_FIELDS
        title = f"Next {rotation.body.short_name} terms of {member.name} after {day.isoformat()}"
    if not records and country is not None and member.left is not None:
        raise click.ClickException(
            f"{member.name} ({member.code}) has no {rotation.body.short_name} term after "
            f"{day.isoformat()}: it left on {member.left.isoformat()}"
        )
    if not records:
        raise click.ClickException(
            f"{rotation.body.short_name} has no known term after {day.isoformat()}: "
            f"{rotation.no_chair_reason(date.max)}"
        )
    if len(records) < count:
        _note_fewer(rotation, len(records), count, day, country is not None)
    write_records(records, fields, fmt, header=not no_header, title=title)


def _note_fewer(rotation: Rotation, found: int, count: int, day: date, of_country: bool) -> None:
    what = "term" if of_country else "handover"
    click.echo(
        f"Note: {rotation.body.short_name} has {found} {what}{'s' if found > 1 else ''} "
        f"known after {day.isoformat()}, not {count}: {rotation.no_chair_reason(date.max)}",
        err=True,
    )


def _next_of_several(bodies, country, day, today, count, fmt, no_header):
    """`next` for several bodies: K per body, by date then body.

    COUNTRY is looked up in each body; those that do not have it, or where it
    never chairs, are left out.
    """
    from ..several import body_fields, find_in_bodies, merged, with_body

    if country is not None:
        members = find_in_bodies(bodies, country)
        if not members:
            raise click.BadParameter(f"{country!r} is not a member of any of "
                                     f"{', '.join(name for name, _ in bodies)}.",
                                     param_hint="'COUNTRY'")
        bodies = [(name, rotation) for name, rotation in bodies
                  if name in members and members[name].chairs]
        if not bodies:
            raise click.ClickException(f"{country} is a member but does not hold the chair "
                                       f"in {', '.join(members)}.")
    streams = []
    for name, rotation in bodies:
        terms = rotation.terms_starting_after(day)
        if country is not None:
            terms = (term for term in terms if term.held_by(members[name]))
        found = list(islice(terms, count))
        if len(found) < count:
            if found:
                _note_fewer(rotation, len(found), count, day, country is not None)
            else:
                click.echo(f"Note: {rotation.body.short_name} has no known "
                           f"{'term' if country else 'handover'} after {day.isoformat()}: "
                           f"{rotation.no_chair_reason(date.max)}", err=True)
        streams.append((name, [(rotation, term) for term in found]))
    if country is None:
        def record(item):
            rotation, term = item
            return handover_record(day, rotation.term_before(term), term, today)
        fields = HANDOVER_FIELDS
    else:
        def record(item):
            return term_record(item[1], today)
        fields = TERM_FIELDS
    records = list(with_body(merged(streams, lambda item: item[1].start), record))
    if not records:
        raise click.ClickException(f"no body has a known term after {day.isoformat()}")
    write_records(records, body_fields(fields), fmt, header=not no_header,
                  title=f"Next after {day.isoformat()}")


def _chairing_member(rotation: Rotation, text: str):
    member = rotation.find_member(text)
    if member is None:
        known = ", ".join(f"{m.code} ({m.name})" for m in rotation.members)
        raise click.BadParameter(f"{text!r} is not a member; known: {known}.",
                                 param_hint="'COUNTRY'")
    if not member.chairs:
        raise click.ClickException(
            f"{member.name} ({member.code}) is a member of {rotation.body.short_name} "
            "but does not hold the chair."
        )
    return member
