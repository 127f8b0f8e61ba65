"""The timeline picture: one row of labelled bars per body, laid out in character cells.

`layout` takes terms, dates and a width and returns lines of (text, kind)
segments, measured in terminal cells (a CJK character takes two); `draw`
gives each kind a style and prints the picture with Rich. Nothing is
cut to fit: each term whole in the window gets at least room for its code,
each term partly in it at least one cell, and when the width is too small
for that the window is drawn in several blocks one under the other (each a
slice of the window at a finer scale). A narrow width puts each body's name
on its own line above its bar.

A body whose terms are narrower than a cell (a monthly presidency over
ten years at 80 columns), and would need many more blocks than the
others, is drawn as a band instead: a fill of
its own that says "many short terms here", with each cell filled by the
status of the term at its middle, and a caption beneath the picture
saying so (see band_rows); the other bodies keep their bars and set the
number of blocks.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import NamedTuple

from rich.cells import cell_len

from ..core.model import STATUSES

# The characters a picture is drawn with, for a Unicode or an ASCII stream.
# Statuses differ by fill, not by colour alone: a solid line is recorded, a
# thin one announced (in the data file, not begun), a dashed one projected.
# A band (many short terms) has a fill of its own for each status too.
UNICODE = {"start": "│", "recorded": "━", "announced": "─", "projected": "┄", "today": "▼",
           "band-recorded": "▓", "band-announced": "▒", "band-projected": "░"}
ASCII = {"start": "|", "recorded": "=", "announced": "-", "projected": ".", "today": "v",
         "band-recorded": "#", "band-announced": "+", "band-projected": ":"}

MIN_BAR = 24  # columns: below this beside the names, names go above the bars
MAX_BLOCKS = 40  # beyond this the picture would not help anyone
BAND_FACTOR = 2  # see band_rows
DAYS_PER_MONTH = 365.25 / 12  # a term of N months is about N * this days long

# Reader-visible words of the picture.
# Beside a band's fill in the legend: "▓▓ many short terms, recorded".
BAND_LEGEND = "many short terms"
# The caption beneath the picture for a body drawn as a band.
BAND_CAPTION = ("{body}: {terms}, too short to label at this width; "
                "see nordefco schedule {selector}")
_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve")


def term_words(months: int) -> str:
    """How a band's caption names a body's terms: "one-month terms", "six-month terms"."""
    number = _NUMBERS[months - 1] if 1 <= months <= len(_NUMBERS) else str(months)
    return f"{number}-month terms"


def band_caption(row: Row) -> str:
    """The caption beneath the picture for `row` drawn as a band."""
    return BAND_CAPTION.format(body=row.label, terms=term_words(row.short_months),
                               selector=row.selector or "--body NAME")


class Bar(NamedTuple):
    start: date
    end: date  # inclusive
    code: str
    name: str
    status: str


class Row(NamedTuple):
    label: str
    bars: list[Bar]  # in order; empty when the body has none in the window
    note: str = ""  # why there are none
    # Written where the row has no bar, when its window passes outside the
    # record (words.OUTSIDE_MARK); "" when it does not.
    outside: str = ""
    # The body's term, in months, when shorter than a year (0: a year or more,
    # or not known): only such a row may be drawn as a band (see band_rows).
    short_months: int = 0
    # What 'nordefco schedule' is given to list the row's terms ("--body NAME"),
    # for the caption beneath a band.
    selector: str = ""


class TooNarrow(ValueError):
    """The window has too many terms to draw at `width` (as given to `layout`), even in
    MAX_BLOCKS blocks."""

    def __init__(self, width: int):
        super().__init__(f"too many terms to draw in {width} columns")
        self.width = width


def _columns(first: date, days: int, width: int, day: date) -> int:
    """The column where `day` starts, in a block of `days` days from `first`, `width` wide.

    Rounded to the nearest column, so no term loses more than half a cell at either end.
    """
    return ((day.toordinal() - first.toordinal()) * width * 2 + days) // (days * 2)


def _inner_column(first: date, days: int, width: int, day: date) -> int:
    """The column where `day`, strictly inside the block, starts: kept off the block's edges.

    A term that crosses an edge keeps cells in the block however little of it
    is inside: one at the left (its fill), two at the right (its start mark
    and a fill); the terms next to it give up those columns.
    """
    return max(1, min(_columns(first, days, width, day), width - 2))


def _piece(bar: Bar, first: date, last: date, width: int) -> tuple[int, int]:
    """The columns [begin, end) of `bar` in a block of `width` columns, first..last."""
    days = last.toordinal() - first.toordinal() + 1
    begin = 0 if bar.start <= first else _inner_column(first, days, width, bar.start)
    end = width if bar.end >= last else _inner_column(
        first, days, width, date.fromordinal(bar.end.toordinal() + 1))
    return begin, end


def _fits(rows: list[Row], slices: list[tuple[date, date]], width: int) -> bool:
    """Whether every term in the window is drawn: one whole in it with room for its code
    in one of its pieces, one partly in it with at least one cell beside its start mark."""
    window_first, window_last = slices[0][0], slices[-1][1]
    for row in rows:
        for bar in row.bars:
            if bar.end < window_first or bar.start > window_last:
                continue
            whole = window_first <= bar.start and bar.end <= window_last
            room = 0
            for first, last in slices:
                if bar.end >= first and bar.start <= last:
                    begin, end = _piece(bar, first, last, width)
                    room = max(room, end - begin - (bar.start >= first))
            if room < (cell_len(bar.code) if whole else 1):
                return False
    return True


def blocks_needed(rows: list[Row], first: date, last: date, width: int) -> int:
    """How many blocks (equal slices of the window) the picture needs at `width`.

    Returns 0 if more than MAX_BLOCKS would be needed.
    """
    total = last.toordinal() - first.toordinal() + 1
    for count in range(1, MAX_BLOCKS + 1):
        if _fits(rows, _slices(first, total, count), width):
            return count
    return 0


def _slices(first: date, total: int, count: int) -> list[tuple[date, date]]:
    base = first.toordinal()
    edges = [base + total * index // count for index in range(count + 1)]
    return [(date.fromordinal(a), date.fromordinal(b - 1))
            for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _blank(cells: int, outside: str) -> tuple[str, str]:
    """`cells` empty columns, with the outside-the-record mark in them if it fits."""
    if outside and cell_len(outside) + 2 <= cells:
        return (f" {outside}" + " " * (cells - cell_len(outside) - 1), "note")
    return (" " * cells, "empty")


def _bar_cells(bars: list[Bar], first: date, last: date, width: int, chars: dict[str, str],
               outside: str = "") -> list[tuple[str, str]]:
    """The segments of one bar row of `width` columns for the block first..last.

    Where no bar is, `outside` (if given) says the record does not cover it.
    """
    segments, column = [], 0
    for bar in bars:
        if bar.end < first or bar.start > last:
            continue
        begin, end = _piece(bar, first, last, width)
        if end <= begin:
            continue
        if begin > column:
            segments.append(_blank(begin - column, outside) if column == 0 else
                            (" " * (begin - column), "empty"))
        kind = bar.status if bar.status in STATUSES else "projected"  # never pass for fact
        fill = chars[kind]
        mark = chars["start"] if bar.start >= first else ""
        room = end - begin - len(mark)
        label = (bar.name if cell_len(bar.name) < room
                 else bar.code if cell_len(bar.code) <= room else "")
        if mark:
            segments.append((mark, "start"))
        segments.append((label, f"{kind}-label"))
        segments.append((fill * (room - cell_len(label)), kind))
        column = end
    if column == 0:
        return [(outside or "no chair known", "note")]
    if column < width:
        segments.append(_blank(width - column, outside))
    return [segment for segment in segments if segment[0]]


def _axis(first: date, last: date, width: int) -> list[tuple[str, str]]:
    """A line of year numbers, each at the column of its 1 January, as many as fit apart."""
    days = last.toordinal() - first.toordinal() + 1
    years = range(first.year + (first > date(first.year, 1, 1)), last.year + 1)
    columns_per_year = width * 365.25 / days
    # Years six columns apart, at most; a window too long even for every
    # 10000th year (a few columns) shows the years that fit.
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                 if s * columns_per_year >= 6), 10000)
    text = [" "] * width
    end = 0
    for year in years:
        if year % step:
            continue
        column = _columns(first, days, width, date(year, 1, 1))
        label = str(year)
        if column >= end and column + len(label) <= width:
            text[column:column + len(label)] = label
            end = column + len(label) + 1
    return [("".join(text), "axis")]


def _today_line(first: date, last: date, width: int, today: date,
                chars: dict[str, str]) -> list[list[tuple[str, str]]]:
    """The lines that mark today: the marker at today's column, its label beside it
    (right, else left), or beneath it, broken between words, when neither side has room."""
    days = last.toordinal() - first.toordinal() + 1
    column = min(_columns(first, days, width, today), width - 1)
    words = f"today {today.isoformat()}"
    if column + 2 + len(words) <= width:
        return [[(" " * column, "empty"), (f"{chars['today']} {words}", "today")]]
    if column >= len(words) + 1:
        return [[(" " * (column - len(words) - 1), "empty"),
                 (f"{words} {chars['today']}", "today")]]
    lines = [[(" " * column, "empty"), (chars["today"], "today")]]
    for part in _broken(words, width):
        lines.append([(" " * min(column, width - len(part)), "empty"), (part, "today")])
    return lines


def _broken(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words, a longer
    word in pieces: nothing is cut."""
    lines: list[str] = []
    for word in text.split():
        pieces = [word[i:i + width] for i in range(0, len(word), width)]
        if lines and len(lines[-1]) + 1 + len(pieces[0]) <= width:
            lines[-1] += " " + pieces.pop(0)
        lines.extend(pieces)
    return lines


