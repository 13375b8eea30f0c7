"""Pledges one sentence states: a verb of giving, each figure, the sides and the due period."""

from __future__ import annotations

from datetime import date

from storage.schema.enums import RecordKind
from storage.sources.dates import DatesOf
from storage.sources.names import Names
from storage.sources.pledges import find_pledges
from storage.sources.proposals import Proposal
from storage.sources.sentences import sentences

PUBLISHED = date(2025, 8, 24)


def pledges_in(text: str, previous_text: str = "") -> list[Proposal]:
    whole = previous_text + text
    found = sentences(whole)
    sentence, previous = found[-1], (found[-2] if len(found) > 1 else None)
    dates = DatesOf(whole, sentence, "en", PUBLISHED)
    proposals = find_pledges(whole, sentence, previous, dates, Names({}), "en", PUBLISHED)
    for proposal in proposals:  # every value rests on the words it quotes
        for value in proposal.values:
            assert whole[value.quote.start : value.quote.end] == value.quote.text
    return proposals


def values(proposal: Proposal) -> dict[str, str]:
    return {value.name: value.value for value in proposal.values}


def test_a_pledge_states_its_figure_sides_purpose_and_year() -> None:
    (pledge,) = pledges_in(
        "Germany will allocate 500 million euros in 2026 for military assistance to Ukraine."
    )
    assert pledge.kind is RecordKind.PLEDGE
    found = values(pledge)
    assert (found["amount"], found["currency"], found["currency_as_written"]) == (
        "500000000",
        "EUR",
        "euros",
    )
    assert (found["donor"], found["recipient"]) == ("Germany", "Ukraine")
    assert (found["due_start"], found["due_end"], found["due_precision"]) == (
        "2026-01-01",
        "2026-12-31",
        "year",
    )
    assert found["categories"] == "military"
    assert found["announced_on"] == PUBLISHED.isoformat()


def test_a_symbol_keeps_no_guessed_currency_and_a_part_is_no_pledge_of_its_own() -> None:
    (pledge,) = pledges_in(
        "Canada will deliver drones worth over $700 million, including $200 million for "
        "ammunition, by October."
    )
    found = values(pledge)
    assert found["amount"] == "700000000" and "currency" not in found
    assert (found["currency_as_written"], found["qualifier"]) == ("$", "over")
    assert (found["due_start"], found["due_end"]) == ("2025-10-01", "2025-10-31")


def test_without_a_verb_of_giving_there_is_no_pledge() -> None:
    assert pledges_in("The weather in Kyiv was sunny on Monday.") == []
    assert pledges_in("Exports reached 500 million euros in 2024.") == []
