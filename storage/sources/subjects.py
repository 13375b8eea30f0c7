"""What a title is about: its subject as language-neutral stems, exact or as a cheap superset."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from storage.sources.parties import find_states
from storage.sources.vocabulary import DOCUMENT_WORDS, STOPWORDS, SUBJECT_SYNONYMS

WORD = re.compile(r"[^\W\d_][\w'ʼ’\-]*")
KIND_WORDS = re.compile("|".join(words for words, _ in DOCUMENT_WORDS), re.IGNORECASE)
_MONTHS = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre)$"
)


@lru_cache(maxsize=8192)
def subject(text: str) -> frozenset[str]:
    """What a title is about, as language-neutral stems ("sécurité", "безпеки" -> "secur")."""
    skipped = [(m.quote.start, m.quote.end) for m in find_states(text, 0, len(text))]
    skipped += [m.span() for m in KIND_WORDS.finditer(text)]
    stems: set[str] = set()
    for match in WORD.finditer(text):
        inside = any(start <= match.start() < end for start, end in skipped)
        stem = None if inside else word_stem(match.group())
        if stem is not None:
            stems.add(stem)
    return frozenset(stems)


def stems_of_words(text: str, known: dict[str, str | None]) -> frozenset[str]:
    """Every stem ``subject(text)`` could hold: its words' stems, states and kinds included.

    A superset found without reading states or instruments (the costly part): what an
    index of many held records files each under. ``known`` caches each word's stem.
    """
    stems: set[str] = set()
    for word in WORD.findall(text):
        if word in known:
            stem = known[word]
        else:
            stem = known[word] = word_stem(word)
        if stem is not None:
            stems.add(stem)
    return frozenset(stems)


def word_stem(word: str) -> str | None:
    """One word's stem, or None for a word that says nothing of a subject."""
    folded = word.casefold()
    if len(folded) < 3 or folded in STOPWORDS or _MONTHS.match(folded):
        return None
    stem = _unaccented(folded)[:5]
    return SUBJECT_SYNONYMS.get(stem, stem)


def _unaccented(word: str) -> str:
    # Only Latin accents go: Cyrillic "й" and "ї" decompose too but are letters of their own.
    return "".join(c if "\u0400" <= c <= "\u04ff" else _without_marks(c) for c in word)


@lru_cache(maxsize=512)
def _without_marks(character: str) -> str:
    decomposed = unicodedata.normalize("NFD", character)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
