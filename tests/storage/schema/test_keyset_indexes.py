"""Migration 0011: on PostgreSQL every sort order's first page reads an index, not a sort."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from storage.records.query import RecordQuery, SortKey, listing
from storage.service import AccordsService


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(SortKey))
def test_a_first_page_in_any_order_reads_an_index(
    service: AccordsService, engine_name: str, key: SortKey, descending: bool
) -> None:
    """With sorting priced out (``enable_sort`` and ``enable_incremental_sort`` off), a plan
    sorts only when no index gives the order: then a page would read and sort every record."""
    if engine_name != "postgresql":
        pytest.skip("every SQLite index ends in the rowid: the key's index gives the order")
    query = RecordQuery(sort=key, descending=descending)
    page = listing(query, today=date(2025, 9, 1), fts=False, limit=256)
    engine = service.db.engine
    statement = str(page.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        connection.execute(text("SET enable_sort = off"))
        connection.execute(text("SET enable_incremental_sort = off"))
        plan = "\n".join(connection.scalars(text(f"EXPLAIN {statement}")))
    assert " Sort " not in f" {plan} " and "Sort Key" not in plan, plan
