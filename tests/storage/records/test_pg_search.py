"""PostgreSQL's search text built from FTS5's tokens: documents, queries and quoting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storage.records.pg_search import LAST_POSITION, document, quoted, split_words, tsquery_text


def test_words_are_cut_and_folded_as_fts5_does() -> None:
    assert split_words(["Drones, AMMUNITION", "Київ-Оттава", ""]) == [
        ["drones", "ammunition"],
        ["київ", "оттава"],
        [],
    ]
    assert split_words(["Sécurité"])[0] == ["securite"]


def test_a_lexeme_is_quoted_literally() -> None:
    assert quoted("o'brien") == "'o''brien'"
    assert quoted("a\\b") == "'a\\\\b'"


def test_a_document_skips_a_position_between_columns() -> None:
    assert document(["Drones drones", "aid"]) == "'drones':1,2 'aid':4"


def test_positions_past_the_last_are_kept_at_it() -> None:
    text = document(["word " * (LAST_POSITION + 5)])
    assert text == "'word':" + ",".join(str(p) for p in range(1, LAST_POSITION + 1))


def test_a_query_asks_every_word_as_a_prefix() -> None:
    assert tsquery_text(["Canada", "drone"]) == "'canada':* & 'drone':*"
    assert tsquery_text(["Kyiv-Ottawa"]) == "('kyiv' <-> 'ottawa':*)"
    assert tsquery_text(["--", ""]) is None


@given(st.lists(st.text(max_size=12), max_size=4))
def test_every_query_term_is_a_quoted_prefix(words: list[str]) -> None:
    text = tsquery_text(words)
    tokens = [t for ts in split_words(words) for t in ts]
    if not tokens:
        assert text is None
    else:
        assert text is not None and text.count(":*") == sum(bool(ts) for ts in split_words(words))
