"""New: ``python build.py new event|actor|place|source`` writes a new data file.

The file is written in canonical form (``fmt.render_data``: the schema line first, the fields in
the schema's order, values quoted where YAML would misread them), named after its id, in the
kind's folder. A source is two files: ``seeds/ID.txt``, a byte-for-byte copy of ``--text-file``,
and ``seeds/ID.yaml``, its metadata.

The JSON Schemas in ``chronology/schemas/`` drive the command, read when it runs: every field of
the kind is an option (``--actor`` for ``actors``, ``--alias`` for ``aliases`` as its
``x-singular`` says, ``--seed``/``--quote`` for the one source a new record cites,
``--lat``/``--lon``/``--precision`` for ``coordinates``), asked with its
``x-question`` or the first sentence of its ``description``, needed as the schema's ``required``
(and ``x-required-when``) says, with its ``enum`` as the choices. A list of mappings is
written ``A:B`` (``--actor belarus:claimant``) when its mappings need two plain values, and any
list of mappings also as a YAML flow mapping (``--figure '{counts: missiles-launched, ...}'``).

Values come from options. When one that is needed is missing and stdin is a terminal, the command
asks for it, and for every optional field not given (Enter skips it); without a terminal it stops
with exit 2, naming the options to give. Each value is checked as the checker would check it: the
schema (``schema.validate`` on the value in its place), and what the schema cannot say, keyed off
its markers: ``x-refers-to`` (the id exists), ``x-markdown`` (safe Markdown; other text is one
line), the names ``date``/``published`` (EDTF), ``time``, ``timezone`` (IANA) and ``quotes`` (found
in the source's text). An event's date its quotes do not write needs its ``date_basis`` (the
checker's ``date-without-basis``), asked for once the quotes are known; the precision of a place
(``KEYS_FROM``) is asked only for the places given. A place's point is tested against the shape of
the country it is within, by the checker's own test (``Across.geography_of``): refused outside it,
and a country code without a shape told as a warning. So the written file passes ``python build.py
check``; what may legitimately come later (an event that names a new actor) shows only as a warning.

Exit codes: 0 written (the path is printed); 1 a value is wrong, the id is taken or not a slug
(nothing is written, and an existing file is never overwritten: files are opened with mode 'x');
2 a needed option is missing and there is no terminal to ask.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from chronology import dates, fmt, schema
from chronology.diagnostics import Collector, Severity
from chronology.file_check import (
    case_twin_message,
    character_message,
    one_line_message,
    precision_unlisted,
    reserved_message,
    unfounded_date,
)
from chronology.layout import FOLDERS, LISTS, MAX_SOURCE_BYTES
from chronology.load import Document, load_yaml, parse_yaml
from chronology.quote_search import quote_not_found
from chronology.suggestions import suggest
from chronology.text import find_quote, markdown_problems, normalise

#: The command's word for each kind, and the schema (and fmt) kind it writes.
KINDS = {"event": "event", "actor": "actor", "place": "place", "source": "seed"}
#: The command's word for the kind an ``x-refers-to`` names.
WORDS = {kind: command for command, kind in KINDS.items()}
#: The prefix of the command's names in the argparse namespace, clear of the other commands' names.
DEST = "new_"
#: A derived event id is cut, at a hyphen, to at most this length.
DERIVED_ID_LENGTH = 80
#: The list of mappings a new record fills with one entry, from one option per field: its source.
CITATION = "sources"
#: Fields whose values are dates, checked as the checker checks them (the schema cannot).
DATE_FIELDS = ("date", "published")
#: Fields whose values are copied verbatim from a source: each must be found in the source's text.
QUOTES = ("quotes", "quote")
#: A mapping whose keys are values the record gives in another field: an event's precision of a
#: place is for one of its places (the checker's ``precision_unlisted``). It is asked only when that
#: field has values, its keys are named after that field's items and checked against its values.
KEYS_FROM = {"place_precision": "places"}
#: The first date written in an EDTF value (a set's first day, a span's start).
FIRST_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}){0,2}")


class Stop(Exception):
    """Ends the command with an exit code and a message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Field:
    """One value the command collects: from its option, or from a question."""

    name: str  # the key in the collected values: the schema's name of the field
    flag: str  # the option, e.g. --title
    question: str  # what is asked in a terminal
    node: dict[str, Any]  # the schema of one value (of one item, for a list)
    parent: tuple[str, ...] = ()  # where the value sits: () at the top, ("sources",), ("coordinates",)
    required: Callable[[dict[str, Any]], bool] = lambda _values: False
    many: bool = False  # repeatable option; a list of values
    nullable: bool = False  # written as null when not known (a source's title, publisher, ...)
    entries: bool = False  # a list of mappings, each given as A:B (see pair) or as a YAML flow mapping
    pair: tuple[str, str] | None = None  # the two needed fields of an entry, written A:B (ref and role)
    keyed: bool = False  # a mapping of any keys to values (additionalProperties), each given as KEY:VALUE
    default: Callable[[dict[str, Any]], str | None] | None = None
    parse: Callable[[str], Any] | None = None  # turns an answer into the value (e.g. a number)
    needs: str | None = None  # another field the check needs, which may still have to be asked
    #: ``x-required-when`` of the field (of a list itself, not of its items): the other fields, and
    #: the values of theirs, with which it is needed, and without which it is not asked for
    when: dict[str, Any] = dataclasses.field(default_factory=dict)
    special: Callable[[Any, dict[str, Any]], str | None] | None = None  # the id's and the text file's checks

    def is_required(self, values: dict[str, Any]) -> bool:
        return self.required(values)

    @property
    def metavar(self) -> str:
        if self.keyed:
            keys = KEYS_FROM.get(self.name)
            # KEYS_FROM names lists whose singular drops the s (places): no x-singular to look up.
            return (_flag(keys, True, {})[2:].upper() if keys else "KEY") + ":VALUE"
        if self.pair is None:
            return self.flag[2:].upper().replace("-", "_")
        words = [WORDS.get(self.node["properties"][name].get("x-refers-to")) or name for name in self.pair]
        return ":".join(words).upper()

    @property
    def choices(self) -> list[str] | None:
        node = self.node["properties"][self.pair[1]] if self.pair else self.node
        node = node["additionalProperties"] if self.keyed else node
        return [str(c) for c in node["enum"]] if "enum" in node else None


