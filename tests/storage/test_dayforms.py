"""Tests for storage.dayforms: the long day without Babel is Babel's long day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel import dates

from storage import i18n
from storage.dayforms import LONG_FORMS, MONTHS, long_day


def days() -> list[date]:
    """Every day of three years, a leap day among them, and the ends of the calendar."""
    start = date(2024, 1, 1)
    every = [start + timedelta(days=n) for n in range(366 + 365 + 365)]
    return [*every, date(1, 1, 1), date(999, 5, 9), date(9999, 12, 31)]


def test_every_offered_language_has_its_form() -> None:
    """A language added to the menu without its form here would fall back to Babel."""
    assert set(LONG_FORMS) == set(MONTHS) == set(i18n.LANGUAGES)


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_long_day_equals_babel(language: str) -> None:
    """Each day as Babel writes it in that language (a newer Babel with other data fails here)."""
    for day in days():
        assert long_day(day, language) == dates.format_date(day, format="long", locale=language)


def test_another_language_is_left_to_babel() -> None:
    assert long_day(date(2025, 8, 24), "de") is None
