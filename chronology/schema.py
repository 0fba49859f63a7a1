"""Schema: the JSON Schemas of the data files, and validation that speaks a contributor's language.

The schemas in ``chronology/schemas/`` are the single source of truth for the files' fields: the
checker validates against them, editors complete from them (each data file names its schema on its
first line) and the documentation is generated from their descriptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema

from chronology.diagnostics import Collector
from chronology.load import DataPath, Document, is_unbounded
from chronology.text import clip

if TYPE_CHECKING:
    from jsonschema import ValidationError

KINDS = ("event", "actor", "place", "seed")
#: What each kind's records are called in a hint.
_RECORDS = {"event": "events", "actor": "actors", "place": "places", "seed": "sources"}
_A = {"event": "an event", "actor": "an actor", "place": "a place", "seed": "a source"}
#: How alike (``difflib``'s ratio) a wrong field name or word must be to one the schema has for a
#: hint to offer it as meant: 'summery' is 'summary' (0.86), 'kind' is not 'id' (0.67) nor
#: 'caused-by' 'compared-to' (0.5).
CLOSE = 0.7
#: Less alike, but beginning with the same ``PREFIX`` letters, is near enough: a word's other form
#: ('relation' for 'related', 0.67; 'cities' for 'city', 0.6), where 'kind' and 'id' begin apart.
NEAR = 0.6
PREFIX = 3
#: The pattern of ids and references in the schemas: lowercase letters, digits, single hyphens.
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "null",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: ``event``, ``actor``, ``place`` or ``seed``."""
    text = resources.files("chronology").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema ``pattern`` compiled to mean what it means in JSON Schema (ECMA-262), not in Python.

    Python's ``$`` also matches before a final newline, and its ``\\d`` and ``\\w`` match any script's
    digits and letters; in ECMA-262 ``$`` is the very end of the text and ``\\d``, ``\\w`` are ASCII.
    So every ``$`` outside a character class becomes ``\\Z`` and the pattern is compiled ASCII-only.
    """
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(char)
    return re.compile("".join(out), re.ASCII)


def _pattern(validator: Any, pattern: str, instance: Any, node: dict[str, Any]) -> Iterator[ValidationError]:
    # jsonschema's own 'pattern' searches with Python's semantics; this one with JSON Schema's.
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def validator_class() -> Any:
    """jsonschema's Draft 2020-12 validator with every ``pattern`` read as JSON Schema defines it
    (see ``ecma_pattern``). Imported when first needed, for a file that is not valid: importing
    jsonschema was about a third of the imports every command starts with, and valid files never
    need it."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]


def is_valid_id(kind: str, value: str) -> bool:
    """Whether ``value`` may be the id of a record of ``kind``, by its schema's ``id``."""
    return bool(validator_class()(schema(kind)["properties"]["id"]).is_valid(value))


@cache
def _validator(kind: str) -> Any:
    return validator_class()(schema(kind))


@cache
def _compiled(kind: str) -> Callable[[Any], Any] | None:
    """The schema compiled to Python by fastjsonschema, which answers 'is this valid?' many times
    faster than ``jsonschema`` walks it; None if it cannot be compiled with the same meaning.

    Its patterns are given as ``ecma_pattern`` reads them (ASCII-only, ``\\Z`` for ``$``), so that it
    accepts exactly what ``validator_class`` accepts. It only ever says 'valid': the errors, located and
    in a contributor's words, always come from ``validator_class`` (see ``validate``). Its references are
    written out in place (see ``_inline``).
    """
    fast = _inline(schema(kind), schema(kind), ())
    stack: list[Any] = [fast]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                node["pattern"] = "(?a)" + ecma_pattern(node["pattern"]).pattern
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    try:
        return fastjsonschema.compile(fast)
    except Exception:  # a schema it cannot compile is validated the slow way
        return None


#: Keywords that only describe a value, which a reference and the node it is in may both have.
_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples"})


