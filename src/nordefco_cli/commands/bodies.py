"""`nordefco bodies`: the shipped bodies, with the span of their records."""

from __future__ import annotations

import sys

import click

from ..cli import load, output_options
from ..output import default_format, write_records
from ..records import BODY_FIELDS, body_record


@click.command()
@output_options(with_data=False)
def bodies(fmt, no_header):
    """The shipped bodies, for --body: names, the span of their records, when last checked.

    first_recorded and last_recorded are the first and last days of the
    terms in the data file; projects says whether later terms are projected
    from a rotation order (false where no order is decided); checked is the
    day the record was last checked against its sources.

    \b
    Examples:
      nordefco bodies
      nordefco bodies --format json
      nordefco chair --body eu-council --date 2026-08-01
    """
    from ..datafile import shipped_bodies

    records = [body_record(name, load(None, name)) for name in shipped_bodies()]
    write_records(records, BODY_FIELDS, fmt or default_format(sys.stdout),
                  header=not no_header, title="Shipped bodies (--body NAME)")