# --- the fields, from the schema ------------------------------------------------------------------


def _question(node: dict[str, Any], name: str) -> str:
    """``x-question``, or the first sentence of the description, starting in lower case."""
    text = node.get("x-question") or schema.first_sentence(node.get("description", "")) or name.replace("_", " ")
    first_word = text.split(" ", 1)[0]
    return text if first_word.isupper() and len(first_word) > 1 else text[:1].lower() + text[1:]


#: The plural endings after which the singular cannot be told from the name: "aliases" is "alias"
#: but "spouses" "spouse", "entries" "entry" but "movies" "movie", "boxes" "box" but "axes" "axe".
_AMBIGUOUS_PLURALS = ("ses", "xes", "zes", "ches", "shes", "oes", "ies", "ves")


def _flag(name: str, many: bool, node: dict[str, Any]) -> str:
    """The option of a field: ``--date-basis``; a list's is singular (``--actor``), as its schema
    declares it (``x-singular``: ``--alias`` for ``aliases``) where dropping the final s may be wrong."""
    if many and "x-singular" in node:
        name = node["x-singular"]
    elif many and "_" not in name and name.endswith("s"):
        if name.endswith(_AMBIGUOUS_PLURALS):
            raise ValueError(
                f"the schema's list '{name}' needs its singular, for its option, declared beside it: "
                f'"x-singular": "{name[:-2]}" or "{name[:-1]}"'
            )
        name = name[:-1]
    return "--" + name.replace("_", "-")


def _pair(items: dict[str, Any], root: dict[str, Any]) -> tuple[str, str] | None:
    """The two needed fields of a list's mappings, when they are two plain values (ref and role)."""
    required: list[str] = items.get("required", [])
    plain = all(
        schema.resolve(items["properties"][name], root).get("type") not in ("array", "object") for name in required
    )
    return (required[0], required[1]) if len(required) == 2 and plain else None


def _quoting(items: dict[str, Any]) -> bool:
    """Whether a list's mappings hold a quote, which is looked for in the record's source."""
    return any(name in QUOTES for name in items.get("properties", {})) if items.get("type") == "object" else False


def _needed(
    name: str, node: dict[str, Any], required: list[str], group: list[str] | None
) -> Callable[[dict[str, Any]], bool]:
    """When a field is needed: when its mapping lists it as required and the mapping itself is
    needed (or, for an optional mapping, begun), and when ``x-required-when`` says so."""
    when: dict[str, Any] = node.get("x-required-when", {})

    def needed(values: dict[str, Any]) -> bool:
        if name in required and (group is None or any(values.get(n) not in (None, []) for n in group)):
            return True
        for other, wanted in when.items():
            value = values.get(other)
            if value not in (None, []) and (wanted is True or value in wanted):
                return True
        return False

    return needed


#: Where a value sits in a record: () at the top, ("sources",), ("coordinates",).
Where = tuple[str, ...]


