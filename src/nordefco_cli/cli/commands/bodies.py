"""`nordefco bodies`: the shipped and user bodies, with the span of their records."""

from __future__ import annotations

import sys

import click

from ...core.printable import one_line
from ...render.output import default_format, write_records
from ...render.records import BODY_FIELDS, body_record
from ..clock import today as run_today
from ..options import output_options


@click.command()
@output_options(with_data=False)
def bodies(fmt: str | None, no_header: bool) -> None:
    """The bodies --body takes: names, span of records, when checked, where from.

    first_recorded and last_recorded are the first and last days of the
    terms in the data file; projects says whether later terms are projected
    from a rotation order (false where no order is decided); checked is the
    day the record was last checked against its sources. origin is
    "shipped" or "user" (a file NAME.toml in $XDG_CONFIG_HOME/nordefco/bodies, default
    ~/.config/nordefco/bodies), path its file. problem says why a user file
    cannot be used: "broken" (see 'nordefco validate PATH') or "refused" (it
    takes a shipped body's name, or its name has a character that cannot be
    printed: it is shown escaped, as \\x1b; or a character other than ASCII
    letters, digits, "-", "_" and "."; or its short name is another body's;
    or it is not a regular file, such as a FIFO: it is never opened). behind
    is the first day of a projected term that has begun by today: the record
    does not confirm it (empty if the record is not behind).

    \b
    Examples:
      nordefco bodies
      nordefco bodies --format json
      nordefco chair --body eu-council --date 2026-08-01
    """
    from ...data.registry import body_states

    today = run_today()
    records = []
    for state in body_states():
        body = state.file
        path = one_line(body.path)  # as printed; $XDG_CONFIG_HOME may hold anything
        records.append(body_record(body.name, state.rotation, body.origin, path,
                                   state.problem and one_line(state.problem), today=today))
    write_records(records, BODY_FIELDS, fmt or default_format(sys.stdout),
                  header=not no_header, title="Bodies (--body NAME)")
