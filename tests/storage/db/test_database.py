"""The database file's life: a file this user may not write opens read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.errors import DatabaseError
from storage.service import AccordsService

# -- databases this user may not write ---------------------------------------------------------


@pytest.mark.parametrize(("wal", "immutable"), [(False, True), (True, False)])
def test_a_database_this_user_may_not_write_is_opened_read_only(
    tmp_path: Path,
    seeded_template: Path,
    monkeypatch: pytest.MonkeyPatch,
    wal: bool,
    immutable: bool,
) -> None:
    """Reads work and every save is refused with nothing changed (root passes access checks,
    so the check's answer is made here; tests/storage/test_cli.py runs it for real).

    In a folder it may not write, SQLite can read a WAL database without its -shm file only
    as immutable, which is right only while no -wal file holds committed changes.
    """
    db = tmp_path / "accords.sqlite3"
    db.write_bytes(seeded_template.read_bytes())
    if wal:
        (tmp_path / "accords.sqlite3-wal").write_bytes(b"")
    before = db.read_bytes()
    monkeypatch.setattr("storage.db.database.os.access", lambda path, mode: False)
    service = AccordsService.open(str(db))
    try:
        assert service.db.read_only
        assert (service.db.engine.url.query.get("immutable") == "1") is immutable
        assert service.records.count_records() > 0
        record_id = service.records.resolve_id("action-plan-security-cooperation")
        with pytest.raises(DatabaseError, match="read-only; your edit is kept but was not saved"):
            service.notes.add_note(record_id, "x")
    finally:
        service.close()
    assert db.read_bytes() == before
