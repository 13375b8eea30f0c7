"""The proposals of an imported source: each with its sentence highlighted, accepted or not."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.detail.positions import py_to_qt
from storage.i18n import _, format_day, format_number, ngettext
from storage.records.data import SourceView
from storage.schema.enums import LABELS, label
from storage.sources.doubts import said
from storage.sources.proposals import Proposal, ProposedValue
from storage.wording import field_label

SENTENCE_COLOUR = QColor("#fff2a8")
VALUE_COLOUR = QColor("#ffd27f")
# Values as storage keeps them: ISO days and plain decimal text.
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class ProposalsDialog(QDialog):
    """Lists what a source proposes; "Apply" sends the accepted ones (never blocks)."""

    applyRequested = Signal(int, object)  # the source's id, the accepted proposals

    def __init__(
        self,
        source: SourceView,
        proposals: Sequence[Proposal],
        parent: QWidget | None = None,
        *,
        titles: Mapping[int, str] | None = None,
    ) -> None:
        """``titles``: the held records' titles by id, to name those a proposal completes."""
        super().__init__(parent)
        self.source = source
        self.proposals = tuple(proposals)
        self.setWindowTitle(_("Proposals from {title}").format(title=source.title))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Proposals"))
        self.list.setWordWrap(True)
        for proposal in self.proposals:
            item = QListWidgetItem(describe(proposal, titles or {}))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(details(proposal))
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self.show_proposal)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Source text"))
        self.text.setPlainText(source.text)
        self._build_buttons()
        self._lay_out()
        if self.proposals:
            self.list.setCurrentRow(0)

    def _build_buttons(self) -> None:
        self.accept_all_button = QPushButton(_("Accept all"), self)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.reject_all_button = QPushButton(_("Reject all"), self)
        self.reject_all_button.clicked.connect(self.reject_all)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            _("Apply accepted"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.apply_accepted)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.setEnabled(bool(self.proposals))

    def _lay_out(self) -> None:
        count = len(self.proposals)
        summary = QLabel(
            ngettext(
                "{n} proposal. Untick what you reject; applying is one undoable step.",
                "{n} proposals. Untick what you reject; applying is one undoable step.",
                count,
            ).format(n=count)
            if count
            else _("This source proposes nothing; it is kept, to be quoted by hand."),
            self,
        )
        summary.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.accept_all_button)
        row.addWidget(self.reject_all_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.resize(900, 560)

    def accepted_proposals(self) -> list[Proposal]:
        """The proposals left ticked."""
        return [
            proposal
            for row, proposal in enumerate(self.proposals)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept_all(self) -> None:
        self._check_all(Qt.CheckState.Checked)

    def reject_all(self) -> None:
        self._check_all(Qt.CheckState.Unchecked)

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def apply_accepted(self) -> None:
        """Send the accepted proposals to be applied, and close."""
        self.applyRequested.emit(self.source.id, self.accepted_proposals())
        self.accept()

    def show_proposal(self, row: int) -> None:
        """Highlight the proposal's sentence, and its values' words more strongly."""
        if not 0 <= row < len(self.proposals):
            self.text.setExtraSelections([])
            return
        proposal = self.proposals[row]
        marks = [self._mark(proposal.sentence.start, proposal.sentence.end, SENTENCE_COLOUR)]
        for value in values_of(proposal):
            marks.append(self._mark(value.quote.start, value.quote.end, VALUE_COLOUR))
        self.text.setExtraSelections(marks)
        self.text.setTextCursor(self._cursor(proposal.sentence.start, proposal.sentence.start))
        self.text.ensureCursorVisible()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        text = self.source.text
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(py_to_qt(text, start))
        cursor.setPosition(py_to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _mark(self, start: int, end: int, colour: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(start, end)
        char_format = QTextCharFormat()
        char_format.setBackground(colour)
        selection.format = char_format
        return selection


def values_of(proposal: Proposal) -> list[ProposedValue]:
    return [*proposal.values, *proposal.supports, *(c.proposed for c in proposal.conflicts)]


def shown_value(value: str) -> str:
    """A proposed value as the window shows it: a day or a number as the language writes
    it, a code ("memorandum") by its label; words from the text as they are."""
    if ISO_DAY.fullmatch(value):
        return format_day(date.fromisoformat(value))
    if NUMBER.fullmatch(value):
        return format_number(Decimal(value))
    if value in LABELS:
        return label(value).lower()
    return value


def describe(proposal: Proposal, titles: Mapping[int, str]) -> str:
    """One line per proposal: what it is, then its values."""
    if proposal.completes is None:
        head = _("New {kind}").format(kind=label(proposal.kind).lower())
    elif proposal.completes in titles:
        head = _("Completes “{title}” (#{id})").format(
            title=titles[proposal.completes], id=proposal.completes
        )
    else:
        head = _("Completes record #{id}").format(id=proposal.completes)
    title = proposal.value("title")
    lines = [_("{name}: {values}").format(name=head, values=title) if title else head]
    lines += [
        "  "
        + _("{name}: {values}").format(name=field_label(v.name), values=shown_value(v.value))
        + ("" if v.stated else " " + _("(reported, not stated)"))
        for v in proposal.values
        if v.name != "title"
    ]
    lines += [
        "  "
        + _("CONFLICT {name}: held {held}, source {value}").format(
            name=field_label(c.name), held=shown_value(c.held), value=shown_value(c.proposed.value)
        )
        for c in proposal.conflicts
    ]
    return "\n".join(lines)


def details(proposal: Proposal) -> str:
    """The tooltip: each value with the words it rests on and any doubt."""
    return "\n".join(
        f"{field_label(v.name)} = {shown_value(v.value)} \u00ab{v.quote.text}\u00bb"
        + (f" ({said(v.doubt)})" if v.doubt else "")
        for v in values_of(proposal)
    )
