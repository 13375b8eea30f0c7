"""Bringing an older file to this version's tables, killed midway or short of space, leaves it
whole: at its older version with every record, or updated, and never half of each."""

from __future__ import annotations

import hashlib
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from storage.db import database as database_module
from storage.db import migrate
from storage.db.backup import list_backups
from storage.errors import DatabaseError
from storage.service import AccordsService
from tests.schema import downgrade_to

OLD_REVISION = "0001"  # the longest update there is: every migration runs
GENERATED = 3_000
KILLS = 12
TIMEOUT = 120
LIST = ("list", "--format", "csv")


@pytest.fixture(scope="module")
def old_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file of the first schema holding the seed and generated records, checkpointed."""
    path = tmp_path_factory.mktemp("old") / "old.sqlite3"
    service = AccordsService.open(str(path))
    from storage.generate.generation import generate

    generate(service, GENERATED, seed=7)
    downgrade_to(service.db.engine, OLD_REVISION)
    service.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    shutil.rmtree(path.with_name("old-backups"), ignore_errors=True)
    return path


def fresh_copy(old_file: Path, folder: Path, name: str) -> Path:
    """The old file copied alone (no backups beside it) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"{name}.sqlite3"
    shutil.copyfile(old_file, copy)
    return copy


def accords_list(database: Path) -> list[str]:
    """`accords --db DATABASE list --format csv`, as a user runs it."""
    return [sys.executable, "-m", "storage.cli", "--db", str(database), *LIST]


@pytest.fixture(autouse=True)
def english_and_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The subprocesses speak English and keep their data folder (logs) to the test."""
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("ACCORDS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ACCORDS_DB", raising=False)


def fingerprint(path: Path) -> tuple[str, int, str]:
    """The file's revision, record count and a digest of every record's and note's text,
    read with sqlite3 alone: the tables both revisions have."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        rows = connection.execute("SELECT id, slug, title, status FROM records ORDER BY id")
        notes = connection.execute("SELECT id, record_id, body FROM notes ORDER BY id")
        digest = hashlib.sha256(repr((rows.fetchall(), notes.fetchall())).encode()).hexdigest()
        count = connection.execute("SELECT count(*) FROM records").fetchone()[0]
    finally:
        connection.close()
    return revision, count, digest


def kill_during_update(database: Path, delay: float) -> None:
    """Run `accords list` on an old file and SIGKILL it ``delay`` seconds after the
    before-update backup is in place, that is, while the update runs or just after."""
    child = subprocess.Popen(
        accords_list(database), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    backups = database.with_name(f"{database.stem}-backups")
    deadline = time.monotonic() + TIMEOUT
    while not any(backups.glob("*-before-migration.sqlite3")):
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            pytest.fail("the update finished or stalled before its backup was seen")
        time.sleep(0.001)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(TIMEOUT)


def update_window(old_file: Path, folder: Path) -> tuple[float, bytes]:
    """How long the update lasts, from its backup appearing to a reader seeing the new
    revision, and what the run lists after it."""
    database = fresh_copy(old_file, folder, "calibration")
    child = subprocess.Popen(accords_list(database), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    backups = folder / "calibration-backups"
    while not any(backups.glob("*-before-migration.sqlite3")) and child.poll() is None:
        time.sleep(0.001)
    seen = time.monotonic()
    while revision_of(database) != migrate.SCHEMA_HEAD and child.poll() is None:
        time.sleep(0.002)
    updated = time.monotonic()
    listed, errors = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, errors
    return updated - seen, listed


def revision_of(database: Path) -> str:
    """The revision a reader sees now (the old one until the update commits)."""
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.slow
def test_kills_during_an_update_leave_the_old_file_whole_or_the_updated_one(
    old_file: Path, tmp_path: Path
) -> None:
    """SIGKILL while an old file is brought to this version's tables, at random moments: the
    file is whole each time, at its old revision with every record or at the head, and the
    next `accords` updates it and lists exactly what an uninterrupted update lists."""
    window, expected = update_window(old_file, tmp_path / "calibration")
    old_revision, old_count, old_digest = fingerprint(old_file)
    chance = random.Random(20261206)
    left_old = 0
    for kill in range(KILLS):
        database = fresh_copy(old_file, tmp_path / f"kill{kill}", "accords")
        kill_during_update(database, chance.uniform(0, window * 1.25))
        revision, count, digest = fingerprint(database)
        assert revision in (old_revision, migrate.SCHEMA_HEAD), revision
        assert count == old_count
        if revision == old_revision:
            left_old += 1
            assert digest == old_digest, "an interrupted update changed the old file"
        listed = subprocess.run(
            accords_list(database), check=False, capture_output=True, timeout=TIMEOUT
        )
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout == expected
        assert fingerprint(database)[0] == migrate.SCHEMA_HEAD
    # Most kills land inside the update, the rest just after it.
    assert left_old >= KILLS // 2, f"only {left_old} kills interrupted the update"


def test_a_disk_without_room_for_the_backup_leaves_the_old_file_and_says_so(
    old_file: Path, tmp_path: Path
) -> None:
    """A file-size limit below the backup's size (as a nearly full disk gives): `accords`
    says in one line that the backup failed and the file was not updated, and keeps it."""
    database = fresh_copy(old_file, tmp_path, "accords")
    before = fingerprint(database)
    limit = database.stat().st_size // 2

    def short_of_space() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails, as on ENOSPC
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    refused = subprocess.run(
        accords_list(database),
        check=False,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=short_of_space,
    )
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "Could not back up" in lines[0]
    assert "was not updated to this version of Accords and is unchanged" in lines[0]
    assert refused.stdout == ""
    assert fingerprint(database) == before
    assert list_backups(database) == []
    assert not any(database.with_name("accords-backups").glob("*.sqlite3*"))
    again = subprocess.run(
        accords_list(database), check=False, capture_output=True, timeout=TIMEOUT
    )
    assert again.returncode == 0, again.stderr


def test_a_database_full_during_the_update_keeps_the_old_file(
    old_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No room left inside the update itself (max_page_count; the backup has room): opening
    fails with the plain "full" line, which says the file was left at its older version,
    and the file is as it was; with room, the next open updates it."""
    database = fresh_copy(old_file, tmp_path, "accords")
    before = fingerprint(database)
    make_engine = database_module.make_engine

    def capped(url: object, **options: object) -> object:
        engine = make_engine(url, **options)  # type: ignore[arg-type]
        event.listen(engine, "connect", _no_room_to_grow)
        return engine

    monkeypatch.setattr(database_module, "make_engine", capped)
    with pytest.raises(DatabaseError) as refused:
        AccordsService.open(str(database))
    message = str(refused.value)
    assert "full" in message
    assert "it was left as it was, at its older version" in message
    assert "edit" not in message
    assert fingerprint(database) == before
    monkeypatch.setattr(database_module, "make_engine", make_engine)
    service = AccordsService.open(str(database))
    try:
        assert service.db.report.migrated_from == OLD_REVISION
    finally:
        service.close()
    assert fingerprint(database)[:2] == (migrate.SCHEMA_HEAD, before[1])


def _no_room_to_grow(connection: sqlite3.Connection, _record: object) -> None:
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages + 2}")


def test_fingerprint_sees_a_changed_note(old_file: Path, tmp_path: Path) -> None:
    """The check above can fail: one changed note changes the digest."""
    database = fresh_copy(old_file, tmp_path, "accords")
    before = fingerprint(database)
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "UPDATE notes SET body = body || '.' WHERE id = (SELECT min(id) FROM notes)"
        )
    connection.close()
    assert fingerprint(database)[2] != before[2]
