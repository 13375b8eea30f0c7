"""The timeline's events: signings, announcements, due periods and status changes."""

from __future__ import annotations

from datetime import date

from storage.insight.events import timeline_events
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
FINANCING = "financing-joint-defense-production"
LETTER = "letter-of-intent-joint-defense-production"


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
