"""Undo commands for the exchange rates: each calls one method of ``service.rates``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.service import AccordsService

if TYPE_CHECKING:
    from storage.insight.rates import RateView


class RateCommand(ServiceCommand):
    """An edit of the exchange rates: it changes no record, so it announces the rates."""

    def announce(self, undo_stack: UndoStack) -> None:
        undo_stack.ratesChanged.emit()


class SetRateCommand(RateCommand):
    """Store a rate for a pair and day; undo removes it, or puts back the rate it replaced."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        pair: tuple[str, str],
        rate: str,
        on_date: date,
        source: str = "",
    ) -> None:
        super().__init__(
            _("Set rate {upper}→{upper2}").format(upper=pair[0].upper(), upper2=pair[1].upper()),
            service,
            undo_stack,
        )
        self.values = (pair[0], pair[1], rate, on_date, source)
        self.replaced: RateView | None = None
        self.stored: RateView | None = None

    def apply(self) -> None:
        rates = self.service.rates
        if self.stored is None:
            self.replaced = rates.find(*self.values[:2], self.values[3])
            self.stored = rates.get(rates.set(*self.values))
        elif self.replaced is None:
            rates.restore(self.stored)
        else:
            rates.put_back(self.stored)

    def revert(self) -> None:
        assert self.stored is not None
        if self.replaced is None:
            self.service.rates.remove(self.stored.id)
        else:
            self.service.rates.put_back(self.replaced)


class EditRateCommand(RateCommand):
    """Change a stored rate's value, day or source in place; undo puts the old ones back."""

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, rate_id: int, changes: dict[str, str]
    ) -> None:
        super().__init__(_("Edit exchange rate"), service, undo_stack)
        self.rate_id = rate_id
        self.changes = changes
        self.before: RateView | None = None

    def apply(self) -> None:
        if self.before is None:
            self.before = self.service.rates.get(self.rate_id)
        self.service.rates.update(self.rate_id, **self.changes)

    def revert(self) -> None:
        assert self.before is not None
        self.service.rates.put_back(self.before)


class RemoveRateCommand(RateCommand):
    """Remove a stored rate; undo stores it again under its own id."""

    def __init__(self, service: AccordsService, undo_stack: UndoStack, rate_id: int) -> None:
        super().__init__(_("Remove exchange rate"), service, undo_stack)
        self.rate_id = rate_id
        self.removed: RateView | None = None

    def apply(self) -> None:
        self.removed = self.service.rates.remove(self.rate_id)

    def revert(self) -> None:
        assert self.removed is not None
        self.service.rates.restore(self.removed)
