"""The check of one data file alone: syntax, schema, id, texts and dates (``FileChecker``), and
what it found (``FileResult``), which is cached and may be made in a worker process.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import os
import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date as Day
from pathlib import Path
from typing import Any, TypeVar

from chronology import dates, schema
from chronology.diagnostics import Collector, Diagnostic
from chronology.layout import FOLDERS, LISTS, RESERVED_IDS
from chronology.load import (
    DataPath,
    Document,
    Position,
    line_starts,
    load_plain,
    load_yaml,
    may_have_comment_after_value,
    parse_yaml,
    read_text,
)
from chronology.pickling import by_fields
from chronology.suggestions import zone_hint
from chronology.text import (
    character_problem,
    clip,
    markdown_problems,
    one_line_is_plain,
)

_T = TypeVar("_T")


class _Written:
    """A file's text, for finding where something in one of its values is written: a tag in the
    fourth line of a summary is pointed at there, not at the summary's first line."""

    def __init__(self, text: str, doc: Document) -> None:
        self.text = text
        self.starts = line_starts(text)
        # Where each key and value begins: a value's text ends where the next one begins.
        self.begins = sorted({self.offset(at) for at in (*doc.positions.values(), *doc.key_positions.values())})
        # Where each thing found in each value was, so that one written twice is found twice.
        self.after: dict[tuple[int, str], int] = {}

    def offset(self, position: Position) -> int:
        line, column = position
        return self.starts[min(line, len(self.starts)) - 1] + column - 1

    def where(self, found: str, value: Position) -> Position:
        """Where ``found`` is written in the text of the value at ``value``; ``value`` itself where
        it is not written so (an escape in quotes, an entity, a tag folded across a line break)."""
        start = self.offset(value)
        following = bisect.bisect_right(self.begins, start)
        end = self.begins[following] if following < len(self.begins) else len(self.text)
        at = self.text.find(found, self.after.get((start, found), start), end)
        if at == -1:
            return value
        self.after[(start, found)] = at + len(found)
        line = bisect.bisect_right(self.starts, at)
        return line, at - self.starts[line - 1] + 1


def reserved_message(value: str, listed: str, what: str = "id") -> tuple[str, str] | None:
    """The checker's words (message, hint) for an id or tag that is reserved (``RESERVED_IDS``):
    ``listed`` names the site's list that has that name."""
    if value not in RESERVED_IDS:
        return None
    return f"the {what} '{value}' is reserved: the site's list of {listed} has that name", f"choose another {what}"


def case_twin_message(value: str, first: str, first_path: str) -> tuple[str, str]:
    """The checker's words (message, hint) for an id that differs only in case from one in ``first_path``."""
    return (
        f"id '{value}' differs only in case from '{first}' (in {first_path})",
        "choose another id: a file system that ignores case, as macOS's and Windows's do, would take their "
        "files and pages for one",
    )


def character_message(field: str, value: str) -> tuple[str, str] | None:
    """The checker's words (message, hint) for a character no text may hold, in ``field``'s ``value``."""
    problem = character_problem(value)
    if problem is None:
        return None
    return f"'{field}' holds {problem[1]} at character {problem[0] + 1}", "remove it"


def one_line_message(field: str, value: str) -> tuple[str, str] | None:
    """The checker's words (message, hint) for a line break or tab in a text shown on one line (a
    title, a name, an id); a character no text may hold is ``character_message``'s to tell."""
    problem = character_problem(value, one_line=True)
    if problem is None or character_problem(value) is not None:
        return None
    # One line break, at the end: what YAML's '>' and '|' keep of a block of one line.
    at_end = problem[0] == len(value) - 1 and value.endswith("\n")
    hint = (
        "remove it; a block begun with '>' or '|' keeps a line break at its end: write the text on the field's "
        "own line, or begin the block with '>-'"
        if at_end
        else "remove it"
    )
    return f"'{field}' holds {problem[1]} at character {problem[0] + 1}; it must be one line", hint


