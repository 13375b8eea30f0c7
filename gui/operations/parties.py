"""Undoable edits of parties: add one (a ministry of a state, say), rename one."""

from __future__ import annotations

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.service import AccordsService


class CreatePartyCommand(ServiceCommand):
    """Add a party; undo removes it again (refused once something refers to it)."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        name: str,
        kind: str,
        parent: str | None,
    ) -> None:
        super().__init__(_("New party {name}").format(name=name.strip()), service, undo_stack)
        self.name, self.kind, self.parent = name, kind, parent
        self.party_id: int | None = None

    def apply(self) -> None:
        self.party_id = self.service.parties.create_party(self.name, self.kind, self.parent)

    def revert(self) -> None:
        assert self.party_id is not None
        self.service.parties.remove_party(self.party_id)


class RenamePartyCommand(ServiceCommand):
    """Rename a party, from the version the user saw; the records list follows."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        party_id: int,
        seen_version: int,
        before: str,
        after: str,
    ) -> None:
        super().__init__(_("Rename party {name}").format(name=before), service, undo_stack)
        self.party_id, self.version = party_id, seen_version
        self.names = (before, after)

    def apply(self) -> None:
        self._rename(self.names[1])

    def revert(self) -> None:
        self._rename(self.names[0])

    def announce(self, undo_stack: UndoStack) -> None:
        super().announce(undo_stack)
        undo_stack.partiesChanged.emit()

    def _rename(self, name: str) -> None:
        key = ("party", self.party_id)
        seen = self.expected_version(key, self.version)
        self.version = self.wrote(key, self.service.parties.rename_party(self.party_id, name, seen))
