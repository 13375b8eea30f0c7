"""The closed vocabularies of Accords: kinds, statuses, qualifiers, categories and precisions."""

from __future__ import annotations

from enum import StrEnum


class RecordKind(StrEnum):
    """What a tracked record is."""

    DOCUMENT = "document"
    PROVISION = "provision"
    PLEDGE = "pledge"


class DocumentKind(StrEnum):
    """The instrument type of a signed document."""

    AGREEMENT = "agreement"
    ACTION_PLAN = "action_plan"
    LETTER_OF_INTENT = "letter_of_intent"
    MEMORANDUM = "memorandum"
    COMMUNIQUE = "communique"
    OTHER = "other"


class Binding(StrEnum):
    """Whether a document is legally binding; unknown is a real answer, not a default guess."""

    BINDING = "binding"
    NON_BINDING = "non_binding"
    UNKNOWN = "unknown"


class DocumentStatus(StrEnum):
    """The life of a document or of one of its provisions."""

    DRAFT = "draft"
    SIGNED = "signed"
    AWAITING_RATIFICATION = "awaiting_ratification"
    IN_FORCE = "in_force"
    BEING_IMPLEMENTED = "being_implemented"
    COMPLETED = "completed"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"


class PledgeStatus(StrEnum):
    """The life of a pledge, from announcement to delivery."""

    ANNOUNCED = "announced"
    COMMITTED = "committed"
    PARTIALLY_DELIVERED = "partially_delivered"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


CLOSED_PLEDGE_STATUSES = frozenset({PledgeStatus.DELIVERED, PledgeStatus.CANCELLED})


class Qualifier(StrEnum):
    """How the text qualifies an amount; anything but exact or about makes it a bound."""

    EXACT = "exact"
    ABOUT = "about"
    ALMOST = "almost"
    OVER = "over"
    UP_TO = "up_to"


BOUND_QUALIFIERS = frozenset({Qualifier.ALMOST, Qualifier.OVER, Qualifier.UP_TO})


class Category(StrEnum):
    """What kind of help a pledge gives; a pledge may have several."""

    MILITARY = "military"
    FINANCIAL = "financial"
    HUMANITARIAN = "humanitarian"
    ECONOMIC = "economic"
    DEVELOPMENT = "development"
    SECURITY = "security"
    STABILISATION = "stabilisation"
    IMMIGRATION = "immigration"
    OTHER = "other"


class Precision(StrEnum):
    """How precisely a due date is known: "in September" is a month."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class RelationKind(StrEnum):
    """How one document stands to another."""

    IMPLEMENTS = "implements"
    AMENDS = "amends"
    SUPERSEDES = "supersedes"
    REFERS_TO = "refers_to"
    PART_OF = "part_of"


class PartyKind(StrEnum):
    """A state, a ministry (which belongs to its state), or another organisation."""

    STATE = "state"
    MINISTRY = "ministry"
    ORGANISATION = "organisation"


def statuses_for(kind: RecordKind) -> tuple[str, ...]:
    """The statuses a record of this kind may take, in life order."""
    if kind is RecordKind.PLEDGE:
        return tuple(PledgeStatus)
    return tuple(DocumentStatus)


def label(value: str) -> str:
    """A human label for an enum value: ``being_implemented`` reads "Being implemented"."""
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
