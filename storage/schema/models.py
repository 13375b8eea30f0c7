"""The ORM mapping: typed classes for sources, parties, records, statuses, notes and annotations.

Each class maps onto its table in ``storage.schema.tables``, which holds the one schema definition;
the ``Mapped`` annotations give each attribute its Python type (``X | None`` where the column
is nullable, which ``tests/storage/test_models.py`` checks).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, deferred, relationship

from storage.schema import tables


class Base(DeclarativeBase):
    """Declarative base over the Core tables' metadata."""

    metadata = tables.metadata


class Tracked:
    """UTC created/updated times and a version counter for optimistic concurrency."""

    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Source(Tracked, Base):
    """An article or official text, kept verbatim with its SHA-256."""

    __table__ = tables.sources

    id: Mapped[int]
    slug: Mapped[str]
    title: Mapped[str]
    publisher: Mapped[str | None]
    url: Mapped[str | None]
    published_on: Mapped[date | None]
    language: Mapped[str]
    text: Mapped[str]
    sha256: Mapped[str]
    reported_by_id: Mapped[int | None]
    media_type: Mapped[str]
    file_name: Mapped[str | None]
    has_text: Mapped[bool]
    imported_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"Source(id={self.id!r}, slug={self.slug!r}, title={self.title!r})"


class SourceFile(Base):
    """The bytes a source was imported from."""

    __table__ = tables.source_files

    source_id: Mapped[int]
    content: Mapped[bytes] = deferred(tables.source_files.c.content)

    def __repr__(self) -> str:
        return f"SourceFile(source_id={self.source_id!r})"


class Alias(Base):
    """Another name of a person or a party."""

    __table__ = tables.aliases

    id: Mapped[int]
    party_id: Mapped[int | None]
    person_id: Mapped[int | None]
    name: Mapped[str]
    folded: Mapped[str]

    def __repr__(self) -> str:
        return f"Alias(id={self.id!r}, name={self.name!r})"


class RecordSource(Base):
    """A source a record rests on."""

    __table__ = tables.record_sources

    record_id: Mapped[int]
    source_id: Mapped[int]

    def __repr__(self) -> str:
        return f"RecordSource({self.record_id!r}, {self.source_id!r})"


class Party(Tracked, Base):
    """A state or an organisation, optionally inside another (a ministry inside a state)."""

    __table__ = tables.parties

    id: Mapped[int]
    slug: Mapped[str]
    name: Mapped[str]
    kind: Mapped[str]
    parent_id: Mapped[int | None]

    parent: Mapped[Party | None] = relationship(remote_side=[tables.parties.c.id])

    def __repr__(self) -> str:
        return f"Party(id={self.id!r}, slug={self.slug!r}, name={self.name!r})"


class Person(Tracked, Base):
    """A named person who signs or announces."""

    __table__ = tables.persons

    id: Mapped[int]
    slug: Mapped[str]
    name: Mapped[str]

    roles: Mapped[list[Role]] = relationship(back_populates="person")

    def __repr__(self) -> str:
        return f"Person(id={self.id!r}, name={self.name!r})"


class Role(Tracked, Base):
    """A title a person holds for a party, as the text gives it."""

    __table__ = tables.roles

    id: Mapped[int]
    slug: Mapped[str]
    person_id: Mapped[int]
    party_id: Mapped[int]
    title: Mapped[str]

    person: Mapped[Person] = relationship(back_populates="roles")
    party: Mapped[Party] = relationship()

    def __repr__(self) -> str:
        return f"Role(id={self.id!r}, person_id={self.person_id!r}, title={self.title!r})"


