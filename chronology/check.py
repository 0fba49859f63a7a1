"""Check: load every data file, check it every way we can, and build the Chronology if nothing is wrong.

Every problem in every file is collected before anything fails, so one run tells a contributor
everything there is to fix. The checks run in layers: the data files found (``layout``), each file
alone (syntax, schema, dates, text: ``file_check``, cached and shared among the cores by
``file_results``), then across files (ids, references, cycles, links, quotes in their sources,
figures: ``across``), then the warnings that need the whole picture (unused actors and places).
Without an error, the model is made (``model_build``). A check after an edit is answered, where it
can be, from the last check's snapshot and index (``answer``): the files changed are checked alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from chronology import cache, layout, snapshot, workers
from chronology.answer import Answerer, Result
from chronology.file_check import shed_local
from chronology.file_results import check_files, open_cache
from chronology.layout import FOLDERS, record_of
from chronology.model_build import ModelBuilder

__all__ = ["Memory", "Result", "check_project"]


class _Checker(Answerer, ModelBuilder):
    """A whole check of one project: every file's own check taken in (``load``), the checks across
    files (``Across``), the model (``ModelBuilder``), and the answer from the last check
    (``Answerer``)."""

    def load(self, found: dict[str, list[str]]) -> None:
        """Check every file alone (from the cache where it can), then take in what each check found."""
        folders = {kind: self.root / folder for kind, folder in FOLDERS.items()}
        files = [(kind, folders[kind] / name) for kind, names in found.items() for name in names]
        # The check command's own records keep no x-local field (see accept): shed as the cache is read.
        shed = shed_local if self.lean and self.own_caches else None
        for result, key in check_files(self.root, files, self.kept, shed):
            self.accept(result, key)
        self.statuses = open_cache(self.root, "check", self.kept).files()
        if self.own_caches:
            del self.kept["check"]  # the files' results it holds are all taken: let them go


@dataclass(slots=True)
class Memory:
    """What a process that checks one project again and again (``serve``) keeps from check to
    check: the caches, read from disk once, and the last check (its checker, result and snapshot),
    from which an edit of local fields, or of facts the index can answer (see
    ``Answerer.answer_facts``), is answered without checking every file or making every record of
    the model again."""

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
    found = layout.discover(checker.root, checker.diagnostics, checker.broken)
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
    with checker.quotes_sought():  # the references and the links checked beside the search
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
    if memory is None and not model:
        _release_texts(checker)  # what is left to do (the snapshot, its index) reads none of it
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
        checker.spans.clear()
    # Kept on disk by every whole check, with memory (``serve``'s) or without: the next ``check``
    # command answers from it.
    snapshot.save(checker.root, made, index)
    return result


def _release_texts(checker: _Checker) -> None:
    """Let go of the sources' texts and what was made of them to find quotes (their normalised
    forms, their quotation marks, where each quote is): a check that makes no model reads none of
    it once its checks across files and its coverage are done."""
    checker.texts.clear()
    checker.normalised_texts.clear()
    checker.quotations.clear()
    checker.quote_spans.clear()


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
        removed = {record_of(rel)[1] for rel in before - now}
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
