"""The sources part: source texts, the records resting on them, aliases and annotations."""

from __future__ import annotations

import pytest

from storage.errors import NotFoundError, ValidationError
from storage.service import AccordsService

LETTER = "letter-of-intent-joint-defense-production"


def seeded_source(service: AccordsService) -> int:
    (source,) = service.sources.list_sources()
    return source.id


def test_the_seeded_source_is_listed_and_found_by_id_or_slug(service: AccordsService) -> None:
    (source,) = service.sources.list_sources()
    assert service.sources.source_titles() == [(source.id, source.title)]
    assert service.sources.get_source(source.id) == source
    assert service.sources.get_source(source.slug) == source
    with pytest.raises(NotFoundError):
        service.sources.get_source("no-such-source")


def test_records_and_their_sources_point_at_each_other(service: AccordsService) -> None:
    source = seeded_source(service)
    letter = service.records.resolve_id(LETTER)
    resting = service.sources.records_of_source(source)
    assert letter in resting and resting == sorted(resting)
    assert [s.id for s in service.sources.sources_of_record(letter)] == [source]
    service.records.delete_record(letter)
    assert letter not in service.sources.records_of_source(source)


def test_aliases_are_added_listed_and_removed(service: AccordsService) -> None:
    zelensky = next(a.owner_id for a in service.sources.list_aliases() if a.name == "Zelenskyy")
    added = service.sources.add_alias("person", zelensky, "Zelenskij")
    assert added.owner_name == "Volodymyr Zelensky"
    with pytest.raises(ValidationError, match="already a name"):
        service.sources.add_alias("person", zelensky, "ZELENSKIJ")
    assert "Zelenskij" in [a.name for a in service.sources.list_aliases("person", zelensky)]
    service.sources.remove_alias(added.id)
    assert "Zelenskij" not in [a.name for a in service.sources.list_aliases("person", zelensky)]


def test_find_named_reads_names_slugs_and_aliases(service: AccordsService) -> None:
    owner, zelensky = service.sources.find_named("Zelenskyy")
    assert owner == "person"
    assert service.sources.find_named("volodymyr zelensky") == ("person", zelensky)
    assert service.sources.find_named("canada")[0] == "party"
    with pytest.raises(NotFoundError, match="Nobody Atall"):
        service.sources.find_named("Nobody Atall")
    with pytest.raises(ValidationError, match="a person or a party"):
        service.sources.list_aliases("record", 1)


def test_an_annotation_quotes_its_selection_and_can_be_removed_and_restored(
    service: AccordsService,
) -> None:
    source = service.sources.get_source(seeded_source(service))
    letter = service.records.resolve_id(LETTER)
    start = source.text.index("Canada")
    made = service.sources.annotate(
        source.id, start, start + len("Canada"), record_id=letter, comment="who"
    )
    assert made.quote == "Canada" and made.record_id == letter
    assert made.prefix + "Canada" + made.suffix in source.text
    assert made in service.sources.annotations_for_source(source.id)
    edited = service.sources.edit_annotation_comment(made.id, "the donor")
    assert edited.comment == "the donor" and edited.quote == made.quote
    service.sources.remove_annotation(made.id)
    assert made.id not in {a.id for a in service.sources.annotations_for_source(source.id)}
    with pytest.raises(NotFoundError):
        service.sources.edit_annotation_comment(made.id, "gone")
    service.sources.restore_annotation(made.id)
    assert made.id in {a.id for a in service.sources.annotations_for_source(source.id)}


def test_a_selection_outside_the_text_is_refused(service: AccordsService) -> None:
    source = service.sources.get_source(seeded_source(service))
    before = service.sources.annotations_for_source(source.id)
    for start, end in ((-1, 4), (5, 5), (0, len(source.text) + 1)):
        with pytest.raises(ValidationError, match="outside the source text"):
            service.sources.annotate(source.id, start, end, record_id=None)
    with pytest.raises(NotFoundError):
        service.sources.annotate(999_999, 0, 1, record_id=None)
    assert service.sources.annotations_for_source(source.id) == before
