"""The terminal view: records as a Rich table, and the `chair` answer, true at any width.

Imported only for `--format table` (it imports Rich). No value is ever cut:
Rich squeezes a table that does not fit, folding dates and shrinking columns
to nothing, so the table is measured first and, if it cannot fit at the
widths its values need, printed another way. In order of preference:

1. a table with each URL source as its site's name and a number (the name a
   terminal hyperlink), and the full URLs listed once beneath, numbered;
2. the same table with only the numbers in the source and note columns, the
   full texts listed beneath; then that table with one space between columns;
3. one block per record, `field: value` pairs packed into lines.

URLs are printed as whole lines that the terminal wraps itself (soft wrap),
so they can be clicked and copied whole; other text wraps between words.
A status other than "recorded" is a marker and its word ("~ projected"),
explained beneath, so it survives NO_COLOR and TERM=dumb.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..core.model import TermRecord
from .output import plain_text as _plain  # the plain text of a value, as tsv writes it
from .records import source_domain
from .words import CHAIR_VERBS, STATUS_MEANINGS

if TYPE_CHECKING:  # Rich is imported where a table is drawn, not before
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

    # A rendered piece of a line: (width in cells, its styled segments).
    _Piece = tuple[int, tuple[Segment, ...]]

# Colour helps the eye; the marker and the word carry the meaning.
_STATUS_STYLES = {"recorded": "green", "announced": "cyan", "projected": "yellow"}
_STATUS_MARKS = {"announced": "*", "projected": "~"}
# Values that may wrap, between words only; every other value keeps one line.
_FREE_TEXT_FIELDS = frozenset({"country", "native_name", "from_country", "to_country", "name",
                               "short_name", "note", "problem"})
# Long texts that a table shows as numbered references, listed in full beneath it.
_REFERENCE_FIELDS = frozenset({"source", "note", "path", "file"})
# The tables tried, in turn, before one block per record: (numbers only in
# the reference columns, spaces between columns).
_TABLE_LAYOUTS = ((False, 2), (True, 2), (True, 1))
_STAND_IN_ERRORS = "nordefco.stand-in"
_UNBOUNDED = 1 << 20  # columns: a cell rendered on its own, never cropped
# Table rows printed at a time: the output streams, and no Rich layout spans the table.
_BLOCK_ROWS = 256
_MAX_PAIRS = 4096  # distinct `field: value` pairs kept at once in the block layout
# The widest terminal a table or picture is laid out for, in columns (COLUMNS above it is
# taken as this); a terminal needs a small font on a wall of screens to be wider.
MAX_WIDTH = 1000


def _is_status(field: str) -> bool:
    return field == "status" or field.endswith("_status")


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def _site(url: str) -> str:
    """The host of a URL without "www.": a short label that names where it leads."""
    return source_domain(url) or url


def _stand_in_for(encoding: str) -> Callable[[UnicodeEncodeError], tuple[str, int]]:
    """The error handler of a stream in `encoding`: a character the encoding lacks becomes
    its base letter (Í: I) or "?", as many cells wide as the character (a column
    was measured with it): 中 is "??", a combining mark nothing. The stream's
    encoding is the one tested, not the error's: a code page's codec (cp437,
    koi8-r, ...) calls itself "charmap"."""

    def stand_in(error: UnicodeEncodeError) -> tuple[str, int]:
        import unicodedata

        from rich.cells import cell_len

        stand_ins = []
        for char in error.object[error.start:error.end]:
            width = cell_len(char)
            base = "".join(part for part in unicodedata.normalize("NFKD", char)
                           if _encodable(part, encoding))
            if cell_len(base) > width:  # never wider than the character
                base = ""
            stand_ins.append(base + (" " if base else "?") * (width - cell_len(base)))
        return "".join(stand_ins), error.end

    return stand_in


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def make_console(**options: Any) -> Console:
    """A Rich console for this run, on a stdout that cannot crash on a character.

    Built per call, after options are parsed, so colour and width follow the
    stream and environment (NO_COLOR, FORCE_COLOR, COLUMNS, TERM) of this run.
    On a terminal whose encoding is not UTF-8 (ASCII, Latin-1, ...), Rich
    draws an ASCII box and unencodable characters get a stand-in instead of
    raising. `options` go to Rich's Console as they are (file, width,
    record, ... for a picture recorded off screen); a width given is kept.
    """
    from rich.console import Console

    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    name = codecs.lookup(encoding).name
    if name != "utf-8" and hasattr(stream, "reconfigure"):
        handler = f"{_STAND_IN_ERRORS}.{name}"  # one per encoding: it tests against it
        # typeshed wants a handler of any UnicodeError; this one is only for encoding.
        codecs.register_error(handler, _stand_in_for(name))  # type: ignore[arg-type]
        stream.reconfigure(errors=handler)
    console = Console(markup=False, emoji=False, highlight=False, **options)
    if "width" not in options:
        import shutil

        if console.is_dumb_terminal or console.width < 1:
            # Rich takes every dumb terminal (an editor's shell) to be 80
            # columns wide, and COLUMNS=0 (or less) to be a width of nothing:
            # ask the terminal, as the shell does (80 if there is none).
            console.size = shutil.get_terminal_size()
        # No terminal is wider than MAX_WIDTH; a larger COLUMNS would only cost
        # time and memory (the timeline lays out every column).
        console.width = max(1, min(console.width, MAX_WIDTH))
    return console


def _status_text(value: str) -> Text:
    from rich.text import Text

    mark = _STATUS_MARKS.get(value)
    return Text(f"{mark} {value}" if mark else value, style=_STATUS_STYLES.get(value, ""))


def _link_text(text: str) -> Text:
    """`text`, as a terminal hyperlink (OSC 8) to itself if it is a URL."""
    from rich.style import Style
    from rich.text import Text

    return Text(text, style=Style(link=text) if _is_url(text) else "")


def _letters(number: int) -> str:
    """1: "a", 26: "z", 27: "aa": a note's marker, never mistaken for a source's number."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class _References:
    """Long texts listed beneath a table, each once, in order of first use.

    Sources (and paths) are numbered, [1]; notes are lettered, (a), so a
    reader tells at once a page to follow from a word of the data file's.
    """

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.notes: dict[str, int] = {}

    def number(self, text: str) -> int:
        return self.numbers.setdefault(text, len(self.numbers) + 1)

    def marker(self, field: str, text: str) -> str:
        """The marker of `text` in `field`: "[1]" for a source, "(a)" for a note."""
        if field == "note":
            return f"({_letters(self.notes.setdefault(text, len(self.notes) + 1))})"
        return f"[{self.number(text)}]"

    def print(self, console: Console) -> None:
        from rich.text import Text

        for text, number in self.numbers.items():
            # A URL or a path is a whole line the terminal wraps, so it stays
            # one word to copy and click; other text wraps between words.
            console.print(Text.assemble(f"[{number}] ", _link_text(text)),
                          soft_wrap=_is_url(text) or " " not in text)
        for text, number in self.notes.items():
            console.print(Text(f"({_letters(number)}) {text}"))


