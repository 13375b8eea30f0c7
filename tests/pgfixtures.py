"""The PostgreSQL fixtures: the session's server, migrated templates, fresh databases.

The server is tests/pgserver.py's; where none can be had, every test that asks for one is
skipped, saying why.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL

from storage.service import AccordsService
from tests import pgserver

_numbers = itertools.count()


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
    from tests.conftest import FIXED_TODAY  # that conftest loads this module as a plugin

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
