"""Totals, exchange rates, statuses, the timeline and the overdue list, against the seed."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, update

from storage.db.engine import make_engine
from storage.db.paths import resolve_database_url
from storage.errors import ValidationError
from storage.generate import generate
from storage.insight import (
    GROUPINGS,
    Grouping,
    StatusPoint,
    overdue_list,
    status_counts,
    status_history,
    timeline_events,
    totals,
)
from storage.records.query import Measure, RecordQuery
from storage.schema.models import StatusChange
from storage.service import AccordsService
from tests.schema import downgrade_to, model_differences, upgrade_to

TODAY = date(2026, 11, 28)
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
SINCE_2022 = "canada-assistance-since-2022"
FINANCING = "financing-joint-defense-production"
LETTER = "letter-of-intent-joint-defense-production"
PLEDGE = frozenset({"pledge"})
FIXED_TODAY = date(2026, 11, 28)


def day_by_day(service: AccordsService) -> list[StatusPoint]:
    """The status history with a point at the end of every day on which a status changed."""
    return status_history(service, most=sys.maxsize).points


def money_lines(rows: list) -> dict[str, tuple[Decimal, Decimal]]:  # type: ignore[type-arg]
    return {row.unit: (row.pledged, row.delivered) for row in rows if row.is_money}


# -- schema -------------------------------------------------------------------------------


@pytest.mark.sqlite_only  # PostgreSQL's schema adds byte-order collation and its search table
def test_migrated_database_matches_the_models(empty_service: AccordsService) -> None:
    """The hand-written 0002 creates exactly what the models declare."""
    with empty_service.db.engine.connect() as connection:
        assert model_differences(connection) == []
        tables = set(inspect(connection).get_table_names())
    assert {"exchange_rates", "finding_dismissals"} <= tables


def test_a_0001_database_is_upgraded_and_0002_downgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(resolve_database_url(str(path)))
    upgrade_to(engine, "0001")
    engine.dispose()
    service = AccordsService.open(str(path), clock=lambda: TODAY)
    try:
        assert service.db.report.migrated_from == "0001"
        assert service.rates.set("CAD", "USD", "0.7312", TODAY, "test") > 0
        downgrade_to(service.db.engine, "0001")
        with service.db.engine.connect() as connection:
            assert not inspect(connection).has_table("exchange_rates")
            assert not inspect(connection).has_table("finding_dismissals")
    finally:
        service.close()


# -- totals -------------------------------------------------------------------------------


def test_seeded_totals_by_currency_keep_every_currency_apart(service: AccordsService) -> None:
    rows = totals(service, by="currency")
    assert money_lines(rows) == {
        "CAD": (Decimal(22_000_000_000), Decimal(0)),
        "$": (Decimal(700_000_000), Decimal(0)),
    }
    symbol = next(row for row in rows if row.unit == "$")
    assert symbol.group == "$" and not symbol.converted and symbol.missing_rates == ()
    people = [row for row in rows if not row.is_money]
    assert [(r.unit, r.pledged, r.delivered) for r in people] == [
        ("people", Decimal(300_000), Decimal(300_000))
    ]
    assert all(isinstance(row.pledged, Decimal) for row in rows)


def test_converted_totals_are_exact_and_name_what_has_no_rate(service: AccordsService) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "Bank of Canada")
    rows = totals(service, by="donor", reporting_currency="usd")
    money = [row for row in rows if row.is_money]
    assert len(money) == 1
    canada = money[0]
    assert canada.converted and canada.unit == "USD" and canada.label == "Canada"
    assert canada.pledged == Decimal("16086400000")  # 22,000,000,000 × 0.7312, exactly
    assert canada.pledged == Decimal(22_000_000_000) * Decimal("0.7312")
    assert canada.missing_rates == ("$",)
    assert canada.unconverted == {"$": Decimal(700_000_000)}
    assert canada.warning() == "total excludes $700,000,000 (no rate for '$')"
    by_currency = {
        row.group: row for row in totals(service, by="currency", reporting_currency="USD")
    }
    assert by_currency["CAD"].pledged == Decimal("16086400000")
    assert by_currency["$"].pledged == 0 and by_currency["$"].missing_rates == ("$",)
    # People are never converted into money.
    assert [row.unit for row in rows if not row.is_money] == ["people"]


def test_without_any_rate_nothing_is_summed(service: AccordsService) -> None:
    rows = totals(service, by="donor", reporting_currency="USD")
    canada = next(row for row in rows if row.is_money)
    assert canada.pledged == 0 and canada.delivered == 0
    assert canada.missing_rates == ("$", "CAD")
    assert canada.unconverted == {"$": Decimal(700_000_000), "CAD": Decimal(22_000_000_000)}
    assert "no rate for 'CAD'" in canada.warning() and "no rate for '$'" in canada.warning()


def test_an_inverse_rate_converts_and_the_reporting_currency_itself_needs_none(
    service: AccordsService,
) -> None:
    service.rates.set("USD", "CAD", "1.25", date(2026, 11, 1))
    rows = {row.group: row for row in totals(service, by="currency", reporting_currency="USD")}
    assert rows["CAD"].pledged == Decimal("17600000000.00")  # 22e9 / 1.25
    rows = {row.group: row for row in totals(service, by="currency", reporting_currency="CAD")}
    assert rows["CAD"].pledged == Decimal(22_000_000_000) and rows["CAD"].missing_rates == ()


def test_deliveries_count_exactly(service: AccordsService) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    service.deliveries.add_delivery(september, delivered_on="2025-09-15", amount="100000000.10")
    service.deliveries.add_delivery(september, delivered_on="2025-09-20", amount="0.20")
    row = next(r for r in totals(service, by="currency") if r.unit == "$")
    assert row.delivered == Decimal("100000000.30")
    assert row.outstanding == Decimal("599999999.70")


def test_rows_carry_the_query_for_their_records(service: AccordsService) -> None:
    by_donor = totals(service, by="donor")
    cad = next(row for row in by_donor if row.caption == "Canada · CAD")
    assert cad.query == RecordQuery(
        kinds=PLEDGE, donor="canada", measure=Measure(True, frozenset({"CAD"}))
    )
    # The Canada · CAD bar lists its CAD pledge alone, not the "$" and "people" ones.
    assert [r.id for r in service.records.list_records(cad.query)] == list(cad.record_ids)
    military = [row for row in totals(service, by="category") if row.group == "military"]
    assert {row.query.category for row in military} == {"military"}
    assert {row.unit for row in military} == {"CAD", "$"}  # never merged


@pytest.mark.slow
@pytest.mark.parametrize("by", GROUPINGS)
@pytest.mark.parametrize("reporting", [None, "CAD"])
def test_each_row_lists_exactly_the_pledges_it_sums(
    service: AccordsService, by: Grouping, reporting: str | None
) -> None:
    generate(service, 400, seed=5)
    service.rates.set("USD", "CAD", "1.37", on_date="2025-01-01")
    rows = totals(service, by=by, reporting_currency=reporting)
    assert len(rows) > 5
    for row in rows:
        listed = service.records.list_records(row.query)
        assert sorted(r.id for r in listed) == list(row.record_ids), row.caption
        if not row.converted:
            figures = [r.amount if row.is_money else r.quantity for r in listed]
            assert sum(f or Decimal(0) for f in figures) == row.pledged, row.caption


def test_totals_follow_a_query_and_refuse_a_bad_grouping(service: AccordsService) -> None:
    only_committed = RecordQuery(statuses=frozenset({"committed"}))
    assert set(money_lines(totals(service, by="currency", query=only_committed))) == {"CAD"}
    assert totals(service, query=RecordQuery(kinds=frozenset({"document"}))) == []
    with pytest.raises(ValidationError):
        totals(service, by="party")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        totals(service, reporting_currency="dollars")


# -- statuses and timeline ----------------------------------------------------------------


def test_status_counts_cover_live_documents_and_pledges(service: AccordsService) -> None:
    counts = {(c.kind, c.status): c.total for c in status_counts(service)}
    assert counts == {
        ("document", "signed"): 4,
        ("pledge", "announced"): 2,
        ("pledge", "committed"): 1,
        ("pledge", "delivered"): 1,
    }
    service.records.delete_record(service.records.resolve_id(FINANCING))
    counts = {(c.kind, c.status): c.total for c in status_counts(service)}
    assert counts[("pledge", "announced")] == 1


def test_status_timeline_replays_the_history_day_by_day(service: AccordsService) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    service.records.change_status(september, "cancelled", comment="not sent")
    with service.db.writing() as session:
        session.execute(
            update(StatusChange)
            .where(StatusChange.from_status.is_(None))
            .values(changed_at=datetime(2025, 8, 24, 12, tzinfo=UTC))
        )
        session.execute(
            update(StatusChange)
            .where(StatusChange.to_status == "cancelled")
            .values(changed_at=datetime(2025, 10, 5, 9, tzinfo=UTC))
        )
    points = day_by_day(service)
    by_day: dict[date, dict[str, int]] = {}
    for point in points:
        by_day.setdefault(point.day, {})[point.status] = point.total
    assert sorted(by_day) == [date(2025, 8, 24), date(2025, 10, 5), TODAY]
    assert by_day[date(2025, 8, 24)] == {
        "signed": 4,
        "announced": 2,
        "committed": 1,
        "delivered": 1,
    }
    assert by_day[date(2025, 10, 5)]["announced"] == 1
    assert by_day[date(2025, 10, 5)]["cancelled"] == 1
    assert by_day[TODAY] == by_day[date(2025, 10, 5)]  # the line runs on to today
    assert by_day[date(2025, 8, 24)].get("cancelled", 0) == 0


def test_timeline_has_signings_announcements_due_periods_and_status_changes(
    service: AccordsService,
) -> None:
    events = timeline_events(service)
    assert events == sorted(events, key=lambda e: (e.day, e.record_id, e.kind))
    signed = {e.record_slug for e in events if e.kind == "signed"}
    assert signed == {"action-plan-security-cooperation", LETTER}
    announced = {e.record_slug for e in events if e.kind == "announced"}
    assert announced == {SEPTEMBER, FINANCING}
    (due,) = [e for e in events if e.kind == "due"]
    assert (due.record_slug, due.day, due.end) == (SEPTEMBER, date(2025, 9, 1), date(2025, 9, 30))
    initial = [e for e in events if e.kind == "status"]
    assert initial and all(e.initial for e in initial)
    service.records.change_status(service.records.resolve_id(SEPTEMBER), "committed")
    changes = [e for e in timeline_events(service) if e.kind == "status" and not e.initial]
    assert [(e.record_slug, e.label) for e in changes] == [(SEPTEMBER, "announced → committed")]


# -- overdue ------------------------------------------------------------------------------


def test_the_september_pledge_is_overdue_by_the_right_number_of_days(
    service: AccordsService,
) -> None:
    (item,) = overdue_list(service)
    assert item.slug == SEPTEMBER
    assert item.due_end == date(2025, 9, 30)
    assert item.days_late == (TODAY - date(2025, 9, 30)).days == 424
    assert item.pledged == Decimal(700_000_000) and item.delivered == 0
    assert "$0 of $700,000,000 delivered" in item.reason


@pytest.fixture
def early_service(seeded_template: Path, tmp_path: Path) -> Iterator[AccordsService]:
    """The seeded database on 2025-09-10, before the September pledge's period ended."""
    shutil.copyfile(seeded_template, tmp_path / "early.sqlite3")
    opened = AccordsService.open(str(tmp_path / "early.sqlite3"), clock=lambda: date(2025, 9, 10))
    yield opened
    opened.close()


