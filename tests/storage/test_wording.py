"""The words for fields and counts: every editable field has a label; counts agree."""

from __future__ import annotations

import pytest

from storage.errors import ValidationError
from storage.records.validation import FIELDS_BY_KIND, coerce_changes
from storage.wording import FIELD_LABELS, field_label, plural


def test_every_editable_field_has_a_label() -> None:
    names = set().union(*FIELDS_BY_KIND.values())
    assert names <= set(FIELD_LABELS)


@pytest.mark.parametrize(("count", "text"), [(0, "0 pages"), (1, "1 page"), (1200, "1,200 pages")])
def test_plural_agrees_with_the_count(count: int, text: str) -> None:
    assert plural(count, "page", "pages") == text


def test_a_name_without_a_label_is_spaced_not_raw() -> None:
    assert field_label("person_name") == "Person name"


def test_a_validation_message_names_the_label() -> None:
    with pytest.raises(ValidationError) as refused:
        coerce_changes(next(iter(FIELDS_BY_KIND)), {"title": ""})
    assert str(refused.value) == "Title must not be empty"
    assert refused.value.field == "title"
