"""A run is split into transactions of a bounded size; a run of none still has one."""

from __future__ import annotations

import pytest

from storage.generate import generation
from storage.generate.generation import transaction_sizes


def test_transactions_hold_at_most_their_size_and_add_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generation, "RECORDS_PER_TRANSACTION", 100)
    assert transaction_sizes(250) == [100, 100, 50]
    assert transaction_sizes(200) == [100, 100]
    assert transaction_sizes(7) == [7]


def test_no_records_is_one_empty_transaction() -> None:
    """It still adds the reference data and one source, as the generator always has."""
    assert transaction_sizes(0) == [0]
