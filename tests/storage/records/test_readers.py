"""A record's detail read from its rows: the listing row, quotes, history, notes and ledger."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from storage.records.readers import annotation_view, build_detail, source_view
from storage.schema.models import Annotation, Record, Source
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
TODAY = date(2026, 11, 28)


def detail_of(service: AccordsService, record_id: int, *, fts: bool) -> object:
    with service.db.reading() as session:
        record = session.get(Record, record_id)
        assert record is not None
        return build_detail(session, record, today=TODAY, fts=fts)


def test_the_detail_is_what_the_service_returns(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    fts = service.db.engine.dialect.name == "sqlite"
    assert detail_of(service, pledge, fts=fts) == service.records.get_record(pledge)


def test_the_detail_orders_quotes_by_place_and_ledger_by_day(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    service.deliveries.add_delivery(pledge, delivered_on="2025-10-02", amount="2")
    service.deliveries.add_delivery(pledge, delivered_on="2025-09-20", amount="1")
    service.notes.add_note(pledge, "one")
    service.records.change_status(pledge, "committed")
    detail = service.records.get_record(pledge)
    starts = [a.start for a in detail.annotations]
    assert starts == sorted(starts) and starts
    assert [d.delivered_on for d in detail.deliveries] == [date(2025, 9, 20), date(2025, 10, 2)]
    assert [n.body for n in detail.notes] == ["one"]
    assert [h.to_status for h in detail.history][-1] == "committed"
    assert detail.row.status == "committed"


def test_a_deleted_record_is_read_from_the_trash(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    service.records.delete_record(pledge)
    fts = service.db.engine.dialect.name == "sqlite"
    detail = detail_of(service, pledge, fts=fts)
    assert detail == service.records.get_record(pledge)
    assert service.records.get_record(pledge).row.deleted


def test_source_and_annotation_views_copy_their_rows(service: AccordsService) -> None:
    with service.db.reading() as session:
        source = session.scalars(select(Source)).first()
        annotation = session.scalars(select(Annotation)).first()
        assert source is not None and annotation is not None
        view, quoted = source_view(source), annotation_view(annotation)
        assert (view.id, view.slug, view.text, view.sha256) == (
            source.id,
            source.slug,
            source.text,
            source.sha256,
        )
        assert (quoted.start, quoted.end, quoted.quote) == (
            annotation.start_offset,
            annotation.end_offset,
            annotation.quote,
        )
        assert quoted.quote == source.text[quoted.start : quoted.end]
