"""New: ``python build.py new event|actor|place|source`` writes a new data file.

The file is written in canonical form (``fmt.render_data``: the schema line first, the fields in
the schema's order, values quoted where YAML would misread them), named after its id, in the
kind's folder. A source is two files: ``seeds/ID.txt``, a byte-for-byte copy of ``--text-file``,
and ``seeds/ID.yaml``, its metadata.

Values come from options. When one that is needed is missing and stdin is a terminal, the command
asks for it; without a terminal it stops with exit 2, naming the options to give. Each value is
checked as the checker would check it (schema, dates, references to existing files, quotes found
in their source, Markdown safety), so that the written file passes ``python build.py check``;
what may legitimately come later (an event that names a new actor) shows only as a warning.

Exit codes: 0 written (the path is printed); 1 a value is wrong, the id is taken or not a slug
(nothing is written, and an existing file is never overwritten: files are opened with mode 'x');
2 a needed option is missing and there is no terminal to ask.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chronology import dates, fmt, schema
from chronology.check import MAX_SOURCE_BYTES, suggest
from chronology.diagnostics import Collector
from chronology.load import Document, parse_yaml
from chronology.text import closest_passage, find_quote, markdown_problems, normalise

#: The command's word for each kind, and the schema (and fmt) kind it writes.
KINDS = {"event": "event", "actor": "actor", "place": "place", "source": "seed"}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
#: Source ids may also hold underscores, as the ids of fetched documents do (000_9acb625707f65469).
SOURCE_ID = re.compile(r"[a-z0-9]+([_-][a-z0-9]+)*")
MAX_ID = 120
#: The prefix of the command's names in the argparse namespace, clear of the other commands' names.
DEST = "new_"
#: A derived event id is cut, at a hyphen, to at most this length.
DERIVED_ID_LENGTH = 80


class Stop(Exception):
    """Ends the command with an exit code and a message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


Check = Callable[[Any, dict[str, Any]], str | None]


@dataclass(frozen=True)
class Field:
    """One value the command collects: from its option, or from a question."""

    name: str  # the key in the collected values
    flag: str  # the option, e.g. --title
    question: str  # what is asked in a terminal
    check: Check | None = None
    required: bool | Callable[[dict[str, Any]], bool] = False
    many: bool = False  # repeatable option; a list of values
    nullable: bool = False  # written as null when not known (a source's title, publisher, ...)
    default: Callable[[dict[str, Any]], str | None] | None = None
    parse: Callable[[str], Any] | None = None  # turns an answer into the value (e.g. a number)
    needs: str | None = None  # another field the check needs, which may still have to be asked

    def is_required(self, values: dict[str, Any]) -> bool:
        return self.required(values) if callable(self.required) else self.required


# --- checks: each returns what is wrong, or None --------------------------------------------------


