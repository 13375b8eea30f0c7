"""The team's grants on a real PostgreSQL server: what each level may read and write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, create_engine, exc, insert, select, text, update

from storage.errors import ValidationError
from storage.schema import tables
from storage.team.access import Access
from storage.team.roles import check_name, init_team, list_members, remove_member
from tests.storage.team.conftest import TeamDatabase

RATE = {
    "from_currency": "EUR",
    "to_currency": "CAD",
    "rate": "1.5",
    "on_date": "2025-01-01",
    "source": "",
}


@contextmanager
def connected_as(team: TeamDatabase, name: str) -> Iterator[Connection]:
    engine = create_engine(team.url_of(name))
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


def refused(team: TeamDatabase, name: str, statement: object) -> bool:
    """Whether the server refuses ``name`` the statement for want of a privilege."""
    try:
        with connected_as(team, name) as connection:
            connection.execute(statement)  # type: ignore[call-overload]
    except exc.ProgrammingError as error:
        return getattr(error.orig, "sqlstate", None) == "42501"
    return False


def first_record(team: TeamDatabase) -> int:
    with team.engine.connect() as connection:
        return int(connection.scalar(select(tables.records.c.id).limit(1)) or 0)


def test_a_viewer_reads_and_the_server_refuses_its_update(team_db: TeamDatabase) -> None:
    viewer = team_db.login(Access.VIEWER)
    with connected_as(team_db, viewer) as connection:
        assert connection.scalar(select(tables.records.c.title).limit(1))
    rename = update(tables.records).values(title="Changed by a viewer")
    assert refused(team_db, viewer, rename)


def test_an_editor_writes_a_note_but_not_an_exchange_rate(team_db: TeamDatabase) -> None:
    editor = team_db.login(Access.EDITOR)
    note = {"record_id": first_record(team_db), "body": "From an editor", "author": editor}
    with connected_as(team_db, editor) as connection:
        connection.execute(insert(tables.notes).values(**note))
    assert refused(team_db, editor, insert(tables.exchange_rates).values(**RATE))
    dismissal = {"rule": "r", "record_slug": "s", "field": "f", "reason": "x", "dismissed_by": "e"}
    assert refused(team_db, editor, insert(tables.finding_dismissals).values(**dismissal))


def test_an_admin_sets_exchange_rates(team_db: TeamDatabase) -> None:
    admin = team_db.login(Access.ADMIN)
    with connected_as(team_db, admin) as connection:
        connection.execute(insert(tables.exchange_rates).values(**RATE))
    with team_db.engine.connect() as connection:
        assert connection.scalar(select(tables.exchange_rates.c.rate)) is not None


def test_a_role_on_no_team_reads_nothing(team_db: TeamDatabase) -> None:
    stranger = team_db.login(None)
    assert refused(team_db, stranger, select(tables.records.c.id))


def test_init_twice_changes_nothing_more(team_db: TeamDatabase) -> None:
    matrix = text(
        "SELECT g, t, has_table_privilege(g, t, p) FROM unnest(ARRAY["
        "'accords_viewer','accords_editor','accords_admin']) g,"
        " (SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public') ts,"
        " unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE']) p ORDER BY 1, 2, 3"
    )
    with team_db.engine.connect() as connection:
        before = connection.execute(matrix).all()
    with team_db.engine.begin() as connection:
        done = init_team(connection)
    with team_db.engine.connect() as connection:
        assert connection.execute(matrix).all() == before
    assert not any(line.startswith("Created") for line in done)


def test_moving_a_member_leaves_one_group_and_removing_drops_what_add_made(
    team_db: TeamDatabase,
) -> None:
    member = team_db.login(Access.ADMIN)
    from storage.team.roles import add_member

    with team_db.engine.begin() as connection:
        add_member(connection, member, Access.VIEWER)
        assert [(m.name, m.access) for m in list_members(connection)] == [(member, Access.VIEWER)]
        creates = text("SELECT rolcreaterole FROM pg_roles WHERE rolname = :n")
        assert connection.scalar(creates, {"n": member}) is False
        said = remove_member(connection, member)
        assert "dropped" in said
        assert list_members(connection) == []


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Alice",
        "1alice",
        'a"b',
        "a;drop role postgres",
        "a b",
        "pg_monitor",
        "accords_admin",
        "x" * 64,
        "ä",
    ],
)
def test_names_that_are_not_role_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        check_name(name)


@pytest.mark.parametrize("name", ["alice", "a.b-c@example.org", "_x", "x" * 63])
def test_role_names_accepted(name: str) -> None:
    assert check_name(name) == name


def test_removing_keeps_a_role_that_owns_objects(team_db: TeamDatabase) -> None:
    member = team_db.login(Access.EDITOR)
    with team_db.engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE TABLE owned_by_{member} (x int)")
        connection.exec_driver_sql(f"ALTER TABLE owned_by_{member} OWNER TO {member}")
        said = remove_member(connection, member)
        assert said.endswith("the role was kept, as it owns objects.")
        assert list_members(connection) == []
        assert connection.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": member}
        )
        connection.exec_driver_sql(f"DROP TABLE owned_by_{member}")


def test_removing_keeps_a_role_team_add_did_not_create(team_db: TeamDatabase) -> None:
    from storage.team.roles import add_member

    member = team_db.login(None)
    with team_db.engine.begin() as connection:
        add_member(connection, member, Access.VIEWER)
        said = remove_member(connection, member)
        assert said.endswith("the role itself was kept, as `team add` did not create it.")
        assert connection.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": member}
        )