def _widths(rows: list[Row], width: int) -> tuple[int, bool, int]:
    """The width of the names' column, whether names go above the bars, and the bars' width."""
    label_width = max(cell_len(row.label) for row in rows) + 2
    stacked = width - label_width < MIN_BAR
    return label_width, stacked, width if stacked else width - label_width


def band_rows(rows: list[Row], first: date, last: date, width: int) -> set[int]:
    """The indexes of the rows drawn as a band at `width` (the whole picture's).

    A row of terms shorter than a year (short_months) is a band where its
    term is narrower than a cell and labelling its terms would take more
    than BAND_FACTOR times the blocks the rows of longer terms need (or more
    than MAX_BLOCKS): the picture would grow that much for it alone. Terms of a year or more are
    never a band: blocks show them.
    """
    bar_width = _widths(rows, width)[2]
    days_per_cell = (last.toordinal() - first.toordinal() + 1) / bar_width
    base = blocks_needed([row for row in rows if not 0 < row.short_months < 12],
                         first, last, bar_width)
    banded = set()
    for index, row in enumerate(rows):
        if (row.bars and 0 < row.short_months < 12
                and row.short_months * DAYS_PER_MONTH < days_per_cell):
            needed = blocks_needed([row], first, last, bar_width)
            if not needed or (base and needed > BAND_FACTOR * base):
                banded.add(index)
    return banded


