"""The data-quality findings panel: what `accords check` reports, with dismissal and undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.background import LatestOnly, figures_pool
from gui.dialogs import msgbox
from gui.dialogs.forms import error_label
from gui.lazyview import LazyView
from gui.operations.findings import DismissFindingCommand, RestoreFindingCommand
from gui.undo import ServiceCommand, UndoStack
from storage.errors import AccordsError
from storage.i18n import N_, _, format_number
from storage.insight.quality import Finding, find_problems
from storage.service import AccordsService
from storage.team.access import Access
from storage.wording import field_label, plural, rule_label

Index = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
ADMINS_ONLY = N_("Only the database's admins dismiss findings or restore them.")
COLUMN_TITLES = (
    N_("Rule"),
    N_("Record"),
    N_("Field"),
    N_("Quote"),
    N_("Message"),
    N_("Dismissed because"),
)
RULE, RECORD, FIELD, QUOTE, MESSAGE, REASON = range(len(COLUMN_TITLES))


class FindingsModel(QAbstractTableModel):
    """One row per finding; the last column shows why a dismissed finding was dismissed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        """The finding on a row."""
        return self._findings[row]

    def findings(self) -> list[Finding]:
        """Every finding shown, in row order."""
        return list(self._findings)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(finding, column)
        if role == Qt.ItemDataRole.FontRole and finding.dismissed:
            font = QFont()
            font.setItalic(True)
            return font
        if role == FINDING_ROLE:
            return finding
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMN_TITLES)
        ):
            return _(COLUMN_TITLES[section])
        return None

    @staticmethod
    def _text(finding: Finding, column: int) -> str:
        values = {
            RULE: rule_label(finding.rule),
            RECORD: finding.record,
            FIELD: field_label(finding.field) if finding.field else "",
            QUOTE: finding.quote,
            MESSAGE: finding.message,
            REASON: finding.dismissal.reason if finding.dismissal else "",
        }
        return values.get(column, "")


class DismissDialog(QDialog):
    """Asks why a finding needs no action; emits ``reasonGiven(str)`` (non-modal)."""

    reasonGiven = Signal(str)

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Dismiss finding"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        field = f" [{field_label(finding.field)}]" if finding.field else ""
        what = QLabel(
            _("{rule} on {record}{field}:\n{message}").format(
                rule=rule_label(finding.rule),
                record=finding.record,
                field=field,
                message=finding.message,
            )
        )
        what.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Why does this finding need no action?"))
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Dismiss"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def submit(self) -> None:
        """Emit the reason and close, or ask for one."""
        text = self.reason.toPlainText().strip()
        if not text:
            self.error.setText(_("Give a reason: it is kept with the dismissal."))
            return
        self.reasonGiven.emit(text)
        self.accept()


class FindingsPanel(LazyView):
    """The findings table with Dismiss…, Restore and a Show dismissed toggle; dismissals go
    on the window's undo stack."""

    recordRequested = Signal(str)  # slug of the record a finding is about (double-click)
    countChanged = Signal(int)  # findings not dismissed, after every refresh

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Data-quality findings"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((RULE, 170), (RECORD, 230), (FIELD, 140), (QUOTE, 220)):
            header.resizeSection(column, width)
        self.dismiss_button = QPushButton(_("Dismiss…"))
        self.dismiss_button.setToolTip(_("Mark the selected finding as needing no action"))
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setToolTip(_("Show the selected dismissed finding again"))
        self.show_dismissed = QCheckBox(_("Show dismissed"))
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Findings count"))
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.show_dismissed)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.dialog: DismissDialog | None = None
        self.dismiss_button.clicked.connect(self.ask_dismiss)
        self.restore_button.clicked.connect(self.restore_selected)
        self.show_dismissed.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._generation = 0  # of the newest refresh; older results are dropped
        # One check at a time; a refresh asked for meanwhile waits, and only the newest.
        self._work = LatestOnly(self, figures_pool())
        undo_stack.figuresChanged.connect(self.invalidate)

    def refresh(self) -> None:
        """Run the rules again on a worker thread; the table and count follow when done.

        At a quarter of a million records the rules take seconds: the window stays usable,
        and a result overtaken by a newer refresh is dropped.
        """
        self._stale = False
        self._generation += 1
        generation = self._generation
        include_dismissed = self.show_dismissed.isChecked()
        self.summary.setText(_("Checking…"))
        self._work.ask(
            lambda: find_problems(self.service, include_dismissed=include_dismissed),
            lambda findings: self._show(generation, findings),
            lambda text: self._failed(generation, text),
        )

    def read_seconds(self) -> float:
        return self._work.last_seconds

    def stop(self) -> None:
        """Start no more checks (the database is closing); a running one still reports."""
        super().stop()
        self._work.stop()

    def _show(self, generation: int, findings: list[Finding]) -> None:
        if generation != self._generation:
            return
        self.model.set_findings(findings)
        active = sum(1 for f in findings if not f.dismissed)
        dismissed = len(findings) - active
        text = plural(active, "finding", "findings")
        if dismissed:
            text += _(", {dismissed} dismissed").format(dismissed=format_number(dismissed))
        self.summary.setText(text)
        self._update_buttons()
        self.countChanged.emit(active)

    def _failed(self, generation: int, text: str) -> None:
        if generation != self._generation:
            return
        self.summary.setText("")
        msgbox.inform(self, _("Findings"), text, warning=True)

    def selected_finding(self) -> Finding | None:
        """The finding on the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.finding(rows[0].row()) if rows else None

    def ask_dismiss(self) -> DismissDialog | None:
        """Ask for a reason, then dismiss the selected finding (non-modal)."""
        finding = self.selected_finding()
        if finding is None or finding.dismissed:
            return None
        dialog = DismissDialog(finding, self)
        dialog.reasonGiven.connect(lambda reason: self.dismiss_finding(finding, reason))
        self.dialog = dialog
        dialog.open()
        return dialog

    def dismiss_finding(self, finding: Finding, reason: str) -> bool:
        """Dismiss a finding with a reason (undoable)."""
        return self._perform(DismissFindingCommand(self.service, self.undo_stack, finding, reason))

    def restore_selected(self) -> bool:
        """Show the selected dismissed finding again."""
        finding = self.selected_finding()
        if finding is None or not finding.dismissed:
            return False
        return self._perform(RestoreFindingCommand(self.service, self.undo_stack, finding))

    def _perform(self, command: ServiceCommand) -> bool:
        if not self.undo_stack.perform(command, on_refused=self._refused):
            return False
        if self._stale:  # marked so by the stack's figuresChanged
            self.refresh()  # even when hidden: the dismissal was made here
        return True

    def _refused(self, error: AccordsError) -> None:
        msgbox.inform(self, _("Findings"), str(error), warning=True)

    def _update_buttons(self) -> None:
        finding = self.selected_finding()
        # Dismissals are an admin's (the server's grants say so); others see them only.
        may = self.service.db.access >= Access.ADMIN
        self.dismiss_button.setEnabled(may and finding is not None and not finding.dismissed)
        self.restore_button.setEnabled(may and finding is not None and finding.dismissed)
        if not may:
            self.dismiss_button.setToolTip(_(ADMINS_ONLY))
            self.restore_button.setToolTip(_(ADMINS_ONLY))
        self.restore_button.setVisible(self.show_dismissed.isChecked())
        self.table.setColumnHidden(REASON, not self.show_dismissed.isChecked())

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            slug = self.model.finding(index.row()).record
            if not slug.startswith("("):
                self.recordRequested.emit(slug)


__all__ = ["DismissDialog", "FindingsModel", "FindingsPanel"]
