"""Batch lookups: one chair record per date line, streamed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from .dates import DateError, parse_date
from .engine import NoChair, Rotation
from .records import chair_record


class BadLine(Exception):
    def __init__(self, number: int, text: str, reason: str):
        super().__init__(f"line {number}: {text!r}: {reason}")


def chair_records(
    lines: Iterable[str],
    rotation: Rotation,
    today: date,
    on_bad_line: Callable[[BadLine], None],
) -> Iterator[dict]:
    """A chair record per date line, in input order, one line at a time.

    Blank lines and lines starting with `#` are skipped. A line that is not a
    date, or names a date with no chair, goes to `on_bad_line`, which raises
    to stop or returns to go on.
    """
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            day = parse_date(text, today)
            term = rotation.term_on(day)
        except (DateError, NoChair) as error:
            on_bad_line(BadLine(number, text, str(error)))
            continue
        yield chair_record(day, term)
