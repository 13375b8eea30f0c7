"""Source texts: each sentence's span is the sentence, and records quote their own stretch."""

from __future__ import annotations

import random

import pytest

from storage.generate import sources
from storage.generate.draws import Draws
from storage.generate.reference import GeneratedParty
from storage.generate.sources import SOURCE_SENTENCES, Sentence, Sources, source_text

PARTIES = [GeneratedParty(1, "Canada", "Канада"), GeneratedParty(2, "Ukraine", "Україна")]


@pytest.mark.parametrize("language", ["en", "fr", "uk"])
def test_spans_cover_whole_sentences(language: str) -> None:
    text, spans = source_text(Draws(random.Random(4)), PARTIES, language)
    assert len(spans) == SOURCE_SENTENCES
    for start, end in spans:
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert sentence[-1] in ".!?"
    assert text.count("\n\n") == SOURCE_SENTENCES // 7
    assert ("Канада" in text) == (language == "uk")


def test_each_stretch_of_records_quotes_its_own_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "RECORDS_PER_SOURCE", 2)
    stock = Sources(sentences=[[Sentence(n, 0, 1)] for n in (10, 11)])
    quoted = [stock.next_article()[0].source_id for _ in range(6)]
    assert quoted == [10, 10, 11, 11, 11, 11]  # records past the last stretch keep the last


def test_no_sources_means_no_article() -> None:
    assert Sources().next_article() == []
