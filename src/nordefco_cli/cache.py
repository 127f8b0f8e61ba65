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
against the field types of the engine's records and the rules the engine
relies on (indexes in range, terms that start by their end and follow each
other without gap, a projection that starts on a handover day). Any doubt
means the data file is loaded the slow way and the entry is rewritten.

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
from datetime import date

from .engine import Body, Member, Rotation, Term, days_in_month, is_handover_day, joint_member
from .xdg import cache_home

# Starts every entry; the number changes with the layout below.
_MAGIC = b"nordefco-rotation 3\n"
_CHECKSUM_SIZE = 4  # CRC-32, little-endian, over everything after it
_HEADER_SIZE = len(_MAGIC) + _CHECKSUM_SIZE
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# The modules whose code decides what a data file loads as.
_BUILDERS = ("engine.py", "validation.py", "dates.py", "datafile.py", "cache.py")
_MAX_ORDINAL = date.max.toordinal()


def _code_stamp() -> tuple | None:
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
    # FNV-1a of the absolute path names the entry. A collision only costs a
    # rebuild (the entry's bytes are compared), and this avoids importing a
    # hash module on every run.
    key = 0xCBF29CE484222325
    for byte in os.path.abspath(data_path).encode("utf-8", "surrogateescape"):
        key = ((key ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"rotation-{key:016x}.marshal"


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


def _entry_path(data_path: str) -> str | None:
    folder = _folder(create=False)
    return None if folder is None else os.path.join(folder, _entry_name(data_path))


# Plain form. Each record (Body, Member, Term) is a tuple of its fields in
# `_fields` order, each field kept as its annotation says: a date as its
# ordinal, a Member as its index in `Rotation.members` (the holder of a
# joint term, which is not a member, as the tuple of its parts' indices),
# `X | None` as None
# or X, `tuple[X, ...]` as a tuple of X; str, int and bool as they are. A
# field added to a record with one of these annotations needs no change
# here; a new kind of value needs one line in _encode and one in _decoder.
_RECORDS = {"Body": Body, "Member": Member, "Term": Term}


class _Refused(ValueError):
    """An entry, or a rotation, that the plain form cannot hold; never escapes this module."""


def _kinds(record: type) -> dict[str, str]:
    """Each field's annotation as written (typing wraps the strings in ForwardRef)."""
    kinds = {}
    for name in record._fields:
        kind = record.__annotations__[name]
        kinds[name] = getattr(kind, "__forward_arg__", kind)
        if not isinstance(kinds[name], str):
            raise _Refused(f"{record.__name__}.{name} is not annotated as text")
    return kinds


def _encode(kind: str, value, index: dict):
    if kind.endswith(" | None"):
        return None if value is None else _encode(kind[: -len(" | None")], value, index)
    if kind.startswith("tuple[") and kind.endswith(", ...]"):
        return tuple(_encode(kind[len("tuple["): -len(", ...]")], item, index) for item in value)
    if kind == "date":
        return value.toordinal()
    if kind == "Member":
        number = index.get(value)
        if number is not None:
            return number
        # The holder of a joint term is no member: it is kept as its parts' indices.
        return tuple(index[part] for part in value.parts)
    if kind in _RECORDS:
        return _encode_record(_RECORDS[kind], value, index)
    if kind in ("str", "int", "bool"):
        return value
    raise _Refused(f"no plain form for {kind}")


def _encode_record(record: type, value, index: dict) -> tuple:
    kinds = _kinds(record)
    return tuple(_encode(kinds[name], item, index)
                 for name, item in zip(record._fields, value, strict=True))


def _to_plain(rotation: Rotation) -> tuple:
    """(members as records, then every other field of Rotation in its plain form)."""
    index = {member: number for number, member in enumerate(rotation.members)}
    kinds = _kinds(Rotation)
    return (
        tuple(_encode_record(Member, member, {}) for member in rotation.members),
        tuple(_encode(kinds[name], value, index)
              for name, value in zip(Rotation._fields, rotation, strict=True) if name != "members"),
    )


def _decoder(kind: str, members: tuple):
    """A function from a plain value to a `kind` value; it raises _Refused on any other shape."""
    if kind.endswith(" | None"):
        inner = _decoder(kind[: -len(" | None")], members)
        return lambda plain: None if plain is None else inner(plain)
    if kind.startswith("tuple[") and kind.endswith(", ...]"):
        item = _decoder(kind[len("tuple["): -len(", ...]")], members)
        return lambda plain: tuple(map(item, _checked(plain, tuple)))
    if kind == "date":
        return lambda plain: date.fromordinal(_number(plain, 1, _MAX_ORDINAL))
    if kind == "Member":
        return lambda plain: (members[_number(plain, 0, len(members) - 1)]
                              if type(plain) is not tuple else _joint(plain, members))
    if kind in _RECORDS:
        return _record_decoder(_RECORDS[kind], members)
    wanted = {"str": str, "int": int, "bool": bool}.get(kind)
    if wanted is None:
        raise _Refused(f"no plain form for {kind}")
    # Inline rather than through _checked: most values are these, and a call costs.
    return lambda plain: plain if type(plain) is wanted else _checked(plain, wanted)


def _record_decoder(record: type, members: tuple):
    kinds = _kinds(record)
    fields = tuple(_decoder(kinds[name], members) for name in record._fields)
    new = tuple.__new__  # a NamedTuple's own __new__ is Python code, slower

    def decode(plain):
        if len(_checked(plain, tuple)) != len(fields):
            raise _Refused("a record with the wrong number of fields")
        return new(record, tuple([field(value)
                                  for field, value in zip(fields, plain, strict=True)]))

    return decode


def _joint(plain: tuple, members: tuple) -> Member:
    if len(plain) < 2:
        raise _Refused("a joint term of fewer than two members")
    return joint_member(tuple(members[_number(index, 0, len(members) - 1)] for index in plain))


def _checked(value, kind: type):
    if type(value) is not kind:  # exactly: bool is an int, and marshal gives no subclasses
        raise _Refused(f"expected {kind.__name__}")
    return value


def _number(value, low: int, high: int) -> int:
    if not low <= _checked(value, int) <= high:
        raise _Refused(f"{value} is not in {low}..{high}")
    return value


def _from_plain(plain: tuple) -> Rotation:
    """The Rotation `plain` holds; _Refused unless it keeps every rule the engine relies on."""
    if len(_checked(plain, tuple)) != 2:
        raise _Refused("not a rotation")
    records, rest = plain
    members = tuple(map(_record_decoder(Member, ()), _checked(records, tuple)))
    kinds = _kinds(Rotation)
    names = tuple(name for name in Rotation._fields if name != "members")
    if len(_checked(rest, tuple)) != len(names):
        raise _Refused("a rotation with the wrong number of fields")
    fields = {name: _decoder(kinds[name], members)(value)
              for name, value in zip(names, rest, strict=True)}
    rotation = Rotation(members=members, **fields)
    _check_rules(rotation)
    return rotation


def _check_rules(rotation: Rotation) -> None:
    """The loader's guarantees that the engine's arithmetic and indexing depend on."""
    month = _number(rotation.handover_month, 1, 12)
    day = _number(rotation.handover_day, 1, days_in_month(2000, month))
    term_months = _number(rotation.term_months, 1, 1200)
    _number(rotation.resume_index, 0, max(len(rotation.order), 1) - 1)
    if not rotation.history:
        raise _Refused("no recorded term")
    following = rotation.history[0].start
    for term in rotation.history:
        if term.start != following or term.end < term.start:
            raise _Refused("recorded terms that do not follow each other")
        if term.end == date.max:
            following = None  # only the last term may reach the end of dates
            continue
        following = date.fromordinal(term.end.toordinal() + 1)
    if rotation.order and following is not None and not is_handover_day(
        following, month, day, term_months
    ):
        raise _Refused("a record that does not end the day before a handover")


def _read_entry(data_path: str, limit: int) -> bytes | None:
    """The entry's bytes if it is a trusted regular file of at most `limit` bytes, else None."""
    path = _entry_path(data_path)
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


def cached_rotation(data_path: str, source: bytes) -> Rotation | None:
    """The cached rotation for exactly these file bytes, or None."""
    try:
        entry = _read_entry(data_path, _size_limit(source))
        if entry is None or not entry.startswith(_MAGIC):
            return None
        from zlib import crc32  # here, not at the top: only a run with an entry pays for it

        body = memoryview(entry)[_HEADER_SIZE:]
        if crc32(body) != int.from_bytes(entry[len(_MAGIC):_HEADER_SIZE], "little"):
            return None
        stamp, cached_source, plain = _checked(marshal.loads(body), tuple)
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
    try:
        body = marshal.dumps((stamp, source, _to_plain(rotation)))
    except Exception:  # a value the plain form cannot hold (a test shows none is shipped)
        return
    from zlib import crc32

    entry = _MAGIC + crc32(body).to_bytes(_CHECKSUM_SIZE, "little") + body
    if len(entry) > _size_limit(source):
        return  # it would be refused when read
    folder = _folder(create=True)
    if folder is None:
        return
    import tempfile  # only when writing: it costs more to import than a cached run

    name = _entry_name(data_path)
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
