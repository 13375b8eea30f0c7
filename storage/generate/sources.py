"""Generated source texts (one article per stretch of records) and the sentences to quote."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from storage.generate.days import BASE_TIME
from storage.generate.draws import Draws
from storage.generate.reference import GeneratedParty
from storage.generate.rows import scalar_int, table_of, tracked
from storage.generate.texts import SOURCE_SENTENCES_BY_LANGUAGE, SOURCE_TITLES
from storage.generate.vocabulary import AREAS, MONTHS, PURPOSES
from storage.schema.models import Source

SOURCE_SENTENCES = 150  # per generated source text, about 13,000 characters
RECORDS_PER_SOURCE = 1_000
LANGUAGES = ("en", "fr", "uk")  # in turn, one per source


@dataclass(slots=True)
class Sentence:
    source_id: int
    start: int
    end: int


@dataclass(slots=True)
class Sources:
    """The texts of one transaction's sources, and which article each record quotes."""

    text: dict[int, str] = field(default_factory=dict)
    sentences: list[list[Sentence]] = field(default_factory=list)  # per source
    position: int = 0  # records that asked for an article so far

    def next_article(self) -> list[Sentence]:
        """The sentences of the next record's article (empty when there are no sources).

        Each record quotes the article of its own stretch of records, so no source carries
        more than a few hundred annotations, as with real articles.
        """
        self.position += 1
        if not self.sentences:
            return []
        place = min((self.position - 1) // RECORDS_PER_SOURCE, len(self.sentences) - 1)
        return self.sentences[place]


def add_sources(
    session: Session,
    draws: Draws,
    parties: dict[str, GeneratedParty],
    slug_prefix: str,
    records: int,
) -> Sources:
    """Source texts for the next ``records`` records: one article per RECORDS_PER_SOURCE,
    with slugs ``<slug_prefix>-source-<n>``."""
    sources = Sources()
    for number in range(max(1, -(-records // RECORDS_PER_SOURCE))):
        language = LANGUAGES[number % 3]
        year = draws.between(2014, 2026)
        body, spans = source_text(draws, list(parties.values()), language)
        published = date(year, draws.between(1, 12), draws.between(1, 28))
        slug = f"{slug_prefix}-source-{number}"
        values = {
            "slug": slug,
            "title": SOURCE_TITLES[language].format(year=year),
            "publisher": "Synthetic Press Office",
            "url": f"https://example.org/accords/{slug}",
            "published_on": published,
            "language": language,
            "text": body,
            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "reported_by_id": parties["Canada"].id,
        }
        source_id = _insert_source(session, values)
        sources.text[source_id] = body
        sources.sentences.append([Sentence(source_id, s, e) for s, e in spans])
    return sources


def _insert_source(session: Session, values: dict[str, object]) -> int:
    session.execute(insert(table_of(Source)), [tracked(values, BASE_TIME)])
    return scalar_int(session, select(Source.id).where(Source.slug == values["slug"]))


def source_text(
    draws: Draws, parties: list[GeneratedParty], language: str
) -> tuple[str, list[tuple[int, int]]]:
    """SOURCE_SENTENCES sentences in ``language``, a paragraph every seven; with each
    sentence's (start, end) offsets in the text."""
    templates = SOURCE_SENTENCES_BY_LANGUAGE[language]
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for number in range(SOURCE_SENTENCES):
        sentence = _source_sentence(draws, templates, parties, language)
        separator = "\n\n" if number % 7 == 6 else " "
        spans.append((offset, offset + len(sentence)))
        parts.append(sentence + separator)
        offset += len(sentence) + len(separator)
    return "".join(parts), spans


def _source_sentence(
    draws: Draws, templates: tuple[str, ...], parties: list[GeneratedParty], language: str
) -> str:
    area_index = 1 if language == "en" else 2 if language == "fr" else 3
    purpose_index = 0 if language == "en" else 1 if language == "fr" else 2
    a, b = draws.sample(parties, 2)
    return draws.pick(templates).format(
        day=draws.between(1, 28),
        month=MONTHS[draws.below(12)],
        year=draws.between(1990, 2026),
        a=a.uk if language == "uk" else a.name,
        b=b.uk if language == "uk" else b.name,
        area=draws.pick(AREAS)[area_index],
        area2=draws.pick(AREAS)[area_index],
        purpose=draws.pick(PURPOSES)[purpose_index],
        n=draws.between(2, 900),
    )
