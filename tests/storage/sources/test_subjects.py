"""A title's subject as language-neutral stems, exact and as the cheap superset an index uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storage.sources.subjects import stems_of_words, subject, word_stem


def test_subjects_are_language_neutral() -> None:
    english = subject("Agreement on Security Cooperation between Ukraine and Canada")
    assert english == {"secur", "coope"}
    assert subject("угода про безпекове співробітництво з Канадою") == english
    assert subject("accord de coopération en matière de sécurité") == english


def test_short_words_stopwords_and_months_say_nothing() -> None:
    assert word_stem("of") is None
    assert word_stem("September") is None and word_stem("août") is None
    assert word_stem("the") is None
    assert word_stem("Drones") == word_stem("drone") == "drone"


def test_latin_accents_go_but_cyrillic_letters_stay() -> None:
    assert word_stem("Sécurité") == word_stem("securite")
    assert word_stem("Край") == "край"  # й decomposes (и + breve) but is kept whole
    assert word_stem("Їжак") == "їжак"  # ї likewise (і + diaeresis)
    assert word_stem("Noël") == word_stem("noel")  # a Latin diaeresis goes
    assert word_stem("Безпека") == word_stem("security")  # a synonym across languages


def test_states_and_document_kinds_are_no_subject() -> None:
    assert subject("Agreement between Ukraine and Canada") == frozenset()
    assert subject("Memorandum on drones") == subject("drones")


@given(st.text(max_size=60))
def test_the_index_superset_holds_every_stem_of_the_subject(title: str) -> None:
    known: dict[str, str | None] = {}
    superset = stems_of_words(title, known)
    assert subject(title) <= superset
    assert stems_of_words(title, known) == superset  # the cache changes nothing
