"""Seed records the detail tests open, and helpers that read the pane's editors."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
)

from gui.detail import DetailPane
from storage.service import AccordsService

ACTION_PLAN = "action-plan-security-cooperation"
LETTER = "letter-of-intent-joint-defense-production"
ASSISTANCE = "canada-assistance-since-2022"
REFUGEES = "canada-ukrainian-refugees-accepted"
DRONES = "september-2025-drones-ammunition-armored-vehicles"


def line(pane: DetailPane, field: str) -> QLineEdit:
    editor = pane.overview_tab.rows[field].editor
    assert isinstance(editor, QLineEdit)
    return editor


def show(pane: DetailPane, service: AccordsService, slug: str) -> int:
    record_id = service.records.resolve_id(slug)
    pane.show_record(record_id)
    return record_id


def commented_quote(service: AccordsService, slug: str, words: str, comment: str) -> int:
    """Annotate the first place ``words`` appear in the first source, with a comment."""
    source = service.sources.list_sources()[0]
    start = source.text.index(words)
    record_id = service.records.resolve_id(slug)
    annotation = service.sources.annotate(
        source.id, start, start + len(words), record_id=record_id, comment=comment, field="tags"
    )
    return annotation.id


def form_label(pane: DetailPane, field: str) -> str:
    """The text of the label the Overview puts beside a field's editor."""
    editor = pane.overview_tab.rows[field].editor
    labels = [w for w in pane.overview_tab.findChildren(QLabel) if w.buddy() is editor]
    assert len(labels) == 1
    return labels[0].text()
