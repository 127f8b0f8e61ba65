"""A derived, self-checking cache of loaded rotations, to skip TOML parsing and validation.

Each entry stores the data file's exact bytes beside the rotation built from
them, and is used only when the file's current bytes are the same. So an
edited file is always picked up, whatever its size or timestamp. The entry
also records the program's own source files (size and mtime), so a changed
engine, loader or validator never reuses a rotation it would now build
differently.

An entry is trusted no more than the user's own files, and checked before
use. It is read only if it is a regular file (never a FIFO, device or link,
and without blocking), owned by the user and not writable by group or others,
in a folder of the same kind, and no larger than its data file warrants. A
CRC-32 over its contents catches any corruption; then every value is checked
as it is converted back (each field of the type the model gives it, indexes
in range) and against the rules the engine relies on (terms that start by
their end and follow each other without gap, a projection that starts on a
handover day). Any doubt means the data file is loaded the slow way and the
entry is rewritten.

The conversion is written out, one pair of functions per kind of value
(Body, Member, Term, Rotation): a field added to one of them needs a line in
each, and the magic number below changes with the layout.

Entries live under $XDG_CACHE_HOME/nordefco (default ~/.cache/nordefco; a
relative XDG_CACHE_HOME is ignored, as the XDG specification says). Writing
creates at most the cache base and its `nordefco` folder, each 0700, and only
when the folder above the base exists: a missing home is never created. New
entries are written to a fresh temporary file (tempfile.mkstemp: random
name, O_EXCL, never following a planted link) and renamed into place, or
removed if anything fails. POSIX only: elsewhere nothing is cached.
Nothing depends on the cache: if it cannot be read or written, the file is
loaded the slow way.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..core.model import Body, Member, Term, joint_member
from ..core.rotation import Rotation
from ..core.rule import Rule, days_in_month
from .xdg import cache_home

# Starts every entry; the number changes with the layout below.
_MAGIC = b"nordefco-rotation 5\n"
_CHECKSUM_SIZE = 4  # CRC-32, little-endian, over everything after it
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The modules whose code decides what a data file loads as.
_BUILDERS = ("core/model.py", "core/rule.py", "core/rotation.py", "core/seating.py",
             "core/dates.py", "data/validation.py", "data/files.py", "data/cache.py")
_MAX_ORDINAL = date.max.toordinal()


def _code_stamp() -> tuple[tuple[str, int, int], ...] | None:
    """(name, size, mtime) of each builder module; None if one cannot be seen (then no cache)."""
    stamp = []
    for name in _BUILDERS:
        try:
            info = os.stat(os.path.join(_PACKAGE_DIR, name))
        except OSError:
            return None
        stamp.append((name, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def _size_limit(source: bytes) -> int:
    """The most bytes an entry for the data file `source` may hold.

    An entry holds the file's bytes and the rotation built from them, which
    takes about as much room as the file's text; the slack covers a tiny
    file. A larger entry is not ours: it is refused before a byte of it is
    decoded, and never written.
    """
    return 65536 + 8 * len(source)


def _entry_name(data_path: str) -> str:
    """The entry's file name: a CRC-32 of the data file's absolute path.

    A collision only costs a rebuild (an entry is used only for the exact
    bytes it was built from); zlib is loaded for the checksum anyway.
    """
    from zlib import crc32

    key = crc32(os.path.abspath(data_path).encode("utf-8", "surrogateescape"))
    return f"rotation-{key:08x}.marshal"


def _trusted(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else: as trusted as the user's own files."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder(create: bool) -> str | None:
    """The cache folder if it is a trusted real directory (creating it if asked), else None."""
    if os.name != "posix":  # the checks below need O_NOFOLLOW and file owners
        return None
    base = cache_home()
    if base is None:
        return None
    folder = os.path.join(base, "nordefco")
    try:
        if create:
            # One level at a time, never the home above the base.
            for path in (base, folder):
                with contextlib.suppress(FileExistsError):
                    os.mkdir(path, 0o700)
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            trusted = _trusted(os.fstat(descriptor))
        finally:
            os.close(descriptor)
    except OSError:
        return None
    return folder if trusted else None


def _entry_path(data_path: str, name: str | None = None) -> str | None:
    """Where the entry `name` (default: the rotation's entry for `data_path`) is read from."""
    folder = _folder(create=False)
    return None if folder is None else os.path.join(folder, name or _entry_name(data_path))


# The plain form: tuples of str, int, bool and None, which marshal writes.
# A date is its ordinal; a member inside a term or the order is its index
# in the rotation's members (the holder of a joint term, which is not a
# member, is the tuple of its parts' indices).


class _Refused(ValueError):
    """An entry that is not a rotation this code would build; never escapes this module."""


def _day(value: date | None) -> int | None:
    return None if value is None else value.toordinal()


def _body_to_plain(body: Body) -> tuple[Any, ...]:
    return (body.name, body.short_name, _day(body.established), _day(body.checked))


def _member_to_plain(member: Member) -> tuple[Any, ...]:
    return (member.code, member.name, member.native_name, member.chairs,
            _day(member.nato_since), member.aliases, _day(member.left),
            tuple((first.toordinal(), last.toordinal()) for first, last in member.seats),
            member.sort_name)


def _term_to_plain(term: Term, index: dict[Member, int]) -> tuple[Any, ...]:
    holder = term.holder
    held = index[holder] if not holder.parts else tuple(index[part] for part in holder.parts)
    return (term.start.toordinal(), term.end.toordinal(), held, term.projected, term.source,
            term.note)


def _to_plain(rotation: Rotation) -> tuple[Any, ...]:
    index = {member: number for number, member in enumerate(rotation.members)}
    return (
        _body_to_plain(rotation.body),
        tuple(_member_to_plain(member) for member in rotation.members),
        tuple(index[member] for member in rotation.order),
        tuple(rotation.rule),
        tuple(_term_to_plain(term, index) for term in rotation.history),
        rotation.resume_index,
        rotation.note,
        (rotation.by_name, _day(rotation.horizon), rotation.horizon_note,
         rotation.projected_note),
    )


def _fields(value: object, count: int) -> tuple[Any, ...]:
    if type(value) is not tuple or len(value) != count:
        raise _Refused(f"expected a tuple of {count}")
    return value


def _of(value: object, kind: type) -> Any:
    if type(value) is not kind:  # exactly: bool is an int, and marshal gives no subclasses
        raise _Refused(f"expected {kind.__name__}")
    return value


def _optional(value: object, kind: type) -> Any:
    return None if value is None else _of(value, kind)


def _number(value: object, low: int, high: int) -> int:
    number: int = _of(value, int)
    if not low <= number <= high:
        raise _Refused(f"{number} is not in {low}..{high}")
    return number


def _date(value: object) -> date:
    return date.fromordinal(_number(value, 1, _MAX_ORDINAL))


def _optional_date(value: object) -> date | None:
    return None if value is None else _date(value)


def _body_from_plain(plain: object) -> Body:
    name, short_name, established, checked = _fields(plain, 4)
    return Body(_of(name, str), _of(short_name, str), _optional_date(established),
                _optional_date(checked))


def _member_from_plain(plain: object) -> Member:
    code, name, native_name, chairs, nato_since, aliases, left, seats, sort_name = _fields(
        plain, 9)
    aliases = _of(aliases, tuple)
    periods = tuple((_date(first), _date(last)) for first, last in
                    (_fields(seat, 2) for seat in _of(seats, tuple)))
    if any(first > last for first, last in periods):
        raise _Refused("a seat that ends before it starts")
    return Member(_of(code, str), _of(name, str), _optional(native_name, str), _of(chairs, bool),
                  _optional_date(nato_since), tuple(_of(alias, str) for alias in aliases),
                  _optional_date(left), seats=periods, sort_name=_optional(sort_name, str))


def _term_from_plain(plain: object, members: tuple[Member, ...]) -> Term:
    start, end, held, projected, source, note = _fields(plain, 6)
    if type(held) is tuple:
        if len(held) < 2:
            raise _Refused("a joint term of fewer than two members")
        holder = joint_member(tuple(_member_at(members, part) for part in held))
    else:
        holder = _member_at(members, held)
    return Term(_date(start), _date(end), holder, _of(projected, bool),
                _optional(source, str), _optional(note, str))


def _member_at(members: tuple[Member, ...], index: object) -> Member:
    return members[_number(index, 0, len(members) - 1)]


def _from_plain(plain: object) -> Rotation:
    """The Rotation `plain` holds; _Refused unless it keeps every rule the engine relies on."""
    body, members, order, rule, history, resume_index, note, seating = _fields(plain, 8)
    by_name, horizon, horizon_note, projected_note = _fields(seating, 4)
    member_list = tuple(map(_member_from_plain, _of(members, tuple)))
    month, day, term_months = _fields(rule, 3)
    month = _number(month, 1, 12)
    rotation = Rotation(
        body=_body_from_plain(body),
        members=member_list,
        order=tuple(_member_at(member_list, index) for index in _of(order, tuple)),
        rule=Rule(month, _number(day, 1, days_in_month(2000, month)),
                  _number(term_months, 1, 1200)),
        history=tuple(_term_from_plain(term, member_list) for term in _of(history, tuple)),
        resume_index=_of(resume_index, int),
        note=_of(note, str),
        by_name=_of(by_name, bool),
        horizon=_optional_date(horizon),
        horizon_note=_of(horizon_note, str),
        projected_note=_of(projected_note, str),
    )
    _check_rules(rotation)
    try:
        # Rebuilt, not stored: the loader built it from the same values.
        return rotation.seated()
    except ValueError as error:
        raise _Refused(str(error)) from None


def _check_rules(rotation: Rotation) -> None:
    """The loader's guarantees that the engine's arithmetic and indexing depend on."""
    _number(rotation.resume_index, 0, max(len(rotation.order), 1) - 1)
    if not rotation.history:
        raise _Refused("no recorded term")
    following: date | None = rotation.history[0].start
    for term in rotation.history:
        if term.projected or term.start != following or term.end < term.start:
            raise _Refused("recorded terms that do not follow each other")
        if term.end == date.max:
            following = None  # only the last term may reach the end of dates
            continue
        following = date.fromordinal(term.end.toordinal() + 1)
    if rotation.by_name and rotation.order:
        raise _Refused("an order by name with a fixed order")
    if (rotation.order or rotation.by_name) and following is not None \
            and not rotation.rule.is_handover_day(
            following):
        raise _Refused("a record that does not end the day before a handover")


def _read_entry(data_path: str, limit: int, name: str | None = None) -> bytes | None:
    """The entry's bytes if it is a trusted regular file of at most `limit` bytes, else None.

    `name` is the entry's file name (default: the rotation's entry for `data_path`).
    """
    path = _entry_path(data_path, name)
    if path is None:
        return None
    # O_NONBLOCK: opening a FIFO planted at the path returns at once (and is
    # then refused as not a regular file); O_NOFOLLOW: a link is refused.
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with open(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or not _trusted(info) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)  # the file may have grown since fstat
    return data if len(data) <= limit else None


def _checked_body(entry: bytes | None, magic: bytes) -> memoryview | None:
    """What follows an entry's magic and checksum, if both are right; else None."""
    if entry is None or not entry.startswith(magic):
        return None
    from zlib import crc32

    header = len(magic) + _CHECKSUM_SIZE
    body = memoryview(entry)[header:]
    if crc32(body) != int.from_bytes(entry[len(magic):header], "little"):
        return None
    return body


def cached_rotation(data_path: str, source: bytes) -> Rotation | None:
    """The cached rotation for exactly these file bytes, or None."""
    try:
        body = _checked_body(_read_entry(data_path, _size_limit(source)), _MAGIC)
        if body is None:
            return None
        stamp, cached_source, plain = _fields(marshal.loads(body), 3)
        if stamp is None or stamp != _code_stamp() or cached_source != source:
            return None
        return _from_plain(plain)
    # Missing, unreadable, corrupt or foreign: load the slow way. Past the
    # checksum only a deliberately forged entry can fail here, so catch all.
    except Exception:
        return None


def store_rotation(data_path: str, source: bytes, rotation: Rotation) -> None:
    """Save a rotation built from `source`; failures are ignored and leave no file behind."""
    stamp = _code_stamp()
    if stamp is None:
        return
    _write_entry(_entry_name(data_path), _MAGIC,
                 marshal.dumps((stamp, source, _to_plain(rotation))), _size_limit(source))


def _write_entry(name: str, magic: bytes, body: bytes, limit: int) -> None:
    """Write an entry (magic, checksum, body) named `name`, atomically; failures are ignored."""
    from zlib import crc32

    entry = magic + crc32(body).to_bytes(_CHECKSUM_SIZE, "little") + body
    if len(entry) > limit:
        return  # it would be refused when read
    folder = _folder(create=True)
    if folder is None:
        return
    import tempfile  # only when writing: it costs more to import than a cached run

    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with open(descriptor, "wb") as handle:
            handle.write(entry)
        os.replace(temporary, os.path.join(folder, name))  # readers never see half an entry
    except BaseException as error:  # a full disk, a directory in the way, an interrupt
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(error, OSError):
            raise


# The negative cache: a data file that did not load, remembered by its bytes
# so that the next run reports its problems without parsing it again (a
# broken user body is read by every run that lists every body). An entry is
# small, whatever the file's size: the file's length and SHA-256 digest stand
# for its bytes, and the problems are kept as (field, message) pairs. It is
# read with the same checks as a rotation's entry, and written the same way.

_BROKEN_MAGIC = b"nordefco-broken 1\n"
_MAX_PROBLEMS_BYTES = 1024 * 1024
# The problems kept: the first ones, then how many more (a file of 8 MiB can
# have hundreds of thousands, each an unknown field).
_KEPT_PROBLEMS = 100


def _digest(source: bytes) -> bytes:
    from hashlib import sha256

    return sha256(source).digest()


def _broken_name(data_path: str) -> str:
    return "broken-" + _entry_name(data_path)[len("rotation-"):]


def cached_problems(data_path: str, source: bytes) -> list[tuple[str, str]] | None:
    """The (field, message) problems found in exactly these bytes by this code, or None."""
    try:
        entry = _read_entry(data_path, _MAX_PROBLEMS_BYTES, _broken_name(data_path))
        body = _checked_body(entry, _BROKEN_MAGIC)
        if body is None:
            return None
        stamp, size, digest, problems = _fields(marshal.loads(body), 4)
        if stamp is None or stamp != _code_stamp() or size != len(source) \
                or digest != _digest(source):
            return None
        problems = [tuple(_of(part, str) for part in _fields(problem, 2))
                    for problem in _of(problems, tuple)]
        return problems or None
    except Exception:  # as for a rotation's entry: any doubt, and the file is parsed
        return None


def store_problems(data_path: str, source: bytes,
                   problems: Sequence[tuple[str, str]]) -> None:
    """Remember that `source` does not load, and why; failures are ignored."""
    stamp = _code_stamp()
    if stamp is None:
        return
    plain = tuple((str(field), str(message)) for field, message in problems[:_KEPT_PROBLEMS])
    if len(problems) > _KEPT_PROBLEMS:  # small whatever the file: validate lists them all
        plain += (("", f"and {len(problems) - _KEPT_PROBLEMS} more problems"),)
    _write_entry(_broken_name(data_path), _BROKEN_MAGIC,
                 marshal.dumps((stamp, len(source), _digest(source), plain)),
                 _MAX_PROBLEMS_BYTES)
