"""The catalogues (complete, placeholders kept, plural forms, the Ukrainian apostrophe), the
language choice, numbers and dates per language, and exports that never change with it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import i18n
from storage.wording import plural
from tools import catalogues

LANGUAGES = ("fr_CA", "uk")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]")
CYRILLIC = "а-яіїєґА-ЯІЇЄҐ"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """Each test leaves the process in English, as it found it."""
    yield
    i18n.install("en")


def messages(language: str) -> list[Message]:
    return [m for m in catalogues.read(catalogues.po_path(language)) if m.id]


def forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalog = catalogues.read(catalogues.po_path(language))
    left = [m.id for m in catalogues.unfinished(catalog)]
    assert left == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_message_of_the_template(language: str) -> None:
    template = {(m.context, ids(m)[0]) for m in catalogues.read(catalogues.TEMPLATE) if m.id}
    catalog = {(m.context, ids(m)[0]) for m in messages(language)}
    assert template == catalog


def test_the_template_holds_every_marked_message_of_the_sources() -> None:
    """`make catalogues` was run after the last change to a string."""
    extracted = {(m.context, ids(m)[0]) for m in catalogues.extract() if m.id}
    stored = {(m.context, ids(m)[0]) for m in catalogues.read(catalogues.TEMPLATE) if m.id}
    assert extracted == stored


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_the_same_in_the_translation(language: str) -> None:
    wrong = []
    for message in messages(language):
        wanted = sorted(PLACEHOLDER.findall(ids(message)[-1]))
        for text in forms(message):
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append((ids(message)[0], text))
    assert wrong == []


def test_ukrainian_uses_the_modifier_apostrophe() -> None:
    """U+02BC between letters (зобовʼязання), never the typewriter U+0027 or U+2019."""
    typed = re.compile(f"[{CYRILLIC}]['\u2019][{CYRILLIC}]")
    wrong = [text for m in messages("uk") for text in forms(m) if typed.search(text)]
    assert wrong == []
    assert any("\u02bc" in text for m in messages("uk") for text in forms(m))


def test_ukrainian_has_three_plural_forms_chosen_by_the_count() -> None:
    catalog: Catalog = catalogues.read(catalogues.po_path("uk"))
    assert catalog.num_plurals == 3
    catalogues.compile_all()
    assert i18n.install("uk") == "uk"
    assert plural(1, "record", "records") == "1 запис"
    assert plural(2, "record", "records") == "2 записи"
    assert plural(5, "record", "records") == "5 записів"
    assert plural(21, "record", "records") == "21 запис"
    assert plural(12, "record", "records") == "12 записів"


def test_french_plural_and_numbers() -> None:
    catalogues.compile_all()
    assert i18n.install("fr_CA") == "fr_CA"
    assert plural(1, "record", "records") == "1 fiche"
    assert plural(2_000, "record", "records") == "2\u00a0000 fiches"


@pytest.mark.parametrize(
    ("language", "amount", "day"),
    [
        ("en", "22,000,000,000 CAD", "August 24, 2025"),
        ("fr_CA", "22\u00a0000\u00a0000\u00a0000 CAD", "24 août 2025"),
        ("uk", "22\u00a0000\u00a0000\u00a0000 CAD", "24 серпня 2025\u202fр."),
    ],
)
def test_amounts_and_days_follow_the_language(language: str, amount: str, day: str) -> None:
    catalogues.compile_all()
    i18n.install(language)
    assert i18n.format_amount(Decimal(22_000_000_000), "CAD") == amount
    assert i18n.format_amount(Decimal(700_000_000), "$").startswith("$700")
    assert i18n.format_day(date(2025, 8, 24)) == day


@pytest.mark.parametrize(
    ("language", "typed", "read"),
    [
        ("en", "1,500,000.5", "1500000.5"),
        ("en", "1 500 000", "1500000"),  # SI spacing, common in Canadian English
        ("en", "1,5", "1,5"),  # not an English number: left for the service to refuse
        ("fr_CA", "1 500 000,5", "1500000.5"),
        ("fr_CA", "1\u202f500\u202f000", "1500000"),
        ("fr_CA", "1,5", "1.5"),  # a decimal comma: one and a half, never 15
        ("fr_CA", "700000000", "700000000"),
        ("uk", "22\u00a0000\u00a0000\u00a0000,25", "22000000000.25"),
        ("uk", "0,7312", "0.7312"),
        ("uk", "багато", "багато"),
        ("fr_CA", "", ""),
    ],
)
def test_numbers_are_read_as_the_language_writes_them(language: str, typed: str, read: str) -> None:
    i18n.install(language)
    assert i18n.read_number(typed) == read


@settings(max_examples=60, deadline=None)
@given(
    language=st.sampled_from(("en", *LANGUAGES)),
    value=st.decimals(min_value=0, max_value=10**15, places=4, allow_nan=False),
)
def test_a_number_shown_in_any_language_reads_back_as_itself(language: str, value: Decimal) -> None:
    """The Overview shows an amount with ``format_number`` and reads the edited text with
    ``read_number``: an untouched value must come back equal, or it would look edited."""
    i18n.install(language)
    assert Decimal(i18n.read_number(i18n.format_number(value))) == value
    exact = i18n.read_number(i18n.format_exact(value))
    assert Decimal(exact) == value and Decimal(exact).as_tuple() == value.as_tuple()


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "700,000,000.50"),
        ("fr_CA", "700\u00a0000\u00a0000,50"),
        ("uk", "700\u00a0000\u00a0000,50"),
    ],
)
def test_an_exact_number_keeps_every_digit_it_holds(language: str, written: str) -> None:
    i18n.install(language)
    assert i18n.format_exact(Decimal("700000000.50")) == written
    assert i18n.format_exact(Decimal("1E+3")) == i18n.format_number(1000)


@pytest.mark.parametrize(
    ("language", "first"),
    [
        ("en", "September 1, 2025"),
        ("fr_CA", "1er septembre 2025"),
        ("uk", "1 вересня 2025\u202fр."),
    ],
)
def test_the_first_of_a_month_is_written_as_the_language_writes_it(
    language: str, first: str
) -> None:
    catalogues.compile_all()
    try:
        i18n.install(language)
        assert i18n.format_day(date(2025, 9, 1)) == first
        assert i18n.format_day(date(2025, 9, 11)).startswith(("11", "September 11"))
    finally:
        i18n.install("en")


def test_the_system_language_comes_from_the_environment() -> None:
    assert i18n.system_language({"LANG": "fr_CA.UTF-8"}) == "fr_CA"
    assert i18n.system_language({"LANG": "fr_FR.UTF-8"}) == "fr_CA"  # the French offered
    assert i18n.system_language({"LANGUAGE": "uk:en", "LANG": "fr_CA.UTF-8"}) == "uk"
    assert i18n.system_language({"LANGUAGE": "de:uk"}) == "uk"
    assert i18n.system_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "en"


def test_the_setting_wins_over_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = tmp_path / i18n.SETTINGS_FILENAME
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert i18n.startup_language(settings) == "fr_CA"  # no settings file yet
    settings.write_text("[ui]\nlanguage=uk\n", encoding="utf-8")
    assert i18n.startup_language(settings) == "uk"
    settings.write_text("[ui]\nlanguage=\n", encoding="utf-8")  # "follow the system"
    assert i18n.startup_language(settings) == "fr_CA"
    settings.write_bytes(b"\xff\xfe not ini")
    assert i18n.startup_language(settings) == "fr_CA"


def test_titles_sort_ignoring_case_and_accents() -> None:
    titles = ["Zèbre", "école", "Ébauche", "eau", "Accord"]
    assert sorted(titles, key=i18n.sort_key) == ["Accord", "eau", "Ébauche", "école", "Zèbre"]
    ukrainian = ["Ясно", "Їжак", "Європа", "йод", "Ірпінь", "иній", "Ґанок", "Готель", "абетка"]
    assert sorted(ukrainian, key=i18n.sort_key) == [
        "абетка", "Готель", "Ґанок", "Європа", "иній", "Ірпінь", "Їжак", "йод", "Ясно"
    ]  # fmt: skip


@pytest.mark.slow
def test_exports_are_the_same_bytes_in_every_language(tmp_path: Path) -> None:
    """`accords export` (CSV, the only export) under LANG=fr_CA.UTF-8 and uk_UA.UTF-8 writes
    the bytes English writes, while its messages are in the language."""
    catalogues.compile_all()
    db = tmp_path / "accords.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("ACCORDS_DB", "LANGUAGE", "LC_ALL")}
    env.update(ACCORDS_DATA_DIR=str(tmp_path / "data"), PYTHONUTF8="1")
    command = [sys.executable, "-m", "storage.cli", "--db", str(db)]
    subprocess.run([*command, "seed"], env=env, check=True, capture_output=True, timeout=120)
    written = {}
    for lang in ("en_CA.UTF-8", "fr_CA.UTF-8", "uk_UA.UTF-8"):
        target = tmp_path / f"{lang}.csv"
        done = subprocess.run(
            [*command, "export", "--excel", str(target)],
            env={**env, "LANG": lang},
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        written[lang] = (target.read_bytes(), done.stdout.decode())
    assert written["fr_CA.UTF-8"][0] == written["en_CA.UTF-8"][0] == written["uk_UA.UTF-8"][0]
    # ...while what the command says to a person is in the language asked for.
    assert "fiches exportées" in written["fr_CA.UTF-8"][1]
    assert "Експортовано" in written["uk_UA.UTF-8"][1]
