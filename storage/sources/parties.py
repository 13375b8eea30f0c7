"""Parties and people a sentence names: states, their ministries, and people with their roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.sources.names import Names
from storage.sources.proposals import Quote
from storage.sources.sentences import quote
from storage.sources.vocabulary import STATES, WORD_START

_NOUNS = "|".join(rf"(?P<n{i}>{noun})" for i, (_, noun, _) in enumerate(STATES))
_ADJECTIVES = "|".join(rf"(?P<a{i}>{adjective})" for i, (_, _, adjective) in enumerate(STATES))
# "Canadaʼs": the modifier apostrophe counts as a letter to the regex engine, not here.
_END = r"(?![^\Wʼ])"
# The letters (any case) a state's or a ministry's name can begin with: the engine then
# passes over other words without trying each alternative (a third of the time);
# tests/storage/sources/test_patterns.py checks them against the patterns.
STATE_LETTERS = "(?i:[abcdefgijlnprstuéабвдеклнпрсуфшяєі])"
ORGANISATION_LETTERS = "(?i:[abcdefgijlmnoprsuабдеклмнпруфшяєі])"
_STATE = re.compile(
    rf"{WORD_START}(?={STATE_LETTERS})(?:{_NOUNS}|{_ADJECTIVES}){_END}", re.IGNORECASE
)
# One alternative per state, unnamed, to sit inside other patterns.
_ANY_NOUN = "|".join(noun for _, noun, _ in STATES)
_ANY_ADJECTIVE = "(?i:" + "|".join(adjective for _, _, adjective in STATES) + ")"

_ORGANISATION = re.compile(
    rf"{WORD_START}(?={ORGANISATION_LETTERS})"
    rf"(?:(?:Ministry|Department|Office|Agency|Embassy|Cabinet)\s+of\s+(?:the\s+)?"
    rf"[A-Z][\w ]*?\s+(?:of|for)\s+(?:{_ANY_NOUN})"
    rf"|[Mm]inist[èe]re\s+(?:de\s+la|des|du|de\s+l')\s*[\w' ]+?\s+"
    rf"(?:de\s+l'|du|de\s+la|d')\s*(?:{_ANY_NOUN})"
    rf"|Міністерств\w+\s+[а-яіїєґ' ]+?\s+(?:{_ANY_NOUN})"
    rf"|(?:{_ANY_ADJECTIVE})\s+(?:Ministry|Department)\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)",
)

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ"
_NAME = rf"(?P<name>[{_UPPER}][\w'ʼ’\-]+(?:\s+[{_UPPER}][\w'ʼ’\-]+){{0,2}})"
_ROLE_HEAD = (
    r"(?:Deputy\s+)?Prime\s+Minister|President|Chancellor|Ambassador|Speaker|Secretary\s+of\s+State"
    r"|(?:Deputy\s+)?(?:Defen[cs]e|Foreign|Finance|Economy|Economic|Trade)\s+(?:Minister|Secretary)"
    r"|(?:Deputy\s+)?Minister(?:\s+of\s+(?:the\s+)?[A-Z]\w+(?:\s+(?:and\s+)?[A-Z]\w+)*?)?"
    r"|[Pp]résident(?:e)?|[Pp]remier\s+ministre|[Pp]remière\s+ministre|[Cc]hancelier|[Aa]mbassadeur|[Aa]mbassadrice"
    r"|[Mm]inistre(?:\s+(?:de\s+la|des|du|de\s+l')\s*[\w]+)?"
    r"|[Пп]резидент|[Пп]рем.єр-міністр(?:ка)?|[Мм]іністр(?:ка)?(?:\s+[а-яіїєґ]+(?:\s+справ)?)?|[Пп]осол|[Кк]анцлер"
)
_ROLE_PLACE = (
    rf"(?:\s+(?:of|to|in|de|du|au|en|à|d'|de\s+l'|в|у)?\s*(?:the\s+)?(?:{_ANY_NOUN}))"
    rf"|(?:\s+(?:{_ANY_ADJECTIVE}))"
)
_PERSON = re.compile(
    rf"(?P<role>(?:(?:{_ANY_ADJECTIVE})\s+)?(?:{_ROLE_HEAD})(?:{_ROLE_PLACE})*),?\s+{_NAME}",
)
_ARTICLE = re.compile(r"^(?:the|le|la|l')\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A party named in the text: its canonical name, whether a noun named it, and the words."""

    name: str
    quote: Quote
    noun: bool = True
    inside: str = ""


@dataclass(frozen=True)
class Person:
    """A person named with a role: canonical name, the role as written, and the role's party."""

    name: str
    role: str
    party: str
    quote: Quote

    @property
    def signatory(self) -> str:
        """As a record's ``signatories`` list keeps it."""
        return f"{self.name} | {self.role} | {self.party}"


def find_states(text: str, start: int, end: int) -> list[Mention]:
    """The states named between ``start`` and ``end``, nouns and adjectives."""
    found: list[Mention] = []
    for match in _STATE.finditer(text, start, end):
        group = match.lastgroup or ""
        found.append(
            Mention(STATES[int(group[1:])][0], quote(text, *match.span()), group.startswith("n"))
        )
    return found


def find_organisations(text: str, sentence: Quote, names: Names) -> list[Mention]:
    """Ministries and departments that belong to a state ("the Ministry of Defense of Ukraine")."""
    found: list[Mention] = []
    for match in _ORGANISATION.finditer(text, sentence.start, sentence.end):
        states = find_states(text, *match.span())
        inside = states[-1].name if states else ""
        found.append(
            Mention(names.canonical(match.group()), quote(text, *match.span()), True, inside)
        )
    return found


def find_people(text: str, sentence: Quote, names: Names) -> list[Person]:
    """People named with a role ("President of Ukraine Volodymyr Zelensky"), names canonical."""
    found: list[Person] = []
    for match in _PERSON.finditer(text, sentence.start, sentence.end):
        role_start, role_end = match.span("role")
        states = find_states(text, role_start, role_end)
        party = states[0].name if states else ""
        role = _role_title(text, role_start, role_end, states)
        person = names.canonical(match.group("name"))
        found.append(Person(person, role, party, quote(text, *match.span())))
    return found


def _role_title(text: str, start: int, end: int, states: list[Mention]) -> str:
    """The role without its article and nationality adjectives ("Defense Minister")."""
    pieces: list[str] = []
    position = start
    for state in states:
        if not state.noun:
            pieces.append(text[position : state.quote.start])
            position = state.quote.end
    pieces.append(text[position:end])
    return _ARTICLE.sub("", " ".join("".join(pieces).split()))