def unfounded_date(parsed: dates.EventDate, data: dict[str, Any]) -> tuple[str, str] | None:
    """The checker's words (``date-without-basis``) for an event whose date is neither written out
    in its quotes nor given a ``date_basis``; None when it is either. ``new`` asks for the basis by them."""
    if "date_basis" in data or FileChecker.date_is_quoted(parsed, data):
        return None
    return (
        f"the date '{data['date']}' is not written in the event's quotes and has no basis",
        "say in 'date_basis' how it was established, e.g. which Thursday or which year",
    )


#: Words that begin a sentence and are no name's: a note that begins with one of them capitalised is
#: written as a sentence of its own, not to read on from the other event's title.
_SENTENCE_WORDS = frozenset({
    "a", "about", "all", "an", "and", "as", "at", "both", "but", "by", "each", "either", "for", "from",
    "he", "her", "here", "his", "how", "in", "it", "its", "neither", "no", "none", "not", "nothing", "of",
    "on", "only", "or", "she", "some", "that", "the", "their", "there", "these", "they", "this", "those",
    "to", "what", "when", "where", "whether", "which", "who", "whose", "with",
})  # fmt: skip
#: A note's first word and what follows it: a word of the list begins a sentence only written as one
#: (a capital, then small letters: not 'BY' or 'IT', codes and names), followed by a word that is no
#: name's: 'The Hague', 'Her Majesty's Government' and 'An-26' begin with names.
_FIRST_WORDS = re.compile(r"(?P<word>[A-Z][a-z]*)(?=\s|\Z)\s*(?P<next>\S*)")
#: Abbreviations a note may end with, whose full stop is theirs ('Reuters Inc.', 'Lt. Col.').
_ABBREVIATIONS = frozenset({
    "approx.", "capt.", "co.", "col.", "corp.", "dr.", "etc.", "gen.", "inc.", "jr.", "lt.", "ltd.", "maj.",
    "mr.", "mrs.", "ms.", "no.", "prof.", "sgt.", "sr.", "st.", "vs.",
})  # fmt: skip


def note_form_messages(field: str, value: str) -> list[tuple[str, str]]:
    """The checker's words (``note-form``) for a link's note not written to read on from the other
    event's title, after a dash, as the schema says it is read: one that begins as a sentence does
    (a capitalised 'The', 'That', 'Only': a name may begin it) or ends with a full stop (the page
    may go on after it, '; ' and the next event)."""
    found: list[tuple[str, str]] = []
    text = value.strip()
    first = _FIRST_WORDS.match(text)
    if first is not None and first["word"].lower() in _SENTENCE_WORDS and not first["next"][:1].isupper():
        word = first["word"]
        found.append(
            (
                f"'{field}' begins as a sentence does, with '{word}': a note reads on from the other event's "
                "title, after a dash",
                f"begin it in lower case: '{clip(word.lower() + text[len(word) :])}'",
            )
        )
    last = text.rsplit(None, 1)[-1] if text else ""
    # A full stop, not an ellipsis or an abbreviation's ('U.S.', 'etc.', 'Inc.').
    if last.endswith(".") and not last.endswith("..") and "." not in last[:-1] and last.lower() not in _ABBREVIATIONS:
        found.append(
            (
                f"'{field}' ends with a full stop: a note reads on from the other event's title, and the page "
                "may go on after it ('; ' and the next event)",
                "remove the full stop",
            )
        )
    return found


def precision_unlisted(place_id: str) -> tuple[str, str]:
    """The checker's words for an event's precision of a place that is not among its places (``new``
    refuses such an answer in them)."""
    return (
        f"'place_precision' names '{place_id}', which is not among the event's places",
        "add it to 'places', or remove it from 'place_precision'",
    )


