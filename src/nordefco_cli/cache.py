"""A derived, self-checking cache of loaded rotations, to skip TOML parsing and validation.

Each entry stores the data file's exact bytes beside the rotation built from
them, and is used only when the file's current bytes are the same. So an
edited file is always picked up, whatever its size or timestamp, and a
corrupt, foreign or out-of-date entry is simply rebuilt. The entry also
records the program's own source files (size and mtime), so a changed engine
or validator never reuses a rotation it would now build differently.

Entries live under $XDG_CACHE_HOME/nordefco (default ~/.cache/nordefco).
Nothing depends on the cache: if it cannot be read or written, the file is
loaded the slow way.
"""

from __future__ import annotations

import marshal
import os
from datetime import date

from .engine import Body, Member, Rotation, Term

_FORMAT = 1
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# The modules whose code decides what a data file loads as.
_BUILDERS = ("engine.py", "validation.py", "dates.py", "cache.py")


def _code_stamp() -> tuple:
    stamp = []
    for name in _BUILDERS:
        try:
            info = os.stat(os.path.join(_PACKAGE_DIR, name))
        except OSError:
            return ()
        stamp.append((name, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def _entry_path(data_path: str) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    # FNV-1a of the absolute path names the entry. A collision only costs a
    # rebuild (the entry's bytes are compared), and this avoids importing a
    # hash module on every run.
    key = 0xCBF29CE484222325
    for byte in os.path.abspath(data_path).encode("utf-8", "surrogateescape"):
        key = ((key ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return os.path.join(base, "nordefco", f"rotation-{key:016x}.marshal")


def _to_plain(rotation: Rotation) -> tuple:
    def day(value: date | None):
        return value.toordinal() if value else None

    members = rotation.members
    return (
        (rotation.body.name, rotation.body.short_name, day(rotation.body.established),
         day(rotation.body.checked)),
        tuple((m.code, m.name, m.native_name, m.chairs, day(m.nato_since)) for m in members),
        tuple(members.index(m) for m in rotation.order),
        rotation.term_months,
        rotation.handover_month,
        rotation.handover_day,
        tuple((t.start.toordinal(), t.end.toordinal(), members.index(t.member), t.status,
               t.source, t.note) for t in rotation.history),
        rotation.resume_index,
    )


def _from_plain(plain: tuple) -> Rotation:
    def day(ordinal: int | None):
        return date.fromordinal(ordinal) if ordinal else None

    body, members, order, term_months, month, handover_day, history, resume_index = plain
    members = tuple(Member(code, name, native, chairs, day(nato))
                    for code, name, native, chairs, nato in members)
    return Rotation(
        body=Body(body[0], body[1], day(body[2]), day(body[3])),
        members=members,
        order=tuple(members[index] for index in order),
        term_months=term_months,
        handover_month=month,
        handover_day=handover_day,
        history=tuple(Term(date.fromordinal(start), date.fromordinal(end), members[index],
                           status, source, note)
                      for start, end, index, status, source, note in history),
        resume_index=resume_index,
    )


def cached_rotation(data_path: str, source: bytes) -> Rotation | None:
    """The cached rotation for exactly these file bytes, or None."""
    try:
        with open(_entry_path(data_path), "rb") as handle:
            fmt, stamp, cached_source, plain = marshal.load(handle)
        if fmt != _FORMAT or stamp != _code_stamp() or cached_source != source:
            return None
        return _from_plain(plain)
    except Exception:  # missing, unreadable or foreign: load the slow way
        return None


def store_rotation(data_path: str, source: bytes, rotation: Rotation) -> None:
    """Save a rotation built from `source`; failures are ignored."""
    path = _entry_path(data_path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            marshal.dump((_FORMAT, _code_stamp(), source, _to_plain(rotation)), handle)
        os.replace(temporary, path)  # readers never see half an entry
    except OSError:
        pass
