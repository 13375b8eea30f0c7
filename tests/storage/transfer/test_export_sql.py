"""The SQLite export renders, byte for byte, what the paged Python export writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from storage.generate import generate
from storage.records.query import EventFilter, RecordQuery, SortKey
from storage.schema.models import Party, Source
from storage.service import AccordsService
from storage.transfer.csvfile import ExportCancelled
from storage.transfer.export import ExportOptions, export_csv, export_csv_paged
from tests.conftest import FIXED_TODAY

GENERATED = 1500

# Every character csv quoting or the Excel profile cares about, in the places it matters.
AWKWARD_PARTIES = (
    '=Evil, "Inc"',
    "@Київська обʼєднана громада",
    "+plus; semi",
    "-minus\ttab",
    "Line\nbreak",
)
AWKWARD_TEXTS = (
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2+3",
    "@SUM(A1:A2)",
    "comma, inside",
    "semi; inside",
    'a "quoted" word',
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\nline",
    "tab\tinside",
    "обʼєкт і ʼапостроф",
    "ʼleading modifier apostrophe",
    "'already an apostrophe",
    "plain",
)
NOTES = (
    "=1+1",
    "+cmd",
    "-cmd",
    "@cmd",
    "\t=tab first",
    "\r=carriage first",
    '"quoted", with a comma',
    "two\nlines; and a semicolon",
    "Українська нотатка про обʼєкт",
)

PROFILES = {
    "default": ExportOptions(),
    "excel": ExportOptions(excel=True),
    "semicolon": ExportOptions(delimiter=";"),
    "tab": ExportOptions(delimiter="\t"),
    "excel-semicolon": ExportOptions(excel=True, delimiter=";"),
    "no-notes": ExportOptions(include_notes=False),
    "excel-no-notes": ExportOptions(excel=True, include_notes=False),
}

QUERIES = {
    "provisions": RecordQuery(include_provisions=True),
    "trash": RecordQuery(trash=True),
    "pledges-by-amount": RecordQuery(kinds=frozenset({"pledge"}), sort=SortKey.AMOUNT),
    "by-amount-desc": RecordQuery(sort=SortKey.AMOUNT, descending=True),
    "by-date": RecordQuery(sort=SortKey.DATE),
    "by-due-desc": RecordQuery(sort=SortKey.DUE, descending=True),
    "by-updated": RecordQuery(sort=SortKey.UPDATED),
    "by-kind": RecordQuery(sort=SortKey.KIND, descending=True),
    "by-status": RecordQuery(sort=SortKey.STATUS),
    "overdue": RecordQuery(overdue=True),
    "statuses": RecordQuery(statuses=frozenset({"announced", "partially_delivered"})),
    "search": RecordQuery(text="drones"),
    "search-ukrainian": RecordQuery(text="обʼєкт"),
    "party": RecordQuery(party="canada"),
    "tag": RecordQuery(tag="culture"),
    "status-changes-of-a-year": RecordQuery(
        event=EventFilter("status", date(2025, 1, 1), date(2025, 12, 31)), include_provisions=True
    ),
}


@pytest.fixture(scope="module")
def varied(
    seeded_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AccordsService]:
    """The seeded database, generated records and hand-made awkward ones; shared, read only."""
    path = tmp_path_factory.mktemp("varied") / "accords.sqlite3"
    shutil.copyfile(seeded_template, path)
    service = AccordsService.open(str(path), clock=lambda: FIXED_TODAY, actor="tester")
    generate(service, GENERATED, seed=11)
    _add_awkward_records(service)
    yield service
    service.close()


def _add_awkward_records(service: AccordsService) -> None:
    with service.db.writing() as session:
        for number, name in enumerate(AWKWARD_PARTIES):
            session.add(Party(slug=f"awkward-{number}", name=name, kind="state"))
        session.execute(update(Source).where(Source.id == 1).values(title='=Source, "one"'))
    for number, text in enumerate(AWKWARD_TEXTS):
        _awkward_pledge(service, number, text)
        _awkward_document(service, number, text)
    _huge_pledge(service)


def _huge_pledge(service: AccordsService) -> None:
    """More digits than Decimal's 28: SQL and Python must round the delivered sum alike."""
    pledge = service.records.create_record(
        "pledge", {"title": "Huge", "amount": "1234567890123456789012345678.25", "due": "2020"}
    )
    service.deliveries.add_delivery(
        pledge, delivered_on=None, amount="1234567890123456789012345678"
    )
    service.deliveries.add_delivery(pledge, delivered_on=None, amount="0.125")


