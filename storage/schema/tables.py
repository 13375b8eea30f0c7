"""The schema as SQLAlchemy Core tables: the one definition the ORM models map onto.

Start-up reads (the first page, the count, the saves made of Core statements) need only
these tables, so the window can paint before the ORM is imported; ``storage.schema.models`` maps
its classes onto the same ``Table`` objects when a Session is first needed.
"""

from datetime import UTC, date
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    cast,
    func,
    literal_column,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.types import TypeEngine

from storage.schema.types import DecimalText, UtcDateTime, utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

Type = TypeEngine[Any] | type[TypeEngine[Any]]


def required(name: str, type_: Type, *args: Any, **kwargs: Any) -> Column[Any]:
    """A NOT NULL column."""
    return Column(name, type_, *args, nullable=False, **kwargs)


def optional(name: str, type_: Type, *args: Any, **kwargs: Any) -> Column[Any]:
    """A column that may be NULL."""
    return Column(name, type_, *args, nullable=True, **kwargs)


def primary_key() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def slug() -> Column[str]:
    return required("slug", String(), unique=True)


def refers_to(name: str, target: str, *, nullable: bool, index: bool = False) -> Column[int]:
    """An integer foreign key to ``target`` (``table.column``)."""
    return Column(name, Integer, ForeignKey(target), nullable=nullable, index=index)


# The execution option that names who acts (``Database.act_as``): the database user on
# PostgreSQL, the login name on SQLite. A write made without it (the seed, a migration)
# names no one.
ACTOR_OPTION = "accords_actor"


def acting_user(context: Any) -> str | None:
    """Who makes the write that ``context`` executes, as its connection's options say."""
    actor: str | None = context.execution_options.get(ACTOR_OPTION)
    return actor


def tracked() -> tuple[Column[Any], ...]:
    """UTC created/updated times and the version counter for optimistic concurrency."""
    return (
        required("created_at", UtcDateTime, default=utc_now),
        required("updated_at", UtcDateTime, default=utc_now, onupdate=utc_now),
        required("version", Integer, default=1),
    )


sources = Table(
    "sources",
    metadata,
    primary_key(),
    slug(),
    required("title", String()),
    optional("publisher", String()),
    optional("url", String()),
    optional("published_on", Date),
    required("language", String(16)),
    required("text", Text),
    required("sha256", String(64)),
    refers_to("reported_by_id", "parties.id", nullable=True),
    # What it was imported from (0009); a scan has no text layer, so no text to quote.
    required("media_type", String(64), server_default="text/plain"),
    optional("file_name", String()),
    required("has_text", Boolean, server_default=true()),
    optional("imported_at", UtcDateTime),
    *tracked(),
)

# The bytes a source was imported from, so that a quote can always be checked against them.
source_files = Table(
    "source_files",
    metadata,
    Column("source_id", Integer, ForeignKey("sources.id"), primary_key=True),
    required("content", LargeBinary),
)

parties = Table(
    "parties",
    metadata,
    primary_key(),
    slug(),
    required("name", String()),
    required("kind", String(16)),
    refers_to("parent_id", "parties.id", nullable=True),
    *tracked(),
)

persons = Table(
    "persons",
    metadata,
    primary_key(),
    slug(),
    required("name", String()),
    *tracked(),
)

# Other names of a person or a party (transliterations, other scripts), matched folded.
aliases = Table(
    "aliases",
    metadata,
    primary_key(),
    refers_to("party_id", "parties.id", nullable=True),
    refers_to("person_id", "persons.id", nullable=True),
    required("name", String()),
    required("folded", String(), index=True),
    CheckConstraint("(party_id IS NULL) <> (person_id IS NULL)", name="one_owner"),
    UniqueConstraint("party_id", "folded"),
    UniqueConstraint("person_id", "folded"),
)

roles = Table(
    "roles",
    metadata,
    primary_key(),
    slug(),
    refers_to("person_id", "persons.id", nullable=False),
    refers_to("party_id", "parties.id", nullable=False),
    required("title", String()),
    *tracked(),
    UniqueConstraint("person_id", "party_id", "title"),
)

