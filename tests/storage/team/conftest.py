"""A real PostgreSQL server for the team tests: a fresh database each, and login roles on it.

The server is the storage suite's (tests/pgserver.py): a private cluster started for the
session, or the one ACCORDS_TEST_POSTGRES names; where neither can be had the tests skip,
saying why.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from psycopg import sql
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL

from storage.team.access import Access
from storage.team.roles import GROUPS, add_member, init_team

SERVER_VARIABLE = "ACCORDS_TEST_POSTGRES"
PASSWORD = "team-test-password"
_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_server(pg_admin: Engine) -> Iterator[Engine]:
    """The session's server (tests/pgserver.py), as its superuser (autocommit: databases and
    roles are made outside transactions); the team's group roles and every test role are
    dropped at the end."""
    engine = pg_admin
    yield engine
    with engine.connect() as connection:
        names = connection.scalars(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'tt\\_%' OR rolname = ANY(:g)"),
            {"g": list(GROUPS.values())},
        ).all()
        for name in names:
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')  # names are ours


@dataclass
class TeamDatabase:
    """A database with the schema, the seed and the team's grants, as its superuser sees it."""

    url: URL
    engine: Engine
    roles: list[str] = field(default_factory=list)

    def login(self, level: Access | None, prefix: str = "tt_user") -> str:
        """A new login role with the tests' password, at ``level`` (None: on no team)."""
        name = f"{prefix}_{os.getpid()}_{next(_numbers)}"
        with self.engine.begin() as connection:
            if level is None:
                connection.exec_driver_sql(f"CREATE ROLE {name} LOGIN")
            else:
                add_member(connection, name, level)
            set_password(connection, name)
        self.roles.append(name)
        return name

    def url_of(self, name: str) -> URL:
        """The URL ``name`` logs in with, in this process (the password in it)."""
        return self.url.set(username=name, password=PASSWORD)

    def command_of(self, name: str) -> tuple[str, dict[str, str]]:
        """The --db URL and environment for `accords` run as ``name`` (no password in it)."""
        url = self.url.set(username=name, password=None, drivername="postgresql")
        return url.render_as_string(), {**os.environ, "PGPASSWORD": PASSWORD}


def set_password(connection: object, name: str) -> None:
    """Give ``name`` the tests' password, so that it can log in over TCP."""
    from sqlalchemy import Connection

    assert isinstance(connection, Connection)
    raw = connection.connection.dbapi_connection
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(
        sql.Identifier(name), sql.Literal(PASSWORD)
    )
    connection.exec_driver_sql(statement.as_string(raw))  # type: ignore[arg-type]


@pytest.fixture
def team_db(pg_server: Engine, pg_templates: dict[bool, str]) -> Iterator[TeamDatabase]:
    """A fresh seeded database (a copy of the migrated template) whose team is set up."""
    name = f"accords_team_{os.getpid()}_{next(_numbers)}"
    with pg_server.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {pg_templates[True]}")
    url = pg_server.url.set(database=name)
    engine = create_engine(url)
    with engine.begin() as connection:
        init_team(connection)
    team = TeamDatabase(url, engine)
    yield team
    engine.dispose()
    with pg_server.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        for role in team.roles:
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
