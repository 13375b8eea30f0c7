"""What is late: a table, most days late first; a double-click asks for the record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.dashboard.charts import figure_table, fit_columns, record_query
from gui.tablemodel import Column, ViewsTableModel
from storage.i18n import N_, _, format_day, format_number
from storage.insight import OverdueItem
from storage.schema.enums import label


class OverdueModel(ViewsTableModel):
    """Pledges, provisions and documents that are late, most days late first."""

    columns = (
        Column(N_("Record"), lambda item: item.title),
        Column(N_("Days late"), lambda item: format_number(item.days_late), numeric=True),
        Column(N_("Due by"), lambda item: format_day(item.due_end)),
        Column(N_("Why"), lambda item: item.reason),
        Column(N_("Status"), lambda item: label(item.status)),
        Column(N_("Kind"), lambda item: label(item.kind)),
    )

    def overdue_at(self, row: int) -> OverdueItem:
        return self.row_at(row)  # type: ignore[no-any-return]


class OverduePanel(QWidget):
    """The overdue list under a title that counts it."""

    filterRequested = Signal(object)  # storage.records.query.RecordQuery

    def __init__(self, clock: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.model = OverdueModel(self)
        self.table = figure_table(self.model, _("Overdue"))
        self.table.doubleClicked.connect(self.row_activated)
        self.title = QLabel(_("<b>Overdue</b>"))
        self.title.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)

    def show_figure(self, overdue: list[OverdueItem]) -> None:
        """Show this list."""
        self.model.set_rows(overdue)
        fit_columns(self.table, widest=240)
        self.title.setText(
            _("<b>Overdue</b> on {day}: {count}").format(
                day=format_day(self.clock()), count=format_number(len(overdue))
            )
        )

    def row_activated(self, index: QModelIndex) -> None:
        """An overdue row was double-clicked: ask for that record."""
        if index.isValid():
            item = self.model.overdue_at(index.row())
            self.filterRequested.emit(record_query(item.record_id, item.kind))
