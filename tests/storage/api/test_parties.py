"""The parties part: parties, roles, and a record's parties, signatories, relations,
categories, areas and provisions, each checked against the version the user saw."""

from __future__ import annotations

import pytest

from storage.api.parties import RelationEdit
from storage.api.records import Structure
from storage.errors import ConflictError, ValidationError
from storage.records.data import SignatoryView
from storage.records.query import RecordQuery
from storage.records.validation import MAX_AREA_CHARS, MAX_LABEL_CHARS
from storage.service import AccordsService

AGREEMENT = "agreement-on-security-cooperation"
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


def new_document(service: AccordsService, title: str = "Memorandum on demining") -> int:
    return service.records.create_record("document", {"title": title, "parties": ["Ukraine"]})


def label_of(service: AccordsService, record_id: int) -> str:
    """The parties column the records list shows for a record."""
    rows = service.records.list_records(RecordQuery(ids=frozenset({record_id})))
    return rows[0].parties


def version(service: AccordsService, record_id: int) -> int:
    return service.records.get_record(record_id).version


def party_names(service: AccordsService) -> set[str]:
    return {party.name for party in service.parties.list_parties()}


# -- parties -----------------------------------------------------------------------------


def test_create_party_with_parent(service: AccordsService) -> None:
    """A ministry is an organisation that belongs to its state; the same name twice is refused."""
    service.parties.create_party("Ministry of Defence of Ukraine", "organisation", "Ukraine")
    ministry = next(p for p in service.parties.list_parties() if p.name.startswith("Ministry of D"))
    assert (ministry.slug, ministry.parent) == ("ministry-of-defence-of-ukraine", "Ukraine")
    with pytest.raises(ValidationError, match="already a party"):
        service.parties.create_party("  ministry of defence OF ukraine ")


def test_rename_party_relabels_records_and_checks_version(service: AccordsService) -> None:
    """A rename shows in the records list at once; a rename from a stale version is refused."""
    record = new_document(service)
    party_id = service.parties.create_party("Germnay")
    service.parties.set_parties(record, version(service, record), ["Ukraine", "Germnay"])
    assert service.parties.rename_party(party_id, "Germany", 1) == 2
    assert label_of(service, record) == "Ukraine; Germany"
    with pytest.raises(ConflictError):
        service.parties.rename_party(party_id, "Deutschland", 1)
    assert "Deutschland" not in party_names(service)


# -- a record's parties and signatories ----------------------------------------------------


def test_set_parties_adds_a_new_party_and_keeps_the_label(service: AccordsService) -> None:
    record = new_document(service)
    seen = version(service, record)
    after = service.parties.set_parties(record, seen, ["ukraine", "Germany"])
    assert after == seen + 1
    assert service.records.get_record(record).parties == ("Ukraine", "Germany")
    assert label_of(service, record) == "Ukraine; Germany"
    assert "Germany" in party_names(service)


def test_a_stale_version_changes_nothing(service: AccordsService) -> None:
    """Every edit from a version the record no longer has is a conflict, and nothing moves."""
    record = new_document(service)
    stale = version(service, record)
    service.records.update_record(record, stale, {"summary": "changed elsewhere"})
    edits = [
        lambda: service.parties.set_parties(record, stale, ["Canada"]),
        lambda: service.parties.set_signatories(record, stale, []),
        lambda: service.parties.set_relations(record, stale, []),
        lambda: service.parties.set_areas(record, stale, ["demining"]),
        lambda: service.parties.add_provision(record, stale, "Article 1"),
    ]
    for edit in edits:
        with pytest.raises(ConflictError, match="changed elsewhere"):
            edit()
    detail = service.records.get_record(record)
    assert (detail.parties, detail.tags, detail.provisions) == (("Ukraine",), (), ())


