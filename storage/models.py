"""The SQLAlchemy 2 data model: sources, parties, records, statuses, notes and annotations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from storage.types import DecimalText, UtcDateTime, utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with exact decimals, UTC times and stable constraint names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        Decimal: DecimalText,
        datetime: UtcDateTime,
        str: String(),
    }


class Tracked:
    """UTC created/updated times and a version counter for optimistic concurrency."""

    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Source(Tracked, Base):
    """An article or official text, kept verbatim with its SHA-256."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(unique=True)
    title: Mapped[str]
    publisher: Mapped[str | None]
    url: Mapped[str | None]
    published_on: Mapped[date | None]
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))

    def __repr__(self) -> str:
        return f"Source(id={self.id!r}, slug={self.slug!r}, title={self.title!r})"


class Party(Tracked, Base):
    """A state or an organisation, optionally inside another (a ministry inside a state)."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))

    parent: Mapped[Party | None] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"Party(id={self.id!r}, slug={self.slug!r}, name={self.name!r})"


class Person(Tracked, Base):
    """A named person who signs or announces."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]

    roles: Mapped[list[Role]] = relationship(back_populates="person")

    def __repr__(self) -> str:
        return f"Person(id={self.id!r}, name={self.name!r})"


class Role(Tracked, Base):
    """A title a person holds for a party, as the text gives it."""

    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("person_id", "party_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
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

    __tablename__ = "records"
    __table_args__ = (
        CheckConstraint("kind IN ('document', 'provision', 'pledge')", name="kind"),
        CheckConstraint("amount IS NULL OR quantity IS NULL", name="amount_or_quantity"),
        Index("ix_records_kind_status", "kind", "status"),
        Index("ix_records_title", "title"),
        Index("ix_records_due_end", "due_end"),
        Index("ix_records_signed_on", "signed_on"),
        Index("ix_records_announced_on", "announced_on"),
        Index("ix_records_kind", "kind"),
        Index("ix_records_status", "status"),
        Index("ix_records_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32))
    status_since: Mapped[datetime] = mapped_column(default=utc_now)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), index=True)
    deleted_at: Mapped[datetime | None]

    # Documents
    document_kind: Mapped[str | None] = mapped_column(String(32))
    binding: Mapped[str | None] = mapped_column(String(16))
    signed_on: Mapped[date | None]

    # Pledges
    donor_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    amount: Mapped[Decimal | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    currency_as_written: Mapped[str | None] = mapped_column(String(64))
    qualifier: Mapped[str | None] = mapped_column(String(16))
    quantity: Mapped[Decimal | None]
    unit: Mapped[str | None] = mapped_column(String(64))
    equivalent_amount: Mapped[Decimal | None]
    equivalent_as_written: Mapped[str | None] = mapped_column(String(64))
    announced_on: Mapped[date | None]
    announced_by_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id"))
    due_start: Mapped[date | None]
    due_end: Mapped[date | None]
    due_precision: Mapped[str | None] = mapped_column(String(16))
    from_document_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"))

    # What a table row shows from other tables, kept by SQLite triggers (migration 0004)
    # so that a page is one single-table read; never written by the application.
    parties_label: Mapped[str] = mapped_column(Text, server_default="", deferred=True)
    note_preview: Mapped[str] = mapped_column(Text, server_default="", deferred=True)
    delivered_measures: Mapped[str] = mapped_column(Text, server_default="[]", deferred=True)

    parent: Mapped[Record | None] = relationship(
        remote_side=[id], foreign_keys=[parent_id], back_populates="provisions"
    )
    provisions: Mapped[list[Record]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", order_by="Record.id"
    )
    donor: Mapped[Party | None] = relationship(foreign_keys=[donor_id])
    recipient: Mapped[Party | None] = relationship(foreign_keys=[recipient_id])
    announced_by: Mapped[Role | None] = relationship()
    from_document: Mapped[Record | None] = relationship(
        remote_side=[id], foreign_keys=[from_document_id]
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

    __tablename__ = "record_parties"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), primary_key=True)

    def __repr__(self) -> str:
        return f"RecordParty(record_id={self.record_id!r}, party_id={self.party_id!r})"


class Signatory(Base):
    """A person who signed a document, in the role and for the party they signed for."""

    __tablename__ = "signatories"
    __table_args__ = (UniqueConstraint("record_id", "role_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"))
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"))

    record: Mapped[Record] = relationship(back_populates="signatories")
    role: Mapped[Role] = relationship()

    def __repr__(self) -> str:
        return f"Signatory(record_id={self.record_id!r}, role_id={self.role_id!r})"


class RecordTag(Base):
    """An area a document covers, in the words of its source."""

    __tablename__ = "record_tags"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(primary_key=True, index=True)

    record: Mapped[Record] = relationship(back_populates="tags")

    def __repr__(self) -> str:
        return f"RecordTag(record_id={self.record_id!r}, tag={self.tag!r})"


class PledgeCategory(Base):
    """One of the categories of help a pledge gives."""

    __tablename__ = "pledge_categories"

    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)

    record: Mapped[Record] = relationship(back_populates="categories")

    def __repr__(self) -> str:
        return f"PledgeCategory(record_id={self.record_id!r}, category={self.category!r})"


