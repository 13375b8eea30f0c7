"""Checks on supplied values: what each accepts, how it normalises, and the field it names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from storage.errors import ValidationError
from storage.records.periods import Period
from storage.records.validation import (
    MAX_LABEL_CHARS,
    MAX_ROW_ID,
    categories,
    clean_text,
    coerce_changes,
    enum_value,
    free_labels,
    names_a_row,
    optional_currency,
    optional_date,
    optional_decimal,
    optional_enum,
    optional_period,
    optional_short_text,
    record_number,
    text_list,
)
from storage.schema.enums import Category, Qualifier, RecordKind


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (12, "must be text"),
        ("a\x00b", "NUL"),
        ("broken \ud800 text", "surrogate"),
        ("x" * 11, "the limit is 10"),
        ("   ", "must not be empty"),
    ],
)
def test_clean_text_refuses_with_the_field_named(value: object, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason) as raised:
        clean_text(value, "title", limit=10, required=True)
    assert raised.value.field == "title"


def test_clean_text_keeps_valid_text_as_given() -> None:
    assert clean_text("  Київ — Ottawa  ", "summary", limit=20) == "  Київ — Ottawa  "
    assert clean_text("", "summary", limit=20) == ""


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("12", (12, False)),
        ("#12", (12, True)),
        ("007", (7, False)),
        ("#0", (0, True)),
        ("9" * 25, (MAX_ROW_ID + 1, False)),
        ("²", None),
        ("12a", None),
        ("##1", None),
        ("", None),
    ],
)
def test_record_number_reads_ascii_digits_with_an_optional_mark(
    ref: str, expected: tuple[int, bool] | None
) -> None:
    assert record_number(ref) == expected


def test_names_a_row_only_within_sqlite_integers() -> None:
    assert [names_a_row(n) for n in (0, 1, MAX_ROW_ID, MAX_ROW_ID + 1, -3)] == [
        False,
        True,
        True,
        False,
        False,
    ]


def test_optional_values_read_empty_as_nothing() -> None:
    for check in (optional_short_text, optional_date, optional_decimal, optional_currency):
        assert check(None, "field") is None
        assert check("", "field") is None
    assert optional_enum(Qualifier, "", "qualifier") is None
    assert optional_period(None) is None


def test_optional_date_reads_iso_text_and_keeps_dates() -> None:
    assert optional_date(" 2025-08-24 ", "signed_on") == date(2025, 8, 24)
    assert optional_date(date(2024, 2, 29), "signed_on") == date(2024, 2, 29)
    with pytest.raises(ValidationError, match="2025-08-24"):
        optional_date("24/08/2025", "signed_on")
    with pytest.raises(ValidationError, match="must be a date, not int"):
        optional_date(20250824, "signed_on")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,234.50", Decimal("1234.50")),
        (" 700000000 ", Decimal(700_000_000)),
        (5, Decimal(5)),
        (Decimal("0.10"), Decimal("0.10")),
    ],
)
def test_optional_decimal_is_exact(value: object, expected: Decimal) -> None:
    result = optional_decimal(value, "amount")
    assert result == expected
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (1.5, "exact number"),
        (True, "exact number"),
        ([1], "must be a number, not list"),
        ("abc", "must be a number"),
        ("nan", "finite"),
        ("-5", "negative"),
        ("1e40", "out of range"),
        # A comma that does not group three digits is not dropped: "1,5" was read as 15.
        ("1,5", "must be a number, not '1,5'"),
        ("15,00", "must be a number"),
        ("1,50,000", "must be a number"),
    ],
)
def test_optional_decimal_refuses_what_is_not_exact_and_non_negative(
    value: object, reason: str
) -> None:
    with pytest.raises(ValidationError, match=reason) as raised:
        optional_decimal(value, "amount")
    assert raised.value.field == "amount"


def test_optional_currency_takes_iso_codes_in_any_case() -> None:
    assert optional_currency(" cad ") == "CAD"
    for bad in ("$", "CA", "CADX", 124):
        with pytest.raises(ValidationError, match="three-letter ISO code"):
            optional_currency(bad)


def test_enum_value_lists_what_is_allowed() -> None:
    assert enum_value(Qualifier, "over", "qualifier") is Qualifier("over")
    with pytest.raises(ValidationError) as raised:
        enum_value(Qualifier, "roughly", "qualifier")
    for member in Qualifier:
        assert member.value in str(raised.value)
    assert "'roughly'" in str(raised.value)


def test_optional_period_parses_text_and_refuses_other_types() -> None:
    assert optional_period("2025-09") == Period.parse("2025-09")
    kept = Period.parse("2026")
    assert optional_period(kept) is kept
    with pytest.raises(ValidationError, match="period"):
        optional_period(2025)


def test_text_list_trims_and_drops_duplicates_in_order() -> None:
    assert text_list(["b ", " a", "b"], "tags") == ("b", "a")
    with pytest.raises(ValidationError, match="must be a list"):
        text_list("a, b", "tags")
    with pytest.raises(ValidationError, match="must not be empty"):
        text_list(["a", " "], "tags")


def test_free_labels_merge_case_and_spacing_and_take_the_known_spelling() -> None:
    labels = free_labels(["De-mining ", "de-MINING", "new   label"], "areas", known=["De-Mining"])
    assert labels == ("De-Mining", "new label")


def test_free_labels_refuse_only_new_labels_that_are_too_long() -> None:
    long = "x" * (MAX_LABEL_CHARS + 1)
    assert free_labels([long], "areas", known=[long]) == (long,)
    with pytest.raises(ValidationError, match=f"the limit is {MAX_LABEL_CHARS}"):
        free_labels([long], "areas")


def test_categories_spell_the_closed_list_as_it_is() -> None:
    assert categories(["MILITARY", "Drones"]) == (Category.MILITARY.value, "Drones")


def test_coerce_changes_checks_each_field_of_the_kind() -> None:
    changes = coerce_changes(
        RecordKind.PLEDGE, {"title": "  Drones  ", "amount": "1,000", "currency": "usd"}
    )
    assert changes == {"title": "Drones", "amount": Decimal(1000), "currency": "USD"}
    with pytest.raises(ValidationError) as raised:
        coerce_changes(RecordKind.PROVISION, {"amount": "5"})
    assert raised.value.field == "amount"
    with pytest.raises(ValidationError, match="not both"):
        coerce_changes(RecordKind.PLEDGE, {"amount": "5", "quantity": "3"})
