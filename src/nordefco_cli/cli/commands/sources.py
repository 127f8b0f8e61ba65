"""`nordefco sources`: each body's sources, term by term, with the site each is on."""

from __future__ import annotations

import sys

import click

from ...render.output import default_format, write_records
from ...render.records import SOURCE_FIELDS, body_fields, source_record
from ..clock import today as run_today
from ..loading import load_bodies
from ..options import output_options


@click.command()
@output_options(many_bodies=True)
def sources(fmt: str | None, no_header: bool, body: tuple[str, ...], data: str | None) -> None:
    """Every term in each body's record, with its source and the site it is on.

    One record per term in the data file (recorded or announced; projected
    terms have no source), oldest first, body by body: domain is the site
    a source URL is on, without "www." (empty for a citation that is not a
    URL), so a reader sees at once which are official pages and which are
    press or copies. Every body is listed, or those given with --body
    (each record starts with its body, but for one --body).

    \b
    Examples:
      nordefco sources --body nordefco
      nordefco sources --body ncm --format json
      nordefco sources | cut -f1,2,8 | sort -u -k3
    """
    today = run_today()
    asked = load_bodies(data, body, default_all=True)
    # One body asked for by --body: its name would be the same on every row.
    several = asked.several or not body
    write_records(((name, *source_record(term, today))
                   for name, rotation in asked.bodies for term in rotation.history),
                  body_fields(SOURCE_FIELDS), fmt or default_format(sys.stdout),
                  header=not no_header, with_body=several,
                  title="Sources of the record, term by term")
