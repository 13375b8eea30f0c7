"""The figures part: the record counts the window's navigation shows beside each entry."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from storage.api.base import Part
from storage.records.query import KIND_STATUS_COUNTS, RECORD, RecordQuery, counting
from storage.schema import tables
from storage.schema.enums import RecordKind


class Figures(Part):
    """Counts over the records, read in a handful of grouped queries."""

    def navigation_counts(self) -> dict[str, int]:
        """Record counts for every navigation entry, in a handful of grouped queries.

        Keys: all, documents, pledges, provisions, overdue, trash, ``status:<status>``,
        ``tag:<area or category>`` and ``source:<id>``. Like the listing, status, tag and
        source counts leave out provisions and the trash.
        """
        records, tags, categories = tables.records, tables.record_tags, tables.pledge_categories
        listed = (RECORD.deleted_at.is_(None), RECORD.kind != RecordKind.PROVISION.value)
        overdue = counting(RecordQuery(overdue=True), today=self._service.clock(), fts=self._db.fts)
        with self._db.connected() as connection:
            groups = connection.execute(KIND_STATUS_COUNTS).all()
            tag_counts = connection.execute(
                select(tags.c.tag, func.count())
                .select_from(tags.join(records))
                .where(*listed)
                .group_by(tags.c.tag)
                .union_all(
                    select(categories.c.category, func.count())
                    .select_from(categories.join(records))
                    .where(*listed)
                    .group_by(categories.c.category)
                )
            ).all()
            overdue_count = int(connection.scalar(overdue) or 0)
            source_counts = connection.execute(
                select(tables.record_sources.c.source_id, func.count())
                .select_from(tables.record_sources.join(records))
                .where(*listed)
                .group_by(tables.record_sources.c.source_id)
            ).all()
        kinds: Counter[str] = Counter()
        statuses: Counter[str] = Counter()
        trash = 0
        for kind, status, total, trashed in groups:
            kinds[kind] += total - trashed
            if kind != RecordKind.PROVISION.value:
                trash += trashed
                if total > trashed:
                    statuses[status] += total - trashed
        counts = {
            "documents": kinds[RecordKind.DOCUMENT.value],
            "pledges": kinds[RecordKind.PLEDGE.value],
            "provisions": kinds[RecordKind.PROVISION.value],
            "trash": trash,
            "overdue": overdue_count,
        }
        counts["all"] = counts["documents"] + counts["pledges"]
        counts.update({f"status:{status}": count for status, count in statuses.items()})
        for tag, count in tag_counts:
            counts[f"tag:{tag}"] = counts.get(f"tag:{tag}", 0) + count
        counts.update({f"source:{source}": count for source, count in source_counts})
        return counts
