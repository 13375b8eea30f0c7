"""Records per status now, and the status counts over time replayed from the history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Literal, NamedTuple

from sqlalchemy import Select, func, select

from storage.records.query import KIND_STATUS_COUNTS
from storage.schema.enums import DocumentStatus, PledgeStatus, RecordKind
from storage.schema.models import Record, StatusChange
from storage.service import AccordsService

# Rows fetched at a time when replaying the status history.
MOVES_PER_BATCH = 2000
# A status history over more days than this gets a point per week, or per month: decades
# of days would cost seconds of drawing for no visible detail.
HISTORY_PERIODS = 2000
HistoryPeriod = Literal["day", "week", "month"]
PERIOD_KEYS: dict[HistoryPeriod, Callable[[date], object]] = {
    "day": lambda day: day,
    "week": lambda day: day.isocalendar()[:2],
    "month": lambda day: (day.year, day.month),
}


class StatusCount(NamedTuple):
    """How many live records of a kind are in a status now."""

    kind: str
    status: str
    total: int


class StatusPoint(NamedTuple):
    """How many live records were in ``status`` at the end of ``day``."""

    day: date
    status: str
    total: int


def status_order() -> tuple[str, ...]:
    """Every status, documents first, each kind in life order."""
    return (*(s.value for s in DocumentStatus), *(s.value for s in PledgeStatus))


def status_counts(service: AccordsService) -> list[StatusCount]:
    """Live documents and pledges (not provisions, not the trash) per kind and status."""
    with service.db.reading() as session:
        rows = session.execute(KIND_STATUS_COUNTS).all()
    order = {status: index for index, status in enumerate(status_order())}
    counts = [
        StatusCount(kind, status, total - trashed)
        for kind, status, total, trashed in rows
        if kind != RecordKind.PROVISION.value and total > trashed
    ]
    return sorted(counts, key=lambda c: (c.kind != "document", order.get(c.status, 99), c.status))


class StatusHistory(NamedTuple):
    """The status counts over time, a point per status at the end of each ``period``."""

    period: HistoryPeriod
    points: list[StatusPoint]


def status_history(service: AccordsService, *, most: int = HISTORY_PERIODS) -> StatusHistory:
    """The number of live documents and pledges in each status over time, from the history.

    The period is the finest of day, week and month that gives at most ``most`` of them
    (at coarsest a month). A point per status is given at the end of the last day, in each
    period, on which some status changed (replaying the ``status_changes`` table), with the
    count at the end of that day; a status gets points from the first such day on which
    it counts records, and a zero point when it drops to zero. A final point at today (the
    service's clock) is added when today is after the last change, so lines run up to now;
    it stands for its period.
    """
    days, moves = _daily_moves(service)
    today = service.clock()
    if days and today > days[-1]:
        days.append(today)
        moves.append([])
    period, ends = _period_ends(days, most)
    tally: dict[str, int] = defaultdict(int)
    points: list[StatusPoint] = []
    seen: list[str] = []
    for day, day_moves in zip(days, moves, strict=True):
        for entered, left, count in day_moves:
            tally[entered] += count
            if left is not None:
                tally[left] -= count
        if day not in ends:
            continue
        if any(total and status not in seen for status, total in tally.items()):
            seen = _ordered({*seen, *(status for status, total in tally.items() if total)})
        points.extend(StatusPoint(day, status, tally[status]) for status in seen)
    return StatusHistory(period, points)


Move = tuple[str, str | None, int]  # entered, left (None for a record's first status), count


def _daily_moves(service: AccordsService) -> tuple[list[date], list[list[Move]]]:
    """The days on which some status changed, in order, and each day's moves."""
    days: list[date] = []
    moves: list[list[Move]] = []
    with service.db.reading() as session:
        rows = session.connection().execution_options(yield_per=MOVES_PER_BATCH)
        for changed_on, entered, left, count in rows.execute(_status_moves()):
            # Text from SQLite, a date from PostgreSQL.
            day = changed_on if isinstance(changed_on, date) else date.fromisoformat(changed_on)
            if not days or days[-1] != day:
                days.append(day)
                moves.append([])
            moves[-1].append((entered, left, count))
    return days, moves


def _status_moves() -> Select[Any]:
    """How many live records moved from one status to another on each day, by day.

    A change's ``from_status`` is the status its record was in, which is the one its
    previous change entered: every status change, undo included, goes through the history.
    """
    listed = select(Record.id).where(
        Record.deleted_at.is_(None), Record.kind != RecordKind.PROVISION.value
    )
    day = func.date(StatusChange.changed_at)
    return (
        select(day, StatusChange.to_status, StatusChange.from_status, func.count())
        .where(StatusChange.record_id.in_(listed))
        .group_by(day, StatusChange.to_status, StatusChange.from_status)
        .order_by(day)
    )


def _period_ends(days: Sequence[date], most: int) -> tuple[HistoryPeriod, set[date]]:
    """The finest period giving at most ``most`` points (at coarsest a month), and the last
    of ``days`` in each."""
    fits = (p for p, key in PERIOD_KEYS.items() if len({key(day) for day in days}) <= most)
    period: HistoryPeriod = next(fits, "month")
    key = PERIOD_KEYS[period]
    return period, set({key(day): day for day in days}.values())  # in order: the last stays


def _ordered(statuses: Iterable[str]) -> list[str]:
    order = {status: index for index, status in enumerate(status_order())}
    return sorted(statuses, key=lambda s: (order.get(s, 99), s))