def _awkward_pledge(service: AccordsService, number: int, text: str) -> None:
    parties = len(AWKWARD_PARTIES)
    measure = {"amount": f"{number}.{number:02d}"} if number % 3 else {"quantity": str(number)}
    pledge = service.records.create_record(
        "pledge",
        {
            "title": text,
            "currency_as_written": text if number % 2 else None,
            "unit": text if "quantity" in measure else None,
            "qualifier": ("about", "over", "up_to", None)[number % 4],
            "announced_on": "2024-02-29" if number % 2 else None,
            "due": ("2025-09", "2025-Q3", "2024", "2025-09-30", "2027-Q1")[number % 5],
            "donor": f"awkward-{number % parties}",
            "recipient": None if number % 4 == 0 else f"awkward-{(number + 1) % parties}",
            "categories": ["military", "financial"][: number % 3],
            **measure,
        },
    )
    _add_notes_and_deliveries(service, pledge, number)
    _add_quotes(service, pledge, number)
    if number % 5 == 4:
        service.records.delete_record(pledge)


def _awkward_document(service: AccordsService, number: int, text: str) -> None:
    parties = [f"awkward-{i}" for i in range(number % (len(AWKWARD_PARTIES) + 1))]
    document = service.records.create_record(
        "document",
        {
            "title": f"{text} (document)",
            "signed_on": f"20{10 + number}-0{1 + number % 9}-1{number % 10}",
            "tags": [text, "=tag", "b, c", "обʼєкт"][: number % 5],
            "parties": parties,
        },
    )
    if number % 2:
        service.notes.add_note(document, NOTES[number % len(NOTES)])
    if number % 6 == 5:
        service.records.delete_record(document)


def _add_notes_and_deliveries(service: AccordsService, pledge: int, number: int) -> None:
    # Rotated, so that each awkward note comes first (where neutralising applies) somewhere.
    for offset in range(number % 4):
        service.notes.add_note(pledge, NOTES[(number + offset) % len(NOTES)])
    if number % 3 == 1:
        service.deliveries.add_delivery(pledge, delivered_on="2025-01-01", amount="0.70")
        removed = service.deliveries.add_delivery(pledge, delivered_on="2025-02-01", amount="5")
        service.deliveries.remove_delivery(removed)
        service.deliveries.add_delivery(pledge, delivered_on="2025-03-01", amount="0.10")
    elif number % 3 == 0 and number % 2:
        service.deliveries.add_delivery(pledge, delivered_on=None, quantity=str(number))


def _add_quotes(service: AccordsService, pledge: int, number: int) -> None:
    source = service.sources.get_source(1 + number % 2)
    if number % 4 == 1:
        service.sources.annotate(source.id, 0, 12, record_id=pledge, field="amount")
    if number % 2:
        first = service.sources.annotate(source.id, 5, 30, record_id=pledge)
        service.sources.annotate(source.id, 40, 60, record_id=pledge)
        if number % 3 == 0:
            service.sources.remove_annotation(first.id)


def _both(service: AccordsService, folder: Path, options: ExportOptions) -> tuple[bytes, bytes]:
    """The bytes the paged Python export and the SQL export write for the same options."""
    expected, actual = folder / "paged.csv", folder / "sql.csv"
    expected_count = export_csv_paged(service, expected, options)
    actual_count = export_csv(service, actual, options)
    assert actual_count == expected_count
    return expected.read_bytes(), actual.read_bytes()


