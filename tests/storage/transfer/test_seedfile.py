"""Reading a seed file: any fault is a SeedError naming the file and the place."""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.errors import SeedError
from storage.transfer.seedfile import load_seed
from tests.storage.transfer.seedtext import ARTICLE, SEED_FILE, SEED_TEXT, seed_quotes, write_seed


def test_every_seed_quote_is_verbatim_in_the_article() -> None:
    """Each quote of the shipped seed appears word for word in its article."""
    quotes = list(seed_quotes(tomllib.loads(SEED_TEXT)))
    assert len(quotes) > 80
    missing = [quote for quote in quotes if quote not in ARTICLE]
    assert missing == []


def test_the_shipped_seed_loads_every_section() -> None:
    """Loading the shipped seed keeps every party, person, role, document and pledge it lists."""
    data = tomllib.loads(SEED_TEXT)
    seed = load_seed(SEED_FILE)
    assert [p.slug for p in seed.parties] == [p["slug"] for p in data["parties"]]
    assert [p.slug for p in seed.people] == [p["slug"] for p in data["people"]]
    assert [r.slug for r in seed.roles] == [r["slug"] for r in data["roles"]]
    listed = {d["slug"] for d in data["documents"]} | {p["slug"] for p in data["pledges"]}
    listed |= {p["slug"] for d in data["documents"] for p in d.get("provisions", ())}
    assert {r.slug for r in seed.records} == listed
    assert len(seed.records) == len(listed)


def test_a_missing_file_is_a_seed_error(tmp_path: Path) -> None:
    """A seed file that cannot be read is named, with the system's reason."""
    path = tmp_path / "nowhere.toml"
    with pytest.raises(SeedError, match="Cannot read the seed file") as raised:
        load_seed(path)
    assert str(path) in str(raised.value)


def test_another_schema_number_is_refused(tmp_path: Path) -> None:
    """A seed written for another format version is refused by its schema field."""
    path = write_seed(tmp_path, SEED_TEXT.replace("schema = 1\n", "schema = 2\n", 1))
    with pytest.raises(SeedError, match="schema"):
        load_seed(path)


def test_an_unknown_section_is_refused(tmp_path: Path) -> None:
    """A top-level table the format does not have is named as no seed section."""
    path = write_seed(tmp_path, SEED_TEXT + "\n[extras]\nanswer = 42\n")
    with pytest.raises(SeedError, match="'extras': is not a seed section"):
        load_seed(path)


def test_a_reference_to_an_undefined_party_names_who_uses_it(tmp_path: Path) -> None:
    """A pledge whose donor is no party of the seed is refused, naming the pledge and the slug."""
    text = SEED_TEXT.replace('donor = "canada"', 'donor = "atlantis"', 1)
    with pytest.raises(SeedError, match="'atlantis', which is not defined") as raised:
        load_seed(write_seed(tmp_path, text))
    assert "record 'canada-assistance-since-2022'" in str(raised.value)


def test_malformed_toml_names_file_line_and_column(tmp_path: Path) -> None:
    """A TOML syntax error reports the file and the line and column of the fault."""
    lines = SEED_TEXT.splitlines()
    index = lines.index(
        'title = "Drones, ammunition and armored vehicles to be received in September"'
    )
    lines[index] = 'title = "unterminated'
    path = write_seed(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(SeedError) as raised:
        load_seed(path)
    message = str(raised.value)
    assert str(path) in message
    assert f"line {index + 1}," in message
    assert re.search(r"column \d+", message)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(SEED_TEXT.encode()[:-200] + b"\xff\xfe" + b"x = 1\n", id="not-utf8"),
        pytest.param(b"\x00\x01binary junk\x02", id="binary"),
        pytest.param((SEED_TEXT + "x = " + "[" * 5000 + "\n").encode(), id="deep-nesting"),
        pytest.param((SEED_TEXT + "x = 1" + "0" * 5000 + "\n").encode(), id="huge-integer"),
    ],
)
def test_pathological_toml_is_a_seed_error(tmp_path: Path, content: bytes) -> None:
    """Unreadable seed files fail with SeedError naming the file, never another exception."""
    path = write_seed(tmp_path, content)
    with pytest.raises(SeedError, match=re.escape(str(path))):
        load_seed(path)


# -- fuzzing ------------------------------------------------------------------------------

SEED_BYTES = SEED_TEXT.encode("utf-8")

toml_scalars = st.one_of(
    st.integers().map(str),
    st.floats().map(repr),
    st.booleans().map(lambda b: str(b).lower()),
    st.text(max_size=30).map(json.dumps),
    st.dates().map(date.isoformat),
    st.lists(st.integers(), max_size=3).map(str),
    st.sampled_from(
        [
            "[]",
            "{}",
            "{ a = 1 }",
            '"2025-Q4"',
            '"2025-13"',
            "-inf",
            "07:32:00",
            "1979-05-27T07:32:00Z",
        ]
    ),
)
giant_sizes = st.sampled_from([10, 1_000, 5_000, 100_000])
giant_runs = st.tuples(
    st.sampled_from(["x", "9", "[", "{", '"', "\\", " ", "\u02bc", "\n"]), giant_sizes
).map(lambda pair: pair[0] * pair[1])
giant_strings = giant_sizes.map(lambda n: '"' + "x" * n + '"')
junk = st.one_of(
    st.binary(max_size=20), st.text(max_size=20).map(lambda t: t.encode("utf-8", "replace"))
)

mutations = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, len(SEED_BYTES)), st.integers(1, 50)),
    st.tuples(st.just("insert"), st.integers(0, len(SEED_BYTES)), junk),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(
        st.just("value"),
        st.integers(0, 10_000),
        st.one_of(toml_scalars, giant_strings, giant_runs).map(lambda s: s.encode("utf-8")),
    ),
    st.tuples(st.just("giant"), st.integers(0, len(SEED_BYTES)), giant_runs.map(str.encode)),
)


def mutate(content: bytes, mutation: tuple[str, int, Any]) -> bytes:
    """Apply one random edit to the seed file's bytes."""
    operation, position, argument = mutation
    if operation == "delete":
        length: int = argument
        return content[:position] + content[position + length :]
    if operation in ("insert", "giant"):
        inserted: bytes = argument
        return content[:position] + inserted + content[position:]
    lines = content.splitlines(keepends=True)
    if operation == "duplicate" and lines:
        index = position % len(lines)
        return b"".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
    assignments = [i for i, line in enumerate(lines) if b" = " in line]
    if operation == "value" and assignments:
        index = assignments[position % len(assignments)]
        lines[index] = lines[index].split(b" = ", 1)[0] + b" = " + argument + b"\n"
    return b"".join(lines)


def test_fuzzed_seed_files_fail_only_with_seed_error() -> None:
    """Any mangling of the seed file either loads or fails with SeedError naming the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_seed(Path(folder))

        @settings(
            max_examples=2000,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(st.lists(mutations, min_size=1, max_size=4))
        def check(edits: list[tuple[str, int, Any]]) -> None:
            content = SEED_BYTES
            for edit in edits:
                content = mutate(content, edit)
            path.write_bytes(content)
            try:
                load_seed(path)
            except SeedError as error:
                assert str(path) in str(error)

        check()
