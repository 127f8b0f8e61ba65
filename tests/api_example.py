"""A user's script of the Python API, for tests/test_typing.py: `mypy --strict` must
pass on it, and each assert_type must hold (no Any reaches the caller)."""

from datetime import date
from typing import assert_type

import nordefco_cli as n

today = date(2026, 12, 7)
infos = n.bodies()
assert_type(infos, list[n.BodyInfo])
assert_type(infos[0].checked, date | None)
assert_type(infos[0].problem, str | None)

rotation = n.load("nordefco")
assert_type(rotation, n.Rotation)
assert_type(n.load(path="data/members.toml"), n.Rotation)
term = rotation.chair_on(date(2026, 3, 1))
assert_type(term, n.Term)
assert_type(term.start, date)
assert_type(term.end, date)
assert_type(term.holder, n.Member)
assert_type(term.holder.parts, tuple[n.Member, ...])
assert_type(term.source, str | None)
assert_type(term.projected, bool)
assert_type(term.status(today), n.Status)
record = term.record(today)
assert_type(record, dict[str, n.JSONValue])

terms = rotation.terms(date(2025, 1, 1), date(2030, 12, 31))
assert_type(terms, list[n.Term])
assert_type(rotation.terms_of("dk", date(2025, 1, 1), date(2030, 12, 31)), list[n.Term])
assert_type(n.parse_date("1. mars 2026", today), date)

try:
    n.load("eu-council").chair_on(date(2031, 1, 1))
except n.NoChair as error:
    assert_type(error.gap, n.Gap)
    assert_type(error.gap.kind, n.GapKind)
    assert_type(error.gap.record_end, date)
try:
    n.load("nordfco")
except n.UnknownBody as error:
    assert_type(error.close, list[str])
except n.DataFileError as error:
    assert_type(error.path, str)
try:
    rotation.terms_of("xx", today, today)
except n.UnknownMember as error:
    assert_type(error.known, tuple[n.Member, ...])
