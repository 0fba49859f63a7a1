"""Answering a check from the last one's snapshot (see ``snapshot``): the files changed are checked
alone, and the checks across files run again only for what their edit can change (``Answerer``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from chronology import cache, file_results, graphs, schema, snapshot
from chronology.across import MENTIONING, Across, counts_usage, mentions_of, replace_entry, used_records
from chronology.diagnostics import Collector, Diagnostic
from chronology.file_check import FileResult, check_one
from chronology.file_results import open_cache
from chronology.layout import FOLDERS, record_of, record_path
from chronology.load import (
    Document,
)
from chronology.model import (
    Chronology,
    QuotedSpan,
)
from chronology.quote_search import Find, Quotes, source_coverage


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


#: Up to this many changed files, a check answers from the last one's snapshot when it can (see
#: ``snapshot``); beyond, the whole check, with its workers, is as quick.
SNAPSHOT_FROM = 200


#: Up to this many files whose facts changed, too (each reads records of others from the cache).
FACTS_FROM = 20


#: The fields of each kind whose edit is checked against the index (see ``Answerer.answer_facts``),
#: beside the ``x-local`` ones: every field but the id, whose edit changes what every reference
#: to the record means, and is checked whole.
INDEXED_FIELDS = {
    "event": frozenset({"date", "actors", "places", "place_precision", "tags", "sources", "figures", "related"}),
    "actor": frozenset({"aliases", "member_of", "member_of_basis", "sources"}),
    "place": frozenset({"kind", "aliases", "within", "country_code", "coordinates", "sources"}),
    "seed": frozenset({"relays", "published"}),
}


def _case_twin_added(added: Collection[str], names: Collection[str]) -> bool:
    """Whether a file added is named, apart from case, as another file of its kind is: two ids that
    differ only in case are one on a file system that ignores case (see ``Across.check_duplicate_id``),
    which the index, keeping ids as written, cannot tell. Only a source's id may hold capitals, so
    only the sources are compared (a capital in any other id is refused by its file's own check)."""
    if not added:
        return False
    if any(stem != stem.casefold() for _, stem in map(record_of, added)):
        return True
    seeds = f"{FOLDERS['seed']}/"
    folded = Counter(record_of(rel)[1].casefold() for rel in names if rel.startswith(seeds))
    return any(folded[record_of(rel)[1]] > 1 for rel in added if rel.startswith(seeds))


class Answerer(Across):
    """The checks across files, run again for the files an edit changed (see ``answer_from``)."""

    def answerer(self) -> Self:
        """A checker to answer from the last check (``answer_from``) with what ``discover`` found,
        which leaves this one as it is for the whole check when it cannot: answering fills a
        checker with some of the records and with the index's view of the others."""
        answerer = type(self)(self.root, self.kept)
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
            if _case_twin_added(added, names):
                return None  # its id differs only in case from another's: the whole check says which
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
            kind, path = record_of(rel)[0], self.root / rel
            raw = file_results.read_data(path)
            key = store.key(kind, rel, raw)
            result = store.get(key) if key else None
            if not isinstance(result, FileResult):
                result = check_one(self.root, kind, path, raw)  # the very bytes of the key
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
            counts[record_of(rel)[0]] += 1
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
        index: snapshot.Index | None,
        removed: Mapping[str, FileResult],
        refused: Collection[str],
        repaired: Collection[str],
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
        counting = counts_usage(index.failed)
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
            if kind in MENTIONING:  # first, so that what only it mentioned may be removed with it
                self.mentioned(kind, doc, Document(rel, {"id": stem}), index)
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
                self.load_source_text(self.root / record_path("seed", seed), Document("", {}))
        start = len(self.diagnostics.items)
        for seed in new_seeds:
            self.load_source_text(self.root / record_path("seed", seed), Document("", {}))
            index.spans.setdefault(seed, Counter())
        if len(self.diagnostics.items) > start:
            return None  # a source added whose text is missing or refused: the whole check tells
        quotes = Quotes(self)
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
            if kind in MENTIONING:
                self.mentioned(kind, before, now, index)
            if kind == "event":
                self.figures_of(now, find)
                self.precision_of(now)
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
        for stem, doc in unlinked.items():  # as if its date and links were gone: the links to it checked again
            linked_now[stem], linked_before[stem] = Document(doc.path, {"id": stem}), doc
            self.dates.pop(stem, None)
        if linked_now and not self.links_again(linked_now, linked_before, result_of, index, located):
            return None
        if not self.nested_again([(kind, now) for _, kind, _, now in edits], index, located):
            return None
        if counting == counts_usage(index.failed):
            if counting:
                self.used_again(index, located, self.usage_moved(edits, gone))
        else:  # every warning of an unused actor or place dropped, or found again
            for rel in located:
                _drop(located, rel, ("usage",))
            if counts_usage(index.failed):
                self.all_unused(index)
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
            order = {record_of(rel)[1]: i for i, rel in enumerate(last.files) if rel.startswith(folder)}
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
            percent, sentences, uncovered = source_coverage(self.texts[seed][0], tuple(sorted(quoted.elements())))
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
                replace_entry(self.dates, now.data["id"], result.date if result is not None else None)
        for seed in seeds:
            result = result_of(record_path("seed", seed))
            if result is not None:
                replace_entry(self.published, seed, result.published)

    def unquote(self, kind: str, record: Document, find: Find, spans: dict[str, Counter[tuple[int, int]]]) -> None:
        """Take the spans ``record`` (as it was) quotes off ``spans``, each source's count of each."""
        with self.aside() as quoted:
            self.quotes_of(kind, record, find)
            if kind == "event":
                self.figures_of(record, find)
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

    def mentioned(self, kind: str, before: Document, now: Document, index: snapshot.Index) -> None:
        """The index's count of mentions brought up to date for an event or a source edited
        (``before`` and ``now``: see ``across.mentions_of``); each actor and place whose count
        changed is kept, for ``used_again``."""
        was_now = zip(("actor", "place"), mentions_of(kind, before.data), mentions_of(kind, now.data), strict=True)
        for target, was, is_now in was_now:
            counts = index.mentions[target]
            for record_id in sorted(was ^ is_now):
                self.recounted.add((target, record_id))
                counts[record_id] += 1 if record_id in is_now else -1
                if counts[record_id] <= 0:
                    del counts[record_id]

    def usage_moved(
        self, edits: list[tuple[str, str, Document, Document]], gone: list[tuple[str, str, str, Document]]
    ) -> dict[str, set[str]]:
        """The actors and places from which whether a record is used may have changed, by kind (see
        ``across.used_records``): those whose mentions changed, those edited, added or repaired, and
        what each edited or removed one was and is a member of or within. Those records and every
        body or place above them are the ones to find used or unused again."""
        moved: dict[str, set[str]] = {"actor": set(), "place": set()}
        for kind, record_id in self.recounted:
            moved[kind].add(record_id)
        for _, kind, before, now in edits:
            if kind in moved:
                moved[kind].add(now.data["id"])
                moved[kind].update(_parents(kind, before.data), _parents(kind, now.data))
        for _, kind, _, doc in gone:
            if kind in moved:
                moved[kind].update(_parents(kind, doc.data))
        return moved

    def all_unused(self, index: snapshot.Index) -> None:
        """Every actor and place in no use, found from the index (see ``check_usage``)."""
        for kind in ("actor", "place"):
            used = used_records(index.mentions[kind], _parent_graph(kind, index))
            for record_id in sorted(index.valid[kind] - used):
                self.unused(kind, record_id, Document(record_path(kind, record_id), {}))

    def used_again(
        self, index: snapshot.Index, located: dict[str, list[snapshot.Located]], moved: dict[str, set[str]]
    ) -> None:
        """The actors and places whose use may have changed (``moved``, and every record above each:
        see ``usage_moved``), found used or unused again (see ``check_usage``), once every edit is
        counted and the memberships and places are brought up to date in the index."""
        for kind in ("actor", "place"):
            if not moved[kind]:
                continue
            graph = _parent_graph(kind, index)
            used = used_records(index.mentions[kind], graph)
            for record_id in sorted(graphs.reached(graph, moved[kind]) & index.valid[kind]):
                rel = record_path(kind, record_id)
                warned = any(entry.check == "usage" for entry in located.get(rel, ()))
                if record_id in used and warned:
                    _drop(located, rel, ("usage",))
                elif record_id not in used and not warned:
                    self.unused(kind, record_id, Document(rel, {}))

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
        if any(graphs.reaches(index.members, actor, actor) for actor in moved["actor"]) or any(
            graphs.reaches(within, place, place) for place in moved["place"]
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
        self.documents["place"] = {
            place: Document(record_path("place", place), _placed(place, placing))
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
            result = result_of(record_path("event", event_id))
            if result is None or result.document is None or result.document.data["id"] != event_id:
                return False
            subset[event_id] = result.document
            replace_entry(self.dates, event_id, result.date)
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
        return not any(graphs.reaches(sequence, event_id, event_id) for event_id in relinked)

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
        # A check whose caches are its own ends with this one: kept, each source's text would be
        # held by the cache to the process's end, past the check's letting it go (see check.py).
        measure = source_coverage.__wrapped__ if self.own_caches else source_coverage
        found = []
        for seed_id in self.documents["seed"]:
            text = self.texts[seed_id][0]
            spans = tuple(sorted((s.start, s.end) for s in self.spans.get(seed_id, [])))
            percent, sentences, uncovered = measure(text, spans)
            found.append(snapshot.Coverage(seed_id, sentences, sentences - len(uncovered), percent))
        return tuple(found)


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


def _parents(kind: str, data: dict[str, Any]) -> list[str]:
    """What an actor's record is a member of, or what a place's is within."""
    if kind == "actor":
        return list(data.get("member_of", []))
    return [data["within"]] if data.get("within") else []


def _parent_graph(kind: str, index: snapshot.Index) -> dict[str, list[str]]:
    """What each actor is a member of, or each place within, as the index holds it."""
    if kind == "actor":
        return index.members
    return {place: [placing[0]] if placing[0] else [] for place, placing in index.places.items()}


def _placing(data: dict[str, Any]) -> tuple[str | None, str | None, dict[str, Any] | None]:
    """What the checks across files read of a place: what it is within, its country's code, its point."""
    return data.get("within"), data.get("country_code"), data.get("coordinates")


def _placed(place: str, placing: tuple[str | None, str | None, dict[str, Any] | None]) -> dict[str, Any]:
    """A place's record as far as ``_placing`` gives it."""
    fields = zip(("within", "country_code", "coordinates"), placing, strict=True)
    return {"id": place} | {name: value for name, value in fields if value is not None}
