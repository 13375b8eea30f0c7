"""The records part: status history, conflicts, validation, trash, search, filters, paging."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storage.errors import ConflictError, DatabaseError, NotFoundError, ValidationError
from storage.records.periods import Period, is_overdue
from storage.records.query import RecordQuery, SortKey
from storage.schema.enums import PledgeStatus, Precision
from storage.service import AccordsService

TODAY = date(2026, 11, 28)
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLEDGES = {
    "canada-assistance-since-2022",
    "canada-ukrainian-refugees-accepted",
    SEPTEMBER,
    "financing-joint-defense-production",
}


def slugs(service: AccordsService, query: RecordQuery) -> set[str]:
    """The slugs of the records a query lists."""
    return {row.slug for row in service.records.list_records(query)}


def new_document(service: AccordsService, **fields: Any) -> int:
    """Create a document with a title and the given fields."""
    return service.records.create_record("document", {"title": "A test document", **fields})


# -- status history --------------------------------------------------------------------


def test_status_change_appends_history(service: AccordsService) -> None:
    """Each status change adds a step with from, to, who and why."""
    record = service.records.resolve_id("agreement-on-security-cooperation")
    service.records.change_status(record, "in_force", comment="ratified by both")
    service.records.change_status(record, "being_implemented", comment="first steps")
    history = service.records.get_record(record).history
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, "signed"),
        ("signed", "in_force"),
        ("in_force", "being_implemented"),
    ]
    assert (history[1].changed_by, history[1].comment) == ("tester", "ratified by both")
    assert service.records.get_record(record).row.status == "being_implemented"


def test_change_to_same_status_is_refused(service: AccordsService) -> None:
    """Changing a record to the status it already has is a validation error."""
    record = service.records.resolve_id("agreement-on-security-cooperation")
    with pytest.raises(ValidationError):
        service.records.change_status(record, "signed")
    assert len(service.records.get_record(record).history) == 1


@pytest.mark.parametrize(
    ("slug", "status"),
    [
        ("agreement-on-security-cooperation", "announced"),
        (SEPTEMBER, "in_force"),
        (SEPTEMBER, "bogus"),
    ],
)
def test_status_of_wrong_kind_is_refused(service: AccordsService, slug: str, status: str) -> None:
    """A pledge status on a document, a document status on a pledge, or nonsense, is refused."""
    record = service.records.resolve_id(slug)
    before = service.records.get_record(record)
    with pytest.raises(ValidationError):
        service.records.change_status(record, status)
    after = service.records.get_record(record)
    assert (after.row.status, after.history) == (before.row.status, before.history)


def test_non_binding_document_cannot_await_ratification(service: AccordsService) -> None:
    """A non-binding instrument can neither start nor move to awaiting ratification."""
    with pytest.raises(ValidationError):
        service.records.create_record(
            "document",
            {"title": "Memo", "binding": "non_binding"},
            status="awaiting_ratification",
        )
    record = new_document(service, binding="non_binding")
    with pytest.raises(ValidationError):
        service.records.change_status(record, "awaiting_ratification")
    assert service.records.get_record(record).row.status == "signed"


def test_awaiting_ratification_document_cannot_become_non_binding(
    service: AccordsService,
) -> None:
    """Editing the binding cannot produce a non-binding document awaiting ratification."""
    record = new_document(service, binding="binding")
    service.records.change_status(record, "awaiting_ratification")
    version = service.records.get_record(record).version
    with pytest.raises(ValidationError):
        service.records.update_record(record, version, {"binding": "non_binding"})
    assert service.records.get_record(record).binding == "binding"


def test_stale_record_update_is_refused(service: AccordsService) -> None:
    """An update made against an old version raises ConflictError and overwrites nothing."""
    record = service.records.resolve_id("customs-mutual-administrative-assistance")
    seen = service.records.get_record(record).version
    service.records.update_record(record, seen, {"title": "First edit"})
    with pytest.raises(ConflictError):
        service.records.update_record(record, seen, {"title": "Second edit"})
    assert service.records.get_record(record).row.title == "First edit"


def test_stale_status_change_is_refused(service: AccordsService) -> None:
    """A status change against an old version raises ConflictError and changes nothing."""
    record = service.records.resolve_id("agreement-on-security-cooperation")
    seen = service.records.get_record(record).version
    service.records.update_record(record, seen, {"summary": "edited elsewhere"})
    with pytest.raises(ConflictError):
        service.records.change_status(record, "in_force", expected_version=seen)
    assert service.records.get_record(record).row.status == "signed"
    assert len(service.records.get_record(record).history) == 1


# -- creating and validating ---------------------------------------------------------------


def test_create_document(service: AccordsService) -> None:
    """A new document keeps its fields and starts its history as signed."""
    record = service.records.create_record(
        "document",
        {
            "title": "Memorandum on demining",
            "document_kind": "memorandum",
            "binding": "non_binding",
            "signed_on": "2025-08-24",
            "parties": ["ukraine", "Canada"],
            "tags": ["demining", "customs"],
        },
    )
    detail = service.records.get_record(record)
    assert detail.row.slug == "memorandum-on-demining"
    assert (detail.document_kind, detail.binding) == ("memorandum", "non_binding")
    assert detail.signed_on == date(2025, 8, 24)
    assert detail.parties == ("Ukraine", "Canada")
    assert set(detail.tags) == {"demining", "customs"}
    assert [(h.from_status, h.to_status) for h in detail.history] == [(None, "signed")]


def test_create_pledge(service: AccordsService) -> None:
    """A new pledge reads "1,500.50" exactly, upper-cases the currency and parses the quarter."""
    record = service.records.create_record(
        "pledge",
        {
            "title": "Generators",
            "amount": "1,500.50",
            "currency": "usd",
            "due": "2025-Q4",
            "donor": "canada",
            "recipient": "ukraine",
            "categories": ["humanitarian"],
        },
    )
    detail = service.records.get_record(record)
    assert detail.row.amount == Decimal("1500.50")
    assert detail.row.currency == "USD"
    assert detail.row.due == Period(date(2025, 10, 1), Precision.QUARTER)
    assert detail.row.status == "announced"
    assert (detail.donor, detail.recipient) == ("Canada", "Ukraine")
    assert detail.categories == ("humanitarian",)


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        pytest.param("document", {"title": "x", "signed_on": "2025-02-30"}, id="bad-date"),
        pytest.param("pledge", {"title": "x", "amount": "-5"}, id="negative-amount"),
        pytest.param("pledge", {"title": "x", "amount": 1.5}, id="float-amount"),
        pytest.param("pledge", {"title": "x", "currency": "$$"}, id="bad-currency"),
        pytest.param("document", {"title": "a\x00b"}, id="nul-in-title"),
        pytest.param("document", {"title": "   "}, id="blank-title"),
        pytest.param("pledge", {"title": "x", "due": "2025-13"}, id="bad-due"),
        pytest.param("pledge", {"title": "x", "donor": "a\x00b"}, id="bad-party-name"),
        pytest.param("document", {"title": "x", "amount": "5"}, id="pledge-field-on-document"),
    ],
)
def test_invalid_record_is_refused(
    service: AccordsService, kind: str, fields: dict[str, object]
) -> None:
    """Each invalid value raises ValidationError and creates nothing."""
    before = service.records.count_records()
    with pytest.raises(ValidationError):
        service.records.create_record(kind, fields)
    assert service.records.count_records() == before


def test_delete_and_restore(service: AccordsService) -> None:
    """A deleted record leaves the listing for the trash; restoring brings it back."""
    record = service.records.resolve_id(SEPTEMBER)
    service.records.delete_record(record)
    assert SEPTEMBER not in slugs(service, RecordQuery())
    assert slugs(service, RecordQuery(trash=True)) == {SEPTEMBER}
    service.records.restore_record(record)
    assert SEPTEMBER in slugs(service, RecordQuery())
    assert slugs(service, RecordQuery(trash=True)) == set()


def plain_tags(service: AccordsService) -> list[str]:
    """The areas and categories of every listed record, read record by record."""
    held: set[str] = set()
    for row in service.records.list_records(RecordQuery()):
        detail = service.records.get_record(row.id)
        held |= set(detail.tags) | set(detail.categories)
    return sorted(held, key=str.casefold)


def test_tags_in_use_follow_the_trash(service: AccordsService) -> None:
    """list_tags (each value tried from its index) equals reading every live record: a tag
    held only in the trash leaves, one also held elsewhere stays, and restoring brings it back."""
    only_here = new_document(service, title="Kept apart", tags=["apiculture", "customs"])
    service.records.create_record(
        "pledge", {"title": "Hives", "categories": ["other"], "donor": "canada"}
    )
    before = service.records.list_tags()
    assert before == plain_tags(service)
    assert {"apiculture", "customs", "other"} <= set(before)
    service.records.delete_record(only_here)
    assert "apiculture" not in service.records.list_tags()
    assert "customs" in service.records.list_tags()
    assert service.records.list_tags() == plain_tags(service)
    service.records.restore_record(only_here)
    assert service.records.list_tags() == before


def test_several_records_go_to_the_trash_and_back_together(service: AccordsService) -> None:
    """trash_records and restore_records move every record named, in one step each."""
    ids = [service.records.resolve_id(slug) for slug in sorted(PLEDGES)]
    service.records.trash_records(ids)
    assert slugs(service, RecordQuery(trash=True)) == PLEDGES
    assert not PLEDGES & slugs(service, RecordQuery())
    service.records.restore_records(ids)
    assert slugs(service, RecordQuery(trash=True)) == set()
    assert slugs(service, RecordQuery()) >= PLEDGES


def test_a_record_already_in_the_trash_refuses_the_whole_delete(service: AccordsService) -> None:
    """One record trashed meanwhile by another connection: nothing is deleted, and the
    message names that record; restoring a record no longer in the trash is refused alike."""
    ids = [service.records.resolve_id(slug) for slug in sorted(PLEDGES)]
    other = AccordsService.open(service.db.location, seed=False, actor="colleague")
    try:
        other.records.delete_record(ids[1])
    finally:
        other.close()
    title = service.records.get_record(ids[1]).row.title
    with pytest.raises(NotFoundError, match=f"“{title}” is already in the trash"):
        service.records.trash_records(ids)
    assert slugs(service, RecordQuery(trash=True)) == {sorted(PLEDGES)[1]}
    with pytest.raises(NotFoundError, match="is not in the trash; nothing was restored"):
        service.records.restore_records(ids)
    assert slugs(service, RecordQuery(trash=True)) == {sorted(PLEDGES)[1]}
    with pytest.raises(NotFoundError, match="There is no record 999999; nothing was deleted"):
        service.records.trash_records([ids[0], 999999])
    assert sorted(PLEDGES)[0] in slugs(service, RecordQuery())


def test_a_failure_midway_leaves_every_record_as_it_was(
    service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records of one action are one transaction: the third failing keeps the first two."""
    import storage.api.records as records_module

    ids = [service.records.resolve_id(slug) for slug in sorted(PLEDGES)]
    versions = {row.id: row.version for row in service.records.list_records(RecordQuery())}
    touch = records_module.touch

    def fail_on_the_third(record: Any) -> None:
        if record.id == ids[2]:
            raise DatabaseError("the disk is full")
        touch(record)

    monkeypatch.setattr(records_module, "touch", fail_on_the_third)
    with pytest.raises(DatabaseError):
        service.records.trash_records(ids)
    assert slugs(service, RecordQuery(trash=True)) == set()
    assert {row.id: row.version for row in service.records.list_records(RecordQuery())} == versions


