"""PostgreSQL as an engine: its failures in one line, its triggers, searches and conflicts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL

from storage.errors import ConflictError, DatabaseBusyError, DatabaseError
from storage.generate import generate
from storage.records.query import RecordQuery
from storage.records.statements import ADD_HISTORY
from storage.service import AccordsService
from tests import pgserver
from tests.conftest import FIXED_TODAY
from tests.pgfixtures import PgDatabases
from tests.pgserver import PASSWORD_GROUP

SECRET = "s3cret-not-shown"


def accords(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storage.cli", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def count_tables(admin: Engine, url: URL) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            return int(connection.scalar(text(query)) or 0)
    finally:
        engine.dispose()


def open_service(url: URL) -> AccordsService:
    return AccordsService.open(url.render_as_string(), clock=lambda: FIXED_TODAY, actor="tester")


@pytest.mark.slow
@pytest.mark.parametrize(
    "given",
    [
        f"postgresql://alice:{SECRET}@127.0.0.1/accords",
        f"postgresql+psycopg2://alice:{SECRET}@127.0.0.1/accords",
        "postgresql://alice@127.0.0.1",
        f"mysql://alice:{SECRET}@127.0.0.1/accords",
    ],
)
def test_a_url_refused_says_so_in_one_line_and_never_shows_its_password(given: str) -> None:
    line = one_line_failure(accords("--db", given, "list"))
    assert SECRET not in line
    assert "nothing was opened" in line.lower()


@pytest.mark.slow
def test_a_server_that_is_down_is_one_line() -> None:
    line = one_line_failure(accords("--db", "postgresql://alice@127.0.0.1:54329/accords", "list"))
    assert "Cannot reach the database server" in line


def test_a_server_with_no_free_connection_says_so_not_that_it_is_down(
    pg_admin: Engine, pg_database: PgDatabases
) -> None:
    url = pg_database.fresh()
    with pg_admin.connect() as connection:
        connection.exec_driver_sql("CREATE ROLE tt_no_slot LOGIN CONNECTION LIMIT 0")
    try:
        with pytest.raises(DatabaseBusyError, match="is busy") as refused:
            AccordsService.open(url.set(username="tt_no_slot").render_as_string(), seed=False)
        assert "Cannot reach" not in str(refused.value)
    finally:
        with pg_admin.connect() as connection:
            connection.exec_driver_sql("DROP ROLE tt_no_slot")


@pytest.mark.slow
def test_a_wrong_or_missing_password_is_one_line_and_not_shown(
    pg_admin: Engine, pg_database: PgDatabases, tmp_path: Path
) -> None:
    no_file = tmp_path / "no-pgpass"
    url = pg_database.fresh()
    with pg_admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE ROLE {PASSWORD_GROUP}")
        connection.exec_driver_sql(
            f"CREATE ROLE tt_pw_user LOGIN PASSWORD 'right-one' IN ROLE {PASSWORD_GROUP}"
        )
    target = url.set(username="tt_pw_user", drivername="postgresql").render_as_string()
    try:
        wrong = accords("--db", target, "list", env={"PGPASSWORD": SECRET})
        missing = accords(
            "--db", target, "list", env={"PGPASSWORD": "", "PGPASSFILE": str(no_file)}
        )
        right = accords("--db", target, "list", env={"PGPASSWORD": "right-one"})
    finally:
        with pg_admin.connect() as connection:
            connection.exec_driver_sql("DROP ROLE IF EXISTS tt_pw_user")
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {PASSWORD_GROUP}")
    for refused in (wrong, missing):
        line = one_line_failure(refused)
        assert "refused the password" in line
        assert SECRET not in line
    # Let in (it is on no team, so the tables refuse it: a different line).
    assert "password" not in right.stderr, right.stderr


@pytest.mark.slow
def test_a_missing_database_is_one_line_and_none_is_made(pg_admin: Engine) -> None:
    url = pg_admin.url.set(database="accords_no_such_db", drivername="postgresql")
    line = one_line_failure(accords("--db", url.render_as_string(), "list"))
    assert "no such database" in line
    with pg_admin.connect() as connection:
        query = "SELECT count(*) FROM pg_database WHERE datname = 'accords_no_such_db'"
        assert connection.scalar(text(query)) == 0


@pytest.mark.slow
def test_another_programs_database_is_refused_unchanged(
    pg_admin: Engine, pg_database: PgDatabases
) -> None:
    url = pg_database.fresh(seeded=False)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        connection.exec_driver_sql("CREATE TABLE invoices (id integer)")
    engine.dispose()
    done = accords("--db", url.set(drivername="postgresql").render_as_string(), "list")
    assert "not an Accords database" in one_line_failure(done)
    assert count_tables(pg_admin, url) == 1


@pytest.mark.slow
def test_a_newer_schema_is_refused_unchanged(pg_database: PgDatabases) -> None:
    url = pg_database.fresh()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    done = accords("--db", url.set(drivername="postgresql").render_as_string(), "list")
    assert "newer version of Accords" in one_line_failure(done)


def test_a_server_stopped_under_an_open_service_is_one_error(pg_database: PgDatabases) -> None:
    """The server going away (its connections cut) is a DatabaseError, not a driver's."""
    service = open_service(pg_database.fresh())
    try:
        database = pg_database.admin.url.database
        assert database
        with pg_database.admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid != pg_backend_pid()"
                ),
                {"name": service.db.engine.url.database},
            )
        # Pooled connections are checked before use: the next read reconnects.
        assert service.records.list_records(RecordQuery())
    finally:
        service.close()


