"""Check: load every data file, check it every way we can, and build the Chronology if nothing is wrong.

Every problem in every file is collected before anything fails, so one run tells a contributor
everything there is to fix. The checks run in layers: each file alone (syntax, schema, dates,
text), then across files (ids, references, cycles, quotes in their sources), then the warnings
that need the whole picture (unused actors and places).
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import hashlib
import os
import re
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import timedelta
from difflib import get_close_matches
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from chronology import cache, dates, schema, snapshot, workers
from chronology.diagnostics import Collector, Diagnostic, count
from chronology.figures import number_words, numbers_in
from chronology.links import LinkType, link_types
from chronology.load import (
    MAX_DATA_BYTES,
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
from chronology.model import (
    STATEMENT_LINKS,
    Actor,
    Alias,
    Chronology,
    Citation,
    Coordinates,
    Event,
    Figure,
    Participation,
    Place,
    QuotedSpan,
    Relation,
    Source,
)
from chronology.pickling import by_fields
from chronology.text import (
    MAX_DIFFERENCES,
    Normalised,
    character_problem,
    clip,
    coverage,
    explain_miss,
    find_quote,
    find_quotes,
    markdown_problems,
    normalise,
    one_line_is_plain,
    quotations,
    source_character_problems,
    within_quotation,
)

_T = TypeVar("_T")

#: The folder of each kind of data file, relative to the project root.
FOLDERS = {"event": "events", "actor": "actors", "place": "places", "seed": "seeds"}
KINDS_BY_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}
#: Source texts may be long reports, but not unbounded.
MAX_SOURCE_BYTES = 5_000_000
#: Files a data folder may hold besides its data: a note, git's placeholder, and what macOS's
#: Finder and Windows's Explorer leave in a folder they showed.
IGNORED_NAMES = {".gitkeep", "README.md", ".DS_Store", "Thumbs.db", "desktop.ini"}
#: How ``fmt`` ends the names of the temporary files it writes beside a data file (``.ID.yaml.XXXX.tmp``).
TEMPORARY_SUFFIX = ".tmp"


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


def _suffix(name: str) -> str:
    """A file name's suffix, as ``PurePath.suffix`` gives it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file ``fmt`` writes beside a data file, e.g. ``.x.yaml.a1b2.tmp``."""
    return name.startswith(".") and ".yaml." in name and name.endswith(TEMPORARY_SUFFIX)


#: What an editor keeps beside the file it edits, for as long as it edits it or after: never data,
#: and never put there by the contributor. ``check``, ``fmt`` and ``serve`` pass them by.
_EDITOR_FILE = re.compile(
    r"""
      .*~                       # a backup (Emacs, Vim with 'backup', nano, gedit)
    | \.\#.*                    # Emacs's lock, a symbolic link, while a buffer has unsaved changes
    | \#.*\#                    # Emacs's auto-save
    | \..*\.sw[a-px]            # Vim's swap file (.swp, then .swo, ...) and its test of the folder (.swx)
    | \..*\.kate-swp            # Kate's swap file
    | .*___jb_(?:tmp|old)___    # a JetBrains editor's copies while it saves
    """,
    re.VERBOSE | re.DOTALL,
)


#: What a name read from the file system holds for each byte that is not UTF-8 (``surrogateescape``).
_UNDECODED = re.compile("[\udc80-\udcff]")


def refuse_undecodable(rel: str, diagnostics: Collector) -> bool:
    """Refuse, in ``diagnostics``, a path whose name is not UTF-8 (a Latin-1 name from an archive):
    it could not be printed, nor be a page's name. Its bytes that are not UTF-8 are shown as ``\\xe9``.
    True when refused."""
    if not _UNDECODED.search(rel):
        return False
    shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    diagnostics.error(
        shown,
        1,
        1,
        "unexpected-file",
        "the file's name is not UTF-8 (each \\xNN shown is a byte that is not), so the file is not read",
        "rename it, using UTF-8",
    )
    return True


def is_editor_file(name: str) -> bool:
    """True for the name of an editor's backup, lock, auto-save or swap file (``_EDITOR_FILE``)."""
    return _EDITOR_FILE.fullmatch(name) is not None


#: Ids no record or tag may take: the site's own page in each folder (``actors/index.md``, ...)
#: has that name. ``tests/test_site.py`` checks that every such page's name is listed here.
RESERVED_IDS = frozenset({"index"})
#: The site's list of the records of each kind, in the words of a reserved id's message.
LISTS = {"event": "events", "actor": "actors", "place": "places", "seed": "sources"}


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


@dataclass(slots=True)
class Result:
    """What a check found: the chronology (None when there are errors) and every diagnostic."""

    chronology: Chronology | None
    diagnostics: list[Diagnostic]
    counts: dict[str, int] = field(default_factory=dict)
    #: The data files as loaded, by kind and id (for the exports that carry every field).
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: How much of each source its quotes cover (when there are no errors).
    coverage: tuple[snapshot.Coverage, ...] = ()

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that are errors."""
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that are warnings."""
        return [d for d in self.diagnostics if d.severity.value == "warning"]


def suggest(wrong: str, known: Iterable[str]) -> str | None:
    """A 'did you mean' for an unknown id: a close spelling, or an id that contains the word."""
    return Suggestions(known).suggest(wrong)


