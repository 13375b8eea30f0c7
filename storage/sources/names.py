"""One identity, many spellings: folding names (Zelensky, Zelenskyy, Зеленський) to one key."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from functools import lru_cache

# Ukrainian national transliteration (2010), with Russian letters a text may use.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ы": "y", "э": "e", "ё": "e", "ъ": "",
}  # fmt: skip
_TRANSLATE = str.maketrans(_CYRILLIC)
_APOSTROPHES = str.maketrans("", "", "'ʼ’`\u02bc.")
# Endings that differ between transliteration schemes and carry no identity:
# Zelenskyy / Zelenskyi / Zelenskiy / Zelenskij / Zelenskyj all read "zelensky".
_ENDINGS = re.compile(r"(?:yy|yi|iy|ij|yj|ii|y)\b")
_SPELLINGS = (
    (re.compile(r"defence"), "defense"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ie|ye"), "e"),
    (re.compile(r"iu|yu"), "u"),
    (re.compile(r"ia|ya"), "a"),
    (re.compile(r"\s+"), " "),
)


@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """A comparison key: lower case, Latin letters, no accents, one transliteration scheme."""
    text = name.casefold().translate(_TRANSLATE).translate(_APOSTROPHES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text.strip())
    text = _ENDINGS.sub("y", text)
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return text.strip()


class Names:
    """Canonical names from the context's aliases, matched by folded spelling."""

    def __init__(self, aliases: Mapping[str, str], parties: Collection[str] = ()) -> None:
        self._by_fold: dict[str, str] = {}
        self._by_surname: dict[str, str] = {}
        # A party's last word is not a surname: "Ministry of Veterans Affairs of Canada" is
        # not the only held party that ends in "Canada".
        self._parties = frozenset(parties)
        for spelling, canonical in aliases.items():
            self._learn(spelling, canonical)
            self._learn(canonical, canonical)

    def _learn(self, spelling: str, canonical: str) -> None:
        key = fold(spelling)
        self._by_fold.setdefault(key, canonical)
        words = key.split()
        if len(words) > 1 and canonical not in self._parties:
            # A surname alone resolves only when it names one identity.
            known = self._by_surname.get(words[-1])
            self._by_surname[words[-1]] = canonical if known in (None, canonical) else ""

    def canonical(self, name: str) -> str:
        """The held name for ``name``, or ``name`` itself when none is known."""
        key = fold(name)
        found = self._by_fold.get(key)
        if found:
            return found
        words = key.split()
        if words:
            by_surname = self._by_surname.get(words[-1])
            if by_surname:
                return by_surname
        return name

    def same(self, left: str, right: str) -> bool:
        """Whether two spellings name one identity."""
        return fold(self.canonical(left)) == fold(self.canonical(right))
