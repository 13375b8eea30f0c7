"""The span of generated dates and times; nothing the generator writes reads the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from storage.schema.enums import Precision

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2026, 12, 31)
RECENT_DAY = date(2014, 1, 1)  # most days fall after this one, as most records are recent
# Every generated timestamp lies between these two fixed instants.
BASE_TIME = datetime(1990, 1, 1, 9, 0, tzinfo=UTC)
END_TIME = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)


def stamp(day: date, minutes: int) -> datetime:
    """``minutes`` after 8:00 UTC on ``day``, at most END_TIME."""
    return min(
        datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes),
        END_TIME,
    )


def period_start(day: date, precision: Precision) -> date:
    """The first day of the day, month, quarter or year that holds ``day``."""
    if precision is Precision.DAY:
        return day
    if precision is Precision.MONTH:
        return day.replace(day=1)
    if precision is Precision.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)
