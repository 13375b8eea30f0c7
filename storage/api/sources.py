"""The sources part: source texts and the annotations that highlight them for records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.api.base import Part, find_record
from storage.errors import NotFoundError, ValidationError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.data import AnnotationView, SourceView
from storage.records.validation import MAX_TEXT_CHARS, clean_text
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from storage.records import readers
    from storage.schema import models
else:
    models = LazyModule("storage.schema.models")
    readers = LazyModule("storage.records.readers")

ANCHOR_CONTEXT_CHARS = 32


class Sources(Part):
    """Source texts and their annotations; each call is one transaction."""

    def list_sources(self) -> list[SourceView]:
        """Every source text, oldest first."""
        with self._db.reading() as session:
            return [
                readers.source_view(s)
                for s in session.scalars(select(models.Source).order_by(models.Source.id))
            ]

    def get_source(self, ref: int | str) -> SourceView:
        """One source text by id or slug."""
        with self._db.reading() as session:
            column = models.Source.id if isinstance(ref, int) else models.Source.slug
            source = session.scalars(select(models.Source).where(column == ref)).one_or_none()
            if source is None:
                raise NotFoundError(_("There is no source {ref!r}.").format(ref=ref))
            return readers.source_view(source)

    def annotations_for_source(self, source_id: int) -> list[AnnotationView]:
        """Every live annotation on a source, in text order."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(models.Annotation)
                .where(
                    models.Annotation.source_id == source_id, models.Annotation.deleted_at.is_(None)
                )
                .order_by(models.Annotation.start_offset, models.Annotation.id)
            )
            return [readers.annotation_view(a) for a in rows]

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
        with self._db.writing() as session:
            source = session.get(models.Source, source_id)
            if source is None:
                raise NotFoundError(
                    _("There is no source {source_id}.").format(source_id=source_id)
                )
            if record_id is not None:
                find_record(session, record_id)
            annotation = anchored(source, start, end)
            annotation.record_id = record_id
            annotation.comment = comment
            annotation.field = field
            session.add(annotation)
            session.flush()
            if record_id is not None:
                self._db.reindex(session, record_id)
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
        with self._db.writing() as session:
            annotation = session.get(models.Annotation, annotation_id)
            if annotation is None or annotation.deleted_at is not None:
                raise NotFoundError(
                    _("There is no annotation {annotation_id}.").format(annotation_id=annotation_id)
                )
            annotation.comment = comment
            session.flush()
            if annotation.record_id is not None:
                self._db.reindex(session, annotation.record_id)  # comments are searched
            return readers.annotation_view(annotation)

    def _set_annotation_removed(self, annotation_id: int, *, removed: bool) -> None:
        with self._db.writing() as session:
            annotation = session.get(models.Annotation, annotation_id)
            if annotation is None:
                raise NotFoundError(
                    _("There is no annotation {annotation_id}.").format(annotation_id=annotation_id)
                )
            annotation.deleted_at = utc_now() if removed else None
            session.flush()
            if annotation.record_id is not None:
                self._db.reindex(session, annotation.record_id)


def anchored(source: models.Source, start: int, end: int) -> models.Annotation:
    """An annotation over ``source.text[start:end]`` with the context to re-anchor it."""
    if not 0 <= start < end <= len(source.text):
        raise ValidationError(
            _("the selection {start}-{end} is outside the source text (0-{count})").format(
                start=start, end=end, count=len(source.text)
            ),
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
