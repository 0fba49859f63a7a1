"""The checks across files: the files' own checks taken in, then references, cycles, links, quotes
in their sources, figures, aliases, usage and geography (``Across``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import date as Day
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from chronology import cache, dates, file_results, graphs, quote_search, schema, snapshot, workers
from chronology.diagnostics import Diagnostic
from chronology.figures import (
    LOWER_BOUNDS,
    UPPER_BOUNDS,
    allowed,
    common,
    figure_words,
    number_words,
    numbers_in,
    qualifier_against,
)
from chronology.file_check import (
    FileChecker,
    FileResult,
    case_twin_message,
    precision_unlisted,
    reserved_message,
    shed_local,
)
from chronology.layout import FOLDERS, MAX_SOURCE_BYTES, record_path
from chronology.links import LinkType, link_types
from chronology.load import (
    DataPath,
    Document,
    read_text,
)
from chronology.model import (
    STATEMENT_LINKS,
    QuotedSpan,
)
from chronology.quote_search import Find, Quotes, found_everywhere, quote_not_found
from chronology.suggestions import Suggestions
from chronology.text import (
    Normalised,
    and_list,
    clip,
    find_quote,
    find_quotes,
    normalise,
    quotations,
    source_character_problems,
    within_quotation,
)


class Across(FileChecker):
    """The files' own checks taken in (``accept``), and the checks across files over the records
    they found valid (stage 3: ``check_references`` to ``check_usage``)."""

    def __init__(self, root: Path, kept: dict[str, cache.Cache] | None = None) -> None:
        super().__init__(root)
        #: The caches: the caller's, kept from check to check, or this check's own.
        self.kept = kept if kept is not None else {}
        self.own_caches = kept is None
        #: True when only diagnostics are wanted, not the model: the records then keep only what
        #: the checks across files read (no ``x-local`` field), which is a good part of their memory.
        self.lean = False
        self.documents: dict[str, dict[str, Document]] = {kind: {} for kind in FOLDERS}
        self.texts: dict[str, tuple[str, str]] = {}  # seed id -> (text, rel path)
        self.quotations: dict[str, tuple[tuple[int, int], ...]] = {}  # seed id -> see text.quotations
        self.normalised_texts: dict[str, Normalised] = {}  # seed id -> its text normalised, once needed
        self.spans: dict[str, list[QuotedSpan]] = {}
        self.quote_spans: dict[tuple[str, str], tuple[int, int]] = {}  # (seed, quote) -> first span
        #: Where a figure's quote is in its source: the finder of the other quotes, once ``check_quotes``
        #: has found them all.
        self.figures_find: Find = self.find_directly
        #: Where the quotes are, as ``quotes_sought`` found them, until ``check_quotes`` reads it.
        self.quotes: Quotes | None = None
        self.suggestions: dict[str, Suggestions] = {}  # kind -> its ids, indexed for 'did you mean'
        self.failed: set[str] = set()  # kinds with a file that could not be loaded or validated
        self.ids: dict[str, dict[str, str]] = {kind: {} for kind in FOLDERS}  # kind -> id -> first file
        #: kind -> an id with capitals casefolded -> the first id so, and its file: only such ids can differ in case
        #: alone, and a project of 100,000 lowercase ids keeps no second map of them.
        self.folded: dict[str, dict[str, tuple[str, Document]]] = {kind: {} for kind in FOLDERS}
        # The ids (file names) of files that exist but could not be loaded or validated: a reference
        # to one is not unknown, and the file's own errors already say what to fix.
        self.broken: dict[str, set[str]] = {kind: set() for kind in FOLDERS}
        # What a snapshot of this check needs (see ``snapshot``): each file's own check, by path;
        # which diagnostics are files' own, or about a source's text (by the source's file); and
        # where each diagnostic points (``located_at``).
        self.own: dict[str, tuple[str, bytes, list[Diagnostic]]] = {}  # kind, facts, diagnostics
        self.statuses: dict[str, tuple[tuple[int, ...], str]] = {}  # see cache.Cache.files
        #: The state of each source's text (see ``text_state``), by the source's file, taken before
        #: the check read the text.
        self.text_states: dict[str, tuple[bytes, bytes] | None] = {}
        self.own_items: set[int] = set()
        self.text_items: dict[int, str] = {}
        #: The ids of every valid record by kind, when the checker holds only some of the records
        #: (see ``answer_facts``); None: the records it holds are all there are.
        self.every: dict[str, set[str]] | None = None
        #: Each actor and place whose mentions an answer counted again, with whether it was used.
        self.recounted: set[tuple[str, str]] = set()
        #: The spans each record whose facts changed quotes now, by kind and id (see ``answer_facts``).
        self.quoted: dict[tuple[str, str], dict[str, list[QuotedSpan]]] = {}
        #: How many events mention each actor ('actor') and happen at each place ('place').
        self.mentions: dict[str, Counter[str]] = {"actor": Counter(), "place": Counter()}
        #: The sequence the links make: each event's id, with the events its links put after it.
        self.sequence: dict[str, list[str]] = {}
        #: Each file's cache key (see ``cache.Cache.key``), by path, once the files are loaded.
        self.keys: dict[str, str | None] = {}
        self.discovered = 0  # how many diagnostics came from ``layout.discover``, made again by every check

    def accept(self, result: FileResult, key: str | None = None) -> None:
        """Take in one file's own check (with its cache key): its diagnostics, its document, and
        the ids it claims."""
        kind, doc = result.kind, result.document
        items = self.diagnostics.items
        rel = record_path(kind, result.stem)
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
            shed_local(result)  # its cache is written and let go (see load): the record may lose them
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
            replace_entry(self.dates, ident, result.date)
            replace_entry(self.times, ident, result.time)
        elif result.kind == "seed":
            replace_entry(self.published, ident, result.published)

    def check_duplicate_id(self, kind: str, doc: Document) -> None:
        value = doc.data.get("id")
        if not isinstance(value, str):
            return
        ids = self.ids[kind]
        first_path = ids.setdefault(value, doc.path)
        if first_path != doc.path:
            self.error(doc, ("id",), "duplicate-id", f"id '{value}' is already used", f"by {first_path}")
            return
        # An id names a file and a folder of the site: ids that differ only in case would be one on
        # a file system that ignores case (macOS's and Windows's, by default). The id with capitals
        # is refused, whichever file is read first (capitals sort first): ids are written in lower
        # case but for some sources', so the lowercase one is most likely the established one.
        folded = value.casefold()
        if folded == value:
            first = self.folded[kind].get(value)
            if first is not None:  # an id with capitals read before this one
                self.error(first[1], ("id",), "duplicate-id", *case_twin_message(first[0], value, doc.path))
            return
        if folded in ids:
            self.error(doc, ("id",), "duplicate-id", *case_twin_message(value, folded, ids[folded]))
            return
        first = self.folded[kind].setdefault(folded, (value, doc))
        if first[0] != value:
            self.error(doc, ("id",), "duplicate-id", *case_twin_message(value, first[0], first[1].path))

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
            return  # reported by layout.discover
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
        raw = file_results.read_regular(path, None)  # never waits on a pipe, which would never end
        return None if raw is None else (status, hashlib.blake2b(raw, digest_size=16).digest())

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
        component = graphs.components(before)
        # Where each step of the sequence is declared: a cycle's message names every link in it.
        declared: dict[tuple[str, str], list[tuple[Document, int]]] = {}
        for doc, i, earlier, later in sequence:
            declared.setdefault((earlier, later), []).append((doc, i))
        told: set[frozenset[tuple[str, str]]] = set()
        for doc, i, earlier, later in sequence:
            if component[earlier] != component[later]:
                continue  # no way back from the later to the earlier: not in a cycle
            inside = {node: [n for n in nodes if component[n] == component[earlier]] for node, nodes in before.items()}
            path = graphs.shortest_path(inside, later, earlier)
            assert path is not None  # one strongly connected component
            here = doc.data["id"]
            chain = [earlier, *path] if here == earlier else [*path, later]
            steps = list(pairwise(chain))
            # One cycle, one error, at its first link: each of its links found it again.
            if (cycle := frozenset(steps)) in told:
                continue
            told.add(cycle)
            links = [
                f"{other.path} ('{other.data['related'][j]['type']}' {other.data['related'][j]['ref']})"
                for step in steps
                for other, j in declared[step]
            ]
            self.error(
                doc,
                ("related", i, "ref"),
                "sequence-cycle",
                f"'{here}' comes before itself: " + " -> ".join(chain),
                f"each comes before the next, by the links in {and_list(links)}: remove or reverse one; where "
                "the sources disagree on the order, see docs/method.md, 'Sources that disagree on the order'",
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
                    f"check the event's date, or the source's 'published' in {record_path('seed', seed)}: a "
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

    @contextmanager
    def quotes_sought(self) -> Iterator[None]:
        """Where each quote cited is in its source, found while the block runs, by the workers when
        there are many to find (a first check), for ``check_quotes`` to read: the checks run in the
        block (those that need no quote found) go on beside the search, on two cores, where after it
        they would leave one idle."""
        quotes = self.quotes = Quotes(self)
        missing: dict[str, dict[str, None]] = {}
        for seed, quote in self.cited_quotes():
            if quote not in quotes.of(seed):
                missing.setdefault(seed, {})[quote] = None
        if sum(map(len, missing.values())) >= quote_search.PARALLEL_QUOTES_FROM and workers.can_share():
            # Many quotes to find: the sources are shared out among the cores.
            with found_everywhere(self.texts, missing) as found:
                yield
                for seed, found_quotes, spans in found():
                    quotes.learn(seed, zip(found_quotes, spans, strict=True))
            return
        yield
        for seed, wanted in missing.items():
            found_quotes = list(wanted)
            quotes.learn(seed, zip(found_quotes, find_quotes(found_quotes, self.normalised(seed)), strict=True))

    def check_quotes(self) -> None:
        """Each quote cited found in its source (where ``quotes_sought`` found it), or reported."""
        if self.quotes is None:
            with self.quotes_sought():
                pass
        quotes = self.quotes
        assert quotes is not None
        self.quotes = None
        self.find_quotes(quotes.find)
        self.figures_find = quotes.find  # the figures' quotes are found with the others (see cited_quotes)
        quotes.keep(every=True)

    def in_quotation(self, seed: str, start: int, end: int) -> bool:
        """Whether the span [start, end) of the source's text lies between quotation marks."""
        if seed not in self.quotations:
            self.quotations[seed] = quotations(self.texts[seed][0])
        return within_quotation(self.quotations[seed], start, end)

    def cited_quotes(self) -> Iterator[tuple[str, str]]:
        """Each source and quote cited, a figure's included, where the source's text was read."""
        for kind in ("event", "actor", "place"):
            for doc in self.documents[kind].values():
                for citation in doc.data.get("sources", []):
                    if citation["seed"] in self.texts:
                        for quote in citation["quotes"]:
                            yield citation["seed"], quote
                for figure in doc.data.get("figures", []):
                    if figure["seed"] in self.texts:
                        yield figure["seed"], figure["quote"]

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
            self.figures_of(doc, self.figures_find)
        # The finder holds every quote's places, which nothing reads once the figures are checked:
        # let it go, rather than keep it as long as the checker (serve keeps its last).
        self.figures_find = self.find_directly

    def figures_of(self, doc: Document, find: Find) -> None:
        """One event's figures checked (see ``check_figures``); ``find``: where a quote is in a source."""
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
            against = qualifier_against(numbers, figure.get("qualifier"))
            if against:
                self.error(
                    doc,
                    (*path, "qualifier"),
                    "conflicting-fields",
                    f"'{where}.qualifier' is '{figure['qualifier']}', but {against}",
                    "give the number the source qualifies as 'value' with its qualifier ('value: 55' and "
                    "'qualifier: as many as' for \"as many as 55\"), or a lone bound with its own word "
                    f"(low: {', '.join(LOWER_BOUNDS)}; high: {', '.join(UPPER_BOUNDS)}; either: about)",
                )
            bounds = [(key, numbers[key]) for key in ("low", "best", "high") if key in numbers]
            disordered = False
            for (lower, low), (upper, high) in pairwise(bounds):
                if low > high:
                    disordered = True
                    self.error(
                        doc,
                        (*path, upper),
                        "invalid-range",
                        f"'{where}': {lower} ({number_words(low)}) is more than {upper} ({number_words(high)})",
                        "low <= best <= high",
                    )
            if numbers and not against and not disordered and not ("value" in numbers and len(numbers) > 1):
                self.figure_allows_a_number(doc, path, figure)
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
                self.find_figure_quote(doc, path, seed, quote, find)
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

    def figure_allows_a_number(self, doc: Document, path: DataPath, figure: Mapping[str, Any]) -> None:
        """A figure's bounds and qualifier leave at least one count (zero or more) that fits them:
        "fewer than 0", or a best estimate "more than 60" with a high of 60, fits none, and would be
        shown as an account in conflict with itself."""
        value, low, best, high = (figure.get(key) for key in ("value", "low", "best", "high"))
        qualifier = figure.get("qualifier")
        if common([allowed(value, low, best, high, qualifier), (0, True, None, True)]) is None:
            words = figure_words(value, low, best, high, qualifier)
            # Without a qualifier, ordered bounds always leave a number: the qualifier is at fault.
            self.error(
                doc,
                (*path, "qualifier"),
                "invalid-range",
                f"'{schema.format_path(path)}' reads '{words}', which no count fits",
                "give the figure as the source words it: its qualifier and its bounds together must allow a number",
            )

    def find_directly(self, seed: str, quote: str) -> list[tuple[int, int]]:
        """Where a quote is in a source, searched for there and then."""
        return find_quote(quote, self.normalised(seed))

    def find_figure_quote(self, doc: Document, path: DataPath, seed: str, quote: str, find: Find) -> None:
        # Through the finder of the other quotes, which knows where they all are (found on both
        # cores, and kept from run to run): searching each figure's source anew took about 3 s of
        # one core at 100,000 events.
        spans = find(seed, quote)
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
        for kind in MENTIONING:
            for doc in self.documents[kind].values():
                actors, places = mentions_of(kind, doc.data)
                mentioned_actors.update(actors)
                mentioned_places.update(places)
        if not counts_usage(self.failed):
            return  # a record that could not be read may be the one that mentions them
        members = {actor: list(doc.data.get("member_of", [])) for actor, doc in self.documents["actor"].items()}
        within = {
            place: [doc.data["within"]] if doc.data.get("within") else []
            for place, doc in self.documents["place"].items()
        }
        used = {"actor": used_records(mentioned_actors, members), "place": used_records(mentioned_places, within)}
        for kind in ("actor", "place"):
            for record_id, doc in self.documents[kind].items():
                if record_id not in used[kind]:
                    self.unused(kind, record_id, doc)

    def unused(self, kind: str, record_id: str, doc: Document) -> None:
        """Warn that no event or source mentions the actor, or no event happens at the place, nor
        at any of its members or the places within it (see ``used_records``)."""
        self.stage = "usage"
        if kind == "actor":
            message, hint = (
                f"no event or source mentions actor '{record_id}', nor any actor that is a member of it",
                "add it to an event's actors or a source's relays, or remove the file",
            )
        else:
            message, hint = (
                f"no event happens at place '{record_id}', nor at any place within it",
                "add it to an event's places, or remove the file",
            )
        self.warning(doc, ("id",), f"unused-{kind}", message, hint)

    def check_geography(self) -> None:
        """Each place's point inside the country it is within, and each country's code known to the
        boundaries; each event's precision of a place given for one of its places. (A place without
        coordinates is ``check_place``'s to report.)"""
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
            self.warning(doc, ("country_code",), "country-without-shape", *shapes.without_shape(code))
        point = data.get("coordinates")
        if point is None:
            return  # reported by check_place
        country = self.enclosing_country(place_id, shapes.countries)
        if country is None:
            return
        country_id, country_code = country
        lat, lon, why = point["lat"], point["lon"], point.get("outside_shapes")
        at = f"the point {lat:g} N, {lon:g} E"
        if shapes.contains(country_code, lat, lon):
            if why is not None:
                self.error(
                    doc,
                    ("coordinates", "outside_shapes"),
                    "inside-shapes",
                    f"'outside_shapes' says {at} lies in no country's shape, but it is inside the shape of "
                    f"'{country_id}' ({country_code}), which the place is within",
                    "remove 'outside_shapes'",
                )
            return
        found = shapes.country_at(lat, lon)
        if found is None and why is not None:
            from chronology import boundaries  # as check_geography: the shapes' module only where needed

            far = shapes.distance_km(country_code, lat, lon)
            if far > boundaries.FAR_KM:  # not the sea or an island of the country: figures mistyped
                self.error(
                    doc,
                    ("coordinates",),
                    "outside-country",
                    f"{at} lies {far:,.0f} km from the shape of '{country_id}' ({country_code}), which the place is "
                    f"within: farther than any sea or island of it, which 'outside_shapes' speaks of, could be "
                    f"({boundaries.FAR_KM} km)",
                    "check the figures (latitude first, north positive; longitude east positive) and 'within'",
                )
            return  # at sea, or on an island the outlines leave out, as the place says
        figures = "check the figures (latitude first, north positive; longitude east positive)"
        if found:
            where, hint = f"it falls in {shapes.countries[found].name} ({found})", f"{figures} and 'within'"
        else:
            where = (
                f"it falls outside every bundled shape (at sea, or on a small island the {shapes.scale} "
                "outlines leave out)"
            )
            hint = f"if the figures are right, say why in 'coordinates.outside_shapes'; else {figures} and 'within'"
        self.error(
            doc,
            ("coordinates",),
            "outside-country",
            f"{at} is not inside the shape of '{country_id}' ({country_code}), which the place is within: {where}",
            hint,
        )

    def precision_of(self, doc: Document) -> None:
        """An event's precision of a place is given for one of its places."""
        self.stage = "precision"
        listed = doc.data.get("places", [])
        for place_id in doc.data.get("place_precision", {}):
            if place_id not in listed:
                self.error(doc, ("place_precision", place_id), "unknown-reference", *precision_unlisted(place_id))

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


