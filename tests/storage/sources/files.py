"""Source files for the import tests, made here: PDFs with pypdf, web pages, text in encodings."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

LINES_PER_PAGE = 40


def pdf(pages: list[str], *, password: str | None = None, title: str | None = None) -> bytes:
    """A PDF whose pages carry ``pages``' text (Latin-1) as a text layer; encrypted when a
    password is given; a page of "" has no text at all, as a scan has none."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    for text in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
        stream = DecodedStreamObject()
        stream.set_data(page_content(text))
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(stream)])
    if title:
        writer.add_metadata({"/Title": title})
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")  # AES needs the cryptography package
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_content(text: str) -> bytes:
    """A content stream drawing ``text`` line by line."""
    if not text:
        return b""
    lines = [b"BT /F1 11 Tf 14 TL 56 740 Td"]
    for line in text.split("\n")[:LINES_PER_PAGE]:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        lines.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
    lines.append(b"ET")
    return b"\n".join(lines)


def web_page(title: str, paragraphs: list[str], *, site: str = "Ukrinform", day: str = "") -> str:
    """A saved news page: the article inside a site's menu, aside and footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    meta = f'<meta property="article:published_time" content="{day}">' if day else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title} | {site}</title>'
        f'<meta property="og:site_name" content="{site}">{meta}</head><body>'
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/war'>War</a></li>"
        "<li><a href='/economy'>Economy</a></li><li><a href='/subscribe'>Subscribe to our "
        "newsletter</a></li></ul></nav></header>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        "<aside><h3>Most read</h3><ul><li><a href='/x'>Weather in Kyiv: rain expected</a></li>"
        "<li><a href='/y'>Football: Dynamo wins again</a></li></ul></aside>"
        "<footer><p>© 2025 Site. All rights reserved. Cookie policy. Contact us.</p></footer>"
        "</body></html>"
    )
