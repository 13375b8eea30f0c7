"""Tests for text extraction: web pages without their menus, PDFs' text layers, encodings."""

from __future__ import annotations

import os
from datetime import date

import pytest

from storage.sources.extract import ExtractError, extract
from tests.storage.sources.files import pdf, web_page

ARTICLE = [
    "Germany will deliver 500 drones to Ukraine in 2026, the Ministry of Defence said on Monday.",
    "The package is worth 300 million euros, Minister Boris Pistorius told reporters in Kyiv.",
]
UKRAINIAN = (
    "Україна та Канада підписали угоду про співпрацю у сфері безпеки. Президент Володимир "
    "Зеленський повідомив, що Канада надасть допомогу на 500 мільйонів доларів у вересні."
)


def test_web_page_keeps_the_article_and_drops_menus_asides_and_footer() -> None:
    page = web_page("Germany pledges drones", ARTICLE, site="Ukrinform", day="2025-09-01")
    found = extract(page.encode("utf-8"), "page.html")
    assert ARTICLE[0] in found.text and ARTICLE[1] in found.text
    for chrome in ("Subscribe", "Most read", "Football", "All rights reserved", "Economy"):
        assert chrome not in found.text
    assert (found.title, found.publisher, found.published_on) == (
        "Germany pledges drones",
        "Ukrinform",
        date(2025, 9, 1),
    )
    assert (found.media_type, found.language, found.has_text) == ("text/html", "en", True)


def test_web_page_with_no_article_is_refused() -> None:
    links = "<ul><li><a href='/a'>Drones</a></li></ul>"
    page = web_page("Home", []).replace("<h1>Home</h1>", links)
    with pytest.raises(ExtractError, match=r"page.html is a web page with no article"):
        extract(page.encode("utf-8"), "page.html")


def test_pdf_text_layer_and_title() -> None:
    content = pdf(["Ukraine and Canada signed (today) an agreement.", "Page two."], title="Treaty")
    found = extract(content, "treaty.pdf")
    assert found.text == "Ukraine and Canada signed (today) an agreement.\n\nPage two."
    assert (found.title, found.pages, found.has_text) == ("Treaty", 2, True)


def test_scanned_pdf_has_no_text_and_says_so() -> None:
    found = extract(pdf(["", ""]), "scan.pdf")
    assert (found.text, found.has_text, found.pages) == ("", False, 2)


def test_encrypted_pdf_is_refused_but_one_any_reader_may_open_is_read() -> None:
    with pytest.raises(ExtractError, match=r"^secret.pdf is an encrypted PDF; nothing"):
        extract(pdf(["Secret text."], password="pw"), "secret.pdf")
    assert extract(pdf(["Open text."], password=""), "open.pdf").text == "Open text."


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_broken_pdf_is_refused(cut: float) -> None:
    content = pdf(["Some text."])
    with pytest.raises(ExtractError, match=r"^broken.pdf is not a readable PDF"):
        extract(content[: int(len(content) * cut)], "broken.pdf")


@pytest.mark.parametrize(
    ("encoding", "text", "language"),
    [
        ("cp1251", UKRAINIAN, "uk"),
        ("utf-16", UKRAINIAN, "uk"),
        ("cp1252", "Le Canada a annoncé une aide de 500 millions de dollars à l'Ukraine.", "fr"),
    ],
)
def test_text_file_encoding_is_detected(encoding: str, text: str, language: str) -> None:
    found = extract(text.encode(encoding), "report.txt")
    assert (found.text, found.language) == (text, language)


@pytest.mark.parametrize("content", [os.urandom(4096), bytes(range(256)) * 8])
def test_binary_file_named_txt_is_refused(content: bytes) -> None:
    with pytest.raises(ExtractError, match=r"^data.txt is not a text file"):
        extract(b"\x00" + content, "data.txt")


def test_text_offsets_do_not_depend_on_line_ends() -> None:
    """The same text with Windows line ends reads the same, so quotes keep their offsets."""
    unix = extract(b"First line.\n\n\n\nSecond line.  \n", "a.txt").text
    assert extract(b"First line.\r\n\r\n\r\nSecond line.\r\n", "b.txt").text == unix
    assert unix == "First line.\n\nSecond line."
