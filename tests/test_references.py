"""Every reference the schemas declare (``x-refers-to``) is checked: an unknown id in any of them is
refused. The checker's checks across files name the reference fields in code (``across``), so this
holds the two to each other: a reference field added to a schema and not to the checker fails here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronology import schema
from chronology.check import check_project
from chronology.layout import FOLDERS
from tests.test_site import ROOT

MISSING = "no-such-record"


def _general(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """A field's path with each list index as ``[]``: ``sources[].seed``."""
    return tuple("[]" if isinstance(part, int) else part for part in path)


def _declared(kind: str) -> set[tuple[Any, ...]]:
    """The paths of a kind's fields that refer to records (``x-refers-to``), from its schema alone."""
    root = schema.schema(kind)
    found: set[tuple[Any, ...]] = set()
    stack: list[tuple[tuple[Any, ...], dict[str, Any]]] = [((), root)]
    while stack:
        path, node = stack.pop()
        node = schema.resolve(node, root)
        if "x-refers-to" in node:
            found.add(path)
        for name, child in node.get("properties", {}).items():
            stack.append(((*path, name), child))
        if isinstance(node.get("items"), dict):
            stack.append(((*path, "[]"), node["items"]))
    return found


def _occurrences() -> dict[tuple[str, tuple[Any, ...]], tuple[str, tuple[Any, ...]]]:
    """For each kind and reference field, one file of the repository's data and the exact path of a
    value written there."""
    seen: dict[tuple[str, tuple[Any, ...]], tuple[str, tuple[Any, ...]]] = {}
    for kind, folder in FOLDERS.items():
        for file in sorted((ROOT / folder).glob("*.yaml")):
            data = yaml.safe_load(file.read_text("utf-8"))
            for path, node, value in schema.walk(kind, data):
                if "x-refers-to" in node and isinstance(value, str):
                    seen.setdefault((kind, _general(path)), (f"{folder}/{file.name}", path))
    return seen


OCCURRENCES = _occurrences()


@pytest.mark.example
def test_the_repository_writes_every_reference_field_the_schemas_declare() -> None:
    declared = {(kind, path) for kind in FOLDERS for path in _declared(kind)}
    assert declared == set(OCCURRENCES)


@pytest.mark.parametrize("field", sorted(OCCURRENCES, key=str), ids=lambda f: f"{f[0]}:{'.'.join(map(str, f[1]))}")
def test_an_unknown_id_in_any_reference_field_is_refused(tmp_path: Path, field: tuple[str, tuple[Any, ...]]) -> None:
    rel, path = OCCURRENCES[field]
    project = tmp_path / "p"
    for folder in FOLDERS.values():
        shutil.copytree(ROOT / folder, project / folder)
    data = yaml.safe_load((project / rel).read_text("utf-8"))
    holder = data
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = MISSING
    (project / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    errors = [d for d in check_project(project, model=False).errors if d.path == rel]
    assert any(MISSING in d.message for d in errors), [d.text() for d in errors]
