"""The data-quality findings panel: fields are named as the window labels them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.findings import FIELD, RULE, FindingsPanel
from storage.service import AccordsService


def test_findings_name_fields_as_the_window_labels_them(
    qtbot: QtBot, service: AccordsService
) -> None:
    panel = FindingsPanel(service)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.refresh()
    model = panel.model
    shown = {
        model.index(row, RULE).data(): model.index(row, FIELD).data()
        for row in range(model.rowCount())
    }

    assert shown["contradictory-equivalent"] == "Stated equivalent"
    assert shown["ambiguous-currency"] == "Currency as written"
    assert not any("_" in field for field in shown.values())
