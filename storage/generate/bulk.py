"""Fast bulk insert: a transaction's rows by Core ``insert()`` executemany, in batches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from storage.generate.rows import Row, Rows
from storage.records.search_index import add_search_rows

BATCH_ROWS = 5_000  # rows per executemany statement


def write_rows(session: Session, rows: Rows, *, search: bool) -> None:
    """Every table's rows, parents first; with ``search``, the search rows and title order
    of the new records as well (SQLite only: the index is FTS5)."""
    for table, table_rows in rows.tables():
        for batch in batches(table_rows):
            session.execute(insert(table), batch)
        postgresql = session.bind is not None and session.bind.dialect.name == "postgresql"
        if postgresql and "id" in table.c:
            _advance_sequence(session, table.name)
    if search:
        add_search_rows(session.connection(), batches(rows.search))


def _advance_sequence(session: Session, table: str) -> None:
    """Move PostgreSQL's id sequence past ids given explicitly: the next insert gets a new one."""
    session.execute(
        text(
            "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        ),
        {"table": table},
    )


def batches(rows: Sequence[Row], size: int = BATCH_ROWS) -> Iterable[list[Row]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])