def _band_cells(bars: list[Bar], first: date, last: date, width: int, chars: dict[str, str],
                outside: str = "") -> list[tuple[str, str]]:
    """The segments of one band row of `width` columns for the block first..last: each
    cell filled by the status of the term at its middle day (blank where none is)."""
    from bisect import bisect_right

    base = first.toordinal()
    days = last.toordinal() - base + 1
    starts = [bar.start.toordinal() for bar in bars]
    kinds: list[str] = []
    for column in range(width):
        middle = base + (2 * column + 1) * days // (2 * width)
        at = bisect_right(starts, middle) - 1
        bar = bars[at] if at >= 0 and bars[at].end.toordinal() >= middle else None
        if bar is None:
            kinds.append("")
        else:
            status = bar.status if bar.status in STATUSES else "projected"  # never pass for fact
            kinds.append(f"band-{status}")
    if not any(kinds):
        return [(outside or "no chair known", "note")]
    segments: list[tuple[str, str]] = []
    column = 0
    while column < width:
        kind = kinds[column]
        end = column
        while end < width and kinds[end] == kind:
            end += 1
        if kind:
            segments.append((chars[kind] * (end - column), kind))
        else:  # before the first term or after the last, the mark, as _bar_cells puts it
            segments.append(_blank(end - column, outside) if column == 0 or end == width else
                            (" " * (end - column), "empty"))
        column = end
    return segments


