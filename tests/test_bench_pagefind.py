"""The Pagefind benchmark hands the service the same records every way it measures.

``bench/pagefind_feed.py`` compares what Pagefind's service costs when given the search records as
``AddRecord`` requests (what the build sends), as HTML pages one by one (``AddFile``) and as a folder
of pages (``AddDir``). Its figures compare like with like only if the pages carry exactly what the
records do; this indexes a small chronology's records all three ways and compares the results.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from chronology.search import canonical_filters
from chronology.search_records import records
from tests.conftest import bench_module, generated_project, run

WAYS = ("records", "file", "directory")


def _feed() -> Any:
    return bench_module("pagefind_feed")


def _pages(bundle: Path) -> dict[str, Any]:
    """Every page of a written index, by address: its text, word count, metadata and filters."""
    pages = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data[len(b"pagefind_dcd") :])
        pages[page["url"]] = page
    return pages


def _files(bundle: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bundle)): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def test_every_way_gives_pagefind_the_same_pages(tmp_path: Path) -> None:
    feed = _feed()
    chronology = run(generated_project(tmp_path / "data", events=40, page_events=150)).chronology
    assert chronology is not None
    batch = list(records(chronology))
    for way in WAYS:
        figures = feed.run(way, batch, write=True, bundle=tmp_path / way)
        assert figures["records"] == len(batch)
    by_records = _pages(tmp_path / "records")
    assert sorted(by_records) == sorted(r.url for r in batch)
    one = batch[0]
    assert by_records[one.url]["meta"] == one.meta
    assert by_records[one.url]["filters"] == {k: v for k, v in one.filters.items() if v}
    assert _pages(tmp_path / "file") == by_records
    assert _pages(tmp_path / "directory") == by_records
    # Pages sent one by one are numbered in the order sent: the same index, file for file, once
    # the filters are in one order (Pagefind writes them in hash-map order, as the build handles).
    canonical_filters(tmp_path / "file")
    canonical_filters(tmp_path / "records")
    assert _files(tmp_path / "file") == _files(tmp_path / "records")


def test_larger_counts_repeat_the_records_under_new_addresses() -> None:
    feed = _feed()
    base = [feed.Record("/events/a/", "A.", {"title": "A"}), feed.Record("/events/bb/", "B.", {"title": "B"})]
    batch = feed.scaled(base, 5)
    assert [r.url for r in batch] == ["/events/a/", "/events/bb/", "/events/a-1/", "/events/bb-1/", "/events/a-2/"]
    assert [r.content for r in batch] == ["A.", "B.", "A.", "B.", "A."]