def _schema_fields(kind: str) -> list[Field]:
    """A field for each value the kind's schema declares, in the schema's order."""
    root = schema.schema(kind)
    fields: list[Field] = []

    def add(name: str, node: dict[str, Any], required: list[str], parent: Where, group: list[str] | None) -> None:
        node = schema.resolve(node, root)
        keyed = node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict)
        many = keyed or (node.get("type") == "array" and isinstance(node.get("items"), dict))
        items = schema.resolve(node["items"], root) if many and not keyed else node
        types: list[Any] = node["type"] if isinstance(node.get("type"), list) else [node.get("type")]
        entries = many and not keyed and items.get("type") == "object"
        parse = _number if "number" in types or "integer" in types else None
        field = Field(
            name=name,
            flag=_flag(name, many, node),
            question=_question(node, name),
            node=items,
            parent=parent,
            required=_needed(name, node, required, group),
            many=many,
            nullable="null" in types,
            entries=entries,
            pair=_pair(items, root) if entries else None,
            keyed=keyed,
            parse=parse,
            needs="date" if name == "time" else ("seed" if name in QUOTES or _quoting(items) else KEYS_FROM.get(name)),
            when=node.get("x-required-when", {}),
        )
        field = replace(field, question=field.question + _form(field))
        fields.append(field)

    for name, node in root["properties"].items():
        node = schema.resolve(node, root)
        items = schema.resolve(node["items"], root) if isinstance(node.get("items"), dict) else {}
        if name == CITATION or (node.get("type") == "object" and "properties" in node):
            inner = items if name == CITATION else node
            group = None if name in root.get("required", []) else list(inner["properties"])
            for sub, sub_node in inner["properties"].items():
                add(sub, sub_node, inner.get("required", []), (name,), group)
        else:
            add(name, node, root.get("required", []), (), None)
    return fields


def _form(field: Field) -> str:
    """What a question adds about the form of its answer: A:B, the choices, a mapping's fields."""
    choices = ", ".join(field.choices or [])
    mapping = "{" + ", ".join(f"{name}: ..." for name in field.node["properties"]) + "}" if field.entries else ""
    if field.pair is not None or field.keyed:
        form = field.metavar + (f"; {field.metavar.split(':')[1]} one of: {choices}" if choices else "")
        if field.entries and len(field.node["properties"]) > 2:  # the other fields can only be given in a mapping
            form += f"; or a YAML mapping {mapping}"
        return f" ({form})"
    if field.entries:
        return f" (a YAML mapping {mapping})"
    said = all(choice in field.question for choice in field.choices or [])  # the description lists them
    return f" ({choices})" if choices and not said else ""


def _fields(command: str, project: _Project) -> list[Field]:
    """The fields of a kind: the schema's, the id's default and check, a source's text file first."""
    fields = _schema_fields(KINDS[command])
    fields = [_with_id(f, command, project) if f.name == "id" else f for f in fields]
    if command == "source":
        text_file = Field(
            "text_file",
            "--text-file",
            "the source's text file (copied verbatim)",
            {},
            required=lambda _values: True,
            special=_text_file_check,
        )
        fields.insert(0, text_file)
    only_source = _only_source(project)
    fields = [replace(f, default=only_source) if f.name == "seed" and f.is_required({}) else f for f in fields]
    # The id is asked once what its default is made of is known.
    id_field = next(f for f in fields if f.name == "id")
    fields.remove(id_field)
    after = {"event": ("title", "date"), "source": ("text_file",)}.get(command, ("name",))
    at = max(i for i, f in enumerate(fields) if f.name in after and not f.parent)
    fields.insert(at + 1, id_field)
    return fields


def _with_id(field: Field, command: str, project: _Project) -> Field:
    default = {"event": _event_id, "source": _source_id}.get(command, _name_id)
    return replace(field, default=default, special=_id_check(project, command))


# --- checks: each returns what is wrong, or None --------------------------------------------------


class _Project:
    """What the checks need to know about the project: its ids and its sources' texts."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def ids(self, kind: str) -> list[str]:
        folder = self.root / FOLDERS[kind]
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def source_text(self, seed: str) -> str | None:
        path = self.root / "seeds" / f"{seed}.txt"
        try:
            return path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None


def _placed(field: Field, value: Any) -> dict[str, Any]:
    """The value in its place in a record, as the schema sees it: ``{"sources": [{"seed": value}]}``."""
    placed: dict[str, Any] = {field.name: [value] if field.many and not field.keyed else value}
    for name in reversed(field.parent):
        placed = {name: [placed] if name == CITATION else placed}
    return placed


def _schema_problem(kind: str, field: Field, value: Any) -> str | None:
    """What the schema says is wrong with one value, in the checker's words (others may come later)."""
    diagnostics = Collector()
    schema.validate(kind, Document("", _placed(field, value)), diagnostics)
    problems = [d for d in diagnostics.errors if d.rule != "missing-field"]
    if not problems:
        return None
    first = problems[0]
    return first.message + (f" ({first.hint})" if first.hint else "")


