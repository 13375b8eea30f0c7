"""The exchange rates: a table edited in place, a form to add and a button to remove, undoable."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.dashboard.charts import figure_table
from gui.dialogs.forms import mark_as_error
from gui.operations.rates import EditRateCommand, RemoveRateCommand, SetRateCommand
from gui.tablemodel import Column, ViewsTableModel
from gui.undo import UndoStack
from storage.errors import AccordsError
from storage.i18n import N_, _, format_exact, format_number, pgettext, read_number
from storage.insight import RateView
from storage.service import AccordsService
from storage.team.access import Access

Index = QModelIndex | QPersistentModelIndex
ADMINS_ONLY = N_("Only the database's admins change exchange rates; you can read them.")
EXPLANATION = N_(
    "Totals in a reporting currency use, for each currency, the newest rate on or before "
    "today for that pair (or its inverse). Amounts with no rate, and currencies known "
    "only by a symbol such as “$”, are left out of converted totals and named beside them."
)


class RatesModel(ViewsTableModel):
    """The exchange rates; rate, day and source can be edited in place."""

    columns = (
        Column(N_("From"), lambda rate: rate.from_currency),
        Column(N_("To"), lambda rate: rate.to_currency),
        Column(N_("Rate"), lambda rate: format_exact(rate.rate), numeric=True),
        Column(N_("On"), lambda rate: rate.on_date.isoformat()),
        Column(N_("Source"), lambda rate: rate.source),
    )
    # Column: what editing it changes.
    EDITABLE: ClassVar[Mapping[int, str]] = MappingProxyType({2: "rate", 3: "on_date", 4: "source"})
    failed = Signal(str)  # a plain message when an edit is refused

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack

    def rate_at(self, row: int) -> RateView:
        return self.row_at(row)  # type: ignore[no-any-return]

    def reload(self) -> None:
        self.set_rows(self.service.rates.all())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self.columns[index.column()].text(self.row_at(index.row()))
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        may_edit = self.service.db.access >= Access.ADMIN
        if may_edit and index.isValid() and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = index.column()
        if column not in self.EDITABLE:
            return False
        typed = str(value).strip()
        field = self.EDITABLE[column]
        changes = {field: read_number(typed) if field == "rate" else typed}
        command = EditRateCommand(
            self.service, self.undo_stack, self.rate_at(index.row()).id, changes
        )
        # The stack's ratesChanged reloads this model.
        return self.undo_stack.perform(command, on_refused=self._refused)

    def _refused(self, error: AccordsError) -> None:
        self.failed.emit(str(error))


class RatesPanel(QWidget):
    """The rates table, the form that adds a rate, and what went wrong with the last edit."""

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.model = RatesModel(service, undo_stack, self)
        self.table = figure_table(self.model, _("Exchange rates"))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.remove_button = QPushButton(_("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected_rate)
        self.error = QLabel()
        mark_as_error(self.error)
        self.error.setWordWrap(True)
        self.model.failed.connect(self.error.setText)
        explain = QLabel(_(EXPLANATION))
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_form())
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        if service.db.access < Access.ADMIN:
            self._read_only(layout)

    def _read_only(self, layout: QVBoxLayout) -> None:
        """Rates are an admin's to change (the server's grants say so): say it, offer none."""
        notice = QLabel(_(ADMINS_ONLY))
        notice.setAccessibleName(_("Rates are read-only"))
        layout.insertWidget(1, notice)
        for control in (*self._form_controls, self.remove_button):
            control.setEnabled(False)
            control.setToolTip(_(ADMINS_ONLY))

    def _build_form(self) -> QHBoxLayout:
        self.rate_from = _field("CAD", _("From currency"), 3)
        self.rate_to = _field("USD", _("To currency"), 3)
        self.rate_value = _field(format_number(Decimal("0.7312")), _("Rate"))
        self.rate_day = QDateEdit()
        self.rate_day.setAccessibleName(_("Rate date"))
        self.rate_day.setCalendarPopup(True)
        self.rate_day.setDisplayFormat(_("yyyy-MM-dd"))
        today = self.service.clock()
        self.rate_day.setDate(QDate(today.year, today.month, today.day))
        self.rate_source = _field(
            _("Where the rate comes from, e.g. Bank of Canada"), _("Rate source")
        )
        add = QPushButton(_("Add rate"))
        add.clicked.connect(self.add_rate)
        self._form_controls: tuple[QWidget, ...] = (
            self.rate_from,
            self.rate_to,
            self.rate_value,
            self.rate_day,
            self.rate_source,
            add,
        )
        form = QHBoxLayout()
        form.addWidget(QLabel("1"))
        form.addWidget(self.rate_from)
        form.addWidget(QLabel("="))
        form.addWidget(self.rate_value)
        form.addWidget(self.rate_to)
        form.addWidget(QLabel(pgettext("a rate on a day", "on")))
        form.addWidget(self.rate_day)
        form.addWidget(self.rate_source, 2)
        form.addWidget(add)
        return form

    def show_figure(self, rates: list[RateView]) -> None:
        """Show these rates."""
        self.model.set_rows(rates)

    def reload(self) -> None:
        """Read the rates again (a few rows) and clear the last error: they changed."""
        self.error.clear()
        self.model.reload()

    def add_rate(self) -> bool:
        """Store the rate the form describes."""
        qdate = self.rate_day.date()
        command = SetRateCommand(
            self.service,
            self.undo_stack,
            (self.rate_from.text(), self.rate_to.text()),
            read_number(self.rate_value.text()),  # typed as the language writes numbers
            date(qdate.year(), qdate.month(), qdate.day()),
            self.rate_source.text(),
        )
        if not self._perform(command):
            return False
        self.rate_value.clear()
        return True

    def remove_selected_rate(self) -> bool:
        """Delete the selected rate."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.error.setText(_("Select a rate to remove."))
            return False
        rate_id = self.model.rate_at(rows[0].row()).id
        return self._perform(RemoveRateCommand(self.service, self.undo_stack, rate_id))

    def _perform(self, command: SetRateCommand | RemoveRateCommand) -> bool:
        return self.undo_stack.perform(command, on_refused=self._refused)

    def _refused(self, error: AccordsError) -> None:
        self.error.setText(str(error))


def _field(placeholder: str, name: str, most: int = 0) -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(name)
    if most:
        field.setMaxLength(most)
    return field
