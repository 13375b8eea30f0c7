"""Taking back what applying proposals did: the one undo of an import's application."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage.records.search_index import drop_search_row
from storage.schema import models
from storage.schema.types import utc_now
from storage.sources.applying import Applied

# Rows that refer to a record, removed with a record the application created.
RECORD_ROWS = (
    (models.Annotation, models.Annotation.record_id),
    (models.StatusChange, models.StatusChange.record_id),
    (models.RecordParty, models.RecordParty.record_id),
    (models.Signatory, models.Signatory.record_id),
    (models.PledgeCategory, models.PledgeCategory.record_id),
    (models.RecordTag, models.RecordTag.record_id),
    (models.RecordSource, models.RecordSource.record_id),
    (models.Note, models.Note.record_id),
)


def unapply(session: Session, applied: Applied, *, search: bool) -> set[int]:
    """Remove what ``applied`` added and empty what it filled; returns records to reindex."""
    ids = applied.annotations
    session.execute(delete(models.Annotation).where(models.Annotation.id.in_(ids)))
    session.execute(delete(models.Signatory).where(models.Signatory.id.in_(applied.signatories)))
    for record_id, party_id in applied.record_parties:
        session.execute(
            delete(models.RecordParty).where(
                models.RecordParty.record_id == record_id, models.RecordParty.party_id == party_id
            )
        )
    for record_id, category in applied.categories:
        session.execute(
            delete(models.PledgeCategory).where(
                models.PledgeCategory.record_id == record_id,
                models.PledgeCategory.category == category,
            )
        )
    for record_id, source_id in applied.record_sources:
        session.execute(
            delete(models.RecordSource).where(
                models.RecordSource.record_id == record_id,
                models.RecordSource.source_id == source_id,
            )
        )
    for record_id, column in applied.filled:
        session.execute(
            update(models.Record)
            .where(models.Record.id == record_id)
            .values({column: None, "updated_at": utc_now(), "version": models.Record.version + 1})
        )
    remove_records(session, applied.created, search=search)
    remove_names(session, applied)
    session.expire_all()
    touched = {r for r, _ in applied.filled} | {r for r, _ in applied.record_sources}
    return touched - set(applied.created)


def remove_records(session: Session, record_ids: list[int], *, search: bool) -> None:
    """Remove records the application created, with every row that refers to them."""
    if not record_ids:
        return
    if search:
        orders = session.scalars(
            select(models.Record.title_order).where(
                models.Record.id.in_(record_ids), models.Record.title_order.is_not(None)
            )
        )
        for order in list(orders):
            drop_search_row(session.connection(), order or 0)
    for model, column in RECORD_ROWS:
        session.execute(delete(model).where(column.in_(record_ids)))
    session.execute(
        delete(models.Relation).where(
            models.Relation.from_id.in_(record_ids) | models.Relation.to_id.in_(record_ids)
        )
    )
    session.execute(
        delete(models.Record).where(models.Record.id.in_(record_ids)),
        execution_options={"synchronize_session": False},
    )


def remove_names(session: Session, applied: Applied) -> None:
    """Remove the roles, people and parties the application created (nothing else uses them:
    undo takes back later actions first)."""
    session.execute(delete(models.Role).where(models.Role.id.in_(applied.roles)))
    session.execute(delete(models.Alias).where(models.Alias.person_id.in_(applied.persons)))
    session.execute(delete(models.Person).where(models.Person.id.in_(applied.persons)))
    session.execute(delete(models.Alias).where(models.Alias.party_id.in_(applied.parties)))
    # Children first: a ministry created with the state it belongs to.
    for party_id in reversed(applied.parties):
        session.execute(delete(models.Party).where(models.Party.id == party_id))