def _date_problem(text: str) -> str | None:
    try:
        dates.parse(text)
    except dates.DateError as exc:
        return exc.message + (f" ({exc.hint})" if exc.hint else "")
    return None


def _time_problem(text: str, values: dict[str, Any]) -> str | None:
    try:
        dates.parse_time(text)
    except dates.DateError as exc:
        return exc.message + (f" ({exc.hint})" if exc.hint else "")
    date = values.get("date")
    try:
        single_day = date is None or dates.parse(str(date)).is_single_day
    except dates.DateError:
        return None  # the date's own problem is reported on --date
    if not single_day:
        return f"a time needs a date of one known day, not '{date}'"
    return None


def _timezone_problem(text: str) -> str | None:
    try:
        dates.check_time_zone(text)
    except dates.DateError as exc:
        return exc.message + f" ({suggest(text, dates.time_zones()) or 'e.g. Europe/Minsk'})"
    return None


def _words(found: tuple[str, str] | None) -> str | None:
    """The checker's message and hint, as one line."""
    return None if found is None else f"{found[0]} ({found[1]})"


def _text_problem(node: dict[str, Any], text: str, name: str) -> str | None:
    """Text must say something and hold no character the checker refuses (``name``: the field's);
    Markdown must be safe (``x-markdown``); other text but a quote is one line."""
    if not text.strip():
        return "it must not be empty"
    found = _words(character_message(name, text))
    if found is None and node.get("x-markdown"):
        for problem in markdown_problems(text):
            return f"{problem.message} ({problem.hint})"
    elif found is None and name not in QUOTES:
        found = _words(one_line_message(name, text))
    return found


def _reference_problem(project: _Project, kind: str, ref: str) -> str | None:
    known = project.ids(kind)
    if ref in known:
        return None
    hint = suggest(ref, known) or f"add it first: python build.py new {WORDS[kind]}"
    return f"no {WORDS[kind]} '{ref}' in {FOLDERS[kind]}/ ({hint})"


def _quote_problem(project: _Project, quote: str, values: dict[str, Any]) -> str | None:
    seed = values.get("seed")
    if seed is None:
        return "a quote needs its source: give --seed"
    text = project.source_text(seed)
    if text is None:
        return None  # reported on --seed
    normalised = normalise(text)
    if find_quote(quote, normalised):
        return None
    message, hint = quote_not_found(quote, seed, text, normalised)  # as the checker says it
    return message + (f" ({hint})" if hint else "")


def entry(field: Field, text: str) -> dict[str, Any] | str:
    """One entry of a list of mappings from its text (``belarus:claimant``, split at the last colon,
    or a YAML flow mapping), or what is wrong with the text."""
    if text.lstrip().startswith("{"):
        diagnostics = Collector()
        document = parse_yaml(text, "", diagnostics)
        if diagnostics.errors or document is None or not isinstance(document.data, dict):
            wrong = diagnostics.errors[0].message if diagnostics.errors else "it is not a mapping"
            return f"'{text}': {wrong}"
        mapping: dict[str, Any] = document.data
        return mapping
    first, colon, second = text.rpartition(":")
    if field.pair is None or not colon or not first.strip() or not second.strip():
        return f"'{text}': write{_form(field).rstrip(')').replace(' (', ' ', 1)}"
    return {field.pair[0]: first.strip(), field.pair[1]: second.strip()}


def _entry_problem(kind: str, field: Field, text: str, values: dict[str, Any], project: _Project) -> str | None:
    """An entry's shape, the ids it names (``x-refers-to``), its Markdown and quotes, then the schema."""
    value = entry(field, text)
    if isinstance(value, str):
        return value
    # A quote in an entry is found in the entry's source, or else in the record's.
    seed = {"seed": value.get("seed", values.get("seed"))}
    for name, item in value.items():
        node = field.node.get("properties", {}).get(name, {})
        target = node.get("x-refers-to") or (node.get("items") or {}).get("x-refers-to")
        for one in item if isinstance(item, list) else [item]:
            if not isinstance(one, str):
                continue
            found = _reference_problem(project, target, one) if target else None
            found = found or _text_problem(node, one, name)
            found = found or (_quote_problem(project, one, seed) if name in QUOTES else None)
            if found:
                return found
    return _schema_problem(kind, field, value)


