"""Migration 0010 (who made each change) on both engines: up with data kept, and back down."""

from __future__ import annotations

from sqlalchemy import inspect, text

from storage.db import migrate
from storage.service import AccordsService
from tests.schema import downgrade_to, model_differences, upgrade_to

DRONES = "september-2025-drones-ammunition-armored-vehicles"
NEW_COLUMNS = {("records", "updated_by"), ("notes", "updated_by"), ("note_revisions", "written_by")}


def _columns(service: AccordsService) -> set[tuple[str, str]]:
    with service.db.engine.connect() as connection:
        found = inspect(connection)
        return {
            (t, c["name"])
            for t in ("records", "notes", "note_revisions")
            for c in found.get_columns(t)
        }


def test_0010_adds_who_and_leaves_earlier_rows_naming_no_one(service: AccordsService) -> None:
    record_id = service.records.resolve_id(DRONES)
    note = service.notes.add_note(record_id, "before")
    service.notes.edit_note(note.id, "after", expected_version=note.version)
    service.db.close()
    engine = service.db.engine
    downgrade_to(engine, "0009")
    assert not NEW_COLUMNS & _columns(service)
    with engine.connect() as connection:
        revisions = connection.execute(text("SELECT count(*) FROM note_revisions")).scalar()
    assert revisions == 1

    upgrade_to(engine, "head")

    assert _columns(service) >= NEW_COLUMNS
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":  # the comparison knows SQLite's search tables
            assert model_differences(connection) == []
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            migrate.SCHEMA_HEAD
        )
    reopened = AccordsService.open(service.db.location, seed=False, actor="after")
    try:
        (revision,) = reopened.notes.note_revisions(note.id)
        assert (revision.body, revision.written_by) == ("before", None)
        assert reopened.records.get_record(record_id).updated_by is None
        assert reopened.notes.get_note(note.id).updated_by is None
    finally:
        reopened.close()
