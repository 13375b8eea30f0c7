"""The password a PostgreSQL server asks for, asked for without blocking the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from storage.i18n import _


def ask_password(parent: QWidget | None, location: str) -> QInputDialog:
    """Open a dialog asking for ``location``'s password and return it at once.

    The caller connects ``textValueSelected`` to a slot of its own; the text is never
    shown, logged or stored by the dialog.
    """
    dialog = QInputDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(_("Password"))
    dialog.setLabelText(
        _("The database server of {location} asks for your password:").format(location=location)
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.open()
    return dialog
