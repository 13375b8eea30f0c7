"""The proposals dialog: each proposal described and ticked, its words highlighted, Apply sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dialogs.proposals import (
    SENTENCE_COLOUR,
    VALUE_COLOUR,
    ProposalsDialog,
    describe,
    shown_value,
    values_of,
)
from storage.records.data import SourceView
from storage.service import AccordsService
from storage.sources.proposals import Proposal
from tests.storage.api.test_imports import ARTICLE, proposals


def opened(
    qtbot: QtBot, service: AccordsService
) -> tuple[SourceView, list[Proposal], ProposalsDialog]:
    source = service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt").source
    offered = proposals(service)
    dialog = ProposalsDialog(source, offered)
    qtbot.addWidget(dialog)
    return source, offered, dialog


def test_accept_all_and_reject_all(qtbot: QtBot, service: AccordsService) -> None:
    source = service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt").source
    offered = proposals(service)
    dialog = ProposalsDialog(source, offered)
    qtbot.addWidget(dialog)
    dialog.reject_all()
    assert dialog.accepted_proposals() == []
    dialog.accept_all()
    assert dialog.accepted_proposals() == offered
    with qtbot.waitSignal(dialog.applyRequested) as sent:
        dialog.apply_accepted()
    assert sent.args == [source.id, offered]


def test_an_unticked_proposal_is_not_sent(qtbot: QtBot, service: AccordsService) -> None:
    source, offered, dialog = opened(qtbot, service)
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(dialog.applyRequested) as sent:
        dialog.apply_button.click()
    assert sent.args == [source.id, [offered[0], *offered[2:]]]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_current_proposal_is_highlighted_in_the_source(
    qtbot: QtBot, service: AccordsService
) -> None:
    _source, offered, dialog = opened(qtbot, service)
    dialog.list.setCurrentRow(1)
    marks = dialog.text.extraSelections()
    quoted = [(m.cursor.selectedText(), m.format.background().color()) for m in marks]
    proposal = offered[1]
    assert quoted[0] == (proposal.sentence.text, SENTENCE_COLOUR)
    assert quoted[1:] == [(v.quote.text, VALUE_COLOUR) for v in values_of(proposal)]
    dialog.show_proposal(-1)
    assert dialog.text.extraSelections() == []


def test_a_source_that_proposes_nothing_has_nothing_to_apply(
    qtbot: QtBot, service: AccordsService
) -> None:
    source = service.imports.import_source(b"Nothing here.", "n.txt").source
    dialog = ProposalsDialog(source, [])
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled() and dialog.list.count() == 0


def test_a_completion_is_named_by_the_title_given_else_by_its_id(service: AccordsService) -> None:
    completion = proposals(service)[0]
    assert completion.completes is not None
    named = describe(completion, {completion.completes: "Drones"})
    assert named.startswith(f"Completes “Drones” (#{completion.completes})")
    assert describe(completion, {}).startswith(f"Completes record #{completion.completes}")
    assert "CONFLICT" in named  # the held due date differs from the source's


def test_values_are_shown_as_the_language_writes_them() -> None:
    assert shown_value("2026-10-01") == "October 1, 2026"
    assert shown_value("700000000") == "700,000,000"
    assert shown_value("in_force") == "in force"
    assert shown_value("Carney said") == "Carney said"
