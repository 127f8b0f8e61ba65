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
from datetime import date

from .output import plain_text as _plain  # the plain text of a value, as tsv writes it
from .records import TermRecord, source_domain
from .words import CHAIR_VERBS, STATUS_MEANINGS

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


def _is_status(field: str) -> bool:
    return field == "status" or field.endswith("_status")


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def _site(url: str) -> str:
    """The host of a URL without "www.": a short label that names where it leads."""
    return source_domain(url) or url


def _stand_in(error: UnicodeEncodeError) -> tuple[str, int]:
    """A character the terminal's encoding lacks becomes its base letter (Í: I) or "?"."""
    import unicodedata

    stand_ins = []
    for char in error.object[error.start:error.end]:
        base = "".join(part for part in unicodedata.normalize("NFKD", char)
                       if _encodable(part, error.encoding))
        stand_ins.append(base or "?")
    return "".join(stand_ins), error.end


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def make_console(**options):
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
    if codecs.lookup(encoding).name != "utf-8" and hasattr(stream, "reconfigure"):
        codecs.register_error(_STAND_IN_ERRORS, _stand_in)
        stream.reconfigure(errors=_STAND_IN_ERRORS)
    console = Console(markup=False, emoji=False, highlight=False, **options)
    if console.is_dumb_terminal and "width" not in options:
        # Rich takes every dumb terminal (an editor's shell) to be 80 columns
        # wide; a narrower one would then wrap the lines itself, mid-word.
        import shutil

        console.size = shutil.get_terminal_size()
    return console


def _status_text(value: str):
    from rich.text import Text

    mark = _STATUS_MARKS.get(value)
    return Text(f"{mark} {value}" if mark else value, style=_STATUS_STYLES.get(value, ""))


def _link_text(text: str):
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

    def __init__(self):
        self.numbers: dict[str, int] = {}
        self.notes: dict[str, int] = {}

    def number(self, text: str) -> int:
        return self.numbers.setdefault(text, len(self.numbers) + 1)

    def marker(self, field: str, text: str) -> str:
        """The marker of `text` in `field`: "[1]" for a source, "(a)" for a note."""
        if field == "note":
            return f"({_letters(self.notes.setdefault(text, len(self.notes) + 1))})"
        return f"[{self.number(text)}]"

    def print(self, console) -> None:
        from rich.text import Text

        for text, number in self.numbers.items():
            # A URL or a path is a whole line the terminal wraps, so it stays
            # one word to copy and click; other text wraps between words.
            console.print(Text.assemble(f"[{number}] ", _link_text(text)),
                          soft_wrap=_is_url(text) or " " not in text)
        for text, number in self.notes.items():
            console.print(Text(f"({_letters(number)}) {text}"))


def _cell(field: str, value: object, references: _References, numbers_only: bool):
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


def _fitted_table(console, fields: tuple[str, ...], rows: list[list], gap: int):
    """A table of `rows` (cells) whose every value shows whole, or None if it cannot fit.

    `gap` is the number of spaces between columns (1 or 2).

    Only free text and references wrap, between words; every other column is
    as wide as its widest value. If the table is wider than the terminal, the
    wrapping columns give up width, widest first, never below their longest word.
    """
    from rich import box
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    # Measured unbounded: Measurement.get caps a minimum at the width it is
    # given, which would hide a table that does not fit.
    unbounded = console.options.update_width(sys.maxsize)
    # Rich would put an ASCII terminal's table in a grid of | and +; this is
    # the same simple rule under the header, drawn in ASCII.
    rule = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True) \
        if console.options.ascii_only else box.SIMPLE_HEAD
    table = Table(box=rule, show_edge=False, pad_edge=False, collapse_padding=True,
                  padding=(0, gap - 1))  # the rule's divider is the other space
    lows, highs = [], []
    for index, field in enumerate(fields):
        header = Text(field.replace("_", "\n"))  # headers stack their words
        wraps = field in _FREE_TEXT_FIELDS or field in _REFERENCE_FIELDS
        if wraps:
            sizes = [Measurement.get(console, unbounded, cell)
                     for cell in (header, *(row[index] for row in rows))]
            highs.append(max(size.maximum for size in sizes))
            lows.append(max(size.minimum for size in sizes))
        else:
            # A value that does not wrap is one line (the loader refuses line
            # breaks): its width is its cell length, with no Measurement (the
            # table row of benchmarks/run.py sits near its 1.2x target).
            highs.append(max(max(map(len, field.split("_"))),  # the header's widest word
                             *(row[index].cell_len for row in rows)))
            lows.append(highs[-1])
        table.add_column(header, width=lows[-1], no_wrap=not wraps, overflow="fold")
    needed = Measurement.get(console, unbounded, table).minimum
    if needed > console.width:
        return None
    widths = list(highs)
    excess = needed - sum(lows) + sum(highs) - console.width
    while excess > 0:
        widest = max((i for i, (width, low) in enumerate(zip(widths, lows, strict=True))
                      if width > low), key=widths.__getitem__)
        widths[widest] -= 1
        excess -= 1
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in rows:
        table.add_row(*row)
    return table