def test_the_varied_database_has_what_the_comparisons_need(
    varied: AccordsService, tmp_path: Path
) -> None:
    """Each awkward case below is really present, so byte equality means something."""
    expected, _ = _both(varied, tmp_path, ExportOptions(excel=True))
    assert expected.count(b"\r\n") > 1000
    for needle in (b"'=HYPERLINK", b"'@SUM", b"'+1", b'""quoted""', b"0.80", b"\xca\xbc"):
        assert needle in expected, needle
    assert b'"\'=Source, ""one"""' in expected
    assert b"'=Evil" in expected
    assert '""Inc""; @Київська'.encode() in expected  # parties, one with ", " in its name
    assert b",'\t=tab first," in expected
    assert b"\"'\r=carriage first" in expected
    assert b"1234567890123456789012345678.25,,,2020,yes,1234567890123456789012345678" in expected


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("scope", ["listed", "provisions"])
def test_profiles_match_the_paged_export(
    varied: AccordsService, tmp_path: Path, profile: str, scope: str
) -> None:
    """Default, Excel, other delimiters and no notes: identical bytes, BOM included."""
    options = PROFILES[profile]
    if scope == "provisions":
        options = ExportOptions(
            RecordQuery(include_provisions=True),
            options.excel,
            options.delimiter,
            options.include_notes,
        )
    expected, actual = _both(varied, tmp_path, options)
    assert actual == expected


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_match_the_paged_export(
    varied: AccordsService, tmp_path: Path, name: str, excel: bool
) -> None:
    """Filters, sort orders, search and the trash select and order the same records."""
    expected, actual = _both(varied, tmp_path, ExportOptions(QUERIES[name], excel=excel))
    assert actual == expected


@pytest.mark.parametrize("profile", ["default", "excel-semicolon"])
def test_selection_matches_the_paged_export(
    varied: AccordsService, tmp_path: Path, profile: str
) -> None:
    """A selection of ids, as the window exports selected rows; trashed ones stay out."""
    trashed = {row.id for row in varied.records.iter_records(RecordQuery(trash=True))}
    ids = frozenset(range(1, GENERATED, 7)) | trashed
    options = PROFILES[profile]
    selected = ExportOptions(RecordQuery(ids=ids), options.excel, options.delimiter)
    expected, actual = _both(varied, tmp_path, selected)
    assert actual == expected
    assert 100 < expected.count(b"\r\n") < len(ids)


def test_standard_output_matches(
    varied: AccordsService, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a target both write the same text to standard output."""
    options = ExportOptions(RecordQuery(kinds=frozenset({"pledge"})), excel=True)
    export_csv_paged(varied, None, options)
    expected = capsys.readouterr().out
    export_csv(varied, None, options)
    assert capsys.readouterr().out == expected


def test_progress_is_reported_alike(varied: AccordsService, tmp_path: Path) -> None:
    """The progress callback sees the same counts, every thousand records."""
    paged: list[int] = []
    sql: list[int] = []
    export_csv_paged(varied, tmp_path / "a.csv", ExportOptions(), progress=_counting(paged))
    export_csv(varied, tmp_path / "b.csv", ExportOptions(), progress=_counting(sql))
    assert sql == paged == [1000]


def _counting(counts: list[int], *, stop_at: int | None = None) -> Callable[[int], bool]:
    def progress(count: int) -> bool:
        counts.append(count)
        return count != stop_at

    return progress


def test_cancellation_keeps_the_earlier_file_and_ends_the_read(
    varied: AccordsService, tmp_path: Path
) -> None:
    """Cancelling leaves the old file byte-identical, no temporary file, no open read."""
    target = tmp_path / "out.csv"
    target.write_bytes(b"earlier export\r\n")
    counts: list[int] = []
    with pytest.raises(ExportCancelled):
        export_csv(varied, target, ExportOptions(), progress=_counting(counts, stop_at=1000))
    assert counts == [1000]
    assert target.read_bytes() == b"earlier export\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    assert varied.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_sqlite_export_reads_no_pages(
    varied: AccordsService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite one statement renders the lines; the listing is not paged through."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("export_csv paged through the listing")

    monkeypatch.setattr(varied.records, "list_page", refuse)
    assert export_csv(varied, tmp_path / "out.csv", ExportOptions()) > 1000


def test_invalid_delimiter_is_refused_before_reading(
    varied: AccordsService, tmp_path: Path
) -> None:
    """A delimiter outside csvfile.DELIMITERS fails as before, with nothing written or read."""
    with pytest.raises(ValueError, match="delimiter"):
        export_csv(varied, tmp_path / "out.csv", ExportOptions(delimiter="|"))
    assert list(tmp_path.iterdir()) == []
    assert varied.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_the_queries_compared_are_not_empty(varied: AccordsService) -> None:
    """Each comparison above exports some records, so that equal outputs mean something."""
    for name, query in QUERIES.items():
        assert varied.records.count_records(query) > 0, name
