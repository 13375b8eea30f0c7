"""The closed vocabularies of Accords: kinds, statuses, qualifiers, categories and precisions."""

from __future__ import annotations

from enum import StrEnum

from storage.i18n import NP_, pgettext


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


# Every value's label, with the context a translator needs (statuses, kinds, categories...).
LABELS: dict[str, tuple[str, str]] = {
    "document": NP_("kind", "Document"),
    "provision": NP_("kind", "Provision"),
    "pledge": NP_("kind", "Pledge"),
    "agreement": NP_("document kind", "Agreement"),
    "action_plan": NP_("document kind", "Action plan"),
    "letter_of_intent": NP_("document kind", "Letter of intent"),
    "memorandum": NP_("document kind", "Memorandum"),
    "communique": NP_("document kind", "Communiqué"),
    "other": NP_("document kind or category", "Other"),
    "binding": NP_("binding", "Binding"),
    "non_binding": NP_("binding", "Non-binding"),
    "unknown": NP_("binding", "Unknown"),
    "draft": NP_("status", "Draft"),
    "signed": NP_("status", "Signed"),
    "awaiting_ratification": NP_("status", "Awaiting ratification"),
    "in_force": NP_("status", "In force"),
    "being_implemented": NP_("status", "Being implemented"),
    "completed": NP_("status", "Completed"),
    "suspended": NP_("status", "Suspended"),
    "terminated": NP_("status", "Terminated"),
    "superseded": NP_("status", "Superseded"),
    "announced": NP_("status", "Announced"),
    "committed": NP_("status", "Committed"),
    "partially_delivered": NP_("status", "Partially delivered"),
    "delivered": NP_("status", "Delivered"),
    "cancelled": NP_("status", "Cancelled"),
    "exact": NP_("qualifier", "Exact"),
    "about": NP_("qualifier", "About"),
    "almost": NP_("qualifier", "Almost"),
    "over": NP_("qualifier", "Over"),
    "up_to": NP_("qualifier", "Up to"),
    "military": NP_("category", "Military"),
    "financial": NP_("category", "Financial"),
    "humanitarian": NP_("category", "Humanitarian"),
    "economic": NP_("category", "Economic"),
    "development": NP_("category", "Development"),
    "security": NP_("category", "Security"),
    "stabilisation": NP_("category", "Stabilisation"),
    "immigration": NP_("category", "Immigration"),
    "day": NP_("precision", "Day"),
    "week": NP_("precision", "Week"),  # a period of the status history, not a due precision
    "month": NP_("precision", "Month"),
    "quarter": NP_("precision", "Quarter"),
    "year": NP_("precision", "Year"),
    "implements": NP_("relation", "Implements"),
    "amends": NP_("relation", "Amends"),
    "supersedes": NP_("relation", "Supersedes"),
    "refers_to": NP_("relation", "Refers to"),
    "part_of": NP_("relation", "Part of"),
    "state": NP_("party kind", "State"),
    "ministry": NP_("party kind", "Ministry"),
    "organisation": NP_("party kind", "Organisation"),
}


def label(value: str) -> str:
    """A value's label in the user's language: ``being_implemented`` reads "Being implemented".

    A value outside the closed vocabularies (an area tag, say) is the record's own data and
    is only spaced and capitalised.
    """
    known = LABELS.get(value)
    if known is not None:
        return pgettext(*known)
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
