"""The translation catalogues: extract the template, update each language, report what is left.

`make catalogues` runs ``extract``, ``update`` and ``report``; the install step (setup.py's
build hook) and the tests run ``compile``. Catalogues live in ``storage/locale``: the template
``accords.pot`` and one ``<lang>/LC_MESSAGES/accords.po`` per language; the compiled ``.mo``
files are built, never committed. Only Babel and the standard library are used, so the build
hook can import this file before the project is installed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "storage" / "locale"
TEMPLATE = LOCALE / "accords.pot"
DOMAIN = "accords"
# The functions that mark text, and which arguments are the message: plural(n, one, many) is
# storage.wording's count, NP_ a (context, message) pair translated later with pgettext.
KEYWORDS: dict[str, tuple[object, ...] | None] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
    "plural": (2, 3),
}
SOURCES = ("storage", "gui")
TRANSLATOR_COMMENT = "Translators:"


def languages(locale: Path = LOCALE) -> list[str]:
    """The languages that have a catalogue."""
    return sorted(po.parent.parent.name for po in locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(language: str, locale: Path = LOCALE) -> Path:
    """Where ``language``'s catalogue is."""
    return locale / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT) -> Catalog:
    """Every marked message in the sources, as a template."""
    template = Catalog(
        project="Accords",
        copyright_holder="Accords contributors",
        msgid_bugs_address="",
        fuzzy=False,
    )
    method_map = [("**.py", "python")]
    for source in SOURCES:
        found = extract_from_dir(
            root / source,
            method_map,
            keywords=KEYWORDS,  # type: ignore[arg-type]  # Babel's spec type is looser
            comment_tags=(TRANSLATOR_COMMENT,),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            where = (f"{source}/{filename}", lineno)
            template.add(message, None, [where], auto_comments=comments, context=context)
    return template


def write_template(template: Catalog, path: Path = TEMPLATE) -> None:
    """Write the template ``make catalogues`` updates every language from."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, template, width=100, omit_header=False, sort_output=False)


def read(path: Path) -> Catalog:
    """A catalogue from its ``.po`` or ``.pot`` file."""
    with path.open("rb") as source:
        return read_po(source)


def update(template: Catalog, language: str, locale: Path = LOCALE) -> Catalog:
    """Bring ``language``'s catalogue up to the template: new messages empty, changed ones fuzzy,
    removed ones dropped."""
    path = po_path(language, locale)
    catalog = read(path) if path.is_file() else Catalog(locale=language, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=False)
    catalog.obsolete.clear()  # a removed message's text stays in git's history
    with path.open("wb") as out:
        write_po(out, catalog, width=100)
    return catalog


def unfinished(catalog: Catalog) -> Iterator[Message]:
    """The messages still to translate: empty, partly translated plurals, or fuzzy."""
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            yield message


def report(locale: Path = LOCALE, *, out: TextIO = sys.stdout) -> int:
    """Print, per language, the count of messages and each unfinished one; the unfinished total."""
    left = 0
    for language in languages(locale):
        catalog = read(po_path(language, locale))
        todo = list(unfinished(catalog))
        total = sum(1 for message in catalog if message.id)
        print(f"{language}: {total} messages, {len(todo)} unfinished", file=out)
        for message in todo:
            state = "fuzzy" if message.fuzzy else "untranslated"
            where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
            context = f"[{message.context}] " if message.context else ""
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            print(f"  {state}: {context}{msgid!r}  ({where})", file=out)
        left += len(todo)
    return left


def compile_all(locale: Path = LOCALE) -> list[Path]:
    """Compile every language's ``.po`` into the ``.mo`` gettext reads; fuzzy messages are left
    out, so a guess is never shown."""
    written = []
    for language in languages(locale):
        catalog = read(po_path(language, locale))
        target = po_path(language, locale).with_suffix(".mo")
        with target.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tools.catalogues extract|update|report|compile|all``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("step", choices=("extract", "update", "report", "compile", "all"))
    step = parser.parse_args(argv).step
    if step in ("extract", "all"):
        write_template(extract())
    if step in ("update", "all"):
        template = read(TEMPLATE)
        for language in languages():
            update(template, language)
    if step == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
    if step in ("report", "all"):
        left = report()
        print(f"{left} unfinished in all" if left else "every catalogue is complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
