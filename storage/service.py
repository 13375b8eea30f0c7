"""The one typed API over an Accords database, used by the desktop window and the command line."""

from __future__ import annotations

import getpass
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, delete, func, insert, select

from storage import migrate, search_index, tables
from storage.backup import (
    AUTOMATIC_EVERY,
    DAILY,
    NOT_SQLITE,
    Backup,
    create_backup,
    damage,
    is_due,
    list_backups,
    newest_verified,
    restore_backup,
    set_aside_damaged,
)
from storage.dberrors import WINDOW, Wording, read_only_refusal, translated
from storage.dbfile import refuse_foreign
from storage.engine import ReadInterrupter, make_engine, writer
from storage.enums import (
    Binding,
    DocumentStatus,
    PledgeStatus,
    RecordKind,
    label,
    statuses_for,
)
from storage.errors import (
    ConflictError,
    DatabaseDamagedError,
    DatabaseError,
    NotAccordsError,
    NotFoundError,
    ValidationError,
)
from storage.lazy import LazyModule
from storage.paths import is_read_only, read_only_url, resolve_database_url, sqlite_file
from storage.periods import Period
from storage.query import (
    KIND_STATUS_COUNTS,
    PLEDGE_CATEGORY,
    RECORD,
    RECORD_TAG,
    RecordQuery,
    counting,
    page_statement,
)
from storage.rows import RowList
from storage.search_index import rewrite_search_notes, rewrite_search_row
from storage.statements import (
    ADD_HISTORY,
    ADD_REVISION,
    RECORD_STATE,
    SET_NOTE_BODY,
    SET_STATUS,
    note_view,
)
from storage.types import utc_now
from storage.validation import (
    MAX_NOTE_CHARS,
    MAX_TEXT_CHARS,
    clean_text,
    coerce_changes,
    enum_value,
    names_a_row,
    optional_date,
    optional_decimal,
    record_number,
)
from storage.views import (
    AnnotationView,
    NoteRevisionView,
    NoteView,
    PartyView,
    RecordDetail,
    RecordRow,
    SourceView,
)

if TYPE_CHECKING:
    from sqlalchemy import orm

    from storage import models, readers
    from storage.insight.rates import Rates
else:
    # The ORM is for detail views and structural edits; the first page, counts, status
    # changes and note edits are Core, so the window paints before these are imported.
    orm = LazyModule("sqlalchemy.orm")
    models = LazyModule("storage.models")
    readers = LazyModule("storage.readers")

PAGE_SIZE = 256
ANCHOR_CONTEXT_CHARS = 32
IDS_PER_STATEMENT = 500  # well under SQLite's limit on the values one statement may bind


