"""`nordefco chair`: who chairs on a date, or on each date of a file."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import chain
from typing import Any, NamedTuple

import click

from ...core.model import Term
from ...core.rotation import Gap, NoChair, Rotation
from ...core.several import body_key
from ...render.output import (
    default_format,
    plain_line_renderer,
    plain_stdout,
    write_lines,
    write_records,
)
from ...render.records import CHAIR_FIELDS, ChairRecord, body_fields, chair_record, term_record
from ...render.words import no_chair_message, no_chair_note, overdue_status
from ..clock import today as run_today
from ..loading import load_bodies
from ..options import DateType, ExistingFile, output_options


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
def chair(day: date | None, year: int | None, dates_file: str | None, keep_going: bool,
          fmt: str | None, no_header: bool, body: tuple[str, ...], data: str | None) -> None:
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
    asked = load_bodies(data, body)
    fmt = fmt or default_format(sys.stdout)
    today = run_today()
    if dates_file is not None:
        if asked.several:
            raise click.UsageError("--dates-from takes one --body.")
        with _open_lines(dates_file) as source:
            _chair_batch(asked.bodies[0][1], source, today, keep_going, fmt, no_header)
        return
    answers = sorted((_answer(name, rotation, day or today, year)
                      for name, rotation in asked.bodies),
                     key=lambda answer: (answer.day, body_key(answer.name)))
    when = f"the handover day of {year}" if year is not None else (day or today).isoformat()
    answered = [answer for answer in answers if answer.term is not None]
    if not answered and not asked.several:
        gap = answers[0].gap
        assert gap is not None
        raise click.ClickException(no_chair_message(gap, answers[0].day))
    if fmt == "table":
        from ...render.table import write_chair_answer, write_chair_overview

        if asked.several:
            write_chair_overview(
                [(answer.rotation.body.short_name,
                  answer.term and term_record(answer.term, today),
                  answer.gap and no_chair_note(answer.gap), _overdue(answer, today))
                 for answer in answers],
                f"Chairs on {when}")
        else:
            [answer] = answered
            rotation, term = answer.rotation, answer.term
            assert term is not None
            before, after = rotation.term_before(term), rotation.term_after(term)
            write_chair_answer(answer.day, term_record(term, today),
                               before and term_record(before, today),
                               after and term_record(after, today), rotation.body.short_name,
                               _overdue(answered[0], today))
    else:
        for answer in answers:
            if answer.gap is not None:
                click.echo(f"Note: {no_chair_message(answer.gap, answer.day)}", file=sys.stderr)
            elif (overdue := _overdue(answer, today)) is not None:
                from ..notes import echo_note

                echo_note(f"{answer.rotation.body.short_name}: {overdue}")
        write_records([(answer.name, *chair_record(answer.day, answer.term, today))
                       for answer in answered if answer.term is not None],
                      body_fields(CHAIR_FIELDS), fmt, header=not no_header,
                      single=not asked.several, with_body=asked.several)
    if not answered:
        # "on record": a body may have had a chair its file does not reach back to.
        raise click.ClickException(f"no body has a chair on record for {when}")


class _Answer(NamedTuple):
    """One body's answer: the day asked about, and the term in force or why there is none."""

    day: date
    name: str
    rotation: Rotation
    term: Term | None
    gap: Gap | None


def _overdue(answer: _Answer, today: date) -> str | None:
    """The words for a projected term that has begun by `today` (the record is behind)."""
    term = answer.term
    if term is None or not term.projected or term.start > today:
        return None
    return overdue_status(term.start, answer.rotation.body.checked)


def _answer(name: str, rotation: Rotation, day: date, year: int | None) -> _Answer:
    """The term on `day`, or with `year` on that year's day (see Rotation.year_answer)."""
    if year is not None:
        day = rotation.rule.handover_in(year)
    try:
        if year is not None:
            day, term = rotation.year_answer(year)
        else:
            term = rotation.term_on(day)
    except NoChair as error:
        return _Answer(day, name, rotation, None, error.gap)
    return _Answer(day, name, rotation, term, None)


# What _open_lines gives: the descriptor (None if not a real one), its read function
# and its name for messages.
_Source = tuple[int | None, Callable[[int], bytes], str]


@contextmanager
def _open_lines(path: str) -> Iterator[_Source]:
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
            yield None, stdin.buffer.read1, "standard input"  # type: ignore[union-attr]
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


def _chair_batch(rotation: Rotation, source: _Source, today: date, keep_going: bool, fmt: str,
                 no_header: bool) -> None:
    from ..batch import BadLine, ReadError, line_answerer, read_chunks, record_answerer

    bad_lines = 0

    def on_bad_line(error: BadLine) -> None:
        nonlocal bad_lines
        if not keep_going:
            raise error
        bad_lines += 1
        click.echo(f"Error: {error}", file=sys.stderr)

    out = sys.stdout if fmt == "table" else plain_stdout()
    pending_rows: list[ChairRecord] = []  # table rows not printed yet
    title: str | None = f"{rotation.body.short_name} chairs"

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
            answer: Callable[[Iterable[str]], Iterator[Any]] = line_answerer(
                rotation, today, on_bad_line, render)
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
