"""`accords copy FROM TO`: a whole database, SQLite or PostgreSQL, into an empty one, verified.

Every table's rows are copied in one transaction on the target, parents first; a column
that refers to its own table (a provision's document, an organisation's parent) is filled
in a second pass, since PostgreSQL checks each row's references as it is inserted. The
search index is then written afresh from the copied records. The copy is verified by
counting every table on both sides and by exporting both to CSV, which must be identical.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update

from storage.db.database import Database
from storage.db.dberrors import COMMAND_LINE
from storage.db.dbfile import is_database_file
from storage.db.partfiles import remove_with_side_files
from storage.db.paths import resolve_database_url, sqlite_file
from storage.errors import DatabaseError
from storage.i18n import _
from storage.records import search_index
from storage.schema import tables

BATCH_ROWS = 2000


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What was copied, and that it was checked."""

    source: str
    target: str
    rows: dict[str, int]

    @property
    def records(self) -> int:
        """How many records the copy holds."""
        return self.rows.get("records", 0)


def copy_database(source: str, target: str) -> CopyReport:
    """Copy the database ``source`` names into the empty one ``target`` names, and verify it.

    A target that holds records (or a seed) is refused with nothing changed. A target file
    this copy created is removed again if the copy fails (a full disk, say): a failed copy
    leaves no half-made database behind to be mistaken for one.
    """
    _refuse_one_file(source, target)
    new_file = _new_file(target)
    try:
        return _copy_and_verify(source, target)
    except DatabaseError as error:
        if new_file is None or not new_file.exists():  # none was made (the source failed)
            raise
        remove_with_side_files(new_file)
        raise DatabaseError(
            _("{error} Nothing was copied, and {target}, made for the copy, was removed.").format(
                error=error, target=new_file
            )
        ) from None
    except BaseException:
        if new_file is not None:
            remove_with_side_files(new_file)
        raise


def _refuse_one_file(source: str, target: str) -> None:
    """Refuse a target that is the source file, one of its -wal, -shm or -journal, or the
    reverse, before either is opened: opening the source makes its -wal, and a copy "into"
    it was reported verified, then deleted with the WAL when the source closed."""
    origin, destination = (sqlite_file(resolve_database_url(name)) for name in (source, target))
    if origin is None or destination is None:
        return
    if is_database_file(destination, origin) or is_database_file(origin, destination):
        raise DatabaseError(_("The source and the target are the same database."))


def _new_file(target: str) -> Path | None:
    """The SQLite file ``target`` names, if there is none yet (the copy will create it)."""
    path = sqlite_file(resolve_database_url(target))
    return path if path is not None and not path.exists() else None


def _copy_and_verify(source: str, target: str) -> CopyReport:
    origin = Database.open(source, seed=False, wording=COMMAND_LINE)
    try:
        destination = Database.open(target, seed=False, wording=COMMAND_LINE)
        try:
            if origin.location == destination.location:
                raise DatabaseError(_("The source and the target are the same database."))
            if not destination.is_empty():
                raise DatabaseError(
                    _(
                        "{target} already holds records; nothing was copied. Copy into a new, "
                        "empty database."
                    ).format(target=destination.location)
                )
            with origin.connected() as reading, destination.writing_core() as writing:
                for table in _tables():
                    _copy_table(reading, writing, table)
                search_index.rebuild(writing)
                if writing.dialect.name == "postgresql":
                    _advance_sequences(writing)
                    writing.exec_driver_sql("ANALYZE")  # the planner's statistics, as generate
            return _verified(origin, destination)
        finally:
            destination.close()
    finally:
        origin.close()


def _tables() -> list[Table]:
    return [t for t in tables.metadata.sorted_tables if t.name != "alembic_version"]


def _self_references(table: Table) -> list[str]:
    """The columns of ``table`` that refer to ``table`` itself."""
    return [key.parent.name for key in table.foreign_keys if key.column.table is table]


def _copy_table(reading: Connection, writing: Connection, table: Table) -> None:
    later = _self_references(table)
    # Title orders are the source's search index's; the target's is written afresh.
    renumbered = "title_order" in table.c
    pending: list[dict[str, Any]] = []
    for rows in _batches(reading, table):
        batch = [{**row, "title_order": None} for row in rows] if renumbered else rows
        if later:
            pending.extend({"key": row["id"], **{c: row[c] for c in later}} for row in batch)
            batch = [{**row, **dict.fromkeys(later)} for row in batch]
        writing.execute(insert(table), batch)
    if later and pending:
        filled = [row for row in pending if any(row[c] is not None for c in later)]
        statement = (
            update(table)
            .where(table.c.id == bindparam("key"))
            .values({c: bindparam(c) for c in later})
        )
        for start in range(0, len(filled), BATCH_ROWS):
            chunk = filled[start : start + BATCH_ROWS]
            if chunk:
                writing.execute(statement, chunk)


def _batches(reading: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    order = [column for column in table.primary_key.columns]
    result = reading.execute(select(table).order_by(*order))
    while rows := result.fetchmany(BATCH_ROWS):
        yield [dict(row._mapping) for row in rows]


def _advance_sequences(writing: Connection) -> None:
    """Move each id sequence past the copied ids, so that new rows get new ones."""
    for table in _tables():
        if "id" in table.c:
            writing.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
                ),
                {"table": table.name},
            )


def _counts(database: Database) -> dict[str, int]:
    with database.connected() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in _tables()
        }


def _verified(origin: Database, destination: Database) -> CopyReport:
    counted, copied = _counts(origin), _counts(destination)
    if counted != copied:
        differing = sorted(name for name in counted if counted[name] != copied.get(name))
        raise DatabaseError(
            _(
                "The copy in {target} does not match {source} (rows differ in {tables}); it "
                "was left there for inspection."
            ).format(
                target=destination.location, source=origin.location, tables=", ".join(differing)
            )
        )
    if _csv(origin) != _csv(destination):
        raise DatabaseError(
            _(
                "The copy in {target} exports differently from {source}; it was left there for "
                "inspection."
            ).format(target=destination.location, source=origin.location)
        )
    return CopyReport(origin.location, destination.location, copied)


def _csv(database: Database) -> bytes:
    """Every record (provisions and trash included) as the CSV export writes it."""
    from storage.records.query import RecordQuery
    from storage.service import AccordsService
    from storage.transfer.export import ExportOptions, export_csv

    service = AccordsService(database, actor="copy")
    with tempfile.TemporaryDirectory(prefix="accords-copy-") as folder:
        listed = Path(folder) / "listed.csv"
        trash = Path(folder) / "trash.csv"
        export_csv(service, listed, ExportOptions(RecordQuery(include_provisions=True)))
        export_csv(service, trash, ExportOptions(RecordQuery(include_provisions=True, trash=True)))
        return listed.read_bytes() + trash.read_bytes()
