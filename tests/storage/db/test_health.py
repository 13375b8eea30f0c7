"""The integrity check of an open database: intact, or each problem in one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.db.health import check_database
from storage.service import AccordsService


def test_a_seeded_database_is_intact(service: AccordsService) -> None:
    assert check_database(service) == []


@pytest.mark.sqlite_only
def test_a_row_pointing_at_a_missing_record_is_named(
    service: AccordsService, db_path: Path
) -> None:
    # Only another program, or a damaged file, can write this: Accords keeps foreign keys on.
    other = sqlite3.connect(db_path)
    with other:
        other.execute("PRAGMA foreign_keys = OFF")
        other.execute(
            "INSERT INTO notes (record_id, body, author, created_at, updated_at, version) "
            "VALUES (987654, 'lost', 'x', '2025-01-01 00:00:00', '2025-01-01 00:00:00', 1)"
        )
    other.close()
    problems = check_database(service)
    assert len(problems) == 1
    assert problems[0].startswith("row ") and "of notes points at a missing records" in problems[0]