def test_signatories_with_new_people_and_roles(service: AccordsService) -> None:
    record = new_document(service)
    signatories = [
        SignatoryView("Olaf Scholz", "Chancellor", "Germany"),
        SignatoryView("Volodymyr Zelensky", "President of Ukraine", "Ukraine"),
    ]
    service.parties.set_signatories(record, version(service, record), signatories)
    assert service.records.get_record(record).signatories == tuple(signatories)
    roles = service.parties.list_roles()
    assert SignatoryView("Olaf Scholz", "Chancellor", "Germany") in roles
    # The seed's President is found again, not added a second time.
    assert sum(role.person == "Volodymyr Zelensky" for role in roles) == 1


def test_a_refused_signatory_adds_nothing(service: AccordsService) -> None:
    """One transaction: a blank person refuses the edit, and the new party is not kept."""
    record = new_document(service)
    signatories = [SignatoryView("Jonas Gahr Støre", "Prime Minister", "Norway")]
    with pytest.raises(ValidationError):
        service.parties.set_signatories(
            record, version(service, record), [*signatories, SignatoryView(" ", "x", "Norway")]
        )
    assert "Norway" not in party_names(service)
    assert service.records.get_record(record).signatories == ()


def test_pledge_donor_may_be_a_new_party(service: AccordsService) -> None:
    fields = {"title": "Demining kits", "donor": "Norway", "recipient": "ukraine"}
    record = service.records.create_record("pledge", fields)
    assert label_of(service, record) == "Norway → Ukraine"
    service.records.update_record(record, version(service, record), {"donor": "Denmark"})
    assert label_of(service, record) == "Denmark → Ukraine"


# -- relations ------------------------------------------------------------------------------


def test_relations_by_title_kind(service: AccordsService) -> None:
    record = new_document(service)
    agreement = service.records.resolve_id(AGREEMENT)
    edits = [RelationEdit("implements", AGREEMENT), RelationEdit("part_of", agreement)]
    service.parties.set_relations(record, version(service, record), edits)
    relations = service.records.get_record(record).relations
    assert {(r.kind, r.outgoing, r.other_slug) for r in relations} == {
        ("implements", True, AGREEMENT),
        ("part_of", True, AGREEMENT),
    }
    incoming = service.records.get_record(agreement).relations
    assert ("part_of", False, record) in {(r.kind, r.outgoing, r.other_id) for r in incoming}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (RelationEdit("implements", "self"), "itself"),
        (RelationEdit("implements", SEPTEMBER), "not a document"),
        (RelationEdit("inspired_by", AGREEMENT), "must be one of"),
    ],
)
def test_bad_relations_are_refused(
    service: AccordsService, edit: RelationEdit, message: str
) -> None:
    record = new_document(service)
    other = record if edit.other == "self" else edit.other
    with pytest.raises(ValidationError, match=message):
        service.parties.set_relations(
            record, version(service, record), [edit._replace(other=other)]
        )
    assert service.records.get_record(record).relations == ()


# -- categories and areas -------------------------------------------------------------------


def test_free_categories_are_trimmed_and_merged(service: AccordsService) -> None:
    record = service.records.resolve_id(SEPTEMBER)
    values = ["  Military ", "MILITARY", "Mine  action", "mine action"]
    service.parties.set_categories(record, version(service, record), values)
    assert service.records.get_record(record).categories == ("Mine action", "military")
    assert "Mine action" in service.parties.suggestions("categories")
    assert "Mine action" in service.records.list_tags()  # the navigation's entries


def test_a_category_of_33_characters_is_refused_in_one_line(service: AccordsService) -> None:
    record = service.records.resolve_id(SEPTEMBER)
    before = service.records.get_record(record).categories
    with pytest.raises(ValidationError) as refused:
        service.parties.set_categories(record, version(service, record), ["x" * 33])
    message = str(refused.value)
    assert "\n" not in message
    assert "33 characters" in message and "limit is 32" in message
    assert service.records.get_record(record).categories == before
    service.parties.set_categories(record, version(service, record), ["x" * 32])
    assert service.records.get_record(record).categories == ("x" * 32,)


