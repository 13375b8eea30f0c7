"""One identity, many spellings."""

from __future__ import annotations

import pytest

from storage.sources.names import Names, fold


@pytest.mark.parametrize(
    "spelling", ["Zelensky", "Zelenskyy", "Zelenskyi", "Zelenskiy", "Зеленський"]
)
def test_transliterations_fold_to_one_key(spelling: str) -> None:
    assert fold(spelling) == fold("Zelensky")


def test_different_names_stay_different() -> None:
    assert fold("Denys Shmyhal") != fold("Serhiy Marchenko")
    assert fold("Serhii Marchenko") == fold("Сергій Марченко")


def test_aliases_give_the_canonical_name_for_any_spelling() -> None:
    names = Names({"zelenskyy": "Volodymyr Zelensky", "марк карні": "Mark Carney"})
    assert names.canonical("Volodymyr Zelenskyi") == "Volodymyr Zelensky"
    assert names.canonical("Володимир Зеленський") == "Volodymyr Zelensky"
    assert names.canonical("Марк Карні") == "Mark Carney"
    assert names.canonical("David McGuinty") == "David McGuinty"
    assert names.same("Зеленський", "Zelenskyy")


def test_a_surname_shared_by_two_identities_resolves_to_neither() -> None:
    names = Names({"anna smith": "Anna Smith", "john smith": "John Smith"})
    assert names.canonical("Mr Smith") == "Mr Smith"


def test_a_party_is_not_found_by_its_last_word() -> None:
    """A ministry not held is not the one held party that also ends in "Canada"."""
    held = "Department of National Defense of Canada"
    names = Names({fold(held): held}, parties={held})
    assert names.canonical("Ministry of Veterans Affairs of Canada") == (
        "Ministry of Veterans Affairs of Canada"
    )
    assert names.canonical("the Department of National Defence of Canada") == held
