"""Exact decimal arithmetic for SQLite: sums and comparisons that never pass through floats."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.schema.sqlfunctions import DecimalSum, decimal_compare, register

exact = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    opened = sqlite3.connect(":memory:")
    register(opened)
    yield opened
    opened.close()


@given(st.lists(exact, max_size=20))
def test_decimal_sum_is_the_exact_sum(values: list[Decimal]) -> None:
    total = DecimalSum()
    for value in values:
        total.step(str(value))
    total.step(None)
    assert Decimal(total.finalize()) == sum(values, Decimal(0))


@given(exact, exact)
def test_decimal_compare_orders_as_decimals_do(left: Decimal, right: Decimal) -> None:
    assert decimal_compare(str(left), str(right)) == (left > right) - (left < right)


def test_null_compares_to_nothing_and_junk_counts_as_zero() -> None:
    assert decimal_compare(None, "1") is None
    assert decimal_compare("1", None) is None
    assert decimal_compare("junk", 0) == 0


def test_the_functions_work_in_sql(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE t (v TEXT)")
    connection.executemany("INSERT INTO t VALUES (?)", [("0.70",), ("0.10",), (None,)])
    assert connection.execute("SELECT decimal_sum(v) FROM t").fetchone() == ("0.80",)
    # Floats would make this 0.7999999999999999 and call the two unequal.
    query = "SELECT decimal_compare(decimal_sum(v), '0.8') FROM t"
    assert connection.execute(query).fetchone() == (0,)
