"""Deliveries tab (pledges only): the ledger, what is left to deliver, and a form to add to it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.detail.common import Context, day
from gui.detail.fields import number
from gui.operations.deliveries import AddDeliveryCommand
from gui.tablemodel import Column, ViewsTableModel
from storage.i18n import _, read_number
from storage.records.data import DeliveryView, RecordDetail, format_amount
from storage.wording import field_label


def _figure(delivery: DeliveryView) -> str:
    return number(delivery.amount if delivery.amount is not None else delivery.quantity)


class DeliveriesModel(ViewsTableModel):
    """A pledge's delivery ledger: date, amount or quantity, note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_measure(_("Amount"))

    def set_measure(self, title: str) -> None:
        """Name the figure column ("Amount (CAD)", "Quantity (people)")."""
        self.columns = (
            Column("Date", lambda d: day(d.delivered_on) or "unknown"),
            Column(title, _figure, numeric=True),
            Column("Note", lambda d: d.note),
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


def is_quantity(detail: RecordDetail) -> bool:
    """True when the pledge counts things (people, vehicles) rather than money."""
    return detail.row.amount is None and detail.row.quantity is not None


def unit_of(detail: RecordDetail) -> str:
    """The currency or unit the pledge's figure is in."""
    row = detail.row
    if is_quantity(detail):
        return row.unit or ""
    return row.currency or row.currency_as_written or ""


def figure(value: Decimal | None, unit: str, qualifier: str | None = None) -> str:
    """ "over $700,000,000", "300,000 people": a symbol goes before the number."""
    text = format_amount(value or Decimal(0), None, qualifier, as_written=None) or "0"
    if not unit:
        return text
    if any(char.isalpha() for char in unit):
        return f"{text}\u00a0{unit}"  # a no-break space keeps the unit with its number
    words, _space, digits = text.rpartition(" ")
    return f"{words} {unit}{digits}".strip()


def summary(detail: RecordDetail) -> str:
    """ "Pledged: over 300,000 people · Delivered: 300,000 people · Remaining: 0 people"."""
    delivered = detail.row.delivered
    if detail.pledged is None:
        return _("Pledged: no figure given · Delivered: {figure}").format(
            figure=figure(delivered, "")
        )
    unit = unit_of(detail)
    return " · ".join(
        (
            _("Pledged: {figure}").format(
                figure=figure(detail.pledged, unit, detail.row.qualifier)
            ),
            _("Delivered: {figure}").format(figure=figure(delivered, unit)),
            _("Remaining: {figure}").format(figure=figure(detail.remainder, unit)),
        )
    )


class DeliveriesTab(QWidget):
    """The ledger table, the running summary and the "Add delivery" form."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._detail: RecordDetail | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(_("Delivery summary"))
        self.model = DeliveriesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Deliveries"))
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._form())
        self.set_record(None)

    def _form(self) -> QGroupBox:
        box = QGroupBox(_("Add delivery…"), self)
        self.date_edit = _line(box, field_label("delivered_on"), _("YYYY-MM-DD, empty if unknown"))
        self.figure_edit = _line(box, _("Amount"), "e.g. 1,500,000")
        self.note_edit = _line(box, _("Delivery note"), _("what was delivered, and the evidence"))
        self.figure_label = QLabel(_("Amount"), box)
        self.figure_label.setBuddy(self.figure_edit)
        self.add_button = QPushButton(_("Add delivery"), box)
        self.add_button.setAccessibleName(_("Add delivery"))
        self.add_button.clicked.connect(self.add_delivery)
        form = QFormLayout(box)
        form.addRow(field_label("delivered_on"), self.date_edit)
        form.addRow(self.figure_label, self.figure_edit)
        form.addRow(_("Note"), self.note_edit)
        form.addRow(self.add_button)
        return box

    def set_record(self, detail: RecordDetail | None) -> None:
        """Show a pledge's ledger; other records have none."""
        self._detail = detail
        pledge = detail is not None and detail.row.kind == "pledge"
        self.setEnabled(pledge)
        if detail is None or not pledge:
            self.model.set_rows(())
            self.summary.clear()
            return
        unit = unit_of(detail)
        measure = _("Quantity") if is_quantity(detail) else _("Amount")
        title = f"{measure} ({unit})" if unit else measure
        self.model.set_measure(title)
        self.model.set_rows(detail.deliveries)
        self.figure_label.setText(title)
        self.figure_edit.setAccessibleName(title)
        self.summary.setText(summary(detail))
        self.table.resizeColumnsToContents()

    def add_delivery(self) -> None:
        """Record the form's delivery as one undoable step; a refusal keeps the form filled."""
        detail = self._detail
        if detail is None:
            return
        figure = read_number(self.figure_edit.text()).strip() or None
        quantity = is_quantity(detail)
        command = AddDeliveryCommand(
            self._context.service,
            self._context.undo_stack,
            detail.id,
            delivered_on=self.date_edit.text().strip() or None,
            amount=None if quantity else figure,
            quantity=figure if quantity else None,
            note=self.note_edit.text(),
        )
        if self._context.perform(command):
            for edit in (self.date_edit, self.figure_edit, self.note_edit):
                edit.clear()


def _line(parent: QWidget, name: str, hint: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(hint)
    return edit
