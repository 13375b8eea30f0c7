"""The storage suite on both engines: ``service`` and ``empty_service`` on SQLite and PostgreSQL.

The PostgreSQL half runs on a private cluster started once per session (tests/pgserver.py);
each test gets a fresh database copied from a migrated (and seeded) template, which takes
a fraction of a second where migrating takes several. Where PostgreSQL cannot be had, that
half is skipped, saying why. Tests about the SQLite file itself are marked ``sqlite_only``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.service import AccordsService
from tests.conftest import FIXED_TODAY
from tests.pgfixtures import PgDatabases

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """Which engine the test runs on; a ``sqlite_only`` test skips PostgreSQL's turn."""
    name: str = request.param
    if name == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about the SQLite file itself")
    return name


def _open_on(
    engine_name: str, request: pytest.FixtureRequest, db_path: Path, *, seeded: bool
) -> AccordsService:
    if engine_name == "postgresql":
        databases: PgDatabases = request.getfixturevalue("pg_database")
        target = databases.fresh(seeded=seeded).render_as_string()
    else:
        if seeded:
            shutil.copyfile(request.getfixturevalue("seeded_template"), db_path)
        target = str(db_path)
    return AccordsService.open(target, seed=seeded, clock=lambda: FIXED_TODAY, actor="tester")


@pytest.fixture
def service(
    engine_name: str, request: pytest.FixtureRequest, db_path: Path
) -> Iterator[AccordsService]:
    """A service on a freshly seeded database (SQLite file or PostgreSQL), fixed clock."""
    opened = _open_on(engine_name, request, db_path, seeded=True)
    yield opened
    opened.close()


@pytest.fixture
def empty_service(
    engine_name: str, request: pytest.FixtureRequest, db_path: Path
) -> Iterator[AccordsService]:
    """A service on a migrated but unseeded database (SQLite file or PostgreSQL)."""
    opened = _open_on(engine_name, request, db_path, seeded=False)
    yield opened
    opened.close()
