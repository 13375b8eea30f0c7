"""Patterns starting at WORD_START begin only with a word character: there it is ``\\b``."""

from __future__ import annotations

import re
import re._constants as c  # the parser's own names for what it parsed
import re._parser as parser
from typing import Any

import pytest

from storage.sources import dates, documents, parties, pledges
from storage.sources.vocabulary import WORD_START

PATTERNS = {
    "states": parties._STATE,
    "organisations": parties._ORGANISATION,
    "dates": dates._PATTERN,
    "pledge verbs": pledges._VERB,
    "categories": pledges._CATEGORIES,
    "document kinds": documents._KIND,
}
WORD = re.compile(r"\w")


def _firsts(items: list[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], bool]:
    """The items a match of ``items`` can begin with, and whether it can be empty."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in (c.LITERAL, c.IN, c.NOT_LITERAL, c.ANY):
            return [*found, (op, av)], False
        if op is c.SUBPATTERN:
            inner, empty = _firsts(list(av[3]))
        elif op is c.BRANCH:
            branches = [_firsts(list(b)) for b in av[1]]
            inner = [item for firsts, _ in branches for item in firsts]
            empty = any(e for _, e in branches)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            inner, empty = _firsts(list(av[2]))
            empty = empty or av[0] == 0
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            inner, empty = [], True
        else:
            raise AssertionError(f"not analysed: {op}")
        found += inner
        if not empty:
            return found, False
    return found, True


def _word(op: Any, av: Any) -> bool:
    if op is c.LITERAL:
        return WORD.match(chr(av)) is not None
    if op is not c.IN:
        return False  # "any character but …" may be a space
    for kind, value in av:
        if kind is c.LITERAL:
            ok = WORD.match(chr(value)) is not None
        elif kind is c.RANGE:
            ok = all(WORD.match(chr(code)) for code in range(value[0], value[1] + 1))
        elif kind is c.CATEGORY:
            ok = value in (c.CATEGORY_WORD, c.CATEGORY_DIGIT, c.CATEGORY_UNI_WORD)
            ok = ok or value is c.CATEGORY_UNI_DIGIT
        else:
            ok = False
        if not ok:
            return False
    return True


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_word_start_pattern_begins_with_a_word_character(name: str) -> None:
    pattern = PATTERNS[name]
    assert pattern.pattern.startswith(WORD_START)
    items = list(parser.parse(pattern.pattern[len(WORD_START) :], pattern.flags))
    firsts, empty = _firsts(items)
    assert not empty and firsts
    assert all(_word(op, av) for op, av in firsts), [f for f in firsts if not _word(*f)]


def _letters(op: Any, av: Any) -> set[str]:
    if op is c.LITERAL:
        return {chr(av)}
    found: set[str] = set()
    for kind, value in av if op is c.IN else ():
        if kind is c.LITERAL:
            found.add(chr(value))
        elif kind is c.RANGE:
            found.update(chr(code) for code in range(value[0], value[1] + 1))
        elif kind is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
            found.update("0123456789٣५")
        else:
            raise AssertionError(f"not analysed: {kind}")
    return found


@pytest.mark.parametrize(
    ("pattern", "letters"),
    [
        (parties._STATE, parties.STATE_LETTERS),
        (parties._ORGANISATION, parties.ORGANISATION_LETTERS),
        (dates._PATTERN, dates.DATE_LETTERS),
        (pledges._VERB, pledges.VERB_LETTERS),
        (pledges._CATEGORIES, pledges.CATEGORY_LETTERS),
        (documents._KIND, documents.KIND_LETTERS),
    ],
    ids=["states", "organisations", "dates", "pledge verbs", "categories", "document kinds"],
)
def test_the_first_letters_a_pattern_looks_for_are_every_one_it_may_begin_with(
    pattern: re.Pattern[str], letters: str
) -> None:
    lookahead = f"(?={letters})"
    assert pattern.pattern.startswith(WORD_START + lookahead)
    body = pattern.pattern[len(WORD_START + lookahead) :]
    firsts, _ = _firsts(list(parser.parse(body, pattern.flags)))
    may_begin = set().union(*(_letters(op, av) for op, av in firsts))
    may_begin |= {variant for letter in may_begin for variant in (letter.upper(), letter.lower())}
    assert len(may_begin) > 10
    assert [letter for letter in may_begin if not re.fullmatch(letters, letter)] == []
    assert not re.fullmatch(letters, "Щ") and not re.fullmatch(letters, "-")


def test_the_check_tells_a_pattern_that_may_begin_otherwise() -> None:
    for text in (r"(?:\$|dollar)", r"(?:x?)", r"[\w.]+", r"\W"):
        firsts, empty = _firsts(list(parser.parse(text, re.IGNORECASE)))
        assert empty or not all(_word(op, av) for op, av in firsts)
    firsts, empty = _firsts(list(parser.parse(r"(?:ab|[a-c\d])", 0)))
    assert not empty and all(_word(op, av) for op, av in firsts)


def test_word_start_finds_what_a_word_boundary_finds() -> None:
    text = "xUkraine, Ukraine and the Canadian-Ukrainian plan; 24 August 2025 in 2025"
    for pattern in PATTERNS.values():
        bounded = re.compile(r"\b" + pattern.pattern[len(WORD_START) :], pattern.flags)
        for start in range(len(text)):
            assert [m.span() for m in pattern.finditer(text, start)] == [
                m.span() for m in bounded.finditer(text, start)
            ]
