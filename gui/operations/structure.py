"""Undoable edits of a record's structure: parties, signatories, relations, categories,
areas (each a whole list set back on undo) and a document's new provisions."""

from __future__ import annotations

from collections.abc import Sequence

from gui.undo import ServiceCommand, UndoStack
from storage.api.parties import RelationEdit
from storage.i18n import _
from storage.records.data import SignatoryView
from storage.service import AccordsService
from storage.wording import field_label

# The lists a record holds, by the name the Overview and annotations give them.
LIST_FIELDS = ("parties", "signatories", "relations", "categories", "tags")
StructureValue = Sequence[object]  # labels, SignatoryView or RelationEdit by field


class SetListCommand(ServiceCommand):
    """Replace one of a record's lists, from the version the user saw; undo sets it back."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        record_id: int,
        seen_version: int,
        field: str,
        before: StructureValue,
        after: StructureValue,
    ) -> None:
        if field not in LIST_FIELDS:
            raise ValueError(f"{field!r} is not a list a record holds")
        text = _("Edit {field}").format(field=field_label(field).lower())
        super().__init__(text, service, undo_stack)
        self.record_ids = {record_id}
        self.record_id = record_id
        self.version = seen_version
        self.field = field
        self.before = tuple(before)
        self.after = tuple(after)

    def apply(self) -> None:
        self.version = self.wrote(self.record_id, self._set(self.after))

    def revert(self) -> None:
        self.version = self.wrote(self.record_id, self._set(self.before))

    def _set(self, values: tuple[object, ...]) -> int:
        parties, record = self.service.parties, self.record_id
        seen = self.expected_version(record, self.version)
        if self.field == "signatories":
            people = [v for v in values if isinstance(v, SignatoryView)]
            return parties.set_signatories(record, seen, people)
        if self.field == "relations":
            links = [v for v in values if isinstance(v, RelationEdit)]
            return parties.set_relations(record, seen, links)
        names = [str(v) for v in values]
        if self.field == "parties":
            return parties.set_parties(record, seen, names)
        if self.field == "categories":
            return parties.set_categories(record, seen, names)
        return parties.set_areas(record, seen, names)


class AddProvisionCommand(ServiceCommand):
    """Add a provision under a document; undo moves it to the trash, redo brings it back."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        document_id: int,
        seen_version: int,
        title: str,
    ) -> None:
        super().__init__(_("Add provision"), service, undo_stack)
        self.document_id = document_id
        self.version = seen_version
        self.title = title
        self.provision_id: int | None = None
        self.record_ids = {document_id}

    def apply(self) -> None:
        if self.provision_id is None:
            self.provision_id, self.version = self.service.parties.add_provision(
                self.document_id, self.version, self.title
            )
            self.wrote(self.document_id, self.version)
            self.record_ids = {self.document_id, self.provision_id}
        else:
            self.service.records.restore_record(self.provision_id)

    def revert(self) -> None:
        assert self.provision_id is not None
        self.service.records.delete_record(self.provision_id)
