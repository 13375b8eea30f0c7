"""Timestamps stay inside the generated span; due periods start where their period starts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from storage.generate.days import END_TIME, LAST_DAY, period_start, stamp
from storage.schema.enums import Precision


def test_a_stamp_is_minutes_after_eight_and_never_after_the_end() -> None:
    assert stamp(date(2020, 5, 17), 90) == datetime(2020, 5, 17, 9, 30, tzinfo=UTC)
    assert stamp(LAST_DAY, 10_000) == END_TIME


@pytest.mark.parametrize(
    ("precision", "start"),
    [
        (Precision.DAY, date(2021, 8, 19)),
        (Precision.MONTH, date(2021, 8, 1)),
        (Precision.QUARTER, date(2021, 7, 1)),
        (Precision.YEAR, date(2021, 1, 1)),
    ],
)
def test_a_period_starts_on_its_first_day(precision: Precision, start: date) -> None:
    assert period_start(date(2021, 8, 19), precision) == start