class FileChecker:
    """Checks one data file alone (``check_file``), and holds what every check reports through: the
    diagnostics, with where each one points."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics = Collector()
        self.dates: dict[str, dates.EventDate] = {}
        self.times: dict[str, dates.TimeWindow] = {}
        self.published: dict[str, dates.EventDate] = {}
        #: False while a file is checked without positions (``check_quietly``): a diagnostic then only
        #: says that the file must be checked again with them, so none is looked up.
        self.located = True
        #: Where each diagnostic found through ``error`` or ``warning`` points, by its place among
        #: the diagnostics (what a snapshot of the check needs: see ``snapshot``).
        self.located_at: dict[int, tuple[str, DataPath, str | None, str]] = {}
        self.text: str | None = None  # the text of the file check_file is checking
        #: The check across files running, which each diagnostic it finds is kept under (see
        #: ``snapshot.Located.check``): an edit of a record's facts runs some of them again.
        self.stage = ""

    def error(self, doc: Document, path: DataPath, rule: str, message: str, hint: str | None = None) -> None:
        line, column = self.position(doc, path)
        self.diagnostics.error(doc.path, line, column, rule, message, hint)
        self.located_at[len(self.diagnostics.items) - 1] = (doc.path, path, None, self.stage)

    def warning(self, doc: Document, path: DataPath, rule: str, message: str, hint: str | None = None) -> None:
        line, column = self.position(doc, path)
        self.diagnostics.warning(doc.path, line, column, rule, message, hint)
        self.located_at[len(self.diagnostics.items) - 1] = (doc.path, path, None, self.stage)

    def position(self, doc: Document, path: DataPath) -> tuple[int, int]:
        """Where ``path`` is in the document's file; a document kept without its positions (see
        ``check_file``) is read again, which only a problem found across files ever needs."""
        if not self.located:
            return (0, 0)
        if not doc.positions:
            again = load_yaml(self.root / doc.path, doc.path, Collector())
            if again is not None:
                doc.positions.update(again.positions)
        return doc.position(path)

    def rel(self, path: Path) -> str:
        text, root = str(path), str(self.root)
        # A path made under the root (every data file's): what follows the root's text, which is
        # what ``relative_to`` gives, without its parsing of both paths for each of 100,000 files.
        if os.sep == "/" and text.startswith(root) and text[len(root) : len(root) + 1] == "/":
            return text[len(root) + 1 :]
        return path.relative_to(self.root).as_posix()

    def check_file(self, kind: str, path: Path, raw: bytes | None = None) -> FileResult:
        """Everything that can be checked in one file alone, with every position: syntax, schema,
        id, texts and dates. ``raw``: the file's bytes, when they were read already (see
        ``file_results.read_data``). ``check_one`` runs the quiet check first."""
        rel = self.rel(path)
        text = read_text(path, rel, self.diagnostics, raw=raw)
        doc = parse_yaml(text, rel, self.diagnostics) if text is not None else None
        if doc is None:
            return FileResult(kind, path.stem, None, False, self.diagnostics.items)
        self.text = text  # the very text checked, where a problem in a value is found (see _Written)
        if not isinstance(doc.data, dict):
            self.error(
                doc,
                (),
                "wrong-type",
                f"the file must hold a mapping of fields, found {schema.describe(doc.data)}",
            )
            return FileResult(kind, path.stem, None, False, self.diagnostics.items)
        self.check_characters(doc)
        valid = schema.validate(kind, doc, self.diagnostics)
        self.check_id(kind, path, doc)
        if valid:
            self.check_record(kind, doc)
        else:
            # What the schema did not refuse is checked all the same: a contributor who mistyped one
            # field hears of a wrong date or zone in the same round, not after mending it.
            sound, refused = schema.sound_fields(kind, doc.data)
            self.check_record(kind, dataclasses.replace(doc, data=sound), refused)
        ident = doc.data.get("id") if valid else None
        # What the checks across files may point at is found again when one of them needs it (see
        # position()); keeping every position of every file would take most of a large check's memory.
        # Its short texts are shared, as ``load_plain`` shares those of the files checked quietly.
        compact = Document(doc.path, _shared(doc.data))
        return FileResult(
            kind,
            path.stem,
            compact,
            valid,
            self.diagnostics.items,
            self.dates.get(ident) if ident else None,
            self.times.get(ident) if ident else None,
            self.published.get(ident) if ident else None,
            facts(kind, doc.data) if valid else b"",
        )

    def check_quietly(self, kind: str, path: Path, raw: bytes | None = None) -> FileResult | None:
        """The check of a file that has nothing to report, made fast: read by LibYAML in C without
        positions and validated by the compiled schema. None as soon as anything is amiss, or the
        file is not plain data (see ``load.load_plain``): ``check_file`` then checks it with every
        position, so that what it reports is located and worded exactly as always."""
        self.located = False
        rel = self.rel(path)
        text = read_text(path, rel, self.diagnostics, raw=raw)
        data = load_plain(text) if text is not None else None
        if text is None or not isinstance(data, dict) or not schema.is_valid(kind, data):
            return None
        if may_have_comment_after_value(text):
            return None  # a comment after a value, which may cut a text short: told where it is
        doc = Document(rel, data)
        # Strings are made of the file's characters, or of escapes: with neither, none can hold one
        # that is refused.
        if "\\" in text or character_problem(text) is not None:
            self.check_characters(doc)
        self.check_id(kind, path, doc)
        self.check_record(kind, doc)
        if self.diagnostics.items:
            return None
        ident = data["id"]
        return FileResult(
            kind,
            path.stem,
            doc,
            True,
            [],
            self.dates.get(ident),
            self.times.get(ident),
            self.published.get(ident),
            facts(kind, data),
        )

    def check_characters(self, doc: Document) -> None:
        """Refuse control characters, lone surrogates and non-characters in every key and every text."""
        stack: list[tuple[DataPath, Any]] = [((), doc.data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, dict):
                for key, item in value.items():
                    problem = character_problem(key)
                    if problem is not None:
                        line, column = doc.key_position((*path, key))
                        where = f" in '{schema.format_path(path)}'" if path else ""
                        self.diagnostics.error(
                            doc.path,
                            line,
                            column,
                            "invalid-character",
                            f"a key{where} holds {problem[1]} at character {problem[0] + 1}",
                            "remove it",
                        )
                    stack.append(((*path, key), item))
            elif isinstance(value, list):
                stack.extend(((*path, i), item) for i, item in enumerate(value))
            elif isinstance(value, str):
                found = character_message(schema.format_path(path), value)
                if found is not None:
                    self.error(doc, path, "invalid-character", *found)

    def check_id(self, kind: str, path: Path, doc: Document) -> None:
        value = doc.data.get("id")
        if not isinstance(value, str):
            return
        reserved = reserved_message(value, LISTS[kind])
        if reserved is not None:
            self.error(doc, ("id",), "reserved-id", *reserved)
        if value != path.stem:
            # Each way out offered only where it gives a valid id ('Reuters.yaml' is no id to take).
            ways = [f"rename the file to {value}.yaml"] if schema.is_valid_id(kind, value) else []
            if schema.is_valid_id(kind, path.stem):
                ways.append(f"set the id to '{path.stem}'")
            hint = (
                " or ".join(ways) or f"give the record a valid id, and its file that name ({FOLDERS[kind]}/<id>.yaml)"
            )
            self.error(doc, ("id",), "id-mismatch", f"id '{value}' differs from the file name '{path.name}'", hint)

    def check_markdown(self, kind: str, doc: Document) -> None:
        """Raw HTML and unsafe links in every text that will be rendered."""
        values = list(schema.walk(kind, doc.data))  # walked once for this and check_unique
        written: _Written | None = None  # the file's text, read for the first problem to be found in it
        for path, node, value in values:
            if not isinstance(value, str):
                continue
            if doc.comments and path in doc.comments and schema.is_prose(node):
                self.comment_in_text(doc, path, value)
            if value.isspace():  # a length the schema counts, and nothing to show
                what = "quote" if "quotes" in path else "text"
                self.error(
                    doc,
                    path,
                    "missing-value",
                    f"'{schema.format_path(path)}' is blank",
                    f"write the {what}, or remove it",
                )
                continue
            if "quotes" in path:
                continue  # quotes are the source's own words, shown escaped, never as Markdown
            is_markdown = bool(node.get("x-markdown"))
            if not is_markdown and one_line_is_plain(value):
                continue  # most titles, names, ids and dates: nothing below would find anything
            if not is_markdown:
                # Titles, names, ids, dates: shown on one line (and in file names, for ids and tags).
                # A character refused in any text is reported by check_characters, not again here.
                found = one_line_message(schema.format_path(path), value)
                if found is not None:
                    self.error(doc, path, "invalid-character", *found)
            problems = markdown_problems(value, parse=is_markdown)
            if not is_markdown:
                # Plain-text fields are shown as written (escaped), so a backslash would show too.
                problems = [
                    unsafe._replace(hint="remove the tag: this field is plain text, not Markdown")
                    for unsafe in problems
                    if unsafe.rule == "raw-html"
                ]
            for unsafe in problems:
                if written is None and unsafe.found is not None and self.located and self.text is not None:
                    written = _Written(self.text, doc)
                line, column = self.position(doc, path)
                if written is not None and unsafe.found is not None:
                    line, column = written.where(unsafe.found, (line, column))
                self.diagnostics.error(
                    doc.path,
                    line,
                    column,
                    unsafe.rule,
                    f"'{schema.format_path(path)}': {unsafe.message}",
                    unsafe.hint,
                )
                self.located_at[len(self.diagnostics.items) - 1] = (doc.path, path, None, self.stage)
        self.check_unique(doc, values)

    def comment_in_text(self, doc: Document, path: DataPath, value: str) -> None:
        """A text unquoted, followed on its line by ' #': YAML ends the text there and reads the
        rest as a comment, so a title or a quote with a '#' in it is cut short without a word."""
        assert doc.comments is not None  # see check_markdown
        line, column = doc.comments[path]
        field = schema.format_path(path)
        self.diagnostics.warning(
            doc.path,
            line,
            column,
            "comment-in-text",
            f"'{field}' ends where a comment begins: YAML reads the '#' and what follows it as a comment, "
            f"so the text is '{clip(value)}'",
            "if the '#' belongs to the text, put the whole text in quotes; if it is a comment, put it on a line "
            "of its own",
        )

    def read_date(self, doc: Document, field: str, parse: Callable[[str], _T], kept: dict[str, _T]) -> _T | None:
        """A record's ``field`` read by ``parse``, and kept under the record's id where it has one
        (a record the schema refused may not); None when it is wrong, which is reported."""
        try:
            value = parse(doc.data[field])
        except dates.DateError as exc:
            self.error(doc, (field,), exc.rule, exc.message, exc.hint)
            return None
        if "id" in doc.data:
            kept[doc.data["id"]] = value
        return value

    def check_event_dates(self, doc: Document, refused: Collection[str] = ()) -> None:
        """The event's date, time and zone, each alone and together; ``refused`` as for
        ``check_record``."""
        data = doc.data
        parsed = self.read_date(doc, "date", dates.parse, self.dates) if "date" in data else None
        time = None
        if "time" in data or "time" in refused:  # a time the schema refused is told apart; it still needs its zone
            if "time" in data:
                time = self.read_date(doc, "time", dates.parse_time, self.times)
            if "timezone" not in data and "timezone" not in refused:
                self.error(
                    doc,
                    ("time",),
                    "missing-field",
                    "a time needs a 'timezone'",
                    "add the IANA zone of the local time, e.g. timezone: Europe/Minsk",
                )
            if parsed is not None and not parsed.is_single_day:
                self.error(
                    doc,
                    ("time",),
                    "invalid-time",
                    f"a time needs a date of one known day, not '{data['date']}'",
                    "remove the time, or give the day",
                )
        if "timezone" in data:
            try:
                dates.check_time_zone(data["timezone"])
            except dates.DateError as exc:
                self.error(doc, ("timezone",), exc.rule, exc.message, zone_hint(data["timezone"]))
            else:
                if time is not None and parsed is not None and parsed.is_single_day:
                    self.check_clock(doc, time, parsed.first_day(), data["timezone"])
        unread = {"date_basis", "sources"} & set(refused)
        unfounded = unfounded_date(parsed, data) if parsed is not None and not unread else None
        if unfounded is not None:
            self.warning(doc, ("date",), "date-without-basis", *unfounded)

    def check_clock(self, doc: Document, time: dates.TimeWindow, day: Day, zone: str) -> None:
        """A local time the zone's clock skipped that day (put forward past it) is refused: no such
        time was, and its instant would be made up. One it told twice (put back over it) is warned
        of: the site takes the first, which the sources may not mean."""
        for hm in dict.fromkeys((time.start, *([time.end] if time.end else []))):
            found = dates.clock_gap_or_fold(day, hm, zone)
            if found is None:
                continue
            kind, minutes = found
            clock = f"{hm[0]:02d}:{hm[1]:02d}"
            moved = "an hour" if minutes == 60 else f"{minutes} minutes"
            on = f"on {dates.parse(day.isoformat()).words()} in {zone}"
            if kind == "skipped":
                self.error(
                    doc,
                    ("time",),
                    "invalid-time",
                    f"'time': there was no {clock} {on}: the clocks were put forward {moved} past it",
                    "check the time, its day and its zone: the source may give it in UTC or in another zone",
                )
            else:
                self.warning(
                    doc,
                    ("time",),
                    "ambiguous-time",
                    f"'time': {clock} came twice {on}, the clocks put back {moved}: it is taken as the first",
                    "if the source says which, or the second is meant, give the time in UTC (timezone: UTC)",
                )

    @staticmethod
    def date_is_quoted(parsed: dates.EventDate, data: dict[str, Any]) -> bool:
        """True when every known end of the date is written out in full in one of the event's quotes."""
        quotes = " ".join(q for s in data.get("sources", []) for q in s.get("quotes", []))
        points = [p for p in (parsed.start, parsed.end) if p is not None]
        return all(any(form in quotes for form in _written_forms(p)) for p in points)

    def check_record(self, kind: str, doc: Document, refused: Collection[str] = ()) -> None:
        """The checks of one record that need nothing but the record. ``refused``: the fields the
        schema refused, left out of ``doc`` (see ``schema.sound_fields``); what needs one of them is
        not checked until it is mended, and its absence is not taken for a field left out."""
        self.check_markdown(kind, doc)
        if kind == "event":
            self.check_event_dates(doc, refused)
            for index, link in enumerate(doc.data.get("related", [])):
                note = link.get("note") if isinstance(link, dict) else None
                if isinstance(note, str) and note.strip():
                    path: DataPath = ("related", index, "note")
                    for message in note_form_messages(schema.format_path(path), note):
                        self.warning(doc, path, "note-form", *message)
            attributed = any(s.get("attributed_to") for s in doc.data.get("sources", []))
            if not doc.data.get("actors") and not attributed and not {"actors", "sources"} & set(refused):
                self.warning(
                    doc,
                    (),
                    "event-without-actor",
                    "the event names no actor",
                    "add who took part under 'actors'",
                )
        elif kind == "seed" and doc.data.get("published") is not None:
            self.read_date(doc, "published", dates.parse, self.published)
        elif kind == "place" and {"id", "kind"} <= doc.data.keys():
            self.check_place(doc, refused)

    def check_place(self, doc: Document, refused: Collection[str] = ()) -> None:
        """What a place lacks for maps: a country's code, coordinates. Checked with the file alone,
        whose positions are at hand then (a large chronology has thousands of such places)."""
        data = doc.data
        if data.get("country_code") is None and data["kind"] == "country" and "country_code" not in refused:
            self.warning(
                doc,
                ("kind",),
                "country-without-code",
                f"the country '{data['id']}' has no 'country_code', so nothing is checked against its shape",
                "add its ISO 3166-1 alpha-3 code, e.g. country_code: UKR",
            )
        if data.get("coordinates") is None and "coordinates" not in refused:
            self.warning(
                doc,
                ("id",),
                "place-without-coordinates",
                f"the place '{data['id']}' has no coordinates, so no map can show it",
                "add coordinates: lat, lon, precision and the basis of the figures",
            )

    def check_unique(self, doc: Document, values: list[tuple[DataPath, dict[str, Any], Any]]) -> None:
        """Refuse an entry listed twice in a list the schema marks ``x-unique`` (true: the whole entry;
        a field name: that field of each entry, e.g. an actor's ``ref``); ``values``: the document's
        values with their subschemas (see ``schema.walk``)."""
        for path, node, value in values:
            unique = node.get("x-unique")
            if not unique or not isinstance(value, list):
                continue
            field = schema.format_path(path)
            seen: set[str] = set()
            for i, item in enumerate(value):
                key = item.get(unique) if isinstance(unique, str) and isinstance(item, dict) else item
                shown = ", ".join(f"{k}: {v}" for k, v in key.items()) if isinstance(key, dict) else str(key)
                if shown in seen:
                    where: DataPath = (*path, i, unique) if isinstance(unique, str) else (*path, i)
                    self.error(doc, where, "duplicate-entry", f"'{shown}' is listed twice in '{field}'", "keep one")
                seen.add(shown)


