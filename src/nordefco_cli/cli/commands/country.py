"""`nordefco country`: every term a country holds, across bodies, in a window of dates."""

from __future__ import annotations

import sys
from datetime import date

import click

from ...core.several import find_in_bodies, first_terms, merged
from ...render.output import default_format, write_records
from ...render.records import TERM_FIELDS, body_fields, term_record
from ..clock import today as run_today
from ..loading import load_bodies
from ..options import member_code_completer, output_options, resolve_window, window_options


@click.command()
@click.argument("country", shell_complete=member_code_completer(default_all=True))
@window_options
@output_options(many_bodies=True)
def country(country: str, first: date | None, years: int | None, last: date | None,
            fmt: str | None, no_header: bool, body: tuple[str, ...], data: str | None) -> None:
    """Every term COUNTRY holds in each body, in a window of dates.

    COUNTRY is matched in each body's own members as 'next' matches it: a
    code or a name, English or native, in any letter case, accents or not.
    Every body is asked (or those given with --body); each record starts
    with the body.
    The window is as for 'schedule': from --from (default today) for --years
    (default 10), or to --to. Nothing in the window is not an error: a note
    says so.

    \b
    Examples:
      nordefco country dk --from 2025 --to 2028
      nordefco country finland --years 20 --format json
      nordefco country norway --body nordefco --body arctic-council
    """
    today = run_today()
    first, last = resolve_window(first, years, last, today)
    bodies = load_bodies(data, body, default_all=True).bodies
    members = find_in_bodies(bodies, country)
    if not members:
        raise click.BadParameter(
            f"{country!r} is not a member of {', '.join(name for name, _ in bodies)}.",
            param_hint="'COUNTRY'",
        )
    found, _ = first_terms(bodies, first, last, members)
    names = " / ".join(sorted({member.name for member in members.values()}))
    if not found:
        click.echo(f"Note: {names} holds no chair from {first.isoformat()} to "
                   f"{last.isoformat()} in {', '.join(members)}.", file=sys.stderr)
        return
    fmt = fmt or default_format(sys.stdout)
    # Always with the body: the command asks across bodies, even with one --body.
    write_records(((name, *term_record(term, today))
                   for name, term in merged(found, lambda term: term.start)),
                  body_fields(TERM_FIELDS), fmt, header=not no_header,
                  title=f"Chairs held by {names} from {first.isoformat()} to {last.isoformat()}")
