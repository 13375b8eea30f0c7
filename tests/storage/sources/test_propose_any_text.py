"""propose() on any mix of report sentences: it never fails and every quote is exact."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.sources.proposals import ProposalContext
from storage.sources.propose import propose
from storage.sources.sentences import sentences
from tests.storage.sources.articles import ENGLISH, FRENCH, UKRAINIAN
from tests.storage.sources.held import seed_article, seed_held

PIECES = [s.text for text in (ENGLISH, FRENCH, UKRAINIAN, seed_article()) for s in sentences(text)]
HELD = seed_held()


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(PIECES), max_size=8),
    st.sampled_from(["\n", " ", "\n\n"]),
    st.sampled_from(["en", "fr", "uk", "de"]),
    st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2040, 12, 31))),
    st.booleans(),
)
def test_any_mix_of_sentences_proposes_with_exact_quotes(
    pieces: list[str], glue: str, language: str, published: date | None, held: bool
) -> None:
    text = glue.join(pieces)
    context = ProposalContext(published, language, HELD if held else ())
    for proposal in propose(text, context):
        quotes = [proposal.sentence, *(v.quote for v in proposal.values)]
        quotes += [v.quote for v in proposal.supports]
        quotes += [c.proposed.quote for c in proposal.conflicts]
        assert all(text[q.start : q.end] == q.text and q.text for q in quotes)
        assert all(v.value for v in proposal.values)
        assert proposal.completes is None or proposal.completes in {r.id for r in HELD}