#: The kinds of record whose references make an actor or a place used (see ``mentions_of``): every
#: kind whose schema has a field that refers to one, other than the kind's own chain (an actor's
#: ``member_of``, a place's ``within``, which ``used_records`` follows instead).
MENTIONING = tuple(
    kind for kind in schema.KINDS if any(schema.reference_paths(kind, t) for t in ("actor", "place") if t != kind)
)


def mentions_of(kind: str, data: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The actors and the places a record of ``kind`` names in any field its schema marks as
    referring to one (``x-refers-to``): an event's actors, those a citation or figure is attributed
    to, and its places; a source's relays. An actor's bodies and a place's enclosing places are
    left to ``used_records``."""
    actors = set(schema.references(kind, data, "actor")) if kind != "actor" else set()
    places = set(schema.references(kind, data, "place")) if kind != "place" else set()
    return actors, places


def _possible_days(date: dates.EventDate) -> tuple[Day | None, Day | None]:
    """The first and last day a date can mean; None for an end that is open, approximate or uncertain."""

    def known(point: dates.Point | None) -> bool:
        return point is not None and not (point.approximate or point.uncertain)

    first = date.start.first_day() if date.start is not None and known(date.start) else None
    last = date.end.last_day() if date.end is not None and known(date.end) else None
    return first, last


_T = TypeVar("_T")


def replace_entry(found: dict[str, _T], key: str, value: _T | None) -> None:
    """Put ``value`` in ``found`` under ``key``, in place of any there; with None, take it out."""
    found.pop(key, None)
    if value is not None:
        found[key] = value


def counts_usage(failed: Collection[str]) -> bool:
    """Whether the records in use can be told: not while a file of a kind that mentions actors or
    places (``MENTIONING``) could not be read, as it may be the one that mentions them."""
    return not any(kind in failed for kind in MENTIONING)


def used_records(mentioned: Collection[str], parents: dict[str, list[str]]) -> set[str]:
    """The actors (or places) in use: those an event mentions (or happens at), and every body each
    is a member of (or place it is within), up the chain: a body's page lists its members' events,
    a place's page the events within it. A chain none of whose records an event names is unused
    throughout, each of its records warned of."""
    return graphs.reached(parents, mentioned)
