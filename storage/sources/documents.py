"""Documents a text names: kind, title, parties, signatories, signing date and summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storage.schema.enums import DocumentKind, RecordKind
from storage.sources.dates import MONTH, DatesOf, FoundDate
from storage.sources.doubts import reported_by
from storage.sources.names import Names
from storage.sources.parties import Mention, Person, find_organisations, find_people, find_states
from storage.sources.proposals import Proposal, ProposedValue, Quote
from storage.sources.sentences import quote
from storage.sources.subjects import subject
from storage.sources.vocabulary import DOCUMENT_WORDS, SIGN_VERB, WORD_START

# One boundary outside the alternation: the regex engine then scans four times faster.
KIND_LETTERS = "(?i:[acdfjlmprtдклмпсу])"
_KIND = re.compile(
    rf"{WORD_START}(?={KIND_LETTERS})(?:"
    + "|".join(rf"(?P<k{i}>{words})" for i, (words, _) in enumerate(DOCUMENT_WORDS))
    + r")(?!\w)",
    re.IGNORECASE,
)
_SIGN = re.compile(SIGN_VERB, re.IGNORECASE)
_MODIFIERS = re.compile(
    r"\b(?:an?|the|un|une|le|la|l'|this|its|their|a new|нов\w+)\s+"
    r"((?:(?!(?:of|the|an?|to|and|on|de|la|le|du|des|et|та|і)\b)[\w\-]+\s+){0,3})$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;:!?()]|,\s|\s[—–-]\s|\s(?:which|that|who|was|were|is|are|has|have|will|shall|must|"
    r"signed|enters|qui|que|"
    r"a été|est|sont|signé\w*|який|яка|яке|які|що|було|був|підписал\w*)\b"
    # A date after the name is the signing's, not the title's ("... with Canada on February 24").
    rf"|\s(?:on|le|of)\s+(?=\d|(?:{MONTH})\b)",
    re.IGNORECASE,
)
# "This Agreement shall enter into force…": a document named before, in a treaty's own text
# or a report's next sentence, is no new one, signed or not.
_DEMONSTRATIVE = re.compile(
    r"\b(?:this|that|these|the\s+present|the\s+said|ce|cet|cette|ces|le\s+présent|"
    r"la\s+présente|цей|ця|це|ці|цього|цієї|даний|дана|дане)\s+$",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"\b(?:two|three|four|five|several|deux|trois|quatre|cinq|plusieurs|два|дві|три|чотири|"
    r"п.ять|кілька|\d+)\s+$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:between|entre|між)\s+", re.IGNORECASE)
_PARTIES_END = re.compile(
    r"\s(?:on|about|concerning|regarding|for|to|in|sur|concernant|relatif|pour|про|щодо|у|в)\s",
    re.IGNORECASE,
)
_WITH = re.compile(r"\b(?:with|avec|з|із)\s+", re.IGNORECASE)
_LEAD = re.compile(
    rf"{SIGN_VERB}\s+(?P<count>two|three|four|five|deux|trois|quatre|два|дві|три|чотири|\d+)\s",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "deux": 2, "trois": 3, "quatre": 4,
           "два": 2, "дві": 2, "три": 3, "чотири": 4}  # fmt: skip
_SUMMARY = re.compile(
    r"^(?:The|This|That|Le|Ce|Cet|Cette|L'|Цей|Ця|Це|Документ|План|Угода|Меморандум)\s*"
    r"(?:document|plan|agreement|memorandum|letter|declaration|treaty|accord|mémorandum|lettre|"
    r"traité|документ|угода|план|меморандум)\b",
    re.IGNORECASE,
)
_MAX_TITLE = 220


@dataclass
class SigningDay:
    """A day the text gives to the next ``count`` signings ("signed two documents on August 24")."""

    day: FoundDate | None = None
    count: int = 0
    published: date | None = None


def find_documents(
    text: str, sentence: Quote, dates: DatesOf, names: Names, signing: SigningDay
) -> list[Proposal]:
    """The documents ``sentence`` names, each a proposal of a new record."""
    sign = _SIGN.search(text, sentence.start, sentence.end)
    if sign is None and _KIND.search(text, sentence.start, sentence.end) is None:
        return []
    days = [found for found in dates() if not found.since and not found.due] if sign else []
    _note_lead(text, sentence, days, signing)
    found: list[Proposal] = []
    outer_end = -1
    signed_taken = False
    for match in _KIND.finditer(text, sentence.start, sentence.end):
        before = max(sentence.start, match.start() - 16)
        if _COUNTED.search(text, before, match.start()) or _DEMONSTRATIVE.search(
            text, before, match.start()
        ):
            continue
        nested = match.start() < outer_end
        title = _title(text, sentence, match)
        signed = (
            not nested
            and not signed_taken
            and sign is not None
            and (sign.start() < match.start() or sign.start() - title.end < 40)
        )
        if not signed and not (_proper(text, match) and subject(title.text)):
            # "this Agreement" in a treaty's articles names no new document.
            continue
        signed_taken = signed_taken or signed
        outer_end = max(outer_end, title.end)
        kind = DOCUMENT_WORDS[int((match.lastgroup or "k0")[1:])][1]
        found.append(_proposal(text, sentence, title, kind, signed, days, names, signing))
    return found


def summary_of(text: str, sentence: Quote) -> bool:
    """Whether ``sentence`` describes the document just named ("The document provides for ...")."""
    return _SUMMARY.match(sentence.text) is not None


def _note_lead(text: str, sentence: Quote, days: list[FoundDate], signing: SigningDay) -> None:
    lead = _LEAD.search(text, sentence.start, sentence.end)
    if lead and days:
        count = lead.group("count").casefold()
        signing.day = days[0]
        signing.count = int(count) if count.isdigit() else _COUNTS.get(count, 0)


def _proper(text: str, match: re.Match[str]) -> bool:
    """A capitalised instrument word mid-sentence names a document ("the Agreement on ...")."""
    return text[match.start()].isupper()


def _title(text: str, sentence: Quote, match: re.Match[str]) -> Quote:
    start = match.start()
    modifiers = _MODIFIERS.search(text, max(sentence.start, start - 60), start)
    if modifiers and modifiers.group(1):
        start = modifiers.start(1)
    end = _CLAUSE_END.search(text, match.end(), sentence.end)
    stop = end.start() if end else sentence.end
    return quote(text, start, min(stop, start + _MAX_TITLE))


def _proposal(
    text: str,
    sentence: Quote,
    title: Quote,
    kind: DocumentKind,
    signed: bool,
    days: list[FoundDate],
    names: Names,
    signing: SigningDay,
) -> Proposal:
    values = [
        ProposedValue("title", _capitalised(title.text), title),
        ProposedValue("document_kind", kind.value, title),
    ]
    people = find_people(text, sentence, names) if signed else []
    parties = _parties(text, sentence, title, people, names, signed)
    if parties:
        values.append(ProposedValue("parties", "; ".join(parties), sentence))
    if people:
        values.append(
            ProposedValue("signatories", "; ".join(p.signatory for p in people), sentence)
        )
    if signed:
        values.extend(_signed_on(text, sentence, days, signing))
    return Proposal(RecordKind.DOCUMENT, sentence, tuple(values))


def _capitalised(title: str) -> str:
    return title[:1].upper() + title[1:]


def _parties(
    text: str, sentence: Quote, title: Quote, people: list[Person], names: Names, signed: bool
) -> list[str]:
    """Who the document binds: "between X and Y", "with X" and its signer, or its signatories."""
    between = _BETWEEN.search(text, title.start, title.end)
    if between:
        end = _PARTIES_END.search(text, between.end(), title.end)
        return _named(text, between.end(), end.start() if end else title.end, sentence, names)
    with_ = _WITH.search(text, title.start, title.end)
    if with_:
        other = _named(text, with_.end(), title.end, sentence, names)
        subject = _named(text, sentence.start, title.start, sentence, names) if signed else []
        subject = subject or [p.party for p in people if p.party]
        return _unique([*subject, *other])
    of_people = _unique([p.party for p in people if p.party])
    if of_people:
        return of_people
    if signed:
        return _named(text, sentence.start, title.start, sentence, names)
    return []


def _named(text: str, start: int, end: int, sentence: Quote, names: Names) -> list[str]:
    """Organisations, then states not inside them, named between ``start`` and ``end``."""
    window = Quote(start, end, text[start:end])
    organisations = [o for o in find_organisations(text, window, names) if o.quote.end <= end]
    states: list[Mention] = [
        s
        for s in find_states(text, start, end)
        if s.noun and not any(o.quote.start <= s.quote.start < o.quote.end for o in organisations)
    ]
    mentions = sorted([*organisations, *states], key=lambda m: m.quote.start)
    return _unique([names.canonical(m.name) for m in mentions])


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _signed_on(
    text: str, sentence: Quote, days: list[FoundDate], signing: SigningDay
) -> list[ProposedValue]:
    if days:
        return [ProposedValue("signed_on", days[0].on.isoformat(), days[0].quote)]
    if signing.day is not None and signing.count > 0:
        signing.count -= 1
        day = signing.day
        return [ProposedValue("signed_on", day.on.isoformat(), day.quote)]
    if signing.published is None:
        return []
    # The text implies the day (the report's own) but does not state it.
    reported, doubt = signing.published.isoformat(), reported_by(signing.published)
    return [ProposedValue("signed_on", reported, sentence, stated=False, doubt=doubt)]
