"""One transaction's rows, table by table: parents before children, every tracked row stamped."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.schema import Table

from storage.generate.rows import Rows, scalar_int, table_of, tracked
from storage.schema.models import Base, Record
from storage.service import AccordsService


def test_tables_come_parents_first() -> None:
    order = [table for table, _rows in Rows().tables()]
    for place, table in enumerate(order):
        parents = {key.column.table for key in table.foreign_keys} - {table}
        assert all(order.index(parent) < place for parent in parents if parent in order), table
    assert len({t.name for t in order} - {t.name for t in Base.metadata.sorted_tables}) == 0
    assert all(isinstance(table, Table) for table in order)


def test_each_list_goes_to_its_own_table() -> None:
    rows = Rows()
    rows.pledges.append({"id": 1})
    rows.deliveries.append({"id": 2})
    by_table = [(table.name, list(found)) for table, found in rows.tables() if found]
    assert by_table == [("records", [{"id": 1}]), ("deliveries", [{"id": 2}])]
    assert table_of(Record) is Record.__table__


def test_a_tracked_row_is_stamped_at_version_one() -> None:
    stamp = datetime(2025, 8, 24, tzinfo=UTC)
    row = tracked({"title": "T", "version": 7}, stamp)
    assert row == {"title": "T", "version": 1, "created_at": stamp, "updated_at": stamp}


def test_scalar_int_reads_nothing_as_zero(empty_service: AccordsService) -> None:
    with empty_service.db.reading() as session:
        assert scalar_int(session, select(func.max(Record.id))) == 0
        assert scalar_int(session, select(func.count(Record.id))) == 0
