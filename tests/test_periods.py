"""A long chronology is split into pages of periods: no page lists more than ``page_events`` events,
every event is on exactly one page of the timeline, and no page is over 500 KB.

The chronology is a synthetic one from ``bench/generate.py`` (600 events over fifteen years), built
with ``page_events: 30`` so that years, months and records' periods all come into play.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.pages import split_periods
from chronology.site import build_site
from tests.conftest import generated_project

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 30
EVENT_ITEM = re.compile(r'<li class="event-item" id="e-([^"]+)"')


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = generated_project(tmp_path_factory.mktemp("generated") / "p", 600, LIMIT)
    assert build_site(project) == 0
    return project


def test_no_page_lists_more_than_the_limit_and_none_is_over_500_kb(generated: Path) -> None:
    site = generated / "site"
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert len(EVENT_ITEM.findall(html)) <= LIMIT, page.relative_to(site)
        assert page.stat().st_size <= 500_000, page.relative_to(site)


def test_the_timeline_is_split_into_periods_holding_every_event_once(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    site = generated / "site"
    periods = split_periods(chronology.events, LIMIT)
    home = (site / "index.html").read_text("utf-8")
    assert not EVENT_ITEM.findall(home)
    listed: list[str] = []
    for period in periods:
        assert f'<a href="timeline/{period.slug}/">{period.label}</a>' in home
        html = (site / "timeline" / period.slug / "index.html").read_text("utf-8")
        assert f"<h1>Timeline: {period.label}</h1>" in html
        on_page = EVENT_ITEM.findall(html)
        assert on_page == sorted(on_page, key=chronology.position.__getitem__), period.slug
        listed += on_page
    # Every event once; a year-only event stands in its year's "month unknown" period.
    assert sorted(listed) == sorted(event.id for event in chronology.events)
    # Crowded years are split by month, the others are whole years.
    slugs = [p.slug for p in periods]
    assert any(re.fullmatch(r"\d{4}-\d{2}", slug) for slug in slugs), slugs
    assert [p.slug for p in split_periods(chronology.events, 600)] == []


def test_each_period_links_to_the_one_before_and_after(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    periods = split_periods(chronology.events, LIMIT)
    first, second = periods[0], periods[1]
    html = (generated / "site" / "timeline" / second.slug / "index.html").read_text("utf-8")
    assert f'<span class="label">Earlier</span> <a href="../../timeline/{first.slug}/">{first.label}</a>' in html
    assert (
        f'<span class="label">Later</span> <a href="../../timeline/{periods[2].slug}/">{periods[2].label}</a>' in html
    )


def test_a_record_with_many_events_has_a_page_per_period(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    site = generated / "site"
    place = max(chronology.places, key=lambda p: len(chronology.events_at(p)))
    events = chronology.events_at(place)
    assert len(events) > LIMIT
    page = (site / "places" / place / "index.html").read_text("utf-8")
    assert f"({len(events)})</h2>" in page
    listed: list[str] = []
    for period in split_periods(events, LIMIT):
        assert f'<a href="../../places/{place}/{period.slug}/">{period.label}</a>' in page
        listed += EVENT_ITEM.findall((site / "places" / place / period.slug / "index.html").read_text("utf-8"))
    assert sorted(listed) == sorted(event.id for event in events)


def test_a_long_source_is_cut_into_parts_and_every_quote_link_finds_its_passage(generated: Path) -> None:
    site = generated / "site"
    assert list(site.glob("sources/*/2/index.html")), "no source of the generated chronology was cut into parts"
    links = re.compile(r'<a class="in-context" href="([^"#]+)#(q\d+-\d+)">')
    anchors: dict[Path, str] = {}
    checked = 0
    for page in sorted(site.glob("events/*/index.html")):
        for href, anchor in links.findall(page.read_text("utf-8")):
            target = (page.parent / href / "index.html").resolve()
            if target not in anchors:
                anchors[target] = target.read_text("utf-8")
            assert f'id="{anchor}"' in anchors[target], f"{page.relative_to(site)}: {href}#{anchor}"
            checked += 1
    assert checked > 600
