"""The records part: list, page, count and read records, create, edit, trash and restore them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import delete, insert, select

from storage.api.base import Part, conflict, find_record, touch
from storage.api.parties import (
    RelationEdit,
    known_labels,
    party_id,
    replace_relations,
    replace_signatories,
)
from storage.api.sources import anchored
from storage.errors import NotFoundError, ValidationError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.data import PartyView, RecordDetail, RecordRow, SignatoryView
from storage.records.periods import Period
from storage.records.query import RecordQuery, counting, page_statement
from storage.records.rows import RowList
from storage.records.statements import ADD_HISTORY, RECORD_STATE, SET_STATUS
from storage.records.validation import MAX_TEXT_CHARS, clean_text, coerce_changes, enum_value
from storage.schema import tables
from storage.schema.enums import (
    Binding,
    DocumentStatus,
    PledgeStatus,
    RecordKind,
    label,
    statuses_for,
)
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from sqlalchemy import orm

    from storage.records import readers
    from storage.schema import models
else:
    orm = LazyModule("sqlalchemy.orm")
    models = LazyModule("storage.schema.models")
    readers = LazyModule("storage.records.readers")

PAGE_SIZE = 256
IDS_PER_STATEMENT = 500  # well under SQLite's limit on the values one statement may bind


@dataclass(frozen=True, slots=True)
class Page:
    """One keyset page of records and the cursor that continues after it."""

    rows: RowList  # built as they are read
    cursor: tuple[Any, int] | None


class FieldQuote(NamedTuple):
    """A span of a source that a new record's field rests on: ``text[start:end]``."""

    source_id: int
    start: int
    end: int
    field: str | None  # None: the whole record


@dataclass(frozen=True, slots=True)
class Structure:
    """What a new record holds beyond its fields: a document's signatories, relations and
    provisions, and any record's quotes (the sentence its title was taken from, say)."""

    signatories: tuple[SignatoryView, ...] = ()
    relations: tuple[RelationEdit, ...] = ()
    provisions: tuple[str, ...] = ()  # their titles
    quotes: tuple[FieldQuote, ...] = ()

    def document_only(self) -> bool:
        """Whether this holds what only a document may have."""
        return bool(self.signatories or self.relations or self.provisions)


