"""States, ministries and people with their roles, in three languages."""

from __future__ import annotations

from storage.sources.names import Names
from storage.sources.parties import find_organisations, find_people, find_states
from storage.sources.sentences import quote

NAMES = Names({"зеленський": "Volodymyr Zelensky"})


def _signatories(text: str) -> list[str]:
    return [p.signatory for p in find_people(text, quote(text, 0, len(text)), NAMES)]


def test_roles_lose_their_article_and_nationality_but_keep_their_party() -> None:
    text = (
        "Ukrainian Defense Minister Denys Shmyhal and the Ambassador of Canada to Ukraine "
        "Natalka Tsmots signed"
    )
    assert _signatories(text) == [
        "Denys Shmyhal | Defense Minister | Ukraine",
        "Natalka Tsmots | Ambassador of Canada to Ukraine | Canada",
    ]


def test_french_and_ukrainian_roles() -> None:
    assert _signatories("le président ukrainien Volodymyr Zelensky a dit") == [
        "Volodymyr Zelensky | président | Ukraine"
    ]
    assert _signatories(
        "Прем'єр-міністр Канади Марк Карні і Президент України Володимир Зеленський"
    ) == [
        "Марк Карні | Прем'єр-міністр Канади | Canada",
        "Volodymyr Zelensky | Президент України | Ukraine",
    ]


def test_states_by_noun_in_any_case_and_by_adjective() -> None:
    text = "Канада надасть Україні; Canadaʼs intention; Ukrainian origin"
    found = [(m.name, m.noun) for m in find_states(text, 0, len(text))]
    assert found == [("Canada", True), ("Ukraine", True), ("Canada", True), ("Ukraine", False)]


def test_ministries_belong_to_their_state() -> None:
    text = (
        "between the Ministry of Defense of Ukraine and "
        "the Department of National Defense of Canada"
    )
    found = find_organisations(text, quote(text, 0, len(text)), NAMES)
    assert [(m.name, m.inside) for m in found] == [
        ("Ministry of Defense of Ukraine", "Ukraine"),
        ("Department of National Defense of Canada", "Canada"),
    ]
