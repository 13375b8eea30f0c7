"""The storage suite on both engines: ``service`` and ``empty_service`` on SQLite and PostgreSQL.

The PostgreSQL half runs on a private cluster started once per session (tests/pgserver.py);
each test gets a fresh database copied from a migrated (and seeded) template, which takes
a fraction of a second where migrating takes several. Where PostgreSQL cannot be had, that
half is skipped, saying why. Tests about the SQLite file itself are marked ``sqlite_only``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL

from storage.service import AccordsService
from tests import pgserver
from tests.conftest import FIXED_TODAY

ENGINES = ("sqlite", "postgresql")
_numbers = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about the SQLite file itself (backups, WAL, pragmas)"
    )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgserver.Server]:
    """A PostgreSQL server for the session, or a skip that says why there is none."""
    try:
        server = pgserver.start()
    except pgserver.UnavailableError as reason:
        pytest.skip(f"PostgreSQL half skipped: {reason}")
    try:
        yield server
    finally:
        server.shut()


@pytest.fixture(scope="session")
def pg_admin(pg_cluster: pgserver.Server) -> Iterator[Engine]:
    """The server as its superuser, outside transactions (databases are made so)."""
    engine = create_engine(pg_cluster.url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _template(pg_admin: Engine, name: str, *, seed: bool) -> str:
    with pg_admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    url = pg_admin.url.set(database=name)
    opened = AccordsService.open(
        url.render_as_string(), seed=seed, clock=lambda: FIXED_TODAY, actor="tester"
    )
    opened.close()
    return name


@pytest.fixture(scope="session")
def pg_templates(pg_admin: Engine) -> Iterator[dict[bool, str]]:
    """Databases migrated once per session, seeded (True) and not (False)."""
    names = {
        seed: _template(
            pg_admin, f"accords_tmpl_{'seeded' if seed else 'empty'}_{os.getpid()}", seed=seed
        )
        for seed in (True, False)
    }
    yield names
    with pg_admin.connect() as connection:
        for name in names.values():
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_database(pg_admin: Engine, pg_templates: dict[bool, str]) -> Iterator[PgDatabases]:
    """Makes fresh databases from the templates, dropped after the test."""
    made = PgDatabases(pg_admin, pg_templates)
    yield made
    made.drop()


class PgDatabases:
    """Fresh databases copied from a template, for one test."""

    def __init__(self, admin: Engine, templates: dict[bool, str]) -> None:
        self.admin = admin
        self.templates = templates
        self.names: list[str] = []

    def fresh(self, *, seeded: bool = True) -> URL:
        """A new database, as the template was; its URL (no password)."""
        name = f"accords_t_{os.getpid()}_{next(_numbers)}"
        with self.admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {self.templates[seeded]}")
        self.names.append(name)
        return self.admin.url.set(database=name)

    def drop(self) -> None:
        with self.admin.connect() as connection:
            for name in self.names:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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