def _cell(field: str, value: Any, references: _References, numbers_only: bool) -> Text:
    from rich.style import Style
    from rich.text import Text

    if value is None or value == "":
        return Text("")
    if _is_status(field):
        return _status_text(value)
    if field in _REFERENCE_FIELDS and (numbers_only or _is_url(value)):
        marker = references.marker(field, value)
        label = marker if numbers_only else f"{marker} {_site(value)}"
        return Text(label, style=Style(link=value) if _is_url(value) else "")
    return Text(_plain(value))


def _cell_maker(references: _References, numbers_only: bool) -> Callable[[str, Any], Text]:
    """_cell, made once for each (field, value): a schedule repeats its years, codes,
    names and statuses, and a cell is only read once made (shared by its rows)."""
    made: dict[tuple[str, type, Any], Text] = {}

    def cell(field: str, value: Any) -> Text:
        key = (field, type(value), value)
        found = made.get(key)
        if found is None:
            found = made[key] = _cell(field, value, references, numbers_only)
        return found

    return cell


def _text_widths(text: Text) -> tuple[int, int]:
    """(longest word, longest line) of a Text in cells: the narrowest and widest it can be
    shown whole, wrapping between words (what Rich's Measurement gives, without a console)."""
    from rich.cells import cell_len

    lines = text.plain.split("\n")
    words = [word for line in lines for word in line.split()]
    return (max(map(cell_len, words), default=0), max(map(cell_len, lines)))


