"""`nordefco bodies`: the shipped and user bodies, with the span of their records."""

from __future__ import annotations

import sys

import click

from ...core.printable import one_line
from ...render.output import default_format, write_records
from ...render.records import BODY_FIELDS, body_record
from ..options import output_options


@click.command()
@output_options(with_data=False)
def bodies(fmt, no_header):
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
    or it is not a regular file, such as a FIFO: it is never opened).

    \b
    Examples:
      nordefco bodies
      nordefco bodies --format json
      nordefco chair --body eu-council --date 2026-08-01
    """
    from ...data.files import DataFileError, load_rotation
    from ...data.registry import find_bodies, short_name_clashes

    # Each body, its rotation (None if refused or broken), and its problem.
    listed = []
    for body in find_bodies():
        if body.refused:
            listed.append((body, None, f"refused: {body.refused}"))
            continue
        try:
            listed.append((body, load_rotation(body.path), None))
        except DataFileError as error:
            listed.append((body, None, f"broken: {error.problems[0]}"))
    loaded = [number for number, (_, rotation, _) in enumerate(listed) if rotation is not None]
    clashes = short_name_clashes([(listed[number][0], listed[number][1].body.short_name)
                                  for number in loaded])
    for place, reason in clashes.items():
        listed[loaded[place]] = (listed[loaded[place]][0], None, f"refused: {reason}")
    records = [body_record(body.name, rotation, body.origin,
                           one_line(body.path),  # as printed: $XDG_CONFIG_HOME may hold anything
                           one_line(problem) if problem else None)
               for body, rotation, problem in listed]
    write_records(records, BODY_FIELDS, fmt or default_format(sys.stdout),
                  header=not no_header, title="Bodies (--body NAME)")
