"""Annotations: quotes of a sentence of a generated source, on a quarter of the records."""

from __future__ import annotations

from datetime import datetime

from storage.generate.draws import Draws
from storage.generate.rows import Row, Rows
from storage.generate.sources import Sentence, Sources
from storage.generate.texts import ANNOTATION_COMMENTS
from storage.service import ANCHOR_CONTEXT_CHARS


def add_quotes(draws: Draws, rows: Rows, row: Row, sources: Sources) -> list[str]:
    """A quote of the record's article, three times in ten with a second one for its title;
    returns each quote with its comment, for search."""
    article = sources.next_article()
    if draws.random() >= 0.25 or not article:
        return []
    fields: tuple[str | None, ...] = (None,) if draws.random() < 0.7 else (None, "title")
    quotes: list[str] = []
    quoted: set[int] = set()
    for name in fields:
        sentence = draws.pick(article)
        comment = draws.pick(ANNOTATION_COMMENTS)
        body = sources.text[sentence.source_id]
        annotation = _annotation(sentence, body, name, comment, row)
        rows.annotations.append(annotation)
        quotes.append(f"{annotation['quote']} {comment}".strip())
        if sentence.source_id not in quoted:  # the record rests on the source it quotes
            quoted.add(sentence.source_id)
            rows.record_sources.append({"record_id": row["id"], "source_id": sentence.source_id})
    return quotes


def _annotation(sentence: Sentence, body: str, name: str | None, comment: str, row: Row) -> Row:
    """A quote of ``sentence`` on the record: all of it, or a few words of it for a field."""
    start, end = sentence.start, sentence.end
    if name is not None:
        cut = body.find(" ", start + (end - start) // 3)
        if start < cut < end:
            end = cut
    at: datetime = row["created_at"]
    return {
        "source_id": sentence.source_id,
        "record_id": row["id"],
        "field": name,
        "start_offset": start,
        "end_offset": end,
        "quote": body[start:end],
        "prefix": body[max(0, start - ANCHOR_CONTEXT_CHARS) : start],
        "suffix": body[end : end + ANCHOR_CONTEXT_CHARS],
        "comment": comment,
        "deleted_at": None,
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }
