"""`nordefco chair`: who chairs on a date, or on each date of a file."""

from __future__ import annotations

import functools
import os
import sys
from contextlib import contextmanager
from datetime import date
from itertools import chain

import click

from ..cli import DateType, ExistingFile, load_bodies, output_options
from ..engine import NoChair
from ..output import (
    default_format,
    plain_line_renderer,
    plain_stdout,
    write_lines,
    write_records,
)
from ..records import CHAIR_FIELDS, chair_record, term_record


@click.command()
@click.option(
    "--date", "day", type=DateType(), metavar="DATE",
    help="The date to ask about (default: today). ISO 8601 (2026-03-01), today, "
    "'+3 days', 'next monday', or a written date such as '1 March 2026' or '1. mars 2026'.",
)
@click.option(
    "--year", type=click.IntRange(1, 9999), metavar="YEAR",
    help="The chair on the handover day of YEAR (1 January for NORDEFCO), or, if the "
    "record starts later in YEAR, the first term of YEAR.",
)
@click.option(
    "--dates-from", "dates_file", type=ExistingFile(dash_is_stdin=True), metavar="FILE",
    help="Read one date per line from FILE ('-' for standard input) and write one "
    "record per line. Blank lines and lines starting with # are skipped.",
)
@click.option(
    "--keep-going", is_flag=True,
    help="With --dates-from: report each bad line on stderr and go on (exit 1 at the end).",
)
@output_options(many_bodies=True)
def chair(day, year, dates_file, keep_going, fmt, no_header, body, data):
    """Who chairs on a date, or on each date of a file.

    \b
    Examples:
      nordefco chair
      nordefco chair --date 2026-03-01
      nordefco chair --date '1 March 2011' --format json
      nordefco chair --year 2030 --format tsv --no-header
      nordefco chair --body all
      printf '2026-03-01\\n2011-06-30\\n' | nordefco chair --dates-from - --format tsv
    """
    chosen = [name for name, value in
              (("--date", day), ("--year", year), ("--dates-from", dates_file))
              if value is not None]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} cannot be used together.")
    if keep_going and dates_file is None:
        raise click.UsageError("--keep-going goes with --dates-from.")
    bodies = load_bodies(data, body)
    fmt = fmt or default_format(sys.stdout)
    today = date.today()
    if len(bodies) > 1:
        if dates_file is not None:
            raise click.UsageError("--dates-from takes one --body.")
        _chairs_of_several(bodies, day or today, year, today, fmt, no_header)
        return
    rotation = bodies[0][1]
    if dates_file is not None:
        with _open_lines(dates_file) as source:
            _chair_batch(rotation, source, today, keep_going, fmt, no_header)
        return
    try:
        if year is not None:
            term = rotation.term_of_year(year)
            # The date asked about: the handover day, or the first day of a
            # record that starts later in the year.
            day = max(rotation.handover_in(year), term.start)
        else:
            day = day or today
            term = rotation.term_on(day)
    except NoChair as error:
        raise click.ClickException(str(error)) from None
    record = chair_record(day, term, today)
    if fmt == "table":
        from ..terminal import write_chair_answer

        before, after = rotation.term_before(term), rotation.term_after(term)
        write_chair_answer(
            record,
            term_record(before, today) if before else None,
            term_record(after, today) if after else None,
            rotation.body.short_name,
        )
    else:
        write_records([record], CHAIR_FIELDS, fmt, header=not no_header, single=True)


@contextmanager
def _open_lines(path: str):
    """(descriptor or None, read function, name) of the file, or of standard input for "-".

    Read as raw bytes in blocks (batch.read_chunks splits, decodes and bounds
    the lines): a Python text stream would hold a whole line however long,
    and wait for a full buffer before handing over what has arrived.
    """
    if path == "-":
        stdin = sys.stdin
        if stdin is None:  # started with standard input closed (<&-)
            raise click.ClickException("cannot read standard input: it is closed")
        try:
            fd = stdin.fileno()
        except (OSError, ValueError):  # not a real descriptor (a test's input)
            yield None, stdin.buffer.read1, "standard input"
            return
        yield fd, functools.partial(os.read, fd), "standard input"
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as error:
        raise click.BadParameter(f"cannot open {path!r}: {error.strerror}.",
                                 param_hint="'--dates-from'") from None
    try:
        yield fd, functools.partial(os.read, fd), repr(path)
    finally:
        os.close(fd)


