"""The rows of one transaction, table by table, and the columns each kind of record fills."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from storage.schema.models import (
    Annotation,
    Delivery,
    Note,
    NoteRevision,
    PledgeCategory,
    Record,
    RecordParty,
    RecordSource,
    RecordTag,
    Relation,
    Signatory,
    StatusChange,
)

Row = dict[str, Any]

# Each kind's rows carry only the columns the kind uses (the rest stay NULL), so that
# executemany binds and converts fewer values per row.
SHARED_COLUMNS = (
    "id", "slug", "kind", "title", "summary", "status", "status_since", "deleted_at",
    "created_at", "updated_at", "version",
)  # fmt: skip
DOCUMENT_COLUMNS = (*SHARED_COLUMNS, "parent_id", "document_kind", "binding", "signed_on")
PLEDGE_COLUMNS = (
    *SHARED_COLUMNS, "donor_id", "recipient_id", "amount", "currency", "currency_as_written",
    "qualifier", "quantity", "unit", "equivalent_amount", "equivalent_as_written",
    "announced_on", "announced_by_id", "due_start", "due_end", "due_precision",
    "from_document_id",
)  # fmt: skip


@dataclass(slots=True)
class Rows:
    """The rows of one transaction, table by table, in foreign-key order."""

    documents: list[Row] = field(default_factory=list)  # and provisions
    pledges: list[Row] = field(default_factory=list)
    parties: list[Row] = field(default_factory=list)
    signatories: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    categories: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)
    history: list[Row] = field(default_factory=list)
    notes: list[Row] = field(default_factory=list)
    revisions: list[Row] = field(default_factory=list)
    annotations: list[Row] = field(default_factory=list)
    record_sources: list[Row] = field(default_factory=list)
    deliveries: list[Row] = field(default_factory=list)
    search: list[Row] = field(default_factory=list)  # id, title, summary, notes, quotes

    def tables(self) -> Iterable[tuple[Table, list[Row]]]:
        """Each table with its rows, parents before children; the search rows apart."""
        yield table_of(Record), self.documents
        yield table_of(Record), self.pledges
        yield table_of(RecordParty), self.parties
        yield table_of(Signatory), self.signatories
        yield table_of(RecordTag), self.tags
        yield table_of(PledgeCategory), self.categories
        yield table_of(Relation), self.relations
        yield table_of(StatusChange), self.history
        yield table_of(Note), self.notes
        yield table_of(NoteRevision), self.revisions
        yield table_of(Annotation), self.annotations
        yield table_of(RecordSource), self.record_sources
        yield table_of(Delivery), self.deliveries


def table_of(model: Any) -> Table:
    """The Core table behind an ORM class, for ``insert()`` without the ORM's unit of work."""
    table: Table = model.__table__
    return table


def tracked(values: Row, stamp: datetime) -> Row:
    """``values`` with the created, updated and version columns every tracked row has."""
    return {**values, "created_at": stamp, "updated_at": stamp, "version": 1}


def scalar_int(session: Session, statement: Any) -> int:
    """The statement's single value as an int; 0 when it gives none (max() of no rows)."""
    value = session.scalar(statement)
    return int(value or 0)
