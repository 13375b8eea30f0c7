"""Tests for the CSV export of records: columns, filters, the Excel profile and failed writes."""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest

from storage.errors import ExportError
from storage.records.query import RecordQuery
from storage.service import AccordsService
from storage.transfer.export import COLUMNS, ExportOptions, export_csv

TODAY = date(2026, 11, 28)
BOM = b"\xef\xbb\xbf"
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLEDGES = {
    "canada-assistance-since-2022",
    "canada-ukrainian-refugees-accepted",
    SEPTEMBER,
    "financing-joint-defense-production",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """The data rows of an exported file, by column name."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def header(path: Path) -> list[str]:
    """The first row of an exported file."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return next(csv.reader(stream))


def test_export_of_seeded_database(service: AccordsService, tmp_path: Path) -> None:
    """The header is COLUMNS and there is one row per live document or pledge."""
    target = tmp_path / "out.csv"
    count = export_csv(service, target, ExportOptions())
    rows = read_csv(target)
    assert header(target) == list(COLUMNS)
    assert count == len(rows) == 8
    assert {row["kind"] for row in rows} == {"document", "pledge"}
    assert not target.read_bytes().startswith(BOM)


def test_september_pledge_row(service: AccordsService, tmp_path: Path) -> None:
    """The September pledge keeps its exact amount, its "$", its bound and its overdue flag."""
    target = tmp_path / "out.csv"
    export_csv(service, target, ExportOptions())
    (row,) = [row for row in read_csv(target) if row["id"] == SEPTEMBER]
    assert row["amount"] == "700000000"
    assert row["currency"] == "$"
    assert row["qualifier"] == "over"
    assert row["due"] == "2025-09"
    assert row["overdue"] == "yes"
    assert row["kind"] == "pledge"


def test_export_follows_the_listing_filters(service: AccordsService, tmp_path: Path) -> None:
    """Kinds and ids select the same records as the listing does."""
    pledges, chosen = tmp_path / "pledges.csv", tmp_path / "chosen.csv"
    export_csv(service, pledges, ExportOptions(query=RecordQuery(kinds=frozenset({"pledge"}))))
    assert {row["id"] for row in read_csv(pledges)} == PLEDGES
    ids = frozenset(
        {
            service.records.resolve_id(SEPTEMBER),
            service.records.resolve_id("action-plan-security-cooperation"),
        }
    )
    export_csv(service, chosen, ExportOptions(query=RecordQuery(ids=ids)))
    assert {row["id"] for row in read_csv(chosen)} == {
        SEPTEMBER,
        "action-plan-security-cooperation",
    }


def test_deleted_records_are_not_exported(service: AccordsService, tmp_path: Path) -> None:
    """A record in the trash is left out of a default export."""
    service.records.delete_record(service.records.resolve_id(SEPTEMBER))
    target = tmp_path / "out.csv"
    assert export_csv(service, target, ExportOptions()) == 7
    assert SEPTEMBER not in {row["id"] for row in read_csv(target)}


def test_export_without_notes(service: AccordsService, tmp_path: Path) -> None:
    """include_notes=False leaves out the notes column and keeps the others in order."""
    service.notes.add_note(service.records.resolve_id(SEPTEMBER), "private remark")
    target = tmp_path / "out.csv"
    export_csv(service, target, ExportOptions(include_notes=False))
    assert header(target) == [c for c in COLUMNS if c != "notes"]
    assert "private remark" not in target.read_text(encoding="utf-8")


def test_notes_are_exported(service: AccordsService, tmp_path: Path) -> None:
    """By default a record's notes are in its notes column."""
    service.notes.add_note(service.records.resolve_id(SEPTEMBER), "first remark")
    service.notes.add_note(service.records.resolve_id(SEPTEMBER), "second remark")
    target = tmp_path / "out.csv"
    export_csv(service, target, ExportOptions())
    (row,) = [row for row in read_csv(target) if row["id"] == SEPTEMBER]
    assert "first remark" in row["notes"]
    assert "second remark" in row["notes"]


def test_excel_profile_neutralises_formulas(service: AccordsService, tmp_path: Path) -> None:
    """The Excel profile writes a BOM and defuses a formula title but keeps numbers as numbers."""
    service.records.create_record("pledge", {"title": "=HYPERLINK(1)", "amount": "5"})
    target = tmp_path / "excel.csv"
    export_csv(service, target, ExportOptions(excel=True))
    assert target.read_bytes().startswith(BOM)
    rows = {row["title"]: row for row in read_csv(target)}
    assert "'=HYPERLINK(1)" in rows
    assert "=HYPERLINK(1)" not in rows
    assert rows["'=HYPERLINK(1)"]["amount"] == "5"
    (september,) = [row for row in rows.values() if row["id"] == SEPTEMBER]
    assert september["amount"] == "700000000"


def test_failed_replace_keeps_the_earlier_file(
    service: AccordsService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the final rename fails, ExportError names the path and the old file is untouched."""
    target = tmp_path / "out.csv"
    target.write_bytes(b"earlier export\r\n")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as raised:
        export_csv(service, target, ExportOptions())
    assert str(target) in str(raised.value)
    assert target.read_bytes() == b"earlier export\r\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []


def test_export_under_a_file_is_refused(service: AccordsService, tmp_path: Path) -> None:
    """A target whose parent is a file raises ExportError naming the target."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"keep me")
    target = blocker / "out.csv"
    with pytest.raises(ExportError) as raised:
        export_csv(service, target, ExportOptions())
    assert str(target) in str(raised.value)
    assert blocker.read_bytes() == b"keep me"
