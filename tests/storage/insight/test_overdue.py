"""The overdue list: pledges past their due period and the documents whose follow-up is late."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.insight.overdue import overdue_list
from storage.service import AccordsService

TODAY = date(2026, 11, 28)
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
FINANCING = "financing-joint-defense-production"
LETTER = "letter-of-intent-joint-defense-production"


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
