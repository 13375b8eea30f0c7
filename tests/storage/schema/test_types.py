"""Column types: decimals kept as exact text, times stored naive in UTC and read back aware."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from storage.schema.types import DecimalText, UtcDateTime, utc_now

DIALECT = sqlite.dialect()


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_a_decimal_round_trips_exactly(value: Decimal) -> None:
    column = DecimalText()
    stored = column.process_bind_param(value, DIALECT)
    assert stored is not None and "E" not in stored.upper()  # never exponent notation
    assert column.process_result_value(stored, DIALECT) == value


def test_none_stays_none() -> None:
    assert DecimalText().process_bind_param(None, DIALECT) is None
    assert UtcDateTime().process_result_value(None, DIALECT) is None


def test_a_time_is_stored_in_utc_and_read_back_aware() -> None:
    kyiv = timezone(timedelta(hours=3))
    moment = datetime(2025, 8, 24, 12, 0, tzinfo=kyiv)
    column = UtcDateTime()
    stored = column.process_bind_param(moment, DIALECT)
    assert stored == datetime(2025, 8, 24, 9, 0)
    assert column.process_result_value(stored, DIALECT) == moment
    with pytest.raises(ValueError, match="timezone-aware"):
        column.process_bind_param(datetime(2025, 8, 24, 12, 0), DIALECT)


def test_now_is_aware_and_in_utc() -> None:
    now = utc_now()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)
