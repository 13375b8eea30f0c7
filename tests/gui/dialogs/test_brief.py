"""The PDF brief: page count, page size, the seeded quotes in the text; and its dialog."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from gui.dialogs import brief
from gui.dialogs.brief import BriefDialog, BriefOptions, describe_query, write_brief, write_options
from storage.errors import ValidationError
from storage.records.query import EventFilter, RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
FIXED_TODAY = date(2026, 11, 28)
A4_POINTS = QSizeF(595, 842)
LETTER_POINTS = QSizeF(612, 792)


class Pdf:
    """The pages, page sizes and text of a written PDF."""

    def __init__(self, path: Path) -> None:
        document = QPdfDocument()
        assert document.load(str(path)) == QPdfDocument.Error.None_
        self.pages = document.pageCount()
        self.sizes = [document.pagePointSize(page) for page in range(self.pages)]
        texts = [document.getAllText(page).text() for page in range(self.pages)]
        self.page_texts = texts
        self.text = re.sub(r"\s+", " ", " ".join(texts))
        document.close()


def test_one_record_brief_has_its_history_amounts_notes_and_quotes(
    qtbot: QtBot,
    service: AccordsService,
    tmp_path: Path,
) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    service.notes.add_note(september, "Asked the ministry for the delivery schedule.")
    service.records.change_status(september, "committed", comment="confirmed by the ministry")
    target = tmp_path / "out" / "brief.pdf"
    pages = write_brief(service, target, record_ids=[september])
    pdf = Pdf(target)
    assert pages == pdf.pages == 1
    assert "Drones, ammunition and armored vehicles to be received in September" in pdf.text
    assert "worth over $700 million" in pdf.text  # a supporting quote...
    assert "Ukraine and Canada signed two documents in the defense sector" in pdf.text  # ...source
    assert "over $700,000,000" in pdf.text and "overdue by 424 days" in pdf.text
    assert "Asked the ministry for the delivery schedule." in pdf.text
    assert "confirmed by the ministry" in pdf.text and "Committed" in pdf.text
    assert "accords.sqlite3" in pdf.text and "2026-11-28" in pdf.text  # the header
    assert "Page 1 of 1" in pdf.text
    assert [p.name for p in target.parent.iterdir()] == ["brief.pdf"]  # no partial file left


def test_a_brief_gives_the_day_a_status_took_effect(
    qtbot: QtBot, service: AccordsService, tmp_path: Path
) -> None:
    """A seeded document is signed since its signing day, not since the day of seeding."""
    plan = service.records.resolve_id("action-plan-security-cooperation")
    target = tmp_path / "plan.pdf"
    write_brief(service, target, record_ids=[plan])
    text = Pdf(target).text
    assert "Signed since 2025-08-24 (recorded " in text
    service.records.change_status(plan, "in_force", effective_on=date(2025, 10, 1))
    write_brief(service, target, record_ids=[plan])
    text = Pdf(target).text
    assert "In force since 2025-10-01 (recorded " in text
    assert "2025-10-01 Signed → In force" in text  # the history's day


def test_notes_are_rendered_from_their_markdown(
    qtbot: QtBot, service: AccordsService, tmp_path: Path
) -> None:
    """A note's heading, bold and list are typeset; none of their Markdown marks is printed."""
    september = service.records.resolve_id(SEPTEMBER)
    service.notes.add_note(
        september,
        "# Follow-up\n\nThe **Ministry** confirmed _two_ items:\n\n- drones\n- ammunition\n"
        "* armored `vehicles`\n",
    )
    target = tmp_path / "notes.pdf"
    write_brief(service, target, record_ids=[september])
    text = Pdf(target).text
    assert "Follow-up The Ministry confirmed two items:" in text
    assert "drones" in text and "ammunition" in text and "armored vehicles" in text
    notes = text[text.index("Follow-up") - 2 :]
    for mark in ("# ", "**", "_two_", "- drones", "* armored", "`"):
        assert mark not in notes, mark


