"""Documents one sentence names: kind, title, parties and signing day; summaries after them."""

from __future__ import annotations

from datetime import date

from storage.schema.enums import RecordKind
from storage.sources.dates import DatesOf
from storage.sources.documents import SigningDay, find_documents, summary_of
from storage.sources.names import Names
from storage.sources.proposals import Proposal
from storage.sources.sentences import sentences

PUBLISHED = date(2025, 8, 24)


def documents_in(text: str) -> list[Proposal]:
    (sentence,) = sentences(text)
    dates = DatesOf(text, sentence, "en", PUBLISHED)
    found = find_documents(text, sentence, dates, Names({}), SigningDay(published=PUBLISHED))
    for proposal in found:
        for value in proposal.values:
            assert text[value.quote.start : value.quote.end] == value.quote.text
    return found


def test_a_signed_agreement_has_its_kind_title_parties_and_day() -> None:
    (document,) = documents_in(
        "Ukraine and Canada signed the Agreement on Security Cooperation on February 24, 2024."
    )
    assert document.kind is RecordKind.DOCUMENT
    found = {value.name: value.value for value in document.values}
    assert found == {
        "title": "Agreement on Security Cooperation",
        "document_kind": "agreement",
        "parties": "Ukraine; Canada",
        "signed_on": "2024-02-24",
    }


def test_a_sentence_without_an_instrument_names_no_document() -> None:
    assert documents_in("The weather in Kyiv was sunny on Monday.") == []
    assert documents_in("Ukraine and Canada signed nothing new on Monday.") == []


def test_a_summary_sentence_describes_the_document_before_it() -> None:
    (following,) = sentences("The document provides for joint production of drones.")
    assert summary_of("The document provides for joint production of drones.", following)
    (other,) = sentences("Drones were produced jointly.")
    assert not summary_of("Drones were produced jointly.", other)


def test_a_document_named_before_is_no_new_one() -> None:
    """A treaty's own articles and a report's next sentence say "this Agreement"."""
    assert documents_in("This Agreement shall enter into force on the date of its signature.") == []
    assert documents_in("This Agreement shall be signed in two copies in Kyiv.") == []
    assert documents_in("Cet Accord entre en vigueur à la date de sa signature.") == []
    assert documents_in("Ця Угода набирає чинності з дати її підписання.") == []


def test_a_title_ends_before_what_the_document_shall_do() -> None:
    (document,) = documents_in(
        "Ukraine and Canada signed an Agreement on Veterans that shall enter into force in May."
    )
    assert {value.name: value.value for value in document.values}["title"] == (
        "Agreement on Veterans"
    )
    (stated,) = documents_in("The Agreement on Social Security shall apply to pensions.")
    assert {value.name: value.value for value in stated.values}["title"] == (
        "Agreement on Social Security"
    )