UNICODE_TEXTS = [
    "Zoe\u0308 and Ame\u0301lie\u0301 sign a\u0300 la\u0302",
    "\u0627\u062a\u0641\u0627\u0642\u064a\u0629 \u200f\u05d4\u05e1\u05db\u05dd\u200f 2025",
    "Handshake \U0001f91d by \U0001f469\u200d\U0001f4bb \U0001f1fa\U0001f1e6",
    "the President\u02bcs Office",
]


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_unicode_round_trip(service: AccordsService, text: str) -> None:
    """Combining marks, right-to-left text, emoji and U+02BC come back exactly."""
    record = new_document(service, title=text, summary=text)
    note = service.notes.add_note(record, text)
    detail = service.records.get_record(record)
    assert detail.row.title == text
    assert detail.summary == text
    assert service.notes.get_note(note.id).body == text
    assert [
        row.title for row in service.records.list_records(RecordQuery(ids=frozenset({record})))
    ] == [text]


# -- full-text search ------------------------------------------------------------------------


def test_search_ignores_case_in_cyrillic(service: AccordsService) -> None:
    """A Ukrainian note is found by an upper-case query."""
    service.notes.add_note(service.records.resolve_id("customs-training"), "Київ підписав угоду")
    found = slugs(service, RecordQuery(text="КИЇВ", include_provisions=True))
    assert found == {"customs-training"}