class _Project:
    """What the checks need to know about the project: its ids and its sources' texts."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def ids(self, kind: str) -> list[str]:
        folder = self.root / fmt.FOLDERS[kind]
        return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def source_text(self, seed: str) -> str | None:
        path = self.root / "seeds" / f"{seed}.txt"
        try:
            return path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None


def _field_problem(kind: str, name: str, value: Any) -> str | None:
    """What the schema says is wrong with one field's value, in the checker's words."""
    diagnostics = Collector()
    document = Document("", {name: value})
    schema.validate(kind, document, diagnostics)
    problems = [d for d in diagnostics.errors if not (d.rule == "missing-field" and " in '" not in d.message)]
    if not problems:
        return None
    first = problems[0]
    return first.message + (f" ({first.hint})" if first.hint else "")


def _schema_check(kind: str, name: str, wrap: Callable[[Any], Any] | None = None) -> Check:
    def check(value: Any, _values: dict[str, Any]) -> str | None:
        return _field_problem(kind, name, wrap(value) if wrap else value)

    return check


def _text_check(kind: str, name: str) -> Check:
    def check(value: Any, _values: dict[str, Any]) -> str | None:
        if not str(value).strip():
            return "it must not be empty"
        if "\n" in str(value):
            return "it must be one line"
        return _field_problem(kind, name, value)

    return check


def _markdown_check(kind: str, name: str) -> Check:
    def check(value: Any, _values: dict[str, Any]) -> str | None:
        if not str(value).strip():
            return "it must not be empty"
        for _, message, hint in markdown_problems(str(value)):
            return f"{message} ({hint})"
        return _field_problem(kind, name, value)

    return check


def _date_check(value: Any, _values: dict[str, Any]) -> str | None:
    try:
        dates.parse(str(value))
    except dates.DateError as exc:
        return exc.message + (f" ({exc.hint})" if exc.hint else "")
    return None


def _time_check(value: Any, values: dict[str, Any]) -> str | None:
    try:
        dates.parse_time(str(value))
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


def _timezone_check(value: Any, _values: dict[str, Any]) -> str | None:
    try:
        dates.check_time_zone(str(value))
    except dates.DateError as exc:
        return exc.message + f" ({suggest(str(value), dates.time_zones()) or 'e.g. Europe/Minsk'})"
    return None


def _published_check(value: Any, values: dict[str, Any]) -> str | None:
    return None if value is None else _date_check(value, values)


def _reference(project: _Project, kind: str) -> Callable[[str], str | None]:
    def check(ref: str) -> str | None:
        known = project.ids(kind)
        if ref in known:
            return None
        folder = fmt.FOLDERS[kind]
        hint = suggest(ref, known) or f"add it first: python build.py new {'source' if kind == 'seed' else kind}"
        return f"no {'source' if kind == 'seed' else kind} '{ref}' in {folder}/ ({hint})"

    return check


def _ref_check(project: _Project, kind: str) -> Check:
    reference = _reference(project, kind)

    def check(value: Any, _values: dict[str, Any]) -> str | None:
        return reference(str(value))

    return check


def _pair(text: str) -> tuple[str, str] | None:
    """``REF:OTHER`` as its two parts, or None when it is not written that way."""
    ref, colon, other = str(text).partition(":")
    if not colon or not ref.strip() or not other.strip():
        return None
    return ref.strip(), other.strip()


def _actor_role_check(project: _Project) -> Check:
    reference = _reference(project, "actor")

    def check(value: Any, _values: dict[str, Any]) -> str | None:
        pair = _pair(value)
        if pair is None:
            return f"'{value}': write ACTOR:ROLE, e.g. belarus:claimant"
        return reference(pair[0]) or _field_problem("event", "actors", [{"ref": pair[0], "role": pair[1]}])

    return check


def _related_check(project: _Project) -> Check:
    reference = _reference(project, "event")

    def check(value: Any, _values: dict[str, Any]) -> str | None:
        pair = _pair(value)
        if pair is None:
            return f"'{value}': write EVENT:TYPE, e.g. 2022-11-s300-lands-in-poland:compared-to"
        return reference(pair[0]) or _field_problem("event", "related", [{"ref": pair[0], "type": pair[1]}])

    return check


def _seed_check(project: _Project) -> Check:
    reference = _reference(project, "seed")

    def check(value: Any, _values: dict[str, Any]) -> str | None:
        problem = reference(str(value))
        if problem is None and project.source_text(str(value)) is None:
            return f"the text of source '{value}' (seeds/{value}.txt) is missing or not UTF-8"
        return problem

    return check


def _quote_check(project: _Project) -> Check:
    def check(value: Any, values: dict[str, Any]) -> str | None:
        quote = str(value)
        if not quote.strip():
            return "a quote must not be empty"
        seed = values.get("seed")
        if seed is None:
            return "a quote needs its source: give --seed"
        text = project.source_text(seed)
        if text is None:
            return None  # reported on --seed
        normalised = normalise(text)
        if find_quote(quote, normalised):
            return None
        closest = closest_passage(quote, text, normalised)
        hint = f" (closest passage: '{closest}')" if closest else ""
        return f"quote not found in source '{seed}': '{quote}'{hint}"

    return check


def _id_check(project: _Project, command: str) -> Check:
    kind = KINDS[command]
    folder = fmt.FOLDERS[kind]
    pattern = SOURCE_ID if command == "source" else SLUG

    def check(value: Any, _values: dict[str, Any]) -> str | None:
        new_id = str(value)
        if not pattern.fullmatch(new_id) or len(new_id) > MAX_ID:
            allowed = (
                "letters, digits, hyphens and underscores"
                if command == "source"
                else ("letters, digits and single hyphens")
            )
            example = schema.slugify(new_id)
            hint = f", e.g. '{example}'" if example and example != new_id else ""
            return f"'{new_id}' is not a valid id: use lowercase {allowed}, at most {MAX_ID} characters{hint}"
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
    if not values.get("title") or not values.get("date"):
        return None
    derived = "-".join(p for p in (schema.slugify(values["date"]), schema.slugify(values["title"])) if p)
    if len(derived) > DERIVED_ID_LENGTH:
        derived = derived[: DERIVED_ID_LENGTH + 1].rsplit("-", 1)[0]
    return derived or None


def _name_id(values: dict[str, Any]) -> str | None:
    return schema.slugify(values.get("name") or "")[:DERIVED_ID_LENGTH].strip("-") or None


def _source_id(values: dict[str, Any]) -> str | None:
    stem = Path(str(values.get("text_file") or "")).stem
    return stem if SOURCE_ID.fullmatch(stem) else None


def _only_source(project: _Project) -> Callable[[dict[str, Any]], str | None]:
    def default(_values: dict[str, Any]) -> str | None:
        sources = project.ids("seed")
        return sources[0] if len(sources) == 1 else None

    return default


# --- the fields of each kind ----------------------------------------------------------------------


def _enum(kind: str, *path: str) -> list[str]:
    node: Any = schema.schema(kind)
    for part in path:
        node = node["properties"][part]
    return list(node["enum"])


def _citation_fields(project: _Project, kind: str, required: bool) -> list[Field]:
    return [
        Field(
            "seed",
            "--seed",
            "source id (a file in seeds/)",
            _seed_check(project),
            required=lambda values: required or bool(values.get("quotes")),
            default=_only_source(project) if required else None,
        ),
        Field(
            "quotes",
            "--quote",
            "quote, copied verbatim from the source",
            _quote_check(project),
            required=lambda values: required or bool(values.get("seed")),
            many=True,
            needs="seed",
        ),
    ]


def _fields(command: str, project: _Project) -> list[Field]:
    kind = KINDS[command]
    id_field = Field(
        "id",
        "--id",
        "id (the file name)",
        _id_check(project, command),
        required=True,
        default={"event": _event_id, "source": _source_id}.get(command, _name_id),
    )
    if command == "event":
        return [
            Field(
                "title",
                "--title",
                "title (a one-line headline)",
                _text_check(kind, "title"),
                required=True,
            ),
            Field(
                "date",
                "--date",
                "date (EDTF: 2022-12-29, 2022-12, 2022-12-19~; one day of [2022-12-29..2022-12-31] or "
                "[..2022-12-19]; a span 2022-12-19/2022-12-20)",
                _date_check,
                required=True,
            ),
            id_field,
            Field("time", "--time", "time (HH:MM or HH:MM/HH:MM)", _time_check, needs="date"),
            Field(
                "timezone",
                "--timezone",
                "time zone of that time (IANA, e.g. Europe/Minsk)",
                _timezone_check,
                required=lambda values: bool(values.get("time")),
            ),
            Field(
                "date_basis",
                "--date-basis",
                "how the date was established",
                _markdown_check(kind, "date_basis"),
            ),
            Field(
                "summary",
                "--summary",
                "summary (what happened, as the sources say it)",
                _markdown_check(kind, "summary"),
                required=True,
            ),
            Field(
                "actors",
                "--actor",
                "actor and role (ACTOR:ROLE)",
                _actor_role_check(project),
                many=True,
            ),
            Field("places", "--place", "place", _ref_check(project, "place"), many=True),
            Field(
                "claimed_by",
                "--claimed-by",
                "claimed by (actor id)",
                _ref_check(project, "actor"),
                many=True,
            ),
            Field("tags", "--tag", "tag", _schema_check(kind, "tags", lambda v: [v]), many=True),
            *_citation_fields(project, kind, required=True),
            Field(
                "related",
                "--related",
                "related event (EVENT:TYPE)",
                _related_check(project),
                many=True,
            ),
        ]
    if command in ("actor", "place"):
        kinds = _enum(kind, "kind")
        fields = [
            Field(
                "name",
                "--name",
                "name (as the sources give it)",
                _text_check(kind, "name"),
                required=True,
            ),
            id_field,
            Field(
                "kind",
                "--kind",
                f"kind ({', '.join(kinds)})",
                _schema_check(kind, "kind"),
                required=True,
            ),
            Field(
                "aliases",
                "--alias",
                "alias",
                _schema_check(kind, "aliases", lambda v: [v]),
                many=True,
            ),
        ]
        if command == "actor":
            fields += [
                Field("title", "--title", "title (a person's office)", _text_check(kind, "title")),
                Field(
                    "member_of",
                    "--member-of",
                    "member of (actor id)",
                    _ref_check(project, "actor"),
                    many=True,
                ),
            ]
        else:
            precisions = _enum(kind, "coordinates", "precision")

            def with_point(values: dict[str, Any]) -> bool:
                return any(values.get(n) is not None for n in ("lat", "lon", "precision"))

            fields += [
                Field(
                    "within",
                    "--within",
                    "within (the enclosing place's id)",
                    _ref_check(project, "place"),
                ),
                Field(
                    "within_basis",
                    "--within-basis",
                    "how the enclosing place was established",
                    _markdown_check(kind, "within_basis"),
                ),
                Field(
                    "lat",
                    "--lat",
                    "latitude (decimal degrees)",
                    _schema_check(kind, "coordinates", lambda v: {"lat": v, "lon": 0, "precision": "exact"}),
                    required=with_point,
                    parse=_number,
                ),
                Field(
                    "lon",
                    "--lon",
                    "longitude (decimal degrees)",
                    _schema_check(kind, "coordinates", lambda v: {"lat": 0, "lon": v, "precision": "exact"}),
                    required=with_point,
                    parse=_number,
                ),
                Field(
                    "precision",
                    "--precision",
                    f"precision of the point ({', '.join(precisions)})",
                    _schema_check(kind, "coordinates", lambda v: {"lat": 0, "lon": 0, "precision": v}),
                    required=with_point,
                ),
            ]
        fields += [
            Field("description", "--description", "description", _markdown_check(kind, "description")),
            *_citation_fields(project, kind, required=False),
        ]
        return fields
    return [
        Field(
            "text_file",
            "--text-file",
            "the source's text file (copied verbatim)",
            _text_file_check,
            required=True,
        ),
        id_field,
        Field(
            "label",
            "--label",
            "label (a short name for the source)",
            _text_check(kind, "label"),
            required=True,
        ),
        Field(
            "title",
            "--title",
            "headline (Enter if unknown)",
            _text_check(kind, "title"),
            nullable=True,
        ),
        Field(
            "publisher",
            "--publisher",
            "publisher (Enter if unknown)",
            _text_check(kind, "publisher"),
            nullable=True,
        ),
        Field(
            "url",
            "--url",
            "web address (Enter if unknown)",
            _text_check(kind, "url"),
            nullable=True,
        ),
        Field(
            "language",
            "--language",
            "language (BCP 47, e.g. en)",
            _text_check(kind, "language"),
            required=True,
        ),
        Field(
            "published",
            "--published",
            "publication date (EDTF: 2022-12-29, or one day of [2022-12-29..2022-12-31~]; Enter if unknown)",
            _published_check,
            nullable=True,
        ),
        Field(
            "published_basis",
            "--published-basis",
            "how the publication date was established",
            _markdown_check(kind, "published_basis"),
            required=True,
        ),
        Field("notes", "--notes", "notes", _markdown_check(kind, "notes")),
    ]


# --- collecting the values ------------------------------------------------------------------------


def _ask(field: Field, values: dict[str, Any]) -> Any:
    """Ask for a value in the terminal until it is acceptable."""
    collected: list[Any] = []
    while True:
        default = field.default(values) if field.default and not collected else None
        prompt = field.question if not collected else f"another {field.question.split(' (')[0]} (Enter to finish)"
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
        problem = field.check(value, values) if field.check else None
        if problem:
            print(f"  {problem}", file=sys.stderr)
            continue
        if not field.many:
            return value
        collected.append(value)


def collect(fields: list[Field], args: argparse.Namespace, interactive: bool) -> dict[str, Any]:
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
    problems, deferred = _check_values(to_check, values, notes)
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
    for field in fields:
        if field.name not in values and (field.is_required(values) or field.nullable):
            values[field.name] = _ask(field, values)
    problems, _ = _check_values(deferred, values, notes)
    if problems:
        raise Stop(1, "\n".join(problems))
    return values


def _field(fields: list[Field], flag: str) -> Field:
    return next(f for f in fields if f.flag == flag)


def _check_values(fields: list[Field], values: dict[str, Any], notes: dict[str, str]) -> tuple[list[str], list[Field]]:
    """What is wrong with the values of ``fields``, and the fields whose check must wait."""
    problems: list[str] = []
    deferred: list[Field] = []
    for field in fields:
        if field.needs and values.get(field.needs) is None:
            deferred.append(field)
            continue
        value = values[field.name]
        for item in value if field.many else [value]:
            problem = field.check(item, values) if field.check else None
            if problem:
                problems.append(f"{field.flag}{notes.get(field.name, '')}: {problem}")
    return problems, deferred


# --- the record -----------------------------------------------------------------------------------


def record(command: str, values: dict[str, Any]) -> dict[str, Any]:
    """The file's data from the collected values (field order does not matter: fmt orders them)."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("text_file", "seed", "quotes", "lat", "lon", "precision"):
            continue
        if value is None and not (command == "source" and name in ("title", "publisher", "url", "published")):
            continue
        if value == []:
            continue
        if name == "actors":
            value = [dict(zip(("ref", "role"), _pair(v) or ("", ""), strict=True)) for v in value]
        elif name == "related":
            value = [dict(zip(("ref", "type"), _pair(v) or ("", ""), strict=True)) for v in value]
        data[name] = value
    if values.get("seed"):
        data["sources"] = [{"seed": values["seed"], "quotes": list(values.get("quotes") or [])}]
    if values.get("lat") is not None:
        data["coordinates"] = {
            "lat": values["lat"],
            "lon": values["lon"],
            "precision": values["precision"],
        }
    return data


