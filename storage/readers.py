"""Build the immutable views in ``storage.views`` from rows and ORM objects."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, func, literal_column, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from storage.enums import Precision, RecordKind
from storage.models import (
    Annotation,
    Delivery,
    Note,
    NoteRevision,
    Party,
    Record,
    RecordParty,
    Relation,
    Source,
    StatusChange,
)
from storage.periods import Period, is_overdue
from storage.query import RecordQuery, listing
from storage.views import (
    AnnotationView,
    DeliveryView,
    NoteView,
    ProvisionView,
    RecordDetail,
    RecordRow,
    RelationView,
    SignatoryView,
    SourceView,
    StatusChangeView,
)

NOTE_PREVIEW_CHARS = 300


def due_period(start: date | None, precision: str | None) -> Period | None:
    """The stored due period, if any."""
    if start is None or precision is None:
        return None
    return Period(start, Precision(precision))


def load_rows(session: Session, results: Sequence[RowMapping], *, today: date) -> list[RecordRow]:
    """Records-table rows for a page of ``query.listing`` results, with their extras by id."""
    ids = [result["id"] for result in results]
    if not ids:
        return []
    # Core on the session's connection: these are plain rows, no ORM bookkeeping needed.
    connection = session.connection()
    party_names = _party_names(connection, results)
    parties = _document_parties(connection, ids)
    delivered = _delivered(connection, ids)
    notes = _last_notes(connection, ids)
    return [
        build_row(
            result,
            parties=_parties_label(result, parties, party_names),
            delivered=delivered.get(result["id"]),
            last_note=notes.get(result["id"], ""),
            today=today,
        )
        for result in results
    ]


def build_row(
    result: RowMapping | Mapping[str, Any],
    *,
    parties: str,
    delivered: tuple[Decimal, int] | None,
    last_note: str,
    today: date,
) -> RecordRow:
    """One records-table row; overdue is decided by ``periods.is_overdue`` itself."""
    pledge = result["kind"] == RecordKind.PLEDGE.value
    total, count = delivered or (Decimal(0), 0)
    pledged = result["amount"] if result["amount"] is not None else result["quantity"]
    overdue = pledge and is_overdue(
        status=result["status"],
        due_end=result["due_end"],
        pledged=pledged,
        delivered=total,
        delivery_count=count,
        today=today,
    )
    return RecordRow(
        id=result["id"],
        slug=result["slug"],
        kind=result["kind"],
        title=result["title"],
        status=result["status"],
        status_since=result["status_since"],
        parties=parties,
        key_date=result["signed_on"] or result["announced_on"],
        amount=result["amount"],
        quantity=result["quantity"],
        unit=result["unit"],
        currency=result["currency"],
        currency_as_written=result["currency_as_written"],
        qualifier=result["qualifier"],
        due=due_period(result["due_start"], result["due_precision"]),
        overdue=overdue,
        delivered=total if pledge else None,
        last_note=last_note,
        version=result["version"],
        deleted=result["deleted_at"] is not None,
    )


def _among(column: Any, ids: Sequence[int], connection: Connection) -> ColumnElement[bool]:
    """``column IN ids``; on SQLite as one JSON parameter, so the statement is compiled once
    and cached rather than rebuilt with a bound value per id for every page."""
    if connection.dialect.name != "sqlite":
        return column.in_(list(ids))  # type: ignore[no-any-return]
    values: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(json.dumps(list(ids)))
    )
    return column.in_(values)  # type: ignore[no-any-return]


def _party_names(session: Connection, results: Sequence[RowMapping]) -> dict[int, str]:
    wanted = {r[key] for r in results for key in ("donor_id", "recipient_id") if r[key]}
    if not wanted:
        return {}
    statement = select(Party.id, Party.name).where(_among(Party.id, sorted(wanted), session))
    return dict(session.execute(statement).all())


def _document_parties(session: Connection, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for record_id, name in session.execute(
        select(RecordParty.record_id, Party.name)
        .join(Party, Party.id == RecordParty.party_id)
        .where(_among(RecordParty.record_id, ids, session))
        .order_by(Party.id)
    ):
        found[record_id].append(name)
    return found


def _parties_label(result: RowMapping, parties: dict[int, list[str]], names: dict[int, str]) -> str:
    if result["kind"] == RecordKind.PLEDGE.value:
        donor = names.get(result["donor_id"], "?")
        recipient = names.get(result["recipient_id"], "?")
        return f"{donor} → {recipient}"
    return ", ".join(parties.get(result["id"], ()))


def _delivered(session: Connection, ids: list[int]) -> dict[int, tuple[Decimal, int]]:
    totals: dict[int, tuple[Decimal, int]] = {}
    for pledge_id, amount, quantity in session.execute(
        select(Delivery.pledge_id, Delivery.amount, Delivery.quantity).where(
            _among(Delivery.pledge_id, ids, session), Delivery.deleted_at.is_(None)
        )
    ):
        total, count = totals.get(pledge_id, (Decimal(0), 0))
        measure = amount if amount is not None else (quantity or Decimal(0))
        totals[pledge_id] = (total + measure, count + 1)
    return totals


def _last_notes(session: Connection, ids: list[int]) -> dict[int, str]:
    # Only the start of each note: the table shows its first line, and notes can be huge.
    latest = (
        select(Note.record_id, func.max(Note.updated_at).label("updated"))
        .where(_among(Note.record_id, ids, session))
        .group_by(Note.record_id)
        .subquery()
    )
    rows = session.execute(
        select(Note.record_id, func.substr(Note.body, 1, NOTE_PREVIEW_CHARS))
        .join(
            latest, (latest.c.record_id == Note.record_id) & (latest.c.updated == Note.updated_at)
        )
        .order_by(Note.id)
    )
    return {record_id: text for record_id, text in rows}


def build_detail(session: Session, record: Record, *, today: date, fts: bool) -> RecordDetail:
    """Everything about one record, read in the caller's transaction."""
    only_this = RecordQuery(
        ids=frozenset({record.id}), trash=record.deleted_at is not None, include_provisions=True
    )
    result = session.execute(listing(only_this, today=today, fts=fts, after=None)).mappings().all()
    (row,) = load_rows(session, result, today=today)
    annotations = tuple(
        annotation_view(a)
        for a in session.scalars(
            select(Annotation)
            .where(Annotation.record_id == record.id, Annotation.deleted_at.is_(None))
            .order_by(Annotation.start_offset)
        )
    )
    return RecordDetail(
        row=row,
        summary=record.summary,
        document_kind=record.document_kind,
        binding=record.binding,
        signed_on=record.signed_on,
        donor=record.donor.name if record.donor else None,
        recipient=record.recipient.name if record.recipient else None,
        equivalent_amount=record.equivalent_amount,
        equivalent_as_written=record.equivalent_as_written,
        announced_on=record.announced_on,
        announced_by=_role_label(record),
        from_document=record.from_document.title if record.from_document else None,
        parent_id=record.parent_id,
        created_at=record.created_at,
        updated_at=record.updated_at,
        parties=tuple(p.name for p in record.parties),
        signatories=tuple(
            SignatoryView(s.role.person.name, s.role.title, s.role.party.name)
            for s in record.signatories
        ),
        tags=tuple(t.tag for t in record.tags),
        categories=tuple(c.category for c in record.categories),
        provisions=tuple(
            ProvisionView(p.id, p.slug, p.title, p.status)
            for p in record.provisions
            if p.deleted_at is None
        ),
        relations=_relations(session, record.id),
        history=_history(session, record.id),
        notes=_notes(session, record.id),
        annotations=annotations,
        deliveries=_deliveries(session, record.id),
        sourced_fields=frozenset(a.field for a in annotations if a.field),
    )