def test_before_the_due_period_ends_nothing_is_overdue(early_service: AccordsService) -> None:
    assert overdue_list(early_service) == []


def test_full_delivery_or_cancellation_ends_overdue(service: AccordsService) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    service.deliveries.add_delivery(september, delivered_on="2025-09-30", amount="699999999.99")
    assert [i.slug for i in overdue_list(service)] == [SEPTEMBER]
    service.deliveries.add_delivery(september, delivered_on="2025-10-01", amount="0.01")
    assert overdue_list(service) == []


def test_a_signed_document_with_an_overdue_pledge_has_its_follow_up_past_due(
    service: AccordsService,
) -> None:
    financing = service.records.get_record(FINANCING)
    service.records.update_record(financing.id, financing.version, {"due": "2025-10"})
    items = {item.slug: item for item in overdue_list(service)}
    assert set(items) == {SEPTEMBER, FINANCING, LETTER}
    assert items[FINANCING].days_late == (TODAY - date(2025, 10, 31)).days
    assert items[LETTER].kind == "document"
    assert items[LETTER].days_late == items[FINANCING].days_late
    assert "Financing joint production" in items[LETTER].reason
    service.records.change_status(service.records.resolve_id(LETTER), "being_implemented")
    assert LETTER not in {item.slug for item in overdue_list(service)}


def test_a_provision_past_its_due_period_is_overdue(service: AccordsService) -> None:
    from storage.schema.models import Record

    with service.db.writing() as session:
        provision = session.scalars(select(Record).where(Record.slug == "customs-training")).one()
        provision.due_start, provision.due_end = date(2026, 1, 1), date(2026, 3, 31)
        provision.due_precision = "quarter"
    items = {item.slug: item for item in overdue_list(service)}
    assert items["customs-training"].days_late == (TODAY - date(2026, 3, 31)).days
    assert "customs-mutual-administrative-assistance" in items  # signed, follow-up late
