"""File > Backups…: lists verified backups, takes one now, and asks before restoring."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from gui.dialogs import msgbox
from gui.dialogs.backups import BackupsDialog
from storage.service import AccordsService


def test_backups_are_listed_taken_and_offered_for_restore(
    qtbot: QtBot, qtmodeltester: Any, service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Back up now" adds a row; "Restore…" asks, then hands the backup to the window."""
    dialog = BackupsDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore.isEnabled()

    dialog.take_backup()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "manual"
    qtmodeltester.check(dialog.model)

    monkeypatch.setattr(msgbox, "ask", lambda _p, _t, _text, on_answer, **_k: on_answer(True))
    with qtbot.waitSignal(dialog.restoreRequested, timeout=1000) as requested:
        dialog.ask_restore()
    assert requested.args[0].path == dialog.model.backup(0).path