def write_table(records, fields: tuple[str, ...], title: str | None,
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
    for numbers_only, gap in _TABLE_LAYOUTS:
        references = _References()
        cells = [[_cell(field, value, references, numbers_only)
                  for field, value in zip(fields, row, strict=True)] for row in rows]
        table = _fitted_table(console, fields, cells, gap)
        if table is not None:
            console.print(table)
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


def _print_blocks(console, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """One block per record: `field: value` pairs, as many to a line as fit.

    A URL (or a path longer than a line) gets a line of its own that the
    terminal wraps; the rest wraps between words, so nothing is cut at any width.
    """
    from rich.text import Text

    for row in rows:
        console.print()  # a blank line before each block, the first too, apart from the title
        line = Text()
        for field, value in zip(fields, row, strict=True):
            if value is None or value == "":
                continue
            text = _plain(value)
            shown = _status_text(text) if _is_status(field) else _link_text(text)
            pair = Text.assemble((f"{field}:", "dim"), " ", shown)
            # A URL, or a path too long for a line, is one word: a whole line.
            if _is_url(text) or (" " not in text and pair.cell_len > console.width):
                if line:
                    console.print(line)
                console.print(pair, soft_wrap=True)
                line = Text()
            elif not line:
                line = pair
            elif line.cell_len + 2 + pair.cell_len <= console.width:
                line.append("  ").append_text(pair)
            else:
                console.print(line)
                line = pair
        if line:
            console.print(line)
    console.print()


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
    from rich.table import Table
    from rich.text import Text

    def neighbour(rec, none_text: str) -> Text:
        if rec is None:
            return Text(none_text)
        return Text(f"{rec.country} ({rec.code}), {rec.start} to {rec.end}, {rec.status}")

    def grid(*rows) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim", width=len("source"))  # the longest label
        table.add_column(overflow="fold")  # wraps between words; never an ellipsis
        for row in rows:
            table.add_row(*row)
        return table

    console = make_console()
    verb = CHAIR_VERBS.get(record.status, "chairs")
    console.print(Text.assemble(
        (record.country, "bold"), f" ({record.code}) {verb} {body} on {day}"))
    console.print(grid(("term", Text.assemble(
        f"{record.start} to {record.end}, ",
        (overdue or STATUS_MEANINGS.get(record.status, record.status),
         _STATUS_STYLES.get(record.status, "")),
    ))))
    if record.source:
        console.print(Text.assemble(("source", "dim"), "  ", _link_text(record.source)),
                      soft_wrap=_is_url(record.source))
    rows = [("note", Text(record.note))] if record.note else []
    rows.append(("before", neighbour(previous, "none: the record starts with this term")))
    rows.append(("next", neighbour(following, "none known")))
    console.print(grid(*rows))


def write_chair_overview(rows, title: str) -> None:
    """The `chair` answer for several bodies: one line per body, who, which term, what status.

    `rows` are (body label, term record or None, why there is none: "no chair: ...",
    as words.no_chair_note gives it, and optionally the words for a projected
    term that has begun unconfirmed, words.overdue_status). Sources
    and notes are numbered on the line and listed in full beneath, as in a table.
    """
    from rich.table import Table
    from rich.text import Text

    references = _References()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")  # wraps between words; never an ellipsis
    for label, record, why, *overdue in rows:
        if record is None:
            grid.add_row(Text(label), Text(why, style="dim"))
            continue
        line = Text.assemble(
            f"{record.country} ({record.code}), {record.start} to {record.end}, ",
            ((overdue and overdue[0]) or record.status, _STATUS_STYLES.get(record.status, "")),
        )
        for field in ("source", "note"):
            if getattr(record, field):
                line.append(" ").append_text(
                    _cell(field, getattr(record, field), references, numbers_only=True))
        grid.add_row(Text(label), line)
    console = make_console()
    console.print(Text(title, style="bold"))
    console.print(grid)
    references.print(console)
