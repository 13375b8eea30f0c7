"""What `accords` prints: the records table, one record in full, and streamed JSON arrays."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from storage.cliprint import print_detail, print_table, row_json, write_json_array
from storage.records.query import RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
CUSTOMS = "customs-mutual-administrative-assistance"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=12,
)


@given(st.lists(JSON_VALUES, max_size=4))
def test_a_streamed_json_array_reads_as_json_dump_would_write_it(items: list[object]) -> None:
    streamed = io.StringIO()
    write_json_array(iter(items), streamed)
    assert streamed.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def test_a_json_array_is_written_while_its_items_are_still_coming() -> None:
    out = io.StringIO()
    written_before_last: list[str] = []

    def rows() -> Iterator[dict[str, int]]:
        yield {"id": 1}
        written_before_last.append(out.getvalue())
        yield {"id": 2}

    write_json_array(rows(), out)
    assert '"id": 1' in written_before_last[0]
    assert json.loads(out.getvalue()) == [{"id": 1}, {"id": 2}]


def test_the_table_has_a_line_per_record_with_overdue_marked(service: AccordsService) -> None:
    rows = service.records.list_records(RecordQuery(include_provisions=True))
    out = io.StringIO()
    print_table(rows, out)
    head, *lines = out.getvalue().splitlines()
    assert head.split() == ["ID", "KIND", "STATUS", "AMOUNT", "DUE"]
    assert [line.split()[0] for line in lines] == [row.slug[:50] for row in rows]
    late = [line.split()[0] for line in lines if line.endswith("OVERDUE")]
    assert late == [row.slug for row in rows if row.overdue] == [SEPTEMBER]


def test_a_row_as_json_keeps_raw_values(service: AccordsService) -> None:
    (row,) = service.records.list_records(RecordQuery(text="drones ammunition armored"))
    data = row_json(row)
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert (data["id"], data["kind"], data["status"]) == (SEPTEMBER, "pledge", row.status)
    assert data["amount"] == str(row.amount) and data["currency"] is None
    assert data["due"] == str(row.due) and data["overdue"] is True


def test_a_record_in_full_shows_its_parts(service: AccordsService) -> None:
    detail = service.records.get_record(CUSTOMS)
    out = io.StringIO()
    print_detail(detail, out)
    text = out.getvalue()
    assert text.splitlines()[0] == detail.row.title
    assert f"id:        {CUSTOMS} (document)" in text
    for provision in detail.provisions:
        assert f"provision: {provision.title}" in text
    for signatory in detail.signatories:
        assert f"signatory: {signatory.person}" in text
    assert text.count("\u201c") == len(detail.annotations) > 0
    assert "History:" in text
