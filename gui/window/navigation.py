"""The navigation tree: views, statuses, areas and categories, each with a live record count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from storage.i18n import _, sort_key
from storage.records.query import RecordQuery
from storage.schema.enums import DocumentStatus, PledgeStatus, RecordKind, label
from storage.service import AccordsService
from storage.wording import plural

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# Internal ids: headings carry 0, entries carry their group's row + 1.
HEADING_ID = 0


@dataclass(slots=True)
class Entry:
    """One place to look at: a filter, its label and how many records it holds."""

    key: str
    title: str
    query: RecordQuery
    count: int | None = None


@dataclass(slots=True)
class Group:
    """A heading over related entries."""

    title: str
    entries: list[Entry] = field(default_factory=list)


SOURCE_TITLE_CHARS = 48


def build_groups(tags: list[str], sources: Sequence[tuple[int, str]] = ()) -> list[Group]:
    """The navigation tree for the tags in use and the sources held ((id, title) each)."""
    views = Group(
        _("Records"),
        [
            Entry("all", _("All records"), RecordQuery()),
            Entry("documents", _("Documents"), RecordQuery(kinds=frozenset({RecordKind.DOCUMENT}))),
            Entry("pledges", _("Pledges"), RecordQuery(kinds=frozenset({RecordKind.PLEDGE}))),
            Entry(
                "provisions", _("Provisions"), RecordQuery(kinds=frozenset({RecordKind.PROVISION}))
            ),
            Entry("overdue", _("Overdue"), RecordQuery(overdue=True)),
            Entry("trash", _("Trash"), RecordQuery(trash=True)),
        ],
    )
    statuses = Group(
        _("Status"),
        [
            Entry(f"status:{s}", label(s), RecordQuery(statuses=frozenset({s})))
            for s in dict.fromkeys([*DocumentStatus, *PledgeStatus])
        ],
    )
    areas = Group(
        _("Areas and categories"),
        # Areas are the records' words and categories are translated: sorted as shown, as a
        # reader of the language expects (storage.i18n.sort_key).
        sorted(
            (Entry(f"tag:{tag}", label(tag), RecordQuery(tag=tag)) for tag in tags),
            key=lambda entry: sort_key(entry.title),
        ),
    )
    held = Group(
        _("Sources"),
        [Entry(f"source:{id_}", short(title), RecordQuery(source=id_)) for id_, title in sources],
    )
    return [views, statuses, areas, held]


def short(title: str) -> str:
    """A source's title as the navigation has room for it."""
    if len(title) <= SOURCE_TITLE_CHARS:
        return title
    return title[: SOURCE_TITLE_CHARS - 1].rstrip() + "…"


def source_entries(service: AccordsService) -> list[tuple[int, str]]:
    return service.sources.source_titles()


class NavigationModel(QAbstractItemModel):
    """Two levels: group headings, then entries with their counts."""

    def __init__(self, service: AccordsService, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self._tags = service.records.list_tags()
        self._groups = build_groups(self._tags, source_entries(service))

    def entry(self, index: Index) -> Entry | None:
        """The entry at an index, or None for a heading."""
        if not index.isValid() or index.internalId() == HEADING_ID:
            return None
        return self._groups[index.internalId() - 1].entries[index.row()]

    def index_of(self, key: str) -> QModelIndex:
        """The index of the entry with ``key``, or an invalid index."""
        for group_row, group in enumerate(self._groups):
            for row, entry in enumerate(group.entries):
                if entry.key == key:
                    return self.index(row, 0, self.index(group_row, 0))
        return QModelIndex()

    def queries(self) -> list[tuple[str, RecordQuery]]:
        """(key, query) of every entry."""
        return [(entry.key, entry.query) for group in self._groups for entry in group.entries]

    def key_of(self, query: RecordQuery) -> str | None:
        """The key of the entry that lists exactly ``query``'s records, if one does."""
        return next((key for key, listed in self.queries() if listed == query), None)

    def refresh(self) -> None:
        """Re-read the tags in use and recount every entry."""
        self.beginResetModel()
        self._tags = self._service.records.list_tags()
        self._groups = build_groups(self._tags, source_entries(self._service))
        self.endResetModel()
        self.recount()

    def follow_tags(self) -> bool:
        """Rebuild the entries if the areas and categories in use changed (an edit added or
        dropped one); say whether they did. Counts wait for the next ``apply_counts``."""
        tags = self._service.records.list_tags()
        if tags == self._tags:
            return False
        self.beginResetModel()
        self._tags = tags
        self._groups = build_groups(tags)
        self.endResetModel()
        return True

    def recount(self) -> None:
        """Count the records behind every entry now, on this thread."""
        self.apply_counts(self._service.figures.navigation_counts())

    def forget_counts(self) -> None:
        """Show no counts until the next ``apply_counts``: they no longer count what the
        entries list (the filters changed), and a wrong count is worse than none."""
        self.apply_counts(None)

    def apply_counts(self, counts: dict[str, int] | None) -> None:
        """Show counts (from ``service.figures.navigation_counts``) and repaint those that
        changed. Only those: each change makes the tree measure its entries again (2,800 reads
        of their data at 250,000 records, 17 ms), which forgetting the counts at every
        keystroke of a search paid again for nothing once they were gone."""
        for group_row, group in enumerate(self._groups):
            changed = False
            for entry in group.entries:
                count = None if counts is None else counts.get(entry.key, 0)
                changed = changed or count != entry.count
                entry.count = count
            if changed:
                parent = self.index(group_row, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(group.entries) - 1, 0, parent)
                )

    # -- Qt model interface -----------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, 0, HEADING_ID) if row < len(self._groups) else QModelIndex()
            )
        if parent.parent().isValid():
            return QModelIndex()
        group_row = parent.row()
        if row >= len(self._groups[group_row].entries):
            return QModelIndex()
        return self.createIndex(row, 0, group_row + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        if child.internalId() == HEADING_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, HEADING_ID)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.parent().isValid() or parent.column() != 0:
            return 0
        return len(self._groups[parent.row()].entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.entry(index) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entry(index)
        if entry is None:
            group = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return group.title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # As a tooltip too: a narrow pane or a large font cuts long names short.
            return entry.title if entry.count is None else f"{entry.title}  ({entry.count})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if entry.count is None:
                return _("{title}, counting records").format(title=entry.title)
            return f"{entry.title}, {plural(entry.count, 'record', 'records')}"
        if role == KEY_ROLE:
            return entry.key
        return None