def source_view(source: Source) -> SourceView:
    """The view of one source."""
    reported_by = None
    if source.reported_by_id is not None:
        from storage.models import Party

        party = Session.object_session(source).get(Party, source.reported_by_id)  # type: ignore[union-attr]
        reported_by = party.name if party else None
    return SourceView(
        source.id,
        source.slug,
        source.title,
        source.publisher,
        source.url,
        source.published_on,
        source.language,
        source.text,
        source.sha256,
        reported_by,
    )


def annotation_view(annotation: Annotation) -> AnnotationView:
    """The view of one annotation."""
    return AnnotationView(
        annotation.id,
        annotation.source_id,
        annotation.record_id,
        annotation.field,
        annotation.start_offset,
        annotation.end_offset,
        annotation.quote,
        annotation.prefix,
        annotation.suffix,
        annotation.comment,
    )


def _role_label(record: Record) -> str | None:
    role = record.announced_by
    if role is None:
        return None
    return f"{role.person.name}, {role.title}"


def _relations(session: Session, record_id: int) -> tuple[RelationView, ...]:
    relations = session.scalars(
        select(Relation).where(or_(Relation.from_id == record_id, Relation.to_id == record_id))
    )
    views = []
    for relation in relations:
        outgoing = relation.from_id == record_id
        other = session.get(Record, relation.to_id if outgoing else relation.from_id)
        if other is not None:
            views.append(RelationView(relation.kind, outgoing, other.id, other.slug, other.title))
    return tuple(views)


def _history(session: Session, record_id: int) -> tuple[StatusChangeView, ...]:
    changes = session.scalars(
        select(StatusChange).where(StatusChange.record_id == record_id).order_by(StatusChange.id)
    )
    return tuple(
        StatusChangeView(
            c.id, c.from_status, c.to_status, c.changed_at, c.changed_by, c.comment, c.evidence
        )
        for c in changes
    )


def _notes(session: Session, record_id: int) -> tuple[NoteView, ...]:
    counts = dict(
        session.execute(
            select(NoteRevision.note_id, func.count(NoteRevision.id))
            .join(Note, Note.id == NoteRevision.note_id)
            .where(Note.record_id == record_id)
            .group_by(NoteRevision.note_id)
        ).all()
    )
    notes = session.scalars(select(Note).where(Note.record_id == record_id).order_by(Note.id))
    return tuple(
        NoteView(
            n.id,
            n.record_id,
            n.body,
            n.author,
            n.created_at,
            n.updated_at,
            n.version,
            counts.get(n.id, 0),
        )
        for n in notes
    )


def _deliveries(session: Session, record_id: int) -> tuple[DeliveryView, ...]:
    deliveries = session.scalars(
        select(Delivery)
        .where(Delivery.pledge_id == record_id, Delivery.deleted_at.is_(None))
        .order_by(Delivery.delivered_on, Delivery.id)
    )
    return tuple(
        DeliveryView(d.id, d.delivered_on, d.amount, d.quantity, d.note) for d in deliveries
    )
