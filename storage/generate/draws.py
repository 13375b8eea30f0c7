"""Random draws: one ``random.Random``, consumed in a fixed order, so a seed fixes every row."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from storage.generate.days import FIRST_DAY, LAST_DAY, RECENT_DAY

T = TypeVar("T")


class Draws:
    """Draws from ``random()`` alone: several times cheaper than choice() and randint()."""

    __slots__ = ("first_ordinal", "last_ordinal", "random", "recent_ordinal", "rng")

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.random = rng.random
        self.first_ordinal = FIRST_DAY.toordinal()
        self.recent_ordinal = RECENT_DAY.toordinal()
        self.last_ordinal = LAST_DAY.toordinal()

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high], both included."""
        return low + int(self.random() * (high - low + 1))

    def below(self, limit: int) -> int:
        return int(self.random() * limit)

    def sample(self, items: Sequence[T], count: int) -> list[T]:
        return self.rng.sample(items, count)

    def day(self) -> date:
        """A day between FIRST_DAY and LAST_DAY, six times in ten after RECENT_DAY."""
        low = self.recent_ordinal if self.random() < 0.6 else self.first_ordinal
        return date.fromordinal(self.between(low, self.last_ordinal))