def _column_sizes(fields: tuple[str, ...],
                  rows: list[list[Text]]) -> tuple[list[int], list[int]]:
    """(narrowest, widest) width of each column of `rows` (cells) that shows every value whole.

    Only free text and references wrap, between words; every other column is
    as wide as its widest value. One pass over the cells, no Rich layout.
    """
    lows, highs = [], []
    for index, field in enumerate(fields):
        header = _header(field)
        if field in _FREE_TEXT_FIELDS or field in _REFERENCE_FIELDS:
            distinct = {id(row[index]): row[index] for row in rows}.values()  # shared cells
            sizes = [_text_widths(cell) for cell in (header, *distinct)]
            lows.append(max(low for low, _ in sizes))
            highs.append(max(high for _, high in sizes))
        else:
            # A value that does not wrap is one line (the loader refuses line breaks).
            highs.append(max(_text_widths(header)[0], *(row[index].cell_len for row in rows)))
            lows.append(highs[-1])
    return lows, highs


def _fixed_floor(fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> int:
    """The narrowest any table of `rows` can be: its columns that never wrap, each as
    wide as its widest value or header word, one space apart (counted with cell_len
    over each column's distinct values, no cells made)."""
    from rich.cells import cell_len

    floor = -1
    for index, field in enumerate(fields):
        if field in _FREE_TEXT_FIELDS or field in _REFERENCE_FIELDS:
            continue
        values = {row[index] for row in rows} - {None, ""}
        texts = [_plain(value) for value in values]
        if _is_status(field):
            texts = [f"{_STATUS_MARKS[text]} {text}" if text in _STATUS_MARKS else text
                     for text in texts]
        header = max(map(cell_len, field.split("_")))
        floor += 1 + max(header, *map(cell_len, texts))
    return floor


def _column_widths(width: int, lows: list[int], highs: list[int], gap: int) -> list[int] | None:
    """The width of each column in a table `width` wide with `gap` spaces between columns,
    or None if it cannot fit with every column at least its narrowest.

    If the widest values do not fit, the wrapping columns give up width,
    widest first, never below their longest word.
    """
    spacing = gap * (len(lows) - 1)
    if sum(lows) + spacing > width:
        return None
    widths = list(highs)
    excess = sum(highs) + spacing - width
    while excess > 0:
        shrinkable = [i for i, (now, low) in enumerate(zip(widths, lows, strict=True))
                      if now > low]
        widest = max(shrinkable, key=widths.__getitem__)
        # Down to the next widest at once: a long value costs a step, not one a cell.
        others = [widths[i] for i in shrinkable if widths[i] < widths[widest]]
        step = max(1, min(excess, widths[widest] - max(lows[widest], max(others, default=0))))
        widths[widest] -= step
        excess -= step
    return widths


def _header(field: str) -> Text:
    from rich.text import Text

    return Text(field.replace("_", "\n"), style="bold")  # headers stack their words


def _row_lines(console: Console, cells: Sequence[Text], widths: list[int],
               digests: dict[int, tuple[list[_Piece], Text]], bottom: bool = False,
               ) -> list[list[_Piece]]:
    """The lines of one table row, each a list of one piece a column (see _digest): each
    cell wrapped between words to its column's width (a word longer than that is
    folded, never cut), at the top of the row (with `bottom`, at its bottom).

    `digests` keeps each cell's lines, by the cell's id (a cell is made for one
    column, so one width): a cell shared by many rows is wrapped once."""
    columns = []
    for cell, width in zip(cells, widths, strict=True):
        found = digests.get(id(cell))
        if found is None:
            whole = _digest(console, cell)
            lines = [whole] if whole[0] <= width and "\n" not in cell.plain else [
                _digest(console, line) for line in cell.wrap(console, width, overflow="fold")]
            found = digests[id(cell)] = (lines, cell)  # the cell keeps its id
        columns.append(found[0])
    height = max(len(lines) for lines in columns)
    empty = (0, ())
    if bottom:  # a header's words sit on its last line, as Rich puts them
        columns = [[empty] * (height - len(lines)) + lines for lines in columns]
    return [[lines[number] if number < len(lines) else empty for lines in columns]
            for number in range(height)]


def _digest(console: Console, text: Text) -> _Piece:
    """(width in cells, styled segments) of a one-line Text, rendered once."""
    from rich.segment import Segment

    if not text.spans and not text.style:
        # Nothing to style: the text is its one segment. Rendering each such cell
        # (a batch's dates) took a 200,000-date table from 9.5 s to 15 s.
        return text.cell_len, (Segment(text.plain),) if text.plain else ()
    options = console.options.update(no_wrap=True, overflow="ignore", width=_UNBOUNDED)
    return text.cell_len, tuple(segment for segment in console.render(text, options)
                                if segment.text and segment.text != "\n")


def _print_table(console: Console, fields: tuple[str, ...], rows: list[list[Text]],
                 widths: list[int],
                 gap: int) -> None:
    """Print the header, its rule and `rows` (cells) at `widths`, `gap` spaces between
    columns, a block of rows at a time: the segments of each cell are rendered once,
    and each line is its cells' segments and the spaces between them (no Rich layout)."""
    from rich.segment import Segment, Segments

    digests: dict[int, tuple[list[_Piece], Text]] = {}
    rule = "-" if console.options.ascii_only else "\u2500"
    lines = _row_lines(console, [_header(field) for field in fields], widths, digests,
                       bottom=True)
    width = sum(widths) + gap * (len(widths) - 1)
    lines.append([(width, (Segment(rule * width),))])
    newline = Segment.line()
    for start in range(0, len(rows), _BLOCK_ROWS):
        for row in rows[start:start + _BLOCK_ROWS]:
            lines.extend(_row_lines(console, row, widths, digests))
        segments: list[Segment] = []
        extend = segments.extend
        for line in lines:
            filled = [index for index, (length, _) in enumerate(line) if length]
            stop = filled[-1] if filled else -1  # nothing after the last value: no spaces
            for index in range(stop + 1):
                length, pieces = line[index]
                extend(pieces)
                if index < stop:
                    segments.append(Segment(" " * (widths[index] - length + gap)))
            segments.append(newline)
        console.print(Segments(segments), crop=False, end="")
        lines = []


def write_table(records: Iterable[Sequence[Any]], fields: tuple[str, ...], title: str | None,
                caption: str | None) -> None:
    """Print `records` (rows of values in `fields` order) for a person, whole at any width.

    Above: the title. Beneath: what each marked status means (for the statuses
    shown), the caption, and the numbered references. Fields empty in every
    record are left out. Prints nothing for no records.
    """
    from rich.text import Text

    rows = [tuple(record) for record in records]
    if not rows:
        return
    # A column with no value in any row (no note, no source for projected
    # terms) would only take width; the plain formats keep every field.
    kept = [index for index in range(len(fields))
            if any(row[index] is not None and row[index] != "" for row in rows)]
    fields = tuple(fields[index] for index in kept)
    rows = [tuple(row[index] for index in kept) for row in rows]
    console = make_console()
    if title:
        console.print(Text(title, style="bold"))
    layouts = {}  # numbers_only: (references, cells, lows, highs), each built once
    # A table whose unwrapping columns alone are wider than the console cannot fit in
    # any layout: go to blocks without making every layout's cells (10,000 records of
    # next --body all at 80 columns: 3 s of cells only to be refused).
    too_wide = _fixed_floor(fields, rows) > console.width
    for numbers_only, gap in () if too_wide else _TABLE_LAYOUTS:
        if numbers_only not in layouts:
            references = _References()
            cell = _cell_maker(references, numbers_only)
            cells = [[cell(field, value) for field, value in zip(fields, row, strict=True)]
                     for row in rows]
            layouts[numbers_only] = (references, cells, *_column_sizes(fields, cells))
        references, cells, lows, highs = layouts[numbers_only]
        widths = _column_widths(console.width, lows, highs, gap)
        if widths is not None:
            _print_table(console, fields, cells, widths, gap)
            break
    else:
        references = _References()
        _print_blocks(console, fields, rows)
    statuses = {value for row in rows for field, value in zip(fields, row, strict=True)
                if _is_status(field)}
    for status, meaning in STATUS_MEANINGS.items():
        if status in statuses:
            console.print(Text(f"{_STATUS_MARKS[status]} {meaning}"))
    if caption:
        console.print(Text(caption))
    references.print(console)


def _print_blocks(console: Console, fields: tuple[str, ...],
                  rows: list[tuple[Any, ...]]) -> None:
    """One block per record: `field: value` pairs, as many to a line as fit.

    A URL (or a path longer than a line) gets a line of its own that the
    terminal wraps; the rest wraps between words, so nothing is cut at any width.

    Hand-rolled for speed: a line that fits is written as plain Segments,
    its width counted once with cell_len, and only a pair wider than the
    console goes through console.print to wrap. A console.print per line (and
    Rich's console.width, which asks the environment and the terminal on each
    read) made 10,000 records 85 s at 80 columns.
    """
    from rich.cells import cell_len
    from rich.segment import Segment, Segments
    from rich.style import Style
    from rich.text import Text

    width = console.width
    dim, plain, newline = console.get_style("dim"), Style(), Segment.line()
    styles = {value: console.get_style(style) for value, style in _STATUS_STYLES.items()}
    segments: list[Segment] = []
    made: dict[tuple[str, type, Any], tuple[tuple[Segment, ...], int, bool]] = {}

    def pair_of(field: str, text: str) -> tuple[tuple[Segment, ...], int, bool]:
        """The segments of `field: text`, its width, and whether it is a line of its own."""
        if _is_status(field):
            mark = _STATUS_MARKS.get(text)
            shown = Segment(f"{mark} {text}" if mark else text, styles.get(text, plain))
        else:
            shown = Segment(text, Style(link=text) if _is_url(text) else plain)
        size = cell_len(field) + 2 + cell_len(shown.text)
        # A URL, or a path too long for a line, is one word: a whole line.
        whole = _is_url(text) or (" " not in text and size > width)
        return (Segment(f"{field}:", dim), Segment(" ", plain), shown), size, whole

    def flush() -> None:
        if segments:
            console.print(Segments(segments), crop=False, end="")
            segments.clear()

    for number, row in enumerate(rows, 1):
        segments.append(newline)  # a blank line before each block, the first too
        line: list[Segment] = []
        used = 0
        for field, value in zip(fields, row, strict=True):
            if value is None or value == "":
                continue
            key = (field, type(value), value)
            found = made.get(key)
            if found is None:  # codes, names, statuses and sources repeat: made once
                if len(made) >= _MAX_PAIRS:
                    made.clear()
                found = made[key] = pair_of(field, _plain(value))
            pair, size, whole = found
            if line and (whole or used + 2 + size > width):
                segments.extend((*line, newline))
                line, used = [], 0
            if whole:  # soft wrap: the terminal wraps it, so it stays one word
                segments.extend((*pair, newline))
            elif size > width:
                # Wider than a line: Rich wraps it between words.
                flush()
                console.print(Text.assemble(*((part.text, part.style or plain) for part in pair)))
            elif line:
                line.extend((Segment("  ", plain), *pair))
                used += 2 + size
            else:
                line, used = list(pair), size
        if line:
            segments.extend((*line, newline))
        if number % _BLOCK_ROWS == 0:  # printed a block at a time: memory stays flat
            flush()
    segments.append(newline)
    flush()


def write_chair_answer(day: date, record: TermRecord, previous: TermRecord | None,
                       following: TermRecord | None, body: str,
                       overdue: str | None = None) -> None:
    """The `chair` answer for a person: who, which term, how we know, and around it.

    `record` is the term record in force on `day`; `previous` and `following`
    the terms around it, or None; `body` the body's short name. The headline
    says whether the term is recorded, announced or projected; a source URL is
    one whole line. `overdue` (words.overdue_status) says instead of the
    status's meaning that a projected term has begun unconfirmed.
    """
    from rich.text import Text

    def neighbour(rec: TermRecord | None, none_text: str) -> Text:
        if rec is None:
            return Text(none_text)
        return Text(f"{rec.country} ({rec.code}), {rec.start} to {rec.end}, {rec.status}")

    def grid(*rows: tuple[str, Text]) -> None:
        _print_pairs(console, [(Text(label, style="dim"), value) for label, value in rows],
                     label_width=len("source"))  # the longest label

    console = make_console()
    verb = CHAIR_VERBS.get(record.status, "chairs")
    console.print(Text.assemble(
        (record.country, "bold"), f" ({record.code}) {verb} {body} on {day}"))
    grid(("term", Text.assemble(
        f"{record.start} to {record.end}, ",
        (overdue or STATUS_MEANINGS.get(record.status, record.status),
         _STATUS_STYLES.get(record.status, "")),
    )))
    if record.source:
        console.print(Text.assemble(("source", "dim"), "  ", _link_text(record.source)),
                      soft_wrap=_is_url(record.source))
    rows = [("note", Text(record.note))] if record.note else []
    rows.append(("before", neighbour(previous, "none: the record starts with this term")))
    rows.append(("next", neighbour(following, "none known")))
    grid(*rows)


def write_chair_overview(rows: list[tuple[str, TermRecord | None, str | None, str | None]],
                         title: str) -> None:
    """The `chair` answer for several bodies: one line per body, who, which term, what status.

    `rows` are (body label, term record or None, why there is none: "no chair: ...",
    as words.no_chair_note gives it, and the words for a projected term that
    has begun unconfirmed, words.overdue_status, or None). Sources
    and notes are numbered on the line and listed in full beneath, as in a table.
    """
    from rich.text import Text

    references = _References()
    lines = [(Text(label, style="bold"), _overview_line(record, why, references, overdue))
             for label, record, why, overdue in rows]
    console = make_console()
    console.print(Text(title, style="bold"))
    _print_pairs(console, lines)
    references.print(console)


def _print_pairs(console: Console, pairs: list[tuple[Text, Text]],
                 label_width: int | None = None) -> None:
    """(label, value) Texts, labels in a column of `label_width` (default: the widest
    label) and values wrapping beside them, while that leaves room for each value's
    longest word; else each label on its own line above its value (Rich would
    squeeze the values to nothing)."""
    from rich.table import Table

    label_width = label_width or max(label.cell_len for label, _ in pairs)
    if label_width + 2 + max(_text_widths(value)[0] for _, value in pairs) <= console.width:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, width=label_width)
        grid.add_column(overflow="fold")  # wraps between words; never an ellipsis
        for label, value in pairs:
            grid.add_row(label, value)
        console.print(grid)
        return
    for label, value in pairs:
        console.print(label, overflow="fold")
        console.print(value, overflow="fold")


def _overview_line(record: TermRecord | None, why: str | None, references: _References,
                   overdue: str | None = None) -> Text:
    """One body's answer in the `chair` overview: who, which term, what status
    (`overdue` in its place, for a projected term begun unconfirmed)."""
    from rich.text import Text

    if record is None:
        return Text(why or "", style="dim")
    line = Text.assemble(
        f"{record.country} ({record.code}), {record.start} to {record.end}, ",
        (overdue or record.status, _STATUS_STYLES.get(record.status, "")),
    )
    for field in ("source", "note"):
        if getattr(record, field):
            line.append(" ").append_text(
                _cell(field, getattr(record, field), references, numbers_only=True))
    return line
