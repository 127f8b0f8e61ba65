"""An order by name among the members seated at each handover (the UN Security
Council's Rule 18, the Council of Europe's Committee of Ministers).

The chair passes "in turn ... in the English alphabetical order of their
names" among the members seated when a term starts, carrying on from the last
holder: the first holder after X is the seated member whose sort name follows
X's, wrapping from the end of the alphabet to its start. Between two changes
of who is seated the holders simply cycle, so the projection is a few
Segments, each found by arithmetic: no walk term by term.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from .model import Member
from .rule import Rule

# A projection that crosses more changes of who is seated than this is
# refused by the loader: a real body's crosses one or two (UNSC: one a year,
# to the last elected year), a hostile file's could cost a sort per change.
MAX_SEAT_CHANGES = 1000


class Segment(NamedTuple):
    """Projected terms numbered `first_index` on (0 is the first after the record) pass
    among `holders` (the members seated, in order by name) in turn, term
    `first_index` held by `holders[offset]`, until the next segment.
    """

    first_index: int
    holders: tuple[Member, ...]
    offset: int

    def holder(self, index: int) -> Member:
        """The holder of projected term `index` (at or after `first_index`)."""
        return self.holders[(self.offset + index - self.first_index) % len(self.holders)]


def seated(members: Iterable[Member], day: date | None) -> tuple[Member, ...]:
    """The members who chair and are seated on `day` (None: on any day), in order by name
    (Member.sort_key)."""
    return tuple(sorted((member for member in members
                         if member.chairs and (day is None or member.seated_on(day))),
                        key=_sort_key))


def follower(previous: Member, holders: tuple[Member, ...],
             keys: Sequence[str] | None = None) -> int:
    """The position in `holders` (in order by name, not empty) of the member after `previous`.

    The first whose sort name follows `previous`'s, or the first of all when
    none does; `previous` need not be among them (a member whose seat ended).
    `keys` are the holders' sort keys, if the caller has them already.
    """
    if keys is None:
        keys = [holder.sort_key for holder in holders]
    return bisect_right(keys, previous.sort_key) % len(holders)


def next_holder(members: Iterable[Member], previous: Member, day: date) -> Member | None:
    """Who holds a term starting on `day` after one held by `previous`, by the rule: the
    first member seated on `day` who chairs and follows `previous` by name (None if no
    member who chairs is seated then)."""
    holders = seated(members, day)
    return holders[follower(previous, holders)] if holders else None


def segments(members: tuple[Member, ...], rule: Rule, anchor: date, previous: Member,
             last_index: int | None) -> tuple[Segment, ...]:
    """The projection after a record whose last holder is `previous`, as Segments.

    Projected term 0 starts on handover day `anchor`; terms after `last_index`
    (None: no limit) are not projected. A new segment starts at each handover
    where who is seated may have changed: the first on or after a seat's first
    day, the day after its last, or a member's `left`. ValueError if a handover
    has nobody seated who chairs, or the projection crosses more than
    MAX_SEAT_CHANGES changes.
    """
    # In order by name once; each handover then looks again only at the
    # members whose seats change there (1,000 members whose seats change
    # 1,000 times: 0.64 s to load when every member was looked at each time).
    ordered = seated(members, None)
    place = {id(member): number for number, member in enumerate(ordered)}
    changing: dict[int, list[int]] = {0: []}  # handover index: places of members who change
    for member in ordered:
        for change in _changes(member):
            if change <= anchor:
                continue
            index = rule.index_of(anchor, change)
            if rule.start_after(anchor, index) < change:
                index += 1  # the first handover on or after the change
            if last_index is None or index <= last_index:
                changing.setdefault(index, []).append(place[id(member)])
    if len(changing) > MAX_SEAT_CHANGES:
        raise ValueError(f"the projection crosses {len(changing)} changes of who is seated "
                         f"(at most {MAX_SEAT_CHANGES})")
    keys = [member.sort_key for member in ordered]
    in_seat = [False] * len(ordered)
    found: list[Segment] = []
    for index in sorted(changing):
        try:
            day = rule.start_after(anchor, index)
        except OverflowError:  # a change after the last handover of the calendar
            break
        for number in changing[index] if found else range(len(ordered)):
            in_seat[number] = ordered[number].seated_on(day)
        holders = tuple(member for member, seat in zip(ordered, in_seat, strict=True) if seat)
        if not holders:
            raise ValueError(f"nobody who chairs is seated on {day.isoformat()}")
        if found:
            previous = found[-1].holder(index - 1)
        found.append(Segment(index, holders, follower(
            previous, holders, [key for key, seat in zip(keys, in_seat, strict=True) if seat])))
    return tuple(found)


def _changes(member: Member) -> Iterable[date]:
    """The days on which `member` may start or stop being seated."""
    if not member.seats:
        return () if member.left is None else (member.left,)
    days = []
    for first, last in member.seats:
        days.append(first)
        if last < date.max:
            days.append(last + timedelta(days=1))
    return days


def _sort_key(member: Member) -> str:
    return member.sort_key
