"""A stateful model of the service API: after every step the database equals a plain model."""

from __future__ import annotations

import atexit
import csv
import functools
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from sqlalchemy import text

from storage.records.query import RecordQuery
from storage.records.search_index import search_index_problems
from storage.schema.enums import RecordKind, statuses_for
from storage.service import AccordsService
from storage.transfer.export import ExportOptions, export_csv

TEXT = st.text(
    alphabet=st.sampled_from("abcXYZ 019,\"'=-ʼ\u200fשלוםКиїв😀e\u0301\n"), min_size=1, max_size=24
).filter(lambda text: text.strip() != "")


@functools.cache
def seeded_template() -> Path:
    """A seeded database made once per test session; each example starts from a copy."""
    folder = Path(tempfile.mkdtemp(prefix="accords-model-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    service = AccordsService.open(str(folder / "template.sqlite3"))
    with service.db.reading() as session:
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    service.close()
    return folder / "template.sqlite3"


@dataclass
class Expected:
    """What one record should look like."""

    kind: str
    title: str
    status: str
    deleted: bool = False
    notes: dict[int, str] = field(default_factory=dict)
    annotations: int = 0


class AccordsMachine(RuleBasedStateMachine):
    """Drives the service the way a user would and checks it against a dict of expectations."""

    records = Bundle("records")
    notes = Bundle("notes")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "model.sqlite3"
        shutil.copyfile(seeded_template(), self.path)
        self.service = self._open()
        self.source = self.service.sources.list_sources()[0]
        self.expected: dict[int, Expected] = {}
        self.seeded_up_to = 0
        self.touched: set[int] = set()
        for row in self.service.records.list_records(RecordQuery(include_provisions=True)):
            detail = self.service.records.get_record(row.id)
            self.expected[row.id] = Expected(
                row.kind,
                row.title,
                row.status,
                annotations=len(detail.annotations),
            )
            self.seeded_up_to = max(self.seeded_up_to, row.id)

    def _open(self) -> AccordsService:
        return AccordsService.open(str(self.path), clock=lambda: date(2026, 11, 28))

    def teardown(self) -> None:
        self.service.close()
        self.folder.cleanup()

    @rule(
        target=records, kind=st.sampled_from([RecordKind.DOCUMENT, RecordKind.PLEDGE]), title=TEXT
    )
    def create(self, kind: RecordKind, title: str) -> int:
        record_id = self.service.records.create_record(kind, {"title": title})
        status = "signed" if kind is RecordKind.DOCUMENT else "announced"
        self.expected[record_id] = Expected(kind.value, title.strip(), status)
        return record_id

    @rule(record=records, title=TEXT)
    def edit_title(self, record: int, title: str) -> None:
        version = self.service.records.get_record(record).version
        self.service.records.update_record(record, version, {"title": title})
        self.expected[record].title = title.strip()

    @rule(record=records, choice=st.integers(0, 20))
    def change_status(self, record: int, choice: int) -> None:
        expected = self.expected[record]
        options = [s for s in statuses_for(RecordKind(expected.kind)) if s != expected.status]
        status = options[choice % len(options)]
        self.touched.add(record)
        self.service.records.change_status(record, status, comment="model")
        expected.status = status

    @rule(target=notes, record=records, text=TEXT)
    def add_note(self, record: int, text: str) -> tuple[int, int]:
        note = self.service.notes.add_note(record, text)
        self.touched.add(record)
        self.expected[record].notes[note.id] = text
        return (record, note.id)

    @rule(note=notes, text=TEXT)
    def edit_note(self, note: tuple[int, int], text: str) -> None:
        record, note_id = note
        current = self.service.notes.get_note(note_id)
        self.service.notes.edit_note(note_id, text, expected_version=current.version)
        self.expected[record].notes[note_id] = text

    @rule(record=records, start=st.integers(0, 2000), length=st.integers(1, 40))
    def annotate(self, record: int, start: int, length: int) -> None:
        begin = start % (len(self.source.text) - 1)
        end = min(begin + length, len(self.source.text))
        annotation = self.service.sources.annotate(self.source.id, begin, end, record_id=record)
        self.touched.add(record)
        assert annotation.quote == self.source.text[begin:end]
        self.expected[record].annotations += 1

    @rule(record=records)
    def delete(self, record: int) -> None:
        self.service.records.delete_record(record)
        self.expected[record].deleted = True

    @rule(record=records)
    def restore(self, record: int) -> None:
        self.service.records.restore_record(record)
        self.expected[record].deleted = False

    @rule()
    def export(self) -> None:
        target = self.path.with_name("export.csv")
        export_csv(self.service, target, ExportOptions())
        with target.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        live = sorted(
            e.title for e in self.expected.values() if not e.deleted and e.kind != "provision"
        )
        assert sorted(row["title"] for row in rows) == live

    @rule()
    def close_and_reopen(self) -> None:
        self.service.close()
        self.service = self._open()

    @invariant()
    def search_index_follows_the_records(self) -> None:
        with self.service.db.reading() as session:
            assert search_index_problems(session.connection()) == []

    @invariant()
    def database_equals_model(self) -> None:
        rows = [
            *self.service.records.list_records(RecordQuery(include_provisions=True)),
            *self.service.records.list_records(RecordQuery(include_provisions=True, trash=True)),
        ]
        stored = {row.id: (row.title, row.status, row.deleted) for row in rows}
        assert stored == {
            record_id: (e.title, e.status, e.deleted) for record_id, e in self.expected.items()
        }
        # Notes, quotes and history are read in full for user-made records, where they change.
        for record_id, expected in self.expected.items():
            if record_id > self.seeded_up_to or record_id in self.touched:
                detail = self.service.records.get_record(record_id)
                assert {n.id: n.body for n in detail.notes} == expected.notes
                assert len(detail.annotations) == expected.annotations
                assert detail.history[-1].to_status == expected.status
        live = sum(1 for e in self.expected.values() if not e.deleted and e.kind != "provision")
        assert self.service.records.count_records() == live


AccordsMachine.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_the_service_behaves_like_its_model = AccordsMachine.TestCase
