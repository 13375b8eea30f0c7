"""A text cut into sentences, each a Quote of its exact offsets."""

from __future__ import annotations

import re

from storage.sources.proposals import Quote


def words(text: str) -> frozenset[str]:
    """The space-separated words of ``text``, for vocabularies written as prose."""
    return frozenset(text.split())


# A sentence ends at . ! ? (with closing quotes or brackets) before a space and a capital,
# a digit or an opening quote, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"»”’)]*\s+(?=[\"«“(]?[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ0-9])|\n\s*")
# A PDF's text layer breaks every line; a single break ends a sentence only after a short line
# (a headline, a dateline), never inside a paragraph's long lines.
_SHORT_LINE = 60
_ABBREVIATIONS = words(
    "mr mrs ms dr st gen col lt sgt no nos vol art p pp m mme mm ca approx est inc ltd co jr sr "
    "u.s u.k e.g i.e etc vs fig sept oct nov dec jan feb aug гол ст п пп р рр тис млн млрд"
)
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def quote(text: str, start: int, end: int) -> Quote:
    """The Quote of ``text[start:end]``."""
    return Quote(start, end, text[start:end])


def sentences(text: str) -> list[Quote]:
    """The sentences of ``text`` in order, stripped of surrounding space."""
    found: list[Quote] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _ends_sentence(text, start, boundary):
            _add(text, start, boundary.start(), found)
            start = boundary.end()
    _add(text, start, len(text), found)
    return found


def _ends_sentence(text: str, start: int, boundary: re.Match[str]) -> bool:
    words = boundary.group()
    if not words.startswith("\n"):
        return not _after_abbreviation(text, start, boundary)
    if words.count("\n") > 1 or text[boundary.start() - 1 : boundary.start()] in '.!?:;»”"':
        return True
    line_start = text.rfind("\n", 0, boundary.start()) + 1
    return boundary.start() - line_start < _SHORT_LINE


def _after_abbreviation(text: str, start: int, boundary: re.Match[str]) -> bool:
    """Whether the full stop before ``boundary`` ends "Mr." or an initial, not a sentence."""
    head = text[max(start, boundary.start() - 12) : boundary.start()]
    word = _LAST_WORD.search(head)
    if word is None:
        return False
    token = word.group(1).casefold()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _add(text: str, start: int, end: int, found: list[Quote]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(quote(text, start, end))
