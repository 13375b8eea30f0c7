"""The undoable application of an imported source's accepted proposals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.service import AccordsService

if TYPE_CHECKING:
    from storage.sources.applying import Applied
    from storage.sources.proposals import Proposal


class ApplyProposalsCommand(ServiceCommand):
    """Apply accepted proposals (new records, completions, quotes) as one step; undo takes
    back exactly what was added and empties what was filled."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        source_id: int,
        proposals: Sequence[Proposal],
    ) -> None:
        super().__init__(_("Apply proposals"), service, undo_stack)
        self.source_id = source_id
        self.proposals = tuple(proposals)
        self.applied: Applied | None = None

    def apply(self) -> None:
        self.applied = self.service.imports.apply(self.source_id, self.proposals)
        self.record_ids = set(self.applied.touched)

    def revert(self) -> None:
        assert self.applied is not None
        self.service.imports.unapply(self.applied)
