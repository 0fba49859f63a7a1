"""A long chronology is split into pages of periods: no page lists more than ``page_events`` events,
every event is on exactly one page of the timeline, and no page is over 500 KB.

The chronology is a synthetic one from ``bench/generate.py`` (600 events over fifteen years), built
with ``page_events: 30`` so that years, months and records' periods all come into play.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.dates import parse
from chronology.model import Citation, Event
from chronology.pages import Period, split_periods
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
    # Crowded years are split into runs of months, the others are whole years.
    slugs = [p.slug for p in periods]
    assert any(re.fullmatch(r"\d{4}-\d{2}(-to-\d{2})?", slug) for slug in slugs), slugs
    assert [p.slug for p in split_periods(chronology.events, 600)] == []


def test_each_period_links_to_the_one_before_and_after(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    periods = split_periods(chronology.events, LIMIT)
    i = _between_months(periods)
    first, second = periods[i - 1], periods[i]
    html = (generated / "site" / "timeline" / second.slug / "index.html").read_text("utf-8")
    assert f'<span class="label">Earlier</span> <a href="../../timeline/{first.slug}/">{first.label}</a>' in html
    after = periods[i + 1]
    assert f'<span class="label">Later</span> <a href="../../timeline/{after.slug}/">{after.label}</a>' in html
    # A year's events of unknown month lead to its months as the same year, not as earlier or later.
    unknown = next(j for j, period in enumerate(periods) if period.slug.endswith("-month-unknown"))
    html = (generated / "site" / "timeline" / periods[unknown].slug / "index.html").read_text("utf-8")
    months = periods[unknown + 1]
    assert f'<span class="label">Same year</span> <a href="../../timeline/{months.slug}/">{months.label}</a>' in html


def _between_months(periods: list[Period]) -> int:
    """The index of the first period which, like the ones either side of it, has its months known."""
    known = [not period.slug.endswith("-month-unknown") for period in periods]
    return next(i for i in range(1, len(periods) - 1) if known[i - 1] and known[i] and known[i + 1])


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


MARK = re.compile(r'<li class="mark[^"]*"[^>]*><a href="[^"]*events/([^/"]+)/" aria-label="(\d+)\. ')
LISTED_NUMBER = re.compile(
    r'<li class="event-item" id="e-([^"]+)"[^>]*>\s*<p class="event-date"><span class="event-number"[^>]*>(\d+)</span>'
)


def test_a_period_page_numbers_its_list_as_its_time_axis(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    for period in split_periods(chronology.events, LIMIT):
        html = (generated / "site" / "timeline" / period.slug / "index.html").read_text("utf-8")
        marked = dict(MARK.findall(html))
        listed = dict(LISTED_NUMBER.findall(html))
        assert listed == marked, period.slug
        assert sorted(map(int, listed.values())) == list(range(1, len(period.events) + 1)), period.slug


def dated(when: str, count: int) -> list[Event]:
    """``count`` events on ``when``."""
    return [
        Event(f"{when}-{n}", f"{when}-{n}", parse(when), "Something happened.", (Citation("s", ("x",)),), "x.yaml")
        for n in range(count)
    ]


def test_a_crowded_year_is_split_only_as_far_as_the_limit_needs() -> None:
    # 40 events a month in the first half and one a month in the second, 10 of unknown month: the
    # first half is split into quarters and the crowded quarter into months; the quiet half stays whole.
    events = (
        *dated("2022-01-10", 10),
        *dated("2022-02-10", 10),
        *dated("2022-03-10", 10),
        *dated("2022-04-10", 40),
        *dated("2022-05-10", 50),
        *dated("2022-06-10", 20),
        *dated("2022-07-10", 5),
        *dated("2022-12-10", 5),
        *dated("2022", 10),
        *dated("2023-03-01", 3),
    )
    periods = split_periods(events, 60)
    assert [(p.slug, p.label, len(p.events)) for p in periods] == [
        ("2022-01-to-03", "January to March 2022", 30),
        ("2022-04", "April 2022", 40),
        ("2022-05", "May 2022", 50),
        ("2022-06", "June 2022", 20),
        ("2022-07-to-12", "July to December 2022", 10),
        ("2022-month-unknown", "2022, month unknown", 10),
        ("2023", "2023", 3),
    ]
    # A period's name depends on its own events alone: one more in December leaves the others be.
    more = split_periods((*events[:-13], *dated("2022-12-20", 1), *events[-13:]), 60)
    assert [p.slug for p in more] == [p.slug for p in periods]


def test_a_period_page_leads_on_from_its_foot_and_folds_the_list_of_periods(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    site = generated / "site"
    periods = split_periods(chronology.events, LIMIT)
    place = max(chronology.places, key=lambda p: len(chronology.events_at(p)))
    place_periods = split_periods(chronology.events_at(place), LIMIT)
    i, j = _between_months(periods), _between_months(place_periods)
    for html, before, after, folder in (
        (
            (site / "timeline" / periods[i].slug / "index.html").read_text("utf-8"),
            periods[i - 1],
            periods[i + 1],
            "timeline",
        ),
        (
            (site / "places" / place / place_periods[j].slug / "index.html").read_text("utf-8"),
            place_periods[j - 1],
            place_periods[j + 1],
            f"places/{place}",
        ),
    ):
        up = "../" * (folder.count("/") + 2)
        foot = html[html.rindex('<li class="event-item"') :]
        assert f'<span class="label">Earlier</span> <a href="{up}{folder}/{before.slug}/">{before.label}</a>' in foot
        assert f'<span class="label">Later</span> <a href="{up}{folder}/{after.slug}/">{after.label}</a>' in foot
        # The list of every period is folded, above the events.
        head = html[: html.index('<li class="event-item"')]
        fold = re.search(
            r'<details class="period-fold">\s*<summary>All (\d+) periods</summary>(.*?)</details>', head, re.S
        )
        assert fold, "the list of periods is not folded"
        assert fold.group(2).count("<li>") == len(periods if folder == "timeline" else place_periods)


def test_a_part_of_a_source_leads_to_the_next_from_its_foot(generated: Path) -> None:
    second = sorted((generated / "site").glob("sources/*/2/index.html"))[0]
    html = second.read_text("utf-8")
    source = f"../../../sources/{second.parent.parent.name}/"
    foot = html[html.index('id="quoted-by"') :]
    assert f'<span class="label">Previous part</span> <a href="{source}">Part 1</a>' in foot
    first = (second.parent.parent / "index.html").read_text("utf-8")
    assert f'The text goes on in <a href="{source[3:]}2/">part 2</a>.' in first
    assert f'<span class="label">Next part</span> <a href="{source[3:]}2/">Part 2</a>' in first


def test_the_timeline_view_loads_a_period_at_a_time(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    site = generated / "site"
    periods = split_periods(chronology.events, LIMIT)
    view = (site / "timelinejs" / "index.html").read_text("utf-8")
    for period in periods:
        document = json.loads((site / "data" / "timelinejs" / f"{period.slug}.json").read_text("utf-8"))
        assert [slide["unique_id"] for slide in document["events"]] == [event.id for event in period.events]
        source = f"../data/timelinejs/{period.slug}.json"
        assert f'<a href="?period={period.slug}" data-period="{period.slug}" data-source="{source}">' in view
    # It opens on the first period; the whole file stays, for embedding elsewhere.
    assert f'id="timeline-embed" class="timelinejs" data-source="../data/timelinejs/{periods[0].slug}.json"' in view
    assert "each from its own file in <code>data/timelinejs/</code>" in (site / "data" / "index.html").read_text(
        "utf-8"
    )
    whole = json.loads((site / "data" / "timelinejs.json").read_text("utf-8"))
    assert len(whole["events"]) == len(chronology.events)
    # Each period's page leads to its own slides.
    html = (site / "timeline" / periods[1].slug / "index.html").read_text("utf-8")
    assert f'<a href="../../timelinejs/?period={periods[1].slug}">Timeline view of {periods[1].label}</a>' in html


def test_an_actor_s_period_pages_say_each_event_s_part_or_member_as_its_page_would(generated: Path) -> None:
    # An actor's page marks each event with the actor's role in it, or the member it comes through;
    # paged, its period pages must too, or an event that comes through a member looks misfiled.
    chronology = check_project(generated).chronology
    assert chronology is not None
    site = generated / "site"
    actor = max(chronology.actors, key=lambda a: len(chronology.events_with_members.get(a, ())))
    entries = chronology.events_with_members[actor]
    assert len(entries) > LIMIT and any(via for _, via in entries) and any(not via for _, via in entries)
    items: dict[str, str] = {}
    for period in split_periods(tuple(event for event, _ in entries), LIMIT):
        page = (site / "actors" / actor / period.slug / "index.html").read_text("utf-8")
        for block in page.split('<li class="event-item"')[1:]:
            items[re.match(r' id="e-([^"]+)"', block).group(1)] = block  # type: ignore[union-attr]
    for event, via in entries:
        mark = '<p class="event-via">Via ' if via else '<p class="event-role">Role: '
        assert mark in items[event.id], (event.id, via)


def test_a_years_events_of_unknown_month_are_neither_earlier_nor_later_than_its_months() -> None:
    from chronology.fragments import _step_word

    periods = split_periods((*dated("2021-06-01", 3), *dated("2022-01-10", 3), *dated("2022", 3), *dated("2023", 3)), 4)
    assert [p.slug for p in periods] == ["2021", "2022-01-to-06", "2022-month-unknown", "2023"]
    words = [(_step_word(a, b, "Later"), _step_word(b, a, "Earlier")) for a, b in pairwise(periods)]
    # The year's months and its events of unknown month are the same year; years before and after
    # are earlier and later, whether or not their months are known.
    assert words == [("Later", "Earlier"), ("Same year", "Same year"), ("Later", "Earlier")]
