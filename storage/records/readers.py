"""Build a record's detail and the other data objects of ``storage.records.data`` from ORM rows."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.records.data import (
    AnnotationView,
    DeliveryView,
    NoteView,
    ProvisionView,
    RecordDetail,
    RelationView,
    SignatoryView,
    SourceView,
    StatusChangeView,
)
from storage.records.query import RecordQuery, listing
from storage.records.rows import load_rows
from storage.schema.models import (
    Annotation,
    Delivery,
    Note,
    NoteRevision,
    Record,
    Relation,
    Source,
    StatusChange,
)


def build_detail(session: Session, record: Record, *, today: date, fts: bool) -> RecordDetail:
    """Everything about one record, read in the caller's transaction."""
    only_this = RecordQuery(
        ids=frozenset({record.id}), trash=record.deleted_at is not None, include_provisions=True
    )
    result = session.execute(listing(only_this, today=today, fts=fts)).all()
    (row,) = load_rows(result, today=today)
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
        parent_slug=record.parent.slug if record.parent else None,
        parent_title=record.parent.title if record.parent else None,
        created_at=record.created_at,
        updated_at=record.updated_at,
        updated_by=record.updated_by,
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
        from storage.schema.models import Party

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
        source.media_type,
        source.file_name,
        source.has_text,
        source.imported_at,
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
            c.id,
            c.from_status,
            c.to_status,
            c.changed_at,
            c.changed_by,
            c.comment,
            c.evidence,
            c.effective_on,
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
            n.updated_by,
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