def problem(kind: str, field: Field, value: Any, values: dict[str, Any], project: _Project) -> str | None:
    """What is wrong with one value of a field, checked as the checker would check it."""
    if field.special is not None:
        return field.special(value, values)
    if field.entries:
        return _entry_problem(kind, field, str(value), values, project)
    if field.keyed:
        key, colon, item = str(value).rpartition(":")
        if not colon or not key.strip() or not item.strip():
            return f"'{value}': write{_form(field).rstrip(')').replace(' (', ' ', 1)}"
        keys = KEYS_FROM.get(field.name)
        if keys is not None and key.strip() not in (values.get(keys) or []):
            return _words(precision_unlisted(key.strip()))
        return _schema_problem(kind, field, {key.strip(): item.strip()})
    if isinstance(value, str):
        found = _text_problem(field.node, value, field.name)
        if found is None and field.name == "tags":
            found = _words(reserved_message(value, "tags", "tag"))
        if found is None and field.name in DATE_FIELDS:
            found = _date_problem(value)
        elif found is None and field.name == "time":
            found = _time_problem(value, values)
        elif found is None and field.name == "timezone":
            found = _timezone_problem(value)
        elif found is None and field.name in QUOTES:
            found = _quote_problem(project, value, values)
        target = field.node.get("x-refers-to")
        if found is None and target:
            found = _reference_problem(project, target, value)
            if found is None and target == "seed" and project.source_text(value) is None:
                found = f"the text of source '{value}' (seeds/{value}.txt) is missing or not UTF-8"
        if found is not None:
            return found
    return _schema_problem(kind, field, value)


def _id_check(project: _Project, command: str) -> Callable[[Any, dict[str, Any]], str | None]:
    kind = KINDS[command]
    folder = FOLDERS[kind]
    # What an id may be is the schema's (its pattern and length), as the checker reads it.
    longest = schema.schema(kind)["properties"]["id"]["maxLength"]
    allowed = (
        "letters, digits, hyphens and underscores"
        if command == "source"
        else "lowercase letters, digits and single hyphens"
    )

    def check(value: Any, _values: dict[str, Any]) -> str | None:
        new_id = str(value)
        if not schema.is_valid_id(kind, new_id):
            example = schema.slugify(new_id)
            hint = f", e.g. '{example}'" if example and example != new_id else ""
            return f"'{new_id}' is not a valid id: use {allowed}, at most {longest} characters{hint}"
        reserved = _words(reserved_message(new_id, LISTS[kind]))
        if reserved is not None:
            return reserved
        for known in project.ids(kind):
            if known.casefold() == new_id.casefold() and known != new_id:
                return _words(case_twin_message(new_id, known, f"{folder}/{known}.yaml"))
        suffixes = (".yaml", ".txt") if command == "source" else (".yaml",)
        for suffix in suffixes:
            path = project.root / folder / f"{new_id}{suffix}"
            if os.path.lexists(path):
                return f"{folder}/{new_id}{suffix} already exists: choose another id, or edit it"
        return None

    return check


def _text_file_check(value: Any, _values: dict[str, Any]) -> str | None:
    path = Path(str(value)).expanduser()
    try:
        if not path.is_file():
            return f"'{value}' is not a file"
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return f"'{value}' is larger than {MAX_SOURCE_BYTES:,} bytes"
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return f"cannot read '{value}': {exc.strerror or exc}"
    except UnicodeDecodeError:
        return f"'{value}' is not UTF-8 text (save it as UTF-8)"
    if not text.strip():
        return f"'{value}' is empty"
    return None


def _number(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ValueError(f"'{text}' is not a number")
    return number


def _number_option(text: str) -> float:
    try:
        return _number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# --- defaults -------------------------------------------------------------------------------------


def _event_id(values: dict[str, Any]) -> str | None:
    """The date's first day (of a set, of a span) and the title, as a slug."""
    if not values.get("title") or not values.get("date"):
        return None
    first = FIRST_DATE.search(str(values["date"]))
    day = first.group() if first else schema.slugify(values["date"])
    return _cut("-".join(p for p in (day, schema.slugify(values["title"])) if p)) or None


def _name_id(values: dict[str, Any]) -> str | None:
    return _cut(schema.slugify(values.get("name") or "")) or None


#: Words a phrase cut short does not end on ("...-called-to-a-fire-by-a"): the cut goes back to a word
#: that carries meaning.
_LINKING_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
)