def test_areas_keep_the_spelling_in_use(service: AccordsService) -> None:
    """An area already in use keeps its spelling, and its length (the seed has a long one)."""
    record = new_document(service)
    long_area = "joint production of defense products"
    service.parties.set_areas(record, version(service, record), ["CUSTOMS", long_area.upper()])
    assert service.records.get_record(record).tags == ("customs", long_area)
    with pytest.raises(ValidationError, match="limit is 48"):
        service.parties.set_areas(record, version(service, record), ["y" * 49])
    service.parties.set_areas(record, version(service, record), ["y" * 48])
    assert service.records.get_record(record).tags == ("y" * 48,)


def test_every_seeded_area_and_category_is_within_its_limit(service: AccordsService) -> None:
    """A seeded label taken off its last record and put back (an undo) is a new label again:
    it must pass the limit a new one passes."""
    for row in service.records.list_records(RecordQuery()):
        held = service.records.get_record(row.id)
        assert all(len(tag) <= MAX_AREA_CHARS for tag in held.tags)
        assert all(len(category) <= MAX_LABEL_CHARS for category in held.categories)


def test_categories_only_for_pledges(service: AccordsService) -> None:
    record = new_document(service)
    with pytest.raises(ValidationError, match="has no categories"):
        service.parties.set_categories(record, version(service, record), ["military"])


# -- provisions ------------------------------------------------------------------------------


def test_add_provision_under_a_document(service: AccordsService) -> None:
    record = new_document(service)
    seen = version(service, record)
    provision, after = service.parties.add_provision(record, seen, "Article 1: demining teams")
    assert after == seen + 1
    detail = service.records.get_record(record)
    assert [(p.id, p.title, p.status) for p in detail.provisions] == [
        (provision, "Article 1: demining teams", "signed")
    ]
    assert service.records.get_record(provision).parent_id == record
    service.records.delete_record(provision)  # how the window undoes it
    assert service.records.get_record(record).provisions == ()


def test_create_document_with_its_structure_in_one_transaction(service: AccordsService) -> None:
    """A new document's signatories, relations and provisions come with it, or nothing does."""
    structure = Structure(
        signatories=(SignatoryView("Olaf Scholz", "Chancellor", "Germany"),),
        relations=(RelationEdit("implements", AGREEMENT),),
        provisions=("Article 1",),
    )
    fields = {"title": "Declaration of Berlin", "parties": ["Germany", "Ukraine"]}
    record = service.records.create_record("document", fields, structure=structure)
    detail = service.records.get_record(record)
    assert detail.signatories == structure.signatories
    assert [(r.kind, r.other_slug) for r in detail.relations] == [("implements", AGREEMENT)]
    assert [p.title for p in detail.provisions] == ["Article 1"]
    before = service.records.count_records()
    broken = Structure(relations=(RelationEdit("implements", SEPTEMBER),))
    fields = {"title": "Another", "parties": ["Estonia"]}
    with pytest.raises(ValidationError):
        service.records.create_record("document", fields, structure=broken)
    assert service.records.count_records() == before
    assert "Estonia" not in party_names(service)


@pytest.mark.parametrize(
    ("name", "kind", "parent"),
    [
        ("Ministry of Defence of Ukraine", "ministry", "Ukraine"),
        ("Ministry of Foreign Affairs of the Ukraine", "ministry", "Ukraine"),
        ("Export Development Agency of Canada", "organisation", "Canada"),
        ("European Investment Bank", "organisation", None),
        ("Republic of Moldova", "state", None),
    ],
)
def test_a_party_typed_new_is_what_its_name_says(
    service: AccordsService, name: str, kind: str, parent: str | None
) -> None:
    """Typed as a new party of a record, a ministry belongs to its state; others are states."""
    record = new_document(service)
    service.parties.set_parties(record, version(service, record), ["Ukraine", name])
    party = next(p for p in service.parties.list_parties() if p.name == name)
    assert (party.kind, party.parent) == (kind, parent)
