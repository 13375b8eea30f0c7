"""The closed vocabularies: statuses per kind, and a label for every value."""

from __future__ import annotations

from storage.schema.enums import (
    LABELS,
    Binding,
    Category,
    DocumentKind,
    DocumentStatus,
    PartyKind,
    PledgeStatus,
    Precision,
    Qualifier,
    RecordKind,
    RelationKind,
    label,
    statuses_for,
)


def test_statuses_follow_the_kind() -> None:
    assert statuses_for(RecordKind.PLEDGE) == tuple(PledgeStatus)
    assert statuses_for(RecordKind.DOCUMENT) == tuple(DocumentStatus)
    assert statuses_for(RecordKind.PROVISION) == tuple(DocumentStatus)


def test_every_closed_value_has_its_own_label() -> None:
    vocabularies = (
        RecordKind, DocumentKind, Binding, DocumentStatus, PledgeStatus, Qualifier,
        Category, Precision, RelationKind, PartyKind,
    )  # fmt: skip
    missing = [m.value for v in vocabularies for m in v if m.value not in LABELS]
    assert missing == []
    assert label("being_implemented") == "Being implemented"
    assert label("non_binding") == "Non-binding"


def test_an_open_value_is_spaced_and_capitalised() -> None:
    assert label("demining_and_training") == "Demining and training"
    assert label("") == ""
