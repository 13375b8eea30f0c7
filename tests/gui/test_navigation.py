"""Every navigation entry's count is the number of records its view lists."""

from __future__ import annotations

from gui.navigation import build_groups
from storage.enums import RecordKind
from storage.generate import generate
from storage.query import RecordQuery
from storage.service import AccordsService


def test_each_count_is_what_its_view_lists(service: AccordsService) -> None:
    generate(service, 300, seed=8)
    for kind in RecordKind:  # some of each kind in the trash, the counts must leave them out
        rows = service.list_page(RecordQuery(kinds=frozenset({kind})), limit=5).rows
        for row in rows[:3]:
            service.delete_record(row.id)
    counts = service.navigation_counts()
    entries = [entry for group in build_groups(service.list_tags()) for entry in group.entries]
    assert counts["trash"] > 0 and counts["provisions"] > 0
    for entry in entries:
        assert counts.get(entry.key, 0) == service.count_records(entry.query), entry.key
    assert set(counts) <= {entry.key for entry in entries}
