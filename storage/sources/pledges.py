"""Pledges a text states: figure, currency, qualifier, equivalent, due period, categories, sides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storage.schema.enums import RecordKind
from storage.sources.amounts import Figure, decimal_text, find_money, find_quantities
from storage.sources.dates import DatesOf, FoundDate
from storage.sources.doubts import AMBIGUOUS_DOLLAR, reported_by
from storage.sources.names import Names
from storage.sources.parties import Mention, find_organisations, find_people, find_states
from storage.sources.proposals import Proposal, ProposedValue, Quote
from storage.sources.vocabulary import (
    CATEGORY_WORDS,
    PLEDGE_VERBS,
    PLEDGE_WITHOUT_FIGURE,
    WORD_START,
)

# The letters (any case) a match can begin with, looked ahead for: other words are passed
# over at once (tests/storage/sources/test_patterns.py checks them against the pattern).
VERB_LETTERS = "(?i:[acdefglprswвднопсф])"
CATEGORY_LETTERS = "(?i:[abdefhilmprstwéабвгдезкмрсф])"
_VERB = re.compile(rf"{WORD_START}(?={VERB_LETTERS})(?:{PLEDGE_VERBS})", re.IGNORECASE)
_WITHOUT_FIGURE = re.compile(rf"\b(?:{PLEDGE_WITHOUT_FIGURE})\b", re.IGNORECASE)
_CATEGORIES = re.compile(
    rf"{WORD_START}(?={CATEGORY_LETTERS})(?:"
    + "|".join(rf"(?P<c{i}>{words})" for i, (words, _) in enumerate(CATEGORY_WORDS))
    + r")(?!\w)",
    re.IGNORECASE,
)
_PART = re.compile(r"(?:including|of which|dont|y compris|у тому числі|з яких)\s+$", re.I)
_RECEIVES = re.compile(r"\s+(?:will\s+)?(?:receiv\w*|gets?|recevr\w*|reçoit|отрима\w*)", re.I)
_POSSESSIVE = re.compile(r"[ʼ'’]s\b")
_FROM = re.compile(r"\b(?:from|de la part d[eu]|від)\s+(?:the\s+)?$", re.I)
_ITS_COUNTRY = re.compile(
    r"\b(?:from\s+(?:his|her|its|their)\s+country|de\s+son\s+pays|від\s+(?:своєї|його|її)\s+країни)",
    re.I,
)
_AGGRESSOR = re.compile(r"\s*(?:aggression|invasion|war|attacks?|agression|guerre|агрес\w*|"
                        r"вторгн\w*|війн\w*)", re.I)  # fmt: skip
_CURRENCY_AFTER_WORD = re.compile(r"\s+(?:dollars?|долар\w*)", re.I)
_CURRENCY_BEFORE_WORD = re.compile(r"dollars?\s+$", re.I)
_TITLE_WORDS = 14
_LEADING = re.compile(
    r"^(?:(?:In addition|Also|Moreover|Furthermore|Meanwhile|In particular|En outre|De plus"
    r"|Par ailleurs|Крім того|Також|Водночас|Зокрема)\s*,\s*|(?:According to|Selon|За словами)"
    r"[^,]{0,60},\s*)",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"^[^,.;]{0,100}?\b(?:reported|said|announced|stated|noted|confirmed|a annoncé|a déclaré"
    r"|a indiqué|заявив|заявила|повідомив|повідомила|оголосив|оголосила)\b[^,.;]{0,40}?"
    r"(?:\bthat|\bque|\bqu'|,?\s*що)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sides:
    """Who gives and who receives, each with the words it rests on."""

    donor: tuple[str, Quote] | None
    recipient: tuple[str, Quote] | None


def find_pledges(
    text: str,
    sentence: Quote,
    previous: Quote | None,
    dates: DatesOf,
    names: Names,
    language: str,
    published: date | None,
) -> list[Proposal]:
    """The pledges ``sentence`` states; ``previous`` names the sides it may leave implied."""
    verb = _VERB.search(text, sentence.start, sentence.end)
    if verb is None:
        return []
    figures = [f for f in find_money(text, sentence, language) if not _part(text, sentence, f)]
    money_spans = [f.quote for f in figures]
    figures += [
        q
        for q in find_quantities(text, sentence, language)
        if not any(s.start <= q.quote.start < s.end for s in money_spans)
    ]
    if not figures and _WITHOUT_FIGURE.search(text, sentence.start, sentence.end) is None:
        return []
    sides = _sides(text, sentence, previous, names, verb)
    common = _common(text, sentence, dates(), sides, published)
    if not figures:
        return [Proposal(RecordKind.PLEDGE, sentence, (*_titled(sentence), *common))]
    return [
        Proposal(RecordKind.PLEDGE, sentence, (*_titled(sentence), *_figure(f), *common))
        for f in sorted(figures, key=lambda f: f.quote.start)
    ]


def _part(text: str, sentence: Quote, figure: Figure) -> bool:
    """A figure "including $200 million for drones" is part of the pledge before it."""
    return _PART.search(text, sentence.start, figure.quote.start) is not None


def _titled(sentence: Quote) -> tuple[ProposedValue, ...]:
    """A title from the sentence's own words, without "In addition," or "X said that"."""
    words = _ATTRIBUTION.sub("", _LEADING.sub("", sentence.text)).split()
    title = " ".join(words[:_TITLE_WORDS]).rstrip(".,;:")
    title = title[:1].upper() + title[1:] + ("…" if len(words) > _TITLE_WORDS else "")
    return (
        ProposedValue("title", title, sentence),
        ProposedValue("summary", sentence.text, sentence),
    )


