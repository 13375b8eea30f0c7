"""The details pane as a whole: its item models, and clearing it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from gui.detail import DetailPane
from gui.detail.deliveries import DeliveriesModel
from gui.detail.notes import NotesModel
from gui.detail.status import HistoryModel
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ASSISTANCE,
    DRONES,
    REFUGEES,
    show,
)


def test_models_pass_the_model_tester(qtmodeltester: Any, service: AccordsService) -> None:
    drones = service.records.resolve_id(DRONES)
    service.records.change_status(
        drones, "committed", comment="confirmed", evidence="press release"
    )
    note = service.notes.add_note(drones, "# Heading\nbody")
    service.notes.add_note(drones, "second")
    service.notes.edit_note(note.id, "# Heading\nbody, edited", expected_version=note.version)
    refugees = service.records.resolve_id(REFUGEES)
    service.deliveries.add_delivery(
        refugees, delivered_on="2025-09-01", quantity="1,000", note="more"
    )

    detail = service.records.get_record(drones)
    history_model = HistoryModel(detail.history)
    qtmodeltester.check(history_model)
    assert history_model.rowCount() == 2
    newest_to = history_model.index(0, 2).data()
    assert newest_to == "Committed"  # newest first

    notes_model = NotesModel(detail.notes)
    qtmodeltester.check(notes_model)
    assert notes_model.index(0, 0).data().startswith("Heading  ·  ")

    deliveries = DeliveriesModel()
    deliveries.set_rows(service.records.get_record(refugees).deliveries)
    qtmodeltester.check(deliveries)
    assert deliveries.rowCount() == 2
    right = deliveries.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight


def test_none_clears_the_pane(pane: DetailPane, service: AccordsService) -> None:
    show(pane, service, ASSISTANCE)
    pane.show_record(None)
    assert pane.current_record() is None
    assert pane.overview_tab.rows == {}
    assert not pane.status_tab.change_button.isEnabled()
