"""Status tab: the current status as a badge, a way to change it, and the full history."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.detail.common import Context, when
from gui.operations.status import ChangeStatusCommand
from gui.tablemodel import Column, ViewsTableModel
from gui.window.badge import status_badge
from storage.i18n import N_, _, format_day
from storage.records.data import RecordDetail, StatusChangeView
from storage.schema.enums import RecordKind, label, statuses_for


def _by(who: str | None) -> str:
    """Words naming who made a change, or nothing when it names no one."""
    return _(" by {who}").format(who=html.escape(who)) if who else ""


def _status(value: str | None) -> str:
    return label(value) if value else "—"


class HistoryModel(ViewsTableModel):
    """A record's status history, newest step first."""

    columns = (
        Column(N_("Took effect"), lambda c: format_day(c.effective_on)),
        Column(N_("From"), lambda c: _status(c.from_status)),
        Column(N_("To"), lambda c: _status(c.to_status)),
        Column(N_("Who"), lambda c: c.changed_by),
        Column(N_("Comment"), lambda c: c.comment),
        Column(N_("Evidence"), lambda c: c.evidence),
        Column(N_("Recorded"), lambda c: when(c.changed_at)),
    )

    def __init__(
        self, history: Sequence[StatusChangeView] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.set_history(history)

    def set_history(self, history: Sequence[StatusChangeView]) -> None:
        """Show the history as stored (oldest first), newest at the top."""
        self.set_rows(tuple(reversed(history)))


class ChangeStatusDialog(QDialog):
    """Pick a new status, the day it took effect, a comment and the evidence for it."""

    chosen = Signal(str, str, str)  # status, comment, evidence; the day is ``effective_on()``

    def __init__(
        self, kind: RecordKind, current: str, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change status"))
        self._current = current
        # It opens on the status the record has, so OK changes nothing until one is chosen.
        self.status = QComboBox(self)
        for value in statuses_for(kind):
            self.status.addItem(label(value), value)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))
        self.status.setAccessibleName(_("New status"))
        # The day it took effect: today unless the user says when it was signed, ratified...
        day = QDate(today.year, today.month, today.day)
        self.effective = QDateEdit(day, self)
        self.effective.setAccessibleName(_("Took effect on"))
        self.effective.setDisplayFormat(_("yyyy-MM-dd"))
        self.effective.setCalendarPopup(True)
        self.effective.setMaximumDate(day)
        self.comment = QPlainTextEdit(self)
        self.comment.setAccessibleName(_("Comment"))
        self.comment.setTabChangesFocus(True)
        self.evidence = QLineEdit(self)
        self.evidence.setAccessibleName(_("Evidence"))
        self.evidence.setPlaceholderText(_("a quote, link or document reference"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.status.currentIndexChanged.connect(self._allow_ok)
        self._allow_ok()
        form = QFormLayout(self)
        form.addRow(QLabel(_("Now: {label}").format(label=label(current)), self))
        form.addRow(_("New status"), self.status)
        form.addRow(_("Took effect on"), self.effective)
        form.addRow(_("Comment"), self.comment)
        form.addRow(_("Evidence"), self.evidence)
        form.addRow(buttons)

    def _allow_ok(self) -> None:
        self.ok_button.setEnabled(self.status.currentData() != self._current)

    def effective_on(self) -> date:
        """The day the new status took effect, as chosen."""
        chosen = self.effective.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def accept(self) -> None:
        if self.status.currentData() == self._current:
            return  # nothing chosen yet: the record already has this status
        super().accept()
        status = str(self.status.currentData() or "")
        self.chosen.emit(status, self.comment.toPlainText(), self.evidence.text())


class StatusTab(QWidget):
    """The current status, the button to change it, and the history as a timeline."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._detail: RecordDetail | None = None
        self.dialog: ChangeStatusDialog | None = None
        self.badge = QLabel(self)
        self.badge.setAccessibleName(_("Current status"))
        self.since = QLabel(self)
        self.since.setWordWrap(True)  # the pane is narrow with a large font: wrap, never cut
        self.change_button = QPushButton(_("Change status…"), self)
        self.change_button.setAccessibleName(_("Change status"))
        self.change_button.clicked.connect(self.open_dialog)
        self.model = HistoryModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Status history"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self._fit_columns()
        self.table.selectionModel().currentRowChanged.connect(self._show_step)
        self.step = QLabel(self)
        self.step.setWordWrap(True)
        self.step.setAccessibleName(_("Selected step"))
        self.step.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        top = QHBoxLayout()
        top.addWidget(self.badge)
        top.addStretch(1)
        top.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        # Under the badge, not beside it: the row keeps its room in a narrow pane or a large font.
        layout.addWidget(self.since)
        caption = QLabel(_("History, newest first"), self)
        caption.setBuddy(self.table)  # read with the table by screen readers
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.step)
        self.set_record(None)

    def _fit_columns(self) -> None:
        # Short columns fit their text; comment and evidence get a readable width and the
        # table scrolls sideways when the pane is narrow (the step label shows them in full).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(self.model.columnCount()):
            if self.model.columns[column].title in ("Comment", "Evidence"):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, 200)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _show_step(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.step.clear()
            return
        change: StatusChangeView = self.model.row_at(current.row())
        parts = [
            _("<b>{status}</b> since {isoformat} · recorded {when}").format(
                status=_status(change.to_status),
                isoformat=format_day(change.effective_on),
                when=when(change.changed_at),
            )
            + _by(change.changed_by)
        ]
        parts += [
            f"{name}: {html.escape(text)}"
            for name, text in ((_("Comment"), change.comment), (_("Evidence"), change.evidence))
            if text
        ]
        self.step.setText("<br>".join(parts))

    def set_record(self, detail: RecordDetail | None) -> None:
        """Show a record's status and history (nothing when None)."""
        if self.dialog is not None and (
            detail is None or self._detail is None or detail.id != self._detail.id
        ):
            self.dialog.reject()  # it offered the statuses of the record shown before
        self._detail = detail
        self.change_button.setEnabled(detail is not None)
        self.model.set_history(detail.history if detail else ())
        if detail is None:
            self.step.clear()
            self.badge.clear()
            self.badge.setStyleSheet("")
            self.since.clear()
            return
        status = detail.row.status
        self.badge.setText(label(status))
        fill, ink = status_badge(status)
        self.badge.setStyleSheet(
            f"background: {fill.name()}; color: {ink.name()}; font-weight: bold;"
            "border-radius: 0.6em; padding: 0.2em 0.6em;"  # in ems: it follows the font
        )
        edited = (
            _(" · last changed by {who}").format(who=detail.updated_by) if detail.updated_by else ""
        )
        self.since.setText(
            _("since {isoformat} · recorded {when}").format(
                isoformat=format_day(detail.status_since), when=when(detail.status_recorded)
            )
            + edited
        )
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def open_dialog(self) -> None:
        """Offer the statuses this record may move to; the dialog does not block."""
        detail = self._detail
        if detail is None:
            return
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = ChangeStatusDialog(
            RecordKind(detail.row.kind), detail.row.status, self._context.service.clock(), self
        )
        self.dialog.chosen.connect(self._change)
        self.dialog.open()

    def _change(self, status: str, comment: str, evidence: str) -> None:
        detail = self._detail
        if detail is None or self.dialog is None:
            return
        command = ChangeStatusCommand(
            self._context.service,
            self._context.undo_stack,
            detail.id,
            detail.version,
            detail.row.status,
            status,
            comment=comment,
            evidence=evidence,
            effective_on=self.dialog.effective_on(),
            old_effective_on=detail.status_since,
        )
        if not self._context.perform(command) and self.dialog is not None:
            self.dialog.open()  # what the user chose and wrote is still in it