def two_services(pg_database: PgDatabases) -> tuple[AccordsService, AccordsService]:
    url = pg_database.fresh()
    return open_service(url), open_service(url)


def test_two_sessions_editing_one_note_the_second_gets_the_conflict(
    pg_database: PgDatabases,
) -> None:
    first, second = two_services(pg_database)
    try:
        record = first.records.list_records(RecordQuery())[0].id
        note = first.notes.add_note(record, "Original")
        first.notes.edit_note(note.id, "First wins", expected_version=note.version)
        with pytest.raises(ConflictError):
            second.notes.edit_note(note.id, "Second loses", expected_version=note.version)
        assert second.notes.get_note(note.id).body == "First wins"
    finally:
        first.close()
        second.close()


def test_a_note_edit_that_loses_the_race_gets_the_conflict(pg_database: PgDatabases) -> None:
    """Both read version 1; the first commits while the second is between read and write."""
    first, second = two_services(pg_database)
    try:
        record = first.records.list_records(RecordQuery())[0].id
        note = first.notes.add_note(record, "Original")
        import storage.api.notes as notes_module

        real: Callable[..., object] = notes_module.note_view

        raced: list[bool] = []

        def read_then_let_first_save(connection: object, note_id: int) -> object:
            seen = real(connection, note_id)
            if not raced:  # the first session's own read goes straight through
                raced.append(True)
                first.notes.edit_note(note_id, "First wins", expected_version=note.version)
            return seen

        notes_module.note_view = read_then_let_first_save  # type: ignore[assignment]
        try:
            with pytest.raises(ConflictError):
                second.notes.edit_note(note.id, "Second loses", expected_version=note.version)
        finally:
            notes_module.note_view = real  # type: ignore[assignment]
        saved = second.notes.get_note(note.id)
        assert saved.body == "First wins"
        assert len(second.notes.note_revisions(note.id)) == 1
    finally:
        first.close()
        second.close()


def test_two_sessions_editing_one_field_the_second_gets_the_conflict(
    pg_database: PgDatabases,
) -> None:
    first, second = two_services(pg_database)
    try:
        row = first.records.list_records(RecordQuery())[0]
        first.records.update_record(row.id, row.version, {"title": "First title"})
        with pytest.raises((ConflictError, DatabaseError)):
            second.records.update_record(row.id, row.version, {"title": "Second title"})
        assert second.records.get_record(row.id).row.title == "First title"
    finally:
        first.close()
        second.close()


