"""`accords copy`: SQLite to PostgreSQL and back, verified, never into a database with records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storage.errors import DatabaseError
from storage.records.query import RecordQuery
from storage.service import AccordsService
from storage.transfer.copy import copy_database
from tests.conftest import FIXED_TODAY
from tests.pgfixtures import PgDatabases


def listed(target: str) -> list[tuple[str, str, str]]:
    service = AccordsService.open(target, seed=False, clock=lambda: FIXED_TODAY)
    try:
        query = RecordQuery(include_provisions=True)
        return [(r.slug, r.title, r.status) for r in service.records.list_records(query)]
    finally:
        service.close()


def test_a_file_goes_to_a_server_and_back_unchanged(
    seeded_template: Path, tmp_path: Path, pg_database: PgDatabases
) -> None:
    source = tmp_path / "source.sqlite3"
    shutil.copyfile(seeded_template, source)
    server = pg_database.fresh(seeded=False).render_as_string()
    there = copy_database(str(source), server)
    assert there.records > 0
    back = tmp_path / "back.sqlite3"
    again = copy_database(server, str(back))
    assert again.rows == there.rows
    assert listed(str(back)) == listed(str(source)) == listed(server)
    # The copy takes new records as the original does: its ids were moved past the copied.
    service = AccordsService.open(server, clock=lambda: FIXED_TODAY, actor="tester")
    try:
        record = service.records.list_records(RecordQuery())[0].id
        service.notes.add_note(record, "Written after the copy")
    finally:
        service.close()


def test_a_target_holding_records_is_refused_unchanged(
    seeded_template: Path, tmp_path: Path, pg_database: PgDatabases
) -> None:
    source = tmp_path / "source.sqlite3"
    shutil.copyfile(seeded_template, source)
    server = pg_database.fresh(seeded=True).render_as_string()
    before = listed(server)
    with pytest.raises(DatabaseError, match="already holds records"):
        copy_database(str(source), server)
    assert listed(server) == before


def test_a_source_that_is_no_database_makes_no_target(tmp_path: Path) -> None:
    """The source refused first: no target file is made, and none is said to be removed."""
    source = tmp_path / "notes.txt"
    source.write_text("not a database\n" * 100)
    target = tmp_path / "copy.sqlite3"
    with pytest.raises(DatabaseError) as refused:
        copy_database(str(source), str(target))
    assert "made for the copy" not in str(refused.value)
    assert not any(tmp_path.glob("copy.sqlite3*"))


@pytest.mark.parametrize("name", ["accords.sqlite3-wal", "accords.sqlite3-shm", "link.sqlite3"])
def test_a_target_that_is_the_source_or_its_side_file_is_refused_untouched(
    db_path: Path, seeded_template: Path, name: str
) -> None:
    """Copied "into" the source's -wal, the copy was reported verified, then went with the
    WAL when the source closed. Refused before either is opened; the source's bytes stay."""
    shutil.copyfile(seeded_template, db_path)
    (db_path.parent / "link.sqlite3").symlink_to(db_path.name)
    before = db_path.read_bytes()
    files = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(DatabaseError, match="same database"):
        copy_database(str(db_path), str(db_path.parent / name))
    with pytest.raises(DatabaseError, match="same database"):
        copy_database(str(db_path.parent / name), str(db_path))
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files
