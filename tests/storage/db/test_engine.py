"""The engine factory: SQLite's safety pragmas, write locks taken at BEGIN, interruptible reads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from storage.db.engine import ReadInterrupter, make_engine, writer
from storage.db.paths import resolve_database_url
from storage.service import AccordsService


@pytest.fixture
def migrated(db_path: Path) -> Iterator[AccordsService]:
    """A freshly created and migrated database, not seeded."""
    service = AccordsService.open(str(db_path), seed=False)
    yield service
    service.close()


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    """An engine on a new SQLite file with one table, and a short busy wait."""
    made = make_engine(resolve_database_url(str(db_path)), busy_timeout_ms=50)
    with made.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    yield made
    made.dispose()


def test_connection_pragmas(migrated: AccordsService) -> None:
    """Connections enforce foreign keys, use WAL, sync fully and wait when busy."""
    with migrated.db.engine.connect() as connection:

        def pragma(name: str) -> Any:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2
        assert pragma("busy_timeout") > 0


def test_a_writer_takes_the_lock_at_begin(engine: Engine, db_path: Path) -> None:
    """A write transaction holds the lock from BEGIN, so a second writer fails before writing."""
    other = sqlite3.connect(db_path, timeout=0.05, isolation_level=None)
    try:
        with (
            writer(engine).begin(),
            pytest.raises(sqlite3.OperationalError, match="locked"),
        ):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the writer ended
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_reader_does_not_take_the_write_lock(engine: Engine, db_path: Path) -> None:
    other = sqlite3.connect(db_path, timeout=0.05, isolation_level=None)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT count(*) FROM t")).scalar()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_interrupt_stops_a_running_read_but_not_a_write(engine: Engine) -> None:
    """An interrupt reaches connections reading now; a write transaction is never tracked."""
    interrupter = ReadInterrupter(engine)
    long_count = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
    with engine.connect() as connection, connection.begin():
        threading.Timer(0.1, interrupter.interrupt).start()
        with pytest.raises(OperationalError, match="interrupt"):
            connection.exec_driver_sql(long_count.format(rows=3 * 10**7) + "SELECT count(*) FROM n")
    with writer(engine).begin() as connection:
        threading.Timer(0.05, interrupter.interrupt).start()
        rows = 2_000_000
        connection.exec_driver_sql(long_count.format(rows=rows) + "INSERT INTO t SELECT i FROM n")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM t").scalar() == rows


def test_a_postgresql_engine_waits_a_bounded_time_and_pings() -> None:
    """Made without connecting: a connect timeout and a ping before each pooled use."""
    url = make_url("postgresql+psycopg://alice@127.0.0.1:1/accords")
    engine = make_engine(url)
    try:
        assert engine.pool._pre_ping
        assert engine.dialect.name == "postgresql"
    finally:
        engine.dispose()


def test_each_sqlite_connection_has_the_decimal_functions(engine: Engine) -> None:
    with engine.connect() as connection:
        compared = connection.exec_driver_sql("SELECT decimal_compare('0.8', '0.70')").scalar()
        total = connection.exec_driver_sql(
            "SELECT decimal_sum(v) FROM (SELECT '0.70' AS v UNION ALL SELECT '0.10')"
        ).scalar()
    assert (compared, total) == (1, "0.80")
