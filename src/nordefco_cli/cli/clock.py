"""The one clock: today, read once per run.

Every command and every date typed on the command line ("today", "+3
days") counts from the same day, read here the first time it is asked for
and kept on the run's root Click context. NORDEFCO_TODAY=YYYY-MM-DD sets it,
so a report can be reproduced as of a day (and the tests run on a fixed
day); a bad value is a usage error naming the variable (exit 2).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import NamedTuple

import click

TODAY_VARIABLE = "NORDEFCO_TODAY"
_KEY = "nordefco.clock"


class Clock(NamedTuple):
    """The run's day (`today`, the local date) and moment (`now`, UTC, for ics DTSTAMP).

    With NORDEFCO_TODAY, `now` is that day at 00:00 UTC, so a calendar is
    reproduced to the byte.
    """

    today: date
    now: datetime


def read_clock(environ: dict[str, str] | os._Environ[str], now: datetime) -> Clock:
    """The clock NORDEFCO_TODAY in `environ` sets, or (unset or empty) the one `now` gives.

    Raises click.BadParameter for a value that is not a YYYY-MM-DD date.
    """
    value = environ.get(TODAY_VARIABLE, "")
    if not value:  # unset or empty, as Click takes an empty NORDEFCO_DATA
        return Clock(now.astimezone().date(), now.astimezone(UTC))
    from ..core.dates import iso_date

    try:
        today = iso_date(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-01.",
                                 param_hint=f"environment variable {TODAY_VARIABLE}") from None
    return Clock(today, datetime(today.year, today.month, today.day, tzinfo=UTC))


def clock(ctx: click.Context | None = None) -> Clock:
    """The run's clock, read on first use and kept for the rest of the run."""
    root = (ctx or click.get_current_context()).find_root()
    found = root.meta.get(_KEY)
    if found is None:
        found = root.meta[_KEY] = read_clock(os.environ, datetime.now(UTC))
    return found


def today(ctx: click.Context | None = None) -> date:
    """The run's day: NORDEFCO_TODAY, or the local date when the run first asked."""
    return clock(ctx).today
