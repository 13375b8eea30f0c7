"""How often each value is drawn: statuses, bindings, languages, qualifiers, precisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from storage.generate.vocabulary import CURRENCIES
from storage.schema.enums import (
    Binding,
    DocumentKind,
    DocumentStatus,
    PledgeStatus,
    Precision,
    Qualifier,
    RelationKind,
)

T = TypeVar("T")

RELATION_KINDS = tuple(RelationKind)

DOCUMENT_WEIGHTS = {
    DocumentStatus.DRAFT: 4,
    DocumentStatus.SIGNED: 20,
    DocumentStatus.AWAITING_RATIFICATION: 8,
    DocumentStatus.IN_FORCE: 20,
    DocumentStatus.BEING_IMPLEMENTED: 18,
    DocumentStatus.COMPLETED: 12,
    DocumentStatus.SUSPENDED: 4,
    DocumentStatus.TERMINATED: 6,
    DocumentStatus.SUPERSEDED: 8,
}
PLEDGE_WEIGHTS = {
    PledgeStatus.ANNOUNCED: 30,
    PledgeStatus.COMMITTED: 25,
    PledgeStatus.PARTIALLY_DELIVERED: 20,
    PledgeStatus.DELIVERED: 18,
    PledgeStatus.CANCELLED: 7,
}
PRECISIONS = (Precision.DAY, Precision.MONTH, Precision.MONTH, Precision.QUARTER, Precision.YEAR)
QUALIFIERS = (
    *([Qualifier.EXACT] * 10),
    *([Qualifier.ABOUT] * 4),
    Qualifier.ALMOST,
    Qualifier.ALMOST,
    Qualifier.OVER,
    Qualifier.OVER,
    Qualifier.UP_TO,
    Qualifier.UP_TO,
)
LANGUAGES = (0,) * 15 + (1,) * 3 + (2,) * 2  # English, French, Ukrainian titles
REVISION_COUNTS = (0,) * 16 + (1,) * 3 + (2,)
BINDINGS = (
    (Binding.BINDING.value,) * 9 + (Binding.NON_BINDING.value,) * 7 + (Binding.UNKNOWN.value,) * 4
)
ROUND_FIGURES = (1, 2, 2.5, 3, 5, 7.5, 10, 12, 15, 20, 25, 40, 50, 75, 100, 120, 150, 250, 500)


def weighted(weights: Mapping[T, int]) -> tuple[T, ...]:
    """Each value repeated by its weight: a plain pick from it is a weighted draw, much
    cheaper than ``random.choices``."""
    return tuple(value for value, weight in weights.items() for _ in range(weight))


DOCUMENT_STATUSES = weighted(DOCUMENT_WEIGHTS)
PLEDGE_STATUSES = weighted({status.value: w for status, w in PLEDGE_WEIGHTS.items()})
CURRENCY_DRAWS = weighted({(code, written): w for code, written, w in CURRENCIES})
DOCUMENT_KINDS = tuple(DocumentKind)
