"""Tests for storage.numberforms: the whole number without Babel is Babel's whole number."""

from __future__ import annotations

import random

import pytest
from babel import numbers

from storage import i18n
from storage.numberforms import GROUP_SEPARATORS, whole_number


def whole_numbers() -> list[int]:
    """Each size of number from one digit to twenty, both signs, and random ones between."""
    draw = random.Random(20250824)
    powers = [10**n + offset for n in range(20) for offset in (-1, 0, 1)]
    drawn = [draw.randrange(-(10**15), 10**15) for _ in range(2000)]
    return [*powers, *(-n for n in powers), 0, *drawn]


def test_every_offered_language_has_its_separator() -> None:
    """A language added to the menu without its separator here would fall back to Babel."""
    assert set(GROUP_SEPARATORS) == set(i18n.LANGUAGES)


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_whole_number_equals_babel(language: str) -> None:
    """Each number as Babel writes it in that language (a newer Babel with other data, say a
    minimum of two digits before grouping, fails here)."""
    for value in whole_numbers():
        assert whole_number(value, language) == numbers.format_decimal(value, locale=language)


def test_another_language_is_left_to_babel() -> None:
    assert whole_number(1000, "de") is None
