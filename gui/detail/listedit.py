"""Editors of a record's lists: parties, categories and areas (pick or type), signatories
with their roles, relations to documents found by title; shared by the dialogs and Overview."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.api.parties import RelationEdit
from storage.i18n import _
from storage.records.data import SignatoryView
from storage.records.query import RecordQuery
from storage.schema.enums import Category, RecordKind, RelationKind, label
from storage.service import AccordsService

VALUE_ROLE = Qt.ItemDataRole.UserRole
PICKER_MATCHES = 20  # documents a relation's picker offers for what was typed
CATEGORIES = frozenset(category.value for category in Category)


def category_shown(value: str) -> str:
    """A category as read: one of the closed list by its label in the language in use, a
    free one (the record's own word) as written."""
    return label(value) if value in CATEGORIES else value


def editable_combo(suggestions: Sequence[str], name: str, parent: QWidget) -> QComboBox:
    """A combo the user may pick from or type a new value into."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(suggestions))
    combo.setCurrentIndex(-1)
    combo.setAccessibleName(name)
    completer = combo.completer()
    if completer is not None:
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return combo


class ListEditor(QWidget):
    """A list of values, a row of inputs to add one, and a button to remove the selected."""

    edited = Signal()  # the user added or removed a value (never emitted by set_values)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.inputs = QHBoxLayout()
        self.inputs.setContentsMargins(0, 0, 0, 0)
        # The inputs are made before the buttons: Tab follows the order widgets are made.
        self._build_inputs()
        self.add_button = QPushButton(_("Add"), self)
        self.add_button.setAccessibleName(_("Add to {title}").format(title=title.lower()))
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setAccessibleName(_("Remove from {title}").format(title=title.lower()))
        self.remove_button.clicked.connect(self.remove_selected)
        # The buttons under the inputs, not beside them: the detail pane is narrow, and a
        # French or Ukrainian label is wider than the English one.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.list)
        column.addLayout(self.inputs)
        column.addLayout(buttons)

    def watch(self, widget: QWidget) -> None:
        """Enter in ``widget`` adds what the inputs describe, and goes no further: in a
        dialog it would otherwise also press the dialog's default button."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if pressed and isinstance(event, QKeyEvent) and event.key() in enter:
            self.add_current()
            return True
        return super().eventFilter(watched, event)

    # -- what subclasses give -----------------------------------------------------------

    def _build_inputs(self) -> None:
        raise NotImplementedError

    def _take(self) -> object | None:
        """The value the inputs describe, or None when they describe none yet."""
        raise NotImplementedError

    def _clear_inputs(self) -> None:
        raise NotImplementedError

    def describe(self, value: object) -> str:
        """A value as the list shows it."""
        return str(value)

    def same(self, first: object, second: object) -> bool:
        """Whether two values are one (labels that differ only in case are)."""
        return first == second

    # -- the list -----------------------------------------------------------------------

    def values(self) -> list[object]:
        """The values in the list, in order."""
        return [self.list.item(row).data(VALUE_ROLE) for row in range(self.list.count())]

    def set_values(self, values: Sequence[object]) -> None:
        """Show stored values, not as an edit."""
        self.list.clear()
        for value in values:
            self._append(value)

    def add_current(self) -> bool:
        """Add what the inputs describe; say whether the list changed."""
        value = self._take()
        if value is None:
            return False
        self._clear_inputs()
        if any(self.same(value, held) for held in self.values()):
            return False
        self._append(value)
        self.edited.emit()
        return True

    def remove_selected(self) -> None:
        """Remove the selected values."""
        rows = sorted((index.row() for index in self.list.selectedIndexes()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.edited.emit()

    def _append(self, value: object) -> None:
        item = QListWidgetItem(self.describe(value))
        item.setData(VALUE_ROLE, value)
        self.list.addItem(item)


class LabelListEditor(ListEditor):
    """Names picked from suggestions or typed new: parties, categories, areas.

    ``shown`` names a stored value as the user reads it (a category's label in the language in
    use); the list and the suggestions show that, and what is stored stays the value itself.
    A name typed as shown, or as stored, is taken as that value; anything else is new.
    """

    def __init__(
        self,
        title: str,
        suggestions: Sequence[str],
        parent: QWidget | None = None,
        *,
        shown: Callable[[str], str] | None = None,
    ) -> None:
        self._suggestions = list(suggestions)
        self._shown = shown or str
        super().__init__(title, parent)

    def _build_inputs(self) -> None:
        self.combo = editable_combo([], _("New {title}").format(title=self.title.lower()), self)
        self._offer(self._suggestions)
        line = self.combo.lineEdit()
        assert line is not None
        self.watch(line)
        self.inputs.addWidget(self.combo, 1)

    def set_suggestions(self, suggestions: Sequence[str]) -> None:
        """Offer these values (those in use) in the combo."""
        text = self.combo.currentText()
        self.combo.clear()
        self._offer(suggestions)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText(text)

    def _offer(self, suggestions: Sequence[str]) -> None:
        self._suggestions = list(suggestions)
        for value in suggestions:
            self.combo.addItem(self._shown(value), value)
        self.combo.setCurrentIndex(-1)

    def describe(self, value: object) -> str:
        return self._shown(str(value))

    def _take(self) -> object | None:
        text = " ".join(self.combo.currentText().split())
        if not text:
            return None
        typed = text.casefold()
        known = (v for v in self._suggestions if typed in (v.casefold(), self._shown(v).casefold()))
        return next(known, text)

    def _clear_inputs(self) -> None:
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")

    def same(self, first: object, second: object) -> bool:
        return str(first).casefold() == str(second).casefold()

    def labels(self) -> list[str]:
        """The values as text."""
        return [str(value) for value in self.values()]


class SignatoryEditor(ListEditor):
    """Who signed: a known person in a role, or a new person, role title and party."""

    def __init__(
        self,
        roles: Sequence[SignatoryView],
        parties: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        self._roles, self._parties = list(roles), list(parties)
        super().__init__(_("Signatories"), parent)

    def _build_inputs(self) -> None:
        self.person = QLineEdit(self)
        self.person.setPlaceholderText(_("Person"))
        self.person.setAccessibleName(_("Signatory's name"))
        self.role = QLineEdit(self)
        self.role.setPlaceholderText(_("Role, e.g. Prime Minister"))
        self.role.setAccessibleName(_("Signatory's role"))
        self.party = editable_combo(self._parties, _("Signatory's party"), self)
        self.known = QComboBox(self)
        self.known.setAccessibleName(_("Known signatory"))
        self.known.addItem(_("Known…"), None)
        for role in self._roles:
            self.known.addItem(self.describe(role), role)
        self.known.activated.connect(self._pick_known)
        # Two by two, not four in a row: in the detail pane's width four inputs showed only
        # their first letters. Made in reading order, which is the order Tab follows.
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for place, widget in enumerate((self.person, self.role, self.party, self.known)):
            grid.addWidget(widget, place // 2, place % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.inputs.addLayout(grid, 1)
        for line in (self.person, self.role, self.party.lineEdit()):
            if line is not None:
                self.watch(line)

    def describe(self, value: object) -> str:
        assert isinstance(value, SignatoryView)
        return _("{person}, {role} ({party})").format(
            person=value.person, role=value.title, party=value.party
        )

    def set_choices(self, roles: Sequence[SignatoryView], parties: Sequence[str]) -> None:
        """Offer these known signatories and parties."""
        self._roles, self._parties = list(roles), list(parties)
        self.known.clear()
        self.known.addItem(_("Known…"), None)
        for role in self._roles:
            self.known.addItem(self.describe(role), role)
        text = self.party.currentText()
        self.party.clear()
        self.party.addItems(self._parties)
        self.party.setCurrentIndex(-1)
        self.party.setEditText(text)

    def _pick_known(self, index: int) -> None:
        role = self.known.itemData(index)
        if isinstance(role, SignatoryView):
            self.person.setText(role.person)
            self.role.setText(role.title)
            self.party.setEditText(role.party)
            self.add_current()
        self.known.setCurrentIndex(0)

    def _take(self) -> object | None:
        parts = [" ".join(text.split()) for text in self._texts()]
        return SignatoryView(*parts) if all(parts) else None

    def _texts(self) -> tuple[str, str, str]:
        return self.person.text(), self.role.text(), self.party.currentText()

    def _clear_inputs(self) -> None:
        self.person.clear()
        self.role.clear()
        self.party.setCurrentIndex(-1)
        self.party.setEditText("")

    def signatories(self) -> list[SignatoryView]:
        """The signatories listed."""
        return [value for value in self.values() if isinstance(value, SignatoryView)]


class RelationEditor(ListEditor):
    """How a document stands to others: a kind and a document found by its title."""

    def __init__(
        self,
        service: AccordsService,
        titles: dict[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self._service = service
        self._titles: dict[int, str] = dict(titles or {})  # id → title of documents named
        self._matches: dict[str, int] = {}  # title (case-folded) → id, of the last search
        super().__init__(_("Relations"), parent)

    def _build_inputs(self) -> None:
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(_("Relation kind"))
        for kind in RelationKind:
            self.kind.addItem(label(kind.value), kind.value)
        self.picker = QLineEdit(self)
        self.picker.setPlaceholderText(_("Type a document's title"))
        self.picker.setAccessibleName(_("Related document"))
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.picker.setCompleter(completer)
        self.picker.textEdited.connect(self.search)
        self.watch(self.picker)
        self.inputs.addWidget(self.kind)
        self.inputs.addWidget(self.picker, 1)

    def remember_titles(self, titles: dict[int, str]) -> None:
        """Know these documents' titles, to show the relations to them."""
        self._titles.update(titles)

    def search(self, text: str) -> list[str]:
        """Offer the documents whose text matches what was typed; returns their titles."""
        words = text.strip()
        found = []
        if words:
            query = RecordQuery(kinds=frozenset({RecordKind.DOCUMENT.value}), text=words)
            found = list(self._service.records.list_page(query, limit=PICKER_MATCHES).rows)
        self._matches = {row.title.casefold(): row.id for row in found}
        self._titles.update((row.id, row.title) for row in found)
        titles = [row.title for row in found]
        self._model.setStringList(titles)
        return titles

    def _take(self) -> object | None:
        text = " ".join(self.picker.text().split())
        if not text:
            return None
        if text.casefold() not in self._matches:
            self.search(text)
        other = self._matches.get(text.casefold())
        if other is None:
            return None
        return RelationEdit(str(self.kind.currentData()), other)

    def _clear_inputs(self) -> None:
        self.picker.clear()

    def describe(self, value: object) -> str:
        assert isinstance(value, RelationEdit)
        title = self._titles.get(int(value.other), str(value.other))
        return _("{kind}: {title}").format(kind=label(value.kind), title=title)

    def relations(self) -> list[RelationEdit]:
        """The relations listed."""
        return [value for value in self.values() if isinstance(value, RelationEdit)]
