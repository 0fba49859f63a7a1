"""Finding quotes in their sources: where each quote is (cached by the source's text, and shared
among the cores when there are many to find), and the words for one that is not there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from chronology import workers
from chronology.diagnostics import count
from chronology.file_results import open_cache
from chronology.text import (
    MAX_DIFFERENCES,
    Normalised,
    coverage,
    explain_miss,
    find_quote,
    find_quotes,
    normalise,
)

if TYPE_CHECKING:
    from chronology.across import Across


@functools.lru_cache(maxsize=1024)
def source_coverage(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[int, int, tuple[tuple[int, int], ...]]:
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


#: Where a quote is in a source: ``find(seed, quote)`` gives its spans.
Find = Callable[[str, str], list[tuple[int, int]]]


class Quotes:
    """Where each quote is in its source, kept from run to run in the cache named "quotes", by
    the source's text: finding one means reading the whole source, which is most of a large
    check's time across files."""

    def __init__(self, checker: Across) -> None:
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


#: From this many quotes to find, the search is shared among the cores.
PARALLEL_QUOTES_FROM = 2000


#: Quotes a worker finds at a time: a source's quotes go to one worker, which indexes the source
#: once for them all (see ``text.find_quotes``).
QUOTES_A_TASK = 100_000


#: The source texts, where forked workers find them (see ``find_everywhere``).
_TEXTS: dict[str, tuple[str, str]] = {}


@contextmanager
def found_everywhere(
    texts: dict[str, tuple[str, str]], missing: dict[str, dict[str, None]]
) -> Iterator[Callable[[], Iterator[tuple[str, list[str], list[list[tuple[int, int]]]]]]]:
    """Where each quote of ``missing`` is in its source, found by forked workers (which read the
    texts from this process's memory rather than have them sent) while the block runs; the
    function the block is given waits for them, and gives each source, some of its quotes, and
    where each of those is."""
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
        with workers.spread_beside(_find_in_source, tasks) as results:

            def found() -> Iterator[tuple[str, list[str], list[list[tuple[int, int]]]]]:
                for (seed, quotes), spans in zip(tasks, results(), strict=True):
                    yield seed, quotes, spans

            yield found
    finally:
        _TEXTS.clear()


@functools.lru_cache(maxsize=8)
def _normalised_in_worker(seed: str) -> Normalised:
    return normalise(_TEXTS[seed][0])


def _find_in_source(task: tuple[str, list[str]]) -> list[list[tuple[int, int]]]:
    seed, quotes = task
    source = _normalised_in_worker(seed)
    return find_quotes(quotes, source)