def _cut(slug: str) -> str:
    """``slug`` cut at a hyphen to at most DERIVED_ID_LENGTH, not ending on a linking word."""
    if len(slug) <= DERIVED_ID_LENGTH:
        return slug
    # The words that end before the cut (a word the cut runs into is left out), or, for one word
    # longer than the cut, that word cut short.
    words = slug[: DERIVED_ID_LENGTH + 1].split("-")
    words = words[:-1] if len(words) > 1 else [slug[:DERIVED_ID_LENGTH]]
    while len(words) > 1 and words[-1] in _LINKING_WORDS:
        words.pop()
    return "-".join(words).strip("-")


def _source_id(values: dict[str, Any]) -> str | None:
    stem = Path(str(values.get("text_file") or "")).stem
    return stem if schema.is_valid_id("seed", stem) else None


def _only_source(project: _Project) -> Callable[[dict[str, Any]], str | None]:
    def default(_values: dict[str, Any]) -> str | None:
        sources = project.ids("seed")
        return sources[0] if len(sources) == 1 else None

    return default


# --- collecting the values ------------------------------------------------------------------------


Check = Callable[[Field, Any, dict[str, Any]], str | None]


def _ask(field: Field, values: dict[str, Any], check: Check) -> Any:
    """Ask for a value in the terminal until it is acceptable (Enter skips an optional one)."""
    collected: list[Any] = []
    keys = KEYS_FROM.get(field.name)
    if keys is not None and not values.get(keys):
        return []  # nothing it could be given for (a place's precision, with no place)
    while True:
        default = field.default(values) if field.default and not collected else None
        prompt = f"{field.flag[2:]}: {field.question}"
        if keys is not None:
            prompt += f" ({field.metavar.split(':')[0]}: the id of one of the {keys} given: {', '.join(values[keys])})"
        if collected:
            prompt = f"another {field.flag[2:]} (Enter to finish)"
        elif field.nullable:
            prompt += " (Enter if unknown)"
        elif not field.is_required(values) and not default:
            prompt += " (Enter to skip)"
        if default:
            prompt += f" [{default}]"
        try:
            answer = input(f"{prompt}: ").strip()
        except EOFError:
            raise Stop(2, f"no answer for {field.flag}: stopped, nothing written") from None
        if not answer and default:
            answer = default
        if not answer:
            if field.nullable:
                return None
            if field.many and collected:
                return collected
            if not field.is_required(values):
                return [] if field.many else None
            print("  a value is needed", file=sys.stderr)
            continue
        try:
            value = field.parse(answer) if field.parse else answer
        except ValueError as exc:
            print(f"  {exc}", file=sys.stderr)
            continue
        wrong = check(field, value, values)
        if wrong:
            print(f"  {wrong}", file=sys.stderr)
            continue
        if not field.many:
            return value
        collected.append(value)


def collect(fields: list[Field], args: argparse.Namespace, interactive: bool, check: Check) -> dict[str, Any]:
    """The values of every field, from options or questions; Stop when one is missing or wrong.

    Every option is checked before any question is asked; a check that needs a value still to be
    asked for (a quote needs its source) runs once that value is known.
    """
    values: dict[str, Any] = {}
    notes: dict[str, str] = {}  # how a value that was not given was taken
    for field in fields:
        given = getattr(args, DEST + field.name, None)
        if given is not None and given != []:
            values[field.name] = given
    if not interactive:
        for field in fields:
            if field.name in values:
                continue
            default = field.default(values) if field.default else None
            if default is not None and field.is_required(values):
                values[field.name] = default
                notes[field.name] = f" (not given, so taken as '{default}')"
            elif field.nullable:
                values[field.name] = None
    to_check = [f for f in fields if values.get(f.name) is not None]
    problems, deferred = _check_values(to_check, values, notes, check)
    missing = [f.flag for f in fields if f.name not in values and f.is_required(values)]
    if missing and not interactive:
        # A value with a default (an id) is not missing while what it comes from is.
        missing = [f for f in missing if not _field(fields, f).default] or missing
        what, them = ("option", "it") if len(missing) == 1 else ("options", "them")
        first = f"missing {what} {', '.join(missing)} (give {them}, or run the command in a "
        first += "terminal to be asked)"
        raise Stop(2, "\n".join([first, *problems]))
    if problems:
        raise Stop(1, "\n".join(problems))
    for field in fields if interactive else []:
        # A field needed only with another (a time zone with a time) is not asked for without it.
        conditional = bool(field.when) and not field.is_required(values)
        if field.name not in values and not conditional:
            values[field.name] = _ask(field, values, check)
    problems, _ = _check_values(deferred, values, notes, check, last=True)
    if problems:
        raise Stop(1, "\n".join(problems))
    return values


