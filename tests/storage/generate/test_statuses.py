"""Statuses: a history walks the record's life in order and ends at its status."""

from __future__ import annotations

import random
from datetime import date

import pytest

from storage.generate.draws import Draws
from storage.generate.rows import Rows
from storage.generate.statuses import DOCUMENT_ORDER, add_history, document_status
from storage.schema.enums import Binding, DocumentStatus, PledgeStatus, RecordKind


def test_a_non_binding_document_never_awaits_ratification() -> None:
    draws = Draws(random.Random(5))
    drawn = {document_status(draws, Binding.NON_BINDING.value) for _ in range(5_000)}
    assert DocumentStatus.AWAITING_RATIFICATION.value not in drawn
    assert drawn == set(DOCUMENT_ORDER) - {DocumentStatus.AWAITING_RATIFICATION.value}


@pytest.mark.parametrize("seed", range(30))
def test_a_history_walks_forward_to_the_status(seed: int) -> None:
    rows = Rows()
    status = PledgeStatus.DELIVERED.value
    row = {"id": 8, "kind": RecordKind.PLEDGE.value, "status": status, "_day": date(2019, 4, 2)}
    add_history(Draws(random.Random(seed)), rows, row)
    order = [s.value for s in PledgeStatus]
    path = [change["to_status"] for change in rows.history]
    assert 1 <= len(path) <= 4
    assert path[-1] == status
    assert [order.index(s) for s in path] == sorted(order.index(s) for s in path)
    assert rows.history[0]["from_status"] is None
    assert row["created_at"] == rows.history[0]["changed_at"]
    assert row["status_since"] == rows.history[-1]["changed_at"] <= row["updated_at"]
    assert "_day" not in row
