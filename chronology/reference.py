"""Reference: the data format described from the JSON Schemas, for the site's "Data format" page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chronology.layout import FOLDERS
from chronology.schema import KINDS, resolve, schema

_TYPE_WORDS = {"string": "text", "array": "list", "object": "mapping", "number": "number", "null": "null"}


@dataclass(frozen=True)
class Choice:
    """One value of a field whose values each have a meaning of their own (``x-links``)."""

    value: str
    description: str
    reads: str
    reads_back: str
    inverse: str | None
    example: str | None


@dataclass(frozen=True)
class Field:
    """One field of a kind of file, at any depth (``sources[].quotes[]``)."""

    path: str
    required: bool
    accepts: str
    description: str
    choices: tuple[Choice, ...] = ()


def _choices(node: dict[str, Any]) -> tuple[Choice, ...]:
    declared = node.get("x-links", {})
    return tuple(
        Choice(
            value,
            declared[value]["description"],
            declared[value]["reads"],
            declared[value]["reads-back"],
            declared[value].get("inverse"),
            declared[value].get("example"),
        )
        for value in node.get("enum", ())
        if value in declared
    )


@dataclass(frozen=True)
class Kind:
    """A kind of data file and its fields."""

    name: str
    title: str
    folder: str
    description: str
    fields: tuple[Field, ...]


def accepts(node: dict[str, Any]) -> str:
    """What a field accepts, in words."""
    if "enum" in node:
        return "one of " + ", ".join(f"{value}" for value in node["enum"])
    types = node.get("type", "")
    names: list[str] = types if isinstance(types, list) else [types]
    words = " or ".join(_TYPE_WORDS.get(name, name) for name in names if name)
    if node.get("pattern") == "^[a-z0-9]+(-[a-z0-9]+)*$":
        words = "id (lowercase slug)"
    if node.get("x-markdown"):
        words += " (Markdown)"
    return words


def _fields(node: dict[str, Any], root: dict[str, Any], prefix: str) -> list[Field]:
    out: list[Field] = []
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        child = resolve(child, root)
        path = f"{prefix}{name}"
        items = resolve(child["items"], root) if child.get("type") == "array" and "items" in child else None
        shown = accepts(child)
        if items is not None:
            shown = "list of " + (accepts(items) if items.get("type") != "object" else "mappings")
        choices = _choices(child)
        if choices:
            shown = "one of the types below"
        out.append(Field(path, name in required, shown, child.get("description", ""), choices))
        if child.get("type") == "object":
            out.extend(_fields(child, root, path + "."))
        if items is not None and items.get("type") == "object":
            out.extend(_fields(items, root, path + "[]."))
    return out


def kinds() -> list[Kind]:
    """Every kind of data file, with its fields in the schema's order."""
    out = []
    for name in KINDS:
        root = schema(name)
        out.append(Kind(name, root["title"], FOLDERS[name], root["description"], tuple(_fields(root, root, ""))))
    return out
