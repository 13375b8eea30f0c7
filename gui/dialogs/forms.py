"""Pieces the dialogs share: the error line, and the file row and buttons of a save dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from gui.contrast import on_palette
from storage.i18n import _

ERROR_RED = QColor("#b3261e")


def mark_as_error(label: QLabel) -> None:
    """Write ``label`` in red, made dark or light enough to read on the window's background
    (light, dark or high-contrast); its words, not its colour, say what is wrong."""
    palette = label.palette()
    red = on_palette(ERROR_RED, palette, QPalette.ColorRole.Window)
    palette.setColor(QPalette.ColorRole.WindowText, red)
    label.setPalette(palette)


def error_label() -> QLabel:
    """A red, wrapping line that says why the dialog's input is refused."""
    label = QLabel()
    mark_as_error(label)
    label.setWordWrap(True)
    return label


def finish_save_dialog(
    dialog: QDialog,
    form: QFormLayout,
    *,
    path: QLineEdit,
    error: QLabel,
    submit: Callable[[], None],
    title: str,
    file_filter: str,
    suffix: str,
) -> None:
    """Add the "File" row with Browse…, the error line and Save/Cancel, and lay it all out."""
    browse = QPushButton(_("Browse…"))
    browse.setAccessibleName(_("Browse for the file"))
    browse.clicked.connect(lambda: _browse(dialog, path, title, file_filter, suffix))
    row = QHBoxLayout()
    row.addWidget(path)
    row.addWidget(browse)
    form.addRow(_("File"), row)
    caption = form.labelForField(row)
    if isinstance(caption, QLabel):
        caption.setBuddy(path)  # a row of two widgets: Qt names no buddy itself
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)


def _browse(dialog: QDialog, path: QLineEdit, title: str, file_filter: str, suffix: str) -> None:
    chooser = QFileDialog(dialog, title, path.text(), file_filter)
    chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chooser.setDefaultSuffix(suffix)
    chooser.fileSelected.connect(path.setText)
    chooser.open()
