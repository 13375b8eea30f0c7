"""Edit > Parties…: every party with its kind and the party it belongs to; add one (a
ministry of a state) or rename one, each an undoable step. Non-modal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.forms import error_label
from gui.operations.parties import CreatePartyCommand, RenamePartyCommand
from gui.undo import ServiceCommand, UndoStack
from storage.errors import AccordsError
from storage.i18n import _
from storage.records.data import PartyView
from storage.schema.enums import PartyKind, label
from storage.service import AccordsService

PARTY_ROLE = Qt.ItemDataRole.UserRole


class PartiesDialog(QDialog):
    """The parties, a row to rename the one selected and a row to add one."""

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Parties"))
        self._service, self._undo_stack = service, undo_stack
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Parties"))
        self.list.currentItemChanged.connect(self._picked)
        self.new_name = QLineEdit(self)
        self.new_name.setAccessibleName(_("New name"))
        self.rename_button = QPushButton(_("Rename"), self)
        self.rename_button.clicked.connect(self.rename)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(_("Name of the new party"))
        self.name.setPlaceholderText(_("e.g. Ministry of Defence of Ukraine"))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Kind of the new party"))
        for kind in PartyKind:
            self.kind.addItem(label(kind.value), kind.value)
        self.belongs_to = QComboBox(self)
        self.belongs_to.setAccessibleName(_("Party it belongs to"))
        # Not as wide as the longest party's name: the new party's name needs the room.
        self.belongs_to.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.belongs_to.setMinimumContentsLength(14)
        self.name.setMinimumWidth(self.name.fontMetrics().averageCharWidth() * 24)
        self.add_button = QPushButton(_("Add party"), self)
        self.add_button.clicked.connect(self.add)
        self.error = error_label()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        rename_row, add_row = QHBoxLayout(), QHBoxLayout()
        rename_row.addWidget(self.new_name, 1)
        rename_row.addWidget(self.rename_button)
        for widget in (self.name, self.kind, self.belongs_to, self.add_button):
            add_row.addWidget(widget, 2 if widget is self.name else 0)
        form = QFormLayout()
        # Captions with buddies: a screen reader names the field after its caption.
        form.addRow(buddy_label(_("Rename selected"), self.new_name), rename_row)
        form.addRow(buddy_label(_("New party"), self.name), add_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(close)
        undo_stack.changed.connect(self.refresh)  # an undo elsewhere may change them too
        self.refresh()

    def refresh(self, _changed: object = None) -> None:
        """Show the parties as stored now, keeping the one selected."""
        item = self.list.currentItem()
        keep = item.data(PARTY_ROLE).id if item is not None else None
        parties = self._service.parties.list_parties()
        self.list.blockSignals(True)
        self.list.clear()
        for party in parties:
            entry = QListWidgetItem(_describe(party))
            entry.setData(PARTY_ROLE, party)
            self.list.addItem(entry)
            if party.id == keep:
                self.list.setCurrentItem(entry)
        self.list.blockSignals(False)
        self.belongs_to.clear()
        self.belongs_to.addItem(_("(no party)"), None)
        for party in parties:
            self.belongs_to.addItem(party.name, party.slug)

    def selected(self) -> PartyView | None:
        """The party selected in the list."""
        item = self.list.currentItem()
        party = item.data(PARTY_ROLE) if item is not None else None
        return party if isinstance(party, PartyView) else None

    def rename(self) -> None:
        """Rename the selected party to the new name typed (undoable)."""
        party = self.selected()
        if party is None or not self.new_name.text().strip():
            self.error.setText(_("Select a party and type its new name."))
            return
        command = RenamePartyCommand(
            self._service,
            self._undo_stack,
            party.id,
            party.version,
            party.name,
            self.new_name.text(),
        )
        if self._perform(command):
            self.new_name.clear()

    def add(self) -> None:
        """Add the party described (undoable)."""
        parent = self.belongs_to.currentData()
        kind = str(self.kind.currentData())
        command = CreatePartyCommand(
            self._service, self._undo_stack, self.name.text(), kind, parent
        )
        if self._perform(command):
            self.name.clear()

    def _perform(self, command: ServiceCommand) -> bool:
        self.error.clear()
        done = self._undo_stack.perform(command, on_refused=self._refused)
        if done:
            self.refresh()
        return done

    def _refused(self, error: AccordsError) -> None:
        self.error.setText(str(error))

    def _picked(self, item: QListWidgetItem | None, _previous: object) -> None:
        party = item.data(PARTY_ROLE) if item is not None else None
        if isinstance(party, PartyView):
            self.new_name.setText(party.name)


def _describe(party: PartyView) -> str:
    kind = label(party.kind) if party.kind else ""
    if party.parent:
        return _("{name} — {kind} of {parent}").format(
            name=party.name, kind=kind.lower(), parent=party.parent
        )
    return _("{name} — {kind}").format(name=party.name, kind=kind.lower())


def buddy_label(text: str, field: QWidget) -> QLabel:
    """A caption that names ``field`` (its buddy), as a form's own captions do."""
    caption = QLabel(text, field.parentWidget())
    caption.setBuddy(field)
    return caption
