"""Batch lookups: one chair record per date line, streamed.

Two forms of the same answer: `chair_records` yields records for any output
format; `chair_lines` yields finished tsv or csv lines, and is the hot path
for a million dates (see benchmarks/run.py). Both take the same exact path
for anything but a canonical ISO date, so they agree on every line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta

from .dates import DateError, parse_date
from .engine import NoChair, Rotation, Term
from .records import ChairRecord, chair_record

# Years whose term texts are kept; a long input over many years clears and
# refills it, so memory stays flat however long the input is.
_YEARS_KEPT = 4096


class BadLine(Exception):
    def __init__(self, number: int, text: str, reason: str):
        super().__init__(f"line {number}: {text!r}: {reason}")


OnBadLine = Callable[[BadLine], None]


def _lookup(number: int, text: str, rotation: Rotation, today: date,
            on_bad_line: OnBadLine) -> tuple[date, Term] | None:
    """The exact path: any date form; a bad line goes to `on_bad_line`."""
    try:
        day = parse_date(text, today)
        return day, rotation.term_on(day)
    except (DateError, NoChair) as error:
        on_bad_line(BadLine(number, text, str(error)))  # raises to stop, returns to go on
        return None


def chair_records(lines: Iterable[str], rotation: Rotation, today: date,
                  on_bad_line: OnBadLine) -> Iterator[ChairRecord]:
    """A chair record per date line, in input order, one line at a time.

    Blank lines and lines starting with `#` are skipped. A line that is not a
    date, or names a date with no chair, goes to `on_bad_line`, which raises
    to stop or returns to go on.
    """
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        found = _lookup(number, text, rotation, today, on_bad_line)
        if found is not None:
            yield chair_record(*found, today)


def chair_lines(lines: Iterable[str], rotation: Rotation, today: date,
                on_bad_line: OnBadLine, render: Callable[[tuple], str]) -> Iterator[str]:
    """What chair_records yields, as lines rendered by `render` (a plain-text renderer).

    A canonical ISO date (YYYY-MM-DD, as date.fromisoformat reads it back)
    is printed as typed, followed by its term's text, rendered once per term
    and found through a per-year index. Every other line takes the exact path.
    """
    spans_by_year: dict[int, tuple] = {}
    tail_by_term: dict[Term, str] = {}
    fromisoformat = date.fromisoformat

    def tail(term: Term) -> str:
        # The line for the term's first day, less that day's 10-character date.
        text = tail_by_term.get(term)
        if text is None:
            text = tail_by_term[term] = render(chair_record(term.start, term, today))[10:]
        return text

    def spans_of(year: int) -> tuple:
        """(last day, text after the date or None for no chair), covering the year."""
        if len(spans_by_year) >= _YEARS_KEPT:
            spans_by_year.clear()
            tail_by_term.clear()
        first, last = date(year, 1, 1), date(year, 12, 31)
        terms = list(rotation.terms_between(first, last))  # contiguous, in order
        spans = [(min(term.end, last), tail(term)) for term in terms]
        # Only the year's ends can lack a chair: before the record, after the order.
        if not terms:
            spans = [(last, None)]
        elif terms[0].start > first:
            spans.insert(0, (terms[0].start - timedelta(days=1), None))
        if terms and terms[-1].end < last:
            spans.append((last, None))
        spans_by_year[year] = spans = tuple(spans)
        return spans

    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                day = fromisoformat(text)
            except ValueError:
                pass  # the exact path says what is wrong with it
            else:
                for last_day, found in spans_by_year.get(day.year) or spans_of(day.year):
                    if day <= last_day:
                        text_after = found
                        break
                if text_after is not None:
                    yield text + text_after
                    continue
        elif not text or text[0] == "#":
            continue
        found = _lookup(number, text, rotation, today, on_bad_line)
        if found is not None:
            yield render(chair_record(*found, today))