class Record(Tracked, Base):
    """A tracked item: a document, one of its provisions, or a pledge.

    One table holds all three so that listing, sorting and searching stay single-table
    queries at hundreds of thousands of rows; columns of the other kinds stay NULL.
    """

    __table__ = tables.records

    id: Mapped[int]
    slug: Mapped[str]
    kind: Mapped[str]
    title: Mapped[str]
    summary: Mapped[str]
    status: Mapped[str]
    status_since: Mapped[datetime]
    parent_id: Mapped[int | None]
    deleted_at: Mapped[datetime | None]

    # Documents
    document_kind: Mapped[str | None]
    binding: Mapped[str | None]
    signed_on: Mapped[date | None]

    # Pledges
    donor_id: Mapped[int | None]
    recipient_id: Mapped[int | None]
    amount: Mapped[Decimal | None]
    currency: Mapped[str | None]
    currency_as_written: Mapped[str | None]
    qualifier: Mapped[str | None]
    quantity: Mapped[Decimal | None]
    unit: Mapped[str | None]
    equivalent_amount: Mapped[Decimal | None]
    equivalent_as_written: Mapped[str | None]
    announced_on: Mapped[date | None]
    announced_by_id: Mapped[int | None]
    due_start: Mapped[date | None]
    due_end: Mapped[date | None]
    due_precision: Mapped[str | None]
    from_document_id: Mapped[int | None]
    updated_by: Mapped[str | None]

    # The listing columns (see storage.schema.tables): read with pages, not with every object.
    parties_label: Mapped[str] = deferred(tables.records.c.parties_label)
    note_preview: Mapped[str] = deferred(tables.records.c.note_preview)
    delivered_measures: Mapped[str] = deferred(tables.records.c.delivered_measures)
    status_effective_on: Mapped[date | None] = deferred(tables.records.c.status_effective_on)
    # Kept by storage.records.search_index alone.
    title_order: Mapped[int | None] = deferred(tables.records.c.title_order)

    parent: Mapped[Record | None] = relationship(
        remote_side=[tables.records.c.id],
        foreign_keys=[tables.records.c.parent_id],
        back_populates="provisions",
    )
    provisions: Mapped[list[Record]] = relationship(
        foreign_keys=[tables.records.c.parent_id], back_populates="parent", order_by="Record.id"
    )
    donor: Mapped[Party | None] = relationship(foreign_keys=[tables.records.c.donor_id])
    recipient: Mapped[Party | None] = relationship(foreign_keys=[tables.records.c.recipient_id])
    announced_by: Mapped[Role | None] = relationship()
    from_document: Mapped[Record | None] = relationship(
        remote_side=[tables.records.c.id], foreign_keys=[tables.records.c.from_document_id]
    )
    parties: Mapped[list[Party]] = relationship(secondary="record_parties", order_by="Party.id")
    signatories: Mapped[list[Signatory]] = relationship(
        back_populates="record", order_by="Signatory.id", cascade="all, delete-orphan"
    )
    tags: Mapped[list[RecordTag]] = relationship(
        back_populates="record", order_by="RecordTag.tag", cascade="all, delete-orphan"
    )
    categories: Mapped[list[PledgeCategory]] = relationship(
        back_populates="record", order_by="PledgeCategory.category", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"Record(id={self.id!r}, kind={self.kind!r}, slug={self.slug!r})"


class RecordParty(Base):
    """A party to a document."""

    __table__ = tables.record_parties

    record_id: Mapped[int]
    party_id: Mapped[int]

    def __repr__(self) -> str:
        return f"RecordParty(record_id={self.record_id!r}, party_id={self.party_id!r})"


class Signatory(Base):
    """A person who signed a document, in the role and for the party they signed for."""

    __table__ = tables.signatories

    id: Mapped[int]
    record_id: Mapped[int]
    role_id: Mapped[int]

    record: Mapped[Record] = relationship(back_populates="signatories")
    role: Mapped[Role] = relationship()

    def __repr__(self) -> str:
        return f"Signatory(record_id={self.record_id!r}, role_id={self.role_id!r})"


class RecordTag(Base):
    """An area a document covers, in the words of its source."""

    __table__ = tables.record_tags

    record_id: Mapped[int]
    tag: Mapped[str]

    record: Mapped[Record] = relationship(back_populates="tags")

    def __repr__(self) -> str:
        return f"RecordTag(record_id={self.record_id!r}, tag={self.tag!r})"


class PledgeCategory(Base):
    """One of the categories of help a pledge gives."""

    __table__ = tables.pledge_categories

    record_id: Mapped[int]
    category: Mapped[str]

    record: Mapped[Record] = relationship(back_populates="categories")

    def __repr__(self) -> str:
        return f"PledgeCategory(record_id={self.record_id!r}, category={self.category!r})"


class Relation(Base):
    """How one document stands to another: implements, amends, supersedes, refers to."""

    __table__ = tables.relations

    id: Mapped[int]
    from_id: Mapped[int]
    to_id: Mapped[int]
    kind: Mapped[str]

    def __repr__(self) -> str:
        return f"Relation({self.from_id!r} {self.kind} {self.to_id!r})"


class StatusChange(Base):
    """One append-only step in a record's status history."""

    __table__ = tables.status_changes

    id: Mapped[int]
    record_id: Mapped[int]
    from_status: Mapped[str | None]
    to_status: Mapped[str]
    changed_at: Mapped[datetime]
    changed_by: Mapped[str]
    comment: Mapped[str]
    evidence: Mapped[str]
    evidence_source_id: Mapped[int | None]
    effective_on: Mapped[date]

    def __repr__(self) -> str:
        return f"StatusChange(record_id={self.record_id!r}, {self.from_status}->{self.to_status})"


class Note(Tracked, Base):
    """A Markdown note on a record; every edit keeps the text it replaced."""

    __table__ = tables.notes

    id: Mapped[int]
    record_id: Mapped[int]
    body: Mapped[str]
    author: Mapped[str]
    updated_by: Mapped[str | None]

    revisions: Mapped[list[NoteRevision]] = relationship(
        back_populates="note", order_by="NoteRevision.id"
    )

    def __repr__(self) -> str:
        return f"Note(id={self.id!r}, record_id={self.record_id!r}, version={self.version!r})"


class NoteRevision(Base):
    """The text a note had before one of its edits."""

    __table__ = tables.note_revisions

    id: Mapped[int]
    note_id: Mapped[int]
    body: Mapped[str]
    saved_at: Mapped[datetime]
    written_by: Mapped[str | None]

    note: Mapped[Note] = relationship(back_populates="revisions")

    def __repr__(self) -> str:
        return f"NoteRevision(id={self.id!r}, note_id={self.note_id!r})"


class Annotation(Tracked, Base):
    """A highlight on a source text, anchored by offsets and by its quote with context."""

    __table__ = tables.annotations

    id: Mapped[int]
    source_id: Mapped[int]
    record_id: Mapped[int | None]
    field: Mapped[str | None]
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    quote: Mapped[str]
    prefix: Mapped[str]
    suffix: Mapped[str]
    comment: Mapped[str]
    deleted_at: Mapped[datetime | None]
    conflicting_value: Mapped[str | None]

    def __repr__(self) -> str:
        return (
            f"Annotation(id={self.id!r}, record_id={self.record_id!r}, field={self.field!r}, "
            f"span={self.start_offset}:{self.end_offset})"
        )


class Delivery(Tracked, Base):
    """One entry in a pledge's delivery ledger."""

    __table__ = tables.deliveries

    id: Mapped[int]
    pledge_id: Mapped[int]
    delivered_on: Mapped[date | None]
    amount: Mapped[Decimal | None]
    quantity: Mapped[Decimal | None]
    note: Mapped[str]
    source_id: Mapped[int | None]
    deleted_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"Delivery(id={self.id!r}, pledge_id={self.pledge_id!r})"


class SeedItem(Base):
    """A key per item the seeder ever added, so a re-seed never re-adds what a user removed."""

    __table__ = tables.seed_items

    key: Mapped[str]
    applied_at: Mapped[datetime]

    def __repr__(self) -> str:
        return f"SeedItem({self.key!r})"


class ExchangeRate(Tracked, Base):
    """What one unit of ``from_currency`` was worth in ``to_currency`` on a day, as entered."""

    __table__ = tables.exchange_rates

    id: Mapped[int]
    from_currency: Mapped[str]
    to_currency: Mapped[str]
    rate: Mapped[Decimal]
    on_date: Mapped[date]
    source: Mapped[str]

    def __repr__(self) -> str:
        return (
            f"ExchangeRate(id={self.id!r}, {self.from_currency}->{self.to_currency} "
            f"{self.rate} on {self.on_date})"
        )


class FindingDismissal(Base):
    """An analyst's decision that a data-quality finding needs no action, and why."""

    __table__ = tables.finding_dismissals

    id: Mapped[int]
    rule: Mapped[str]
    record_slug: Mapped[str]
    field: Mapped[str]
    reason: Mapped[str]
    dismissed_at: Mapped[datetime]
    dismissed_by: Mapped[str]

    def __repr__(self) -> str:
        return (
            f"FindingDismissal(id={self.id!r}, rule={self.rule!r}, "
            f"record_slug={self.record_slug!r}, field={self.field!r})"
        )
