"""Sentences with their exact offsets."""

from __future__ import annotations

from storage.sources.sentences import sentences


def test_sentences_keep_exact_offsets_and_skip_abbreviations() -> None:
    text = "  Mr. Carney spoke. He paid 2.5 billion U.S. dollars!\n\nНовий абзац. Ще одне речення."
    found = sentences(text)
    assert [s.text for s in found] == [
        "Mr. Carney spoke.",
        "He paid 2.5 billion U.S. dollars!",
        "Новий абзац.",
        "Ще одне речення.",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_a_line_break_ends_a_headline() -> None:
    assert [s.text for s in sentences("date 2025-08-24\nA headline\nBody.")] == [
        "date 2025-08-24",
        "A headline",
        "Body.",
    ]


def test_a_pdf_line_break_inside_a_paragraph_does_not_cut_the_sentence() -> None:
    text = (
        "Canadian Prime Minister Mark Carney reported on August 24 that Ukraine will\n"
        "receive drones, ammunition, and armored vehicles worth over $700 million from\n"
        "his country in September.\n"
        "Short heading\n"
        "Next paragraph."
    )
    found = sentences(text)
    assert len(found) == 3
    assert found[0].text.endswith("in September.") and "\n" in found[0].text
    assert [s.text for s in found[1:]] == ["Short heading", "Next paragraph."]