def test_a_filter_brief_numbers_every_page(
    qtbot: QtBot, service: AccordsService, tmp_path: Path
) -> None:
    target = tmp_path / "all.pdf"
    pages = write_brief(service, target)
    pdf = Pdf(target)
    assert pages == pdf.pages > 1
    for number, text in enumerate(pdf.page_texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "accords.sqlite3" in text
    for title in (r.title for r in service.records.list_records()):
        assert re.sub(r"\s+", " ", title) in pdf.text
    assert "almost 22 billion Canadian dollars" in pdf.text
    assert "worth over $700 million" in pdf.text
    pledges = tmp_path / "pledges.pdf"
    write_brief(service, pledges, query=RecordQuery(kinds=frozenset({"pledge"})))
    only = Pdf(pledges)
    assert "Records: pledges" in only.text
    assert "Agreement on mutual administrative assistance" in pdf.text
    assert "Agreement on mutual administrative assistance" not in only.text
    assert only.pages < pdf.pages


def test_a4_and_letter_pages_differ(qtbot: QtBot, service: AccordsService, tmp_path: Path) -> None:
    a4, letter = tmp_path / "a4.pdf", tmp_path / "letter.pdf"
    write_brief(service, a4, page_size="A4")
    write_brief(service, letter, page_size="Letter")
    a4_pdf, letter_pdf = Pdf(a4), Pdf(letter)
    assert all(size == A4_POINTS for size in a4_pdf.sizes)
    assert all(size == LETTER_POINTS for size in letter_pdf.sizes)
    with pytest.raises(ValidationError):
        write_brief(service, tmp_path / "x.pdf", page_size="A3")  # type: ignore[arg-type]


def test_a_huge_filter_is_refused_before_writing(
    qtbot: QtBot,
    service: AccordsService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(brief, "MAX_BRIEF_RECORDS", 3)
    with pytest.raises(ValidationError, match="Narrow the filter"):
        write_brief(service, tmp_path / "big.pdf")
    assert not (tmp_path / "big.pdf").exists()


def test_the_dialog_offers_record_or_filter_and_a_page_size(
    qtbot: QtBot,
    service: AccordsService,
    tmp_path: Path,
) -> None:
    shown = RecordQuery(kinds=frozenset({"pledge"}), text="drones")
    dialog = BriefDialog(current_record_id=7, current_query=shown, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.isVisible() and dialog.scope_record.isChecked()
    dialog.page_size.setCurrentText("Letter")
    dialog.path.setText(str(tmp_path / "mine"))
    with qtbot.waitSignal(dialog.chosen, timeout=1000) as blocker:
        dialog.submit()
    target, options = blocker.args
    assert target == tmp_path / "mine.pdf"
    assert options == BriefOptions(record_ids=(7,), page_size="Letter")
    assert not dialog.isVisible()

    no_record = BriefDialog(current_record_id=None, current_query=shown, folder=tmp_path)
    qtbot.addWidget(no_record)
    assert not no_record.scope_record.isEnabled() and no_record.scope_filter.isChecked()
    assert no_record.options() == BriefOptions(query=shown, page_size="A4")
    no_record.path.setText("  ")
    no_record.submit()
    assert "Choose a file" in no_record.error.text()
    september = service.records.resolve_id(SEPTEMBER)
    written = write_options(
        service, tmp_path / "chosen.pdf", BriefOptions(record_ids=(september,), page_size="A4")
    )
    assert written == Pdf(tmp_path / "chosen.pdf").pages == 1


def test_queries_are_described_in_words() -> None:
    assert describe_query(RecordQuery()) == "Records: all"
    month = EventFilter.month("due", date(2025, 9, 1))
    assert describe_query(RecordQuery(event=month)) == (
        "Records: with a due period ending in September 2025"
    )
    text = describe_query(
        RecordQuery(statuses=frozenset({"being_implemented"}), party="canada", overdue=True)
    )
    assert text == "Records: status being implemented; party canada; overdue"
