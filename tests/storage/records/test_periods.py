"""Periods: due dates given as a day, month, quarter or year."""

from __future__ import annotations

from datetime import date

import pytest

from storage.errors import ValidationError
from storage.records.periods import Period
from storage.schema.enums import Precision

# -- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "end"),
    [
        ("2025-09", Precision.MONTH, date(2025, 9, 30)),
        ("2025-Q4", Precision.QUARTER, date(2025, 12, 31)),
        ("2025-q1", Precision.QUARTER, date(2025, 3, 31)),
        ("2024-02", Precision.MONTH, date(2024, 2, 29)),
        ("2025-02", Precision.MONTH, date(2025, 2, 28)),
        ("2025", Precision.YEAR, date(2025, 12, 31)),
        ("2025-09-30", Precision.DAY, date(2025, 9, 30)),
        ("2025-12", Precision.MONTH, date(2025, 12, 31)),
    ],
)
def test_period_parsing(text: str, precision: Precision, end: date) -> None:
    """Periods parse to their precision and end on the right day."""
    period = Period.parse(text)
    assert period.precision is precision
    assert period.end == end
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize("text", ["2025-09-31", "2025-13", "2025-00", "2025-Q5", "Sept", "", "25"])
def test_invalid_periods_are_refused(text: str) -> None:
    """Impossible dates and other text are not periods."""
    with pytest.raises(ValidationError):
        Period.parse(text)
