"""Undoable edits of records: change fields, create, move to the trash and back."""

from __future__ import annotations

from gui.undo import ServiceCommand, UndoStack
from storage.api.parties import RelationEdit
from storage.api.records import FieldQuote, Structure
from storage.i18n import _, ngettext
from storage.records.data import SignatoryView
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.wording import field_label

STRUCTURE_FIELDS = ("signatories", "relations", "provisions", "quotes")


def structure_of(fields: dict[str, object]) -> Structure:
    """A new document's signatories, relations and provisions, as the dialog lists them."""

    def items(name: str) -> list[object]:
        value = fields.get(name, ())
        return list(value) if isinstance(value, list | tuple) else []

    return Structure(
        signatories=tuple(v for v in items("signatories") if isinstance(v, SignatoryView)),
        relations=tuple(v for v in items("relations") if isinstance(v, RelationEdit)),
        provisions=tuple(v for v in items("provisions") if isinstance(v, str)),
        quotes=tuple(v for v in items("quotes") if isinstance(v, FieldQuote)),
    )


class EditFieldsCommand(ServiceCommand):
    """Change one or more fields of a record, from the version the user saw."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        record_id: int,
        seen_version: int,
        before: dict[str, object],
        after: dict[str, object],
    ) -> None:
        names = ", ".join(field_label(name).lower() for name in after)
        super().__init__(_("Edit {names}").format(names=names), service, undo_stack)
        self.record_ids = {record_id}
        self.record_id = record_id
        self.version = seen_version
        self.before = before
        self.after = after

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, values: dict[str, object]) -> None:
        seen = self.expected_version(self.record_id, self.version)
        version = self.service.records.update_record(self.record_id, seen, values)
        self.version = self.wrote(self.record_id, version)


class CreateRecordCommand(ServiceCommand):
    """Add a document or pledge; undo moves it to the trash, redo brings it back."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        kind: RecordKind,
        fields: dict[str, object],
    ) -> None:
        super().__init__(_("New {value}").format(value=kind.value), service, undo_stack)
        self.kind = kind
        # A document's lists beyond its fields (the dialog's) are created with it.
        self.fields = {k: v for k, v in fields.items() if k not in STRUCTURE_FIELDS}
        self.structure = structure_of(fields)
        self.record_id: int | None = None

    def apply(self) -> None:
        if self.record_id is None:
            self.record_id = self.service.records.create_record(
                self.kind, self.fields, structure=self.structure
            )
            self.record_ids = {self.record_id}
        else:
            self.service.records.restore_record(self.record_id)

    def revert(self) -> None:
        assert self.record_id is not None
        self.service.records.delete_record(self.record_id)


class DeleteRecordsCommand(ServiceCommand):
    """Move records to the trash (or, with ``restore``, back out of it), all in one
    transaction: a refusal for one record leaves every record as it was."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        record_ids: list[int],
        *,
        restore: bool = False,
    ) -> None:
        count = len(record_ids)
        if restore:
            text = ngettext("Restore {n} record", "Restore {n} records", count)
        else:
            text = ngettext("Delete {n} record", "Delete {n} records", count)
        super().__init__(text.format(n=count), service, undo_stack)
        self.record_ids = set(record_ids)
        self.ordered_ids = record_ids
        self.restore = restore

    def apply(self) -> None:
        self._set(deleted=not self.restore)

    def revert(self) -> None:
        self._set(deleted=self.restore)

    def _set(self, *, deleted: bool) -> None:
        if deleted:
            self.service.records.trash_records(self.ordered_ids)
        else:
            self.service.records.restore_records(self.ordered_ids)
