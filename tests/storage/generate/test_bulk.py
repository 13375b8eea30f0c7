"""Bulk inserts in batches: every row once, in order, no batch over its size."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from storage.generate.bulk import batches


@given(st.integers(0, 60), st.integers(1, 17))
def test_batches_cover_every_row_once_in_order(count: int, size: int) -> None:
    rows: list[dict[str, Any]] = [{"id": n} for n in range(count)]
    cut = list(batches(rows, size))
    assert [row for batch in cut for row in batch] == rows
    assert all(0 < len(batch) <= size for batch in cut)
    assert len(cut) == -(-count // size)
