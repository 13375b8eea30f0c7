"""Figures as the text states them, in English, French and Ukrainian."""

from __future__ import annotations

from decimal import Decimal

import pytest

from storage.sources.amounts import Figure, currency_code, find_money, find_quantities, parse_number
from storage.sources.sentences import quote


def _money(text: str, language: str = "en") -> list[Figure]:
    return find_money(text, quote(text, 0, len(text)), language)


@pytest.mark.parametrize(
    ("text", "language", "value", "currency", "as_written", "qualifier"),
    [
        (
            "almost 22 billion Canadian dollars",
            "en",
            "22000000000",
            "CAD",
            "Canadian dollars",
            "almost",
        ),
        ("worth over $700 million", "en", "700000000", "", "$", "over"),
        ("up to US$1.5 billion", "en", "1500000000", "USD", "US$", "up_to"),
        ("about €300m", "en", "300000000", "EUR", "€", "about"),
        ("3 milliards de dollars canadiens", "fr", "3000000000", "CAD", "dollars canadiens", None),
        ("plus de 22 000 000 000 CAD", "fr", "22000000000", "CAD", "CAD", "over"),
        ("2 billions d'euros", "fr", "2000000000000", "EUR", "euros", None),
        ("3 мільярди канадських доларів", "uk", "3000000000", "CAD", "канадських доларів", None),
        ("понад 700 млн доларів", "uk", "700000000", "", "доларів", "over"),
        ("майже 1,5 млрд гривень", "uk", "1500000000", "UAH", "гривень", "almost"),
    ],
)
def test_money_reads_value_currency_and_qualifier(
    text: str, language: str, value: str, currency: str, as_written: str, qualifier: str | None
) -> None:
    [figure] = _money(text, language)
    assert figure.value == Decimal(value)
    assert (figure.currency, figure.as_written) == (currency, as_written)
    assert (figure.qualifier.value if figure.qualifier else None) == qualifier
    assert text[figure.quote.start : figure.quote.end] == figure.quote.text
    assert bool(figure.doubt) == (currency == "")


def test_an_equivalent_in_brackets_belongs_to_the_figure_before_it() -> None:
    text = "3 milliards de dollars canadiens (environ 2,2 milliards de dollars américains)"
    [figure] = _money(text, "fr")
    assert figure.equivalent is not None
    assert figure.equivalent.value == Decimal("2200000000")
    assert figure.equivalent.as_written == "dollars américains"
    assert figure.equivalent.quote.text == "environ 2,2 milliards de dollars américains"


def test_a_number_without_currency_is_no_money_but_may_be_a_quantity() -> None:
    text = "Canada has also accepted more than 300 000 Ukrainian refugees in 2024."
    assert _money(text) == []
    [figure] = find_quantities(text, quote(text, 0, len(text)), "en")
    assert (figure.value, figure.unit, figure.quote.text) == (
        Decimal(300000), "people", "more than 300 000 Ukrainian refugees",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("digits", "language", "value"),
    [("1,500", "en", "1500"), ("2.2", "en", "2.2"), ("2,2", "fr", "2.2"),
     ("1.000.000", "uk", "1000000"), ("22 000", "fr", "22000"), ("1,5", "uk", "1.5")],
)  # fmt: skip
def test_numbers_follow_the_language(digits: str, language: str, value: str) -> None:
    assert parse_number(digits, language) == Decimal(value)


def test_currency_words_map_to_codes_and_a_bare_dollar_to_none_of_them() -> None:
    assert currency_code("Canadian dollars") == "CAD"
    assert currency_code("доларів США") == "USD"
    assert currency_code("$") == currency_code("доларів") == ""
    assert currency_code("shells") is None