def _figure(figure: Figure) -> list[ProposedValue]:
    words = figure.quote
    if figure.unit:
        values = [ProposedValue("quantity", decimal_text(figure.value), words)]
        values.append(ProposedValue("unit", figure.unit, words))
    else:
        values = [ProposedValue("amount", decimal_text(figure.value), words)]
        if figure.currency:
            values.append(ProposedValue("currency", figure.currency, words))
        values.append(
            ProposedValue("currency_as_written", figure.as_written, words, doubt=_doubt(figure))
        )
    if figure.qualifier is not None:
        values.append(ProposedValue("qualifier", figure.qualifier.value, words))
    if figure.equivalent is not None:
        other = figure.equivalent
        values.append(ProposedValue("equivalent_amount", decimal_text(other.value), other.quote))
        values.append(
            ProposedValue(
                "equivalent_as_written", other.as_written, other.quote, doubt=_doubt(other)
            )
        )
    return values


def _doubt(figure: Figure) -> str:
    return AMBIGUOUS_DOLLAR if figure.doubt else ""


def _common(
    text: str, sentence: Quote, dates: list[FoundDate], sides: Sides, published: date | None
) -> list[ProposedValue]:
    values: list[ProposedValue] = []
    due = next((d for d in dates if d.due and not d.since), None)
    if due is not None:
        values.append(ProposedValue("due_start", due.on.isoformat(), due.quote))
        values.append(ProposedValue("due_end", due.end.isoformat(), due.quote))
        values.append(ProposedValue("due_precision", due.precision.value, due.quote))
    day = next((d for d in dates if not d.due and not d.since), None)
    if day is not None:
        values.append(ProposedValue("announced_on", day.on.isoformat(), day.quote))
    elif published is not None and not any(d.since for d in dates):
        doubt = reported_by(published)
        values.append(
            ProposedValue(
                "announced_on", published.isoformat(), sentence, stated=False, doubt=doubt
            )
        )
    categories = _categories(text, sentence)
    if categories:
        values.append(ProposedValue("categories", "; ".join(categories), sentence))
    if sides.donor:
        values.append(ProposedValue("donor", sides.donor[0], sides.donor[1]))
    if sides.recipient:
        values.append(ProposedValue("recipient", sides.recipient[0], sides.recipient[1]))
    return values


def _categories(text: str, sentence: Quote) -> list[str]:
    found = [
        CATEGORY_WORDS[int((m.lastgroup or "c0")[1:])][1].value
        for m in _CATEGORIES.finditer(text, sentence.start, sentence.end)
    ]
    return list(dict.fromkeys(found))


def _sides(
    text: str, sentence: Quote, previous: Quote | None, names: Names, verb: re.Match[str]
) -> Sides:
    """Donor and recipient: "X will receive", "from X", "X's intention", else the subject."""
    mentions = _parties(text, sentence, names)
    donor: tuple[str, Quote] | None = None
    recipient: tuple[str, Quote] | None = None
    for mention in mentions:
        after = text[mention.quote.end : mention.quote.end + 30]
        before = text[max(sentence.start, mention.quote.start - 25) : mention.quote.start]
        if recipient is None and mention.noun and _RECEIVES.match(after):
            recipient = (mention.name, sentence)
        elif donor is None and (_POSSESSIVE.match(after) or _FROM.search(before)):
            donor = (mention.name, sentence)
    if donor is None and _ITS_COUNTRY.search(text, sentence.start, sentence.end):
        people = find_people(text, sentence, names)
        donor = (people[0].party, sentence) if people and people[0].party else None
    if donor is None:
        subject = next((m for m in mentions if m.noun and m.quote.end <= verb.start()), None)
        if subject is not None and (recipient is None or subject.name != recipient[0]):
            donor = (subject.name, sentence)
    taken = {side[0] for side in (donor, recipient) if side}
    rest = [m for m in mentions if m.name not in taken]
    if recipient is None and rest:
        recipient = (rest[0].name, sentence)
    if (donor is None or recipient is None) and previous is not None:
        donor, recipient = _from_previous(text, previous, names, donor, recipient)
    return Sides(donor, recipient)


def _from_previous(
    text: str,
    previous: Quote,
    names: Names,
    donor: tuple[str, Quote] | None,
    recipient: tuple[str, Quote] | None,
) -> tuple[tuple[str, Quote] | None, tuple[str, Quote] | None]:
    """A sentence saying "the country has allocated" leaves its sides to the one before."""
    named = [m.name for m in _parties(text, previous, names) if m.noun]
    taken = {side[0] for side in (donor, recipient) if side}
    free = [name for name in dict.fromkeys(named) if name not in taken]
    if donor is None and free:
        donor = (free.pop(0), previous)
    if recipient is None and free:
        recipient = (free.pop(0), previous)
    return donor, recipient


def _parties(text: str, sentence: Quote, names: Names) -> list[Mention]:
    """Parties named in ``sentence``, ministries first; states named as aggressors left out."""
    organisations = find_organisations(text, sentence, names)
    states = [
        s
        for s in find_states(text, sentence.start, sentence.end)
        if not any(o.quote.start <= s.quote.start < o.quote.end for o in organisations)
        and not _AGGRESSOR.match(text, s.quote.end)
        and not _in_money(text, s)
    ]
    mentions = sorted([*organisations, *states], key=lambda m: m.quote.start)
    return [Mention(names.canonical(m.name), m.quote, m.noun) for m in mentions]


def _in_money(text: str, mention: Mention) -> bool:
    """ "Canadian dollars" (or "dollars canadiens") names a currency, not a side."""
    after = _CURRENCY_AFTER_WORD.match(text, mention.quote.end)
    before = _CURRENCY_BEFORE_WORD.search(
        text, max(0, mention.quote.start - 10), mention.quote.start
    )
    return after is not None or before is not None
