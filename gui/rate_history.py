"""Undoable edits of the exchange rates, kept apart from ``gui.history`` because they need
``storage.insight`` (and so the ORM), which the window does not import until the dashboard
is first shown."""

from __future__ import annotations

from datetime import date

from gui.history import EditHistory, ServiceCommand
from storage.insight import (
    RateView,
    delete_rate,
    find_rate,
    get_rate,
    restore_rate,
    set_rate,
    update_rate,
)
from storage.service import AccordsService


class RateCommand(ServiceCommand):
    """An edit of the exchange rates: it changes no record, so it announces the rates."""

    def announce(self, history: EditHistory) -> None:
        history.ratesChanged.emit()


class SetRateCommand(RateCommand):
    """Store a rate for a pair and day; undo removes it, or puts back the rate it replaced."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        pair: tuple[str, str],
        rate: str,
        on_date: date,
        source: str = "",
    ) -> None:
        super().__init__(f"Set rate {pair[0].upper()}→{pair[1].upper()}", service, history)
        self.values = (pair[0], pair[1], rate, on_date, source)
        self.replaced: RateView | None = None
        self.stored: RateView | None = None

    def apply(self) -> None:
        if self.stored is None:
            self.replaced = find_rate(self.service, *self.values[:2], self.values[3])
            self.stored = get_rate(self.service, set_rate(self.service, *self.values))
        elif self.replaced is None:
            restore_rate(self.service, self.stored)
        else:
            _put_back(self.service, self.stored)

    def revert(self) -> None:
        assert self.stored is not None
        if self.replaced is None:
            delete_rate(self.service, self.stored.id)
        else:
            _put_back(self.service, self.replaced)


class EditRateCommand(RateCommand):
    """Change a stored rate's value, day or source in place; undo puts the old ones back."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        rate_id: int,
        changes: dict[str, str],
    ) -> None:
        super().__init__("Edit exchange rate", service, history)
        self.rate_id = rate_id
        self.changes = changes
        self.before: RateView | None = None
        self.after: RateView | None = None

    def apply(self) -> None:
        if self.before is None:
            self.before = get_rate(self.service, self.rate_id)
        self.after = update_rate(self.service, self.rate_id, **self.changes)

    def revert(self) -> None:
        assert self.before is not None
        _put_back(self.service, self.before)


class RemoveRateCommand(RateCommand):
    """Remove a stored rate; undo stores it again under its own id."""

    def __init__(self, service: AccordsService, history: EditHistory, rate_id: int) -> None:
        super().__init__("Remove exchange rate", service, history)
        self.rate_id = rate_id
        self.removed: RateView | None = None

    def apply(self) -> None:
        self.removed = delete_rate(self.service, self.rate_id)

    def revert(self) -> None:
        assert self.removed is not None
        restore_rate(self.service, self.removed)


def _put_back(service: AccordsService, rate: RateView) -> None:
    update_rate(service, rate.id, rate=rate.rate, on_date=rate.on_date, source=rate.source)
