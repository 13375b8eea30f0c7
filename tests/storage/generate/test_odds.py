"""Weighted draws: each value repeated by its weight, so a plain pick is a weighted draw."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from storage.generate.odds import (
    BINDINGS,
    DOCUMENT_STATUSES,
    DOCUMENT_WEIGHTS,
    weighted,
)
from storage.schema.enums import Binding


@given(st.dictionaries(st.text(max_size=3), st.integers(0, 20), max_size=8))
def test_each_value_appears_as_often_as_its_weight(weights: dict[str, int]) -> None:
    drawn = weighted(weights)
    assert len(drawn) == sum(weights.values())
    assert Counter(drawn) == Counter({v: w for v, w in weights.items() if w})


def test_the_tables_drawn_from_follow_their_weights() -> None:
    assert Counter(DOCUMENT_STATUSES) == Counter(
        {status: weight for status, weight in DOCUMENT_WEIGHTS.items() if weight}
    )
    assert set(BINDINGS) == {binding.value for binding in Binding}
