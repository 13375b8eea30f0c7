"""What a text proposes: documents and pledges with a quote per value, matched to held records."""

from __future__ import annotations

from dataclasses import replace

from storage.sources.dates import DatesOf
from storage.sources.documents import SigningDay, find_documents, summary_of
from storage.sources.matching import best_match, complete, merge_repeated
from storage.sources.names import Names
from storage.sources.pledges import find_pledges
from storage.sources.proposals import Proposal, ProposalContext, ProposedValue, Quote
from storage.sources.sentences import sentences


def propose(text: str, context: ProposalContext) -> list[Proposal]:
    """Every record ``text`` describes, as new records or completions of ``context.held``."""
    names = Names(context.aliases, context.parties)
    found = [_tidy(proposal) for proposal in _read(text, context, names)]
    merged = merge_repeated(found, names)
    return [_against_held(proposal, context, names) for proposal in merged]


def _read(text: str, context: ProposalContext, names: Names) -> list[Proposal]:
    found: list[Proposal] = []
    signing = SigningDay(published=context.published)
    all_sentences = sentences(text)
    previous: Quote | None = None
    for index, sentence in enumerate(all_sentences):
        # Finders leave at their first cheap test (no instrument word, no verb of giving), and
        # dates are read only for the few sentences that get further: a treaty costs little.
        dates = DatesOf(text, sentence, context.language, context.published)
        documents = find_documents(text, sentence, dates, names, signing)
        following = all_sentences[index + 1] if index + 1 < len(all_sentences) else None
        if documents and following is not None and summary_of(text, following):
            documents[0] = _with_summary(documents[0], following)
        found.extend(documents)
        found.extend(
            find_pledges(
                text, sentence, previous, dates, names, context.language, context.published
            )
        )
        previous = sentence
    return found


def _tidy(proposal: Proposal) -> Proposal:
    """Values on one line: a PDF's line breaks stay in the quotes, not in what is stored."""
    values = tuple(_one_line(v) for v in proposal.values)
    return proposal if values == proposal.values else replace(proposal, values=values)


def _one_line(value: ProposedValue) -> ProposedValue:
    line = " ".join(value.value.split())
    # Most values are on one line already: no copy for them (a treaty has thousands).
    return value if line == value.value else replace(value, value=line)


def _with_summary(document: Proposal, following: Quote) -> Proposal:
    summary = ProposedValue("summary", following.text, following)
    return Proposal(document.kind, document.sentence, (*document.values, summary))


def _against_held(proposal: Proposal, context: ProposalContext, names: Names) -> Proposal:
    record = best_match(proposal, context.held, names)
    return proposal if record is None else complete(proposal, record, names)
