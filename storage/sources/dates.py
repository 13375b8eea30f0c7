"""Dates a sentence states, resolved against the source's own date with dateparser."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateparser.date import DateDataParser

from storage.schema.enums import Precision
from storage.sources.proposals import Quote
from storage.sources.sentences import quote
from storage.sources.vocabulary import WORD_START

_EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_FR_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    r"|décembre"
)
_UK_STEMS = (
    ("січ", "січень"), ("лют", "лютий"), ("берез", "березень"), ("квіт", "квітень"),
    ("трав", "травень"), ("черв", "червень"), ("лип", "липень"), ("серп", "серпень"),
    ("верес", "вересень"), ("жовт", "жовтень"), ("листопад", "листопад"), ("груд", "грудень"),
)  # fmt: skip
_UK_MONTHS = "|".join(stem + r"[а-яії]*" for stem, _ in _UK_STEMS)
MONTH = rf"(?:{_EN_MONTHS}|{_FR_MONTHS}|{_UK_MONTHS})"
_MONTH = MONTH
_YEAR = r"(?:19|20)\d\d(?:\s+(?:року|році|р\.))?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er)?"
_IN = r"(?:in|during|by|until|before|en|d'ici|au mois d[e']|у|в|до|протягом)\s+"
_RELATIVE = r"(?:today|yesterday|tomorrow|aujourd'hui|hier|demain|сьогодні|вчора|учора|завтра)\b"
# One boundary outside the alternation: the regex engine then scans several times faster.
# The letters (any case) a match can begin with, looked ahead for: other words are passed
# over at once (tests/storage/sources/test_patterns.py checks them against the pattern).
DATE_LETTERS = r"(?i:[\dabdefhijmnostuyбвгджзклпстуч])"
_PATTERN = re.compile(
    rf"{WORD_START}(?={DATE_LETTERS})(?:(?P<day>{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b)"
    rf"|(?P<iso>\d{{4}}-\d\d-\d\d\b)"
    rf"|(?P<rel>{_RELATIVE})"
    rf"|(?P<month>{_IN}{_MONTH}(?:\s+{_YEAR})?)"
    rf"|(?P<year>{_IN}(?:the end of |la fin de |кінця )?{_YEAR}))",
    re.IGNORECASE,
)
# Words that make a date the start of a span ("since February 24, 2022"), not an event's day.
_SINCE = re.compile(r"\b(?:since|depuis|з початку|від початку|починаючи з|від)\b[^,.;]*$", re.I)
_STATES_YEAR = re.compile(r"\b\d{4}\b")
_YEAR_WORD = re.compile(r"\s+(?:року|році|р\.)$")
_PREPOSITION = re.compile(rf"^{_IN}(?:the end of |la fin de |кінця )?", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date a sentence states: the words, the day (first of its period) and its precision."""

    quote: Quote
    on: date
    precision: Precision
    since: bool
    due: bool

    @property
    def end(self) -> date:
        """The last day of the period the words name."""
        if self.precision is Precision.YEAR:
            return date(self.on.year, 12, 31)
        if self.precision is Precision.MONTH:
            last = calendar.monthrange(self.on.year, self.on.month)[1]
            return date(self.on.year, self.on.month, last)
        return self.on


class DatesOf:
    """The dates of one sentence, found the first time they are asked for (most never are)."""

    def __init__(self, text: str, sentence: Quote, language: str, published: date | None) -> None:
        self._arguments = (text, sentence, language, published)
        self._found: list[FoundDate] | None = None

    def __call__(self) -> list[FoundDate]:
        if self._found is None:
            self._found = find_dates(*self._arguments)
        return self._found


def find_dates(
    text: str, sentence: Quote, language: str, published: date | None
) -> list[FoundDate]:
    """The dates stated in ``sentence``; the regex says where, dateparser what they mean."""
    found: list[FoundDate] = []
    for match in _PATTERN.finditer(text, sentence.start, sentence.end):
        words = match.group()
        phrase = _YEAR_WORD.sub("", _PREPOSITION.sub("", words))
        if match.lastgroup == "month":
            phrase = _nominative(phrase)
        if published is None and not _STATES_YEAR.search(phrase):
            continue  # "today", "in September": undated without the source's own date
        parsed = _parse(phrase, language, published)
        if parsed is None:
            continue
        on, precision = parsed
        before = text[sentence.start : match.start()]
        found.append(
            FoundDate(
                quote=quote(text, match.start(), match.end()),
                on=on,
                precision=precision,
                since=_SINCE.search(before) is not None,
                due=match.lastgroup in ("month", "year"),
            )
        )
    return found


def _nominative(phrase: str) -> str:
    """Ukrainian months after "у" are locative ("у вересні"); dateparser reads the nominative."""
    lowered = phrase.casefold()
    for stem, name in _UK_STEMS:
        if lowered.startswith(stem):
            return name + phrase[len(phrase.split(maxsplit=1)[0]) :]
    return phrase


@lru_cache(maxsize=2048)
def _parse(phrase: str, language: str, published: date | None) -> tuple[date, Precision] | None:
    """``phrase`` as a day and precision; cached, as a long text repeats its dates."""
    data = _parser(language, published).get_date_data(phrase)
    if data.date_obj is None:
        return None
    precision = {"year": Precision.YEAR, "month": Precision.MONTH}.get(
        data.period or "day", Precision.DAY
    )
    day = data.date_obj.date()
    if precision is Precision.YEAR:
        day = date(day.year, 1, 1)
    elif precision is Precision.MONTH:
        day = date(day.year, day.month, 1)
    return day, precision


@lru_cache(maxsize=32)
def _parser(language: str, published: date | None) -> DateDataParser:
    # Without the source's date only phrases with a year reach here: the base is not read.
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    languages = [language] if language in ("en", "fr", "uk") else []
    # English as a fallback, as French and Ukrainian reports quote English month names.
    return DateDataParser(
        languages=[*languages, "en"] if language != "en" else ["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first"},
    )
