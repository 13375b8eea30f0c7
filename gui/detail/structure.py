"""The Overview's list editors: a document's parties, signatories, relations, areas and new
provisions, a pledge's categories; each change is one undoable command from the version seen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gui.detail.common import Context, QuoteMarker
from gui.detail.fields import LISTS
from gui.detail.listedit import (
    LabelListEditor,
    ListEditor,
    RelationEditor,
    SignatoryEditor,
    category_shown,
)
from gui.operations.structure import AddProvisionCommand, SetListCommand
from storage.api.parties import RelationEdit
from storage.i18n import _
from storage.records.data import AnnotationView, RecordDetail
from storage.schema.enums import Category, RecordKind
from storage.wording import field_label


def stored_list(detail: RecordDetail, name: str) -> tuple[object, ...]:
    """A record's list as its editor holds it (a document's own relations only)."""
    if name == "relations":
        return tuple(RelationEdit(r.kind, r.other_id) for r in detail.relations if r.outgoing)
    values: tuple[object, ...] = getattr(detail, name)
    return values


class StructureRows:
    """Builds the list editors into the Overview's form and turns their edits into commands."""

    def __init__(self, context: Context, on_quote: Callable[[int], None]) -> None:
        self._context = context
        self._on_quote = on_quote
        self._detail: RecordDetail | None = None
        self.editors: dict[str, ListEditor] = {}
        self.markers: dict[str, QuoteMarker] = {}
        self.provision_title: QLineEdit | None = None
        self.add_provision: QPushButton | None = None

    def build(self, kind: RecordKind, form: QFormLayout, parent: QWidget) -> None:
        """Add this kind's list editors (and, to a document, the new provision row)."""
        self.editors, self.markers = {}, {}
        self.provision_title = self.add_provision = None
        for name in LISTS[kind]:
            editor = self._make(name, parent)
            editor.edited.connect(lambda name=name: self._commit(name))
            marker = QuoteMarker(name, self._on_quote, parent)
            self.editors[name], self.markers[name] = editor, marker
            box = QWidget(parent)
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(editor, 1)
            line.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
            title = QLabel(field_label(name), parent)
            title.setBuddy(editor.list)
            form.addRow(title, box)
        if kind is RecordKind.DOCUMENT:
            form.addRow(_("New provision"), self._provision_row(parent))

    def fill(self, detail: RecordDetail, quotes: dict[str, list[AnnotationView]]) -> None:
        """Show the record's lists and offer what is in use."""
        self._detail = detail
        if not self.editors:
            return
        service = self._context.service
        parties = [party.name for party in service.parties.list_parties()]
        for name, editor in self.editors.items():
            if isinstance(editor, SignatoryEditor):
                editor.set_choices(service.parties.list_roles(), parties)
            elif isinstance(editor, RelationEditor):
                editor.remember_titles({r.other_id: r.other_title for r in detail.relations})
            elif isinstance(editor, LabelListEditor):
                editor.set_suggestions(self._suggestions(name, parties))
            editor.set_values(stored_list(detail, name))
            self.markers[name].show_quotes(quotes.get(name, []))

    def _suggestions(self, name: str, parties: list[str]) -> list[str]:
        if name == "parties":
            return parties
        in_use = self._context.service.parties.suggestions(name)
        if name == "categories":
            return sorted({*in_use, *(c.value for c in Category)}, key=str.casefold)
        return in_use

    def _make(self, name: str, parent: QWidget) -> ListEditor:
        if name == "signatories":
            return SignatoryEditor([], [], parent)
        if name == "relations":
            return RelationEditor(self._context.service, parent=parent)
        shown = category_shown if name == "categories" else None
        return LabelListEditor(field_label(name), [], parent, shown=shown)

    def _provision_row(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        self.provision_title = QLineEdit(box)
        self.provision_title.setPlaceholderText(_("Title of a provision to add"))
        self.provision_title.setAccessibleName(_("New provision"))
        self.provision_title.returnPressed.connect(self._add_provision)
        self.add_provision = QPushButton(_("Add provision"), box)
        self.add_provision.clicked.connect(self._add_provision)
        line = QHBoxLayout(box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.provision_title, 1)
        line.addWidget(self.add_provision)
        return box

    # -- saving ---------------------------------------------------------------------------

    def _commit(self, name: str) -> None:
        detail = self._detail
        editor = self.editors.get(name)
        if detail is None or editor is None:
            return
        before: Sequence[object] = stored_list(detail, name)
        after = editor.values()
        if list(before) == after:
            return
        command = SetListCommand(
            self._context.service,
            self._context.undo_stack,
            detail.id,
            detail.version,
            name,
            before,
            after,
        )
        if not self._context.perform(command) and self._detail is detail:
            editor.set_values(before)  # what is stored; the message said why

    def _add_provision(self) -> None:
        detail, line = self._detail, self.provision_title
        if detail is None or line is None or not line.text().strip():
            return
        command = AddProvisionCommand(
            self._context.service, self._context.undo_stack, detail.id, detail.version, line.text()
        )
        if self._context.perform(command):
            line.clear()