class Relation(Base):
    """How one document stands to another: implements, amends, supersedes, refers to."""

    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("from_id", "to_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("records.id"))
    to_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))

    def __repr__(self) -> str:
        return f"Relation({self.from_id!r} {self.kind} {self.to_id!r})"


class StatusChange(Base):
    """One append-only step in a record's status history."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    changed_by: Mapped[str]
    comment: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    evidence_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))

    def __repr__(self) -> str:
        return f"StatusChange(record_id={self.record_id!r}, {self.from_status}->{self.to_status})"


class Note(Tracked, Base):
    """A Markdown note on a record; every edit keeps the text it replaced."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(default="")

    revisions: Mapped[list[NoteRevision]] = relationship(
        back_populates="note", order_by="NoteRevision.id"
    )

    def __repr__(self) -> str:
        return f"Note(id={self.id!r}, record_id={self.record_id!r}, version={self.version!r})"


class NoteRevision(Base):
    """The text a note had before one of its edits."""

    __tablename__ = "note_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(default=utc_now)

    note: Mapped[Note] = relationship(back_populates="revisions")

    def __repr__(self) -> str:
        return f"NoteRevision(id={self.id!r}, note_id={self.note_id!r})"


class Annotation(Tracked, Base):
    """A highlight on a source text, anchored by offsets and by its quote with context."""

    __tablename__ = "annotations"
    __table_args__ = (CheckConstraint("start_offset < end_offset", name="span"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(default="")
    suffix: Mapped[str] = mapped_column(default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return (
            f"Annotation(id={self.id!r}, record_id={self.record_id!r}, field={self.field!r}, "
            f"span={self.start_offset}:{self.end_offset})"
        )


class Delivery(Tracked, Base):
    """One entry in a pledge's delivery ledger."""

    __tablename__ = "deliveries"
    __table_args__ = (CheckConstraint("amount IS NULL OR quantity IS NULL", name="one_measure"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    delivered_on: Mapped[date | None]
    amount: Mapped[Decimal | None]
    quantity: Mapped[Decimal | None]
    note: Mapped[str] = mapped_column(Text, default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    deleted_at: Mapped[datetime | None]

    def __repr__(self) -> str:
        return f"Delivery(id={self.id!r}, pledge_id={self.pledge_id!r})"


class SeedItem(Base):
    """A key per item the seeder ever added, so a re-seed never re-adds what a user removed."""

    __tablename__ = "seed_items"

    key: Mapped[str] = mapped_column(primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(default=utc_now)

    def __repr__(self) -> str:
        return f"SeedItem({self.key!r})"


class ExchangeRate(Tracked, Base):
    """What one unit of ``from_currency`` was worth in ``to_currency`` on a day, as entered."""

    __tablename__ = "exchange_rates"
    __table_args__ = (
        UniqueConstraint("from_currency", "to_currency", "on_date"),
        CheckConstraint("from_currency <> to_currency", name="two_currencies"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_currency: Mapped[str] = mapped_column(String(3))
    to_currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal]
    on_date: Mapped[date]
    source: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return (
            f"ExchangeRate(id={self.id!r}, {self.from_currency}->{self.to_currency} "
            f"{self.rate} on {self.on_date})"
        )


class FindingDismissal(Base):
    """An analyst's decision that a data-quality finding needs no action, and why."""

    __tablename__ = "finding_dismissals"
    __table_args__ = (UniqueConstraint("rule", "record_slug", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(64))
    record_slug: Mapped[str]
    field: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    dismissed_at: Mapped[datetime] = mapped_column(default=utc_now)
    dismissed_by: Mapped[str]

    def __repr__(self) -> str:
        return (
            f"FindingDismissal(id={self.id!r}, rule={self.rule!r}, "
            f"record_slug={self.record_slug!r}, field={self.field!r})"
        )
