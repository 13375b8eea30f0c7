"""Quotes: the quoted text is what the source holds between the quote's offsets."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from storage.generate.draws import Draws
from storage.generate.quotes import add_quotes
from storage.generate.rows import Rows
from storage.generate.sources import Sentence, Sources

BODY = "First sentence here. The second sentence of the article is longer than that one."
CREATED = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)


def test_quotes_match_the_source_and_a_field_quote_is_part_of_its_sentence() -> None:
    sentence = Sentence(3, BODY.index("The"), len(BODY))
    stock = Sources(text={3: BODY}, sentences=[[sentence]])
    draws = Draws(random.Random(0))
    rows = Rows()
    found: list[str] = []
    for record_id in range(400):
        found += add_quotes(draws, rows, {"id": record_id, "created_at": CREATED}, stock)
    assert 60 < len({a["record_id"] for a in rows.annotations}) < 140  # about a quarter
    whole = BODY[sentence.start :]
    for annotation in rows.annotations:
        assert annotation["quote"] == BODY[annotation["start_offset"] : annotation["end_offset"]]
        if annotation["field"] is None:
            assert annotation["quote"] == whole
        else:
            assert whole.startswith(annotation["quote"]) and annotation["quote"] != whole
    assert any(a["field"] == "title" for a in rows.annotations)
    assert len(found) == len(rows.annotations)