@dataclass(frozen=True, slots=True)
class Page:
    """One keyset page of records and the cursor that continues after it."""

    rows: RowList  # built as they are read
    cursor: tuple[Any, int] | None


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What happened when a database was opened."""

    location: str
    created: bool
    migrated_from: str | None
    seeded_items: int
    recovered_from: Backup | None = None
    damaged_copy: Path | None = None


class AccordsService:
    """Queries and edits over one database; each call is one transaction."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], date] = date.today,
        actor: str | None = None,
        wording: Wording = WINDOW,
    ) -> None:
        self.engine = engine
        self.wording = wording
        self.read_only = is_read_only(engine.url)
        self._writer = writer(engine)
        self._reads = ReadInterrupter(engine)
        self._fts = engine.dialect.name == "sqlite"
        self.clock = clock
        self.actor = actor or _login_name()
        self.location = _describe_location(engine)
        self.report = OpenReport(self.location, created=False, migrated_from=None, seeded_items=0)
        self._last_backup_at: datetime | None = None

    @classmethod
    def open(
        cls,
        target: str | None = None,
        *,
        seed_file: Path | None = None,
        seed: bool = True,
        clock: Callable[[], date] = date.today,
        actor: str | None = None,
        recover: bool = False,
        before_migrating: Callable[[], None] | None = None,
        wording: Wording = WINDOW,
    ) -> AccordsService:
        """Open (creating, migrating and seeding as needed) the database ``target`` names.

        A damaged SQLite file is never written to. With ``recover`` (the window, once the
        user agreed) it is set aside unchanged and the newest verified backup takes its
        place; without, opening fails with a message pointing to ``accords restore``. A file
        that is not an Accords database (another program's, or no database and no backup)
        raises NotAccordsError, unchanged.
        ``before_migrating`` is called before an existing database is backed up and brought
        to the current schema, which takes seconds on a large file. A file this process may
        not write (or in a folder it may not write) is opened read-only: ``read_only`` says
        so, and every save is refused with nothing changed. ``wording`` says, in failures,
        what became of the caller's edit.
        """
        url = resolve_database_url(target)
        path = sqlite_file(url)
        recovered: tuple[Backup | None, Path | None] = (None, None)
        if path is not None:
            _check_folder(path)
            # Before any connection, and read as immutable: opening would switch another
            # program's file to WAL mode, and even reading one in WAL mode would create files
            # beside it.
            refuse_foreign(path)
            url = _read_only_url(path) or url
            recovered = _check_or_recover(path, recover=recover and not is_read_only(url))
        created = path is not None and (not path.exists() or path.stat().st_size == 0)
        engine = make_engine(url)
        service = cls(engine, clock=clock, actor=actor, wording=wording)
        try:
            migrated_from = service._migrate(before_migrating)
            seeded = 0
            if seed and not service.read_only and service.is_empty():
                from storage.seeding import default_seed_file

                seeded = service.seed(seed_file or default_seed_file())
        except BaseException:
            engine.dispose()
            raise
        service.report = OpenReport(service.location, created, migrated_from, seeded, *recovered)
        return service

    @property
    def path(self) -> Path | None:
        """The SQLite file behind this service, if it is one."""
        return sqlite_file(self.engine.url)

    def backup(self, reason: str = "manual") -> Backup | None:
        """Take a verified backup now (SQLite files only)."""
        if self.path is None or not self.path.exists():
            return None
        backup = create_backup(self.path, reason)
        self._last_backup_at = backup.taken_at
        return backup

    def backup_if_due(self, every: timedelta = DAILY, reason: str = "daily") -> Backup | None:
        """Back up if the newest backup is older than ``every``; returns the new backup."""
        if self.path is None or not self.path.exists() or self.is_empty():
            return None
        if not is_due(self.path, every=every):
            return None
        return self.backup(reason)

    def interrupt_reads(self) -> None:
        """Stop every read running now (a window is closing); saves are never stopped.

        A read stopped this way raises DatabaseError in its caller.
        """
        self._reads.interrupt()

    def check_pages(self) -> str | None:
        """Why the database file is damaged, checked page by page, or None (SQLite files
        only). Seconds on a large file: ``interrupt_reads`` stops it."""
        if self.path is None or not self.path.exists():
            return None
        return damage(self.path, deep=True, reading=self._reads.reading)

    def close(self) -> None:
        """Release the database; the service must not be used afterwards."""
        self.engine.dispose()

    # -- sessions ---------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[orm.Session]:
        """A read-only transaction."""
        with (
            translated(self.location, self.wording),
            orm.Session(self.engine) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _connected(self) -> Iterator[Connection]:
        """A Core connection for reads that need no ORM objects (cheaper than a Session)."""
        with translated(self.location, self.wording), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def _writing_core(self) -> Iterator[Connection]:
        """``writing`` for saves made of Core statements alone, without a Session's upkeep."""
        self._refuse_if_read_only()
        with translated(self.location, self.wording), self._writer.begin() as connection:
            yield connection
        self._backup_while_editing()

    @contextmanager
    def writing(self) -> Iterator[orm.Session]:
        """A write transaction that takes the lock up front; one per user action."""
        self._refuse_if_read_only()
        with (
            translated(self.location, self.wording),
            orm.Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
        self._backup_while_editing()

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise read_only_refusal(self.location, self.wording)

    def _backup_while_editing(self) -> None:
        """Every half hour of editing, take a backup (the first edit starts the clock)."""
        if self.path is None:
            return
        now = datetime.now(UTC)
        if self._last_backup_at is None:
            newest = list_backups(self.path)
            self._last_backup_at = newest[0].taken_at if newest else now
        if now - self._last_backup_at >= AUTOMATIC_EVERY:
            self.backup("while-editing")

    def _migrate(self, before_migrating: Callable[[], None] | None) -> str | None:
        with translated(self.location, self.wording):
            revision = migrate.pending(self.engine)
            if revision is None:
                return None
            if self.read_only:
                raise DatabaseError(
                    f"{self.location} needs its tables brought to this version of Accords, "
                    "but it is read-only; nothing was changed."
                )
            if revision:
                if before_migrating is not None:
                    before_migrating()
                self.backup("before-migration")
            migrate.upgrade(self.engine)
        return revision

    # -- reading ----------------------------------------------------------------------

    def prepare_details(self) -> None:
        """Import and configure the ORM mapping that detail views and edits use.

        A few tenths of a second that the first detail view would otherwise pay; a window
        calls this on a worker thread after its first paint.
        """
        models.Base.registry.configure()

    def is_empty(self) -> bool:
        """True when the database holds no records and was never seeded."""
        with self._connected() as connection:
            has_record = connection.scalar(select(RECORD.id).limit(1)) is not None
            seeded = tables.seed_items.c.key
            was_seeded = connection.scalar(select(seeded).limit(1)) is not None
        return not has_record and not was_seeded

    def list_page(
        self, query: RecordQuery, *, limit: int = PAGE_SIZE, after: tuple[Any, int] | None = None
    ) -> Page:
        """One page of records in the query's order, starting after ``after``."""
        today = self.clock()
        statement = page_statement(
            query, today, fts=self._fts, keyset=after is not None, limit=limit
        )
        parameters = {"after_key": after[0], "after_id": after[1]} if after else {}
        # A Core connection, not a Session: the ORM's result machinery doubled a page's cost.
        with self._connected() as connection:
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
        statement = counting(query or RecordQuery(), today=self.clock(), fts=self._fts)
        with self._connected() as connection:
            return int(connection.scalar(statement) or 0)

    def get_record(self, ref: int | str) -> RecordDetail:
        """One record with its people, history, notes, quotes and ledger."""
        with self.reading() as session:
            record = self._find(session, ref)
            return readers.build_detail(session, record, today=self.clock(), fts=self._fts)

    def resolve_id(self, ref: int | str) -> int:
        """The numeric id of a record named by id or slug."""
        with self.reading() as session:
            return self._find(session, ref).id

    def navigation_counts(self) -> dict[str, int]:
        """Record counts for every navigation entry, in a handful of grouped queries.

        Keys: all, documents, pledges, provisions, overdue, trash, ``status:<status>`` and
        ``tag:<area or category>``. Like the listing, status and tag counts leave out
        provisions and the trash.
        """
        records, tags, categories = tables.records, tables.record_tags, tables.pledge_categories
        listed = (RECORD.deleted_at.is_(None), RECORD.kind != RecordKind.PROVISION.value)
        with self._connected() as connection:
            groups = connection.execute(KIND_STATUS_COUNTS).all()
            tag_counts = connection.execute(
                select(tags.c.tag, func.count())
                .select_from(tags.join(records))
                .where(*listed)
                .group_by(tags.c.tag)
                .union_all(
                    select(categories.c.category, func.count())
                    .select_from(categories.join(records))
                    .where(*listed)
                    .group_by(categories.c.category)
                )
            ).all()
        kinds: Counter[str] = Counter()
        statuses: Counter[str] = Counter()
        trash = 0
        for kind, status, total, trashed in groups:
            kinds[kind] += total - trashed
            if kind != RecordKind.PROVISION.value:
                trash += trashed
                if total > trashed:
                    statuses[status] += total - trashed
        counts = {
            "documents": kinds[RecordKind.DOCUMENT.value],
            "pledges": kinds[RecordKind.PLEDGE.value],
            "provisions": kinds[RecordKind.PROVISION.value],
            "trash": trash,
            "overdue": self.count_records(RecordQuery(overdue=True)),
        }
        counts["all"] = counts["documents"] + counts["pledges"]
        counts.update({f"status:{status}": count for status, count in statuses.items()})
        for tag, count in tag_counts:
            counts[f"tag:{tag}"] = counts.get(f"tag:{tag}", 0) + count
        return counts

    def list_sources(self) -> list[SourceView]:
        """Every source text, oldest first."""
        with self.reading() as session:
            return [
                readers.source_view(s)
                for s in session.scalars(select(models.Source).order_by(models.Source.id))
            ]

    def get_source(self, ref: int | str) -> SourceView:
        """One source text by id or slug."""
        with self.reading() as session:
            column = models.Source.id if isinstance(ref, int) else models.Source.slug
            source = session.scalars(select(models.Source).where(column == ref)).one_or_none()
            if source is None:
                raise NotFoundError(f"There is no source {ref!r}.")
            return readers.source_view(source)

    def list_parties(self) -> list[PartyView]:
        """Every party, by name (Core on the tables, like the other reads of a start)."""
        parties = tables.parties
        parent = parties.alias("parent")
        statement = (
            select(parties.c.id, parties.c.slug, parties.c.name, parent.c.name)
            .outerjoin(parent, parent.c.id == parties.c.parent_id)
            .order_by(parties.c.name)
        )
        with self._connected() as connection:
            return [PartyView(*row) for row in connection.execute(statement)]

    def list_tags(self) -> list[str]:
        """Every area and category in use, alphabetically."""
        with self._connected() as connection:
            tags = set(connection.scalars(select(RECORD_TAG.tag).distinct()))
            tags |= set(connection.scalars(select(PLEDGE_CATEGORY.category).distinct()))
        return sorted(tags, key=str.casefold)

    def note_revisions(self, note_id: int) -> list[NoteRevisionView]:
        """The earlier texts of a note, oldest first."""
        with self.reading() as session:
            self._note(session, note_id)
            revisions = session.scalars(
                select(models.NoteRevision)
                .where(models.NoteRevision.note_id == note_id)
                .order_by(models.NoteRevision.id)
            )
            return [NoteRevisionView(r.id, r.body, r.saved_at) for r in revisions]

    def annotations_for_source(self, source_id: int) -> list[AnnotationView]:
        """Every live annotation on a source, in text order."""
        with self.reading() as session:
            rows = session.scalars(
                select(models.Annotation)
                .where(
                    models.Annotation.source_id == source_id, models.Annotation.deleted_at.is_(None)
                )
                .order_by(models.Annotation.start_offset, models.Annotation.id)
            )
            return [readers.annotation_view(a) for a in rows]

    # -- editing ----------------------------------------------------------------------

    def create_record(
        self, kind: RecordKind | str, fields: dict[str, object], *, status: str | None = None
    ) -> int:
        """Add a document or pledge; returns its id. The first status is recorded in history."""
        record_kind = enum_value(RecordKind, kind, "kind")
        values = coerce_changes(record_kind, fields)
        if "title" not in values:
            raise ValidationError("a record needs a title", field="title")
        first_status = status or _first_status(record_kind)
        self._check_status(record_kind, first_status, values.get("binding"))
        with self.writing() as session:
            record = models.Record(
                kind=record_kind.value,
                slug=_unique_slug(session, values["title"], record_kind.value),
                title=values["title"],
                status=first_status,
            )
            if record_kind is RecordKind.DOCUMENT:
                record.document_kind = values.get("document_kind", "other")
                record.binding = values.get("binding", Binding.UNKNOWN.value)
            session.add(record)
            session.flush()
            _apply_fields(session, record, values)
            session.add(_history(record, None, first_status, self.actor, "Created"))
            session.flush()
            self._reindex(session, record.id)
            return record.id

    def update_record(
        self, record_id: int, expected_version: int, changes: dict[str, object]
    ) -> int:
        """Change fields of a record last seen at ``expected_version``; returns the new version."""
        with self.writing() as session:
            record = self._current(session, record_id, expected_version)
            values = coerce_changes(RecordKind(record.kind), changes)
            self._check_status(
                RecordKind(record.kind), record.status, values.get("binding", record.binding)
            )
            _apply_fields(session, record, values)
            _touch(record)
            session.flush()
            self._reindex(session, record.id)
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
        today = self.clock()
        effective_on = today if effective_on is None else effective_on
        if effective_on > today:
            raise ValidationError(
                f"A status cannot have taken effect on {effective_on}, after today ({today}).",
                field="status",
            )
        with self._writing_core() as connection:
            record = connection.execute(RECORD_STATE, {"record_id": record_id}).one_or_none()
            if record is None:
                raise NotFoundError(f"There is no record {record_id!r}.")
            if expected_version is not None and record.version != expected_version:
                raise _conflict(record.slug, expected_version, record.version)
            self._check_status(RecordKind(record.kind), new_status, record.binding)
            if new_status == record.status:
                raise ValidationError(
                    f"{record.slug} is already {label(new_status).lower()}", field="status"
                )
            now = utc_now()
            step = {
                "record_id": record_id,
                "from_status": record.status,
                "to_status": new_status,
                "changed_at": now,
                "changed_by": self.actor,
                "comment": comment,
                "evidence": evidence,
                "effective_on": effective_on,
            }
            connection.execute(ADD_HISTORY, step)
            connection.execute(
                SET_STATUS,
                {"record_id": record_id, "status": new_status, "now": now, "seen": record.version},
            )
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

    def add_note(self, record_id: int, body: str) -> NoteView:
        """Add a Markdown note to a record."""
        clean_text(body, "note", limit=MAX_NOTE_CHARS, required=True)
        with self.writing() as session:
            self._record(session, record_id)
            note = models.Note(record_id=record_id, body=body, author=self.actor)
            session.add(note)
            session.flush()
            self._reindex(session, record_id)
            return _note_view(note, revision_count=0)

    def edit_note(self, note_id: int, body: str, *, expected_version: int) -> NoteView:
        """Replace a note's text, keeping the text it had as a revision."""
        clean_text(body, "note", limit=MAX_NOTE_CHARS, required=True)
        if not names_a_row(note_id):
            raise NotFoundError(f"There is no note {note_id}.")
        with self._writing_core() as connection:
            note = note_view(connection, note_id)
            if note.version != expected_version:
                raise _conflict(f"note {note_id}", expected_version, note.version)
            if note.body == body:
                return note
            now = utc_now()
            connection.execute(
                ADD_REVISION, {"note_id": note_id, "body": note.body, "saved_at": now}
            )
            connection.execute(
                SET_NOTE_BODY, {"note_id": note_id, "body": body, "now": now, "seen": note.version}
            )
            if self._fts:
                rewrite_search_notes(connection, note.record_id)
            return note._replace(
                body=body,
                updated_at=now,
                version=note.version + 1,
                revision_count=note.revision_count + 1,
            )

    def get_note(self, note_id: int) -> NoteView:
        """One note as stored now."""
        if not names_a_row(note_id):
            raise NotFoundError(f"There is no note {note_id}.")
        with self._connected() as connection:
            return note_view(connection, note_id)

    def annotate(
        self,
        source_id: int,
        start: int,
        end: int,
        *,
        record_id: int | None,
        comment: str = "",
        field: str | None = None,
    ) -> AnnotationView:
        """Highlight ``source.text[start:end]``, linked to a record and optionally one field."""
        clean_text(comment, "comment", limit=MAX_TEXT_CHARS)
        with self.writing() as session:
            source = session.get(models.Source, source_id)
            if source is None:
                raise NotFoundError(f"There is no source {source_id}.")
            if record_id is not None:
                self._record(session, record_id)
            annotation = anchored(source, start, end)
            annotation.record_id = record_id
            annotation.comment = comment
            annotation.field = field
            session.add(annotation)
            session.flush()
            if record_id is not None:
                self._reindex(session, record_id)
            return readers.annotation_view(annotation)

    def remove_annotation(self, annotation_id: int) -> None:
        """Take an annotation away (it is kept, marked removed, so undo can bring it back)."""
        self._set_annotation_removed(annotation_id, removed=True)

    def restore_annotation(self, annotation_id: int) -> None:
        """Bring back a removed annotation."""
        self._set_annotation_removed(annotation_id, removed=False)

    def edit_annotation_comment(self, annotation_id: int, comment: str) -> AnnotationView:
        """Replace an annotation's comment; its quote and place in the source stay."""
        clean_text(comment, "comment", limit=MAX_TEXT_CHARS)
        with self.writing() as session:
            annotation = session.get(models.Annotation, annotation_id)
            if annotation is None or annotation.deleted_at is not None:
                raise NotFoundError(f"There is no annotation {annotation_id}.")
            annotation.comment = comment
            session.flush()
            if annotation.record_id is not None:
                self._reindex(session, annotation.record_id)  # comments are searched
            return readers.annotation_view(annotation)

    def add_delivery(
        self,
        pledge_id: int,
        *,
        delivered_on: date | str | None,
        amount: object = None,
        quantity: object = None,
        note: str = "",
    ) -> int:
        """Record a delivery against a pledge; returns the ledger entry's id."""
        day = optional_date(delivered_on, "delivered_on")
        money = optional_decimal(amount, "amount")
        count = optional_decimal(quantity, "quantity")
        if (money is None) == (count is None):
            raise ValidationError("a delivery needs either an amount or a quantity", field="amount")
        clean_text(note, "note", limit=MAX_TEXT_CHARS)
        with self.writing() as session:
            record = self._record(session, pledge_id)
            if record.kind != RecordKind.PLEDGE.value:
                raise ValidationError(f"{record.slug} is not a pledge; deliveries need a pledge")
            delivery = models.Delivery(
                pledge_id=pledge_id, delivered_on=day, amount=money, quantity=count, note=note
            )
            session.add(delivery)
            _touch(record)
            session.flush()
            return delivery.id

    def remove_delivery(self, delivery_id: int) -> None:
        """Take an entry out of a pledge's ledger (kept, marked removed, so undo can restore it)."""
        self._set_delivery_removed(delivery_id, removed=True)

    def restore_delivery(self, delivery_id: int) -> None:
        """Put a removed ledger entry back."""
        self._set_delivery_removed(delivery_id, removed=False)

    def seed(self, path: Path) -> int:
        """Add from a seed file whatever this database has never had; returns items added."""
        from storage.seeding import apply_seed, load_seed

        seed = load_seed(path)
        if not self.is_empty():
            self.backup("before-seed")
        with self.writing() as session:
            added, touched = apply_seed(session, seed, actor="seed")
            session.flush()
            for record_id in touched:
                self._reindex(session, record_id)
        return added

    def rebuild_search_index(self) -> None:
        """Write the search index again from the records, in one transaction."""
        if self._fts:
            with self.writing() as session:
                search_index.rebuild(session.connection())

    @cached_property
    def rates(self) -> Rates:
        """The exchange rates: the one way they are read and written."""
        from storage.insight.rates import Rates

        return Rates(self)

    # -- helpers ----------------------------------------------------------------------

    def _check_status(self, kind: RecordKind, status: str, binding: str | None) -> None:
        allowed = statuses_for(kind)
        if status not in allowed:
            raise ValidationError(
                f"{status!r} is not a {kind.value} status; use one of {', '.join(allowed)}",
                field="status",
            )
        if (
            status == DocumentStatus.AWAITING_RATIFICATION.value
            and binding == Binding.NON_BINDING.value
        ):
            raise ValidationError(
                "a non-binding instrument is not ratified; choose another status", field="status"
            )

    def _find(self, session: orm.Session, ref: int | str) -> models.Record:
        """The record ``ref`` names: a number (12 or "#12") or a slug; see ``record_number``.

        A bare number whose digits are also another record's slug (an older database could
        hold one) is refused rather than guessed: "#12" always means the number.
        """
        if isinstance(ref, int):
            return self._numbered(session, ref, str(ref))
        number = record_number(ref)
        by_slug = None if number is not None and number[1] else self._slugged(session, ref)
        if number is None:
            if by_slug is None:
                raise NotFoundError(f"There is no record {ref!r}.")
            return by_slug
        numbered = session.get(models.Record, number[0]) if names_a_row(number[0]) else None
        if by_slug is not None and by_slug is not numbered:
            raise ValidationError(_ambiguous(ref, number[0], numbered, by_slug), field="id")
        return self._numbered(session, number[0], ref)

    @staticmethod
    def _slugged(session: orm.Session, slug: str) -> models.Record | None:
        return session.scalars(
            select(models.Record).where(models.Record.slug == slug)
        ).one_or_none()

    @staticmethod
    def _numbered(session: orm.Session, number: int, ref: str) -> models.Record:
        record = session.get(models.Record, number) if names_a_row(number) else None
        if record is None:
            raise NotFoundError(f"There is no record {ref!r}.")
        return record

    def _record(self, session: orm.Session, record_id: int) -> models.Record:
        return self._find(session, record_id)

    def _current(self, session: orm.Session, record_id: int, expected: int | None) -> models.Record:
        record = self._record(session, record_id)
        if expected is not None and record.version != expected:
            raise _conflict(record.slug, expected, record.version)
        return record

    def _note(self, session: orm.Session, note_id: int) -> models.Note:
        note = session.get(models.Note, note_id) if names_a_row(note_id) else None
        if note is None:
            raise NotFoundError(f"There is no note {note_id}.")
        return note

    def _set_all_deleted(self, record_ids: Sequence[int], *, deleted: bool) -> None:
        done = "deleted" if deleted else "restored"
        wanted = list(dict.fromkeys(record_ids))  # each once, in the order given
        with self.writing() as session:
            found: dict[int, models.Record] = {}
            for start in range(0, len(wanted), IDS_PER_STATEMENT):  # not one read per record
                chunk = wanted[start : start + IDS_PER_STATEMENT]
                loaded = session.scalars(select(models.Record).where(models.Record.id.in_(chunk)))
                found.update((record.id, record) for record in loaded)
            records = []
            for record_id in wanted:
                if (record := found.get(record_id)) is None:
                    raise NotFoundError(f"There is no record {record_id!r}; nothing was {done}.")
                if (record.deleted_at is not None) == deleted:
                    where = "already in" if deleted else "not in"
                    raise NotFoundError(
                        f"“{record.title}” is {where} the trash; nothing was {done}."
                    )
                records.append(record)
            now = utc_now()
            for record in records:
                record.deleted_at = now if deleted else None
                _touch(record)
            session.flush()
            for record in records:
                self._reindex(session, record.id)  # its search row moves between tables

    def _set_deleted(self, record_id: int, *, deleted: bool) -> int:
        with self.writing() as session:
            record = self._record(session, record_id)
            record.deleted_at = utc_now() if deleted else None
            _touch(record)
            session.flush()
            self._reindex(session, record.id)  # its search row moves between tables
            return record.version

    def _set_annotation_removed(self, annotation_id: int, *, removed: bool) -> None:
        with self.writing() as session:
            annotation = session.get(models.Annotation, annotation_id)
            if annotation is None:
                raise NotFoundError(f"There is no annotation {annotation_id}.")
            annotation.deleted_at = utc_now() if removed else None
            session.flush()
            if annotation.record_id is not None:
                self._reindex(session, annotation.record_id)

    def _set_delivery_removed(self, delivery_id: int, *, removed: bool) -> None:
        with self.writing() as session:
            delivery = session.get(models.Delivery, delivery_id)
            if delivery is None:
                raise NotFoundError(f"There is no delivery {delivery_id}.")
            delivery.deleted_at = utc_now() if removed else None
            _touch(self._record(session, delivery.pledge_id))

    def _reindex(self, session: orm.Session, record_id: int) -> None:
        """Rewrite a record's row of the search index from its current text."""
        if self._fts:
            session.flush()  # the index is rebuilt from what the tables hold
            rewrite_search_row(session.connection(), record_id)


def _check_folder(path: Path) -> None:
    """Refuse a database named in a folder that is missing or is a file: none is made for it.

    (Only the default data folder is made, by ``data_folder``.)
    """
    folder = path.parent
    if folder.is_dir():
        return
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise DatabaseError(f"Cannot open {path}: {existing} is a file, not a folder.")
    raise DatabaseError(
        f"Cannot open {path}: the folder {folder} does not exist; nothing was created."
    )


def _read_only_url(path: Path) -> URL | None:
    """A read-only URL for a database this process may not write, or None when it may.

    SQLite reads a WAL database through its -wal and -shm files, which it must be able to
    create, or find, beside it (https://sqlite.org/wal.html#readonly). In a folder we may
    write, ``mode=ro`` does that properly even while another process writes. In a folder
    we may not write with no -wal file, nothing is waiting in a log and no one without the
    folder's rights can start one, so ``immutable=1`` reads the file alone, as CPython's
    dbm.sqlite3 does; with a -wal file there, ``mode=ro`` reads it through its -shm file.
    """
    folder_writable = os.access(path.parent, os.W_OK)
    if not path.exists() or (folder_writable and os.access(path, os.W_OK)):
        return None
    wal = path.with_name(path.name + "-wal")
    return read_only_url(path, immutable=not folder_writable and not wal.exists())


def _check_or_recover(path: Path, *, recover: bool) -> tuple[Backup | None, Path | None]:
    """Refuse, or (once the user agreed) set aside and restore, a damaged database file."""
    reason = damage(path) if path.exists() else None
    if reason is None:
        return None, None
    backup = newest_verified(path)
    if backup is None and reason == NOT_SQLITE:
        # A spreadsheet or text picked by mistake, not a damaged database of ours. (Its
        # header is not read here: closing a descriptor would drop this process's locks.)
        raise NotAccordsError(f"{path} is not an Accords database; nothing was changed.")
    if not recover:
        raise DatabaseDamagedError(
            f"{path} {reason}; it was left untouched. Run `accords restore` to bring back "
            "the newest backup."
        )
    if backup is None:
        aside = set_aside_damaged(path)
        raise DatabaseDamagedError(
            f"{path} {reason}. It was kept unchanged as {aside.name}, and there is no backup "
            "to restore.",
            kept_aside=aside,
        )
    return backup, restore_backup(path, backup)


def anchored(source: models.Source, start: int, end: int) -> models.Annotation:
    """An annotation over ``source.text[start:end]`` with the context to re-anchor it."""
    if not 0 <= start < end <= len(source.text):
        raise ValidationError(
            f"the selection {start}-{end} is outside the source text (0-{len(source.text)})",
            field="selection",
        )
    return models.Annotation(
        source_id=source.id,
        start_offset=start,
        end_offset=end,
        quote=source.text[start:end],
        prefix=source.text[max(0, start - ANCHOR_CONTEXT_CHARS) : start],
        suffix=source.text[end : end + ANCHOR_CONTEXT_CHARS],
    )


def _apply_fields(session: orm.Session, record: models.Record, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "due":
            _set_due(record, value)
        elif name == "tags":
            record.tags = [models.RecordTag(tag=tag) for tag in value]
        elif name == "categories":
            record.categories = [models.PledgeCategory(category=category) for category in value]
        elif name == "parties":
            session.execute(
                delete(models.RecordParty).where(models.RecordParty.record_id == record.id)
            )
            for party in value:
                session.execute(
                    insert(models.RecordParty).values(
                        record_id=record.id, party_id=_party_id(session, party)
                    )
                )
        elif name in ("donor", "recipient"):
            setattr(record, f"{name}_id", None if value is None else _party_id(session, value))
        else:
            setattr(record, name, value)


def _set_due(record: models.Record, period: Period | None) -> None:
    record.due_start = period.start if period else None
    record.due_end = period.end if period else None
    record.due_precision = period.precision.value if period else None


def _party_id(session: orm.Session, name_or_slug: str) -> int:
    party = session.scalars(
        select(models.Party).where(
            (models.Party.slug == name_or_slug) | (models.Party.name == name_or_slug)
        )
    ).first()
    if party is None:
        raise ValidationError(f"there is no party {name_or_slug!r}", field="parties")
    return party.id


def _history(
    record: models.Record,
    from_status: str | None,
    to_status: str,
    actor: str,
    comment: str = "",
    evidence: str = "",
) -> models.StatusChange:
    return models.StatusChange(
        record_id=record.id,
        from_status=from_status,
        to_status=to_status,
        changed_by=actor,
        comment=comment,
        evidence=evidence,
    )


def _touch(record: models.Record) -> None:
    # Bumps updated_at even when only related rows changed, so the version moves too.
    record.updated_at = utc_now()


def _first_status(kind: RecordKind) -> str:
    return (
        PledgeStatus.ANNOUNCED.value if kind is RecordKind.PLEDGE else DocumentStatus.SIGNED.value
    )


def _conflict(what: str, expected: int, current: int) -> ConflictError:
    return ConflictError(
        f"{what} was changed elsewhere since you opened it (version {expected}, now {current}); "
        "nothing was overwritten.",
        expected_version=expected,
        current_version=current,
    )


def _note_view(note: models.Note, *, revision_count: int) -> NoteView:
    return NoteView(
        note.id,
        note.record_id,
        note.body,
        note.author,
        note.created_at,
        note.updated_at,
        note.version,
        revision_count,
    )


def slugify(title: str) -> str:
    """A readable ASCII id from a title: "Action Plan (2025)" -> "action-plan-2025".

    Accents are dropped (NFD), but look-alike characters are not read as letters or digits:
    NFKD would turn "²" into "2".
    """
    ascii_title = unicodedata.normalize("NFD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "record"


def _unique_slug(session: orm.Session, title: str, kind: str) -> str:
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


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "analyst"


def _ambiguous(
    ref: str, number: int, numbered: models.Record | None, by_slug: models.Record
) -> str:
    other = f"the slug of record #{by_slug.id} ({by_slug.title})"
    if numbered is None:
        return f"There is no record #{number}, but {ref!r} is {other}; write #{by_slug.id}."
    return (
        f"{ref!r} is both record #{number} ({numbered.title}) and {other}; "
        f"write #{number} or #{by_slug.id}."
    )


def _describe_location(engine: Engine) -> str:
    path = sqlite_file(engine.url)
    return str(path) if path else engine.url.render_as_string(hide_password=True)


__all__ = ["AccordsService", "OpenReport", "Page"]