class Records(Part):
    """Records: documents, pledges and provisions; each call is one transaction."""

    # -- reading ----------------------------------------------------------------------

    def prepare_details(self) -> None:
        """Import and configure the ORM mapping that detail views and edits use.

        A few tenths of a second that the first detail view would otherwise pay; a window
        calls this on a worker thread after its first paint.
        """
        models.Base.registry.configure()

    def list_page(
        self, query: RecordQuery, *, limit: int = PAGE_SIZE, after: tuple[Any, int] | None = None
    ) -> Page:
        """One page of records in the query's order, starting after ``after``."""
        today = self._service.clock()
        statement = page_statement(
            query, today, fts=self._db.fts, keyset=after is not None, limit=limit
        )
        parameters = {"after_key": after[0], "after_id": after[1]} if after else {}
        # A Core connection, not a Session: the ORM's result machinery doubled a page's cost.
        with self._db.connected() as connection:
            results = connection.execute(statement, parameters).all()
        cursor = (results[-1].sort_value, results[-1].id) if len(results) == limit else None
        return Page(RowList(results, today=today), cursor)

    def iter_records(self, query: RecordQuery, *, batch: int = 1000) -> Iterator[RecordRow]:
        """Every record a query matches, fetched a page at a time."""
        after: tuple[Any, int] | None = None
        while True:
            page = self.list_page(query, limit=batch, after=after)
            yield from page.rows
            if page.cursor is None:
                return
            after = page.cursor

    def list_records(self, query: RecordQuery | None = None) -> list[RecordRow]:
        """All records a query matches; for small results such as tests and the shell."""
        return list(self.iter_records(query or RecordQuery()))

    def count_records(self, query: RecordQuery | None = None) -> int:
        """How many records a query matches."""
        statement = counting(query or RecordQuery(), today=self._service.clock(), fts=self._db.fts)
        with self._db.connected() as connection:
            return int(connection.scalar(statement) or 0)

    def get_record(self, ref: int | str) -> RecordDetail:
        """One record with its people, history, notes, quotes and ledger."""
        with self._db.reading() as session:
            record = find_record(session, ref)
            return readers.build_detail(
                session, record, today=self._service.clock(), fts=self._db.fts
            )

    def resolve_id(self, ref: int | str) -> int:
        """The numeric id of a record named by id or slug."""
        with self._db.reading() as session:
            return find_record(session, ref).id

    def list_parties(self) -> list[PartyView]:
        """Every party, by name (Core on the tables, like the other reads of a start)."""
        parties = tables.parties
        parent = parties.alias("parent")
        statement = (
            select(
                parties.c.id,
                parties.c.slug,
                parties.c.name,
                parent.c.name,
                parties.c.kind,
                parties.c.version,
            )
            .outerjoin(parent, parent.c.id == parties.c.parent_id)
            .order_by(parties.c.name)
        )
        with self._db.connected() as connection:
            return [PartyView(*row) for row in connection.execute(statement)]

    def list_tags(self) -> list[str]:
        """Every area and category of a record not in the trash, alphabetically."""
        with self._db.connected() as connection:
            tags = set(connection.scalars(_live_labels(tables.record_tags, "tag")))
            tags |= set(connection.scalars(_live_labels(tables.pledge_categories, "category")))
        return sorted(tags, key=str.casefold)

    # -- editing ----------------------------------------------------------------------

    def create_record(
        self,
        kind: RecordKind | str,
        fields: dict[str, object],
        *,
        status: str | None = None,
        structure: Structure | None = None,
    ) -> int:
        """Add a document or pledge; returns its id. The first status is recorded in history.

        A document's ``structure`` (signatories, relations, provisions) is added in the
        same transaction: all of it or nothing.
        """
        record_kind = enum_value(RecordKind, kind, "kind")
        structure = structure or Structure()
        if record_kind is not RecordKind.DOCUMENT and structure.document_only():
            raise ValidationError(
                _("Only a document has signatories, relations and provisions."), field="kind"
            )
        values = coerce_changes(record_kind, fields)
        if "title" not in values:
            raise ValidationError(_("a record needs a title"), field="title")
        first_status = status or _first_status(record_kind)
        check_status(record_kind, first_status, values.get("binding"))
        with self._db.writing() as session:
            record = models.Record(
                kind=record_kind.value,
                slug=unique_slug(session, values["title"], record_kind.value),
                title=values["title"],
                status=first_status,
            )
            if record_kind is RecordKind.DOCUMENT:
                record.document_kind = values.get("document_kind", "other")
                record.binding = values.get("binding", Binding.UNKNOWN.value)
            session.add(record)
            session.flush()
            _apply_fields(session, record, values)
            replace_signatories(session, record, structure.signatories)
            replace_relations(session, record, structure.relations)
            for provision in structure.provisions:
                self._service.parties.new_provision(session, record, provision)
            _add_quotes(session, record, structure.quotes)
            session.add(
                models.StatusChange(
                    record_id=record.id,
                    from_status=None,
                    to_status=first_status,
                    changed_by=self._service.actor,
                    comment=_("Created"),
                )
            )
            session.flush()
            self._db.reindex(session, record.id)
            return record.id

    def update_record(
        self, record_id: int, expected_version: int, changes: dict[str, object]
    ) -> int:
        """Change fields of a record last seen at ``expected_version``; returns the new version."""
        with self._db.writing() as session:
            record = find_record(session, record_id)
            if record.version != expected_version:
                raise conflict(record.slug, expected_version, record.version)
            values = coerce_changes(RecordKind(record.kind), changes)
            check_status(
                RecordKind(record.kind), record.status, values.get("binding", record.binding)
            )
            _apply_fields(session, record, values)
            touch(record)
            session.flush()
            self._db.reindex(session, record.id)
            return record.version

    def change_status(
        self,
        record_id: int,
        new_status: str,
        *,
        comment: str = "",
        evidence: str = "",
        effective_on: date | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Move a record to a new status and append the step to its history.

        ``effective_on`` is the day the status took effect (signed, ratified...), today
        unless given; the step also keeps when it was recorded.
        """
        clean_text(comment, "comment", limit=MAX_TEXT_CHARS)
        clean_text(evidence, "evidence", limit=MAX_TEXT_CHARS)
        today = self._service.clock()
        effective_on = today if effective_on is None else effective_on
        if effective_on > today:
            raise ValidationError(
                _(
                    "A status cannot have taken effect on {effective_on}, after today ({today})."
                ).format(effective_on=effective_on, today=today),
                field="status",
            )
        with self._db.writing_core() as connection:
            record = connection.execute(RECORD_STATE, {"record_id": record_id}).one_or_none()
            if record is None:
                raise NotFoundError(
                    _("There is no record {record_id!r}.").format(record_id=record_id)
                )
            if expected_version is not None and record.version != expected_version:
                raise conflict(record.slug, expected_version, record.version)
            check_status(RecordKind(record.kind), new_status, record.binding)
            if new_status == record.status:
                raise ValidationError(
                    _("{slug} is already {lower}").format(
                        slug=record.slug, lower=label(new_status).lower()
                    ),
                    field="status",
                )
            now = utc_now()
            step = {
                "record_id": record_id,
                "from_status": record.status,
                "to_status": new_status,
                "changed_at": now,
                "changed_by": self._service.actor,
                "comment": comment,
                "evidence": evidence,
                "effective_on": effective_on,
            }
            connection.execute(ADD_HISTORY, step)
            changed = connection.execute(
                SET_STATUS,
                {"record_id": record_id, "status": new_status, "now": now, "seen": record.version},
            )
            if changed.rowcount != 1:
                # Changed by another session since it was read here (PostgreSQL reads without
                # locking); raising undoes the history step added above.
                raise conflict(record.slug, int(record.version), int(record.version) + 1)
            return int(record.version) + 1

    def delete_record(self, record_id: int) -> int:
        """Move a record to the trash; its notes and history stay."""
        return self._set_deleted(record_id, deleted=True)

    def restore_record(self, record_id: int) -> int:
        """Bring a record back from the trash."""
        return self._set_deleted(record_id, deleted=False)

    def trash_records(self, record_ids: Sequence[int]) -> None:
        """Move several records to the trash in one transaction: all of them or none. A
        record missing or already in the trash (say, moved there elsewhere meanwhile)
        refuses the whole action."""
        self._set_all_deleted(record_ids, deleted=True)

    def restore_records(self, record_ids: Sequence[int]) -> None:
        """Bring several records back from the trash in one transaction: all of them or
        none; a record missing or no longer in the trash refuses the whole action."""
        self._set_all_deleted(record_ids, deleted=False)

    def _set_deleted(self, record_id: int, *, deleted: bool) -> int:
        with self._db.writing() as session:
            record = find_record(session, record_id)
            record.deleted_at = utc_now() if deleted else None
            touch(record)
            session.flush()
            self._db.reindex(session, record.id)  # its search row moves between tables
            return record.version

    def _set_all_deleted(self, record_ids: Sequence[int], *, deleted: bool) -> None:
        done = "deleted" if deleted else "restored"
        wanted = list(dict.fromkeys(record_ids))  # each once, in the order given
        with self._db.writing() as session:
            found = _load_records(session, wanted)
            records = []
            for record_id in wanted:
                if (record := found.get(record_id)) is None:
                    raise NotFoundError(
                        _("There is no record {record_id!r}; nothing was {done}.").format(
                            record_id=record_id, done=done
                        )
                    )
                if (record.deleted_at is not None) == deleted:
                    where = _("already in") if deleted else _("not in")
                    raise NotFoundError(
                        _("“{title}” is {where} the trash; nothing was {done}.").format(
                            title=record.title, where=where, done=done
                        )
                    )
                records.append(record)
            now = utc_now()
            for record in records:
                record.deleted_at = now if deleted else None
                touch(record)
            session.flush()
            for record in records:
                self._db.reindex(session, record.id)  # its search row moves between tables


def check_status(kind: RecordKind, status: str, binding: str | None) -> None:
    """Refuse a status that is not one of ``kind``'s, or that contradicts its binding."""
    allowed = statuses_for(kind)
    if status not in allowed:
        raise ValidationError(
            _("{status!r} is not a {value} status; use one of {join}").format(
                status=status, value=kind.value, join=", ".join(allowed)
            ),
            field="status",
        )
    if (
        status == DocumentStatus.AWAITING_RATIFICATION.value
        and binding == Binding.NON_BINDING.value
    ):
        raise ValidationError(
            _("a non-binding instrument is not ratified; choose another status"), field="status"
        )


def _load_records(session: orm.Session, wanted: list[int]) -> dict[int, models.Record]:
    """The records of ``wanted`` that exist, by id, read a chunk at a time (not one by one)."""
    found: dict[int, models.Record] = {}
    for start in range(0, len(wanted), IDS_PER_STATEMENT):
        chunk = wanted[start : start + IDS_PER_STATEMENT]
        loaded = session.scalars(select(models.Record).where(models.Record.id.in_(chunk)))
        found.update((record.id, record) for record in loaded)
    return found


def _apply_fields(session: orm.Session, record: models.Record, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "due":
            _set_due(record, value)
        elif name == "tags":
            record.tags = [models.RecordTag(tag=tag) for tag in known_labels(session, name, value)]
        elif name == "categories":
            labels = known_labels(session, name, value)
            record.categories = [models.PledgeCategory(category=label) for label in labels]
        elif name == "parties":
            session.execute(
                delete(models.RecordParty).where(models.RecordParty.record_id == record.id)
            )
            for party in value:
                session.execute(
                    insert(models.RecordParty).values(
                        record_id=record.id, party_id=party_id(session, party)
                    )
                )
        elif name in ("donor", "recipient"):
            setattr(record, f"{name}_id", None if value is None else party_id(session, value))
        else:
            setattr(record, name, value)


def _add_quotes(session: orm.Session, record: models.Record, quotes: Sequence[FieldQuote]) -> None:
    """Tie a new record's fields to the spans of sources they were taken from."""
    for quote in quotes:
        source = session.get(models.Source, quote.source_id)
        if source is None:
            raise NotFoundError(_("There is no source {id}.").format(id=quote.source_id))
        annotation = anchored(source, quote.start, quote.end)
        annotation.record_id = record.id
        annotation.field = quote.field
        session.add(annotation)


def _set_due(record: models.Record, period: Period | None) -> None:
    record.due_start = period.start if period else None
    record.due_end = period.end if period else None
    record.due_precision = period.precision.value if period else None


def _first_status(kind: RecordKind) -> str:
    return (
        PledgeStatus.ANNOUNCED.value if kind is RecordKind.PLEDGE else DocumentStatus.SIGNED.value
    )


def slugify(title: str) -> str:
    """A readable ASCII id from a title: "Action Plan (2025)" -> "action-plan-2025".

    Accents are dropped (NFD), but look-alike characters are not read as letters or digits:
    NFKD would turn "²" into "2".
    """
    ascii_title = unicodedata.normalize("NFD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "record"


def unique_slug(session: orm.Session, title: str, kind: str) -> str:
    base = slugify(title)
    if base.isdigit():  # "2025" would read as record number 2025
        base = f"{kind}-{base}"
    taken = set(
        session.scalars(select(models.Record.slug).where(models.Record.slug.like(f"{base}%")))
    )
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def _live_labels(table: Any, column: str) -> Any:
    """The distinct values of ``table.column`` that a record not in the trash holds.

    Each of the few distinct values (read from its index) is tried until one live record
    holds it, so the cost follows the number of values, not of records: the plain
    ``IN (live records)`` form read all 100,000 tags at 250,000 records (0.3 s at start).
    """
    values = select(table.c[column]).distinct().subquery()
    holder = table.alias()
    records = tables.records.c
    # The record is looked up from each holder (a scalar subquery, not a join): joined,
    # SQLite's planner may walk every live record first (0.27 s for the categories).
    deleted_at = select(records.deleted_at).where(records.id == holder.c.record_id)
    live_holder = (
        select(holder.c.record_id)
        .where(holder.c[column] == values.c[column], deleted_at.scalar_subquery().is_(None))
        .exists()
    )
    return select(values.c[column]).where(live_holder)