# Rows per table when a batch is printed as a table: each is printed as soon
# as it is full (or the input pauses), so memory stays flat.
_TABLE_ROWS = 500


def _chair_batch(rotation, source, today, keep_going, fmt, no_header):
    from ..batch import BadLine, ReadError, line_answerer, read_chunks, record_answerer

    bad_lines = 0

    def on_bad_line(error: BadLine) -> None:
        nonlocal bad_lines
        if not keep_going:
            raise error
        bad_lines += 1
        click.echo(f"Error: {error}", err=True)

    out = sys.stdout if fmt == "table" else plain_stdout()
    pending_rows = []  # table rows not printed yet
    title = f"{rotation.body.short_name} chairs"

    def print_rows() -> None:
        nonlocal title
        if pending_rows:
            write_records(pending_rows, CHAIR_FIELDS, "table", title=title)
            pending_rows.clear()
            title = None

    def on_wait() -> None:
        # The input has nothing more for now: what is answered goes out.
        print_rows()
        out.flush()

    fd, read, name = source
    chunks = read_chunks(fd, read, name, on_bad_line, on_wait)
    try:
        if fmt in ("tsv", "csv"):
            render = plain_line_renderer(fmt, CHAIR_FIELDS)
            answer = line_answerer(rotation, today, on_bad_line, render)
            header = render(CHAIR_FIELDS) if not no_header else None
            for chunk in chunks:
                write_lines(answer(chunk), header, out)
                header = None
            if header:  # no input at all: the header still goes out
                out.write(header)
        elif fmt == "table":
            answer = record_answerer(rotation, today, on_bad_line)
            try:
                for chunk in chunks:
                    for record in answer(chunk):
                        pending_rows.append(record)
                        if len(pending_rows) == _TABLE_ROWS:
                            print_rows()
            finally:
                print_rows()
        else:
            answer = record_answerer(rotation, today, on_bad_line)
            write_records(chain.from_iterable(map(answer, chunks)), CHAIR_FIELDS, fmt,
                          header=not no_header, out=out)
    except (BadLine, ReadError) as error:
        raise click.ClickException(str(error)) from None
    if bad_lines:
        raise click.ClickException(
            f"{bad_lines} bad line{'s' if bad_lines > 1 else ''} skipped (--keep-going)"
        )


def _chairs_of_several(bodies, day, year, today, fmt, no_header):
    """Each body's chair on `day` (or on its own handover day of `year`), by date then body.

    A body with no chair says why (in its line of the table, or in a note on
    stderr); it fails the run only if no body answered.
    """
    from ..several import body_fields, body_key

    answers = []  # (day, name, rotation, record or None, why)
    for name, rotation in bodies:
        asked = rotation.handover_in(year) if year is not None else day
        try:
            if year is not None:
                term = rotation.term_of_year(year)
                asked = max(asked, term.start)  # as for one body: see chair()
            else:
                term = rotation.term_on(asked)
            answers.append((asked, name, rotation, chair_record(asked, term, today), None))
        except NoChair as error:
            answers.append((asked, name, rotation, None, error))
    answers.sort(key=lambda answer: (answer[0], body_key(answer[1])))
    when = f"the handover day of {year}" if year is not None else day.isoformat()
    if fmt == "table":
        from ..terminal import write_chair_overview

        write_chair_overview(
            [(rotation.body.short_name, record, why and rotation.no_chair_note(asked))
             for asked, _, rotation, record, why in answers],
            f"Chairs on {when}",
        )
    else:
        for _, _, _, record, why in answers:
            if record is None:
                click.echo(f"Note: {why}", err=True)
        write_records([(name, *record) for _, name, _, record, _ in answers if record],
                      body_fields(CHAIR_FIELDS), fmt, header=not no_header)
    if all(record is None for _, _, _, record, _ in answers):
        # "on record": a body may have had a chair its file does not reach back to.
        raise click.ClickException(f"no body has a chair on record for {when}")
