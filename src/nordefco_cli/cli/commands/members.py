"""`nordefco members`: every member, and when it last and next chairs."""

from __future__ import annotations

import sys
from datetime import date

import click

from ...render.output import default_format, write_records
from ...render.records import MEMBER_FIELDS, member_record
from ...render.words import body_title, seated_unknown_message
from ..clock import today as run_today
from ..loading import load_one
from ..notes import behind_notes
from ..options import DateType, output_options


@click.command()
@click.option("--date", "day", type=DateType(), metavar="DATE",
              help="The date the last and next chairs are counted from (default: today).")
@output_options()
def members(day: date | None, fmt: str | None, no_header: bool, body: str | None,
            data: str | None) -> None:
    """Every member: names, whether it chairs, when it last chaired and chairs next.

    last_chaired is the last recorded term that started on or before DATE;
    next_chairs is the first term that starts after DATE, with next_status
    saying whether it is recorded (begun by today), announced (in the data
    file, not yet begun) or projected. A term held jointly counts for each of
    its holders. A member who never chairs has neither; left is the date a
    member left the body (it is never projected after that). For a body of
    seats (the UN Security Council), only the members seated on DATE are
    listed, and only for a DATE the record covers.

    \b
    Examples:
      nordefco members
      nordefco members --date 2026-03-01 --format json
      nordefco members --body unsc --date 2025-06-01
    """
    _name, rotation = load_one(data, body)
    today = run_today()
    day = day or today
    listed = rotation.members
    if rotation.by_name:
        # A body of seats: who sits on DATE, which the record knows only over its span.
        if day < rotation.first_day or day > rotation.projected_to:
            raise click.ClickException(seated_unknown_message(rotation.gap(day)))
        listed = rotation.seated_on(day)
    records, unknown = [], []
    for member in listed:
        following = next(rotation.terms_held_after(member, day), None) if member.chairs \
            else None
        if member.chairs and following is None and member.left is None:
            unknown.append(member.code)
        records.append(member_record(
            member, rotation.last_recorded_term_of(member, day), following, today))
    # A projected term begun by then is neither last_chaired (not recorded) nor next.
    behind_notes([(_name, rotation)], day, day, today)
    if unknown and rotation.projected_to != date.max:
        # An empty next_chairs past the known terms is not known, not "never".
        from ...render.words import gap_reason
        from ..notes import echo_note

        echo_note(f"{rotation.body.short_name}: no next term is known for "
                  f"{', '.join(unknown)}: {gap_reason(rotation.gap(date.max))}")
    seated = "members seated on" if rotation.by_name else "members as of"
    title = f"{body_title(rotation.body)}: {seated} {day.isoformat()}"
    write_records(records, MEMBER_FIELDS, fmt or default_format(sys.stdout),
                  header=not no_header, title=title)
