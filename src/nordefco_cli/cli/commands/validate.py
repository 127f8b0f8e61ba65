"""`nordefco validate`: check a data file and sum it up."""

from __future__ import annotations

import sys

import click

from ...core.printable import one_line
from ...render.output import default_format, write_records
from ...render.records import SUMMARY_FIELDS, summary_record
from ..clock import today as run_today
from ..loading import data_path
from ..options import ExistingFile, output_options


@click.command()
@click.argument("path", required=False, type=ExistingFile())
@output_options()
def validate(path: str | None, fmt: str | None, no_header: bool, body: str | None,
             data: str | None) -> None:
    """Check a data file (default: the one in use, or --body's) and sum it up.

    A valid file gets a one-line summary. A broken one gets every problem
    found, one per line on stderr, each naming its field, and exit status 1.
    A recorded term whose source is not an http(s) URL, or a date of last
    check after today, gets a warning on stderr (the file is still valid:
    exit status 0).

    \b
    Examples:
      nordefco validate
      nordefco validate my-body.toml
      nordefco validate --body eu-council
    """
    from ...data.files import DataFileError, load_rotation
    from ...data.validation import file_warnings

    path = path or data_path(data, body)
    shown = one_line(path)  # a control character in a file name must not reach the terminal
    try:
        rotation = load_rotation(path, use_cache=False)  # check the file itself, every time
    except DataFileError as error:
        for problem in error.problems:
            # A TOML key may hold anything.
            click.echo(one_line(f"{shown}: {problem}"), file=sys.stderr)
        count = len(error.problems)
        raise click.ClickException(
            f"{shown} is not valid: {count} problem{'s' if count > 1 else ''}"
        ) from None
    for warning in file_warnings(rotation, run_today()):
        click.echo(one_line(f"{shown}: warning: {warning}"), file=sys.stderr)
    record = summary_record(shown, rotation)
    fmt = fmt or default_format(sys.stdout)
    if fmt == "table":
        checked = (f", checked {record.checked.isoformat()}" if record.checked
                   else ", no date of last check")
        click.echo(
            f"{shown}: valid: {record.body}, {record.members} members, "
            f"{record.chairs} who chair, {record.recorded_terms} recorded terms "
            f"({record.first_recorded} to {record.last_recorded}){checked}"
        )
    else:
        write_records([record], SUMMARY_FIELDS, fmt, header=not no_header, single=True)
