"""The service: opened on a database, in parts, acting as a named user or the one who runs it."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.service import AccordsService, login_name

DRONES = "september-2025-drones-ammunition-armored-vehicles"


def test_each_part_works_through_the_service_database(service: AccordsService) -> None:
    parts = (
        service.records, service.notes, service.parties, service.sources,
        service.deliveries, service.findings, service.figures, service.imports,
    )  # fmt: skip
    assert all(part._db is service.db for part in parts)
    assert service.rates is service.rates  # made once, on first use
    assert service.rates.service is service


def test_the_clock_is_read_at_each_call(db_path: Path) -> None:
    """A record falls overdue when the clock passes its due period, with no reopening."""
    day = [date(2025, 9, 10)]
    service = AccordsService.open(str(db_path), clock=lambda: day[0], actor="tester")
    try:
        assert not service.records.get_record(DRONES).row.overdue
        day[0] = date(2025, 10, 1)
        assert service.records.get_record(DRONES).row.overdue
    finally:
        service.close()


def test_without_a_named_actor_the_database_says_who(service: AccordsService) -> None:
    """On PostgreSQL the database user makes the change; on SQLite the login name."""
    unnamed = AccordsService.open(service.db.location, seed=False)
    try:
        if service.db.engine.dialect.name == "postgresql":
            with service.db.engine.connect() as connection:
                expected = connection.execute(text("SELECT current_user")).scalar()
        else:
            expected = getpass.getuser()
        record_id = unnamed.records.resolve_id(DRONES)
        unnamed.records.change_status(record_id, "committed")
        detail = unnamed.records.get_record(record_id)
        assert detail.history[-1].changed_by == expected
        assert detail.updated_by == expected
    finally:
        unnamed.close()


def test_a_login_without_a_name_is_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process whose user has no name (a container's bare uid) records "local"."""

    def nameless() -> str:
        raise KeyError("getpwuid(): uid not found: 4242")

    monkeypatch.setattr(getpass, "getuser", nameless)
    assert login_name() == "local"
