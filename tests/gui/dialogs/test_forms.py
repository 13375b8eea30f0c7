"""What the dialogs share: a readable red error line, and a save dialog's file row and buttons."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from gui.contrast import contrast_ratio
from gui.dialogs.forms import error_label, finish_save_dialog, mark_as_error


@pytest.mark.parametrize("background", ["#ffffff", "#000000", "#202020"])
def test_an_error_line_is_red_and_readable_on_any_background(qtbot: QtBot, background: str) -> None:
    holder = QLabel()
    qtbot.addWidget(holder)
    palette = holder.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    holder.setPalette(palette)
    mark_as_error(holder)
    text = holder.palette().color(QPalette.ColorRole.WindowText)
    assert text.red() > text.green() and text.red() > text.blue()
    assert contrast_ratio(text, QColor(background)) >= 4.5


def test_a_new_error_label_wraps(qtbot: QtBot) -> None:
    label = error_label()
    qtbot.addWidget(label)
    assert label.wordWrap() and label.text() == ""


class SaveDialog(QDialog):
    """A dialog finished by ``finish_save_dialog``, noting each submit."""

    def __init__(self) -> None:
        super().__init__()
        self.submitted = 0
        self.path = QLineEdit("/tmp/out.csv")
        self.error = error_label()
        self.form = QFormLayout()
        finish_save_dialog(
            self,
            self.form,
            path=self.path,
            error=self.error,
            submit=self.submit,
            title="Export",
            file_filter="CSV (*.csv)",
            suffix="csv",
        )

    def submit(self) -> None:
        self.submitted += 1


@pytest.fixture
def dialog(qtbot: QtBot) -> SaveDialog:
    shown = SaveDialog()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def buttons(dialog: QDialog) -> QDialogButtonBox:
    found = dialog.findChild(QDialogButtonBox)
    assert found is not None
    return found


def test_the_file_row_is_labelled_for_its_path(dialog: SaveDialog) -> None:
    captions = [label for label in dialog.findChildren(QLabel) if label.text() == "File"]
    assert [caption.buddy() for caption in captions] == [dialog.path]


def test_save_submits_and_cancel_rejects(qtbot: QtBot, dialog: SaveDialog) -> None:
    buttons(dialog).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.submitted == 1 and dialog.isVisible()  # submit decides whether to close
    with qtbot.waitSignal(dialog.rejected):
        buttons(dialog).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.submitted == 1


def test_browse_opens_a_save_chooser_that_fills_the_path(dialog: SaveDialog) -> None:
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Browse…")
    browse.click()
    chooser = dialog.findChild(QFileDialog)
    assert chooser is not None and chooser.isVisible()  # opened, not run: nothing waits
    assert chooser.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert chooser.defaultSuffix() == "csv"
    chooser.fileSelected.emit("/tmp/chosen.csv")
    assert dialog.path.text() == "/tmp/chosen.csv"
    chooser.reject()
