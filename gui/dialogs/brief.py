"""A printable PDF brief of records, and the non-modal dialog that asks what to put in it.

The brief is a QTextDocument built from HTML (titles, status and history, amounts, notes,
and the quotes that support each field with the title of their source), laid out on A4 or
Letter pages and painted onto a QPdfWriter with a header (database name and date) and a
page number on every page. It is written to a temporary file beside the target first, so
a failed write never leaves half a PDF where the user asked for one.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.forms import error_label, finish_save_dialog
from storage.errors import ValidationError
from storage.i18n import N_, _, format_number, pgettext
from storage.records.data import (
    QUALIFIER_WORDS,
    RecordDetail,
    RecordRow,
    amount_text,
    format_amount,
)
from storage.records.query import RecordQuery
from storage.schema.enums import Qualifier, label
from storage.service import AccordsService
from storage.wording import plural

PageSizeName = Literal["A4", "Letter"]
PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
MAX_BRIEF_RECORDS = 500
RESOLUTION_DPI = 300
MARGIN_MM = 18.0
BODY_POINTS = 10.0
HEADER_POINTS = 8.0
INK = QColor("#111111")
MUTED = QColor("#555555")
STYLE = """
h1 { font-size: 17pt; margin-bottom: 2pt; }
h2 { font-size: 14pt; margin-top: 14pt; margin-bottom: 2pt; }
h3 { font-size: 11pt; margin-top: 8pt; margin-bottom: 2pt; color: #333333; }
h4 { font-size: 10pt; font-weight: bold; }
p { margin-top: 2pt; margin-bottom: 4pt; }
.meta { color: #555555; }
.late { color: #a11d1d; font-weight: bold; }
blockquote { margin-left: 14pt; margin-top: 3pt; margin-bottom: 3pt; }
.cite { color: #555555; font-size: 9pt; }
th { text-align: left; color: #333333; padding-right: 30px; }
td { padding-right: 30px; }
"""
NOTE_HEADING = re.compile(r"<(/?)h[1-6]\b")
NOTE_FONT_SIZE = re.compile(r'(style="[^"]*?)\s*font-size:[^;"]*;?')
# Qt does not move the first line after a table to the next page when it crosses the page
# end; an empty one-point paragraph takes that place, so no visible line is ever cut.
AFTER_TABLE = '<p style="font-size: 1pt; margin: 0px">&nbsp;</p>'
# The kinds a filter names, as a brief's heading lists them ("Records: pledges").
KIND_PLURALS = {"document": N_("documents"), "provision": N_("provisions"), "pledge": N_("pledges")}
FIELD_NAMES = {
    "record": N_("the record"),
    "currency_as_written": N_("currency as written"),
    "equivalent_amount": N_("equivalent"),
    "equivalent_as_written": N_("equivalent as written"),
    "signed_on": N_("signing date"),
    "announced_on": N_("announcement date"),
    "announced_by": N_("announced by"),
}


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """What a brief holds: the given records, or those a query matches; and its page size."""

    query: RecordQuery | None = None
    record_ids: tuple[int, ...] | None = None
    page_size: PageSizeName = "A4"


def write_brief(
    service: AccordsService,
    target: Path,
    *,
    query: RecordQuery | None = None,
    record_ids: Sequence[int] | None = None,
    page_size: PageSizeName = "A4",
) -> int:
    """Write a PDF brief of ``record_ids`` (in that order) or of the records ``query``
    matches (all records when neither is given); returns the number of pages written.

    Must run on the GUI thread (it lays out text with the application's fonts).
    """
    if page_size not in PAGE_SIZES:
        raise ValidationError(
            _("page size must be A4 or Letter, not {page_size!r}").format(page_size=page_size)
        )
    details = _details(service, query=query, record_ids=record_ids)
    scope = (
        _("Chosen records") if record_ids is not None else describe_query(query or RecordQuery())
    )
    document_html = brief_html(service, details, scope=scope)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        pages = _paint(service, document_html, partial, page_size)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return pages


def write_options(service: AccordsService, target: Path, options: BriefOptions) -> int:
    """``write_brief`` with what a ``BriefDialog`` chose."""
    return write_brief(
        service,
        target,
        query=options.query,
        record_ids=options.record_ids,
        page_size=options.page_size,
    )


def describe_query(query: RecordQuery) -> str:
    """ "Records shown: pledges, status announced, party canada, matching 'drones'"."""
    parts: list[str] = []
    if query.trash:
        parts.append(_("in the trash"))
    if query.kinds:
        parts.append(", ".join(sorted(_(KIND_PLURALS[kind]) for kind in query.kinds)))
    if query.statuses:
        parts.append("status " + " or ".join(label(s).lower() for s in sorted(query.statuses)))
    if query.party:
        parts.append(f"party {query.party}")
    if query.tag:
        parts.append(_("area or category '{tag}'").format(tag=query.tag))
    if query.overdue:
        parts.append("overdue")
    if query.ids is not None:
        parts.append(plural(len(query.ids), "chosen record", "chosen records"))
    if query.event is not None:
        parts.append(query.event.describe())
    if query.text.strip():
        parts.append(_("matching '{strip}'").format(strip=query.text.strip()))
    return _("Records: ") + ("; ".join(parts) if parts else "all")


def brief_html(service: AccordsService, details: Sequence[RecordDetail], *, scope: str) -> str:
    """The brief as HTML for QTextDocument: a title block, then one section per record."""
    sources = {s.id: s.title for s in service.sources.list_sources()}
    today = service.clock()
    count = len(details)
    parts = [
        _("<h1>Accords brief</h1>"),
        _('<p class="meta">{e} — {plural}; prepared {isoformat} from {e2}</p>').format(
            e=_e(scope),
            plural=plural(count, "record", "records"),
            isoformat=today.isoformat(),
            e2=_e(Path(service.db.location).name),
        ),
    ]
    if not details:
        parts.append(_("<p>No records match.</p>"))
    for index, detail in enumerate(details):
        if index:
            parts.append("<hr/>")
        parts.append(_record_html(detail, sources, today))
    return "\n".join(parts)


# -- the dialog ---------------------------------------------------------------------------


class BriefDialog(QDialog):
    """Asks for the brief's scope (current record or current filter), page size and file.

    Non-modal: open it with ``.open()``; it emits ``chosen(Path, BriefOptions)`` and closes.
    """

    chosen = Signal(Path, object)  # target file, BriefOptions

    def __init__(
        self,
        *,
        current_record_id: int | None,
        current_query: RecordQuery,
        folder: Path | None = None,
        page_size: PageSizeName = "A4",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print brief to PDF"))
        self.current_record_id = current_record_id
        self.current_query = current_query
        self.scope_record = QRadioButton(_("The current record"))
        self.scope_record.setEnabled(current_record_id is not None)
        self.scope_filter = QRadioButton(_("The records shown (current view, filter and search)"))
        (self.scope_record if current_record_id is not None else self.scope_filter).setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.scope_record)
        group.addButton(self.scope_filter)
        self.page_size = QComboBox()
        self.page_size.setAccessibleName(_("Page size"))
        for name in PAGE_SIZES:
            self.page_size.addItem(pgettext("page size", name), name)
        self.page_size.setCurrentIndex(max(self.page_size.findData(page_size), 0))
        start = (folder or Path.home()) / "accords-brief.pdf"
        self.path = QLineEdit(str(start))
        self.path.setAccessibleName(_("File to write"))
        self.error = error_label()
        form = QFormLayout()
        scope = QVBoxLayout()
        scope.addWidget(self.scope_record)
        scope.addWidget(self.scope_filter)
        form.addRow(_("Print"), scope)
        form.addRow(_("Page size"), self.page_size)
        finish_save_dialog(
            self,
            form,
            path=self.path,
            error=self.error,
            submit=self.submit,
            title=_("Print brief to PDF"),
            file_filter=_("PDF files (*.pdf)"),
            suffix="pdf",
        )

    def options(self) -> BriefOptions:
        """The brief the dialog describes now."""
        size: PageSizeName = "Letter" if self.page_size.currentData() == "Letter" else "A4"
        if self.scope_record.isChecked() and self.current_record_id is not None:
            return BriefOptions(record_ids=(self.current_record_id,), page_size=size)
        return BriefOptions(query=self.current_query, page_size=size)

    def submit(self) -> None:
        """Emit ``chosen`` and close, or say what is missing."""
        text = self.path.text().strip()
        if not text:
            self.error.setText(_("Choose a file to write."))
            return
        target = Path(text).expanduser()
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self.chosen.emit(target, self.options())
        self.accept()


# -- building ----------------------------------------------------------------------------


def _details(
    service: AccordsService, *, query: RecordQuery | None, record_ids: Sequence[int] | None
) -> list[RecordDetail]:
    if record_ids is not None:
        ids: Iterable[int] = list(dict.fromkeys(record_ids))
    else:
        chosen = query or RecordQuery()
        total = service.records.count_records(chosen)
        if total > MAX_BRIEF_RECORDS:
            raise ValidationError(
                _(
                    "the filter matches {total} records; a brief holds at most "
                    "{most}. Narrow the filter and try again."
                ).format(total=format_number(total), most=format_number(MAX_BRIEF_RECORDS))
            )
        ids = [row.id for row in service.records.iter_records(chosen)]
    return [service.records.get_record(record_id) for record_id in ids]


def _record_html(detail: RecordDetail, sources: dict[int, str], today: date) -> str:
    row = detail.row
    kind = label(row.kind)
    if row.kind == "document" and detail.document_kind:
        kind = label(detail.document_kind)
    status = _("{label} since {isoformat} (recorded {isoformat2})").format(
        label=label(row.status),
        isoformat=detail.status_since.isoformat(),
        isoformat2=detail.status_recorded.date().isoformat(),
    )
    parts = [
        f"<h2>{_e(row.title)}</h2>",
        f'<p class="meta">{_e(kind)} · <b>{_e(status)}</b> · {_e(row.slug)}'
        + (_(" · in the trash") if row.deleted else "")
        + "</p>",
    ]
    facts = _facts(detail, today)
    if facts:
        cells = "".join(f'<tr><th width="20%">{_e(k)}</th><td>{v}</td></tr>' for k, v in facts)
        parts.append(_table(cells))
    if detail.summary.strip():
        parts.append(f"<p>{_text(detail.summary)}</p>")
    if detail.provisions:
        items = "".join(
            f"<li>{_e(p.title)} — {_e(label(p.status))}</li>" for p in detail.provisions
        )
        parts.append(_("<h3>Provisions</h3><ul>{items}</ul>").format(items=items))
    if detail.deliveries:
        unit = row.currency or row.currency_as_written or row.unit
        rows = "".join(
            f"<tr><td>{_e(d.delivered_on.isoformat() if d.delivered_on else 'date unknown')}</td>"
            f"<td>{_e(_figure(d.amount if d.amount is not None else d.quantity, unit))}</td>"
            f"<td>{_text(d.note)}</td></tr>"
            for d in detail.deliveries
        )
        parts.append(
            _("<h3>Deliveries</h3>") + _table(_head(_("Date"), _("Delivered"), _("Note")) + rows)
        )
    if detail.history:
        rows = "".join(
            f"<tr><td>{_e(h.effective_on.isoformat())}</td>"
            f"<td>{_e(label(h.from_status) + ' → ' if h.from_status else '')}"
            f"{_e(label(h.to_status))}</td><td>{_e(h.changed_by)}</td>"
            f"<td>{_e(h.changed_at.date().isoformat())}</td>"
            f"<td>{_text(' — '.join(t for t in (h.comment, h.evidence) if t.strip()))}</td></tr>"
            for h in detail.history
        )
        head = _head(_("Took effect"), _("Status"), _("By"), _("Recorded"), _("Comment"))
        parts.append(_("<h3>Status history</h3>") + _table(head + rows))
    if detail.notes:
        parts.append(_("<h3>Notes</h3>"))
        for note in detail.notes:
            who = f"{note.author}, " if note.author else ""
            parts.append(
                f'<p class="meta">{_e(who)}{_e(note.updated_at.date().isoformat())}</p>'
                + _markdown(note.body)
            )
    if detail.annotations:
        parts.append(_("<h3>Supporting quotes</h3>"))
        for annotation in detail.annotations:
            field = _(FIELD_NAMES.get(annotation.field or "record", annotation.field or "record"))
            source = sources.get(annotation.source_id, f"source {annotation.source_id}")
            comment = f" — {_text(annotation.comment)}" if annotation.comment.strip() else ""
            parts.append(
                f"<blockquote><i>“{_text(annotation.quote)}”</i><br/>"
                f'<span class="cite">{_e(field.replace("_", " "))} · {_e(source)}'
                f"{comment}</span></blockquote>"
            )
    return "\n".join(parts)


def _facts(detail: RecordDetail, today: date) -> list[tuple[str, str]]:
    row = detail.row
    facts: list[tuple[str, str]] = []

    def add(name: str, value: object) -> None:
        if value not in (None, "", ()):
            facts.append((name, _e(str(value))))

    if row.kind == "document":
        add(_("Binding"), label(detail.binding) if detail.binding else None)
        add(_("Signed on"), detail.signed_on or "unknown")
        add(_("Parties"), ", ".join(detail.parties))
        add(
            _("Signatories"),
            "; ".join(f"{s.person}, {s.title} ({s.party})" for s in detail.signatories)
            or _("none recorded"),
        )
        add(_("Areas"), ", ".join(detail.tags))
    elif row.kind == "pledge":
        add(_("From → to"), f"{detail.donor or '?'} → {detail.recipient or '?'}")
        add(_("Pledged"), _pledged(row) or _("no figure given"))
        if detail.equivalent_amount is not None:
            add(
                _("Stated equivalent"),
                format_amount(
                    detail.equivalent_amount, None, None, as_written=detail.equivalent_as_written
                ),
            )
        if row.amount is not None or row.quantity is not None:
            unit = row.currency or row.currency_as_written or row.unit
            add(_("Delivered"), _figure(row.delivered or Decimal(0), unit))
            add(_("Outstanding"), _figure(detail.remainder, unit))
        add(_("Announced"), _announced(detail))
        add(_("Under"), detail.from_document)
        add(_("Categories"), ", ".join(label(c) for c in detail.categories))
    if row.due is not None:
        due = _("{due} (by {isoformat})").format(due=row.due, isoformat=row.due.end.isoformat())
        if row.overdue:
            late = (today - row.due.end).days
            facts.append(
                (
                    _("Due"),
                    _('{e} <span class="late">overdue by {plural}</span>').format(
                        e=_e(due), plural=plural(late, "day", "days")
                    ),
                )
            )
        else:
            add(_("Due"), due)
    return facts


def _announced(detail: RecordDetail) -> str:
    when = detail.announced_on.isoformat() if detail.announced_on else ""
    return ", ".join(part for part in (when, detail.announced_by or "") if part)


def _figure(value: Decimal | None, unit: str | None) -> str:
    return "" if value is None else amount_text(value, unit or "")


def _pledged(row: RecordRow) -> str:
    """ "over $700,000,000", "almost 22,000,000,000 CAD", "over 300,000 people"."""
    marked = QUALIFIER_WORDS.get(Qualifier(row.qualifier)) if row.qualifier else None
    words = pgettext(*marked) if marked and marked[1] else ""
    if row.amount is not None:
        figure = _figure(row.amount, row.currency or row.currency_as_written)
    else:
        figure = _figure(row.quantity, row.unit)
    return " ".join(part for part in (words, figure) if part)


def _head(*names: str) -> str:
    return "<tr>" + "".join(f"<th>{_e(name)}</th>" for name in names) + "</tr>"


def _table(rows: str) -> str:
    return f'<table cellspacing="0" cellpadding="1">{rows}</table>{AFTER_TABLE}'


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _text(text: str) -> str:
    """Plain text with line breaks."""
    return "<br/>".join(_e(line) for line in text.strip().splitlines())


def _markdown(text: str) -> str:
    """A note's Markdown as HTML, read as the Notes preview reads it, its headings made the
    brief's note headings (below a record's own) and sized by the brief's style."""
    document = QTextDocument()
    document.setMarkdown(text)
    page = document.toHtml()
    # Qt writes a whole page: keep what is inside its body (text is escaped, so "<body" and
    # 'style="' only ever appear as markup).
    body = page[page.index(">", page.index("<body")) + 1 : page.rindex("</body>")]
    body = NOTE_FONT_SIZE.sub(r"\1", body)
    return NOTE_HEADING.sub(r"<\1h4", body)


# -- painting ----------------------------------------------------------------------------


def _paint(service: AccordsService, document_html: str, target: Path, size: str) -> int:
    writer = _pdf_writer(target, size)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(page.width()), float(page.height())
    small = QFont("DejaVu Sans")
    small.setPointSizeF(HEADER_POINTS)
    line = QFontMetricsF(small, writer).height()
    band = line * 2.2  # the header or footer line, and the gap to the text
    body_height = height - 2 * band
    document = _laid_out(document_html, writer, QSizeF(width, body_height))
    pages = document.pageCount()
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, INK)  # black on paper whatever the UI theme
    palette.setColor(QPalette.ColorRole.WindowText, INK)
    context.palette = palette
    left = _("Accords brief — {name}").format(name=Path(service.db.location).name)
    right = service.clock().isoformat()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(_("cannot write {target}").format(target=target))
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.setFont(small)
            painter.setPen(MUTED)
            header = QRectF(0, 0, width, line)
            painter.drawText(header, Qt.AlignmentFlag.AlignLeft, left)
            painter.drawText(header, Qt.AlignmentFlag.AlignRight, right)
            painter.drawLine(QPointF(0, line * 1.4), QPointF(width, line * 1.4))
            footer = QRectF(0, height - line, width, line)
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignHCenter,
                _("Page {value} of {pages}").format(value=number + 1, pages=pages),
            )
            painter.save()
            painter.translate(0, band - number * body_height)
            context.clip = QRectF(0, number * body_height, width, body_height)
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()
    return pages


def _pdf_writer(target: Path, size: str) -> QPdfWriter:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(PAGE_SIZES[size]))
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    writer.setTitle(_("Accords brief"))
    writer.setCreator(_("Accords"))
    return writer


def _laid_out(document_html: str, device: QPdfWriter, page: QSizeF) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    body = QFont("DejaVu Sans")
    body.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(body)
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(document_html)
    document.setPageSize(page)
    return document


__all__ = [
    "PAGE_SIZES",
    "BriefDialog",
    "BriefOptions",
    "brief_html",
    "describe_query",
    "write_brief",
    "write_options",
]