# Documents, provisions and pledges (see models.Record for why they share one table).
records = Table(
    "records",
    metadata,
    primary_key(),
    slug(),
    required("kind", String(16)),
    required("title", String()),
    required("summary", Text, default=""),
    required("status", String(32)),
    required("status_since", UtcDateTime, default=utc_now),
    refers_to("parent_id", "records.id", nullable=True, index=True),
    optional("deleted_at", UtcDateTime),
    # Documents
    optional("document_kind", String(32)),
    optional("binding", String(16)),
    optional("signed_on", Date),
    # Pledges
    refers_to("donor_id", "parties.id", nullable=True),
    refers_to("recipient_id", "parties.id", nullable=True),
    optional("amount", DecimalText),
    optional("currency", String(3)),
    optional("currency_as_written", String(64)),
    optional("qualifier", String(16)),
    optional("quantity", DecimalText),
    optional("unit", String(64)),
    optional("equivalent_amount", DecimalText),
    optional("equivalent_as_written", String(64)),
    optional("announced_on", Date),
    refers_to("announced_by_id", "roles.id", nullable=True),
    optional("due_start", Date),
    optional("due_end", Date),
    optional("due_precision", String(16)),
    refers_to("from_document_id", "records.id", nullable=True),
    # What a table row shows from other tables, kept by SQLite triggers (migrations 0004, 0008)
    # so that a page is one single-table read; never written by the application.
    required("parties_label", Text, server_default=""),
    required("note_preview", Text, server_default=""),
    required("delivered_measures", Text, server_default="[]"),
    # The day the current status took effect, from its latest history step (0008).
    optional("status_effective_on", Date),
    # Increases with (title, id); the search tables' row ids (storage.records.search_index, 0006).
    optional("title_order", Integer),
    *tracked(),
    # Who last changed the record (0010), set by every insert and update that names an actor.
    optional("updated_by", String(), default=acting_user, onupdate=acting_user),
    CheckConstraint("kind IN ('document', 'provision', 'pledge')", name="kind"),
    CheckConstraint("amount IS NULL OR quantity IS NULL", name="amount_or_quantity"),
    Index("ix_records_kind_status", "kind", "status", "deleted_at"),  # counts: 0005
    Index("ix_records_title", "title"),
    Index("ix_records_title_order", "title_order", unique=True),
    Index("ix_records_due_end", "due_end"),
    Index("ix_records_signed_on", "signed_on"),
    Index("ix_records_announced_on", "announced_on"),
    Index("ix_records_kind", "kind"),
    Index("ix_records_status", "status"),
    Index("ix_records_updated_at", "updated_at"),
)


# Sort orders of the records list that are expressions, never NULL so that keyset pages can
# compare them. ``storage.records.query`` sorts by these very expressions: SQLite uses an index on
# an expression only for the same expression, literals included (a bound parameter in their
# place matches no index). Their indexes came with migration 0007.
class NoDate(ColumnElement[Any]):
    """The sort value of a missing date: '' on SQLite (before every date written as text),
    the first day on PostgreSQL, whose dates are dates (migration 0007's indexes)."""

    inherit_cache = True


@compiles(NoDate)
def _no_date_text(_element: NoDate, _compiler: Any, **_kw: Any) -> str:
    return "''"


@compiles(NoDate, "postgresql")
def _no_date_day(_element: NoDate, _compiler: Any, **_kw: Any) -> str:
    return "DATE '0001-01-01'"


SORT_DATE: ColumnElement[Any] = func.coalesce(records.c.signed_on, records.c.announced_on, NoDate())
SORT_AMOUNT: ColumnElement[Any] = func.coalesce(
    cast(func.coalesce(records.c.amount, records.c.quantity), Float), literal_column("-1.0")
)
SORT_DUE: ColumnElement[Any] = func.coalesce(records.c.due_end, NoDate())
# Appended: an Index finds no table in SORT_AMOUNT's CAST to attach itself to.
records.append_constraint(Index("ix_records_sort_date", SORT_DATE))
records.append_constraint(Index("ix_records_sort_amount", SORT_AMOUNT))
records.append_constraint(Index("ix_records_sort_due", SORT_DUE))

# The sources a record rests on: several when several report it (counted once all the same).
record_sources = Table(
    "record_sources",
    metadata,
    Column("record_id", Integer, ForeignKey("records.id"), primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), primary_key=True, index=True),
)

record_parties = Table(
    "record_parties",
    metadata,
    Column("record_id", Integer, ForeignKey("records.id"), primary_key=True),
    Column("party_id", Integer, ForeignKey("parties.id"), primary_key=True),
)

signatories = Table(
    "signatories",
    metadata,
    primary_key(),
    refers_to("record_id", "records.id", nullable=False),
    refers_to("role_id", "roles.id", nullable=False),
    UniqueConstraint("record_id", "role_id"),
)

