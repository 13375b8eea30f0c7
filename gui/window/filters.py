"""The search box and quick filters above the table, and the bar that names every filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit

from gui import settings as opt
from gui.scaling import scaled
from gui.settings import Settings
from gui.window.filter_bar import CLEAR_ALL, FilterBar, QuickFilters, view_parts
from storage.i18n import N_, _, format_number, sort_key
from storage.records.data import PartyView
from storage.records.query import RecordQuery
from storage.schema.enums import DocumentStatus, PledgeStatus, RecordKind, label
from storage.service import AccordsService

SEARCH_DEBOUNCE_MS = 250
SEARCH_MIN_WIDTH = 180
COMBO_MIN_CHARACTERS = 7  # a quick filter shrinks to this, and shows its longest when opened
# The quick filters as a filter chip names them.
FILTER_NAMES = {"kind": N_("Kind"), "status": N_("Status"), "party": N_("Party")}


class FilterControls(QObject):
    """The search text and the kind, status and party filters: what they select, what the
    filter bar says of them, and clearing them one by one or all at once."""

    changed = Signal()  # a quick filter changed, or the search text after the debounce
    viewClearRequested = Signal(str)  # a part of the view's query to clear ("" for all of it)

    def __init__(self, service: AccordsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search titles, summaries, notes and quotes"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search"))
        self.search.installEventFilter(self)  # Escape clears it
        self.filter_bar = FilterBar()
        self.match_count = QLabel()
        self.match_count.setAccessibleName(_("Match count"))
        self.status_filter = _combo(
            _("Status filter"), _("Any status"), [*dict.fromkeys([*DocumentStatus, *PledgeStatus])]
        )
        self.kind_filter = _combo(_("Kind filter"), _("Any kind"), [k.value for k in RecordKind])
        self.party_filter = QComboBox()
        self.party_filter.setAccessibleName(_("Party filter"))
        self.party_filter.addItem(_("Any party"), "")
        self._service = service
        self._parties = self._sorted_parties()
        for party in self._parties:
            self.party_filter.addItem(party.name, party.slug)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_timer.timeout.connect(self.changed)
        for combo in self.combos().values():
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.filter_bar.clearRequested.connect(self.clear)

    def row(self) -> QHBoxLayout:
        """The search box and the quick filters, laid out in a row."""
        filters = QHBoxLayout()
        self.search.setMinimumWidth(scaled(SEARCH_MIN_WIDTH, self.search.font()))
        filters.addWidget(self.search, 3)
        for combo in (self.kind_filter, self.status_filter, self.party_filter):
            # Not as wide as the longest party name: the search box needs the room more.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_MIN_CHARACTERS)
            filters.addWidget(combo, 1)
        return filters

    def follow_parties(self) -> None:
        """Offer the parties an edit added or renamed (a new donor, say); the one chosen
        stays chosen, and the list is not filtered again."""
        parties = self._sorted_parties()
        if parties == self._parties:
            return
        self._parties = parties
        chosen = self.party_filter.currentData()
        self.party_filter.blockSignals(True)  # the same filter, offered among more parties
        while self.party_filter.count() > 1:
            self.party_filter.removeItem(1)
        for party in parties:
            self.party_filter.addItem(party.name, party.slug)
        self.party_filter.setCurrentIndex(max(self.party_filter.findData(chosen), 0))
        self.party_filter.blockSignals(False)

    def _sorted_parties(self) -> list[PartyView]:
        """The parties in the language's alphabetical order (Є after Е, É with E)."""
        return sorted(self._service.records.list_parties(), key=lambda p: sort_key(p.name))

    def combos(self) -> dict[str, QComboBox]:
        """The quick filters by their key in ``active``."""
        return {"kind": self.kind_filter, "status": self.status_filter, "party": self.party_filter}

    def quick_filters(self) -> QuickFilters:
        """The search text and the quick filters, as set above the table."""
        return QuickFilters(
            text=self.search.text(),
            kind=self.kind_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            party=self.party_filter.currentData() or "",
        )

    def active(self, view: RecordQuery) -> list[tuple[str, str]]:
        """(key for ``clear``, words) for every filter the list has, the view's included."""
        names = {
            str(self.party_filter.itemData(i)): self.party_filter.itemText(i)
            for i in range(1, self.party_filter.count())
        }
        shown = [(f"view:{part}", words) for part, words in view_parts(view, names)]
        quick = self.quick_filters()
        if quick.text.strip():
            shown.append(("search", _("Search “{strip}”").format(strip=quick.text.strip())))
        for key, combo in self.combos().items():
            if combo.currentIndex() > 0:
                shown.append(
                    (
                        key,
                        _("{filter}: {value}").format(
                            filter=_(FILTER_NAMES[key]), value=combo.currentText()
                        ),
                    )
                )
        return shown

    def show_found(self, view: RecordQuery, total: int | None) -> None:
        """Say how many records the filters found (None: still counting)."""
        searching = bool(self.search.text().strip())
        if total is None:
            self.match_count.setText(_("Counting…") if searching else "")
        else:
            self.match_count.setText(
                _("{count} found").format(count=format_number(total)) if searching else ""
            )
        self.filter_bar.show_filters(self.active(view), found=total)

    def clear(self, key: str) -> None:
        """Clear one filter (a key of ``active``), or all of them (``CLEAR_ALL``)."""
        combos = self.combos()
        if key in combos:
            combos[key].setCurrentIndex(0)  # announces the change
        elif key == "search":
            self.search.clear()
            self.search_timer.stop()
            self.changed.emit()
        elif key.startswith("view:"):
            self.viewClearRequested.emit(key.removeprefix("view:"))
        elif key == CLEAR_ALL:
            self.reset()
            self.viewClearRequested.emit("")

    def reset(self) -> None:
        """Clear the search and the quick filters without announcing it."""
        for combo in self.combos().values():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        with QSignalBlocker(self.search):
            self.search.clear()

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def restore(self, settings: Settings) -> None:
        """Set the filters of last time, without announcing it."""
        for key, option in (
            ("status", opt.LAST_STATUS_FILTER),
            ("kind", opt.LAST_KIND_FILTER),
            ("party", opt.LAST_PARTY_FILTER),
        ):
            combo = self.combos()[key]
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(settings.get(option)), 0))
        with QSignalBlocker(self.search):
            self.search.setText(settings.get(opt.LAST_SEARCH))

    def save(self, settings: Settings) -> None:
        """Remember the filters for next time."""
        settings.set(opt.LAST_SEARCH, self.search.text())
        settings.set(opt.LAST_STATUS_FILTER, self.status_filter.currentData() or "")
        settings.set(opt.LAST_KIND_FILTER, self.kind_filter.currentData() or "")
        settings.set(opt.LAST_PARTY_FILTER, self.party_filter.currentData() or "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.clear("search")
            return True
        return super().eventFilter(watched, event)


def _combo(name: str, anything: str, values: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(anything, "")
    for value in values:
        combo.addItem(label(value), value)
    return combo