def layout(rows: list[Row], first: date, last: date, today: date, width: int,
           chars: dict[str, str] = UNICODE) -> list[list[list[tuple[str, str]]]]:
    """The picture as blocks of lines of (text, kind) segments, each line at most `width` wide.

    Kinds: label, axis, today, start, empty, note, and for a term its
    status (one of STATUSES) and that status + "-label"; in a band (see
    band_rows), "band-" + the status.
    Raises TooNarrow if no number of blocks up to MAX_BLOCKS fits.
    """
    label_width, stacked, bar_width = _widths(rows, width)
    banded = band_rows(rows, first, last, width)
    count = blocks_needed([row for index, row in enumerate(rows) if index not in banded],
                          first, last, bar_width)
    if not count:
        raise TooNarrow(width)  # the whole width, not the bars' share: the one the caller knows
    total = last.toordinal() - first.toordinal() + 1
    pad = [] if stacked else [(" " * label_width, "empty")]
    blocks = []
    for block_first, block_last in _slices(first, total, count):
        lines = [pad + _axis(block_first, block_last, bar_width)]
        if block_first <= today <= block_last:
            lines.extend(pad + line
                         for line in _today_line(block_first, block_last, bar_width, today, chars))
        for index, row in enumerate(rows):
            if stacked:
                lines.append([(row.label, "label")])
            head = [] if stacked else [
                (row.label + " " * (label_width - cell_len(row.label)), "label")]
            if index in banded:
                lines.append(head + _band_cells(row.bars, block_first, block_last, bar_width,
                                                chars, row.outside))
            elif row.bars:
                lines.append(head + _bar_cells(row.bars, block_first, block_last, bar_width,
                                               chars, row.outside))
            else:
                lines.append(head + [(row.note, "note")])
        blocks.append(lines)
    return blocks


# Styles of the picture's kinds (see layout); meaning never rides on them
# alone: the fill characters differ too.
_STYLES = {
    "label": "bold", "axis": "dim", "today": "bold red", "start": "",
    "recorded": "green", "recorded-label": "bold green",
    "announced": "cyan", "announced-label": "bold cyan",
    "projected": "yellow", "projected-label": "italic yellow", "note": "dim",
    "band-recorded": "green", "band-announced": "cyan", "band-projected": "yellow",
}
SVG_WIDTH = 120  # columns of an SVG picture: a slide's width, whatever the terminal


class PictureTooNarrow(ValueError):
    """The picture cannot be drawn at the width it has; the message says what to do."""


def draw(rows: list[Row], first: date, last: date, today: date, notes: list[str], *,
         svg: bool) -> None:
    """Print the timeline of `rows` for first..last, with today marked and `notes` beneath.

    On the terminal (standard output), or with `svg` as an SVG image of
    SVG_WIDTH columns, written as UTF-8 bytes. Raises PictureTooNarrow.
    """
    from rich.text import Text

    from .table import make_console

    if svg:
        import io

        console = make_console(record=True, width=SVG_WIDTH, file=io.StringIO(),
                               force_terminal=True, color_system="truecolor")
    else:
        console = make_console()
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    chars = UNICODE if svg or encoding in ("utf8", "utf16", "utf32") else ASCII
    try:
        # In an SVG a band is its terms' rects (see _band_rects), on blank cells.
        blocks = layout(rows, first, last, today, console.width,
                        {**chars, **{f"band-{status}": " " for status in STATUSES}} if svg
                        else chars)
    except TooNarrow as error:
        where, remedy = ((f"an SVG picture ({error.width} columns)", "") if svg else
                         (f"a terminal {error.width} columns wide", ", widen the terminal"))
        raise PictureTooNarrow(
            f"the window has too many terms to draw in {where}, even in {MAX_BLOCKS} blocks; "
            f"give a shorter window (--years, --to){remedy}, or list the terms with "
            "--format tsv") from None
    banded = band_rows(rows, first, last, console.width)
    statuses = {bar.status for index, row in enumerate(rows) if index not in banded
                for bar in row.bars}
    band_statuses = {bar.status if bar.status in STATUSES else "projected"
                     for index in banded for bar in rows[index].bars}
    console.print(Text(f"Chairs from {first.isoformat()} to {last.isoformat()}", style="bold"))
    for number, lines in enumerate(blocks):
        if number:
            console.print()
        for line in lines:
            console.print(Text.assemble(*((text, _STYLES.get(kind, "")) for text, kind in line)),
                          no_wrap=False)
    legend = [(f"{chars['start']} a term starts", "")] if statuses else []
    legend += [(f"{chars[status] * 2} {status}", _STYLES[status]) for status in STATUSES
               if status in statuses]
    legend += [(f"{chars['band-' + status] * 2} {BAND_LEGEND}, {status}",
                _STYLES["band-" + status]) for status in STATUSES if status in band_statuses]
    if first <= today <= last:
        legend.append((f"{chars['today']} today", _STYLES["today"]))
    console.print()
    # The legend wraps between its entries, never inside one.
    entries = Text()
    for text, style in legend:
        if entries and entries.cell_len + 3 + cell_len(text) > console.width:
            console.print(entries)
            entries = Text()
        entries.append_text(Text(("   " if entries else "") + text, style=style))
    console.print(entries)
    captions = [band_caption(rows[index]) for index in sorted(banded)]
    for note in captions + notes:
        console.print(Text(note, style=_STYLES["note"]))
    if svg:  # an XML file: UTF-8 bytes, whatever the locale
        sys.stdout.flush()
        image = console.export_svg(title="nordefco timeline", unique_id=_SVG_ID)
        matrix = f'<g class="{_SVG_ID}-matrix">'
        image = image.replace(matrix, _band_rects(rows, first, last, console.width, blocks)
                              + matrix, 1)
        sys.stdout.buffer.write(image.encode("utf-8"))


