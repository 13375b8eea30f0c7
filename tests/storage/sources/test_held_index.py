"""Matching through the held index picks exactly the record a scan of every held record picks."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from storage.schema.enums import RecordKind
from storage.sources import held_index
from storage.sources.held_index import HeldIndex
from storage.sources.importing import held_records
from storage.sources.matching import best_match, scan, score
from storage.sources.names import Names
from storage.sources.proposals import HeldRecord, Proposal, ProposalContext
from storage.sources.propose import propose
from storage.sources.sentences import sentences
from tests.benchmarks.bench_imports import PAGE
from tests.storage.sources.articles import (
    ALIASES,
    ENGLISH,
    ENGLISH_PUBLISHED,
    FRENCH,
    FRENCH_PUBLISHED,
    UKRAINIAN,
    UKRAINIAN_PUBLISHED,
)
from tests.storage.sources.held import seed_article, seed_held

NAMES = Names(ALIASES)
TREATY = "\n".join(PAGE.format(n=n, year=2025 + n % 2) for n in range(4))
ARTICLES = (
    (seed_article(), date(2025, 8, 24), "en"),
    (ENGLISH, ENGLISH_PUBLISHED, "en"),
    (FRENCH, FRENCH_PUBLISHED, "fr"),
    (UKRAINIAN, UKRAINIAN_PUBLISHED, "uk"),
    (TREATY, date(2025, 8, 24), "en"),
)


def _proposals() -> list[Proposal]:
    """Every proposal of each article, whole and sentence by sentence, before matching,
    and each of them once more without each of its values (no donor, no figure, no title)."""
    found: list[Proposal] = []
    for text, day, language in ARTICLES:
        context = ProposalContext(day, language, (), ALIASES)
        found += propose(text, context)
        for sentence in sentences(text):
            found += propose(sentence.text, context)
    return found + [
        replace(proposal, values=tuple(v for v in proposal.values if v is not left_out))
        for proposal in found
        for left_out in proposal.values
    ]


PROPOSALS = _proposals()


def _as_held(record_id: int, proposal: Proposal) -> HeldRecord:
    values = {v.name: v.value for v in proposal.values}
    return HeldRecord(record_id, proposal.kind, values.get("title", ""), values)


def _variants(count: int) -> tuple[HeldRecord, ...]:
    """Held records near the proposals: their values mixed, reworded, refigured; some twice."""
    rng = random.Random(20251205)
    bases = [*seed_held(), *(_as_held(0, p) for p in PROPOSALS)]
    pool: dict[str, list[str]] = {}
    for base in bases:
        for name, value in base.values.items():
            pool.setdefault(name, []).append(value)
    pool["amount"] += ["700000000.00", "7E+8", "not a number"]
    words = " ".join(pool["title"] + pool.get("summary", [])).split()
    held: list[HeldRecord] = []
    for record_id in range(1, count + 1):
        base = rng.choice(bases)
        values = dict(base.values)
        for name in rng.sample(sorted(pool), k=3):
            values[name] = rng.choice(pool[name])
        for name in rng.sample(sorted(values), k=1):
            del values[name]
        if rng.random() < 0.5:
            title = values.get("title", base.title).split()
            title[rng.randrange(len(title) or 1) if title else 0 :] = rng.sample(words, k=2)
            values["title"] = " ".join(title)
        held.append(HeldRecord(record_id, base.kind, base.title, values))
    # Equal records at several places: a tie must go to the first in held order.
    held += [replace(rng.choice(held), id=count + n) for n in range(1, count // 5)]
    rng.shuffle(held)
    return (*seed_held(), *held)


@pytest.mark.slow
def test_the_index_path_picks_what_a_scan_of_every_record_picks() -> None:
    held = _variants(1200)
    assert len(held) >= held_index.INDEXED_FROM
    index = HeldIndex(held)
    matched = ties = 0
    for proposal in PROPOSALS:
        scores = [score(proposal, record, NAMES) for record in held]
        fitting = [id(record) for record, value in zip(held, scores, strict=True) if value > 0]
        candidates = [id(record) for record in index.candidates(proposal)]
        # Every record that could fit is a candidate, in held order; far from all are.
        assert [c for c in candidates if c in set(fitting)] == fitting
        assert len(candidates) < len(held) // 2
        found = best_match(proposal, held, NAMES)
        assert found is scan(proposal, held, NAMES)
        matched += found is not None
        ties += fitting != [] and scores.count(max(scores)) > 1
    assert len(PROPOSALS) > 100
    assert matched > len(PROPOSALS) // 3 and ties > 10, (matched, ties)


def test_few_held_records_are_scanned_and_the_index_is_built_once() -> None:
    held = _variants(400)
    proposal = next(p for p in PROPOSALS if p.kind is RecordKind.PLEDGE)
    best_match(proposal, held, NAMES)
    index = held_index.index_of(held)
    best_match(proposal, held, NAMES)
    assert held_index.index_of(held) is index
    assert held_index.index_of(tuple(held)) is index  # the same tuple
    assert held_index.index_of(held[:-1]) is not index
    few = held[: held_index.INDEXED_FROM - 1]
    assert best_match(proposal, few, NAMES) is scan(proposal, few, NAMES)


@pytest.mark.slow
def test_over_the_seed_and_generated_records_the_index_picks_what_a_scan_picks(
    service: object,
) -> None:
    from storage.generate import generate
    from storage.service import AccordsService

    assert isinstance(service, AccordsService)
    generate(service, 1000, seed=3)
    with service.db.engine.connect() as connection:
        held = held_records(connection)
    assert len(held) > 700
    for proposal in PROPOSALS:
        assert best_match(proposal, held, NAMES) is scan(proposal, held, NAMES)
