"""Every filter the records list has, said in one place, each clearable, with "Clear all"."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from storage.i18n import _
from storage.records.query import Measure, RecordQuery
from storage.schema.enums import label

# A query that lists nothing: two filters that exclude each other (view Documents, kind Pledge).
NOTHING = frozenset[int]()
CLEAR_ALL = "all"


@dataclass(frozen=True, slots=True)
class QuickFilters:
    """The filters above the table: search text, kind, status and party ("" for any)."""

    text: str = ""
    kind: str = ""
    status: str = ""
    party: str = ""

    def __bool__(self) -> bool:
        return bool(self.text.strip() or self.kind or self.status or self.party)


def within(view: RecordQuery, quick: QuickFilters) -> RecordQuery:
    """The records of ``view`` that also pass the quick filters: both apply, neither
    replaces the other, so a view of documents filtered to pledges lists nothing."""
    query = replace(view, text=quick.text)
    if quick.kind:
        kinds = view.kinds & {quick.kind} if view.kinds else frozenset({quick.kind})
        query = replace(query, kinds=kinds) if kinds else replace(query, ids=NOTHING)
    if quick.status:
        statuses = view.statuses & {quick.status} if view.statuses else frozenset({quick.status})
        query = replace(query, statuses=statuses) if statuses else replace(query, ids=NOTHING)
    if quick.party:
        if view.party not in (None, quick.party):
            query = replace(query, ids=NOTHING)
        query = replace(query, party=quick.party)
    return query


def view_parts(query: RecordQuery, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """(field, words) for each filter of a view's query, e.g. ("donor", "Donor: Canada");
    ``names`` gives parties' names by slug."""
    parts: list[tuple[str, str]] = []
    if query.trash:
        parts.append(("trash", _("In the trash")))
    if query.kinds:
        parts.append(("kinds", _("Kind: ") + ", ".join(label(k) for k in sorted(query.kinds))))
    if query.statuses:
        parts.append(
            ("statuses", _("Status: ") + ", ".join(label(s) for s in sorted(query.statuses)))
        )
    if query.overdue:
        parts.append(("overdue", _("Overdue")))
    if query.party:
        parts.append(("party", _("Party: {get}").format(get=names.get(query.party, query.party))))
    if query.tag:
        parts.append(("tag", _("Area or category: {label}").format(label=label(query.tag))))
    if query.donor:
        parts.append(("donor", _("Donor: {get}").format(get=names.get(query.donor, query.donor))))
    if query.category:
        parts.append(("category", _("Category: {label}").format(label=label(query.category))))
    if query.measure is not None:
        parts.append(("measure", measure_words(query.measure)))
    if query.event is not None:
        parts.append(("event", query.event.describe().capitalize()))
    if query.source is not None:
        parts.append(("source", _("Source {id}").format(id=query.source)))
    if query.ids is not None:
        count = len(query.ids)
        parts.append(
            (
                "ids",
                _("{count} chosen record{value}").format(
                    count=count, value="" if count == 1 else "s"
                ),
            )
        )
    return parts


def measure_words(measure: Measure) -> str:
    """ "In CAD", "In CAD, USD", "Counted in people"."""
    units = ", ".join(sorted(measure.units)) or _("no currency")
    return (
        _("In {units}").format(units=units)
        if measure.money
        else _("Counted in {value}").format(value=units or "units")
    )


def cleared(query: RecordQuery, part: str) -> RecordQuery:
    """``query`` without one of the filters ``view_parts`` names. Provisions are left out
    again: only a finding's records or a timeline month, which name records of any kind,
    take them in, and no line would say so once those are cleared."""
    return replace(query, **{part: getattr(RecordQuery(), part)}, include_provisions=False)


class FilterBar(QLabel):
    """A line above the table naming every active filter, each with a ✕ that clears it,
    and "Clear all"; when nothing is found, it says which filters to clear to widen."""

    clearRequested = Signal(str)  # a key given to ``show_filters``, or CLEAR_ALL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Active filters"))
        self.setWordWrap(True)  # never wider than the table, however many filters
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.linkActivated.connect(self.clearRequested.emit)
        self.filters: list[tuple[str, str]] = []
        self.hide()

    def show_filters(self, filters: list[tuple[str, str]], *, found: int | None) -> None:
        """Name ``filters`` ((key, words) each); ``found`` is how many records they leave
        (None while counting)."""
        self.filters = filters
        if not filters:
            self.setText(_("No records here yet.") if found == 0 else "")
            self.setVisible(found == 0)
            return
        chips = " · ".join(
            f'{html.escape(words)} <a href="{html.escape(key)}" title="Clear">✕</a>'
            for key, words in filters
        )
        clear_all = _('<a href="{CLEAR_ALL}">Clear all</a>').format(CLEAR_ALL=CLEAR_ALL)
        if found == 0:
            widen = _("Clear one to widen, or {clear_all}.").format(clear_all=clear_all)
            self.setText(
                _("<b>Nothing matches all of:</b> {chips}. {widen}").format(
                    chips=chips, widen=widen
                )
            )
        else:
            self.setText(
                _("Filtered by {chips} · {clear_all}").format(chips=chips, clear_all=clear_all)
            )
        self.show()
