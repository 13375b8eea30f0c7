"""What a text proposes: documents and pledges with a quote per value, matched to held records."""

from __future__ import annotations

import re

from storage.sources.dates import DatesOf
from storage.sources.documents import SigningDay, find_documents, summary_of
from storage.sources.matching import best_match, complete, merge_repeated
from storage.sources.names import Names
from storage.sources.pledges import find_pledges
from storage.sources.proposals import Proposal, ProposalContext, ProposedValue, Quote
from storage.sources.sentences import sentences

# Cheap test that a sentence may hold a document or a pledge at all; most of a long treaty's
# sentences fail it and cost nothing more.
_WORTH_READING = re.compile(r"\d|[$€£]|sign|підпис|intention|намір|engag|pledg|commit", re.I)


def propose(text: str, context: ProposalContext) -> list[Proposal]:
    """Every record ``text`` describes, as new records or completions of ``context.held``."""
    names = Names(context.aliases)
    found = _read(text, context, names)
    merged = merge_repeated(found, names)
    return [_against_held(proposal, context, names) for proposal in merged]


def _read(text: str, context: ProposalContext, names: Names) -> list[Proposal]:
    found: list[Proposal] = []
    signing = SigningDay(published=context.published)
    all_sentences = sentences(text)
    previous: Quote | None = None
    for index, sentence in enumerate(all_sentences):
        if _WORTH_READING.search(sentence.text) is None and not _names_document(sentence):
            previous = sentence
            continue
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


_DOCUMENT_HINT = re.compile(r"[A-ZА-Я]\w+ (?:on|of|to|про|sur|de|d')\b|accord|угод|agreement", re.I)


def _names_document(sentence: Quote) -> bool:
    return _DOCUMENT_HINT.search(sentence.text) is not None


def _with_summary(document: Proposal, following: Quote) -> Proposal:
    summary = ProposedValue("summary", following.text, following)
    return Proposal(document.kind, document.sentence, (*document.values, summary))


def _against_held(proposal: Proposal, context: ProposalContext, names: Names) -> Proposal:
    record = best_match(proposal, context.held, names)
    return proposal if record is None else complete(proposal, record, names)
