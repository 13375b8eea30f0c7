"""Status counts and the status history replayed day by day, against the seed."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

from sqlalchemy import update

from storage.insight.statuses import StatusPoint, status_counts, status_history
from storage.schema.models import StatusChange
from storage.service import AccordsService

TODAY = date(2026, 11, 28)
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
FINANCING = "financing-joint-defense-production"


def day_by_day(service: AccordsService) -> list[StatusPoint]:
    """The status history with a point at the end of every day on which a status changed."""
    return status_history(service, most=sys.maxsize).points


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
