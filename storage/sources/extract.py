"""A source's text and metadata from its file: a saved web page, a PDF or a text file."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from storage.errors import ValidationError
from storage.i18n import _

# Far beyond a treaty's text; a larger file is almost surely not a source.
MAX_FILE_BYTES = 64 * 1024 * 1024
# A text file with these bytes is a binary file, whatever its name.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype html|html|head|body)\b", re.I | re.S)
HTML_LANG = re.compile(r"<html\b[^>]*\blang=[\"']?([A-Za-z]{2,3})", re.I)
UKRAINIAN_LETTERS = re.compile("[ієїґІЄЇҐ]")
CYRILLIC = re.compile("[а-яА-Я]")
# The commonest short words of the Latin-script languages the reports come in.
COMMON_WORDS = {
    "en": frozenset({"the", "and", "of", "to", "in", "on", "is", "with", "for"}),
    "fr": frozenset({"le", "la", "les", "des", "et", "du", "une", "est", "dans", "pour"}),
}
WORD = re.compile(r"[^\W\d_]+")
TITLE_CHARS = 200
# A page whose longest line is shorter holds links and labels, not an article.
MIN_SENTENCE_WORDS = 6


class ExtractError(ValidationError):
    """A file no text can be taken from: one line saying which and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


@dataclass(frozen=True)
class Extracted:
    """What a file says: its text (empty for a scan) and what its metadata tells."""

    text: str
    media_type: str
    has_text: bool
    title: str
    language: str
    publisher: str | None = None
    published_on: date | None = None
    url: str | None = None
    pages: int | None = None


def extract(content: bytes, name: str) -> Extracted:
    """The text of ``content``, a file named ``name``; ExtractError when it has none to give."""
    if len(content) > MAX_FILE_BYTES:
        raise ExtractError(
            _("{name} is larger than {limit} MB; nothing was imported.").format(
                name=name, limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    suffix = PurePath(name).suffix.lower()
    if content.startswith(b"%PDF") or suffix == ".pdf":
        return from_pdf(content, name)
    if suffix in (".html", ".htm", ".xhtml") or HTML_START.match(content[:4096]):
        return from_html(decoded(content, name), name)
    return from_text(content, name)


def decoded(content: bytes, name: str) -> str:
    """``content`` as text, its encoding detected; refused when it is not text at all."""
    if not content.strip():
        raise ExtractError(_("{name} is empty; nothing was imported.").format(name=name))
    try:
        if content.startswith((b"\xff\xfe", b"\xfe\xff")):
            return content.decode("utf-16")  # its NULs are text
        if BINARY_BYTES.search(content[:65536]):
            raise ExtractError(not_text(name))
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is None:
        raise ExtractError(not_text(name))
    return str(best)


def not_text(name: str) -> str:
    return _(
        "{name} is not a text file (its bytes are no known encoding); nothing was imported."
    ).format(name=name)


DATE_LINE = re.compile(r"date (\d{4}-\d\d-\d\d)[ \t]*(?:\n|$)")


def from_text(content: bytes, name: str) -> Extracted:
    """A plain text file: its text as it is, its title its first line."""
    text = normalised(decoded(content, name))
    # Reports saved as the seed article is ("date 2025-08-24" on the first line) give
    # their own date: relative dates ("today", "in September") are read against it.
    header = DATE_LINE.match(text)
    if header is None:
        return Extracted(text, "text/plain", True, first_line(text, name), language_of(text))
    title = first_line(text[header.end() :], name)
    day = iso_day(header.group(1))
    return Extracted(text, "text/plain", True, title, language_of(text), published_on=day)


def from_html(page: str, name: str) -> Extracted:
    """A saved web page: its article without menus, asides and footer, and its metadata."""
    from trafilatura import bare_extraction

    # trafilatura logs what it could not find; the refusal below says it once.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    found = bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True)
    meta: dict[str, Any] = (
        {} if found is None else dict(found) if isinstance(found, dict) else found.as_dict()
    )
    text = normalised(meta.get("text") or "")
    # With no article, trafilatura falls back on what it finds: menu items, link lists.
    if not any(len(line.split()) >= MIN_SENTENCE_WORDS for line in text.split("\n")):
        raise ExtractError(
            _("{name} is a web page with no article in it; nothing was imported.").format(name=name)
        )
    lang = HTML_LANG.search(page[:4096])
    return Extracted(
        text,
        "text/html",
        True,
        (meta.get("title") or "").strip() or first_line(text, name),
        lang.group(1).lower() if lang else language_of(text),
        publisher=meta.get("sitename") or meta.get("hostname") or None,
        published_on=iso_day(meta.get("date")),
        url=meta.get("url") or None,
    )


def from_pdf(content: bytes, name: str) -> Extracted:
    """A PDF's text layer; a scan (no text layer) gives no text and says so."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # it logs every repair it makes
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractError(
                _("{name} is an encrypted PDF; nothing was imported.").format(name=name)
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except ExtractError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file; all mean one thing
        if "decrypt" in str(error).lower() or "encrypt" in str(error).lower():
            raise ExtractError(
                _("{name} is an encrypted PDF; nothing was imported.").format(name=name)
            ) from error
        raise ExtractError(
            _("{name} is not a readable PDF (it is damaged); nothing was imported.").format(
                name=name
            )
        ) from error
    text = normalised("\n\n".join(page.strip() for page in pages if page.strip()))
    title = str(info.title).strip() if info is not None and info.title else ""
    published = info.creation_date.date() if info is not None and info.creation_date else None
    return Extracted(
        text,
        "application/pdf",
        bool(text),
        title or first_line(text, name),
        language_of(text) if text else "und",
        publisher=str(info.author).strip() or None if info is not None and info.author else None,
        published_on=published,
        pages=len(pages),
    )


def normalised(text: str) -> str:
    """Line ends made one, trailing spaces and runs of blank lines gone: offsets are taken
    in this text, so it must be the same every time the same file is read."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def first_line(text: str, name: str) -> str:
    """A title for a text that gives none: its first line, else the file's name."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:TITLE_CHARS]
    return PurePath(name).stem or _("Untitled source")


def language_of(text: str) -> str:
    """The language of ``text`` as a code ("en", "fr", "uk"), "und" when not recognised."""
    sample = text[:20000]
    if UKRAINIAN_LETTERS.search(sample):
        return "uk"
    if CYRILLIC.search(sample):
        return "ru"
    words = [word.casefold() for word in WORD.findall(sample)]
    counts = {code: sum(word in common for word in words) for code, common in COMMON_WORDS.items()}
    best = max(counts, key=lambda code: counts[code])
    return best if counts[best] else "und"


def iso_day(value: str | None) -> date | None:
    """A metadata date ("2025-08-24", maybe with a time) as a day."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
