"""Tests for the listing columns the triggers keep: parties, note preview, delivered measures."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from storage.db.engine import make_engine
from storage.db.paths import resolve_database_url
from storage.generate import generate
from storage.records.query import RecordQuery
from storage.service import AccordsService
from tests.schema import downgrade_to

Listing = dict[int, tuple[str, str, list[Decimal]]]


def stored(path: Path) -> Listing:
    """What the triggers wrote, per record."""
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT id, parties_label, note_preview, delivered_measures FROM records"
        ).fetchall()
    return {i: (label, note, sorted(map(Decimal, json.loads(d)))) for i, label, note, d in rows}


def recomputed(path: Path) -> Listing:
    """The same three columns worked out in Python from the tables they summarise."""
    with sqlite3.connect(path) as db:
        names = dict(db.execute("SELECT id, name FROM parties"))
        members: dict[int, list[int]] = {}
        for record_id, party_id in db.execute(
            "SELECT record_id, party_id FROM record_parties ORDER BY party_id"
        ):
            members.setdefault(record_id, []).append(party_id)
        notes: dict[int, tuple[Any, int, str]] = {}
        for record_id, updated, note_id, body in db.execute(
            "SELECT record_id, updated_at, id, body FROM notes"
        ):
            if record_id not in notes or (updated, note_id) > notes[record_id][:2]:
                notes[record_id] = (updated, note_id, body)
        delivered: dict[int, list[Decimal]] = {}
        for pledge_id, amount, quantity in db.execute(
            "SELECT pledge_id, amount, quantity FROM deliveries WHERE deleted_at IS NULL"
        ):
            delivered.setdefault(pledge_id, []).append(Decimal(amount or quantity or "0"))
        records = db.execute("SELECT id, kind, donor_id, recipient_id FROM records").fetchall()
    expected: Listing = {}
    for record_id, kind, donor, recipient in records:
        if kind == "pledge":
            label = f"{names.get(donor, '?')} → {names.get(recipient, '?')}"
        else:
            label = "; ".join(names[p] for p in members.get(record_id, []))
        note = notes[record_id][2][:300] if record_id in notes else ""
        expected[record_id] = (label, note, sorted(delivered.get(record_id, [])))
    return expected


@pytest.mark.sqlite_only  # reads the file with sqlite3; PostgreSQL: db/test_postgresql.py
def test_the_seeded_database_has_its_listing_columns(service: AccordsService) -> None:
    """Seeding fills every record's parties, note preview and deliveries."""
    assert service.db.path is not None
    listing = stored(service.db.path)
    assert listing == recomputed(service.db.path)
    labels = {label for label, _, _ in listing.values()}
    assert "Canada → Ukraine" in labels
    assert any("Ukraine" in label and "Canada" in label and "→" not in label for label in labels)


@pytest.mark.sqlite_only  # reads the file with sqlite3; PostgreSQL: db/test_postgresql.py
def test_generated_records_get_their_listing_columns(service: AccordsService) -> None:
    """Bulk inserts through SQLAlchemy Core fire the triggers too."""
    generate(service, 300, seed=7)
    assert service.db.path is not None
    listing = stored(service.db.path)
    assert listing == recomputed(service.db.path)
    assert sum(1 for _, note, _ in listing.values() if note) > 50
    assert sum(1 for _, _, measures in listing.values() if measures) > 10


@pytest.mark.sqlite_only  # reads the file with sqlite3; PostgreSQL: db/test_postgresql.py
def test_edits_keep_the_listing_columns_current(service: AccordsService) -> None:
    """Notes, deliveries, donors, membership and party names: each change shows at once."""
    assert service.db.path is not None
    pledge = service.records.resolve_id("september-2025-drones-ammunition-armored-vehicles")
    note = service.notes.add_note(pledge, "First line\nsecond line")
    service.notes.edit_note(note.id, "Edited " + "x" * 400, expected_version=note.version)
    delivery = service.deliveries.add_delivery(
        pledge, delivered_on=date(2025, 10, 1), amount="100.50"
    )
    service.deliveries.add_delivery(pledge, delivered_on=date(2025, 11, 1), amount="0.25")
    service.deliveries.remove_delivery(delivery)
    version = service.records.get_record(pledge).row.version
    service.records.update_record(pledge, version, {"donor": "Ukraine"})
    with sqlite3.connect(service.db.path) as db:
        db.execute("UPDATE parties SET name = 'Canada (renamed)' WHERE slug = 'canada'")
        db.execute(
            "DELETE FROM record_parties WHERE rowid = (SELECT min(rowid) FROM record_parties)"
        )
    assert stored(service.db.path) == recomputed(service.db.path)
    row = service.records.get_record(pledge).row
    assert row.parties.startswith("Ukraine → ")
    assert row.last_note == ("Edited " + "x" * 400)[:300]
    assert row.delivered == Decimal("0.25")
    service.deliveries.restore_delivery(delivery)
    assert service.records.get_record(pledge).row.delivered == Decimal("100.75")
    assert stored(service.db.path) == recomputed(service.db.path)


def test_a_0003_database_is_filled_when_upgraded(tmp_path: Path, db_path: Path) -> None:
    """Opening a database from before the listing columns fills them for every record."""
    AccordsService.open(str(db_path)).close()
    engine = make_engine(resolve_database_url(str(db_path)))
    downgrade_to(engine, "0003")
    engine.dispose()
    with sqlite3.connect(db_path) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(records)")}
    assert "parties_label" not in columns
    service = AccordsService.open(str(db_path))
    try:
        assert service.db.report.migrated_from == "0003"
        assert stored(db_path) == recomputed(db_path)
        rows = service.records.list_records(RecordQuery())
        assert {row.parties for row in rows} >= {"Canada → Ukraine"}
    finally:
        service.close()


def status_days(path: Path) -> tuple[dict[int, str], dict[int, str]]:
    """Each record's kept status day, and the day its latest history step took effect."""
    with sqlite3.connect(path) as db:
        kept = dict(db.execute("SELECT id, status_effective_on FROM records"))
        latest: dict[int, str] = {}
        for record_id, day in db.execute(
            "SELECT record_id, effective_on FROM status_changes ORDER BY id"
        ):
            latest[record_id] = day
    return kept, latest


@pytest.mark.sqlite_only  # reads the file with sqlite3
def test_each_record_keeps_the_day_its_status_took_effect(service: AccordsService) -> None:
    """Seeded, generated and changed statuses alike: the record has its latest step's day."""
    generate(service, 200, seed=3)
    plan = service.records.resolve_id("action-plan-security-cooperation")
    service.records.change_status(plan, "in_force", effective_on=date(2025, 10, 1))
    assert service.db.path is not None
    kept, latest = status_days(service.db.path)
    assert kept == latest
    assert kept[plan] == "2025-10-01"
    assert (
        kept[service.records.resolve_id("letter-of-intent-joint-defense-production")]
        == "2025-08-24"
    )
