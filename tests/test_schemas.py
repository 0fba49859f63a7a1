"""The JSON Schemas document every field, the data files name their schema, and the repository's own
chronology passes the checker with nothing to report and every sentence of its sources quoted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from chronology.check import check_project
from chronology.layout import FOLDERS
from chronology.schema import KINDS, schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILES = sorted((ROOT / "chronology" / "schemas").glob("*.schema.json"))


def undocumented(node: Any, where: str = "") -> Iterator[str]:
    """Where in a schema a property or a definition has no description."""
    if isinstance(node, dict):
        for group in ("properties", "$defs"):
            for name, sub in node.get(group, {}).items():
                here = f"{where}/{group}/{name}"
                if not (
                    isinstance(sub, dict) and isinstance(sub.get("description"), str) and sub["description"].strip()
                ):
                    yield here
                yield from undocumented(sub, here)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                yield from undocumented(node[key], f"{where}/{key}")
        for key in ("anyOf", "oneOf", "allOf"):
            for index, sub in enumerate(node.get(key, [])):
                yield from undocumented(sub, f"{where}/{key}/{index}")


def test_the_schemas_are_the_four_kinds() -> None:
    assert sorted(path.name for path in SCHEMA_FILES) == sorted(f"{kind}.schema.json" for kind in KINDS)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_field_at_every_level_is_described(path: Path) -> None:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded.get("description", "").strip(), "the schema itself has no description"
    assert list(undocumented(loaded)) == []


def test_an_undocumented_field_is_found_however_deep() -> None:
    # The check above would catch a field added without a description, at any depth.
    sample = {
        "properties": {
            "a": {"description": "documented", "type": "string"},
            "b": {"type": "string"},
            "c": {"description": "a list", "items": {"properties": {"d": {"description": " "}}}},
        },
        "$defs": {"e": {"properties": {"f": {"$ref": "#/$defs/e"}}}},
    }
    assert list(undocumented(sample)) == [
        "/properties/b",
        "/properties/c/items/properties/d",
        "/$defs/e",
        "/$defs/e/properties/f",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_the_schemas_are_valid_json_schema(kind: str) -> None:
    Draft202012Validator.check_schema(schema(kind))


def data_files() -> list[Path]:
    return sorted(path for folder in FOLDERS.values() for path in (ROOT / folder).glob("*.yaml"))


@pytest.mark.example
def test_the_repository_has_data() -> None:
    folders = {path.parent.name for path in data_files()}
    assert folders == set(FOLDERS.values())


@pytest.mark.parametrize("path", data_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_names_its_schema_on_its_first_line(path: Path) -> None:
    kind = next(kind for kind, folder in FOLDERS.items() if folder == path.parent.name)
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == f"# yaml-language-server: $schema=../chronology/schemas/{kind}.schema.json"


def test_the_repository_passes_with_no_error_and_no_warning() -> None:
    result = check_project(ROOT)
    assert [d.text() for d in result.diagnostics] == []
    assert result.chronology is not None
    assert result.counts["event"] == len(list((ROOT / "events").glob("*.yaml")))


@pytest.mark.example
def test_every_sentence_of_every_source_is_quoted() -> None:
    result = check_project(ROOT)
    assert result.chronology is not None
    assert result.chronology.sources, "the repository has no source"
    for source in result.chronology.sources.values():
        assert source.sentences > 0
        assert source.uncovered_sentences == (), f"{source.id} has sentences no event quotes"


LAZY = """
import sys
from pathlib import Path
from chronology.check import check_project
valid = check_project(Path(sys.argv[1]), model=False)
print(len(valid.errors), "jsonschema" in sys.modules)
invalid = check_project(Path(sys.argv[2]), model=False)
print(len(invalid.errors), "jsonschema" in sys.modules)
"""


def test_jsonschema_is_imported_only_for_a_file_that_is_not_valid(tmp_path: Path) -> None:
    # Importing jsonschema is a good part of every command's start; valid files never need it,
    # and an invalid one still gets its located message from it.
    import subprocess
    import sys

    from tests.conftest import EVENT, EVENT_ID, edit, make_project

    valid = make_project(tmp_path / "valid")
    invalid = make_project(tmp_path / "invalid", events={EVENT_ID: edit(EVENT, "date: '2022-12-29'", "date: 29")})
    done = subprocess.run(
        [sys.executable, "-c", LAZY, str(valid), str(invalid)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "0 False"
    errors, imported = lines[1].split()
    assert int(errors) >= 1
    assert imported == "True"


def test_every_actor_kind_has_its_words_for_the_site() -> None:
    # The site names a kind by the schema's x-labels ("Government body", "Government bodies"): a
    # kind added to the enum without them would stop the build at the first actor of that kind.
    node = schema("actor")["properties"]["kind"]
    assert set(node["x-labels"]) == set(node["enum"])
    assert all(len(words) == 2 and all(words) for words in node["x-labels"].values())


def keywords(node: Any) -> Iterator[str]:
    """Every ``x-`` keyword a schema uses, at any depth (not looking inside their own values)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("x-"):
                yield key
            elif key not in ("enum", "const", "examples", "default"):
                yield from keywords(value)
    elif isinstance(node, list):
        for item in node:
            yield from keywords(item)


def test_contributing_describes_every_keyword_the_schemas_add() -> None:
    # What JSON Schema cannot say is marked with x- keywords, which CONTRIBUTING lists for whoever
    # adds a field; x-links' entries have keys of their own, each said there too.
    contributing = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    used = {key for kind in KINDS for key in keywords(schema(kind))}
    assert {"x-labels", "x-links", "x-singular"} <= used
    assert sorted(key for key in used if f"`{key}`" not in contributing) == []
    link_keys = {
        key for kind in KINDS for node in _with_links(schema(kind)) for entry in node.values() for key in entry
    }
    assert "account" in link_keys
    said = {"description", "example"}  # the link type's meaning, and an example of it
    assert sorted(key for key in link_keys - said if f"`{key}`" not in contributing) == []


def _with_links(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("x-links"), dict):
            yield node["x-links"]
        for value in node.values():
            yield from _with_links(value)
    elif isinstance(node, list):
        for item in node:
            yield from _with_links(item)