def _field(fields: list[Field], flag: str) -> Field:
    return next(f for f in fields if f.flag == flag)


def _check_values(
    fields: list[Field], values: dict[str, Any], notes: dict[str, str], check: Check, last: bool = False
) -> tuple[list[str], list[Field]]:
    """What is wrong with the values of ``fields``, and the fields whose check must wait (unless ``last``)."""
    problems: list[str] = []
    deferred: list[Field] = []
    for field in fields:
        if field.needs and values.get(field.needs) is None and not last:
            deferred.append(field)
            continue
        value = values[field.name]
        for item in value if field.many else [value]:
            wrong = check(field, item, values)
            if wrong:
                problems.append(f"{field.flag}{notes.get(field.name, '')}: {wrong}")
    return problems, deferred


# --- the record -----------------------------------------------------------------------------------


def record(fields: list[Field], values: dict[str, Any]) -> dict[str, Any]:
    """The file's data from the collected values, each in its place (fmt puts the fields in order)."""
    data: dict[str, Any] = {}
    for field in fields:
        value = values.get(field.name)
        if field.name == "text_file" or value == [] or (value is None and not (field.nullable and not field.parent)):
            continue
        if field.entries and value is not None:
            value = [entry(field, text) for text in value]
        elif field.keyed and value is not None:
            value = {key.strip(): item.strip() for key, _, item in (text.rpartition(":") for text in value)}
        place = data
        for name in field.parent:  # a new record cites one source: the one entry of its list
            place = place.setdefault(name, [{}])[0] if name == CITATION else place.setdefault(name, {})
        place[field.name] = value
    return data


def _ask_basis(fields: list[Field], values: dict[str, Any], interactive: bool, check: Check) -> None:
    """An event's date that is neither written out in its quotes nor given a basis, which the
    checker warns of (``date-without-basis``): its basis is needed, asked for in a terminal (the
    quotes are known only after the date's questions) and otherwise missing, in the checker's words."""
    data = record(fields, values)
    try:
        parsed = dates.parse(str(data.get("date")))
    except dates.DateError:
        return  # refused on --date already
    found = unfounded_date(parsed, data)
    if found is None:
        return
    field = next(f for f in fields if f.name == "date_basis")
    if not interactive:
        raise Stop(
            2, f"missing option {field.flag} (give it, or run the command in a terminal to be asked): {_words(found)}"
        )
    print(f"  {_words(found)}", file=sys.stderr)
    values[field.name] = _ask(replace(field, required=lambda _values: True), values, check)


def _final_check(kind: str, text: str) -> list[str]:
    """What the checker's loader and schema say about the text to be written (nothing, normally)."""
    diagnostics = Collector()
    document = parse_yaml(text, "new", diagnostics)
    if document is not None:
        schema.validate(kind, document, diagnostics)
    return [d.message + (f" ({d.hint})" if d.hint else "") for d in diagnostics.errors]


def _as_options(line: str, fields: list[Field]) -> str:
    """A checker's message as this command's user reads it: each field it names ('within',
    'coordinates.outside_shapes') called by the option that gives it (--within, --outside-shapes)."""
    for field in fields:
        line = line.replace(f"'{'.'.join((*field.parent, field.name))}'", field.flag)
    return line


def _place_problems(root: Path, text: str, fields: list[Field]) -> list[str]:
    """What the checker's geography check (``Across.geography_of``) says of the place to be
    written, among the project's places: its point outside the country it is within, raised (as
    ``check`` refuses it); its country's code without a shape, returned (as ``check`` warns of it)."""
    from chronology import boundaries
    from chronology.across import Across

    checker = Across(root)
    checker.located = False
    folder = root / FOLDERS["place"]
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        found = load_yaml(path, path.name, Collector())
        if found is not None and isinstance(found.data, dict):
            checker.documents["place"][path.stem] = found
    document = parse_yaml(text, "new", Collector())
    if document is None:  # pragma: no cover - _final_check refused it
        return []
    checker.documents["place"][document.data["id"]] = document
    checker.geography_of(document.data["id"], document, boundaries.load())
    said = [
        (d.severity, _as_options(d.message + (f" ({d.hint})" if d.hint else ""), fields))
        for d in checker.diagnostics.items
    ]
    errors = [line for severity, line in said if severity is Severity.ERROR]
    if errors:
        raise Stop(1, "\n".join(errors))
    return [line for _, line in said]


