"""`nordefco next`: the next handover, or the next terms of a country."""

from __future__ import annotations

import sys
from datetime import date
from itertools import islice

import click

from ..cli import DateType, data_path, load, output_options
from ..engine import Rotation
from ..output import default_format, write_records
from ..records import HANDOVER_FIELDS, TERM_FIELDS, handover_record, term_record


def complete_country(ctx, param, incomplete):
    """Completion: the codes of the members who chair (of --body or --data if given)."""
    from click.shell_completion import CompletionItem

    from ..datafile import DataFileError, load_rotation

    try:
        rotation = load_rotation(data_path(ctx.params.get("data"), ctx.params.get("body"), ctx))
    except (click.ClickException, DataFileError):
        return []  # a bad --body or a broken file must not break the user's TAB
    prefix = incomplete.casefold()
    return [CompletionItem(member.code, help=member.name) for member in rotation.members
            if member.chairs and member.code.casefold().startswith(prefix)]


@click.command("next")
@click.argument("country", required=False, shell_complete=complete_country)
@click.option("--date", "day", type=DateType(), metavar="DATE",
              help="Count from this date (default: today).")
@click.option("--count", type=click.IntRange(1, 10000), default=1, show_default=True,
              metavar="K", help="How many handovers, or terms of COUNTRY, to list.")
@output_options()
def next_(country, day, count, fmt, no_header, body, data):
    """The next handover, or the next terms of COUNTRY, after a date.

    Without COUNTRY: the next handover after DATE, with who hands over, who
    takes over and how many days away it is. With COUNTRY (a code or a name,
    English or native, in any case): the next K terms it chairs after DATE.

    \b
    Examples:
      nordefco next
      nordefco next --date 2026-03-01 --count 4
      nordefco next sverige --count 3
      nordefco next FI --format json
    """
    rotation = load(data, body)
    today = date.today()
    day = day or today
    fmt = fmt or default_format(sys.stdout)
    if country is None:
        records = [handover_record(day, rotation.term_before(term), term, today)
                   for term in islice(rotation.terms_starting_after(day), count)]
        fields = HANDOVER_FIELDS
        title = f"Next {rotation.body.short_name} handovers after {day.isoformat()}"
    else:
        member = _chairing_member(rotation, country)
        terms = (term for term in rotation.terms_starting_after(day) if term.member == member)
        records = [term_record(term, today) for term in islice(terms, count)]
        fields = TERM_FIELDS
        title = f"Next {rotation.body.short_name} terms of {member.name} after {day.isoformat()}"
    if not records:
        raise click.ClickException(
            f"{rotation.body.short_name} has no known term after {day.isoformat()}: "
            f"{rotation.no_chair_reason(date.max)}"
        )
    write_records(records, fields, fmt, header=not no_header, title=title)


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