def test_the_triggers_keep_the_listing_columns(pg_database: PgDatabases) -> None:
    service = open_service(pg_database.fresh())
    try:
        record = service.records.list_records(RecordQuery())[0].id
        service.notes.add_note(record, "Fresh words for the preview")
        row = next(r for r in service.records.list_records(RecordQuery()) if r.id == record)
        assert row.last_note == "Fresh words for the preview"
        pledges = service.records.list_records(RecordQuery(kinds=frozenset({"pledge"})))
        assert pledges and all(" → " in r.parties for r in pledges)
    finally:
        service.close()


@pytest.mark.slow
def test_a_server_going_down_is_one_line_and_coming_back_is_reconnected() -> None:
    """A private server is stopped under an open service, then started again."""
    try:
        server = pgserver.start(private=True)
    except pgserver.UnavailableError as reason:
        pytest.skip(str(reason))
    try:
        admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql("CREATE DATABASE accords_down")
        admin.dispose()
        service = open_service(server.url.set(database="accords_down"))
        try:
            before = service.records.list_records(RecordQuery())
            server.halt()
            with pytest.raises(DatabaseError) as refused:
                service.records.list_records(RecordQuery())
            message = str(refused.value)
            assert len(message.splitlines()) == 1
            assert "database server" in message
            server.restart()
            assert service.records.list_records(RecordQuery()) == before
        finally:
            service.close()
    finally:
        server.shut()