# --- the command ----------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments: one sub-command per kind, each with its own options."""
    parser.description = (
        "Write a new event, actor, place or source file in canonical form, from options or, in a "
        "terminal, from questions. Every value is checked as the checker would check it; an "
        "existing file is never overwritten. Without a terminal a missing needed option exits 2."
    )
    kinds = parser.add_subparsers(dest=DEST + "kind_of_file", metavar="KIND", required=True)
    helps = {
        "event": "a new events/ID.yaml",
        "actor": "a new actors/ID.yaml",
        "place": "a new places/ID.yaml",
        "source": "a new seeds/ID.yaml, with seeds/ID.txt copied from --text-file",
    }
    project = _Project(Path("."))
    for command, help_text in helps.items():
        sub = kinds.add_parser(
            command,
            help=help_text,
            description=f"Write {help_text}. Needed options that are not given are asked for in "
            "a terminal; without one, the command exits 2 naming them.",
        )
        fields = _fields(command, project)
        for field in fields:
            options: dict[str, Any] = {"dest": DEST + field.name, "metavar": field.metavar}
            if field.many:
                options["action"] = "append"
            if field.parse is _number:
                options["type"] = _number_option
            if field.choices and not (field.entries or field.keyed):
                options["choices"] = field.choices
            sub.add_argument(field.flag, help=_help(command, field, fields), **options)


#: What an id's help says about its default.
_ID_DEFAULTS = {
    "event": "the date's first day and the title as a slug",
    "source": "the text file's name",
}


def _help(command: str, field: Field, fields: list[Field]) -> str:
    """The question, and when the option is needed: as the schema says, or with which others."""
    notes: list[str] = []
    if field.nullable:
        pass  # never needed: written as null (unknown) when not given
    elif field.is_required({}):
        notes.append("needed")
    else:
        with_others = [f.flag for f in fields if f is not field and field.is_required({f.name: "x"})]
        when = {f.flag: field.when[f.name] for f in fields if f.name in field.when}
        with_values = [flag if wanted is True else f"{flag} {' or '.join(wanted)}" for flag, wanted in when.items()]
        with_others = with_values or with_others
        if with_others:
            notes.append(f"needed with {' or '.join(with_others)}")
    if field.name == "id":
        notes.append(f"default: {_ID_DEFAULTS.get(command, 'the name as a slug')}")
    elif field.default is not None:
        notes.append("default: the project's source when it has only one")
    if field.nullable:
        notes.append("null (unknown) when not given")
    if field.many:
        notes.append("repeat for more")
    return field.question.replace("%", "%%") + "".join(f"; {note}" for note in notes)


def run(args: argparse.Namespace, root: Path) -> int:
    """Run the command; the exit code."""
    command: str = getattr(args, DEST + "kind_of_file")
    kind = KINDS[command]
    where = f"build.py new {command}"
    interactive = sys.stdin is not None and sys.stdin.isatty()
    try:
        project = _Project(root)
        fields = _fields(command, project)

        def check(field: Field, value: Any, values: dict[str, Any]) -> str | None:
            return problem(kind, field, value, values, project)

        values = collect(fields, args, interactive, check)
        if kind == "event":
            _ask_basis(fields, values, interactive, check)
        text = fmt.render_data(kind, record(fields, values))
        problems = _final_check(kind, text)
        if problems:
            raise Stop(1, "\n".join(problems))
        if kind == "place":
            for line in _place_problems(root, text, fields):
                print(f"{where}: warning: {line}", file=sys.stderr)
        written = _write(root, command, values["id"], text, values.get("text_file"))
    except Stop as stop:
        for line in stop.message.splitlines():
            print(f"{where}: error: {line}", file=sys.stderr)
        return stop.code
    except fmt.FormatError as exc:  # pragma: no cover - render_data checks its own output
        print(f"{where}: error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _write(root: Path, command: str, new_id: str, text: str, text_file: str | None) -> list[str]:
    """Create the file(s) with mode 'x': an existing file is never replaced. The paths written."""
    folder = root / FOLDERS[KINDS[command]]
    folder.mkdir(exist_ok=True)
    targets: list[tuple[Path, bytes]] = [(folder / f"{new_id}.yaml", text.encode("utf-8"))]
    created: list[Path] = []
    try:
        if text_file is not None:
            targets.append((folder / f"{new_id}.txt", Path(text_file).expanduser().read_bytes()))
        for path, content in targets:
            with open(path, "xb") as handle:
                created.append(path)
                handle.write(content)
    except FileExistsError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise Stop(1, f"{Path(exc.filename).relative_to(root).as_posix()} already exists: nothing written") from None
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise Stop(1, f"cannot write {exc.filename}: {exc.strerror or exc}") from None
    return [path.relative_to(root).as_posix() for path, _ in targets]
