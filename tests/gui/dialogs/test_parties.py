"""Edit > Parties…: add a ministry of a state and rename a party, each undoable."""

from __future__ import annotations

import pytest

from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.service import AccordsService

pytestmark = pytest.mark.usefixtures("no_dialogs")


def by_name(service: AccordsService, name: str) -> object:
    return next((p for p in service.parties.list_parties() if p.name == name), None)


def test_add_a_ministry_and_rename_a_party_undoably(
    window: MainWindow, service: AccordsService
) -> None:
    dialog = window.menus.show_parties()
    assert dialog.isVisible()
    dialog.name.setText("Ministry of Defence of Ukraine")
    dialog.kind.setCurrentIndex(dialog.kind.findData("ministry"))
    dialog.belongs_to.setCurrentIndex(dialog.belongs_to.findText("Ukraine"))
    dialog.add_button.click()
    ministry = by_name(service, "Ministry of Defence of Ukraine")
    assert ministry is not None
    assert (ministry.kind, ministry.parent) == ("ministry", "Ukraine")  # type: ignore[attr-defined]
    window.menus.undo_action.trigger()
    assert by_name(service, "Ministry of Defence of Ukraine") is None

    canada = next(
        row
        for row in range(dialog.list.count())
        if dialog.list.item(row).text().startswith("Canada —")
    )
    dialog.list.setCurrentRow(canada)
    assert dialog.new_name.text() == "Canada"
    dialog.new_name.setText("Kanada")
    dialog.rename_button.click()
    labels = {row.parties for row in service.records.list_records(RecordQuery())}
    assert any("Kanada" in text for text in labels)
    window.menus.undo_action.trigger()
    assert by_name(service, "Canada") is not None and by_name(service, "Kanada") is None


def test_the_record_shown_follows_a_renamed_party_and_its_undo(
    window: MainWindow, service: AccordsService
) -> None:
    """The detail pane names the party as renamed at once, and as before after undo."""
    window.detail.show_record(service.records.resolve_id("agreement-on-security-cooperation"))
    dialog = window.menus.show_parties()
    canada = next(
        row
        for row in range(dialog.list.count())
        if dialog.list.item(row).text().startswith("Canada —")
    )
    dialog.list.setCurrentRow(canada)
    dialog.new_name.setText("Kanada")
    dialog.rename_button.click()

    def parties() -> tuple[str, ...]:
        shown = window.detail.current_record()
        assert shown is not None
        return tuple(shown.parties)

    assert "Kanada" in parties() and "Canada" not in parties()
    window.menus.undo_action.trigger()
    assert "Canada" in parties() and "Kanada" not in parties()


def test_a_party_in_use_is_not_removed(service: AccordsService) -> None:
    from storage.errors import ValidationError

    with pytest.raises(ValidationError, match="it is kept"):
        service.parties.remove_party("Ukraine")
    party = service.parties.create_party("Estonia")
    service.parties.remove_party(party)
    assert by_name(service, "Estonia") is None