def test_search_handles_modifier_apostrophe(service: AccordsService) -> None:
    """A note with "Presidentʼs Office" is found by "presidentʼs" and by "president"."""
    service.notes.add_note(
        service.records.resolve_id(SEPTEMBER), "Confirmed by the Presidentʼs Office"
    )
    assert slugs(service, RecordQuery(text="presidentʼs")) == {SEPTEMBER}
    assert SEPTEMBER in slugs(service, RecordQuery(text="president"))


@pytest.mark.parametrize("text", ["!!!", "...", "()", "*", '"', "NEAR(", 'NEAR("a" "b")', "a:b"])
def test_search_with_punctuation_or_operators_does_not_fail(
    service: AccordsService, text: str
) -> None:
    """Punctuation and FTS operator syntax in user text never raise."""
    assert service.records.list_records(RecordQuery(text=text)) is not None
    assert service.records.count_records(RecordQuery(text=text)) >= 0


@pytest.mark.parametrize("text", ["!!!", "...", "*", '"', "(", "-"])
def test_search_of_only_punctuation_finds_nothing(service: AccordsService, text: str) -> None:
    """A query with no word in it matches no record."""
    assert service.records.list_records(RecordQuery(text=text)) == []


# -- filters ----------------------------------------------------------------------------


def test_filter_by_kind_and_status(service: AccordsService) -> None:
    """Kinds and statuses narrow the listing."""
    assert slugs(service, RecordQuery(kinds=frozenset({"pledge"}))) == PLEDGES
    assert len(slugs(service, RecordQuery(kinds=frozenset({"document"})))) == 4
    assert len(slugs(service, RecordQuery(kinds=frozenset({"provision"})))) == 5
    assert slugs(service, RecordQuery(statuses=frozenset({"announced"}))) == {
        SEPTEMBER,
        "financing-joint-defense-production",
    }