def _written_forms(point: dates.Point) -> list[str]:
    """The ways a date is commonly written out in full, to tell a stated date from a resolved one."""
    import calendar

    if point.month is None:
        return [str(point.year)]
    month = calendar.month_name[point.month]
    if point.day is None:
        return [f"{month} {point.year}", f"{point.year}-{point.month:02d}"]
    return [
        f"{point.day} {month} {point.year}",
        f"{month} {point.day}, {point.year}",
        f"{point.year}-{point.month:02d}-{point.day:02d}",
    ]


@by_fields
@dataclass(slots=True)
class FileResult:
    """What checking one data file alone found; it is cached, and may be made in another process."""

    kind: str
    stem: str
    #: The file's data when it holds a mapping (even an invalid one: its id still counts); kept
    #: without positions, which ``FileChecker.position`` finds again when a check across files needs one.
    document: Document | None
    valid: bool
    diagnostics: list[Diagnostic]
    date: dates.EventDate | None = None
    time: dates.TimeWindow | None = None
    published: dates.EventDate | None = None
    #: What the checks across files can read of it (see ``facts``); empty for a refused file.
    facts: bytes = b""


def facts(kind: str, data: dict[str, Any]) -> bytes:
    """A digest of what the checks across files can read of a record: every field but those the
    schema marks ``x-local``. Two versions of a file with the same facts give every other file
    the same diagnostics (see ``snapshot``)."""
    local = schema.local_fields(kind)
    read = repr([(key, value) for key, value in data.items() if key not in local])
    return hashlib.blake2b(read.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def check_one(root: Path, kind: str, path: Path, raw: bytes | None = None) -> FileResult:
    """One file's own check: the quiet one, and the full one with a checker of its own only for a
    file the quiet one cannot answer (see ``check_quietly``)."""
    quiet = FileChecker(root).check_quietly(kind, path, raw)
    return quiet if quiet is not None else FileChecker(root).check_file(kind, path, raw)


#: Texts up to this long are shared (see ``_shared``): field names, ids, roles, voices.
SHARED_UP_TO = 64


def shed_local(result: Any) -> None:
    """Drop a cached record's ``x-local`` fields, which a check wanting no model never reads."""
    if isinstance(result, FileResult) and result.valid and result.document is not None:
        for key in schema.local_fields(result.kind):
            result.document.data.pop(key, None)


def _shared(value: Any) -> Any:
    """``value`` with its keys and short texts interned. Every record repeats the same field names,
    ids and words of a vocabulary, each read as a text of its own; shared, they are sent from a
    worker once a batch, and a large project's records take a good part less memory. (A file
    checked quietly is read so already: see ``load.load_plain``.)"""
    if isinstance(value, dict):
        return {sys.intern(k) if type(k) is str else k: _shared(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shared(item) for item in value]
    if type(value) is str and len(value) <= SHARED_UP_TO:
        return sys.intern(value)
    return value