_SVG_ID = "nordefco-timeline"
# Rich's SVG cell, in its units (Console.export_svg: 20 high, 0.61 wide, lines 1.22 apart).
_CELL_WIDTH, _LINE_HEIGHT = 20 * 0.61, 20 * 1.22
_SVG_FILLS = {"recorded": "#4caf50", "announced": "#26c6da", "projected": "#fdd835"}


def _band_rects(rows: list[Row], first: date, last: date, width: int,
                blocks: list[list[list[tuple[str, str]]]]) -> str:
    """The SVG rects of the terms of the rows drawn as a band: one thin rect per term
    (a gap between neighbours), each with a <title>: the holder, its dates and status."""
    from xml.sax.saxutils import escape

    banded = sorted(band_rows(rows, first, last, width))
    label_width, stacked, bar_width = _widths(rows, width)
    left = 0 if stacked else label_width
    total = last.toordinal() - first.toordinal() + 1
    rects = []
    line_number = 1  # below the title
    for number, ((block_first, block_last), lines) in enumerate(
            zip(_slices(first, total, len(blocks)), blocks, strict=True)):
        line_number += bool(number)  # the blank line between blocks
        band_lines = [index for index, line in enumerate(lines)
                      if any(kind.startswith("band-") for _text, kind in line)]
        base = block_first.toordinal()
        days = block_last.toordinal() - base + 1
        scale = bar_width * _CELL_WIDTH / days
        for row_index, line_index in zip(banded, band_lines, strict=False):
            y = (line_number + line_index) * _LINE_HEIGHT + 4
            for bar in rows[row_index].bars:
                begin = max(bar.start.toordinal(), base) - base
                end = min(bar.end.toordinal(), block_last.toordinal()) + 1 - base
                if end <= begin:
                    continue
                status = bar.status if bar.status in STATUSES else "projected"
                x = left * _CELL_WIDTH + begin * scale
                title = escape(f"{bar.name} ({bar.code}), {bar.start.isoformat()} to "
                               f"{bar.end.isoformat()}, {status}")
                rect_width = max((end - begin) * scale - 1, 0.5)  # a gap to the next
                rects.append(
                    f'<rect x="{x:.2f}" y="{y:.2f}" width="{rect_width:.2f}" '
                    f'height="{_LINE_HEIGHT - 8:.2f}" fill="{_SVG_FILLS[status]}">'
                    f"<title>{title}</title></rect>")
        line_number += len(lines)
    return f'<g class="{_SVG_ID}-bands">{"".join(rects)}</g>' if rects else ""
