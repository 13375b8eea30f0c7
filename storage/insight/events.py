"""Signings, announcements, due periods and status changes on a timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, CompoundSelect, Select, func, literal, select, union_all

from storage.i18n import _
from storage.schema.models import Record, StatusChange
from storage.service import AccordsService

# More events than this are counted per month rather than drawn one by one (see ``timeline``).
TIMELINE_EVENT_LIMIT = 500


EventKind = Literal["signed", "announced", "due", "status"]
EVENT_KINDS: tuple[EventKind, ...] = ("signed", "announced", "due", "status")


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """Something that happened, or is due, to a record on a day (a due period has an end)."""

    day: date
    kind: EventKind
    record_id: int
    record_slug: str
    record_kind: str
    title: str
    label: str
    end: date | None = None
    initial: bool = False  # a status event that only records the status the record began with
    statuses: tuple[str, str] = ("", "")  # a status event's codes, before and after


def timeline_events(service: AccordsService) -> list[TimelineEvent]:
    """Signing and announcement dates, due periods and status changes of live records.

    Provisions are included (their due periods and status changes matter); events are in
    date order, then by record.
    """
    events: list[TimelineEvent] = []
    with service.db.reading() as session:
        records = session.execute(
            select(
                Record.id,
                Record.slug,
                Record.kind,
                Record.title,
                Record.signed_on,
                Record.announced_on,
                Record.due_start,
                Record.due_end,
            ).where(Record.deleted_at.is_(None))
        ).all()
        changes = session.execute(
            select(
                StatusChange.record_id,
                StatusChange.from_status,
                StatusChange.to_status,
                StatusChange.changed_at,
            )
            .join(Record, Record.id == StatusChange.record_id)
            .where(Record.deleted_at.is_(None))
            .order_by(StatusChange.changed_at, StatusChange.id)
        ).all()
    by_id = {r.id: r for r in records}
    for r in records:
        same = (r.id, r.slug, r.kind, r.title)
        if r.signed_on is not None:
            events.append(TimelineEvent(r.signed_on, "signed", *same, "signed"))
        if r.announced_on is not None:
            events.append(TimelineEvent(r.announced_on, "announced", *same, "announced"))
        if r.due_start is not None and r.due_end is not None:
            label = _("due {due_start} to {due_end}").format(
                due_start=r.due_start, due_end=r.due_end
            )
            events.append(TimelineEvent(r.due_start, "due", *same, label, r.due_end))
    for record_id, from_status, to_status, changed_at in changes:
        r = by_id[record_id]
        text = (
            f"{from_status} → {to_status}"
            if from_status
            else _("recorded as {to_status}").format(to_status=to_status)
        )
        events.append(
            TimelineEvent(
                changed_at.date(),
                "status",
                r.id,
                r.slug,
                r.kind,
                r.title,
                text,
                initial=from_status is None,
                statuses=(from_status or "", to_status),
            )
        )
    return sorted(events, key=lambda e: (e.day, e.record_id, e.kind))


@dataclass(frozen=True, slots=True)
class TimelineCount:
    """How many events of a kind fall in the month that begins on ``month``.

    A due period counts in the month it ends; a status change that only records the status
    a record began with is not counted.
    """

    month: date
    kind: EventKind
    total: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The timeline: each event when there are few, else counts per month and kind.

    ``total`` is the number of events ``timeline_events`` would give, whichever is shown.
    """

    total: int
    events: tuple[TimelineEvent, ...] = ()
    counts: tuple[TimelineCount, ...] = ()

    @property
    def aggregated(self) -> bool:
        """True when the events are counted per month rather than listed."""
        return self.total > 0 and not self.events


def timeline(service: AccordsService, *, limit: int = TIMELINE_EVENT_LIMIT) -> Timeline:
    """Every event (as ``timeline_events``) when there are at most ``limit``, else counts.

    Beyond a few hundred events a chart of one lane per record is unreadable and loading
    them all costs seconds and hundreds of MiB, so they are counted per month in SQL.
    """
    with service.db.reading() as session:
        rows = session.connection().execute(_event_counts()).all()
    total = sum(int(count) for _month, _kind, _initial, count in rows)
    if total <= limit:
        return Timeline(total, events=tuple(timeline_events(service)))
    counts = [
        TimelineCount(date.fromisoformat(f"{month}-01"), kind, int(count))
        for month, kind, initial, count in rows
        if not initial
    ]
    return Timeline(total, counts=tuple(sorted(counts, key=_count_order)))


def _count_order(count: TimelineCount) -> tuple[date, int]:
    return count.month, EVENT_KINDS.index(count.kind)


def _event_counts() -> CompoundSelect[Any]:
    """Events per month, kind and whether they are initial statuses, as (month, kind,
    initial, count) rows with the month as "YYYY-MM"."""
    live = Record.deleted_at.is_(None)

    def by_month(day: Any, kind: str, *conditions: ColumnElement[bool]) -> Select[Any]:
        month = func.substr(day, 1, 7)
        return (
            select(month, literal(kind), literal(False), func.count())
            .where(live, *conditions)
            .group_by(month)
        )

    month = func.substr(StatusChange.changed_at, 1, 7)
    initial = StatusChange.from_status.is_(None)
    changes = (
        select(month, literal("status"), initial, func.count())
        .join(Record, Record.id == StatusChange.record_id)
        .where(live)
        .group_by(month, initial)
    )
    return union_all(
        by_month(Record.signed_on, "signed", Record.signed_on.is_not(None)),
        by_month(Record.announced_on, "announced", Record.announced_on.is_not(None)),
        by_month(Record.due_end, "due", Record.due_start.is_not(None), Record.due_end.is_not(None)),
        changes,
    )
