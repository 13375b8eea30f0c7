"""Figure 10 of the benchmarks: importing a 100-page PDF against extracting its text alone."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from tests.storage.sources.files import pdf

PAGES = 100
# A treaty's page: articles of a few sentences, figures and dates for proposing to read.
PAGE = (
    "Article {n}. The Parties shall cooperate in the field of defence production.\n"
    "Canada will provide over $700 million in military assistance in {year}.\n"
    "The Government of Ukraine and the Government of Canada signed this Article on "
    "August 24, 2025, in Kyiv.\n"
    "The Ministry of Defence of Ukraine shall report on the delivery of 500 drones.\n"
)


def treaty(variant: int) -> bytes:
    """A 100-page PDF; each variant's bytes differ (its title), so each is a new source."""
    pages = [
        "\n".join(PAGE.format(n=page * 4 + k, year=2025 + k % 2) for k in range(4))
        for page in range(PAGES)
    ]
    return pdf(pages, title=f"Treaty text, copy {variant}")


def figure_import(
    repeat: int, service: Any, result_type: Any, paired: Callable[..., Any]
) -> list[Any]:
    """Extraction alone (pypdf, every page's text layer) against the whole import: the
    extraction, the source and its file stored, the proposals made, in one transaction."""
    from pypdf import PdfReader

    copies = iter(treaty(n) for n in range(repeat + 1))
    current: dict[str, bytes] = {"content": treaty(-1)}

    def reference() -> object:
        reader = PdfReader(io.BytesIO(current["content"]))
        return [page.extract_text() for page in reader.pages]

    def next_copy() -> None:
        current["content"] = next(copies)

    def subject() -> object:
        return service.imports.import_source(current["content"], "treaty.pdf")

    result = result_type(f"10. import a {PAGES}-page PDF (pypdf text → import)", "ms", 3)
    result.note = "the subject also stores the source and its file, and proposes"
    return [paired(result, repeat, reference, subject, before_subject=next_copy)]