class Suggestions:
    """'Did you mean' over a set of ids, indexed once, so that each unknown id costs about as much
    as the ids that share a piece of it, not as all of them.

    A close spelling (``difflib``'s ratio of at least 0.6) shares most of its pairs of letters, so
    only the ids that share the most pairs with the unknown one are compared with it.
    """

    #: How many of the ids that share the most pairs of letters are compared in full.
    CANDIDATES = 50

    def __init__(self, known: Iterable[str]) -> None:
        self.known = sorted(set(known))
        self.by_pair: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        for number, name in enumerate(self.known):
            for pair in _pairs(name):
                self.by_pair.setdefault(pair, []).append(number)
            for word in set(name.split("-")):
                self.by_word.setdefault(word, []).append(number)

    def suggest(self, wrong: str) -> str | None:
        """A close spelling of ``wrong``, else an id that has it as a word or (over 3 letters) contains it."""
        lists = sorted((self.by_pair.get(pair, []) for pair in _pairs(wrong)), key=len)
        # Pairs most ids have (a date's '20', a word every id ends with) tell ids apart no better than
        # chance, and would make each question cost as much as the ids: they are counted only when
        # there is nothing rarer.
        common = max(self.CANDIDATES, len(self.known) // 4)
        telling = [found for found in lists if 0 < len(found) <= common] or lists
        shared: Counter[int] = Counter(n for found in telling for n in found)
        if len(wrong) < 3:
            candidates = self.known  # too short to have pairs to look up by: few are this short
        else:
            ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[: self.CANDIDATES]
            candidates = sorted(self.known[n] for n, _ in ranked)
        close = get_close_matches(wrong, candidates, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
        containing = set(self.by_word.get(wrong, ()))
        if len(wrong) > 3 and lists:
            # An id that contains the word has every one of its pairs: look among those with the rarest.
            containing |= {n for n in lists[0] if wrong in self.known[n]}
        return f"did you mean '{self.known[min(containing)]}'?" if containing else None


@functools.cache
def _zone_suggestions() -> Suggestions:
    return Suggestions(dates.time_zones())


#: What is written for a zone that names none: an offset ('UTC+3', '+03:00'), or an abbreviation
#: ('MSK'). A zone spelt like either is no near miss: the closest spelling ('UTC', 'MST') would give
#: another offset.
_ZONE_OFFSET = re.compile(r"(?:UTC|GMT|Z)?\s*[+\-\u2212]\s*[0-9]", re.IGNORECASE)
_ZONE_ABBREVIATION = re.compile(r"[A-Z]{2,5}")


def _zone_hint(written: str) -> str:
    """The hint for a time zone the checker does not know: a close spelling, unless what is written
    is an offset or an abbreviation, which name no place's zone."""
    if _ZONE_OFFSET.match(written):
        return (
            "an offset is not a time zone: give the IANA zone of the place, e.g. Europe/Minsk, "
            "which knows its offset at every date"
        )
    if _ZONE_ABBREVIATION.fullmatch(written):
        return "an abbreviation is not a time zone: give the IANA zone of the place, e.g. Europe/Moscow for MSK"
    return _zone_suggestions().suggest(written) or "use an IANA name such as Europe/Kyiv"


#: The names a data folder may be mistaken for (compared casefolded): each folder, its singular, and
#: "sources" for seeds/.
_NEAR_FOLDERS = {
    **{name: folder for folder in FOLDERS.values() for name in (folder, folder.removesuffix("s"))},
    "sources": FOLDERS["seed"],
    "source": FOLDERS["seed"],
}


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


class _Checker:
    def __init__(self, root: Path, kept: dict[str, cache.Cache] | None = None) -> None:
        self.root = root
        #: The caches: the caller's, kept from check to check, or this check's own.
        self.kept = kept if kept is not None else {}
        self.own_caches = kept is None
        #: True when only diagnostics are wanted, not the model: the records then keep only what
        #: the checks across files read (no ``x-local`` field), which is a good part of their memory.
        self.lean = False
        self.diagnostics = Collector()
        self.documents: dict[str, dict[str, Document]] = {kind: {} for kind in FOLDERS}
        self.texts: dict[str, tuple[str, str]] = {}  # seed id -> (text, rel path)
        self.quotations: dict[str, tuple[tuple[int, int], ...]] = {}  # seed id -> see text.quotations
        self.normalised_texts: dict[str, Normalised] = {}  # seed id -> its text normalised, once needed
        self.dates: dict[str, dates.EventDate] = {}
        self.times: dict[str, dates.TimeWindow] = {}
        self.published: dict[str, dates.EventDate] = {}
        self.spans: dict[str, list[QuotedSpan]] = {}
        self.quote_spans: dict[tuple[str, str], tuple[int, int]] = {}  # (seed, quote) -> first span
        self.suggestions: dict[str, Suggestions] = {}  # kind -> its ids, indexed for 'did you mean'
        self.failed: set[str] = set()  # kinds with a file that could not be loaded or validated
        #: kind -> id casefolded -> the first id so, and its file
        self.ids: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in FOLDERS}
        # The ids (file names) of files that exist but could not be loaded or validated: a reference
        # to one is not unknown, and the file's own errors already say what to fix.
        self.broken: dict[str, set[str]] = {kind: set() for kind in FOLDERS}
        #: False while a file is checked without positions (``check_quietly``): a diagnostic then only
        #: says that the file must be checked again with them, so none is looked up.
        self.located = True
        # What a snapshot of this check needs (see ``snapshot``): each file's own check, by path;
        # which diagnostics are files' own, or about a source's text (by the source's file); and
        # where each diagnostic found through ``error`` or ``warning`` points.
        self.own: dict[str, tuple[str, bytes, list[Diagnostic]]] = {}  # kind, facts, diagnostics
        self.statuses: dict[str, tuple[tuple[int, ...], str]] = {}  # see cache.Cache.files
        #: The state of each source's text (see ``text_state``), by the source's file, taken before
        #: the check read the text.
        self.text_states: dict[str, tuple[bytes, bytes] | None] = {}
        self.own_items: set[int] = set()
        self.text_items: dict[int, str] = {}
        self.located_at: dict[int, tuple[str, DataPath, str | None, str]] = {}
        self.text: str | None = None  # the text of the file check_file is checking
        #: The check across files running, which each diagnostic it finds is kept under (see
        #: ``snapshot.Located.check``): an edit of a record's facts runs some of them again.
        self.stage = ""
        #: The ids of every valid record by kind, when the checker holds only some of the records
        #: (see ``answer_facts``); None: the records it holds are all there are.
        self.every: dict[str, set[str]] | None = None
        #: Each actor and place whose mentions an answer counted again, with whether it was used.
        self.recounted: dict[tuple[str, str], bool] = {}
        #: The spans each record whose facts changed quotes now, by kind and id (see ``answer_facts``).
        self.quoted: dict[tuple[str, str], dict[str, list[QuotedSpan]]] = {}
        #: How many events mention each actor ('actor') and happen at each place ('place').
        self.mentions: dict[str, Counter[str]] = {"actor": Counter(), "place": Counter()}
        #: The sequence the links make: each event's id, with the events its links put after it.
        self.sequence: dict[str, list[str]] = {}
        #: Each file's cache key (see ``cache.Cache.key``), by path, once the files are loaded.
        self.keys: dict[str, str | None] = {}
        self.discovered = 0  # how many diagnostics came from discover(), made again by every check

    # --- helpers ---------------------------------------------------------------------------------

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

    # --- stage 1: files --------------------------------------------------------------------------

    def discover(self) -> dict[str, list[str]]:
        """The name of every data file of every kind, refusing what does not belong in a data folder."""
        found: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
        for kind, folder in FOLDERS.items():
            directory = self.root / folder
            if directory.is_symlink():
                self.diagnostics.error(
                    folder,
                    1,
                    1,
                    "unexpected-file",
                    "symbolic links are not followed",
                    f"make {folder}/ a real folder inside the project",
                )
                continue
            if not directory.is_dir():
                if kind == "event":
                    self.diagnostics.error(
                        folder,
                        1,
                        1,
                        "missing-folder",
                        "the project has no events/ folder, so it has no events",
                        f"make {folder}/ beside mkdocs.yml, with a file for each event "
                        "('python build.py new event' writes one)",
                    )
                continue
            # scandir knows each entry's type without a system call per file, which counts at 100,000 files.
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
            for entry in entries:
                rel = f"{folder}/{entry.name}"
                suffix = _suffix(entry.name)  # no Path for each of 100,000 files
                if entry.name in IGNORED_NAMES or is_editor_file(entry.name):
                    continue
                if refuse_undecodable(rel, self.diagnostics):
                    continue
                if is_temporary(entry.name) and entry.is_file(follow_symlinks=False):
                    self.diagnostics.warning(
                        rel,
                        0,
                        0,
                        "unexpected-file",
                        "a temporary file left by an interrupted 'fmt'; it is not read",
                        "the next 'python build.py fmt' removes it, or delete it",
                    )
                    continue
                if entry.is_symlink():
                    self.diagnostics.error(
                        rel, 1, 1, "unexpected-file", "symbolic links are not followed", "put the file itself here"
                    )
                    if suffix == ".yaml":  # a record refused, as an unreadable file is: no reference to it is unknown
                        self.broken[kind].add(entry.name[: -len(suffix)])
                elif entry.is_dir():
                    self.diagnostics.error(
                        rel,
                        1,
                        1,
                        "unexpected-file",
                        f"folders are not read inside {folder}/",
                        f"put the files directly in {folder}/",
                    )
                elif entry.name.startswith("."):  # a hidden copy, not read: the error below says so
                    self.unexpected(rel, kind, entry.name)
                elif suffix == ".yaml":
                    found[kind].append(entry.name)
                elif kind == "seed" and suffix == ".txt":
                    continue
                else:
                    self.unexpected(rel, kind, entry.name)
        self.misplaced_folders()
        seeds = self.root / "seeds"
        for text_file in sorted(seeds.glob("*.txt")) if seeds.is_dir() and not seeds.is_symlink() else []:
            # A hidden name (an editor's lock, .#ID.txt, or a hidden copy refused above) is no source's text.
            # A name that is not UTF-8 was refused above too.
            name = text_file.name
            if not name.startswith(".") and not _UNDECODED.search(name) and not text_file.with_suffix(".yaml").exists():
                self.diagnostics.error(
                    self.rel(text_file),
                    1,
                    1,
                    "missing-metadata",
                    f"the source '{text_file.stem}' has no metadata file",
                    f"add seeds/{text_file.stem}.yaml, e.g. with 'python build.py new source'",
                )
        return found

    def unexpected(self, rel: str, kind: str, name: str) -> None:
        """Refuse a file in a data folder that is not one of its data files."""
        expected = "ID.yaml and ID.txt" if kind == "seed" else "ID.yaml"
        self.diagnostics.error(
            rel,
            1,
            1,
            "unexpected-file",
            f"'{name}' is not a data file, so it would be ignored",
            f"files in {FOLDERS[kind]}/ are named {expected}",
        )

    def misplaced_folders(self) -> None:
        """Refuse a folder named like a data folder but not one ('event/', 'Actors/', 'sources/')
        that holds data files: they would be left out without a word."""
        with os.scandir(self.root) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            folder = _NEAR_FOLDERS.get(entry.name.casefold())
            if folder is None or entry.name == folder or not entry.is_dir(follow_symlinks=False):
                continue
            own = self.root / folder
            if own.exists() and os.path.samefile(entry.path, own):
                continue  # the data folder itself, on a file system that ignores case
            with os.scandir(entry.path) as inside:
                files = sum(1 for item in inside if _suffix(item.name) == ".yaml")
            if files:
                self.diagnostics.error(
                    entry.name,
                    1,
                    1,
                    "unexpected-file",
                    f"{entry.name}/ is not a data folder, so its {count(files, 'data file')} "
                    f"{'is' if files == 1 else 'are'} not read",
                    f"move {'it' if files == 1 else 'them'} into {folder}/ (the data folders are events/, "
                    "actors/, places/ and seeds/)",
                )

    def load(self, found: dict[str, list[str]]) -> None:
        """Check every file alone (from the cache where it can), then take in what each check found."""
        folders = {kind: self.root / folder for kind, folder in FOLDERS.items()}
        files = [(kind, folders[kind] / name) for kind, names in found.items() for name in names]
        # The check command's own records keep no x-local field (see accept): shed as the cache is read.
        shed = _shed_local if self.lean and self.own_caches else None
        for result, key in check_files(self.root, files, self.kept, shed):
            self.accept(result, key)
        self.statuses = open_cache(self.root, "check", self.kept).files()
        if self.own_caches:
            del self.kept["check"]  # the files' results it holds are all taken: let them go

    def accept(self, result: FileResult, key: str | None = None) -> None:
        """Take in one file's own check (with its cache key): its diagnostics, its document, and
        the ids it claims."""
        kind, doc = result.kind, result.document
        items = self.diagnostics.items
        rel = f"{FOLDERS[kind]}/{result.stem}.yaml"
        self.own[rel] = (kind, result.facts, result.diagnostics)
        self.keys[rel] = key
        if kind == "seed":
            # Taken before the text is read (by load_source_text): a text changed while the check
            # runs is then seen changed by the next check, not answered with what this one read.
            self.text_states[rel] = self.text_state(rel, time.time_ns())
        self.own_items.update(range(len(items), len(items) + len(result.diagnostics)))
        items.extend(result.diagnostics)
        if doc is not None:
            self.stage = "ids"
            self.check_duplicate_id(kind, doc)
        if doc is None or not result.valid:
            self.failed.add(kind)
            self.broken[kind].add(result.stem)
            return
        if self.lean and self.own_caches:
            _shed_local(result)  # its cache is written and let go (see load): the record may lose them
        elif self.lean:
            local = schema.local_fields(kind)
            doc = Document(doc.path, {key: value for key, value in doc.data.items() if key not in local})
        self.take_record(result, doc)
        if kind == "seed":
            start = len(items)
            self.load_source_text(self.root / doc.path, doc)
            self.text_items.update((i, rel) for i in range(start, len(items)) if i not in self.located_at)

    def take_record(self, result: FileResult, doc: Document) -> None:
        """Keep a valid file's record, and the dates its own check read, in place of any before."""
        self.documents[result.kind][result.stem] = doc
        ident = doc.data["id"]
        # Ids are unique within a kind only: an actor may have an event's id, and must not take its date.
        if result.kind == "event":
            _replace(self.dates, ident, result.date)
            _replace(self.times, ident, result.time)
        elif result.kind == "seed":
            _replace(self.published, ident, result.published)

    def check_file(self, kind: str, path: Path, raw: bytes | None = None, quietly: bool = True) -> FileResult:
        """Everything that can be checked in one file alone: syntax, schema, id, texts and dates.
        ``raw``: the file's bytes, when they were read already (see ``_read``). ``quietly``: False
        when ``check_quietly`` found something amiss already."""
        quiet = _Checker(self.root).check_quietly(kind, path, raw) if quietly else None
        if quiet is not None:
            return quiet
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

    def check_duplicate_id(self, kind: str, doc: Document) -> None:
        value = doc.data.get("id")
        if not isinstance(value, str):
            return
        # An id names a file and a folder of the site: ids that differ only in case would be one on
        # a file system that ignores case (macOS's and Windows's, by default).
        first, first_path = self.ids[kind].setdefault(value.casefold(), (value, doc.path))
        if first_path == doc.path:
            return
        if first == value:
            self.error(doc, ("id",), "duplicate-id", f"id '{value}' is already used", f"by {first_path}")
        else:
            self.error(doc, ("id",), "duplicate-id", *case_twin_message(value, first, first_path))

    def load_source_text(self, path: Path, doc: Document) -> None:
        text_path = path.with_suffix(".txt")
        rel = self.rel(text_path)
        if not text_path.exists():
            self.error(
                doc,
                (),
                "missing-source-text",
                f"the source text {rel} is missing",
                "save the document, verbatim, beside its metadata",
            )
            return
        if text_path.is_symlink():
            return  # reported by discover()
        text = read_text(text_path, rel, self.diagnostics, MAX_SOURCE_BYTES)
        if text is None:
            return
        problem = source_character_problems(text)
        if problem is not None:
            index, words, number = problem
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            more = f" ({number - 1:,} more after it)" if number > 1 else ""
            self.diagnostics.error(
                rel,
                line,
                column,
                "invalid-character",
                f"the source text holds {words}{more}",
                "remove it: a source's text is plain text (a NUL or control character usually means a binary "
                "file or a wrong encoding)",
            )
            return
        self.texts[path.stem] = (text, rel)

    def normalised(self, seed: str) -> Normalised:
        """A source's text normalised for finding quotes in it (made when first needed: with every
        quote's place cached, an unchanged project needs none)."""
        if seed not in self.normalised_texts:
            self.normalised_texts[seed] = normalise(self.texts[seed][0])
        return self.normalised_texts[seed]

    # --- stage 2: each record ----------------------------------------------------------------------

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
        if "time" in data:
            self.read_date(doc, "time", dates.parse_time, self.times)
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
                self.error(doc, ("timezone",), exc.rule, exc.message, _zone_hint(data["timezone"]))
        unread = {"date_basis", "sources"} & set(refused)
        if parsed is not None and "date_basis" not in data and not unread and not self.date_is_quoted(parsed, data):
            self.warning(
                doc,
                ("date",),
                "date-without-basis",
                f"the date '{data['date']}' is not written in the event's quotes and has no basis",
                "say in 'date_basis' how it was established, e.g. which Thursday or which year",
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

    # --- stage 3: across records -------------------------------------------------------------------

    def valid(self, kind: str) -> Collection[str]:
        """The ids of every valid record of ``kind``."""
        return self.every[kind] if self.every is not None else self.documents[kind]

    def known(self, kind: str) -> set[str]:
        return set(self.valid(kind))

    def check_ref(self, doc: Document, path: DataPath, kind: str, value: str) -> None:
        if value in self.valid(kind) or value in self.broken[kind]:
            return
        words = {"event": "event", "actor": "actor", "place": "place", "seed": "source"}
        folder = FOLDERS[kind]
        if kind not in self.suggestions:  # indexed once per kind, at the first unknown reference
            self.suggestions[kind] = Suggestions(self.known(kind))
        hint = self.suggestions[kind].suggest(value) or f"add {folder}/{value}.yaml, or use an existing id"
        # An id of another kind of record (a place named where an actor belongs) is said to be one;
        # it may be meant (a country is both), so the ways to add the record stay.
        other = next((k for k in FOLDERS if k != kind and (value in self.valid(k) or value in self.broken[k])), None)
        if other is not None:
            article = "an" if words[other][0] in "aeiou" else "a"
            hint = f"there is {article} {words[other]} '{value}' ({FOLDERS[other]}/), but no {words[kind]}; {hint}"
        self.error(doc, path, "unknown-reference", f"no {words[kind]} '{value}' in {folder}/", hint)

    def check_references(self) -> None:
        for kind in ("event", "actor", "seed", "place"):
            for doc in self.documents[kind].values():
                self.references_of(kind, doc)
        self.stage = "cycles"
        self.check_cycles("place", "within", "place-cycle", "within")
        self.check_cycles("actor", "member_of", "member-cycle", "a member of")

    def references_of(self, kind: str, doc: Document) -> None:
        """What one record refers to exists; what only a reference can get wrong, it does not."""
        self.stage = "references"
        data = doc.data
        if kind == "event":
            for i, item in enumerate(data.get("actors", [])):
                self.check_ref(doc, ("actors", i, "ref"), "actor", item["ref"])
            for i, citation in enumerate(data.get("sources", [])):
                self.check_voice(doc, ("sources", i), citation)
            self.check_date_after_sources(doc)
            for i, ref in enumerate(data.get("places", [])):
                self.check_ref(doc, ("places", i), "place", ref)
            for i, tag in enumerate(data.get("tags", [])):
                reserved = reserved_message(tag, "tags", "tag")
                if reserved is not None:
                    self.error(doc, ("tags", i), "reserved-id", *reserved)
            for i, item in enumerate(data.get("related", [])):
                if item["ref"] == data["id"]:
                    self.error(doc, ("related", i, "ref"), "self-relation", "an event cannot be related to itself")
                else:
                    self.check_ref(doc, ("related", i, "ref"), "event", item["ref"])
        elif kind == "actor":
            for i, ref in enumerate(data.get("member_of", [])):
                self.check_ref(doc, ("member_of", i), "actor", ref)
            if "member_of_basis" in data and not data.get("member_of"):
                self.error(
                    doc,
                    ("member_of_basis",),
                    "conflicting-fields",
                    "'member_of_basis' explains a membership, but 'member_of' names none",
                    "add 'member_of', or remove 'member_of_basis'",
                )
        elif kind == "seed":
            for i, ref in enumerate(data.get("relays", [])):
                self.check_ref(doc, ("relays", i), "actor", ref)
        elif kind == "place" and "within" in data:
            self.check_ref(doc, ("within",), "place", data["within"])

    def check_links(self) -> None:
        """Each link once, in an order its events' dates allow, with no cycle in the sequence."""
        self.stage = "links"
        before: dict[str, list[str]] = {}  # event id -> events the sequence links put after it
        sequence: list[tuple[Document, int, str, str]] = []  # (file, link index, earlier, later)
        for doc, i, ref, kind, first in self.links(self.documents["event"]):
            if first is not None:
                if first[0] is not doc:  # within one file, 'duplicate-entry' reports it
                    self.duplicate_link(doc, i, *first)
                continue
            pair = kind.earlier_later(doc.data["id"], ref)
            if pair is not None:
                sequence.append((doc, i, *pair))
                before.setdefault(pair[0], []).append(pair[1])
                self.stage = "link-dates"
                self.check_link_dates(doc, i, kind.name, kind.order or "", ref)
                self.stage = "links"
        self.sequence = before
        component = _components(before)
        for doc, i, earlier, later in sequence:
            if component[earlier] != component[later]:
                continue  # no way back from the later to the earlier: not in a cycle
            inside = {node: [n for n in nodes if component[n] == component[earlier]] for node, nodes in before.items()}
            path = _path(inside, later, earlier)
            assert path is not None  # one strongly connected component
            here = doc.data["id"]
            chain = [earlier, *path] if here == earlier else [*path, later]
            self.error(
                doc,
                ("related", i, "ref"),
                "sequence-cycle",
                f"'{here}' comes before itself: " + " -> ".join(chain),
                "each comes before the next; remove or reverse one of these links",
            )

    def links(
        self, events: Mapping[str, Document]
    ) -> Iterator[tuple[Document, int, str, LinkType, tuple[Document, int] | None]]:
        """Each link of ``events`` to a known other event, in the order of their ids, with the first
        declaration of the same link (the file and the link's index) when it is not the first."""
        types = link_types()
        # The same link, however it is written: 'a follows b' in a's file is 'b precedes a' in b's.
        declared: dict[tuple[str, str, str], tuple[Document, int]] = {}
        known = self.valid("event")
        for event_id in sorted(events):
            doc = events[event_id]
            for i, item in enumerate(doc.data.get("related", [])):
                ref, kind = item["ref"], types[item["type"]]
                if ref not in known or ref == event_id:
                    continue  # reported as an unknown reference or a self-relation
                key = (event_id, ref, kind.name)
                if kind.inverse is not None:
                    key = min(key, (ref, event_id, kind.inverse))
                first = declared.setdefault(key, (doc, i))
                yield doc, i, ref, kind, None if first[0] is doc and first[1] == i else first

    def duplicate_link(self, doc: Document, index: int, first: Document, first_index: int) -> None:
        item = doc.data["related"][index]
        other = first.data["related"][first_index]
        line, column = self.position(first, ("related", first_index, "ref"))
        message = (
            f"the link '{item['type']}' to '{item['ref']}' says again what '{first.data['id']}' "
            f"declares: '{other['type']}' to '{other['ref']}'"
        )
        self.error(
            doc,
            ("related", index, "ref"),
            "duplicate-link",
            message,
            f"keep one: the other is at {first.path}:{line}:{column}",
        )
        # Its hint gives a position in the other file: a snapshot cannot keep it once that file changes.
        self.located_at[len(self.diagnostics.items) - 1] = (doc.path, ("related", index, "ref"), first.path, self.stage)

    def check_link_dates(self, doc: Document, index: int, name: str, order: str, ref: str) -> None:
        """A sequence link must be possible for the two events' dates."""
        mine, theirs = self.dates.get(doc.data["id"]), self.dates.get(ref)
        if mine is None or theirs is None:
            return  # a date that could not be read is reported on its own
        my_first, my_last = _possible_days(mine)
        their_first, their_last = _possible_days(theirs)
        begins_after = my_first is not None and their_last is not None and my_first > their_last
        ends_before = my_last is not None and their_first is not None and my_last < their_first
        if order == "before" and begins_after:
            conflict = "begins after it ends"
        elif order in ("after", "within") and ends_before:
            conflict = "ends before it begins"
        elif order == "within" and begins_after:
            conflict = "begins after it ends"
        else:
            return
        self.error(
            doc,
            ("related", index, "ref"),
            "sequence-against-dates",
            f"'{name}' puts this event {'before' if order == 'before' else order} '{ref}', "
            f"but this event ({mine.words()}) {conflict} ({theirs.words()})",
            "correct a date or the link's type",
        )

    def check_date_after_sources(self, doc: Document) -> None:
        """An event dated after a source that reports it was published: a source reports what
        happened before it, so such a date is most often a slip of the year or the month (2202 for
        2022). A day is allowed for time zones, and a year beyond a date of publication known only
        approximately (its end marked ~ or ?)."""
        date = self.dates.get(doc.data["id"])
        earliest = date.earliest() if date is not None else None
        if earliest is None:
            return
        for seed in dict.fromkeys(citation["seed"] for citation in doc.data.get("sources", [])):
            published = self.published.get(seed)
            if published is None or published.end is None:
                continue
            end = published.end
            latest = end.last_day() + timedelta(days=366 if end.approximate or end.uncertain else 1)
            if earliest > latest:
                self.warning(
                    doc,
                    ("date",),
                    "date-after-source",
                    f"the event is dated '{doc.data['date']}', after its source '{seed}' was published "
                    # 'about 31 December 2022 at the latest'; not 'possibly ... at the latest'
                    f"({dataclasses.replace(end, uncertain=False).words()} at the latest)",
                    f"check the event's date, or the source's 'published' in {FOLDERS['seed']}/{seed}.yaml: a "
                    "source reports what happened before it was published",
                )

    def check_voice(self, doc: Document, path: DataPath, citation: dict[str, Any]) -> None:
        """A citation or a figure is attributed to parties exactly when its voice is 'attributed'."""
        where = schema.format_path(path)
        parties = citation.get("attributed_to")
        if citation["voice"] == "attributed" and parties is None:
            self.error(
                doc,
                (*path, "voice"),
                "missing-field",
                f"'{where}' is attributed but does not say to whom",
                "add 'attributed_to' with the ids of the actors the source attributes it to",
            )
        elif citation["voice"] == "own" and parties is not None:
            self.error(
                doc,
                (*path, "attributed_to"),
                "conflicting-fields",
                f"'{where}' is in the source's own voice, so it is attributed to no one",
                "set 'voice: attributed' if the source reports it as what these parties say, or remove 'attributed_to'",
            )
        for j, ref in enumerate(parties or []):
            self.check_ref(doc, (*path, "attributed_to", j), "actor", ref)

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

    def check_cycles(self, kind: str, field_name: str, rule: str, words: str) -> None:
        """Refuse a record that ends up inside itself, directly or through a chain."""
        documents = self.documents[kind]

        def parents(record_id: str) -> list[str]:
            value = documents[record_id].data.get(field_name, [])
            return [value] if isinstance(value, str) else list(value)

        for start in sorted(documents):
            # Depth-first search from each record for a path back to itself.
            stack: list[tuple[str, list[str]]] = [(p, [start, p]) for p in parents(start) if p in documents]
            visited: set[str] = set()
            while stack:
                current, chain = stack.pop()
                if current == start:
                    doc = documents[start]
                    value = doc.data[field_name]
                    index: DataPath = (field_name,) if isinstance(value, str) else (field_name, value.index(chain[1]))
                    self.error(
                        doc, index, rule, f"'{start}' is {words} itself: " + " -> ".join(chain), "break the chain"
                    )
                    break
                if current in visited:
                    continue
                visited.add(current)
                stack.extend((p, [*chain, p]) for p in parents(current) if p in documents)

    def check_quotes(self) -> None:
        quotes = _Quotes(self)
        missing: dict[str, dict[str, None]] = {}
        for seed, quote in self.cited_quotes():
            if quote not in quotes.of(seed):
                missing.setdefault(seed, {})[quote] = None
        if sum(map(len, missing.values())) >= PARALLEL_QUOTES_FROM and workers.can_share():
            # Many quotes to find (a first check): the sources are shared out among the cores.
            for (seed, found_quotes), found in zip(*_find_everywhere(self.texts, missing), strict=True):
                quotes.learn(seed, zip(found_quotes, found, strict=True))
        else:
            for seed, wanted in missing.items():
                found_quotes = list(wanted)
                quotes.learn(seed, zip(found_quotes, find_quotes(found_quotes, self.normalised(seed)), strict=True))
        self.find_quotes(quotes.find)
        quotes.keep(every=True)

    def in_quotation(self, seed: str, start: int, end: int) -> bool:
        """Whether the span [start, end) of the source's text lies between quotation marks."""
        if seed not in self.quotations:
            self.quotations[seed] = quotations(self.texts[seed][0])
        return within_quotation(self.quotations[seed], start, end)

    def cited_quotes(self) -> Iterator[tuple[str, str]]:
        """Each source and quote cited, where the source's text was read."""
        for kind in ("event", "actor", "place"):
            for doc in self.documents[kind].values():
                for citation in doc.data.get("sources", []):
                    if citation["seed"] in self.texts:
                        for quote in citation["quotes"]:
                            yield citation["seed"], quote

    def find_quotes(self, find: Find) -> None:
        for kind in ("event", "actor", "place"):
            for doc in self.documents[kind].values():
                self.quotes_of(kind, doc, find)

    def quotes_of(self, kind: str, doc: Document, find: Find) -> None:
        """Each quote of one record found in its source (``find``: where a quote is in a source)."""
        self.stage = "quotes"
        # A party's words in quotation marks are the source's own only on the party's statement.
        statement = kind != "event" or any(r.get("type") in STATEMENT_LINKS for r in doc.data.get("related", []))
        for i, citation in enumerate(doc.data.get("sources", [])):
            seed = citation["seed"]
            if seed not in self.valid("seed"):
                self.check_ref(doc, ("sources", i, "seed"), "seed", seed)
                continue
            if seed not in self.texts:
                continue  # the missing text is reported on the source itself
            for j, quote in enumerate(citation["quotes"]):
                if quote.isspace():
                    continue  # reported as blank with its file's own checks
                spans = find(seed, quote)
                if spans:
                    self.quote_spans[(seed, quote)] = spans[0]
                    self.spans.setdefault(seed, []).extend(
                        QuotedSpan(start, end, kind, doc.data["id"]) for start, end in spans
                    )
                    if not statement and citation.get("voice") == "own" and self.in_quotation(seed, *spans[0]):
                        self.warning(
                            doc,
                            ("sources", i, "quotes", j),
                            "party-words-in-own-voice",
                            f"the quote '{clip(quote)}' is someone's words, between quotation marks in the "
                            "source, cited in the source's own voice",
                            "attribute them: voice attributed, with attributed_to naming whose they are; or "
                            "quote the source's own words around them; or, if this event is that party's "
                            "statement, link it to the event it is about (asserts, reports-on, acknowledges, ...)",
                        )
                    continue
                message, hint = quote_not_found(quote, seed, self.texts[seed][0], self.normalised(seed))
                self.error(doc, ("sources", i, "quotes", j), "quote-not-found", message, hint)

    def check_aliases(self) -> None:
        """A name not written in any source the actor or place cites is outside knowledge: it needs
        its basis."""
        for kind in ("actor", "place"):
            for doc in self.documents[kind].values():
                self.aliases_of(kind, doc)

    def aliases_of(self, kind: str, doc: Document) -> None:
        self.stage = "aliases"
        seeds = [s["seed"] for s in doc.data.get("sources", [])]
        if any(seed not in self.texts for seed in seeds):
            # A source whose text cannot be read (refused, missing, or no such source) is reported
            # itself; whether it writes an alias cannot be told, as its quotes are not looked for.
            return
        for i, alias in enumerate(doc.data.get("aliases", [])):
            if "basis" in alias:
                continue
            if any(find_quote(alias["name"], self.normalised(seed)) for seed in seeds):
                continue
            self.error(
                doc,
                ("aliases", i, "name"),
                "alias-without-basis",
                f"the alias '{alias['name']}' is written in none of the {kind}'s sources and has no basis",
                "say in 'basis' where the name comes from (outside knowledge is declared), "
                "or cite a source that writes it",
            )

    def check_figures(self) -> None:
        """Each figure gives a number, a range in order (low <= best <= high), a source the event
        cites, a quote found in that source, and writes every one of its numbers in that quote."""
        for doc in self.documents["event"].values():
            self.figures_of(doc)

    def figures_of(self, doc: Document) -> None:
        self.stage = "figures"
        cited = {s["seed"] for s in doc.data.get("sources", [])}
        for i, figure in enumerate(doc.data.get("figures", [])):
            path: DataPath = ("figures", i)
            where = schema.format_path(path)
            self.check_voice(doc, path, figure)
            numbers = {key: figure[key] for key in ("value", "low", "best", "high") if key in figure}
            if not numbers:
                self.error(
                    doc,
                    (*path, "counts"),
                    "missing-field",
                    f"'{where}' gives no number",
                    "add 'value', or 'low', 'best' and 'high' as the source gives them "
                    "(a number no source gives is left out, never written as 0)",
                )
            elif "value" in numbers and len(numbers) > 1:
                self.error(
                    doc,
                    (*path, "value"),
                    "conflicting-fields",
                    f"'{where}' gives both 'value' and a range",
                    "give 'value' for one number, or 'low', 'best' and 'high' for a range",
                )
            bounds = [(key, numbers[key]) for key in ("low", "best", "high") if key in numbers]
            for (lower, low), (upper, high) in pairwise(bounds):
                if low > high:
                    self.error(
                        doc,
                        (*path, upper),
                        "invalid-range",
                        f"'{where}': {lower} ({number_words(low)}) is more than {upper} ({number_words(high)})",
                        "low <= best <= high",
                    )
            quote, seed = figure["quote"], figure["seed"]
            if seed not in cited:
                self.error(
                    doc,
                    (*path, "seed"),
                    "unknown-reference",
                    f"'{where}.seed': '{seed}' is not one of the event's sources",
                    "cite the source under 'sources' first",
                )
            elif seed in self.texts:
                self.find_figure_quote(doc, path, seed, quote)
            written = numbers_in(quote)
            for key, number in numbers.items():
                if float(number) not in written:
                    shown = quote if len(quote) <= 80 else quote[:77] + "..."
                    self.error(
                        doc,
                        (*path, key),
                        "figure-not-in-quote",
                        f"'{where}.{key}' is {number_words(number)}, which its quote does not write: '{shown}'",
                        "give the number as the quote writes it, or quote the words that give it",
                    )

    def find_figure_quote(self, doc: Document, path: DataPath, seed: str, quote: str) -> None:
        spans = find_quote(quote, self.normalised(seed))
        if spans:
            self.quote_spans[(seed, quote)] = spans[0]
            self.spans.setdefault(seed, []).extend(QuotedSpan(a, b, "event", doc.data["id"]) for a, b in spans)
            return
        message, hint = quote_not_found(quote, seed, self.texts[seed][0], self.normalised(seed))
        self.error(doc, (*path, "quote"), "quote-not-found", message, hint)

    def check_usage(self) -> None:
        self.stage = "usage"
        # Counted, not only gathered: the index keeps how many events mention each (see index_of).
        mentioned_actors, mentioned_places = self.mentions["actor"], self.mentions["place"]
        for doc in self.documents["event"].values():
            actors, places = _mentions(doc.data)
            mentioned_actors.update(actors)
            mentioned_places.update(places)
        if "event" in self.failed:
            return  # an event that could not be read may be the one that mentions them
        for actor_id, doc in self.documents["actor"].items():
            if actor_id not in mentioned_actors:
                self.unused("actor", actor_id, doc)
        for place_id, doc in self.documents["place"].items():
            if place_id not in mentioned_places:
                self.unused("place", place_id, doc)

    def unused(self, kind: str, record_id: str, doc: Document) -> None:
        """Warn that no event mentions the actor, or happens at the place."""
        self.stage = "usage"
        if kind == "actor":
            message, hint = f"no event mentions actor '{record_id}'", "add it to an event's actors, or remove the file"
        else:
            message, hint = (
                f"no event happens at place '{record_id}'",
                "add it to an event's places, or remove the file",
            )
        self.warning(doc, ("id",), f"unused-{kind}", message, hint)

    def check_geography(self) -> None:
        """Every place has coordinates, inside the country it is within; events place themselves at their places."""
        from chronology import boundaries

        self.stage = "geography"
        shapes = boundaries.load()
        for place_id, doc in self.documents["place"].items():
            self.geography_of(place_id, doc, shapes)
        for doc in self.documents["event"].values():
            self.precision_of(doc)

    def geography_of(self, place_id: str, doc: Document, shapes: Any) -> None:
        """A place's country has a shape, and the place's point is inside the country it is within."""
        self.stage = "geography"
        data = doc.data
        code = data.get("country_code")
        if code is not None and code not in shapes.countries:
            west, south, east, north = shapes.region
            self.warning(
                doc,
                ("country_code",),
                "country-without-shape",
                f"the bundled boundaries have no shape for '{code}', so points within it are not checked",
                f"use the ISO 3166-1 alpha-3 code; the boundaries cover {west:g} to {east:g} E, "
                f"{south:g} to {north:g} N (chronology/boundaries.py)",
            )
        point = data.get("coordinates")
        if point is None:
            return  # reported by check_place
        country = self.enclosing_country(place_id, shapes.countries)
        if country is None:
            return
        country_id, country_code = country
        if not shapes.contains(country_code, point["lat"], point["lon"]):
            found = shapes.country_at(point["lat"], point["lon"])
            where = f"it falls in {shapes.countries[found].name} ({found})" if found else "it falls in no country"
            self.error(
                doc,
                ("coordinates",),
                "outside-country",
                f"the point {point['lat']:g} N, {point['lon']:g} E is not inside the shape of "
                f"'{country_id}' ({country_code}), which the place is within: {where}",
                "check the figures (latitude first, north positive; longitude east positive) and 'within'",
            )

    def precision_of(self, doc: Document) -> None:
        """An event's precision of a place is given for one of its places."""
        self.stage = "precision"
        listed = doc.data.get("places", [])
        for place_id in doc.data.get("place_precision", {}):
            if place_id not in listed:
                self.error(
                    doc,
                    ("place_precision", place_id),
                    "unknown-reference",
                    f"'place_precision' names '{place_id}', which is not among the event's places",
                    "add it to 'places', or remove it from 'place_precision'",
                )

    def enclosing_country(self, place_id: str, shapes: Mapping[str, object]) -> tuple[str, str] | None:
        """The nearest place up the ``within`` chain (the place itself first) whose country code has a shape."""
        places = self.documents["place"]
        current: str | None = place_id
        for _ in range(len(places)):  # a cycle is reported elsewhere; the walk stays bounded
            if current is None or current not in places:
                return None
            code = places[current].data.get("country_code")
            if code in shapes:
                return current, code
            current = places[current].data.get("within")
        return None

    # --- the snapshot: answering from the last check ---------------------------------------------

    def answerer(self) -> _Checker:
        """A checker to answer from the last check (``answer_from``) with what ``discover`` found,
        which leaves this one as it is for the whole check when it cannot: answering fills a
        checker with some of the records and with the index's view of the others."""
        answerer = _Checker(self.root, self.kept)
        answerer.diagnostics.items.extend(self.diagnostics.items)
        answerer.discovered = self.discovered
        return answerer

    def answer_from(
        self,
        last: snapshot.Snapshot,
        found: dict[str, list[str]],
        facts: bool = False,
        index: snapshot.Index | None = None,
    ) -> tuple[Result, dict[str, FileResult], snapshot.Snapshot, snapshot.Index | None] | None:
        """The check's result made from the last check's snapshot and the changed files alone, with
        the changed files' own checks, by path, the snapshot brought up to date, and the index when
        it changed. None when that cannot be done, and the whole project must be checked (see
        ``snapshot``). ``facts``: whether an edit of a record's facts may be answered (see
        ``answer_facts``), against ``index`` (by default, the one kept with the snapshot on disk)."""
        names = [f"{FOLDERS[kind]}/{name}" for kind, listed in found.items() for name in listed]
        added: set[str] = set()
        removed: dict[str, FileResult] = {}  # the files removed, as the last check read them
        unresolved: set[str] = set()  # the files whose references are checked again (see below)
        tie = last.facts  # what the index kept with the snapshot was made for (see answer_facts)
        if names != last.files:
            # Files added to or removed from a chronology without error are checked against the
            # index, but a source removed, whose quotes are not counted by record, is checked whole.
            # So are files added to a chronology whose only errors are unknown references, which a
            # file added may resolve, or change the "did you mean" of: the records that make them
            # have their references checked again. Any other error, a file removed or a source
            # added beside them, is checked whole.
            found_errors = any(d.severity.value == "error" for d in self.diagnostics.items[: self.discovered])
            if not facts or found_errors:
                return None
            added, gone = set(names) - set(last.files), set(last.files) - set(names)
            seeds = f"{FOLDERS['seed']}/"
            if len(added) + len(gone) > FACTS_FROM or any(rel.startswith(seeds) for rel in gone):
                return None
            if last.errors():
                if gone or any(rel.startswith(seeds) for rel in added) or not _only_unknown_references(last):
                    return None
                unresolved = {
                    rel
                    for rel, entries in last.located.items()
                    if any(entry.diagnostic.rule == "unknown-reference" for entry in entries)
                }
            store = open_cache(self.root, "check", self.kept)
            for i, rel in enumerate(last.files):
                if rel in gone:
                    record = _kept(store, last, i)
                    if record is None:
                        return None
                    removed[rel] = record
            last = snapshot.reshaped(last, names)
        now, root, size = time.time_ns(), str(self.root), snapshot.STATUS.size
        statuses = bytearray(len(names) * size)
        changed: dict[int, FileResult | None] = {}
        for i, rel in enumerate(names):
            try:
                status = cache.status(os.stat(f"{root}/{rel}"), now)
            except OSError:
                return None
            if status is None:
                changed[i] = None
            else:
                snapshot.STATUS.pack_into(statuses, i * size, *status)
        if statuses != last.statuses:
            was = memoryview(last.statuses)
            changed.update(
                (i, None)
                for i in range(len(names))
                if statuses[i * size : (i + 1) * size] != was[i * size : (i + 1) * size]
            )
        texts: dict[str, tuple[bytes, bytes] | None] = {}
        for rel, kept in last.texts.items():
            state = self.text_state(rel, now, kept)
            if state != kept and (state is None or kept is None or state[1] != kept[1]):
                return None  # a source's text changed
            # Its status as it is now: one that has settled since is trusted from now on, and the
            # text not read again (its status alone never tells that a text is unchanged).
            texts[rel] = state
        for rel in sorted(added):
            if rel.startswith(f"{FOLDERS['seed']}/"):
                texts[rel] = self.text_state(rel, now)
                if texts[rel] is None:
                    return None  # its text cannot be read: the whole check says why
        if len(changed) > SNAPSHOT_FROM:
            return None  # the whole check shares so many files out between its workers
        store = open_cache(self.root, "check", self.kept)
        keys = bytearray(last.keys) if len(last.keys) == len(names) * snapshot.KEY else bytearray(0)
        new_facts = bytearray(last.facts)
        moved: dict[int, FileResult] = {}  # the files whose facts changed
        refused: set[str] = set()  # the records taken in by the last check and refused now
        repaired: set[str] = set()  # the records refused by the last check and taken in now
        for i in changed:
            rel = names[i]
            kind, path = KINDS_BY_FOLDER[rel.partition("/")[0]], self.root / rel
            raw = _read(path)
            key = store.key(kind, rel, raw)
            result = store.get(key) if key else None
            if not isinstance(result, FileResult):
                result = _check_one(self.root, kind, path, raw)  # the very bytes of the key
                if key:
                    store.add(key, result)
            known = last.facts[i * snapshot.FACTS : (i + 1) * snapshot.FACTS]  # zeros: refused
            if not result.valid:
                # A refused file's record is left out of the checks across files, as if removed
                # (see answer_facts); its id still counts among the ids, so it must be its own.
                if rel in added or not _refused_as_itself(result):
                    return None
                if any(known):  # taken in by the last check
                    # A source refused takes its text's quotes with it, which are not indexed by source.
                    if not facts or kind == "seed" or len(moved) + len(refused) == FACTS_FROM:
                        return None
                    if not _only_refusals(last):  # another error, which the record's removal may change
                        return None
                    record = _kept(store, last, i)
                    if record is None:
                        return None
                    removed[rel] = record
                    refused.add(rel)
            elif not any(known) and rel not in added:  # refused by the last check
                if not facts or kind == "seed" or len(moved) + len(refused) == FACTS_FROM or not _only_refusals(last):
                    return None
                repaired.add(rel)
                moved[i] = result
            elif result.facts != known:
                if not facts or len(moved) + len(refused) == FACTS_FROM:
                    return None  # what other files' checks read of it changed
                moved[i] = result
            changed[i] = result
            new_facts[i * snapshot.FACTS : (i + 1) * snapshot.FACTS] = result.facts or bytes(snapshot.FACTS)
            if keys:
                keys[i * snapshot.KEY : (i + 1) * snapshot.KEY] = bytes.fromhex(key) if key else bytes(snapshot.KEY)
        store.save()
        edited = {names[i]: result for i, result in changed.items() if result is not None}
        located: dict[str, list[snapshot.Located]] = {}
        for rel, entries in last.located.items():
            document = edited[rel].document if rel in edited and rel not in refused else None
            located[rel] = [self.relocate(entry, document) for entry in entries] if document else entries
        # The diagnostics whose hint gives a position in a changed file (held, so no id is reused).
        stale = [entry for entries in located.values() for entry in entries if entry.other in edited]
        pointing = {id(entry) for entry in stale}
        coverage, kept_index, index = last.coverage, index, None
        for rel in removed:
            located.pop(rel, None)
        facts_moved = {i: (names[i], result) for i, result in moved.items()}
        for i, rel in enumerate(names):
            if rel in unresolved and i not in moved:  # checked again as it is, as if edited
                again = changed.get(i) or _kept(store, last, i)
                if again is None:
                    return None
                facts_moved[i] = (rel, again)
        if len(facts_moved) > FACTS_FROM:
            return None
        if facts_moved or removed:
            answered = self.answer_facts(
                last,
                tie,
                facts_moved,
                added,
                located,
                kept_index,
                removed,
                refused,
                repaired,
            )
            if answered is None:
                return None
            coverage, index = answered
        if pointing and any(id(entry) in pointing for entries in located.values() for entry in entries):
            return None  # not found again by answer_facts, so not brought up to date
        own = {rel: diagnostics for rel, diagnostics in last.own.items() if rel not in edited and rel not in removed}
        own.update((rel, result.diagnostics) for rel, result in edited.items() if result.diagnostics)
        items = self.diagnostics.items
        for listed in (*own.values(), *last.about_texts.values()):
            items.extend(listed)
        items.extend(entry.diagnostic for entries in located.values() for entry in entries)
        clean = not any(d.severity.value == "error" for d in items)
        if clean and not last.clean:
            return None  # the last check had errors, so it has no summary of the sources to give
        counts = dict(last.counts)
        for rel in added | repaired:
            counts[KINDS_BY_FOLDER[rel.partition("/")[0]]] += 1
        for result in removed.values():
            counts[result.kind] -= 1
        result = Result(None, items, counts, coverage=coverage if clean else ())
        made = dataclasses.replace(
            last,
            statuses=bytes(statuses),
            facts=bytes(new_facts),
            keys=bytes(keys),
            own=own,
            located=located,
            coverage=coverage,
            counts=counts,
            texts=texts,
        )
        if index is not None:
            index.facts = snapshot.digest(made.facts)
        return result, edited, made, index

    def answer_facts(
        self,
        last: snapshot.Snapshot,
        tie: bytes,
        moved: dict[int, tuple[str, FileResult]],
        added: set[str],
        located: dict[str, list[snapshot.Located]],
        index: snapshot.Index | None = None,
        removed: Mapping[str, FileResult] = {},
        refused: Collection[str] = (),
        repaired: Collection[str] = (),
    ) -> tuple[tuple[snapshot.Coverage, ...], snapshot.Index] | None:
        """Check again, against the last check's index, what an edit of records' facts can change:
        ``tie``: the facts of the snapshot as the last check kept it, whose index is read.
        ``moved``, the edited files (by their place in the snapshot) whose facts changed, among them
        the files ``added`` (each checked as if it had been there with nothing but its id); and the
        files ``removed``, as the last check read them, which no other record may refer to, among them
        the events, actors and places ``refused`` now (left out, as a whole check leaves them, while
        the references to them stay known); and those ``repaired``, refused by the last check, each
        checked as if added. The checks across files that read one record at a time are run for
        each of them, as it was (for the spans it quoted and the mentions it made) and as it is;
        then the actors and places whose mention changed are found used or unused, the links to an
        event whose date changed checked again, and the coverage of each source whose spans changed
        counted again. ``located`` is brought up to date in place; the sources' coverage and the
        index are returned. None when the edit is not one the index can answer (see
        ``INDEXED_FIELDS``)."""
        index = index or snapshot.load_index(self.root)
        if index is None or index.facts != snapshot.digest(tie) or not last.keys:
            return None
        store = open_cache(self.root, "check", self.kept)
        # An event refused leaves every actor and place unwarned of being unused (see check_usage):
        # so does the index, until no event is refused.
        counting = "event" not in index.failed
        for rel in refused:
            index.broken[removed[rel].kind].add(removed[rel].stem)
            index.failed.add(removed[rel].kind)
        for rel, result in moved.values():
            if rel in repaired:
                index.broken[result.kind].discard(result.stem)
                if not index.broken[result.kind]:
                    index.failed.discard(result.kind)

        def kept(i: int) -> FileResult | None:
            return _kept(store, last, i)

        edited_results = dict(moved.values())  # the edited files' results, by path
        where: dict[str, int] = {}  # each file's place in the last snapshot, found at the first need

        def result_of(rel: str) -> FileResult | None:
            """A file's result as the edit leaves it: its own if edited, else the last check's."""
            if rel in edited_results:
                return edited_results[rel]
            if not where:
                where.update((name, i) for i, name in enumerate(last.files))
            i = where.get(rel)
            return kept(i) if i is not None else None

        edits: list[tuple[str, str, Document, Document]] = []  # path, kind, record before, record now
        for i, (rel, result) in moved.items():
            now = result.document
            if (rel in added or rel in repaired) and now is not None:
                record = Document(rel, {"id": now.data["id"]})  # as if it had been there with nothing else
                was: FileResult | None = FileResult(result.kind, result.stem, record, True, [])
                index.valid[result.kind].add(result.stem)
            else:
                was = kept(i)
            if was is None or now is None or was.document is None:
                return None
            old, new = was.document.data, now.data
            if not old.get("id") == new.get("id") == result.stem:
                return None
            fields = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
            if not fields - schema.local_fields(result.kind) <= INDEXED_FIELDS[result.kind]:
                return None
            if result.kind == "seed" and "published" in fields and rel not in added and rel not in repaired:
                return None  # the events that cite it, not indexed by source, may be dated after it now
            edits.append((rel, result.kind, was.document, now))
        self.every, self.broken, self.failed = index.valid, index.broken, set(index.failed)
        gone = [(rel, result.kind, result.stem, result.document) for rel, result in removed.items() if result.document]
        for rel, kind, stem, doc in gone:
            if kind == "event":  # first, so that what only it mentioned may be removed with it
                self.mentioned(doc, Document(rel, {"id": stem}), index)
        # Refused records that others refer to: a reference to a refused record is not unknown (see
        # check_ref), so it stays. The links to an event refused are left with no date to check them
        # by (see check_link_dates). The places within a place refused are left with no country
        # through it (see enclosing_country): none had an error before (see _only_refusals), so none
        # can have one now. Repaired, it is checked as added, with the places within it.
        unlinked: dict[str, Document] = {}
        for rel, kind, stem, doc in gone:
            if not self.unreferenced(kind, stem, index):
                if rel not in refused:
                    return None
                if kind == "event":
                    unlinked[stem] = doc
            index.valid[kind].discard(stem)
        seeds = {
            record["seed"]
            for records in [*(edit[2:] for edit in edits), *((doc,) for *_, doc in gone)]
            for doc in records
            for record in (*doc.data.get("sources", []), *doc.data.get("figures", []))
        }
        new_seeds = sorted(now.data["id"] for rel, kind, _, now in edits if kind == "seed" and rel in added)
        for seed in sorted(seeds & index.valid["seed"] - set(new_seeds)):
            with self.aside():  # what is wrong with a source's text is in the snapshot already
                self.load_source_text(self.root / FOLDERS["seed"] / f"{seed}.yaml", Document("", {}))
        start = len(self.diagnostics.items)
        for seed in new_seeds:
            self.load_source_text(self.root / FOLDERS["seed"] / f"{seed}.yaml", Document("", {}))
            index.spans.setdefault(seed, Counter())
        if len(self.diagnostics.items) > start:
            return None  # a source added whose text is missing or refused: the whole check tells
        quotes = _Quotes(self)
        find = quotes.find
        spans: dict[str, Counter[tuple[int, int]]] = {}
        for _, kind, stem, doc in gone:
            self.unquote(kind, doc, find, spans)
            if kind == "event":
                for item in doc.data.get("related", ()):
                    ref = item["ref"]
                    index.sequence[ref] = [later for later in index.sequence.get(ref, []) if later != stem]
                    index.linkers[ref] = [other for other in index.linkers.get(ref, []) if other != stem]
                index.sequence.pop(stem, None)
            if kind == "actor":
                index.members.pop(stem, None)
            elif kind == "place":
                index.places.pop(stem, None)
        linked_now: dict[str, Document] = {}  # event id -> its record now, for the events whose
        linked_before: dict[str, Document] = {}  # date or links changed, and as it was
        self.dated(edits, seeds, result_of)
        for rel, kind, before, now in edits:
            self.unquote(kind, before, find, spans)
            _drop(located, rel, ("references", "quotes", "figures", "precision", "aliases"))
            self.spans = {}
            self.references_of(kind, now)
            self.quotes_of(kind, now, find)
            if kind == "event":
                self.figures_of(now)
                self.precision_of(now)
                self.mentioned(before, now, index)
                if before.data.get("date") != now.data["date"] or before.data.get("related") != now.data.get("related"):
                    linked_now[now.data["id"]], linked_before[now.data["id"]] = now, before
            elif kind == "seed":
                index.relays[now.data["id"]] = list(now.data.get("relays", ()))
            else:
                self.aliases_of(kind, now)
            for seed, found in self.spans.items():
                spans.setdefault(seed, Counter()).update((s.start, s.end) for s in found)
            self.quoted[(kind, now.data["id"])] = self.spans
        quotes.keep(every=False)
        if counting == ("event" not in index.failed):
            self.used_again(index, located)
        else:  # every warning of an unused actor or place dropped, or found again
            for rel in located:
                _drop(located, rel, ("usage",))
            if "event" not in index.failed:
                self.all_unused(index)
        # An actor or a place added or repaired, which no warning was kept for while it was not
        # there: warned of if no event mentions it, unless an event is refused, or a warning was
        # just found for it above (every one, once no event is refused; or one that was used).
        if counting and "event" not in index.failed:
            for rel, kind, _, now in edits:
                record_id = now.data["id"]
                if (
                    (rel in added or rel in repaired)
                    and kind in ("actor", "place")
                    and not index.mentions[kind][record_id]
                    and not self.recounted.get((kind, record_id))
                ):
                    self.unused(kind, record_id, Document(rel, {}))
        for stem, doc in unlinked.items():  # as if its date and links were gone: the links to it checked again
            linked_now[stem], linked_before[stem] = Document(doc.path, {"id": stem}), doc
            self.dates.pop(stem, None)
        if linked_now and not self.links_again(linked_now, linked_before, result_of, index, located):
            return None
        if not self.nested_again([(kind, now) for _, kind, _, now in edits], index, located):
            return None
        items = self.diagnostics.items
        for i in range(start, len(items)):
            if i not in self.located_at:
                return None  # found where the snapshot cannot follow
            rel, path, other, stage = self.located_at[i]
            located.setdefault(rel, []).append(snapshot.Located(items[i], path, other, stage))
        del items[start:]
        coverage = list(last.coverage)
        if coverage and new_seeds:
            # A source added is counted in, in the order of the sources' files.
            coverage.extend(snapshot.Coverage(seed, 0, 0, 0) for seed in new_seeds)
            folder = f"{FOLDERS['seed']}/"
            order = {rel[len(folder) : -len(".yaml")]: i for i, rel in enumerate(last.files) if rel.startswith(folder)}
            coverage.sort(key=lambda c: order[c.source])
        for seed in new_seeds:
            spans.setdefault(seed, Counter())
        for seed, change in sorted(spans.items()):
            quoted = index.spans.setdefault(seed, Counter())
            quoted.update(change)
            for span in [span for span, times in quoted.items() if times <= 0]:
                del quoted[span]
            if seed not in self.texts or not (any(change.values()) or seed in new_seeds):
                continue
            percent, sentences, uncovered = _coverage(self.texts[seed][0], tuple(sorted(quoted.elements())))
            made = snapshot.Coverage(seed, sentences, sentences - len(uncovered), percent)
            coverage = [made if c.source == seed else c for c in coverage]
        return tuple(coverage), index

    def dated(
        self,
        edits: list[tuple[str, str, Document, Document]],
        seeds: set[str],
        result_of: Callable[[str], FileResult | None],
    ) -> None:
        """The dates the edited events' checks across files read (see ``check_date_after_sources``):
        each edited event's, and the publication of each source they cite, as the edit left it or as
        the last check read it (``result_of``, by a file's path). (A source whose publication changed
        is checked whole: see ``INDEXED_FIELDS``.)"""
        for rel, kind, _, now in edits:
            if kind == "event":
                result = result_of(rel)
                _replace(self.dates, now.data["id"], result.date if result is not None else None)
        for seed in seeds:
            result = result_of(f"{FOLDERS['seed']}/{seed}.yaml")
            if result is not None:
                _replace(self.published, seed, result.published)

    def unquote(self, kind: str, record: Document, find: Find, spans: dict[str, Counter[tuple[int, int]]]) -> None:
        """Take the spans ``record`` (as it was) quotes off ``spans``, each source's count of each."""
        with self.aside() as quoted:
            self.quotes_of(kind, record, find)
            if kind == "event":
                self.figures_of(record)
        for seed, found in quoted.items():
            spans.setdefault(seed, Counter()).subtract((s.start, s.end) for s in found)

    @staticmethod
    def unreferenced(kind: str, record_id: str, index: snapshot.Index) -> bool:
        """Whether no record refers to the record, as far as the index tells (a source never is:
        its quotes are not counted by source)."""
        if kind == "event":
            return not any(other != record_id for other in index.linkers.get(record_id, ()))
        if kind == "actor":
            return (
                not index.mentions["actor"][record_id]
                and not any(record_id in parents for parents in index.members.values())
                and not any(record_id in relays for relays in index.relays.values())
            )
        if kind == "place":
            return not index.mentions["place"][record_id] and not any(
                placing[0] == record_id for placing in index.places.values()
            )
        return False

    @contextlib.contextmanager
    def aside(self) -> Iterator[dict[str, list[QuotedSpan]]]:
        """Checks run for what they quote, not for what they find: within, nothing found is kept,
        no position is looked up, and the spans quoted are gathered apart."""
        kept = self.diagnostics, self.located_at, self.spans, self.located
        self.diagnostics, self.located_at, self.spans, self.located = Collector(), {}, {}, False
        try:
            yield self.spans
        finally:
            self.diagnostics, self.located_at, self.spans, self.located = kept

    def mentioned(self, before: Document, now: Document, index: snapshot.Index) -> None:
        """The index's count of mentions brought up to date for an event edited (``before`` and
        ``now``); each actor and place whose count changed is kept, with whether it was used before
        the first such change, for ``used_again``."""
        for kind, was, is_now in zip(("actor", "place"), _mentions(before.data), _mentions(now.data), strict=True):
            counts = index.mentions[kind]
            for record_id in sorted(was ^ is_now):
                self.recounted.setdefault((kind, record_id), counts[record_id] > 0)
                counts[record_id] += 1 if record_id in is_now else -1
                if counts[record_id] <= 0:
                    del counts[record_id]

    def all_unused(self, index: snapshot.Index) -> None:
        """Every actor and place that no event mentions, found from the index (see ``check_usage``)."""
        for kind in ("actor", "place"):
            for record_id in sorted(index.valid[kind] - index.mentions[kind].keys()):
                self.unused(kind, record_id, Document(f"{FOLDERS[kind]}/{record_id}.yaml", {}))

    def used_again(self, index: snapshot.Index, located: dict[str, list[snapshot.Located]]) -> None:
        """The actors and places whose mentions changed (see ``mentioned``), found used or unused
        again (see ``check_usage``), once every edit is counted."""
        for (kind, record_id), used in sorted(self.recounted.items()):
            if (
                "event" in index.failed
                or record_id not in index.valid[kind]
                or used == (record_id in index.mentions[kind])
            ):
                continue
            rel = f"{FOLDERS[kind]}/{record_id}.yaml"
            if used:
                self.unused(kind, record_id, Document(rel, {}))
            else:
                _drop(located, rel, ("usage",))

    def nested_again(
        self, records: list[tuple[str, Document]], index: snapshot.Index, located: dict[str, list[snapshot.Located]]
    ) -> bool:
        """After an edit of what actors are members of, or of what places are within and where they
        are, the index brought up to date, and the places whose country may have changed (the
        edited ones and those within them) checked against its shape again (see ``check_geography``).
        False when a membership or a place's ``within`` makes a cycle, or one was there already,
        which only the whole check describes."""
        moved: dict[str, set[str]] = {"actor": set(), "place": set()}
        for kind, doc in records:
            data = doc.data
            if kind == "actor" and index.members.get(data["id"], []) != data.get("member_of", []):
                index.members[data["id"]] = list(data.get("member_of", []))
                moved["actor"].add(data["id"])
            elif kind == "place" and index.places.get(data["id"]) != _placing(data):
                index.places[data["id"]] = _placing(data)
                moved["place"].add(data["id"])
        if not moved["actor"] and not moved["place"]:
            return True
        rules = {"member-cycle"} if moved["actor"] else set()
        rules.update({"place-cycle"} if moved["place"] else set())
        if any(entry.diagnostic.rule in rules for listed in located.values() for entry in listed):
            return False  # the cycle there was may be broken, or described otherwise, now
        within = {place: [placing[0]] if placing[0] else [] for place, placing in index.places.items()}
        if any(_reaches(index.members, actor, actor) for actor in moved["actor"]) or any(
            _reaches(within, place, place) for place in moved["place"]
        ):
            return False  # a new cycle passes through an edited record
        if not moved["place"]:
            return True
        from chronology import boundaries

        inside: dict[str, list[str]] = {}
        for place, placing in index.places.items():
            if placing[0]:
                inside.setdefault(placing[0], []).append(place)
        again, stack = set(), list(moved["place"])
        while stack:
            place = stack.pop()
            if place not in again:
                again.add(place)
                stack.extend(inside.get(place, []))
        folder = FOLDERS["place"]
        self.documents["place"] = {
            place: Document(f"{folder}/{place}.yaml", _placed(place, placing))
            for place, placing in index.places.items()
        }
        shapes = boundaries.load()
        for place in sorted(again):
            doc = self.documents["place"][place]
            _drop(located, doc.path, ("geography",))
            self.geography_of(place, doc, shapes)
        return True

    def links_again(
        self,
        now: dict[str, Document],
        before: dict[str, Document],
        result_of: Callable[[str], FileResult | None],
        index: snapshot.Index,
        located: dict[str, list[snapshot.Located]],
    ) -> bool:
        """The links of events whose date or links changed (``now``, as they are, and ``before``),
        and the links to them, checked again (see ``check_links``): each said once, each possible
        for its events' dates; the index's links brought up to date. False when that cannot be done
        here: a record linked cannot be read as the last check read it, or the links changed while
        a sequence of them has a cycle, or now makes one, which only the whole check describes."""
        relinked = [e for e in sorted(now) if now[e].data.get("related") != before[e].data.get("related")]
        if relinked and any(
            entry.diagnostic.rule == "sequence-cycle" for listed in located.values() for entry in listed
        ):
            return False
        linked = {item["ref"] for doc in (*now.values(), *before.values()) for item in doc.data.get("related", [])}
        linked.update(other for event_id in now for other in index.linkers.get(event_id, []))
        subset: dict[str, Document] = {}
        for event_id in sorted((linked | set(now)) & index.valid["event"]):
            result = result_of(f"{FOLDERS['event']}/{event_id}.yaml")
            if result is None or result.document is None or result.document.data["id"] != event_id:
                return False
            subset[event_id] = result.document
            _replace(self.dates, event_id, result.date)
        for event_id, doc in subset.items():
            located[doc.path] = [
                entry
                for entry in located.get(doc.path, [])
                if entry.check not in ("links", "link-dates")
                or entry.diagnostic.rule == "sequence-cycle"
                or not (event_id in now or doc.data["related"][entry.field[1]]["ref"] in now)
            ]
        edges: list[tuple[str, str]] = []  # the sequence's links to and from the events of ``now``
        for doc, i, ref, kind, first in self.links(subset):
            mine = doc.data["id"]
            if mine not in now and ref not in now:
                continue  # as the last check found it
            if first is not None:
                if first[0] is not doc:  # within one file, 'duplicate-entry' reports it
                    self.stage = "links"
                    self.duplicate_link(doc, i, *first)
                continue
            pair = kind.earlier_later(mine, ref)
            if pair is not None:
                edges.append(pair)
                self.stage = "link-dates"
                self.check_link_dates(doc, i, kind.name, kind.order or "", ref)
        if not relinked:
            return True
        sequence, linkers = index.sequence, index.linkers
        for event_id in subset:
            sequence[event_id] = [later for later in sequence.get(event_id, []) if later not in now]
        for event_id in now:
            sequence.pop(event_id, None)
        for earlier, later in edges:
            sequence.setdefault(earlier, []).append(later)
        for event_id in relinked:
            for item in before[event_id].data.get("related", []):
                linkers[item["ref"]] = [other for other in linkers.get(item["ref"], []) if other != event_id]
            for item in now[event_id].data.get("related", []):
                linkers.setdefault(item["ref"], []).append(event_id)
        # There was no cycle: a new one would pass through an event whose links changed.
        return not any(_reaches(sequence, event_id, event_id) for event_id in relinked)

    def rebuild(
        self, last: Chronology, edited: dict[str, FileResult], answer: _Checker, removed: Collection[str] = ()
    ) -> Chronology:
        """The model again, after edits of files, events added among them, and the events
        ``removed`` (their ids): the edited records made anew from their files, and the sources
        they quote (or quoted) with their spans; every other record as it was. ``self`` is the
        checker that made ``last``; ``answer``, the one that answered the edits."""
        for result in edited.values():
            assert result.document is not None  # a valid file's
            self.take_record(result, result.document)
        for event_id in removed:
            self.documents["event"].pop(event_id, None)
            self.dates.pop(event_id, None)
            self.times.pop(event_id, None)
        self.quote_spans.update(answer.quote_spans)
        requoted = {seed for quoted in answer.quoted.values() for seed in quoted}
        unquoted = set(answer.quoted) | {("event", event_id) for event_id in removed}
        for seed, spans in self.spans.items():
            if any((s.kind, s.id) in unquoted for s in spans):
                requoted.add(seed)
                self.spans[seed] = [s for s in spans if (s.kind, s.id) not in unquoted]
        for quoted in answer.quoted.values():
            for seed, spans in quoted.items():
                self.spans.setdefault(seed, []).extend(spans)
        stems: dict[str, set[str]] = {kind: set() for kind in FOLDERS}
        for result in edited.values():
            stems[result.kind].add(result.stem)
        documents = self.documents

        def again(kind: str, make: Any, records: Mapping[str, Any]) -> dict[str, Any]:
            return {
                i: make(documents[kind][i].data, documents[kind][i].path) if i in stems[kind] else record
                for i, record in records.items()
            }

        events = tuple(
            self.make_event(documents["event"][e.id].data, e.file) if e.id in stems["event"] else e
            for e in last.events
            if e.id not in removed
        )
        # The events added, in any order: the model puts every event in the timeline's.
        events += tuple(
            self.make_event(documents["event"][i].data, documents["event"][i].path)
            for i in sorted(stems["event"] - last.events_by_id.keys())
        )
        stems["seed"].update(requoted)
        return Chronology(
            events,
            again("actor", self.make_actor, last.actors),
            again("place", self.make_place, last.places),
            again("seed", self.make_source, last.sources),
        )

    def records(self) -> dict[str, dict[str, Any]]:
        """The data files as loaded, by kind and id."""
        return {kind: {i: doc.data for i, doc in docs.items()} for kind, docs in self.documents.items()}

    def text_state(self, rel: str, now: int, kept: tuple[bytes, bytes] | None = None) -> tuple[bytes, bytes] | None:
        """The status (taken first) and digest of the text of the source ``rel`` (its metadata
        file); None when it cannot be read or is not a regular file (which the check refuses).
        With ``kept`` (what the last check found) and the same settled status, the text is not
        read again; a text is unchanged when its digest is (see ``answer_from``)."""
        path = (self.root / rel).with_suffix(".txt")
        try:
            status = snapshot.pack(cache.status(os.stat(path), now))
        except OSError:
            return None
        if kept is not None and status == kept[0] and status != snapshot.pack(None):
            return kept
        raw = _read_regular(path, None)  # never waits on a pipe, which would never end
        return None if raw is None else (status, hashlib.blake2b(raw, digest_size=16).digest())

    def relocate(self, entry: snapshot.Located, document: Document) -> snapshot.Located:
        """The diagnostic with the position of its field in the file as it is now."""
        line, column = self.position(document, entry.field)
        return dataclasses.replace(entry, diagnostic=dataclasses.replace(entry.diagnostic, line=line, column=column))

    def snapshot_of(self, counts: dict[str, int], coverage: tuple[snapshot.Coverage, ...]) -> snapshot.Snapshot | None:
        """What this whole check found, by file; None if a diagnostic came from where the snapshot
        cannot follow."""
        items = self.diagnostics.items
        located: dict[str, list[snapshot.Located]] = {}
        about_texts: dict[str, list[Diagnostic]] = {}
        for i in range(self.discovered, len(items)):
            if i in self.own_items:
                continue
            if i in self.located_at:
                rel, path, other, stage = self.located_at[i]
                located.setdefault(rel, []).append(snapshot.Located(items[i], path, other, stage))
            elif i in self.text_items:
                about_texts.setdefault(self.text_items[i], []).append(items[i])
            else:
                return None
        known = self.statuses
        texts = {rel: self.text_states[rel] for rel, own in self.own.items() if own[0] == "seed"}
        # Packed in place, one file at a time: a list of 100,000 small byte strings would be joined.
        keys, statuses = bytearray(len(self.own) * snapshot.KEY), bytearray(len(self.own) * snapshot.STATUS.size)
        for i, rel in enumerate(self.own):
            key, status = self.keys.get(rel), known.get(rel)
            if key:
                keys[i * snapshot.KEY : (i + 1) * snapshot.KEY] = bytes.fromhex(key)
            if status is not None:
                snapshot.STATUS.pack_into(statuses, i * snapshot.STATUS.size, *status[0])
        return snapshot.Snapshot(
            keys=bytes(keys),
            files=list(self.own),
            statuses=bytes(statuses),
            facts=b"".join(own[1] or bytes(snapshot.FACTS) for own in self.own.values()),
            own={rel: own[2] for rel, own in self.own.items() if own[2]},
            texts=texts,
            located=located,
            about_texts=about_texts,
            counts=dict(counts),
            clean=not any(d.severity.value == "error" for d in items),
            coverage=coverage,
        )

    def index_of(self, facts: bytes) -> snapshot.Index:
        """What the checks across files read of every record (see ``snapshot.Index``), for the
        snapshot of these ``facts``."""
        linkers: dict[str, list[str]] = {}
        for event_id, doc in self.documents["event"].items():
            for item in doc.data.get("related", ()):
                linkers.setdefault(item["ref"], []).append(event_id)
        return snapshot.Index(
            valid={kind: set(docs) for kind, docs in self.documents.items()},
            broken=self.broken,
            failed=self.failed,
            mentions=self.mentions,
            linkers=linkers,
            sequence=self.sequence,
            members={actor: list(doc.data.get("member_of", [])) for actor, doc in self.documents["actor"].items()},
            places={place: _placing(doc.data) for place, doc in self.documents["place"].items()},
            relays={seed: list(doc.data.get("relays", ())) for seed, doc in self.documents["seed"].items()},
            spans={seed: Counter((s.start, s.end) for s in spans) for seed, spans in self.spans.items()},
            facts=snapshot.digest(facts),
        )

    def coverage(self) -> tuple[snapshot.Coverage, ...]:
        """How much of each source its quotes cover, as the model's sources would give it."""
        found = []
        for seed_id in self.documents["seed"]:
            text = self.texts[seed_id][0]
            spans = tuple(sorted((s.start, s.end) for s in self.spans.get(seed_id, [])))
            percent, sentences, uncovered = _coverage(text, spans)
            found.append(snapshot.Coverage(seed_id, sentences, sentences - len(uncovered), percent))
        return tuple(found)

    # --- stage 4: the model ------------------------------------------------------------------------

    def build(self) -> Chronology:
        events = [self.make_event(doc.data, doc.path) for doc in self.documents["event"].values()]
        actors = {i: self.make_actor(doc.data, doc.path) for i, doc in self.documents["actor"].items()}
        places = {i: self.make_place(doc.data, doc.path) for i, doc in self.documents["place"].items()}
        sources = {i: self.make_source(doc.data, doc.path) for i, doc in self.documents["seed"].items()}
        return Chronology(tuple(events), actors, places, sources)

    def make_event(self, data: dict[str, Any], path: str) -> Event:
        return Event(
            id=data["id"],
            title=data["title"],
            date=self.dates[data["id"]],
            summary=data["summary"],
            sources=_citations(data, self.quote_spans),
            file=path,
            time=self.times.get(data["id"]),
            timezone=data.get("timezone"),
            date_basis=data.get("date_basis"),
            actors=tuple(Participation(a["ref"], a["role"]) for a in data.get("actors", [])),
            places=tuple(data.get("places", [])),
            place_precision=tuple(sorted(data.get("place_precision", {}).items())),
            tags=tuple(data.get("tags", [])),
            figures=tuple(
                Figure(
                    counts=f["counts"],
                    what=f["what"],
                    seed=f["seed"],
                    voice=f["voice"],
                    quote=f["quote"],
                    value=f.get("value"),
                    low=f.get("low"),
                    best=f.get("best"),
                    high=f.get("high"),
                    qualifier=f.get("qualifier"),
                    attributed_to=tuple(f.get("attributed_to", ())),
                    timing=f.get("timing"),
                    span=self.quote_spans.get((f["seed"], f["quote"])),
                )
                for f in data.get("figures", [])
            ),
            related=tuple(Relation(data["id"], r["ref"], r["type"]) for r in data.get("related", [])),
        )

    def make_actor(self, data: dict[str, Any], path: str) -> Actor:
        return Actor(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            file=path,
            aliases=_aliases(data),
            title=data.get("title"),
            member_of=tuple(data.get("member_of", [])),
            member_of_basis=data.get("member_of_basis"),
            description=data.get("description"),
            sources=_citations(data, self.quote_spans),
        )

    def make_place(self, data: dict[str, Any], path: str) -> Place:
        coordinates = data.get("coordinates")
        return Place(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            file=path,
            aliases=_aliases(data),
            within=data.get("within"),
            within_basis=data.get("within_basis"),
            country_code=data.get("country_code"),
            coordinates=Coordinates(**coordinates) if coordinates else None,
            description=data.get("description"),
            sources=_citations(data, self.quote_spans),
        )

    def make_source(self, data: dict[str, Any], path: str) -> Source:
        text, text_file = self.texts[data["id"]]
        spans = sorted(self.spans.get(data["id"], []), key=lambda s: (s.start, s.end, s.kind, s.id))
        percent, sentences, uncovered = _coverage(text, tuple((s.start, s.end) for s in spans))
        return Source(
            id=data["id"],
            label=data["label"],
            text=text,
            language=data["language"],
            published_basis=data["published_basis"],
            file=path,
            text_file=text_file,
            title=data.get("title"),
            publisher=data.get("publisher"),
            url=data.get("url"),
            published=self.published.get(data["id"]),
            relays=tuple(data["relays"]) if "relays" in data else None,
            notes=data.get("notes"),
            spans=tuple(spans),
            coverage_percent=percent,
            sentences=sentences,
            uncovered_sentences=tuple(text[a:b] for a, b in uncovered),
        )


def _mentions(data: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The actors an event mentions (as taking part, or as those a citation or figure is attributed
    to) and the places it happens at."""
    actors = {a["ref"] for a in data.get("actors", [])}
    for record in (*data.get("sources", []), *data.get("figures", [])):
        actors.update(record.get("attributed_to", []))
    return actors, set(data.get("places", []))


@functools.lru_cache(maxsize=1024)
def _coverage(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """A source's coverage by its quotes: percent, sentences, and the sentences no quote touches.

    Kept per text and spans because ``serve`` checks the whole chronology after every edit, and an
    edit rarely changes a source's text or its quotes: measuring every source again was a third of
    such a check. Only these figures are kept, not every sentence's bounds (memory).
    """
    measured = coverage(text, list(spans))
    return measured.percent, len(measured.sentences), measured.uncovered_sentences


def quote_not_found(quote: str, seed: str, text: str, normalised: Normalised) -> tuple[str, str | None]:
    """The message and hint for a quote not in its source: how it differs from the closest passage,
    word by word, and that passage as a quote of it would be written (it can be pasted back)."""
    miss = explain_miss(quote, text, normalised)
    if miss is None or not miss.differences:
        shown = quote if len(quote) <= 200 else quote[:197] + "..."
        hint = f"the closest passage, as it would match: '{miss.passage}'" if miss else None
        return f"quote not found in source '{seed}': '{shown}'", hint
    differences = list(miss.differences[:MAX_DIFFERENCES])
    if len(miss.differences) > MAX_DIFFERENCES:
        differences.append(f"and {count(len(miss.differences) - MAX_DIFFERENCES, 'more difference')}")
    return (
        f"quote not found in source '{seed}': " + "; ".join(differences),
        f"the closest passage, as it would match: '{miss.passage}'",
    )


def _aliases(data: dict[str, Any]) -> tuple[Alias, ...]:
    return tuple(Alias(a["name"], a["lang"], a.get("basis")) for a in data.get("aliases", []))


def _citations(data: dict[str, Any], spans: dict[tuple[str, str], tuple[int, int]]) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            s["seed"],
            tuple(s["quotes"]),
            tuple(spans[(s["seed"], q)] for q in s["quotes"]),
            s.get("voice"),
            tuple(s.get("attributed_to", ())),
        )
        for s in data.get("sources", [])
    )


def _possible_days(date: dates.EventDate) -> tuple[Day | None, Day | None]:
    """The first and last day a date can mean; None for an end that is open, approximate or uncertain."""

    def known(point: dates.Point | None) -> bool:
        return point is not None and not (point.approximate or point.uncertain)

    first = date.start.first_day() if date.start is not None and known(date.start) else None
    last = date.end.last_day() if date.end is not None and known(date.end) else None
    return first, last


def _components(graph: dict[str, list[str]]) -> dict[str, int]:
    """The strongly connected component of every node (Tarjan's algorithm, without recursion):
    two nodes share one exactly when each can be reached from the other, so a link lies on a
    cycle exactly when its two ends do. Linear in the size of the graph."""
    nodes = sorted({*graph, *(n for targets in graph.values() for n in targets)})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


#: Where a quote is in a source: ``find(seed, quote)`` gives its spans.
Find = Callable[[str, str], list[tuple[int, int]]]


class _Quotes:
    """Where each quote is in its source, kept from run to run in the cache named "quotes", by
    the source's text: finding one means reading the whole source, which is most of a large
    check's time across files."""

    def __init__(self, checker: _Checker) -> None:
        self.checker = checker
        self.store = open_cache(checker.root, "quotes", checker.kept)
        self.known: dict[str, dict[str, list[tuple[int, int]]]] = {}  # seed -> quote -> spans
        self.keys: dict[str, str] = {}
        self.grown: set[str] = set()  # the sources with a quote found in this run

    def of(self, seed: str) -> dict[str, list[tuple[int, int]]]:
        """Every quote of the source whose place is known, with its spans."""
        if seed not in self.known:
            text = self.checker.texts[seed][0]
            self.keys[seed] = self.store.key("seed", seed, text.encode("utf-8")) or ""
            self.known[seed] = dict(self.store.get(self.keys[seed]) or {})
        return self.known[seed]

    def find(self, seed: str, quote: str) -> list[tuple[int, int]]:
        """The spans of ``quote`` in the source, found there if no run found them before."""
        spans = self.of(seed).get(quote)
        if spans is None:
            spans = find_quote(quote, self.checker.normalised(seed))
            self.learn(seed, [(quote, spans)])
        return spans

    def learn(self, seed: str, found: Iterable[tuple[str, list[tuple[int, int]]]]) -> None:
        """Keep where quotes found elsewhere (by the workers) are in the source."""
        self.of(seed).update(found)
        self.grown.add(seed)

    def keep(self, every: bool) -> None:
        """Write what this run found. ``every``: the run looked up every quote of the chronology,
        so the cache keeps only those (see ``cache.Cache.put``); else the others are kept too."""
        for seed in sorted(self.grown):
            (self.store.put if every else self.store.add)(self.keys[seed], self.known[seed])
        self.store.save()


def _drop(located: dict[str, list[snapshot.Located]], rel: str, checks: Collection[str]) -> None:
    """Take off the diagnostics kept for the file ``rel`` that ``checks`` found (to be found again)."""
    located[rel] = [entry for entry in located.get(rel, []) if entry.check not in checks]


def _refused_as_itself(result: FileResult) -> bool:
    """Whether a refused file's id, which a whole check still counts among the ids, is its
    file's name or none, so that it can be the same as no other record's."""
    document = result.document
    return document is None or not isinstance(document.data, dict) or document.data.get("id") in (None, result.stem)


def _only_refusals(last: snapshot.Snapshot) -> bool:
    """Whether the only errors the snapshot holds are those of the files it refused (each file's
    own, about a file whose facts it has none of)."""
    size = snapshot.FACTS
    refused = {rel for i, rel in enumerate(last.files) if not any(last.facts[i * size : (i + 1) * size])}
    return not snapshot.Snapshot.errors(
        dataclasses.replace(last, own={rel: found for rel, found in last.own.items() if rel not in refused})
    )


def _only_unknown_references(last: snapshot.Snapshot) -> bool:
    """Whether the only errors the snapshot holds are references found unknown across files (no
    file's own error, none about a source's text, none of another rule)."""
    found = (*last.own.values(), *last.about_texts.values())
    if any(d.severity.value == "error" for listed in found for d in listed):
        return False
    return all(
        entry.diagnostic.rule == "unknown-reference"
        for listed in last.located.values()
        for entry in listed
        if entry.diagnostic.severity.value == "error"
    )


def _kept(store: cache.Cache, last: snapshot.Snapshot, i: int) -> FileResult | None:
    """The record of the file at ``i`` in the snapshot, as the last check read it (from the cache)."""
    key = last.keys[i * snapshot.KEY : (i + 1) * snapshot.KEY]
    result = store.get(key.hex()) if any(key) else None
    return result if isinstance(result, FileResult) and result.valid and result.document else None


def _placing(data: dict[str, Any]) -> tuple[str | None, str | None, dict[str, Any] | None]:
    """What the checks across files read of a place: what it is within, its country's code, its point."""
    return data.get("within"), data.get("country_code"), data.get("coordinates")


def _placed(place: str, placing: tuple[str | None, str | None, dict[str, Any] | None]) -> dict[str, Any]:
    """A place's record as far as ``_placing`` gives it."""
    fields = zip(("within", "country_code", "coordinates"), placing, strict=True)
    return {"id": place} | {name: value for name, value in fields if value is not None}


def _reaches(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    """Whether a path of one link or more leads from ``start`` to ``goal``."""
    stack, seen = list(graph.get(start, [])), set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, []))
    return False


def _path(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest path from ``start`` to ``goal`` along ``graph``'s edges (both ends included), if any."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    for current in queue:
        if current == goal:
            path = [current]
            while (step := previous[path[-1]]) is not None:
                path.append(step)
            return path[::-1]
        for following in graph.get(current, ()):
            if following not in previous:
                previous[following] = current
                queue.append(following)
    return None


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
    #: without positions, which ``_Checker.position`` finds again when a check across files needs one.
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


def _replace(found: dict[str, _T], key: str, value: _T | None) -> None:
    found.pop(key, None)
    if value is not None:
        found[key] = value


#: From this many quotes to find, the search is shared among the cores.
PARALLEL_QUOTES_FROM = 2000
#: Quotes a worker finds at a time: a source's quotes go to one worker, which indexes the source
#: once for them all (see ``text.find_quotes``).
QUOTES_A_TASK = 100_000
#: The source texts, where forked workers find them (see ``_find_everywhere``).
_TEXTS: dict[str, tuple[str, str]] = {}


def _find_everywhere(
    texts: dict[str, tuple[str, str]], missing: dict[str, dict[str, None]]
) -> tuple[list[tuple[str, list[str]]], list[list[list[tuple[int, int]]]]]:
    """The tasks (a source and some of its quotes) and where each quote is, found by forked workers
    that read the texts from this process's memory rather than have them sent."""
    tasks = [
        (seed, quotes[i : i + QUOTES_A_TASK])
        for seed, wanted in missing.items()
        for quotes in [list(wanted)]
        for i in range(0, len(quotes), QUOTES_A_TASK)
    ]
    # The longest tasks first, so that no core is left with a long one at the end.
    tasks.sort(key=lambda task: (-len(texts[task[0]][0]) * len(task[1]), task[0]))
    _TEXTS.update(texts)
    try:
        return tasks, workers.spread(_find_in_source, tasks)
    finally:
        _TEXTS.clear()


@functools.lru_cache(maxsize=8)
def _normalised_in_worker(seed: str) -> Normalised:
    return normalise(_TEXTS[seed][0])


def _find_in_source(task: tuple[str, list[str]]) -> list[list[tuple[int, int]]]:
    seed, quotes = task
    source = _normalised_in_worker(seed)
    return find_quotes(quotes, source)


def _check_one(root: Path, kind: str, path: Path, raw: bytes | None = None) -> FileResult:
    # A checker for the quiet check, and another only for a file it cannot answer (see check_file).
    quiet = _Checker(root).check_quietly(kind, path, raw)
    return quiet if quiet is not None else _Checker(root).check_file(kind, path, raw, quietly=False)


def _check_batch(task: tuple[Path, list[tuple[str, Path]]]) -> list[tuple[FileResult, str | None]]:
    """Each file's own check, with the cache key of the very bytes it checked (None when it could
    not read them: see ``_read``): read once, and hashed here, in the worker (see ``check_files``)."""
    root, batch = task
    store = cache.Cache(root, "check", cache.code_version())  # for its keys: nothing is read or written
    checked = []
    prefix = len(str(root)) + 1
    for kind, path in batch:
        raw = _read(path)
        result = _check_one(root, kind, path, raw)
        # The path's text under the root, as check_files makes it for the keys it looks up.
        checked.append((result, store.key(kind, str(path)[prefix:], raw)))
    return checked


#: Texts up to this long are shared (see ``_shared``): field names, ids, roles, voices.
SHARED_UP_TO = 64


def _shed_local(result: Any) -> None:
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


#: Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_FROM = 400
#: Up to this many changed files, a check answers from the last one's snapshot when it can (see
#: ``snapshot``); beyond, the whole check, with its workers, is as quick.
SNAPSHOT_FROM = 200
#: Up to this many files whose facts changed, too (each reads records of others from the cache).
FACTS_FROM = 20
#: The fields of each kind whose edit is checked against the index (see ``_Checker.answer_facts``),
#: beside the ``x-local`` ones: every field but the id, whose edit changes what every reference
#: to the record means, and is checked whole.
INDEXED_FIELDS = {
    "event": frozenset({"date", "actors", "places", "place_precision", "tags", "sources", "figures", "related"}),
    "actor": frozenset({"aliases", "member_of", "member_of_basis", "sources"}),
    "place": frozenset({"kind", "aliases", "within", "country_code", "coordinates", "sources"}),
    "seed": frozenset({"relays", "published"}),
}


def open_cache(root: Path, name: str, kept: dict[str, cache.Cache] | None) -> cache.Cache:
    """The project's named cache; with ``kept``, the one kept there (made on first use), so that a
    process that checks the project again and again (``serve``) reads it from disk only once."""
    if kept is None:
        return cache.Cache(root, name, cache.code_version())
    if name not in kept:
        kept[name] = cache.Cache(root, name, cache.code_version())
    return kept[name]


def check_files(
    root: Path,
    files: list[tuple[str, Path]],
    kept: dict[str, cache.Cache] | None = None,
    shed: Callable[[Any], None] | None = None,
) -> list[tuple[FileResult, str | None]]:
    """Each file's own check, with its cache key (None: its content could not be read), in the order
    given: from the cache when the file's content and the checker are unchanged, otherwise checked
    (in worker processes when there are many) and cached.
    ``shed``: what to drop from each cached result as it is read (see ``cache.Cache.shed``)."""
    store = open_cache(root, "check", kept)
    store.shed = shed
    known = store.files()
    # With nothing cached (a first check), no file is read here for a key that cannot be found:
    # the workers make each key from the bytes they check.
    cold = not known and store.is_empty()
    now = time.time_ns()
    statuses: dict[str, tuple[tuple[int, ...], str]] = {}
    keys: list[str | None] = []
    currents: list[tuple[int, ...] | None] = []
    prefix = len(str(root)) + 1
    for kind, path in files:
        rel = str(path)[prefix:]  # as relative_to() gives it, for paths made under root
        try:
            info = os.stat(path)
        except OSError:
            info = None
        current = cache.status(info, now) if info is not None and stat.S_ISREG(info.st_mode) else None
        last = known.get(rel)
        if current is not None and last is not None and last[0] == current:
            key: str | None = last[1]  # unchanged since its key was made: not read again
        elif cold:
            key = None
        else:
            key = store.key(kind, rel, _read(path))
        keys.append(key)
        currents.append(current)
        if key is not None and current is not None:
            statuses[rel] = (current, key)
    results: list[FileResult | None] = [store.get(key) if key else None for key in keys]
    missing = [i for i, result in enumerate(results) if not isinstance(result, FileResult)]
    if len(missing) >= PARALLEL_FROM and workers.can_share():
        size = max(50, len(missing) // (workers.usable_cores() * 8))
        batches = [missing[i : i + size] for i in range(0, len(missing), size)]
        done = workers.spread(_check_batch, [(root, [files[i] for i in batch]) for batch in batches])
    else:
        batches = [missing]
        done = [_check_batch((root, [files[i] for i in missing]))]
    for batch, checked in zip(batches, done, strict=True):
        for i, (result, checked_key) in zip(batch, checked, strict=True):
            results[i] = result
            key = keys[i]
            if cold and key is None and checked_key is not None:
                key = keys[i] = checked_key  # made by the worker from the bytes it checked
                current = currents[i]
                if current is not None:
                    statuses[str(files[i][1])[prefix:]] = (current, key)
            # Cache only what was checked from the very content the key was made from.
            if key and key == checked_key:
                store.put(key, result)
    store.save()
    if statuses != known:
        store.remember_files(statuses)
    return [(r, key) for r, key in zip(results, keys, strict=True) if r is not None]


def _read(path: Path) -> bytes | None:
    """A data file's bytes, for its check and its cache key; None (never cached, and read again by
    the check, which says why) when it cannot be read or is too large."""
    return _read_regular(path, MAX_DATA_BYTES)


def _read_regular(path: Path, limit: int | None) -> bytes | None:
    """A file's bytes; None when it cannot be read, is not a regular file, or is larger than
    ``limit`` (None: of any size)."""
    try:
        # Opened without waiting for a writer (a pipe would), and read only if a regular file: one
        # opening and one status, where pathlib's stat() and read_bytes() take two of each.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or (limit is not None and status.st_size > limit):
            return None  # a pipe would never end; what is refused is refused again each time
        chunks = []
        while chunk := os.read(descriptor, status.st_size + 1):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)


@dataclass(slots=True)
class Memory:
    """What a process that checks one project again and again (``serve``) keeps from check to
    check: the caches, read from disk once, and the last check (its checker, result and snapshot),
    from which an edit of local fields is answered without checking every file or making every
    record of the model again."""

    caches: dict[str, cache.Cache] = field(default_factory=dict)
    last: tuple[_Checker, Result, snapshot.Snapshot] | None = None
    #: What the checks across files read of every record in the last check (see ``snapshot.Index``).
    index: snapshot.Index | None = None


def check_project(root: Path, memory: Memory | None = None, model: bool = True) -> Result:
    """Load and check every data file under ``root``; build the Chronology when there is no error.
    ``memory``: what a caller that checks again and again keeps between checks.
    ``model``: False when only the diagnostics and the summary are wanted (``check``), which can
    then be answered from the last check's snapshot (see ``snapshot``)."""
    # A large project's data is millions of small objects holding no cycle: the cyclic collector's
    # passes over them grow with the project, take a good part of a large check, and free nothing.
    with workers.collection_paused():
        return _check_project(root, memory, model)


def _check_project(root: Path, memory: Memory | None, model: bool) -> Result:
    checker = _Checker(root.resolve(), memory.caches if memory is not None else None)
    found = checker.discover()
    checker.discovered = len(checker.diagnostics.items)
    if memory is not None and memory.last is not None:
        kept = _answer_in_memory(checker.answerer(), found, memory, memory.last)
        if kept is not None:
            return kept
    elif memory is None and not model:
        last = snapshot.load(checker.root)
        answer = checker.answerer().answer_from(last, found, facts=True) if last is not None else None
        if answer is not None:
            snapshot.save(checker.root, answer[2], answer[3])
            return answer[0]
    checker.lean = not model
    checker.load(found)
    checker.check_references()
    checker.check_links()
    checker.check_quotes()
    checker.check_geography()
    checker.check_figures()
    checker.check_aliases()
    checker.check_usage()
    diagnostics = checker.diagnostics
    counts = {kind: len(docs) for kind, docs in checker.documents.items()}
    result = Result(None, diagnostics.items, counts)
    if not diagnostics.errors:
        checker.normalised_texts.clear()  # finding quotes is done: the model needs the texts alone
        if model:
            result.chronology = checker.build()
            result.records = checker.records()
            result.coverage = tuple(
                snapshot.Coverage(s.id, s.sentences, s.sentences - len(s.uncovered_sentences), s.coverage_percent)
                for s in result.chronology.sources.values()
            )
        else:
            result.coverage = checker.coverage()
    made = checker.snapshot_of(counts, result.coverage)
    index = checker.index_of(made.facts) if made is not None else None
    if memory is not None:
        memory.last = (checker, result, made) if made is not None and model else None
        memory.index = index if memory.last is not None else None
    elif not model:
        # The records are read no more: let them go before the snapshot and index are written,
        # whose writing needs memory of its own (a large check's peak would otherwise be here).
        for records in checker.documents.values():
            records.clear()
        checker.texts.clear()
        checker.spans.clear()
    # Kept on disk by every whole check, with memory (``serve``'s) or without: the next ``check``
    # command answers from it.
    snapshot.save(checker.root, made, index)
    return result


def _answer_in_memory(
    checker: _Checker, found: dict[str, list[str]], memory: Memory, last: tuple[_Checker, Result, snapshot.Snapshot]
) -> Result | None:
    """The check answered from the last one kept in ``memory``, with its model made again for the
    edited records alone; None when the whole project must be checked."""
    last_checker, last_result, last_snapshot = last
    answer = checker.answer_from(last_snapshot, found, facts=memory.index is not None, index=memory.index)
    if answer is None:
        return None
    result, edited, made, index = answer
    removed: set[str] = set()  # the ids of the events removed
    if made.files != last_snapshot.files:
        # Events added or removed are answered while the chronology stays without error (the model
        # puts the events in their order again); any other file added or removed, or an error
        # beside them, is the whole check's to answer.
        now, before = set(made.files), set(last_snapshot.files)
        events = f"{FOLDERS['event']}/"
        if result.errors or any(not rel.startswith(events) for rel in now ^ before):
            return None
        removed = {PurePosixPath(rel).stem for rel in before - now}
    if not result.errors:
        assert last_result.chronology is not None  # the last check had no error either (see answer_from)
        chronology = last_result.chronology
        if edited or removed:
            chronology = last_checker.rebuild(chronology, edited, checker, removed)
        result.chronology = chronology
        result.records = last_checker.records()
        memory.last = (last_checker, result, made)
        memory.index = index or memory.index
    elif index is not None:
        # What is kept stays the last check without error, which the model was made from; the
        # index, brought up to date with this answer, no longer belongs to it.
        memory.index = None
    return result