record_tags = Table(
    "record_tags",
    metadata,
    Column("record_id", Integer, ForeignKey("records.id"), primary_key=True),
    Column("tag", String(), primary_key=True, index=True),
)

pledge_categories = Table(
    "pledge_categories",
    metadata,
    Column("record_id", Integer, ForeignKey("records.id"), primary_key=True),
    Column("category", String(32), primary_key=True, index=True),
)

relations = Table(
    "relations",
    metadata,
    primary_key(),
    refers_to("from_id", "records.id", nullable=False),
    refers_to("to_id", "records.id", nullable=False, index=True),
    required("kind", String(16)),
    UniqueConstraint("from_id", "to_id", "kind"),
)


def recorded_day(context: Any) -> date:
    """The UTC day of a status change's ``changed_at``, as an insert gives it."""
    changed_at = context.get_current_parameters().get("changed_at")
    return (changed_at or utc_now()).astimezone(UTC).date()


status_changes = Table(
    "status_changes",
    metadata,
    primary_key(),
    refers_to("record_id", "records.id", nullable=False, index=True),
    optional("from_status", String(32)),
    required("to_status", String(32)),
    required("changed_at", UtcDateTime, default=utc_now),
    required("changed_by", String()),
    required("comment", Text, default=""),
    required("evidence", Text, default=""),
    refers_to("evidence_source_id", "sources.id", nullable=True),
    # The day the status took effect (signed, ratified...), which ``changed_at`` (when it was
    # recorded) is not; a writer that does not say takes the day it recorded the change.
    required("effective_on", Date, default=recorded_day),
)

notes = Table(
    "notes",
    metadata,
    primary_key(),
    refers_to("record_id", "records.id", nullable=False, index=True),
    required("body", Text),
    required("author", String(), default=""),
    *tracked(),
    # Who wrote the current text (0010); NULL for a note last saved before then.
    optional("updated_by", String()),
)

note_revisions = Table(
    "note_revisions",
    metadata,
    primary_key(),
    refers_to("note_id", "notes.id", nullable=False, index=True),
    required("body", Text),
    required("saved_at", UtcDateTime, default=utc_now),
    # Who wrote the text this revision keeps (0010); NULL where no one knows.
    optional("written_by", String()),
)

annotations = Table(
    "annotations",
    metadata,
    primary_key(),
    refers_to("source_id", "sources.id", nullable=False, index=True),
    refers_to("record_id", "records.id", nullable=True, index=True),
    optional("field", String(64)),
    required("start_offset", Integer),
    required("end_offset", Integer),
    required("quote", Text),
    required("prefix", String(), default=""),
    required("suffix", String(), default=""),
    required("comment", Text, default=""),
    optional("deleted_at", UtcDateTime),
    # A value the quote states that differs from the one the record keeps (0009).
    optional("conflicting_value", Text),
    *tracked(),
    CheckConstraint("start_offset < end_offset", name="span"),
)

deliveries = Table(
    "deliveries",
    metadata,
    primary_key(),
    refers_to("pledge_id", "records.id", nullable=False, index=True),
    optional("delivered_on", Date),
    optional("amount", DecimalText),
    optional("quantity", DecimalText),
    required("note", Text, default=""),
    refers_to("source_id", "sources.id", nullable=True),
    optional("deleted_at", UtcDateTime),
    *tracked(),
    CheckConstraint("amount IS NULL OR quantity IS NULL", name="one_measure"),
)

# A key per item the seeder ever added, so a re-seed never re-adds what a user removed.
seed_items = Table(
    "seed_items",
    metadata,
    Column("key", String(), primary_key=True),
    required("applied_at", UtcDateTime, default=utc_now),
)

exchange_rates = Table(
    "exchange_rates",
    metadata,
    primary_key(),
    required("from_currency", String(3)),
    required("to_currency", String(3)),
    required("rate", DecimalText),
    required("on_date", Date),
    required("source", Text, default=""),
    *tracked(),
    UniqueConstraint("from_currency", "to_currency", "on_date"),
    CheckConstraint("from_currency <> to_currency", name="two_currencies"),
)

finding_dismissals = Table(
    "finding_dismissals",
    metadata,
    primary_key(),
    required("rule", String(64)),
    required("record_slug", String()),
    required("field", String(64)),
    required("reason", Text),
    required("dismissed_at", UtcDateTime, default=utc_now),
    required("dismissed_by", String()),
    UniqueConstraint("rule", "record_slug", "field"),
)