def test_filter_by_party_includes_its_organisations(service: AccordsService) -> None:
    """Canada's records include those of its Department of National Defense."""
    letter = "letter-of-intent-joint-defense-production"
    assert letter in slugs(service, RecordQuery(party="canada"))
    assert slugs(service, RecordQuery(party="canada")) >= PLEDGES
    assert slugs(service, RecordQuery(party="department-of-national-defense-of-canada")) == {letter}


def test_filter_by_tag(service: AccordsService) -> None:
    """Areas of documents and categories of pledges are both tags."""
    assert slugs(service, RecordQuery(tag="cybersecurity")) == {"action-plan-security-cooperation"}
    assert slugs(service, RecordQuery(tag="military")) == {
        "canada-assistance-since-2022",
        SEPTEMBER,
        "financing-joint-defense-production",
    }


def test_overdue_filter(service: AccordsService) -> None:
    """Only the September 2025 pledge is overdue, until its full amount is delivered."""
    assert slugs(service, RecordQuery(overdue=True)) == {SEPTEMBER}
    service.deliveries.add_delivery(
        service.records.resolve_id(SEPTEMBER), delivered_on=None, amount="700000000"
    )
    assert slugs(service, RecordQuery(overdue=True)) == set()
    assert not service.records.get_record(SEPTEMBER).row.overdue


def test_not_overdue_before_the_due_month_ends(service: AccordsService) -> None:
    """On 2025-09-15 the September pledge is not yet overdue."""
    service.clock = lambda: date(2025, 9, 15)
    assert slugs(service, RecordQuery(overdue=True)) == set()
    assert not service.records.get_record(SEPTEMBER).row.overdue


# -- sorting and keyset pagination -----------------------------------------------------------