@pytest.mark.slow
def test_backup_of_a_team_database_is_a_verified_sqlite_snapshot(
    pg_database: PgDatabases, tmp_path: Path
) -> None:
    url = pg_database.fresh().set(drivername="postgresql").render_as_string()
    done = accords("--db", url, "backup", env={"ACCORDS_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "(verified)" in done.stdout
    (snapshot,) = (tmp_path / "team-snapshots").glob("*.sqlite3")
    listed = accords("--db", str(snapshot), "list", "--format", "csv")
    original = accords("--db", url, "list", "--format", "csv")
    assert listed.stdout == original.stdout
    assert listed.stdout.count("\n") > 5


@pytest.mark.slow
def test_sslmode_in_the_url_is_passed_to_libpq(pg_database: PgDatabases) -> None:
    url = pg_database.fresh().set(drivername="postgresql")
    plain = accords(
        "--db", url.update_query_dict({"sslmode": "disable"}).render_as_string(), "list"
    )
    assert plain.returncode == 0, plain.stderr
    bogus = url.update_query_dict({"sslmode": "bogus"}).render_as_string()
    assert "sslmode is not valid" in one_line_failure(accords("--db", bogus, "list"))


def test_a_status_change_that_loses_the_race_gets_the_conflict(pg_database: PgDatabases) -> None:
    """Both read the record; the first commits its change between the second's read and write."""
    first, second = two_services(pg_database)
    try:
        plan = first.records.resolve_id("action-plan-security-cooperation")
        history = len(first.records.get_record(plan).history)
        raced: list[bool] = []

        def first_saves_now(_connection: object, statement: object, *_args: object) -> None:
            if statement is ADD_HISTORY and not raced:  # the second has read the record
                raced.append(True)
                first.records.change_status(plan, "in_force")

        event.listen(second.db.engine, "before_execute", first_saves_now)
        with pytest.raises(ConflictError):
            second.records.change_status(plan, "terminated")
        assert raced
        detail = first.records.get_record(plan)
        assert detail.row.status == "in_force"
        assert len(detail.history) == history + 1  # the loser's step was undone
    finally:
        first.close()
        second.close()


def test_the_migrations_go_down_and_up_again(pg_database: PgDatabases) -> None:
    """Every PostgreSQL branch of the migrations can be undone and done again."""
    from tests.schema import downgrade_to, upgrade_to

    url = pg_database.fresh(seeded=False)
    engine = create_engine(url)
    try:
        for revision in ("0007", "0005", "0003", "base"):
            downgrade_to(engine, revision)
            upgrade_to(engine, "head")
            downgrade_to(engine, revision)
        with engine.connect() as connection:
            left = connection.scalar(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            )
            functions = connection.scalar(
                text(
                    "SELECT count(*) FROM pg_proc JOIN pg_namespace ON pronamespace = "
                    "pg_namespace.oid WHERE nspname = 'public'"
                )
            )
        assert (left, functions) == (1, 0)  # alembic_version alone
        upgrade_to(engine, "head")
    finally:
        engine.dispose()
    service = open_service(url)
    try:
        assert service.records.count_records(RecordQuery()) > 0
    finally:
        service.close()


LISTING = text(
    "SELECT slug, parties_label, note_preview, delivered_measures, status_effective_on FROM records"
)


def listing_columns(service: AccordsService) -> dict[str, tuple[object, ...]]:
    with service.db.connected() as connection:
        return {
            row[0]: (row[1], row[2], row[3], None if row[4] is None else str(row[4]))
            for row in connection.execute(LISTING)
        }


def same_edits(service: AccordsService) -> None:
    """Generation, and the edits the listing columns follow, as the window makes them."""
    generate(service, 150, seed=3)
    pledge = service.records.resolve_id("september-2025-drones-ammunition-armored-vehicles")
    note = service.notes.add_note(pledge, "First line\nsecond line")
    service.notes.edit_note(note.id, "Edited " + "ї" * 400, expected_version=note.version)
    delivery = service.deliveries.add_delivery(
        pledge, delivered_on=date(2025, 10, 1), amount="100.50"
    )
    service.deliveries.add_delivery(pledge, delivered_on=date(2025, 11, 1), amount="0.25")
    service.deliveries.remove_delivery(delivery)
    version = service.records.get_record(pledge).row.version
    service.records.update_record(pledge, version, {"donor": "Ukraine"})
    plan = service.records.resolve_id("action-plan-security-cooperation")
    service.records.change_status(plan, "in_force", effective_on=date(2025, 10, 1))
    with service.db.writing_core() as connection:
        connection.execute(
            text("UPDATE parties SET name = 'Canada (renamed)' WHERE slug = 'canada'")
        )


def test_the_triggers_keep_the_listing_columns_as_sqlite_does(
    pg_database: PgDatabases, seeded_template: Path, tmp_path: Path
) -> None:
    """The same edits on a file and on a server leave the same listing columns."""
    file = tmp_path / "same.sqlite3"
    shutil.copyfile(seeded_template, file)
    sqlite = AccordsService.open(str(file), clock=lambda: FIXED_TODAY, actor="tester")
    server = open_service(pg_database.fresh())
    try:
        for service in (sqlite, server):
            same_edits(service)
        on_file, on_server = listing_columns(sqlite), listing_columns(server)
        assert len(on_server) > 150
        assert on_server == on_file
        row = server.records.get_record("september-2025-drones-ammunition-armored-vehicles").row
        assert row.parties.startswith("Ukraine → ")
        assert row.last_note == ("Edited " + "ї" * 400)[:300]
    finally:
        sqlite.close()
        server.close()


@pytest.mark.slow
def test_copy_refuses_a_target_with_records_in_one_line(
    pg_database: PgDatabases, seeded_template: Path, tmp_path: Path
) -> None:
    file = tmp_path / "from.sqlite3"
    shutil.copyfile(seeded_template, file)
    target = pg_database.fresh().set(drivername="postgresql").render_as_string()
    before = accords("--db", target, "list", "--format", "csv").stdout
    line = one_line_failure(accords("copy", str(file), target))
    assert "already holds records; nothing was copied" in line
    assert accords("--db", target, "list", "--format", "csv").stdout == before
    fresh = pg_database.fresh(seeded=False).set(drivername="postgresql").render_as_string()
    done = accords("copy", str(file), fresh)
    assert done.returncode == 0, done.stderr
    assert "verified" in done.stdout
