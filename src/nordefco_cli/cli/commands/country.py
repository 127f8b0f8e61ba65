"""`nordefco country`: every term a country holds, across bodies, in a window of dates."""

from __future__ import annotations

import sys
from datetime import date

import click

from ...core.several import country_in_bodies, first_terms, merged
from ...render.output import default_format, write_records
from ...render.records import TERM_FIELDS, body_fields, term_record
from ...render.words import none_held_note, not_covered_note
from ..clock import today as run_today
from ..loading import load_bodies
from ..notes import behind_notes, coverage_notes, echo_note
from ..options import member_code_completer, output_options, resolve_window, window_options


@click.command()
@click.argument("country", shell_complete=member_code_completer(default_all=True))
@window_options
@output_options(many_bodies=True)
def country(country: str, first: date | None, years: int | None, last: date | None,
            fmt: str | None, no_header: bool, body: tuple[str, ...], data: str | None) -> None:
    """Every term COUNTRY holds in each body, in a window of dates.

    COUNTRY is a code or a name, English or native, in any letter case,
    accents or not, as 'next' matches it; it is resolved once, to a code,
    which every body is asked about ("Kingdom of Denmark" is DK everywhere).
    Every body is asked (or those given with --body); each record starts
    with the body.
    The window is as for 'schedule': from --from (default today) for --years
    (default 10), or to --to. Nothing in the window is not an error: a note
    says so. Where the window passes outside a body's record, a note says
    what the record covers: no chair is said to be held or not held there.

    \b
    Examples:
      nordefco country dk --from 2025 --to 2028
      nordefco country finland --years 20 --format json
      nordefco country norway --body nordefco --body arctic-council
    """
    today = run_today()
    first, last = resolve_window(first, years, last, today)
    bodies = load_bodies(data, body, default_all=True).bodies
    members = country_in_bodies(bodies, country)
    if not members:
        raise click.BadParameter(
            f"{country!r} is not a member of {', '.join(name for name, _ in bodies)}.",
            param_hint="'COUNTRY'",
        )
    asked = [(name, rotation) for name, rotation in bodies if name in members]
    found, empty = first_terms(asked, first, last, members)
    names = " / ".join(sorted({member.name for member in members.values()}))
    if not found:
        # That it holds none is said only of the days each record covers.
        # Bodies with the same covered days share one line.
        spans: dict[tuple[date, date] | None, list[str]] = {}
        for name, rotation in empty:
            spans.setdefault(rotation.coverage(first, last).covered, []).append(name)
        for covered, body_names in spans.items():
            echo_note(none_held_note(names, *covered, ", ".join(body_names)) if covered else
                      not_covered_note(names, first, last, ", ".join(body_names)))
    notes = coverage_notes(asked, first, last) + behind_notes(asked, first, last, today,
                                                              members)
    if not found:
        return
    fmt = fmt or default_format(sys.stdout)
    # Always with the body: the command asks across bodies, even with one --body.
    write_records(((name, *term_record(term, today))
                   for name, term in merged(found, lambda term: term.start)),
                  body_fields(TERM_FIELDS), fmt, header=not no_header,
                  title=f"Chairs held by {names} from {first.isoformat()} to {last.isoformat()}",
                  caption="\n".join(notes) or None)
