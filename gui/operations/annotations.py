"""Undoable edits of annotations: highlight a span of a source, change its comment."""

from __future__ import annotations

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.service import AccordsService


class AnnotateCommand(ServiceCommand):
    """Highlight a span of a source for a record; undo removes the highlight."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        source_id: int,
        start: int,
        end: int,
        record_id: int | None,
        *,
        comment: str = "",
        field: str | None = None,
    ) -> None:
        super().__init__(_("Annotate selection"), service, undo_stack)
        self.record_ids = {record_id} if record_id is not None else set()
        self.source_id = source_id
        self.span = (start, end)
        self.record_id = record_id
        self.comment = comment
        self.field = field
        self.annotation_id: int | None = None

    def apply(self) -> None:
        if self.annotation_id is None:
            annotation = self.service.sources.annotate(
                self.source_id,
                *self.span,
                record_id=self.record_id,
                comment=self.comment,
                field=self.field,
            )
            self.annotation_id = annotation.id
        else:
            self.service.sources.restore_annotation(self.annotation_id)

    def revert(self) -> None:
        assert self.annotation_id is not None
        self.service.sources.remove_annotation(self.annotation_id)


class EditAnnotationCommentCommand(ServiceCommand):
    """Change what an annotation's comment says; undo puts the earlier comment back."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        annotation_id: int,
        record_id: int | None,
        *,
        before: str,
        after: str,
    ) -> None:
        super().__init__(_("Edit annotation comment"), service, undo_stack)
        self.record_ids = {record_id} if record_id is not None else set()
        self.annotation_id = annotation_id
        self.comments = (before, after)

    def apply(self) -> None:
        self.service.sources.edit_annotation_comment(self.annotation_id, self.comments[1])

    def revert(self) -> None:
        self.service.sources.edit_annotation_comment(self.annotation_id, self.comments[0])
