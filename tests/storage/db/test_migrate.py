"""Bringing a database to the current schema: the head revision, recorded, a newer one refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import migrate
from storage.db.engine import make_engine
from storage.db.paths import resolve_database_url
from storage.errors import NewerSchemaError, NotAccordsError
from storage.service import AccordsService


@pytest.fixture
def migrated(db_path: Path) -> Iterator[AccordsService]:
    """A freshly created and migrated database, not seeded."""
    service = AccordsService.open(str(db_path), seed=False)
    yield service
    service.close()


def test_schema_head_constant_matches_the_scripts() -> None:
    """The revision the code expects is the newest migration script."""
    assert migrate.head_revision() == migrate.SCHEMA_HEAD


def test_opening_records_the_schema_version(migrated: AccordsService) -> None:
    """A database opened by Accords records the current schema revision."""
    with migrated.db.engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    assert versions == [(migrate.SCHEMA_HEAD,)]
    assert migrated.db.report.created
    assert migrated.db.report.migrated_from == ""


def test_reopening_a_current_database_migrates_nothing(db_path: Path) -> None:
    """A second open finds the schema current and seeds nothing more."""
    AccordsService.open(str(db_path)).close()
    again = AccordsService.open(str(db_path))
    try:
        assert again.db.report.migrated_from is None
        assert not again.db.report.created
        assert again.db.report.seeded_items == 0
    finally:
        again.close()


def test_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    """A database from a newer Accords raises NewerSchemaError and keeps every byte."""
    AccordsService.open(str(db_path)).close()
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = db_path.read_bytes()

    with pytest.raises(NewerSchemaError, match="9999"):
        AccordsService.open(str(db_path))

    assert db_path.read_bytes() == before
    check = sqlite3.connect(db_path)
    try:
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]
    finally:
        check.close()


def test_pending_names_the_revision_to_migrate_from(db_path: Path) -> None:
    """An empty file needs everything (""), a current one nothing (None)."""
    engine = make_engine(resolve_database_url(str(db_path)))
    try:
        assert migrate.pending(engine) == ""
        migrate.upgrade(engine)
        assert migrate.pending(engine) is None
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.SCHEMA_HEAD
    finally:
        engine.dispose()


def test_another_programs_tables_are_not_an_accords_database(db_path: Path) -> None:
    other = sqlite3.connect(db_path)
    with other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    other.close()
    engine = make_engine(resolve_database_url(str(db_path)))
    try:
        with pytest.raises(NotAccordsError, match="not an Accords database"):
            migrate.pending(engine)
        with engine.connect() as connection:
            assert migrate.current_revision(connection) is None
    finally:
        engine.dispose()


def test_every_revision_up_to_the_head_is_known() -> None:
    known = migrate.known_revisions()
    assert {f"{n:04d}" for n in range(1, int(migrate.SCHEMA_HEAD) + 1)} == known
