"""The checker's fast paths say nothing the located ones would not: a file they pass, the slow path
would pass too, and a file with a problem still gets its exact, located message from the slow path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology import schema, text
from chronology.diagnostics import Collector
from chronology.load import parse_yaml
from tests.test_fuzz import FUZZ, REAL_FILES, SPECIALS, mutate, operations

KIND = {"events": "event", "actors": "actor", "places": "place", "seeds": "seed"}


def located_errors(kind: str, data: Any) -> list[str]:
    return [error.message for error in schema._validator(kind).iter_errors(data)]


@pytest.mark.parametrize("path", list(REAL_FILES), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_compiled_schema_passes_every_real_file(path: Path) -> None:
    document = parse_yaml(REAL_FILES[path].decode("utf-8"), path.name, Collector())
    assert document is not None
    assert schema.is_valid(KIND[path.parent.name], document.data)


@FUZZ
@given(st.sampled_from(list(REAL_FILES)), operations)
def test_what_the_compiled_schema_passes_the_located_validator_passes(path: Path, edits: list[Any]) -> None:
    document = parse_yaml(mutate(REAL_FILES[path], edits).decode("utf-8", "replace"), path.name, Collector())
    if document is not None and schema.is_valid(KIND[path.parent.name], document.data):
        assert located_errors(KIND[path.parent.name], document.data) == []


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("belarus", True),
        ("belarus\n", False),  # Python's '$' would let the line break through; JSON Schema's does not
        ("belarus-", False),
        ("bel\u0430rus", False),  # a Cyrillic 'a'
        ("belarus-2", True),
        ("belarus-\u0662", False),  # an Arabic-Indic digit: not an ASCII one
    ],
)
def test_the_compiled_schema_reads_patterns_as_json_schema_does(value: str, valid: bool) -> None:
    data = {"id": value, "name": "Belarus", "kind": "state"}
    assert schema.is_valid("actor", data) is valid
    assert (located_errors("actor", data) == []) is valid


markdown_like = st.lists(
    st.sampled_from([*"ab1 .,:;'\"()#=~|!&-+`\\\n\t", "1.", "1)", "- ", "* ", "\n\n", "    ", "http://x.org"]),
    max_size=120,
).map("".join)


@FUZZ
@given(st.one_of(markdown_like, st.sampled_from(SPECIALS)))
def test_a_text_not_parsed_as_markdown_has_nothing_parsing_would_find(value: str) -> None:
    if text._MAY_LINK_OR_NEST.search(value) or text.markdown_limit(value) is not None:
        return
    dropped: list[tuple[str, bool]] = []
    assert text._convert(value, dropped) is not None
    assert dropped == []


def test_a_list_nested_past_what_markdown_reads_is_still_parsed_and_refused() -> None:
    assert [rule for rule, _, _ in text.markdown_problems("- " * 1500 + "x")] == ["markdown-limit"]
    assert [rule for rule, _, _ in text.markdown_problems("1. " * 1500 + "x")] == ["markdown-limit"]