@pytest.fixture(scope="module")
def many_records(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AccordsService]:
    """About 60 pledges and a few documents with ties and missing values in every sort key."""
    path = tmp_path_factory.mktemp("paging") / "paging.sqlite3"
    service = AccordsService.open(str(path), seed=False, clock=lambda: TODAY, actor="tester")
    for i in range(60):
        fields: dict[str, object] = {"title": f"Pledge {i % 13:02d}"}
        if i % 4:
            fields["amount"] = str((i * 37) % 11 * 1000 + (i % 3) * Decimal("0.25"))
        if i % 5:
            fields["announced_on"] = date(2025, 1 + i % 6, 1 + i % 3)
        if i % 3:
            fields["due"] = ["2025-09", "2025-Q4", "2026", f"2025-{1 + i % 12:02d}-15"][i % 4]
        record = service.records.create_record("pledge", fields)
        if i % 7 == 0:
            service.records.change_status(record, "committed")
    for i in range(6):
        signed = {"signed_on": f"2025-0{1 + i % 3}-10"} if i % 2 else {}
        service.records.create_record("document", {"title": f"Document {i % 2}", **signed})
    yield service
    service.close()


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", list(SortKey), ids=[k.value for k in SortKey])
def test_keyset_pages_equal_one_big_page(
    many_records: AccordsService, key: SortKey, descending: bool
) -> None:
    """Paging by 7 with the cursor yields the one-page order exactly: no gaps, no repeats."""
    query = RecordQuery(sort=key, descending=descending)
    everything = [row.id for row in many_records.records.list_page(query, limit=10_000).rows]
    paged: list[int] = []
    after = None
    while True:
        page = many_records.records.list_page(query, limit=7, after=after)
        assert len(page.rows) <= 7
        paged += [row.id for row in page.rows]
        if page.cursor is None:
            break
        after = page.cursor
    assert len(everything) == 66
    assert paged == everything
    assert len(set(paged)) == len(paged)


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_search_pages_in_title_order_equal_the_filtered_path(
    service: AccordsService, descending: bool
) -> None:
    """A search alone in title order takes its own path (on PostgreSQL the search table's
    titles, migration 0012; on SQLite the title-ordered FTS table): paged by 4 it lists
    what the plain filtered path lists, ties on the title broken by id, the trash left out."""
    for i in range(15):
        record = service.records.create_record(
            "pledge", {"title": f"Grain corridor {i % 4}", "summary": "wheat shipments"}
        )
        if i % 5 == 0:
            service.records.delete_record(record)
    renamed = service.records.resolve_id(SEPTEMBER)
    held = service.records.get_record(renamed).version
    service.records.update_record(renamed, held, {"title": "Wheat, drones and vehicles"})
    alone = RecordQuery(text="wheat", sort=SortKey.TITLE, descending=descending)
    filtered = replace(alone, kinds=frozenset({"document", "pledge"}))  # the plain path
    plain = [row.id for row in service.records.list_page(filtered, limit=1000).rows]
    paged = [row.id for row in service.records.iter_records(alone, batch=4)]  # keyset pages
    assert len(plain) == 13 and renamed in plain
    assert paged == plain
    assert service.records.count_records(alone) == 13


def test_sorting_by_amount_orders_the_figures(many_records: AccordsService) -> None:
    """The amount sort puts records without a figure first, then figures in numeric order."""
    rows = many_records.records.list_page(RecordQuery(sort=SortKey.AMOUNT), limit=10_000).rows
    figures = [row.amount if row.amount is not None else Decimal(-1) for row in rows]
    assert figures == sorted(figures)


# -- the overdue rule in Python and in SQL -----------------------------------------------------

cents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)


@st.composite
def pledge_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A pledge's status, due period, figure and deliveries, often delivered to the cent."""
    deliveries = draw(st.lists(cents, max_size=4))
    delivered = sum(deliveries, Decimal(0))
    pledged = draw(
        st.one_of(
            st.none(),
            cents,
            st.sampled_from([Decimal("-0.01"), Decimal(0), Decimal("0.01")]).map(
                lambda step: max(delivered + step, Decimal("0.01"))
            ),
        )
    )
    return {
        "status": draw(st.sampled_from([s.value for s in PledgeStatus])),
        "due": draw(
            st.sampled_from([None, "2025-09", "2026-11-27", "2026-11-28", "2026-Q4", "2027"])
        ),
        "pledged": pledged,
        "deliveries": deliveries,
    }


def test_python_and_sql_overdue_rules_agree() -> None:
    """periods.is_overdue and the listing's overdue flag agree for any pledge."""
    with tempfile.TemporaryDirectory() as folder:
        service = AccordsService.open(
            str(Path(folder) / "overdue.sqlite3"), seed=False, clock=lambda: TODAY, actor="t"
        )

        @settings(max_examples=40, deadline=None, derandomize=True, database=None)
        @given(pledge_cases())
        @example(
            {
                "status": "announced",
                "due": "2025-09",
                "pledged": Decimal("0.80"),
                "deliveries": [Decimal("0.70"), Decimal("0.10")],
            }
        )
        def check(case: dict[str, Any]) -> None:
            fields: dict[str, object] = {"title": "Pledge", "due": case["due"]}
            if case["pledged"] is not None:
                fields["amount"] = str(case["pledged"])
            record = service.records.create_record("pledge", fields)
            for amount in case["deliveries"]:
                service.deliveries.add_delivery(record, delivered_on=None, amount=str(amount))
            if case["status"] != "announced":
                service.records.change_status(record, case["status"])
            due = Period.parse(case["due"]).end if case["due"] else None
            expected = is_overdue(
                status=case["status"],
                due_end=due,
                pledged=case["pledged"],
                delivered=sum(case["deliveries"], Decimal(0)),
                delivery_count=len(case["deliveries"]),
                today=TODAY,
            )
            (row,) = service.records.list_page(RecordQuery(ids=frozenset({record})), limit=2).rows
            assert row.overdue == expected, case
            assert (
                record in {r.id for r in service.records.list_records(RecordQuery(overdue=True))}
            ) == (expected)

        try:
            check()
        finally:
            service.close()
