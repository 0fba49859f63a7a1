"""The benchmark's Hugo project is written from the same model the site uses.

``bench/hugosite.py`` reads the checked chronology to write the equivalent Hugo site that the build is
timed against; when the model changes (a field renamed, a value that became a record), the writer
must follow, or the benchmark breaks only when someone next runs it. This runs the writer on a small
synthetic chronology, then builds it with Hugo and indexes it with Pagefind's command, as the
benchmark does when it times Hugo's site with the search ours has.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import bench_module, generated_project


def _front(path: Path) -> dict[str, Any]:
    """A Hugo page's JSON front matter (the Markdown body follows it)."""
    front, _end = json.JSONDecoder().raw_decode(path.read_text("utf-8"))
    assert isinstance(front, dict)
    return front


def _hugosite() -> Any:
    return bench_module("hugosite")


def test_the_hugo_project_has_a_page_for_every_record(tmp_path: Path) -> None:
    root = generated_project(tmp_path / "data", events=60, page_events=150)
    hugosite = _hugosite()
    counts = hugosite.write(root, tmp_path / "hugo")
    assert counts["events"] == 60
    assert counts["events"] == len(list((root / "events").glob("*.yaml")))
    assert counts["actors"] == len(list((root / "actors").glob("*.yaml")))
    assert counts["places"] == len(list((root / "places").glob("*.yaml")))
    fronts = [_front(p) for p in (tmp_path / "hugo" / "content" / "events").glob("*.md")]
    assert len(fronts) == 60
    # An event's claimants are actors' ids, and aliases are plain names Hugo can print.
    actor_ids = {p.stem for p in (root / "actors").glob("*.yaml")}
    claimed = [a for front in fronts for a in front["claimed_by"]]
    assert claimed and set(claimed) <= actor_ids
    actor_fronts = [_front(p) for p in (tmp_path / "hugo" / "content" / "actors").rglob("_index.md")]
    assert any(front["aliases_"] for front in actor_fronts)
    assert all(isinstance(name, str) for front in actor_fronts for name in front["aliases_"])


def test_pagefind_indexes_the_hugo_site_as_ours_is_indexed(tmp_path: Path) -> None:
    """Hugo's site with its search is timed against ours: Pagefind must index the same pages of it
    (every event, actor, place and tag; no list page) with the same four filters."""
    root = generated_project(tmp_path / "data", events=60, page_events=150)
    hugosite = _hugosite()
    counts = hugosite.write(root, tmp_path / "hugo")
    site = tmp_path / "site"
    hugosite.build(tmp_path / "hugo", site)
    hugosite.index(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    (language,) = entry["languages"].values()
    assert language["page_count"] == counts["events"] + counts["actors"] + counts["places"] + counts["tags"]
    # One file per filter: kind, actor, place and tag.
    assert len(list((site / "pagefind" / "filter").glob("*.pf_filter"))) == 4
    event_page = next((site / "events").glob("*/index.html")).read_text("utf-8")
    assert 'data-pagefind-filter="kind:Event"' in event_page
    assert 'data-pagefind-sort="date:' in event_page


def test_hugo_s_event_pages_show_the_figures_ours_show(tmp_path: Path) -> None:
    """Our event pages have a figures table (each count its page weighs, with its marks, each figure
    with who gives it and where); Hugo's must show the same, or the ratio flatters Hugo."""
    from chronology.check import check_project
    from chronology.model import COUNT_MARKS

    root = generated_project(tmp_path / "data", events=60, page_events=150)
    chronology = check_project(root).chronology
    assert chronology is not None
    hugosite = _hugosite()
    hugosite.write(root, tmp_path / "hugo")
    site = tmp_path / "site"
    hugosite.build(tmp_path / "hugo", site)
    shown = 0
    for event in chronology.events:
        counts = chronology.counts(event)
        page = (site / "events" / event.id / "index.html").read_text("utf-8")
        assert ('<table class="figures">' in page) == bool(counts)
        assert page.count('<strong class="figure">') == sum(len(count.accounts) for count in counts)
        for count in counts:
            for mark in count.marks:
                assert f'<span class="claim">{COUNT_MARKS[mark]}</span>' in page
            for account in count.accounts:
                assert f"#{account.figure.anchor()}" in page
        shown += bool(counts)
    assert shown