def _final_check(kind: str, text: str) -> list[str]:
    """What the checker's loader and schema say about the text to be written (nothing, normally)."""
    diagnostics = Collector()
    document = parse_yaml(text, "new", diagnostics)
    if document is not None:
        schema.validate(kind, document, diagnostics)
    return [d.message + (f" ({d.hint})" if d.hint else "") for d in diagnostics.errors]


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
        for field in _fields(command, project):
            options: dict[str, Any] = {
                "dest": DEST + field.name,
                "metavar": field.flag[2:].upper().replace("-", "_"),
            }
            if field.many:
                options["action"] = "append"
            if field.parse is _number:
                options["type"] = _number_option
            if field.name == "kind":
                options["choices"] = _enum(KINDS[command], "kind")
            if field.name == "precision":
                options["choices"] = _enum("place", "coordinates", "precision")
            if field.name == "actors":
                options["metavar"] = "ACTOR:ROLE"
            if field.name == "related":
                options["metavar"] = "EVENT:TYPE"
            sub.add_argument(field.flag, help=_help(command, field), **options)


#: What an option's help says about when it is needed, beyond its question.
_NOTES = {
    ("event", "id"): "default: the date and the title as a slug",
    ("actor", "id"): "default: the name as a slug",
    ("place", "id"): "default: the name as a slug",
    ("source", "id"): "default: the text file's name",
    ("event", "seed"): "needed; default: the project's source when it has only one",
    ("event", "quotes"): "needed",
    ("actor", "quotes"): "needed with --seed",
    ("place", "quotes"): "needed with --seed",
    ("event", "timezone"): "needed with --time",
    ("place", "lat"): "--lat, --lon and --precision go together",
}


def _help(command: str, field: Field) -> str:
    notes = [_NOTES.get((command, field.name), "needed" if field.required is True else "")]
    if field.nullable:
        notes.append("null (unknown) when not given")
    if field.many:
        notes.append("repeat for more")
    return field.question + "".join(f"; {note}" for note in notes if note)


def run(args: argparse.Namespace, root: Path) -> int:
    """Run the command; the exit code."""
    command: str = getattr(args, DEST + "kind_of_file")
    kind = KINDS[command]
    where = f"build.py new {command}"
    interactive = sys.stdin is not None and sys.stdin.isatty()
    try:
        values = collect(_fields(command, _Project(root)), args, interactive)
        text = fmt.render_data(kind, record(command, values))
        problems = _final_check(kind, text)
        if problems:
            raise Stop(1, "\n".join(problems))
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
    folder = root / fmt.FOLDERS[KINDS[command]]
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
