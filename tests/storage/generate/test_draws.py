"""The random stream's helpers: bounds included, weights kept, days in the generated span."""

from __future__ import annotations

import random
from collections import Counter

from storage.generate.days import FIRST_DAY, LAST_DAY, RECENT_DAY
from storage.generate.draws import Draws

DRAWS = 20_000


def test_between_includes_both_ends_and_below_excludes_its_limit() -> None:
    draws = Draws(random.Random(1))
    assert {draws.between(3, 5) for _ in range(DRAWS)} == {3, 4, 5}
    assert {draws.below(3) for _ in range(DRAWS)} == {0, 1, 2}


def test_pick_reaches_every_item_about_equally() -> None:
    draws = Draws(random.Random(2))
    counts = Counter(draws.pick("abcd") for _ in range(DRAWS))
    assert set(counts) == set("abcd")
    assert all(abs(n - DRAWS / 4) < DRAWS / 20 for n in counts.values())


def test_days_fall_in_the_span_and_mostly_after_the_recent_day() -> None:
    draws = Draws(random.Random(3))
    days = [draws.day() for _ in range(DRAWS)]
    assert FIRST_DAY <= min(days) < RECENT_DAY
    assert max(days) <= LAST_DAY
    recent = sum(day >= RECENT_DAY for day in days) / DRAWS
    assert 0.6 < recent < 0.8  # 60% drawn after it, plus the older draws that land there


def test_one_seed_gives_one_sequence() -> None:
    first, second = Draws(random.Random(9)), Draws(random.Random(9))
    assert [first.between(0, 10**6) for _ in range(50)] == [
        second.between(0, 10**6) for _ in range(50)
    ]
