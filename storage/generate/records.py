"""Whole records: the kind drawn, its own row, its history, notes, quotes and search row."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storage.generate.documents import DocumentBuilder
from storage.generate.draws import Draws
from storage.generate.notes import add_notes
from storage.generate.odds import DOCUMENT_KINDS
from storage.generate.pledges import PledgeBuilder
from storage.generate.quotes import add_quotes
from storage.generate.reference import Reference
from storage.generate.rows import DOCUMENT_COLUMNS, PLEDGE_COLUMNS, Row, Rows
from storage.generate.sources import Sources
from storage.generate.statuses import add_history
from storage.schema.enums import RecordKind

DOCUMENT_SHARE = 0.30  # of the records; provisions take up to PROVISION_SHARE, pledges the rest
PROVISION_SHARE = 0.48
TRASHED = 0.005  # the share of records in the trash


class RecordBuilder:
    """Builds records one after another; what links them (the documents so far, how many
    were made) lasts from one transaction to the next of a run."""

    def __init__(self, draws: Draws, reference: Reference, seed: int) -> None:
        self.draws = draws
        self.reference = reference
        self.seed = seed
        self.documents = DocumentBuilder(draws, reference)
        self.pledges = PledgeBuilder(draws, reference, self.documents.documents)
        self.party_names = tuple(reference.parties)
        self.generated = 0

    def build(
        self, rows: Rows, sources: Sources, record_ids: Iterable[int], note_ids: Iterator[int]
    ) -> None:
        """One record per id of ``record_ids``, with everything hanging off it, into ``rows``."""
        draws = self.draws
        for record_id in record_ids:
            kind = self._kind()
            row = self._new_row(kind, record_id)
            self._fill(rows, row, kind)
            add_history(draws, rows, row)
            notes = add_notes(draws, rows, row, note_ids, self.party_names)
            quotes = add_quotes(draws, rows, row, sources)
            if draws.random() < TRASHED:
                row["deleted_at"] = row["updated_at"]
            (rows.pledges if kind is RecordKind.PLEDGE else rows.documents).append(row)
            rows.search.append(_search_row(row, notes, quotes))
            self.generated += 1

    def _kind(self) -> RecordKind:
        """Documents first, until there is one of every document kind; then by share."""
        roll = self.draws.random()
        if (
            roll < DOCUMENT_SHARE
            or not self.documents.documents
            or self.generated < len(DOCUMENT_KINDS)
        ):
            return RecordKind.DOCUMENT
        return RecordKind.PROVISION if roll < PROVISION_SHARE else RecordKind.PLEDGE

    def _new_row(self, kind: RecordKind, record_id: int) -> Row:
        """Every column of the kind, NULL but for the ones all records fill the same way."""
        row = dict.fromkeys(PLEDGE_COLUMNS if kind is RecordKind.PLEDGE else DOCUMENT_COLUMNS)
        row["id"] = record_id
        row["slug"] = f"gen-{self.seed}-{record_id}"
        row["kind"] = kind.value
        row["version"] = 1
        return row

    def _fill(self, rows: Rows, row: Row, kind: RecordKind) -> None:
        if kind is RecordKind.PLEDGE:
            self.pledges.pledge(rows, row)
        elif kind is RecordKind.PROVISION:
            self.documents.provision(row)
        else:
            self.documents.document(rows, row, self.generated)


def _search_row(row: Row, notes: list[str], quotes: list[str]) -> Row:
    """The record's search text, joined here as the search index joins it in SQL."""
    return {
        "id": row["id"],
        "title": row["title"],
        "summary": row["summary"],
        "notes": "\n".join(notes),
        "quotes": "\n".join(quotes),
    }
