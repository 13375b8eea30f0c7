"""The set-based dashboard figures give exactly what the record-by-record ones gave."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.orm import Session

from storage.generate import generate
from storage.insight import (
    GROUPINGS,
    Grouping,
    OverdueItem,
    StatusPoint,
    TimelineCount,
    TotalRow,
    overdue_list,
    status_history,
    timeline,
    timeline_events,
    totals,
)
from storage.insight import events as insight_events
from storage.insight import overdue as insight_overdue
from storage.insight import statuses as insight_statuses
from storage.insight.amounts import (
    NO_CATEGORY,
    NO_DONOR,
    PLEDGE,
    _Bucket,
    _pledge_ids,
    _total_rows,
)
from storage.insight.overdue import AWAITING_FOLLOW_UP, CLOSED_PROVISION_STATUSES
from storage.insight.rates import RatesOnDay
from storage.insight.statuses import _ordered
from storage.records.data import amount_text
from storage.records.periods import is_overdue
from storage.records.query import NO_CURRENCY, EventFilter, RecordQuery
from storage.schema.enums import CLOSED_PLEDGE_STATUSES, RecordKind
from storage.schema.models import Delivery, Party, PledgeCategory, Record, StatusChange
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
LETTER = "letter-of-intent-joint-defense-production"
FINANCING = "financing-joint-defense-production"


# -- the figures as they were, one record at a time: the oracles ---------------------------


@dataclass(frozen=True, slots=True)
class _OldPledge:
    id: int
    donor_slug: str | None
    donor_name: str | None
    amount: Decimal | None
    quantity: Decimal | None
    currency: str | None
    currency_as_written: str | None
    unit: str | None
    qualifier: str | None
    delivered: Decimal
    categories: tuple[str, ...]

    @property
    def bucket(self) -> str:
        if self.amount is not None:
            return self.currency or self.currency_as_written or NO_CURRENCY
        return self.unit or ""

    @property
    def figure(self) -> Decimal:
        return self.amount if self.amount is not None else (self.quantity or Decimal(0))


def day_by_day(service: AccordsService) -> list[StatusPoint]:
    """The status history with a point at the end of every day on which a status changed."""
    return status_history(service, most=sys.maxsize).points


def old_totals(
    service: AccordsService,
    *,
    by: Grouping = "donor",
    reporting_currency: str | None = None,
    query: RecordQuery | None = None,
) -> list[TotalRow]:
    base = query or RecordQuery()
    if base.kinds and PLEDGE not in base.kinds:
        return []
    base = replace(base, kinds=frozenset({PLEDGE}))
    today = service.clock()
    with service.db.reading() as session:
        pledges = _old_pledges(session, _pledge_ids(service, base, today))
        rates = RatesOnDay(session, today)
    groups: dict[str, str] = {}
    buckets: dict[tuple[str, bool, str], _Bucket] = defaultdict(_Bucket)
    for pledge in pledges:
        if pledge.amount is None and pledge.quantity is None:
            continue
        for key, label in _old_group_keys(pledge, by):
            groups[key] = label
            bucket = buckets[(key, pledge.amount is not None, pledge.bucket)]
            bucket.pledged += pledge.figure
            bucket.delivered += pledge.delivered
            bucket.ids.append(pledge.id)
            bucket.inexact += pledge.qualifier not in (None, "exact")
    # Only the adding up changed; turning buckets into rows is shared.
    return _total_rows(
        groups, buckets, by=by, query=base, reporting=reporting_currency, rates=rates
    )


def _old_group_keys(pledge: _OldPledge, by: Grouping) -> list[tuple[str, str]]:
    if by == "donor":
        if pledge.donor_slug is None:
            return [(NO_DONOR, NO_DONOR)]
        return [(pledge.donor_slug, pledge.donor_name or pledge.donor_slug)]
    if by == "category":
        if not pledge.categories:
            return [(NO_CATEGORY, NO_CATEGORY)]
        return [(c, c.replace("_", " ").capitalize()) for c in pledge.categories]
    return [(pledge.bucket, pledge.bucket)]


def _old_pledges(session: Session, ids: object) -> list[_OldPledge]:
    wanted = ids.scalar_subquery()  # type: ignore[attr-defined]
    delivered: dict[int, Decimal] = defaultdict(Decimal)
    for pledge_id, amount, quantity in session.execute(
        select(Delivery.pledge_id, Delivery.amount, Delivery.quantity).where(
            Delivery.pledge_id.in_(wanted), Delivery.deleted_at.is_(None)
        )
    ):
        delivered[pledge_id] += amount if amount is not None else (quantity or Decimal(0))
    categories: dict[int, list[str]] = defaultdict(list)
    for record_id, category in session.execute(
        select(PledgeCategory.record_id, PledgeCategory.category)
        .where(PledgeCategory.record_id.in_(wanted))
        .order_by(PledgeCategory.category)
    ):
        categories[record_id].append(category)
    rows = session.execute(
        select(
            Record.id,
            Party.slug,
            Party.name,
            Record.amount,
            Record.quantity,
            Record.currency,
            Record.currency_as_written,
            Record.unit,
            Record.qualifier,
        )
        .outerjoin(Party, Party.id == Record.donor_id)
        .where(Record.id.in_(wanted))
        .order_by(Record.id)
    )
    return [
        _OldPledge(*row, delivered.get(row[0], Decimal(0)), tuple(categories.get(row[0], ())))
        for row in rows
    ]


def old_status_timeline(service: AccordsService) -> list[StatusPoint]:
    with service.db.reading() as session:
        changes = session.execute(
            select(StatusChange.record_id, StatusChange.to_status, StatusChange.changed_at)
            .join(Record, Record.id == StatusChange.record_id)
            .where(Record.deleted_at.is_(None), Record.kind != RecordKind.PROVISION.value)
            .order_by(StatusChange.changed_at, StatusChange.id)
        ).all()
    today = service.clock()
    current: dict[int, str] = {}
    points: list[StatusPoint] = []
    seen: set[str] = set()
    day: date | None = None

    def flush(on: date) -> None:
        tally: dict[str, int] = defaultdict(int)
        for status in current.values():
            tally[status] += 1
        seen.update(tally)
        points.extend(StatusPoint(on, status, tally.get(status, 0)) for status in _ordered(seen))

    for record_id, to_status, changed_at in changes:
        changed_on = changed_at.date()
        if day is not None and changed_on != day:
            flush(day)
        day = changed_on
        current[record_id] = to_status
    if day is not None:
        flush(day)
        if today > day:
            flush(today)
    return points


def old_overdue_list(service: AccordsService) -> list[OverdueItem]:
    today = service.clock()
    items: list[OverdueItem] = []
    late_children: dict[int, list[OverdueItem]] = defaultdict(list)
    with service.db.reading() as session:
        for record, delivered, count in _old_due_records(session, today):
            item = _old_late_item(record, delivered, count, today)
            if item is None:
                continue
            items.append(item)
            owner = record.parent_id if record.kind != PLEDGE else record.from_document_id
            if owner is not None:
                late_children[owner].append(item)
        documents = session.scalars(
            select(Record).where(
                Record.id.in_(sorted(late_children)),
                Record.kind == RecordKind.DOCUMENT.value,
                Record.deleted_at.is_(None),
                Record.status.in_([s.value for s in AWAITING_FOLLOW_UP]),
            )
        ).all()
        for document in documents:
            late = sorted(late_children[document.id], key=lambda i: -i.days_late)
            items.append(
                OverdueItem(
                    document.id,
                    document.slug,
                    document.kind,
                    document.title,
                    document.status,
                    late[0].due_end,
                    late[0].days_late,
                    f"still {document.status.replace('_', ' ')}; overdue: "
                    + ", ".join(i.title for i in late),
                )
            )
    return sorted(items, key=lambda i: (-i.days_late, i.title.casefold(), i.record_id))


def _old_due_records(session: Session, today: date) -> list[tuple[Record, Decimal, int]]:
    records = session.scalars(
        select(Record)
        .where(
            Record.deleted_at.is_(None),
            Record.due_end.is_not(None),
            Record.due_end < today,
            or_(
                and_(
                    Record.kind == PLEDGE,
                    Record.status.not_in([s.value for s in CLOSED_PLEDGE_STATUSES]),
                ),
                and_(
                    Record.kind == RecordKind.PROVISION.value,
                    Record.status.not_in([s.value for s in CLOSED_PROVISION_STATUSES]),
                ),
            ),
        )
        .order_by(Record.id)
    ).all()
    delivered: dict[int, Decimal] = defaultdict(Decimal)
    counts: dict[int, int] = defaultdict(int)
    for pledge_id, amount, quantity in session.execute(
        select(Delivery.pledge_id, Delivery.amount, Delivery.quantity).where(
            Delivery.pledge_id.in_([r.id for r in records]), Delivery.deleted_at.is_(None)
        )
    ):
        delivered[pledge_id] += amount if amount is not None else (quantity or Decimal(0))
        counts[pledge_id] += 1
    return [(r, delivered.get(r.id, Decimal(0)), counts.get(r.id, 0)) for r in records]


def _old_late_item(
    record: Record, delivered: Decimal, count: int, today: date
) -> OverdueItem | None:
    assert record.due_end is not None
    days = (today - record.due_end).days
    same = (record.id, record.slug, record.kind, record.title, record.status, record.due_end)
    if record.kind != PLEDGE:
        status = record.status.replace("_", " ")
        return OverdueItem(*same, days, f"due by {record.due_end}, still {status}")
    pledged = record.amount if record.amount is not None else record.quantity
    if not is_overdue(
        status=record.status,
        due_end=record.due_end,
        pledged=pledged,
        delivered=delivered,
        delivery_count=count,
        today=today,
    ):
        return None
    money = record.amount is not None
    unit = (record.currency or record.currency_as_written or "") if money else (record.unit or "")
    if pledged is None:
        reason = f"due by {record.due_end}; nothing delivered"
    else:
        shown = f"{amount_text(delivered, unit)} of {amount_text(pledged, unit)}"
        reason = f"due by {record.due_end}; {shown} delivered"
    return OverdueItem(*same, days, reason, pledged, delivered, unit)


def counted(events: Iterable[insight_events.TimelineEvent]) -> list[TimelineCount]:
    """What the aggregated timeline must say, counted one event at a time."""
    tally: Counter[tuple[date, insight_events.EventKind]] = Counter()
    for event in events:
        if event.initial:
            continue
        day = event.end if event.kind == "due" and event.end is not None else event.day
        tally[(day.replace(day=1), event.kind)] += 1
    order = insight_events.EVENT_KINDS
    keys = sorted(tally, key=lambda k: (k[0], order.index(k[1])))
    return [TimelineCount(month, kind, tally[(month, kind)]) for month, kind in keys]


# -- a varied database -----------------------------------------------------------------------


def tweak(service: AccordsService) -> None:
    """Add what the generator may not make: zero quantities, same-day status round trips,
    late pledges and provisions under signed documents, pledges without donor or category, trashed
    records with history, rates."""
    september = service.records.resolve_id(SEPTEMBER)
    service.records.change_status(september, "committed")
    service.records.change_status(september, "partially_delivered")
    service.records.change_status(september, "announced")  # there and back on one day
    service.deliveries.add_delivery(september, delivered_on="2025-09-15", amount="100000000.10")
    service.deliveries.add_delivery(september, delivered_on="2025-09-16", amount="0.20")
    with service.db.writing() as session:
        quantity_pledge = session.scalars(
            select(Record.id).where(Record.quantity.is_not(None)).order_by(Record.id)
        ).first()
        financing = session.scalars(select(Record).where(Record.slug == FINANCING)).one()
        financing.due_start, financing.due_end = date(2025, 10, 1), date(2025, 10, 31)
        financing.due_precision = "month"
        provision = session.scalars(select(Record).where(Record.slug == "customs-training")).one()
        provision.due_start, provision.due_end = date(2026, 1, 1), date(2026, 3, 31)
        provision.due_precision = "quarter"
        first, second = session.scalars(
            select(Record.id).where(Record.kind == PLEDGE).order_by(Record.id.desc()).limit(2)
        ).all()
        session.execute(delete(PledgeCategory).where(PledgeCategory.record_id == first))
        session.execute(update(Record).where(Record.id == second).values(donor_id=None))
        # An empty code, only possible by hand, falls back to the symbol as ``or`` did.
        session.execute(
            update(Record)
            .where(Record.id == first)
            .values(amount="12.50", currency="", currency_as_written="€")
        )
    assert quantity_pledge is not None
    service.deliveries.add_delivery(quantity_pledge, delivered_on="2025-01-01", quantity="5.5")
    service.deliveries.add_delivery(quantity_pledge, delivered_on="2025-01-02", quantity="0.00")
    with service.db.writing() as session:
        session.execute(
            update(StatusChange)
            # Before any other change: the statuses passed through that day count nowhere.
            .where(StatusChange.record_id == september)
            .values(changed_at=datetime(1980, 1, 1, 9, tzinfo=UTC))
        )
        trashed = session.scalars(
            select(Record.id).where(Record.kind == PLEDGE).order_by(Record.id.desc()).slice(2, 5)
        ).all()
    for record_id in trashed:
        service.records.delete_record(record_id)
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    service.rates.set("USD", "EUR", "0.9", date(2026, 1, 1), "ECB")


@pytest.fixture
def varied(service: AccordsService) -> AccordsService:
    """The seed, 400 generated records and a few hand-made edge cases."""
    generate(service, 400, seed=11)
    tweak(service)
    return service


QUERIES = [
    None,
    RecordQuery(statuses=frozenset({"committed", "announced"})),
    RecordQuery(party="canada"),
    RecordQuery(tag="military"),
    RecordQuery(text="drones"),
    RecordQuery(kinds=frozenset({"document"})),
]


# -- the tests --------------------------------------------------------------------------


def test_the_varied_database_has_what_the_comparisons_need(varied: AccordsService) -> None:
    rows = old_totals(varied, by="currency")
    assert len({row.unit for row in rows if row.is_money}) >= 4
    assert any(not row.is_money for row in rows) and any(row.inexact for row in rows)
    assert any(row.group == NO_CATEGORY for row in old_totals(varied, by="category"))
    assert any(row.group == NO_DONOR for row in old_totals(varied, by="donor"))
    late = old_overdue_list(varied)
    assert {item.kind for item in late} == {"pledge", "provision", "document"}
    assert len(old_status_timeline(varied)) > 100


@pytest.mark.parametrize("by", GROUPINGS)
@pytest.mark.parametrize("reporting", [None, "USD", "CAD"])
def test_totals_are_exactly_the_old_ones(
    varied: AccordsService, by: Grouping, reporting: str | None
) -> None:
    for query in QUERIES:
        expected = old_totals(varied, by=by, reporting_currency=reporting, query=query)
        got = totals(varied, by=by, reporting_currency=reporting, query=query)
        assert got == expected, (by, reporting, query)
        # Equal Decimals can still be written differently ("5.5" and "5.50").
        assert [str(r.delivered) for r in got] == [str(r.delivered) for r in expected]
        assert [str(r.pledged) for r in got] == [str(r.pledged) for r in expected]


def test_the_status_timeline_is_exactly_the_old_one(varied: AccordsService) -> None:
    assert day_by_day(varied) == old_status_timeline(varied)


def test_the_status_timeline_reads_its_history_in_batches(
    varied: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(insight_statuses, "MOVES_PER_BATCH", 3)
    assert day_by_day(varied) == old_status_timeline(varied)


@pytest.mark.parametrize("today", [date(2026, 11, 28), date(2020, 6, 1), date(2030, 1, 1)])
def test_the_overdue_list_is_exactly_the_old_one(varied: AccordsService, today: date) -> None:
    varied.clock = lambda: today
    expected = old_overdue_list(varied)
    got = overdue_list(varied)
    assert got == expected
    assert [i.reason for i in got] == [i.reason for i in expected]


def test_the_overdue_list_asks_for_document_owners_in_batches(
    varied: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(insight_overdue, "OWNERS_PER_QUERY", 2)
    assert overdue_list(varied) == old_overdue_list(varied)


def test_few_events_are_listed_one_by_one(varied: AccordsService) -> None:
    events = timeline_events(varied)
    shown = timeline(varied, limit=len(events))
    assert not shown.aggregated and shown.counts == ()
    assert shown.total == len(events) and list(shown.events) == events


def test_many_events_are_counted_per_month_and_kind(varied: AccordsService) -> None:
    events = timeline_events(varied)
    shown = timeline(varied, limit=len(events) - 1)
    assert shown.aggregated and shown.events == ()
    assert shown.total == len(events)
    assert list(shown.counts) == counted(events)
    assert {c.kind for c in shown.counts} == {"signed", "announced", "due", "status"}


def test_the_seed_alone_gives_the_old_figures(service: AccordsService) -> None:
    for by in GROUPINGS:
        assert totals(service, by=by) == old_totals(service, by=by)
    assert day_by_day(service) == old_status_timeline(service)
    assert overdue_list(service) == old_overdue_list(service)
    assert list(timeline(service).events) == timeline_events(service)


def test_changes_made_undone_and_trashed_replay_as_each_records_own_changes(
    service: AccordsService,
) -> None:
    """The history replays each change's from_status: every writer must leave it equal to
    the status the record was in, undoing included (an undo appends the change back)."""
    pledge, letter = service.records.resolve_id(SEPTEMBER), service.records.resolve_id(LETTER)
    for status in ("committed", "announced", "committed", "partially_delivered"):
        service.records.change_status(pledge, status)
    service.records.change_status(letter, "in_force")
    service.records.change_status(letter, "signed")  # as the undo of that change does
    service.records.delete_record(service.records.resolve_id(FINANCING))
    assert day_by_day(service) == old_status_timeline(service)
    service.records.restore_record(service.records.resolve_id(FINANCING))
    assert day_by_day(service) == old_status_timeline(service)


def test_an_empty_database_has_no_figures(empty_service: AccordsService) -> None:
    assert totals(empty_service) == []
    assert day_by_day(empty_service) == []
    assert overdue_list(empty_service) == []
    shown = timeline(empty_service, limit=0)
    assert (shown.total, shown.events, shown.counts, shown.aggregated) == (0, (), (), False)


def test_a_month_of_the_counted_timeline_lists_the_records_behind_its_events(
    varied: AccordsService,
) -> None:
    """The records an EventFilter lists are exactly those with such events that month."""
    behind: defaultdict[tuple[date, str], set[int]] = defaultdict(set)
    for event in timeline_events(varied):
        if not event.initial:
            day = event.end if event.kind == "due" and event.end is not None else event.day
            behind[(day.replace(day=1), event.kind)].add(event.record_id)
    assert {kind for _month, kind in behind} == {"signed", "announced", "due", "status"}
    for count in timeline(varied, limit=0).counts:
        query = RecordQuery(
            event=EventFilter.month(count.kind, count.month), include_provisions=True
        )
        listed = {row.id for row in varied.records.iter_records(query)}
        assert listed == behind[(count.month, count.kind)], (count.month, count.kind)
        if count.kind != "status":  # one such event per record; status changes may repeat
            assert varied.records.count_records(query) == count.total


def test_an_event_filter_names_its_month_or_its_days() -> None:
    assert EventFilter.month("announced", date(2025, 8, 24)) == EventFilter(
        "announced", date(2025, 8, 1), date(2025, 8, 31)
    )
    assert EventFilter.month("due", date(2024, 2, 10)).end == date(2024, 2, 29)
    assert EventFilter.month("signed", date(2025, 12, 5)).describe() == "signed in December 2025"
    assert (
        EventFilter("status", date(2025, 8, 1), date(2025, 8, 10)).describe()
        == "with a status change from August 1, 2025 to August 10, 2025"
    )


def test_an_event_filter_is_described_in_the_language_in_use() -> None:
    from storage import i18n
    from tools import catalogues

    catalogues.compile_all()
    try:
        i18n.install("fr_CA")
        said = EventFilter.month("signed", date(2025, 12, 5)).describe()
        assert said == "signées en décembre 2025"
        i18n.install("uk")
        said = EventFilter("status", date(2025, 8, 1), date(2025, 8, 10)).describe()
        assert said.startswith("зі зміною статусу з 1 серпня 2025")
    finally:
        i18n.install("en")
