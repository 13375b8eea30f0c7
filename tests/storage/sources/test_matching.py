"""Matching a proposal to the record it describes, whatever the wording."""

from __future__ import annotations

from storage.schema.enums import RecordKind
from storage.sources.matching import agrees, best_match, complete, merge_repeated
from storage.sources.names import Names
from storage.sources.proposals import HeldRecord, Proposal, ProposedValue, Quote

NAMES = Names({})
SENTENCE = Quote(0, 4, "text")
SECURITY = HeldRecord(
    1,
    RecordKind.DOCUMENT,
    "Agreement on Security Cooperation between Ukraine and Canada",
    {"document_kind": "agreement", "parties": "Ukraine; Canada", "signed_on": "2024-02-24"},
)
PLAN = HeldRecord(
    2,
    RecordKind.DOCUMENT,
    "Action Plan to implement the Agreement on Security Cooperation between Ukraine and Canada",
    {"document_kind": "action_plan", "parties": "Ukraine; Canada"},
)


def _document(title: str, kind: str, **values: str) -> Proposal:
    pairs = {"title": title, "document_kind": kind, **values}
    return Proposal(
        RecordKind.DOCUMENT,
        SENTENCE,
        tuple(ProposedValue(n, v, SENTENCE) for n, v in pairs.items()),
    )


def test_a_security_agreement_with_canada_is_the_held_agreement_not_the_plan() -> None:
    proposal = _document("security agreement with Canada", "agreement", parties="Canada")
    assert best_match(proposal, (SECURITY, PLAN), NAMES) is SECURITY


def test_another_kind_or_other_parties_or_subject_do_not_match() -> None:
    customs = _document("Agreement on assistance in customs matters", "agreement")
    poland = _document("Agreement on Security Cooperation", "agreement", parties="Poland")
    memorandum = _document("Memorandum on Security Cooperation", "memorandum")
    for proposal in (customs, poland, memorandum):
        assert best_match(proposal, (SECURITY,), NAMES) is None


def test_a_completion_fills_supports_and_conflicts() -> None:
    proposal = _document(
        "security agreement", "agreement", parties="Canada", signed_on="2024-02-23",
        summary="Ten years of security cooperation.",
    )  # fmt: skip
    done = complete(proposal, SECURITY, NAMES)
    assert done.completes == 1
    assert [v.name for v in done.values] == ["summary"]
    assert [v.name for v in done.supports] == ["document_kind", "parties"]
    assert [(c.name, c.held, c.proposed.value) for c in done.conflicts] == [
        ("signed_on", "2024-02-24", "2024-02-23")
    ]


def test_an_implied_value_never_conflicts_with_a_stated_one() -> None:
    implied = ProposedValue("signed_on", "2025-01-01", SENTENCE, stated=False, doubt="reported")
    proposal = Proposal(RecordKind.DOCUMENT, SENTENCE, (implied,))
    done = complete(proposal, SECURITY, NAMES)
    assert (done.values, done.supports, done.conflicts) == ((), (), ())


def test_values_agree_across_spellings_and_lists() -> None:
    assert agrees("amount", "700000000", "700000000.00", NAMES)
    assert agrees("parties", "Ukraine; Canada", "Canada", NAMES)
    assert not agrees("parties", "Ukraine; Canada", "Canada; Poland", NAMES)
    assert agrees(
        "signatories",
        "Volodymyr Zelensky | President | Ukraine",
        "Зеленський | x | y",
        Names({"зеленський": "Volodymyr Zelensky"}),
    )
    assert agrees("currency_as_written", "$", "доларів", NAMES)
    assert not agrees("currency_as_written", "$", "Canadian dollars", NAMES)


def test_two_mentions_of_one_pledge_merge_but_two_figures_stay_two() -> None:
    def pledge(amount: str, *extra: tuple[str, str]) -> Proposal:
        values = (("amount", amount), ("summary", "Canada pledges drones"), *extra)
        return Proposal(
            RecordKind.PLEDGE, SENTENCE, tuple(ProposedValue(n, v, SENTENCE) for n, v in values)
        )

    merged = merge_repeated(
        [pledge("5", ("donor", "Canada")), pledge("5", ("due_start", "2026-01-01")), pledge("6")],
        NAMES,
    )
    assert [p.value("amount") for p in merged] == ["5", "6"]
    assert (merged[0].value("donor"), merged[0].value("due_start")) == ("Canada", "2026-01-01")