def _inline(node: Any, root: dict[str, Any], followed: tuple[str, ...]) -> Any:
    """A copy of a schema's ``node`` in which each ``$ref`` to a part of ``root`` is replaced by that
    part, the node's own annotations kept: fastjsonschema makes a reference a function call that
    formats the value's name, at every value, which made up two thirds of a file's validation. A
    reference is kept where the node would constrain the value twice over, or where it refers back
    to a part it is already within (a recursive schema)."""
    if isinstance(node, list):
        return [_inline(item, root, followed) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/") and reference not in followed:
        target: Any = root
        for part in reference[2:].split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        own = {key: value for key, value in node.items() if key != "$ref"}
        if isinstance(target, dict) and all(k in _ANNOTATIONS or k.startswith("x-") for k in own.keys() & target):
            return _inline({**target, **own}, root, (*followed, reference))
    return {key: _inline(value, root, followed) for key, value in node.items()}


def is_valid(kind: str, data: Any) -> bool:
    """True when ``data`` is valid for its kind's schema, by the compiled schema (see ``_compiled``);
    False when it is not, or when only ``validator_class`` can tell."""
    compiled = _compiled(kind)
    if compiled is None:
        return False
    try:
        compiled(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def local_fields(kind: str) -> frozenset[str]:
    """The top-level fields of a kind that the schema marks ``x-local``: read by the checks of the
    file alone, never by a check across files, so that changing only them changes no other file's
    diagnostics (what lets ``check`` answer an edit of a title without loading the whole project)."""
    return frozenset(name for name, node in schema(kind)["properties"].items() if node.get("x-local"))


def field_order(kind: str) -> list[str]:
    """The top-level fields of a kind in their canonical order (the schema's order)."""
    return list(schema(kind)["properties"])


def format_path(path: DataPath) -> str:
    """A data path as a contributor writes it: ``sources[0].quotes[2]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the file)"


def describe(value: Any) -> str:
    """A value's type in words, for 'found ...' in messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true or false)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


#: Each subschema with a ``$ref`` and its root, resolved (see ``resolve``), by their identities: the
#: schemas are loaded once and never change, and the checker resolves the same few nodes for every
#: file. The pair is kept with its result, so that neither identity can pass to another object.
_RESOLVED: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """A subschema with its ``$ref`` followed (within ``root``), and the keys written beside the
    ``$ref`` kept over the target's, as JSON Schema applies both: an ``x-refers-to`` or a
    ``description`` beside a ``$ref`` counts for every reader of the schemas alike."""
    if "$ref" not in node:
        return node
    kept = _RESOLVED.get((id(node), id(root)))
    if kept is not None:
        return kept[2]
    target: Any = root
    for part in node["$ref"].lstrip("#/").split("/"):
        target = target[part]
    resolved = {**resolve(target, root), **{k: v for k, v in node.items() if k != "$ref"}}
    _RESOLVED[(id(node), id(root))] = (node, root, resolved)
    return resolved


def walk(kind: str, data: Any) -> Iterator[tuple[DataPath, dict[str, Any], Any]]:
    """Every value in ``data`` with the subschema that describes it: ``(path, subschema, value)``."""
    root = schema(kind)
    stack: list[tuple[DataPath, dict[str, Any], Any]] = [((), root, data)]
    while stack:
        path, node, value = stack.pop()
        if "$ref" in node:
            node = resolve(node, root)
        yield path, node, value
        if isinstance(value, dict):
            properties = node.get("properties", {})
            for key, item in value.items():
                if key in properties:
                    stack.append(((*path, key), properties[key], item))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index, item in enumerate(value):
                stack.append(((*path, index), node["items"], item))


#: A path in a record's data with ``None`` for every item of a list: ``("actors", None, "ref")``.
PathPattern = tuple[str | None, ...]


@cache
def reference_paths(kind: str, target: str) -> tuple[PathPattern, ...]:
    """The paths of the values in a record of ``kind`` that are ids of ``target`` records, as the
    schema marks them (``x-refers-to``): an event's ``("actors", None, "ref")`` and
    ``("sources", None, "attributed_to", None)`` for actors, a source's ``("relays", None)``."""
    root = schema(kind)
    found: list[PathPattern] = []
    stack: list[tuple[PathPattern, dict[str, Any]]] = [((), root)]
    while stack:
        path, node = stack.pop()
        node = resolve(node, root)
        if node.get("x-refers-to") == target:
            found.append(path)
        for key, child in node.get("properties", {}).items():
            stack.append(((*path, key), child))
        if isinstance(node.get("items"), dict) and len(path) < 8:  # a schema's lists nest a few deep
            stack.append(((*path, None), node["items"]))
    return tuple(sorted(found, key=lambda p: [part or "" for part in p]))


def references(kind: str, data: Any, target: str) -> list[str]:
    """The ids of ``target`` records a record of ``kind`` names, wherever its schema says a field
    refers to one (see ``reference_paths``), path by path."""
    found: list[str] = []
    for collect in _reference_collectors(kind, target):
        collect(data, found)
    return found


#: Adds to the list the texts found at one path pattern in a record (see ``_collector``).
_Collect = Callable[[Any, list[str]], None]


@cache
def _reference_collectors(kind: str, target: str) -> tuple[_Collect, ...]:
    return tuple(_collector(pattern) for pattern in reference_paths(kind, target))


def _collector(pattern: PathPattern) -> _Collect:
    """A function that adds the texts at ``pattern`` in a record to a list: made once for each
    pattern, since walking the pattern anew for each of a large project's records, twice, took a
    good part of a second of its check."""
    if not pattern:

        def text(value: Any, found: list[str]) -> None:
            if isinstance(value, str):
                found.append(value)

        return text
    part, rest = pattern[0], _collector(pattern[1:])
    if part is None:

        def each(value: Any, found: list[str]) -> None:
            if isinstance(value, list):
                for item in value:
                    rest(item, found)

        return each

    def field(value: Any, found: list[str]) -> None:
        if isinstance(value, dict) and part in value:
            rest(value[part], found)

    return field


def _node_at(kind: str, path: DataPath) -> dict[str, Any]:
    """The subschema of the value at ``path`` (a path the schema describes: see ``walk``)."""
    root = schema(kind)
    node = root
    for part in path:
        node = resolve(node, root)
        node = node["items"] if isinstance(part, int) else node["properties"][part]
    return resolve(node, root)


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: DataPath, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def validate(kind: str, document: Document, diagnostics: Collector) -> bool:
    """Validate a document against its kind's schema, recording located, plain-language errors.

    Where the schema wants text and the file has a plain scalar that YAML would type otherwise
    (``no``, ``1e3``, ``2022``), the text as written is used: nothing is silently turned into a
    boolean or a number. Returns True when the document is valid.
    """
    if is_valid(kind, document.data) and not _has_unbounded(document):
        return True  # nothing to coerce and nothing to report: most files
    validator = _validator(kind)
    # Only plain scalars YAML typed as something other than text can need coercing (or be NaN):
    # most files have none, and are validated once.
    for _ in range(4 if document.plain_texts else 0):  # nested coercions settle in a round or two
        changed = False
        for error in validator.iter_errors(document.data):
            path = tuple(error.absolute_path)
            expected = error.validator_value if error.validator == "type" else None
            wants_text = expected == "string" or (isinstance(expected, list) and "string" in expected)
            if wants_text and path in document.plain_texts and error.instance is not None:
                _set(document.data, path, document.plain_texts.pop(path))
                changed = True
        if not changed:
            break
    errors = sorted(validator.iter_errors(document.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    # jsonschema raises one 'required' error per missing field, each naming the whole list: report
    # the missing fields of a mapping once, from the first.
    seen_required: set[DataPath] = set()
    # An item written under the wrong list ('ref'/'type', a link, appended under 'figures') is told
    # once as the item of the list it fits, not as every field the list it sits in lacks or refuses.
    misplaced = misplaced_items(kind, document.data)
    for path, (field, fits, lacking) in sorted(misplaced.items(), key=lambda item: list(map(str, item[0]))):
        _report_misplaced(document, diagnostics, path, field, fits, lacking)
    for error in errors:
        if error.validator == "required" and tuple(error.absolute_path) in misplaced:
            continue
        if error.validator == "additionalProperties" and tuple(error.absolute_path) in misplaced:
            # A retired field is still told, in the words of the list the item belongs to: a citation
            # under 'related' is told what replaced 'claimed_by' in a citation, not in a link.
            path = tuple(error.absolute_path)
            _, fits, _ = misplaced[path]
            belongs = _object_lists(_node_at(kind, path[:-2]), schema(kind)).get(fits[0], {}) if len(fits) == 1 else {}
            _report(kind, error, document, diagnostics, only_replaced=True, replaced=belongs.get("x-replaced", {}))
            continue
        if error.validator == "required":
            if tuple(error.absolute_path) in seen_required:
                continue
            seen_required.add(tuple(error.absolute_path))
        _report(kind, error, document, diagnostics)
    # JSON Schema lets NaN through every bound (it compares as neither smaller nor larger), and an
    # infinity through a field with no bound (a figure's value), where nothing can count or show it.
    reported = {tuple(error.absolute_path) for error in errors}
    unbounded = [
        path
        for path, _, value in (walk(kind, document.data) if document.plain_texts else ())
        if is_unbounded(value) and path not in reported
    ]
    for path in sorted(unbounded, key=lambda p: list(map(str, p))):
        line, column = document.position(path)
        value = _get(document.data, path)
        if value != value:
            message = f"must be a number, found '{clip(document.plain_texts.get(path, '.nan'))}' (not a number)"
        else:  # '.inf', or a number beyond the largest float ('1e400', hundreds of digits)
            message = f"must be a finite number, found '{clip(document.plain_texts.get(path, '.inf'))}' (too large)"
        diagnostics.error(document.path, line, column, "invalid-value", f"'{format_path(path)}' {message}")
    return not errors and not unbounded


def is_prose(node: dict[str, Any]) -> bool:
    """Whether a field's subschema is of free text (a title, a summary, a quote, a name), not of a
    word of a vocabulary, an id, a date or a time."""
    return "minLength" in node and "pattern" not in node and "enum" not in node and "x-question" not in node


def sound_fields(kind: str, data: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
    """The fields of a record the schema refused that hold no error of their own, and the names of
    those that do. What the checks of one file read in a sound field they can still check (a date,
    a zone, a text), so that a file's problems come out in one round rather than one at a time. A
    field the schema does not know is in neither: it is reported as unknown, and nothing reads it."""
    refused = {error.absolute_path[0] for error in _validator(kind).iter_errors(data) if error.absolute_path}
    refused.update(path[0] for path, _, value in walk(kind, data) if path and is_unbounded(value))
    known = schema(kind)["properties"]
    sound = {key: value for key, value in data.items() if key in known and key not in refused}
    return sound, frozenset(refused)


def _has_unbounded(document: Document) -> bool:
    """Whether the data holds a number nothing can count or show (see ``is_unbounded``); only a plain
    scalar (whose text is kept) can be one."""
    return any(is_unbounded(_get(document.data, path)) for path in document.plain_texts)


def _object_lists(node: dict[str, Any], root: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields of a mapping's subschema whose value is a list of mappings, with their items' subschemas."""
    lists = {}
    for name, field in node.get("properties", {}).items():
        items = resolve(field, root).get("items")
        if isinstance(items, dict) and resolve(items, root).get("properties"):
            lists[name] = resolve(items, root)
    return lists


def misplaced_items(kind: str, data: Any) -> dict[DataPath, tuple[str, list[str], list[str]]]:
    """The items of a list of mappings that are written under the wrong list of their mapping: each
    field they have is one the items of another list have (those of ``figures`` and ``related``
    are apart), and one at least is not one of their own list's. By the item's path: the list it
    sits in, the lists it fits (those where it lacks the fewest needed fields; more than one only
    when it fits each alike), and the needed fields it still lacks there. An item with a misspelt
    field ('rol' for 'role') fits no other list, and is not here."""
    root = schema(kind)
    found: dict[DataPath, tuple[str, list[str], list[str]]] = {}
    for path, node, value in walk(kind, data):
        if not isinstance(value, dict):
            continue
        lists = _object_lists(node, root)
        # A field the format once had ('claimed_by' in a citation) belongs to no list now: an item
        # holding one is judged by its other fields (and the retired one told as such).
        retired = set(root.get("x-replaced", {})).union(*(items.get("x-replaced", {}) for items in lists.values()))
        for name, items in lists.items():
            if len(lists) < 2 or not isinstance(value.get(name), list):
                continue
            for index, item in enumerate(value[name]):
                keys = {str(key) for key in item} - retired if isinstance(item, dict) else set()
                if not keys or keys <= set(items["properties"]):
                    continue
                lacks = {
                    other: [n for n in lists[other].get("required", ()) if n not in keys]
                    for other in lists
                    if other != name and keys <= set(lists[other]["properties"])
                }
                if lacks:
                    fewest = min(len(lacking) for lacking in lacks.values())
                    fits = [other for other, lacking in lacks.items() if len(lacking) == fewest]
                    found[(*path, name, index)] = (name, fits, lacks[fits[0]] if len(fits) == 1 else [])
    return found


def _report_misplaced(
    document: Document, diagnostics: Collector, path: DataPath, field: str, fits: list[str], lacking: list[str]
) -> None:
    """The one error for an item under the wrong list (see ``misplaced_items``)."""
    line, column = document.position(path)
    item = _get(document.data, path)
    fields = ", ".join(str(key) for key in item)
    parent = _get(document.data, path[:-2])
    if len(fits) > 1:
        hint = "move it under " + " or ".join(f"'{f}:'" for f in fits) + ", whichever it is"
    elif fits[0] in parent:
        hint = f"move it into the '{fits[0]}' list"
    else:
        hint = f"move it under a new key, '{fits[0]}:'"
    if lacking:
        hint += f"; there it also needs {' and '.join(repr(n) for n in lacking)}"
    where = format_path(path)
    lists = " or ".join(f"'{f}'" for f in fits)
    message = f"'{where}' has the fields of an item of {lists} ({fields}), not of '{field}'"
    diagnostics.error(document.path, line, column, "misplaced-item", message, hint)


def _no_value(diagnostics: Collector, rel: str, line: int, column: int, path: DataPath, message: str) -> None:
    """A field, or a list's item, written with no value."""
    if path and isinstance(path[-1], int):
        hint = "write the item after its '-', or remove the line"
    else:
        hint = "write a value after the colon, or remove the line if the field is optional"
    diagnostics.error(rel, line, column, "missing-value", message, hint)


def close_match(wrong: str, options: list[str]) -> str | None:
    """The one of ``options`` that ``wrong`` is a near spelling of, whichever way round ``difflib``
    compares them: alike at ``CLOSE``; or, for a word of no more parts than the option's (a
    compound such as 'date_end' or 'followed-by' is another word, not a form of 'date' or
    'follows'), at ``NEAR`` and beginning alike (``PREFIX`` letters: 'relation' 'related', 'deny'
    'denies', 'cities' 'city'), or the option's end or start ('zone' of 'timezone', 'basis' of
    'date_basis'). None when none is."""
    scored = []
    for option in options:
        ratio = max(SequenceMatcher(None, wrong, option).ratio(), SequenceMatcher(None, option, wrong).ratio())
        a, b = wrong.casefold(), option.casefold()
        one_word = len(_PARTS.split(a)) <= len(_PARTS.split(b))
        begins = min(len(a), len(b)) > PREFIX and a[:PREFIX] == b[:PREFIX]
        inside = len(a) > PREFIX and len(a) < len(b) and (b.endswith(a) or b.startswith(a))
        if ratio >= CLOSE or (one_word and ((ratio >= NEAR and begins) or inside)):
            scored.append((ratio, option))
    best = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
    return best[1] if scored else None


#: What parts of a name are written apart by: 'date_basis', 'part-of', 'fewer than'.
_PARTS = re.compile(r"[-_ ]")


def _referring_field(kind: str, other: str) -> str | None:
    """The top-level field of ``kind`` that names records of ``other``: its value, its items or a
    needed field of its items refers to one (an event's ``places``, ``actors``, ``sources``)."""
    root = schema(kind)
    properties: dict[str, dict[str, Any]] = root["properties"]
    for name, node in properties.items():
        node = resolve(node, root)
        items = resolve(node["items"], root) if isinstance(node.get("items"), dict) else {}
        needed = [
            resolve(items["properties"][n], root) for n in items.get("required", ()) if n in items.get("properties", {})
        ]
        if any(n.get("x-refers-to") == other for n in (node, items, *needed)):
            return name
    return None


def other_kind_hint(kind: str, key: str) -> str | None:
    """For a top-level field ``kind`` does not have but other kinds do (``coordinates`` on an
    event): whose field it is, and, where ``kind`` names every one of those kinds' records in a
    field of its own, which (an event names its places in 'places'); None otherwise."""
    owners = [other for other in KINDS if other != kind and key in schema(other)["properties"]]
    if not owners:
        return None
    files = " or ".join(f"{_A[o]}'s" for o in owners)
    hint = (
        f"a field of {' and '.join(_RECORDS[o] for o in owners)}, not of {_RECORDS[kind]}: it goes in {files} own file"
    )
    fields = [_referring_field(kind, o) for o in owners]
    # Only where every owner has one: a place names its sources in 'sources', but that says nothing
    # of where a place's 'title', a field of events, actors and sources, would go.
    if all(fields):
        named = " and ".join(f"its {_RECORDS[o]} in '{f}'" for o, f in zip(owners, fields, strict=True))
        hint += f"; {_A[kind]} names {named}"
    return hint


def vocabulary_hint(wrong: str, options: list[str], meanings: dict[str, dict[str, Any]], this: Any) -> str | None:
    """For a word of a vocabulary with meanings (``x-links``) written as the site shows a link:
    the type that reads so (``Comes after``: 'follows'), or the type the other end of which reads so
    (``Includes``, the other end of 'part-of': declared from the other event, ``this``); None when
    it is neither."""
    written = slugify(wrong)
    if not written:
        return None
    for name in options:
        if written == slugify(meanings.get(name, {}).get("reads", "")):
            return f"did you mean '{name}'? ('{meanings[name]['reads']}' is how the site shows it)"
    for name in options:
        if written == slugify(meanings.get(name, {}).get("reads-back", "")):
            ref = f"ref: {this}" if isinstance(this, str) else "ref: this event's id"
            return (
                f"'{meanings[name]['reads-back']}' is how the site shows the other end of '{name}': "
                f"declare it from the other event, with {ref} and type: {name}"
            )
    return None


def _report(
    kind: str,
    error: ValidationError,
    document: Document,
    diagnostics: Collector,
    *,
    only_replaced: bool = False,
    replaced: dict[str, str] | None = None,
) -> None:
    """Record one schema error in plain words, located; with ``only_replaced``, of a mapping's
    unknown fields only those the format once had (the rest are told another way). ``replaced``:
    the words for the retired fields, where the mapping belongs elsewhere than where it is written."""
    path: DataPath = tuple(error.absolute_path)
    field = format_path(path)
    line, column = document.position(path)
    rel = document.path
    schema_node = error.schema if isinstance(error.schema, dict) else {}
    # jsonschema types these loosely (they may be "unset"); each is set for the validator that failed.
    validator: Any = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    hint: str | None
    if validator == "additionalProperties":
        allowed = list(schema_node.get("properties", {}))
        # A field the format once had, wherever it is written: say what replaced it rather than
        # only that it is unknown. The object's own word for it first (what replaced it there),
        # else the kind's (a retired field of the record, written in one of its entries).
        here = schema_node.get("x-replaced", {}) if replaced is None else replaced
        retired: dict[str, str] = schema(kind).get("x-replaced", {}) | here
        for key in instance:
            if key in allowed:
                continue
            kline, kcolumn = document.key_position((*path, key))
            if key in retired:
                message = f"'{key}' is no longer a field"
                diagnostics.error(rel, kline, kcolumn, "replaced-field", message, retired[key])
                continue
            if only_replaced:
                continue
            where = f"in '{field}' " if path else ""
            # A near spelling of a field of this kind first ('summery'); then whose field it is, with
            # this kind's fields beside it ('description' on an event may be its 'summary' meant).
            # Not a field the mapping already has: 'date_end' beside 'date' is no 'date' meant.
            close = close_match(str(key), [name for name in allowed if name not in instance])
            other = other_kind_hint(kind, str(key)) if not path else None
            if other and close:  # 'relays' on an event: a source's field, or 'related' misspelt
                hint = f"{other}; or did you mean '{close}'?"
            elif close:
                hint = f"did you mean '{close}'?"
            elif other:
                hint = f"{other}; {_A[kind]}'s own fields: {', '.join(allowed)}"
            else:
                hint = "allowed: " + ", ".join(allowed)
            diagnostics.error(rel, kline, kcolumn, "unknown-field", f"unknown field '{key}' {where}".strip(), hint)
    elif validator == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance:
                description = schema_node.get("properties", {}).get(name, {}).get("description", "")
                where = f" in '{field}'" if path else ""
                hint = first_sentence(description) or None
                diagnostics.error(rel, line, column, "missing-field", f"missing field '{name}'{where}", hint)
    elif validator == "type":
        expected: list[str] = value if isinstance(value, list) else [value]
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        if instance is None:
            _no_value(diagnostics, rel, line, column, path, f"'{field}' has no value; it must be {wanted}")
        else:
            hint = None
            flow = document.key_position(path)[0] == line  # the list begins on its key's line: '[ ]'
            if "string" in expected and isinstance(instance, list) and instance and path and flow:
                # Brackets make a list in YAML: a date set written as the format writes it, unquoted.
                written = ", ".join(str(item) for item in instance)
                hint = f"in YAML, [ ] makes a list: put the value in quotes, {path[-1]}: '[{written}]'"
            diagnostics.error(
                rel, line, column, "wrong-type", f"'{field}' must be {wanted}, found {describe(instance)}", hint
            )
    elif validator == "enum" and instance is None:
        _no_value(
            diagnostics,
            rel,
            line,
            column,
            path,
            f"'{field}' has no value; it must be one of: {', '.join(map(str, value))}",
        )
    elif validator == "enum":
        options = [str(o) for o in value]
        close = close_match(str(instance), options)
        # A vocabulary (values each with a meaning of their own, x-links) is always listed: a close
        # spelling of a wrong word is not necessarily the word meant.
        listed = "one of: " + ", ".join(options)
        meanings = schema_node.get("x-links")
        read = vocabulary_hint(str(instance), options, meanings, document.data.get("id")) if meanings else None
        if read:
            hint = f"{read}; {listed}"
        elif close:
            hint = f"did you mean '{close}'? {listed}" if meanings else f"did you mean '{close}'?"
        else:
            hint = listed
        diagnostics.error(rel, line, column, "invalid-value", f"'{field}' cannot be '{instance}'", hint)
    elif validator == "pattern":
        # Only the slug pattern itself makes a lowercase slug (a language tag's pattern also has 'a-z0-9').
        slug = value == SLUG_PATTERN
        rule = "id-format" if slug or path[-1:] in (("id",), ("seed",)) else "invalid-value"
        reader = _FORMS.get(schema_node.get("x-form", ""))
        told = reader(str(instance)) if reader is not None else None
        if told is not None:  # a form the checker reads itself, told as it tells it (a time: dates.parse_time)
            rule, message, hint = told
        elif slug:
            message = f"'{field}' must be a lowercase slug (letters, digits, single hyphens), found '{instance}'"
            hint = f"for example '{slugify(str(instance))}'" if slugify(str(instance)) else None
        else:
            message = f"'{field}' has the wrong form: '{instance}'"
            hint = schema_node.get("description")
        diagnostics.error(rel, line, column, rule, message, hint)
    elif validator == "maxLength" and isinstance(instance, str):
        diagnostics.error(
            rel,
            line,
            column,
            "invalid-value",
            f"'{field}' is too long: {len(instance)} characters, at most {value}",
            "shorten it",
        )
    elif validator in ("minItems", "minLength"):
        diagnostics.error(
            rel, line, column, "missing-value", f"'{field}' must not be empty", schema_node.get("description")
        )
    else:
        diagnostics.error(rel, line, column, "invalid-value", f"'{field}': {error.message}")


def _time_problem(text: str) -> tuple[str, str, str | None] | None:
    """What the checker says of a time the schema's pattern refuses: rule, message and hint."""
    from chronology import dates  # only for a file that is not valid, as jsonschema is

    try:
        dates.parse_time(text)
    except dates.DateError as exc:
        return exc.rule, exc.message, exc.hint
    return None  # the parser takes every form the pattern does (a test holds them together)


#: The readers of the forms a schema names with ``x-form``: a value its ``pattern`` refuses is told
#: what the checker's own reading of it says (the hour out of range, a time written as prose).
_FORMS: dict[str, Callable[[str], tuple[str, str, str | None] | None]] = {"time": _time_problem}

_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)\.(?:\s|\Z)")


def first_sentence(text: str) -> str:
    """The first sentence of a description, without its full stop ("e.g." does not end it)."""
    match = _SENTENCE_END.search(text)
    return (text[: match.start()] if match else text).strip()


def slugify(text: str) -> str:
    """A lowercase slug made from any text: ``Alexander Lukashenko`` is ``alexander-lukashenko``."""
    out = []
    for char in text.lower():
        out.append(char if ("a" <= char <= "z" or "0" <= char <= "9") else "-")
    return "-".join(part for part in "".join(out).split("-") if part)
