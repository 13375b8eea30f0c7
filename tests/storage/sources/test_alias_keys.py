"""Alias keys: names fold alike whatever their case, apostrophe or spacing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storage.sources.alias_keys import fold


def test_case_apostrophes_and_spaces_fold_alike() -> None:
    assert (
        fold("  President\u02bcs   Office ") == fold("president's office") == "president's office"
    )
    assert fold("O\u2019Brien") == fold("o`brien") == fold("O\u2018BRIEN")
    assert fold("ЗЕЛЕНСЬКИЙ") == "зеленський"
    assert fold("Straße") == fold("STRASSE")


def test_different_names_stay_apart() -> None:
    assert fold("Canada") != fold("Canadas")
    assert fold("Kyiv City") != fold("KyivCity")


@given(st.text(max_size=40))
def test_folding_twice_changes_nothing(name: str) -> None:
    assert fold(fold(name)) == fold(name)
