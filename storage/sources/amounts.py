"""Figures a sentence states: money with its currency and qualifier, equivalents, quantities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TypeVar

from babel import Locale
from babel.numbers import get_decimal_symbol, parse_decimal

from storage.schema.enums import Qualifier
from storage.sources.doubts import AMBIGUOUS_DOLLAR
from storage.sources.proposals import Quote
from storage.sources.sentences import quote
from storage.sources.vocabulary import (
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    QUALIFIER_WORDS,
    SCALES,
    UNITS,
)

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_QUALIFIER = "|".join(words for words, _ in QUALIFIER_WORDS)
_SCALE = "|".join(words for words, _ in SCALES)
_BEFORE = "|".join(words for words, _ in CURRENCY_BEFORE)
_AFTER = "|".join(words for words, _ in CURRENCY_AFTER)
_UNIT = "|".join(words for words, _ in UNITS)
_FIGURE = (
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?(?P<before>{_BEFORE})?(?P<num>{_NUMBER})"
    rf"(?:\s*(?P<scale>{_SCALE})(?!\w))?"
)
_MONEY = re.compile(
    rf"(?<![\w$€£]){_FIGURE}(?:\s+(?:de\s+|d')?(?P<after>{_AFTER})(?!\w))?", re.IGNORECASE
)
_EQUIVALENT = re.compile(
    rf"\s*\(\s*(?:or\s+|soit\s+|або\s+|≈\s*)?{_FIGURE}(?:\s+(?:de\s+|d')?(?P<after>{_AFTER})(?!\w))?\s*\)",
    re.IGNORECASE,
)
_QUANTITY = re.compile(rf"(?<![\w$€£]){_FIGURE}\s+(?P<unit>{_UNIT})(?!\w)", re.IGNORECASE)
_SPACES = re.compile(r"[ \u00a0\u202f]")
_GROUPED = re.compile(r"^\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*$")
_T = TypeVar("_T")


@dataclass(frozen=True)
class Figure:
    """A figure as stated: the words, the value in units, and how the text qualifies it."""

    quote: Quote
    value: Decimal
    qualifier: Qualifier | None = None
    currency: str = ""
    as_written: str = ""
    unit: str = ""
    equivalent: Figure | None = None

    @property
    def doubt(self) -> str:
        """Why the currency needs a look, if it does."""
        return AMBIGUOUS_DOLLAR if self.as_written and not self.currency else ""


def decimal_text(value: Decimal) -> str:
    """``value`` as storage keeps it: plain digits, no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def find_money(text: str, sentence: Quote, language: str) -> list[Figure]:
    """The sums of money stated in ``sentence``, each with its equivalent in brackets."""
    found: list[Figure] = []
    covered = sentence.start
    for match in _MONEY.finditer(text, sentence.start, sentence.end):
        if match.start() < covered or not (match.group("before") or match.group("after")):
            continue
        figure = _figure(text, match, language, _currency(match))
        if figure is None:
            continue
        equivalent = _EQUIVALENT.match(text, match.end(), sentence.end)
        if equivalent is not None and (equivalent.group("before") or equivalent.group("after")):
            converted = _figure(text, equivalent, language, _currency(equivalent))
            figure = _with_equivalent(figure, converted)
            covered = equivalent.end()
        found.append(figure)
    return found


def find_quantities(text: str, sentence: Quote, language: str) -> list[Figure]:
    """Counted things ("more than 300 000 Ukrainian refugees"), with the unit a record keeps."""
    found: list[Figure] = []
    for match in _QUANTITY.finditer(text, sentence.start, sentence.end):
        if match.group("before"):
            continue
        figure = _figure(text, match, language, ("", ""))
        if figure is not None:
            unit = _lookup(match.group("unit"), UNITS)
            found.append(Figure(figure.quote, figure.value, figure.qualifier, unit=unit))
    return found


def _with_equivalent(figure: Figure, equivalent: Figure | None) -> Figure:
    if equivalent is None:
        return figure
    return Figure(
        figure.quote, figure.value, figure.qualifier, figure.currency, figure.as_written,
        equivalent=equivalent,
    )  # fmt: skip


def _figure(
    text: str, match: re.Match[str], language: str, currency: tuple[str, str]
) -> Figure | None:
    value = parse_number(match.group("num"), language)
    if value is None:
        return None
    scale = match.group("scale")
    if scale:
        value *= _scale(scale, language)
    qualifier_words = match.group("qual")
    qualifier = Qualifier(_lookup(qualifier_words, QUALIFIER_WORDS)) if qualifier_words else None
    present = [
        name for name in ("qual", "before", "num", "scale", "after", "unit") if _has(match, name)
    ]
    start, end = match.start(present[0]), match.end(present[-1])
    return Figure(quote(text, start, end), value, qualifier, currency[0], currency[1])


def currency_code(as_written: str) -> str | None:
    """The code currency words mean ("" for a bare dollar), None for words not known."""
    for table in (CURRENCY_AFTER, CURRENCY_BEFORE):
        try:
            return _lookup(as_written, table)
        except LookupError:
            continue
    return None


def _has(match: re.Match[str], name: str) -> bool:
    return name in match.re.groupindex and match.group(name) is not None


def _currency(match: re.Match[str]) -> tuple[str, str]:
    """The ISO code ("" when ambiguous) and the currency words as written."""
    after, before = match.group("after"), match.group("before")
    if after and _lookup(after, CURRENCY_AFTER):
        return _lookup(after, CURRENCY_AFTER), after
    if before:
        return _lookup(before.strip(), CURRENCY_BEFORE), before.strip()
    return "", after or ""


def _scale(words: str, language: str) -> int:
    # French "billion" is a million million; its English billion is "milliard".
    if language == "fr" and words.casefold().startswith("billion"):
        return 10**12
    return int(_lookup(words, SCALES))


@lru_cache(maxsize=256)
def _patterns(table: tuple[tuple[str, object], ...]) -> tuple[tuple[re.Pattern[str], object], ...]:
    return tuple((re.compile(rf"(?:{words})$", re.IGNORECASE), value) for words, value in table)


def _lookup(words: str, table: tuple[tuple[str, _T], ...]) -> _T:
    for pattern, value in _patterns(table):
        if pattern.match(words.strip()):
            return value  # type: ignore[return-value]
    raise LookupError(words)


@lru_cache(maxsize=8)
def _number_locale(language: str) -> tuple[Locale, str]:
    """The locale numbers are read in and its decimal sign, parsed once (not per figure)."""
    locale = Locale.parse({"fr": "fr", "uk": "uk"}.get(language, "en"))
    return locale, get_decimal_symbol(locale)


def parse_number(digits: str, language: str) -> Decimal | None:
    """A number as the language writes it: "22 000", "1,500" (en), "2,2" (fr, uk)."""
    plain = _SPACES.sub("", digits)
    grouped = _GROUPED.match(plain)
    locale, decimal_symbol = _number_locale(language)
    if grouped and (grouped.group(1) != decimal_symbol or plain.count(grouped.group(1)) > 1):
        plain = plain.replace(grouped.group(1), "")
    try:
        return Decimal(parse_decimal(plain, locale=locale, strict=False))
    except (InvalidOperation, ValueError, ArithmeticError):
        return None
