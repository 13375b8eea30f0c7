"""Plain, immutable views of stored data that the service hands to the GUI and the command line."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from storage.i18n import NP_, pgettext
from storage.i18n import format_amount as i18n_amount
from storage.records.periods import Period
from storage.schema.enums import BOUND_QUALIFIERS, Qualifier

# The word before an amount ("about 5,000 CAD"); shown in the user's language.
QUALIFIER_WORDS = {
    Qualifier.EXACT: ("", ""),  # exact: no word
    Qualifier.ABOUT: NP_("before an amount", "about"),
    Qualifier.ALMOST: NP_("before an amount", "almost"),
    Qualifier.OVER: NP_("before an amount", "over"),
    Qualifier.UP_TO: NP_("before an amount", "up to"),
}


def format_amount(
    value: Decimal | None, currency: str | None, qualifier: str | None, *, as_written: str | None
) -> str:
    """ "almost 22,000,000,000 CAD"; a currency known only by its symbol shows that symbol."""
    if value is None:
        return ""
    marked = QUALIFIER_WORDS.get(Qualifier(qualifier)) if qualifier else None
    words = pgettext(*marked) if marked and marked[1] else ""
    return " ".join(
        part for part in (words, amount_text(value, currency or as_written or "")) if part
    )


def amount_text(value: Decimal, unit: str) -> str:
    """ "$700,000,000" for a symbol as the source writes it, "22,000,000,000 CAD" otherwise,
    in the user's language ("22 000 000 000 CAD"); for reading only, never for export."""
    return i18n_amount(value, unit)


class RecordRow(NamedTuple):
    """One line of the records table (a named tuple: a page builds 256 of them at a time)."""

    id: int
    slug: str
    kind: str
    title: str
    status: str
    status_since: datetime
    parties: str
    key_date: date | None
    amount: Decimal | None
    quantity: Decimal | None
    unit: str | None
    currency: str | None
    currency_as_written: str | None
    qualifier: str | None
    due: Period | None
    overdue: bool
    delivered: Decimal | None
    last_note: str
    version: int
    deleted: bool

    @property
    def amount_label(self) -> str:
        """The pledged figure with its qualifier and currency or unit, as a user reads it."""
        if self.amount is not None:
            return format_amount(
                self.amount, self.currency, self.qualifier, as_written=self.currency_as_written
            )
        return format_amount(self.quantity, None, self.qualifier, as_written=self.unit)

    @property
    def is_bound(self) -> bool:
        """True when the qualifier makes the figure a bound ("over", "almost"), not a value."""
        return self.qualifier in BOUND_QUALIFIERS


class SignatoryView(NamedTuple):
    """Who signed, in which role, for which party."""

    person: str
    title: str
    party: str


class StatusChangeView(NamedTuple):
    """One step of a status history: the day it took effect, and when it was recorded."""

    id: int
    from_status: str | None
    to_status: str
    changed_at: datetime
    changed_by: str
    comment: str
    evidence: str
    effective_on: date


class NoteRevisionView(NamedTuple):
    """A text a note had before an edit."""

    id: int
    body: str
    saved_at: datetime
    written_by: str | None = None  # who wrote this text; None before 0010


class NoteView(NamedTuple):
    """A note and how many earlier texts it keeps."""

    id: int
    record_id: int
    body: str
    author: str
    created_at: datetime
    updated_at: datetime
    version: int
    revision_count: int
    updated_by: str | None = None  # who wrote the current text; None before 0010


class AnnotationView(NamedTuple):
    """A highlight on a source, with the field of the record it supports."""

    id: int
    source_id: int
    record_id: int | None
    field: str | None
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    comment: str


class DeliveryView(NamedTuple):
    """One entry of a pledge's delivery ledger."""

    id: int
    delivered_on: date | None
    amount: Decimal | None
    quantity: Decimal | None
    note: str


class RelationView(NamedTuple):
    """Another document this one stands in relation to."""

    kind: str
    outgoing: bool
    other_id: int
    other_slug: str
    other_title: str


class ProvisionView(NamedTuple):
    """A provision of a document with its own status."""

    id: int
    slug: str
    title: str
    status: str


class SourceView(NamedTuple):
    """An article or official text."""

    id: int
    slug: str
    title: str
    publisher: str | None
    url: str | None
    published_on: date | None
    language: str
    text: str
    sha256: str
    reported_by: str | None
    media_type: str = "text/plain"
    file_name: str | None = None
    has_text: bool = True
    imported_at: datetime | None = None


class AliasView(NamedTuple):
    """Another name of a person or a party."""

    id: int
    name: str
    owner: str  # "person" or "party"
    owner_id: int
    owner_name: str


class PartyView(NamedTuple):
    """A state or organisation with how many live records involve it."""

    id: int
    slug: str
    name: str
    parent: str | None
    kind: str = ""  # state, ministry or organisation
    version: int = 0  # for a rename (``service.parties.rename_party``)


class RecordDetail(NamedTuple):
    """Everything about one record: its fields, people, history, notes, quotes and ledger."""

    row: RecordRow
    summary: str
    document_kind: str | None
    binding: str | None
    signed_on: date | None
    donor: str | None
    recipient: str | None
    equivalent_amount: Decimal | None
    equivalent_as_written: str | None
    announced_on: date | None
    announced_by: str | None
    from_document: str | None
    parent_id: int | None
    parent_slug: str | None  # a provision's document: its id (slug) and title
    parent_title: str | None
    created_at: datetime
    updated_at: datetime
    parties: tuple[str, ...] = ()
    updated_by: str | None = None  # who last changed the record; None before 0010
    signatories: tuple[SignatoryView, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    provisions: tuple[ProvisionView, ...] = ()
    relations: tuple[RelationView, ...] = ()
    history: tuple[StatusChangeView, ...] = ()
    notes: tuple[NoteView, ...] = ()
    annotations: tuple[AnnotationView, ...] = ()
    deliveries: tuple[DeliveryView, ...] = ()
    sourced_fields: frozenset[str] = frozenset()

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def version(self) -> int:
        return self.row.version

    @property
    def status_since(self) -> date:
        """The day the current status took effect (its latest step's)."""
        if not self.history:
            return self.row.status_since.date()
        return self.history[-1].effective_on

    @property
    def status_recorded(self) -> datetime:
        """When the current status was recorded."""
        return self.history[-1].changed_at if self.history else self.row.status_since

    @property
    def pledged(self) -> Decimal | None:
        """The pledged figure, money or quantity."""
        return self.row.amount if self.row.amount is not None else self.row.quantity

    @property
    def remainder(self) -> Decimal | None:
        """What is still to be delivered, when the pledge has a figure."""
        if self.pledged is None:
            return None
        return max(self.pledged - (self.row.delivered or Decimal(0)), Decimal(0))
