"""Exact decimal arithmetic inside SQLite, so SQL and Python agree on what is overdue."""

from __future__ import annotations

import sqlite3
from decimal import Decimal, InvalidOperation


class DecimalSum:
    """SUM over decimal text without passing through floating point (0.70 + 0.10 is 0.80)."""

    def __init__(self) -> None:
        self.total = Decimal(0)

    def step(self, value: str | int | float | None) -> None:
        if value is not None:
            self.total += _decimal(value)

    def finalize(self) -> str:
        return format(self.total, "f")


def decimal_compare(left: str | int | float | None, right: str | int | float | None) -> int | None:
    """-1, 0 or 1 as ``left`` is less than, equal to or more than ``right``; NULL if either is."""
    if left is None or right is None:
        return None
    a, b = _decimal(left), _decimal(right)
    return (a > b) - (a < b)


def register(connection: sqlite3.Connection) -> None:
    """Make ``decimal_sum`` and ``decimal_compare`` available on a connection."""
    connection.create_aggregate("decimal_sum", 1, DecimalSum)  # type: ignore[arg-type]
    connection.create_function("decimal_compare", 2, decimal_compare, deterministic=True)


def _decimal(value: str | int | float) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)
