"""The built site in a real browser: Playwright driving Debian's Chromium, as a reader would use it.

Each test opens its own browser context and page, starts at a page typed into the address bar (the
home page, or a shared URL) and from there moves only by clicking links, pressing keys and using the
browser's history. What is expected comes from the data, through the checker
(``chronology.check.check_project``), so that the tests follow the chronology as it grows.

Every page opened here records the requests it makes and the errors it reports (console errors and
uncaught exceptions), so that a test can assert that nothing leaves the site and nothing breaks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from chronology.axis import LABEL_GAP_PX, LABEL_SHIFT_PX, NARROWEST_PX, label_px
from chronology.check import check_project
from chronology.fragments import TALL_LANES
from chronology.model import Chronology, Event
from chronology.pages import group_by_month
from chronology.site import build_site
from tests.conftest import EVENT, EVENT_ID, REPORT_YAML, edit, make_project
from tests.site.conftest import serving
from tests.test_site import copy_project

try:
    from playwright.sync_api import Page, ViewportSize
    from playwright.sync_api import expect as expect  # re-exported: tests/site/test_maps_browser.py imports it
except ImportError:  # the `browser` fixture skips (or, in CI, fails) and says why
    Page = Any  # type: ignore[assignment,misc]
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]

#: The walk's landmarks, all in the repository's data.
DOWNING = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"
#: Ranges are written with an en dash, as in print.
DOWNING_WHEN = "29 December 2022, 10:00–11:00 Minsk time (07:00–08:00 UTC)"  # noqa: RUF001
MINISTRY = "belarus-ministry-of-defence"
GORBAKHA = "gorbakha"
GORBAKHA_CHAIN = ["Ivanovo District", "Brest region", "Belarus"]
FRAGMENTS = "2022-12-29-missile-fragments-found-near-gorbakha"
SPOKESMAN = "2022-12-29-ukrainian-military-spokesman-in-effect-acknowledges-stray"
SOURCE = "000_9acb625707f65469"
BARRAGE = "2022-12-29-russia-fires-missile-barrage-at-ukraine"

#: The site's name, from mkdocs.yml.
SITE_NAME = "Belarus, the S-300 and the barrage of 29 December 2022: a chronology"
#: How long any one expectation may wait; everything is local, so a few seconds is plenty.
TIMEOUT_MS = 5_000
#: The narrowest screen the site must read well on, in CSS pixels.
NARROW = 360
#: A desktop window and a phone, as the site is tried on.
WIDE: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
#: The narrowest screen the time axis is fitted to (WCAG's reflow width).
NARROWEST: ViewportSize = {"width": 320, "height": 640}


@cache
def chronology() -> Chronology:
    """The repository's chronology, as the checker builds it (the site is built from the same)."""
    result = check_project(ROOT)
    assert result.chronology is not None, "the repository's chronology does not pass the checker"
    return result.chronology


@dataclass
class Reader:
    """One browser page in a fresh context, with what it requested and what went wrong on it."""

    page: Page
    site_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def url(self, path: str = "") -> str:
        return self.site_url + path

    def __repr__(self) -> str:  # short, for pytest's reports
        return f"Reader({self.page.url})"


@pytest.fixture
def open_reader(browser: Any, site_url: str) -> Iterator[Callable[..., Reader]]:
    """Opens a page in a new browser context (options as for ``browser.new_context``); all are
    closed at the end of the test."""
    contexts: list[Any] = []

    def open_(**options: Any) -> Reader:
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        reader = Reader(page, site_url)
        # The context sees every request, including those of the search's web worker.
        context.on("request", lambda request: reader.requests.append(request.url))
        page.on("console", lambda message: _console_error(reader, message))
        page.on(
            "pageerror",
            lambda error: reader.errors.append(f"uncaught exception on {page.url}: {error}"),
        )
        return reader

    yield open_
    for context in contexts:
        context.close()


def _console_error(reader: Reader, message: Any) -> None:
    if message.type == "error":
        where = message.location.get("url") or reader.page.url
        reader.errors.append(f"console error on {reader.page.url}: {message.text} [{where}]")


@pytest.fixture
def reader(open_reader: Callable[..., Reader]) -> Reader:
    """A page in a new browser context with the default settings."""
    return open_reader()


# --- helpers -----------------------------------------------------------------------------------


def expect_page(reader: Reader, path: str, heading: str) -> None:
    """The browser shows the page at ``path`` (relative to the site), with this main heading."""
    expect(reader.page).to_have_url(reader.url(path))
    expect(reader.page.locator("main h1")).to_have_text(heading)


def event_path(event_id: str) -> str:
    return f"events/{event_id}/"


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}/"


def place_path(place_id: str) -> str:
    return f"places/{place_id}/"


def visible_event_ids(page: Page) -> list[str]:
    return list[str](page.locator("li.event-item:visible").evaluate_all("items => items.map(i => i.id.slice(2))"))


def expect_timeline_shows(page: Page, events: tuple[Event, ...] | list[Event]) -> None:
    """Exactly these events are visible on the timeline, in order, under their month headings."""
    expect(page.locator("li.event-item:visible")).to_have_count(len(events))
    assert visible_event_ids(page) == [e.id for e in events]
    months = [month for _, groups in group_by_month(tuple(events)) for month, _ in groups]
    expect(page.locator("main section.month h3:visible")).to_have_text(months)


def passage_link_name(quote: str) -> str:
    """The link from a quote to its passage in the source, named by the quote's first six words."""
    words = quote.lstrip("\"“”'‘’ ").split()  # noqa: RUF001
    return f"In the source: “{' '.join(words[:6])}{'…' if len(words) > 6 else ''}”"


def roles_of(event: Event, actor_id: str) -> str:
    roles = [p.role for p in event.actors if p.actor == actor_id]
    return ", ".join(roles) if roles else "claimant"


def open_downing_from_home(reader: Reader) -> Event:
    """From the home page, click the S-300 downing claimed by Belarus's Defence Ministry."""
    downing = chronology().events_by_id[DOWNING]
    reader.page.goto(reader.url())
    reader.page.locator("main").get_by_role("link", name=downing.title, exact=True).click()
    expect_page(reader, event_path(DOWNING), downing.title)
    return downing


def relative_luminance(css_colour: str) -> float:
    """WCAG relative luminance of an ``rgb()``/``rgba()`` colour as getComputedStyle reports it."""
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", css_colour)
    assert match, f"unexpected colour {css_colour!r}"
    assert match.group(4) in (None, "1"), f"the colour {css_colour!r} is not opaque"

    def channel(value: str) -> float:
        c = int(value) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(match.group(i)) for i in (1, 2, 3))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


#: WCAG AA's least contrast for text.
AA_TEXT = 4.5


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two opaque colours as getComputedStyle reports them (1 to 21)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


#: Each element in ``root`` whose text is on the screen, as ``[its name (TimelineJS's part it is in,
#: its tag and classes), its text, its colour, the colour behind it]``, both as the reader sees them:
#: what the browser paints under the text's first line, bottom up, each background over the one below
#: with its alpha times the opacity of it and its ancestors, and the text's colour over that with its
#: own (TimelineJS fades text with ``opacity``, which getComputedStyle's colour does not show).
#: Text hidden (display, visibility, no opacity left) or off the screen is left out.
SHOWN_TEXT_COLOURS_JS = """
root => {
  // rgb(0-255 ...) or, for a colour mixed (color-mix), color(srgb 0-1 ...); alpha last, if any.
  const parse = c => {
    const v = (c.match(/[\\d.]+/g) || []).map(Number);
    return [...v.slice(0, 3).map(x => c.startsWith("color(") ? x * 255 : x), v.length > 3 ? v[3] : 1];
  };
  const over = (top, below, alpha) => [0, 1, 2].map(i => top[i] * alpha + below[i] * (1 - alpha));
  const opacity = e => e ? Number(getComputedStyle(e).opacity) * opacity(e.parentElement) : 1;
  const css = rgb => `rgb(${rgb.map(Math.round).join(", ")})`;
  const box = root.getBoundingClientRect();
  const seen = new Set(), out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || seen.has(element)) { continue; }
    seen.add(element);
    const line = element.getClientRects()[0];
    if (!line || !element.checkVisibility({visibilityProperty: true}) || opacity(element) === 0) { continue; }
    const x = line.left + line.width / 2, y = line.top + line.height / 2;
    const outside = x < box.left || x > box.right || y < box.top || y > box.bottom;
    if (outside || x > innerWidth || y > innerHeight) { continue; }
    const stack = document.elementsFromPoint(x, y);
    const at = stack.findIndex(e => e.contains(element));
    if (at < 0) { continue; }
    let backdrop = [255, 255, 255];
    for (const e of stack.slice(at).reverse()) {
      const [r, g, b, a] = parse(getComputedStyle(e).backgroundColor);
      backdrop = over([r, g, b], backdrop, a * opacity(e));
    }
    const [r, g, b, a] = parse(getComputedStyle(element).color);
    const part = element.closest(".tl-slide, .tl-slidenav-previous, .tl-slidenav-next, .tl-timemarker, .tl-timeaxis");
    const name = (part ? part.classList[0] + " " : "") + element.tagName.toLowerCase()
      + [...element.classList].map(c => "." + c).join("");
    const text = node.textContent.trim().slice(0, 40);
    out.push([name, text, css(over([r, g, b], backdrop, a * opacity(element))), css(backdrop)]);
  }
  return out;
}
"""


#: The text of an element outside its links and the parts that are prose (a link's note among them),
#: quotations, dates, the citation or what a figure counts in its source's terms:
#: what is left names things structurally (roles, chains, claimants), and there every actor or place
#: name must be a link.
STRUCTURAL_TEXT_JS = """
article => {
  // A map's drawing (svg) is hidden from assistive technology; its caption names its places as links.
  const skip = "a, h1, blockquote, time, .aliases, .basis, .counted, .link-note, section[aria-labelledby='what'], "
    + "section.cite, [hidden], svg";
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (text && !node.parentElement.closest(skip)) { out.push(text); }
  }
  return out;
}
"""


def search_results(reader: Reader, query: str) -> list[str]:
    """Wait for the search page to answer (its status line says so); the result links' addresses."""
    expect(reader.page.locator("[data-search-status]")).to_contain_text(f"for \u201c{query}\u201d")
    links = reader.page.locator("[data-search-results] li h3 a")
    status = reader.page.locator("[data-search-status]").inner_text()
    assert links.count() > 0, f"searching for {query!r} found nothing; the page says: {status!r}"
    return list[str](links.evaluate_all("links => links.map(a => a.href)"))


def walk_home_event_search(reader: Reader) -> None:
    """Home (waiting for the search index), an event, then a search typed into the box."""
    page = reader.page
    # Only the search page loads search code; elsewhere the box sends the query there.
    open_downing_from_home(reader)
    box = page.get_by_role("searchbox", name="Search the chronology")
    box.press_sequentially("Gorbakha")
    box.press("Enter")
    expect(page).to_have_url(reader.url("search.html?q=Gorbakha"))
    assert reader.url(place_path(GORBAKHA)) in search_results(reader, "Gorbakha")


# --- 1. the walk ---------------------------------------------------------------------------------


@pytest.mark.example
def test_the_barrage_shows_the_differing_counts_side_by_side(reader: Reader) -> None:
    """The barrage's page: each count in a row group, every figure attributed, the earlier first."""
    barrage = chronology().events_by_id[BARRAGE]
    reader.page.goto(reader.url(event_path(barrage.id)))
    table = reader.page.get_by_role("region", name="Figures", exact=True).locator("table.figures")
    expect(table.locator("tbody th")).to_have_text(
        ["Air raid siren hours", "Missiles launched Accounts differ", "Missiles shot down"]
    )
    launched = table.locator("tbody").nth(1).locator("tr")
    expect(launched.locator("td:nth-of-type(1)")).to_have_text(
        ["more than 120 missiles fired into Ukraine during the attack", "69 missiles launched by Russia"]
    )
    # Each party's figure with the source that reports it.
    report = "as reported by Untitled news report on Belarus's S-300 claim"
    expect(launched.locator("td:nth-of-type(2)")).to_have_text(
        [f"Officials, {report}, earlier", f"Ukraine's military, {report}"]
    )
    shot_down = table.locator("tbody").nth(2).locator("tr td")
    expect(shot_down.nth(0)).to_have_text("54 missiles shot down by Ukraine")
    expect(shot_down.nth(1)).to_have_text(f"Ukraine's military, {report}")


@pytest.mark.example
def test_the_timeline_marks_every_claim_and_statement_and_no_fact(reader: Reader) -> None:
    # The list marked a claim but not a statement ("Belarus's Defence Ministry says ... the wreckage
    # is an S-300 fired from Ukraine"), which then read as established. Its mark is its standing's,
    # as its page's banner gives it, whatever its tags.
    c = chronology()
    reader.page.goto(reader.url())
    marks = reader.page.locator("li.event-item").evaluate_all(
        "items => Object.fromEntries(items.map(li => [li.id.slice(2),"
        " [...li.querySelectorAll('.claim')].map(m => m.textContent)]))"
    )
    wrong = []
    for event in c.events:
        standing = c.standing(event)
        kind = "claim" if standing.only_claimed else "statement" if standing.statement else "fact"
        expected = {"claim": "Claim of ", "statement": "Statement: ", "fact": None}[kind]
        shown = [m for m in marks[event.id] if m != "Accounts differ"]
        if (expected is None and shown) or (expected and not (len(shown) == 1 and shown[0].startswith(expected))):
            wrong.append(f"{event.title} ({kind}): {shown}")
        if ("Accounts differ" in marks[event.id]) != bool(standing.differing):
            wrong.append(f"{event.title}: 'Accounts differ' {'missing' if standing.differing else 'wrong'}")
    assert not wrong, "\n".join(wrong)
    kinds = {
        ("claim" if c.standing(e).only_claimed else "statement" if c.standing(e).statement else "fact")
        for e in c.events
    }
    assert kinds == {"claim", "statement", "fact"}, kinds  # each kind is tried


@pytest.mark.example
def test_walk_home_event_actor_place_event_and_back(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    ministry = c.actors[MINISTRY]
    gorbakha = c.places[GORBAKHA]
    fragments = c.events_by_id[FRAGMENTS]

    # Home -> the downing: its date in words with the time, the claim, a quote and its link.
    downing = open_downing_from_home(reader)
    facts = page.locator("dl.facts")
    expect(page.get_by_role("region", name="When", exact=True).locator("time")).to_have_text(DOWNING_WHEN)
    for claim in c.standing(downing).claims:  # one claim for each source, its citations' parties apart
        accounts = []
        for parties in claim.accounts:
            names = [c.actors[a].name for a in parties]
            accounts.append(" and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names))
        each = [accounts[0], *(f"one of {names}" for names in accounts[1:])]
        listed = f"{', '.join(each[:-1])}, and {each[-1]}" if len(each) > 1 else each[0]
        expect(page.locator(".claim-banner")).to_contain_text(f"A claim of {listed}, reported by")
    acknowledged = page.locator(".standing .bearing", has_text="Acknowledged by:")
    expect(acknowledged.get_by_role("link")).to_have_text(c.events_by_id[SPOKESMAN].title)
    quote = downing.sources[0].quotes[0]
    quoted = page.locator("ul.quotes > li", has=page.locator("blockquote", has_text=quote))
    expect(quoted.locator("blockquote")).to_be_visible()
    in_context = quoted.get_by_role("link", name=passage_link_name(quote), exact=True)
    expect(in_context).to_be_visible()
    expect(in_context).to_have_attribute("href", re.compile(rf"sources/{SOURCE}/#q\d+-\d+$"))

    # -> the Defence Ministry: every event it takes part in, in order, each with its role.
    page.get_by_role("region", name="Who", exact=True).get_by_role("link", name=ministry.name, exact=True).click()
    expect_page(reader, actor_path(MINISTRY), ministry.name)
    entries = c.events_with_members[MINISTRY]
    events = [e for e, _ in entries]
    expect(page.get_by_role("heading", name=f"Events ({len(events)})")).to_be_visible()
    items = page.locator("li.event-item")
    expect(items.locator(".event-title")).to_have_text([e.title for e in events])
    # An event that comes through a member (Konovalov's) names the member instead of a role.
    roles = [f"Role: {roles_of(e, MINISTRY)}" for e, via in entries if not via]
    expect(items.locator(".event-role")).to_have_text(roles)

    # -> Gorbakha, one of the places of its events: the chain of places enclosing it.
    where = page.get_by_role("region", name="Where these events happened")
    where.get_by_role("link", name=gorbakha.name, exact=True).click()
    expect_page(reader, place_path(GORBAKHA), gorbakha.name)
    assert [p.name for p in c.place_chain(GORBAKHA)[1:]] == GORBAKHA_CHAIN
    expect(facts.locator("dt:text-is('In') + dd a")).to_have_text(GORBAKHA_CHAIN)
    here = page.get_by_role("region", name=re.compile(r"^Events here"))
    expect(here.locator("li.event-item .event-title")).to_have_text([e.title for e in c.events_at(GORBAKHA)])

    # -> an event there.
    here.get_by_role("link", name=fragments.title, exact=True).click()
    expect_page(reader, event_path(FRAGMENTS), fragments.title)

    # Back, page by page, to where the walk began.
    page.go_back()
    expect_page(reader, place_path(GORBAKHA), gorbakha.name)
    page.go_back()
    expect_page(reader, actor_path(MINISTRY), ministry.name)
    page.go_back()
    expect_page(reader, event_path(DOWNING), downing.title)
    page.go_back()
    expect_page(reader, "", "Timeline")


# --- 2. links ------------------------------------------------------------------------------------


def test_every_event_on_the_timeline_links_to_its_page(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    page.goto(reader.url())
    expect(page.locator("li.event-item")).to_have_count(len(c.events))
    titles = page.locator("li.event-item .event-title a")
    expect(titles).to_have_text([e.title for e in c.events])
    assert titles.evaluate_all("links => links.map(a => a.href)") == [reader.url(event_path(e.id)) for e in c.events]
    # Every link on the timeline, not only the titles, leads to a page that exists.
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.href.split('#')[0])")
    broken = []
    for href in sorted(set(hrefs)):
        response = page.request.get(href)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            broken.append(f"{href}: {response.status} {response.headers.get('content-type')}")
    assert not broken, "links on the timeline that lead nowhere:\n" + "\n".join(broken)


def test_every_actor_and_place_on_every_event_page_is_a_link(reader: Reader) -> None:
    """Walks every event page through the "Next event" links, from the timeline's first event."""
    c = chronology()
    page = reader.page
    page.goto(reader.url())
    page.locator("main").get_by_role("link", name=c.events[0].title, exact=True).click()
    names = {a.name for a in c.actors.values()} | {p.name for p in c.places.values()}
    name_pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)))
    problems: list[str] = []
    for index, event in enumerate(c.events):
        expect_page(reader, event_path(event.id), event.title)
        article = page.locator("main article")
        links = set(
            map(
                tuple,
                article.locator("a[href]").evaluate_all(
                    "links => links.filter(a => !a.closest('svg')).map(a => [a.href, a.textContent.trim()])"
                ),
            )
        )
        for actor_id in event.actor_ids:
            wanted = (reader.url(actor_path(actor_id)), c.actors[actor_id].name)
            if wanted not in links:
                problems.append(f"{event.id}: no link to the actor {wanted[1]} ({wanted[0]})")
        for place_id in event.places:
            for place in c.place_chain(place_id):
                wanted = (reader.url(place_path(place.id)), place.name)
                if wanted not in links:
                    problems.append(f"{event.id}: no link to the place {wanted[1]} ({wanted[0]})")
        for text in article.evaluate(STRUCTURAL_TEXT_JS):
            for found in name_pattern.findall(text):
                problems.append(f"{event.id}: {found!r} is named without a link, in {text!r}")
        if index + 1 < len(c.events):
            nav = page.get_by_role("navigation", name="Previous and next event")
            nav.get_by_role("link", name=c.events[index + 1].title, exact=True).click()
    assert not problems, "\n".join(problems)


# --- 3. the filter -------------------------------------------------------------------------------


@pytest.mark.example
def test_filter_by_actor_and_place_is_kept_in_the_url(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    ministry_events = [e for e, _ in c.events_with_members[MINISTRY]]
    assert 0 < len(ministry_events) < len(c.events)
    page.goto(reader.url())
    expect_timeline_shows(page, c.events)

    # The filters are folded away until asked for.
    actor = page.get_by_label("Actor", exact=True)
    expect(actor).to_be_hidden()
    page.get_by_text("Show only the events of an actor, a place or a tag").click()
    actor.select_option(MINISTRY)
    expect(page).to_have_url(reader.url(f"?actor={MINISTRY}"))
    expect_timeline_shows(page, ministry_events)
    expect(page.get_by_role("status")).to_have_text(
        f"Showing {len(ministry_events)} of {len(c.events)} events; the time axis dims the others."
    )
    # The axis still draws every event, and dims the marks of those the filter leaves out.
    shown = {e.id for e in ministry_events}
    for event in c.events:
        mark = page.locator(f'.axis-plot li.mark:has(> a[href$="events/{event.id}/"])').first
        expect(mark).to_have_class(
            re.compile(r"\bleft-out\b") if event.id not in shown else re.compile(r"^(?!.*left-out)")
        )

    # The URL can be shared: loaded again, it shows the same choice and the same events.
    page.reload()
    expect(actor).to_have_value(MINISTRY)
    expect(actor.locator("option:checked")).to_have_text(c.actors[MINISTRY].name)
    expect_timeline_shows(page, ministry_events)

    # A place includes the events at the places within it: Belarus shows the Gorbakha event.
    actor.select_option("")
    page.get_by_label("Place", exact=True).select_option("belarus")
    expect(page).to_have_url(reader.url("?place=belarus"))
    in_belarus = c.events_at("belarus")
    assert FRAGMENTS in {e.id for e in in_belarus} and len(in_belarus) < len(c.events)
    expect(page.locator(f"#e-{FRAGMENTS}")).to_be_visible()
    expect_timeline_shows(page, in_belarus)

    # "Show all" brings every event back and clears the choice from the URL.
    page.get_by_role("link", name="Show all").click()
    expect(page).to_have_url(reader.url())
    expect(page.get_by_label("Place", exact=True)).to_have_value("")
    expect_timeline_shows(page, c.events)


#: The fold that holds the timeline's filters.
FILTER_FOLD = "Show only the events of an actor, a place or a tag"
#: Where the timeline says, without JavaScript, that it cannot be narrowed.
NO_FILTER_NOTE = "The timeline can be narrowed only with JavaScript."


def expect_the_timeline_says_it_cannot_filter(page: Page, site: str) -> None:
    """Without JavaScript, the timeline shows no filter that could not work, and its note leads to
    the indexes of actors, places and tags, whose pages list their events."""
    expect(page.get_by_text(FILTER_FOLD)).to_be_hidden()
    expect(page.get_by_label("Actor", exact=True)).to_be_hidden()
    expect(page.get_by_role("button", name="Filter")).to_be_hidden()
    note = page.locator("main p", has_text=NO_FILTER_NOTE)
    expect(note).to_be_visible()
    links = note.get_by_role("link")
    expect(links).to_have_text(["Actors", "Places", "Tags"])
    expect(links.nth(0)).to_have_attribute("href", re.compile(r"(^|/)actors/$"))
    expect(links.nth(1)).to_have_attribute("href", re.compile(r"(^|/)places/$"))
    expect(links.nth(2)).to_have_attribute("href", re.compile(r"(^|/)tags/$"))
    links.nth(0).click()
    expect(page).to_have_url(site + "actors/")
    expect(page.locator("main h1")).to_have_text("Actors")


def test_without_javascript_the_timeline_offers_no_filter_and_says_where_to_look(
    open_reader: Callable[..., Reader],
) -> None:
    c = chronology()
    reader = open_reader(java_script_enabled=False)
    # A shared address with a choice shows the full timeline, and nothing pretends it was narrowed.
    reader.page.goto(reader.url(f"?actor={MINISTRY}&place=belarus"))
    expect(reader.page.locator("main h1")).to_have_text("Timeline")
    expect(reader.page.locator("li.event-item:visible")).to_have_count(len(c.events))
    assert visible_event_ids(reader.page) == [e.id for e in c.events]
    expect_the_timeline_says_it_cannot_filter(reader.page, reader.url())


def test_a_period_of_the_timeline_filters_only_with_javascript(
    open_reader: Callable[..., Reader], period_site_url: str
) -> None:
    """A timeline split into periods: each period's page has the filter with JavaScript, and
    without it the note in its place."""

    def open_last_period(reader: Reader) -> None:
        reader.page.goto(period_site_url)
        periods = reader.page.get_by_role("navigation", name="Periods of the timeline").get_by_role("link")
        expect(periods).not_to_have_count(0)
        periods.last.click()
        expect(reader.page.locator("main h1")).to_have_text(re.compile(r"^Timeline: "))

    reader = open_reader()
    open_last_period(reader)
    expect(reader.page.get_by_text(FILTER_FOLD)).to_be_visible()
    expect(reader.page.locator("main p", has_text=NO_FILTER_NOTE)).to_be_hidden()
    quiet = open_reader(java_script_enabled=False)
    open_last_period(quiet)
    expect_the_timeline_says_it_cannot_filter(quiet.page, period_site_url)


@pytest.mark.example
def test_the_timeline_follows_the_sequence_the_report_gives(reader: Reader) -> None:
    # "BelTA first reported" (the Defence Ministry's statement came "with" it, so is not after it);
    # "Belarus later summoned"; "Officials had earlier said more than 120"; the talks were part of
    # the visit; the downing came "during" the barrage.
    c = chronology()
    reader.page.goto(reader.url())
    shown = visible_event_ids(reader.page)
    assert shown == [e.id for e in c.events]
    in_order = [
        *(
            ["2022-12-29-belta-reports-s300-landed-in-belarus", later]
            for later in (
                "2022-12-29-konovalov-plays-down-incident",
                "2022-12-29-konovalov-compares-incident-to-poland-s300",
                "2022-12-29-ukrainian-military-spokesman-in-effect-acknowledges-stray",
            )
        ),
        [
            "2022-12-29-belarus-defence-ministry-says-wreckage-is-ukrainian-s300",
            "2022-12-29-belarus-summons-ukraine-ambassador",
        ],
        [
            "2022-12-29-officials-say-more-than-120-missiles-fired",
            "2022-12-29-ukraine-military-says-it-shot-down-54-of-69-missiles",
        ],
        [
            "2022-12-19-putin-visits-belarus-for-talks-with-lukashenko",
            "2022-12-19-putin-and-lukashenko-discuss-security",
        ],
        ["2022-12-29-russia-fires-missile-barrage-at-ukraine", DOWNING],
    ]
    for sequence in in_order:
        positions = [shown.index(event_id) for event_id in sequence]
        assert positions == sorted(positions), sequence


@pytest.mark.example
def test_an_actors_page_and_filter_include_its_members_events(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    claim = c.events_by_id["2022-12-29-belarus-defence-ministry-says-wreckage-is-ukrainian-s300"]
    belarus = c.actors["belarus"]
    ministry = c.actors[MINISTRY]
    page.goto(reader.url())
    page.locator("main").get_by_role("link", name=claim.title, exact=True).click()
    page.get_by_role("region", name="Who", exact=True).get_by_role("link", name=ministry.name, exact=True).click()
    page.locator("dl.facts").get_by_role("link", name=belarus.name, exact=True).click()
    expect_page(reader, actor_path("belarus"), belarus.name)
    entries = c.events_with_members["belarus"]
    assert claim.id not in [e.id for e in c.events_by_actor["belarus"]]
    expect(page.get_by_role("heading", name=f"Events ({len(entries)})")).to_be_visible()
    items = page.locator("li.event-item")
    expect(items.locator(".event-title")).to_have_text([e.title for e, _ in entries])
    item = page.locator(f"li#e-{claim.id}")
    expect(item.locator(".event-via")).to_have_text(f"Via {ministry.name} (speaker)")
    item.locator(".event-via").get_by_role("link", name=ministry.name, exact=True).click()
    expect_page(reader, actor_path(MINISTRY), ministry.name)

    # The timeline's actor filter shows the same events, and says which come through a member.
    page.goto(reader.url("?actor=belarus"))
    expect_timeline_shows(page, [e for e, _ in entries])
    expect(page.locator(f"li#e-{claim.id} .event-via")).to_have_text(f"Via {ministry.name}")
    expect(page.locator(f"li#e-{DOWNING} .event-via")).to_have_count(0)  # Belarus itself claims it
    names = [" and ".join(c.actors[m].name for m in via) for _, via in entries if via]
    expect(page.locator("li.event-item:visible .event-via")).to_have_text([f"Via {n}" for n in names])
    page.get_by_label("Actor", exact=True).select_option("")
    expect(page.locator("li.event-item .event-via")).to_have_count(0)


@pytest.mark.example
def test_each_link_reads_from_both_ends_in_its_words(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    barrage = c.events_by_id["2022-12-29-russia-fires-missile-barrage-at-ukraine"]
    downing = open_downing_from_home(reader)
    related = page.get_by_role("region", name="Related events")
    expect(related.locator("li", has=page.get_by_role("link", name=barrage.title, exact=True))).to_have_text(
        f"During: {barrage.title} ({barrage.date.words()})"
    )
    related.get_by_role("link", name=barrage.title, exact=True).click()
    expect_page(reader, event_path(barrage.id), barrage.title)
    related = page.get_by_role("region", name="Related events")
    expect(related.locator("li", has=page.get_by_role("link", name=downing.title, exact=True))).to_have_text(
        f"Meanwhile: {downing.title} ({downing.date.words()})"
    )


# --- 4. search -----------------------------------------------------------------------------------


@pytest.mark.example
@pytest.mark.parametrize(
    ("query", "kind", "record", "matches"),
    [
        pytest.param(
            "Konovalov",
            "events",
            "2022-12-29-konovalov-plays-down-incident",
            "title",
            id="word-of-an-event-title",
        ),
        pytest.param("Лукашэнка", "actors", "alexander-lukashenko", "alias", id="cyrillic-alias-of-an-actor"),
        pytest.param("Kiev", "places", "kyiv", "alias", id="latin-alias-of-a-place"),
        pytest.param("Gorbakha", "places", GORBAKHA, "name", id="name-of-a-place"),
    ],
)
def test_search_finds_and_leads_to_real_pages(reader: Reader, query: str, kind: str, record: str, matches: str) -> None:
    c = chronology()
    if kind == "events":
        title = c.events_by_id[record].title
        assert query in title
    else:
        item = (c.actors if kind == "actors" else c.places)[record]
        title = item.name
        if matches == "alias":  # the word is only an alias: no name anywhere contains it
            assert any(query in alias.name for alias in item.aliases)
            names = [a.name for a in c.actors.values()] + [p.name for p in c.places.values()]
            assert not any(query in name for name in names)
        else:
            assert query in item.name
    page = reader.page
    page.goto(reader.url())
    box = page.get_by_role("searchbox", name="Search the chronology")
    box.fill(query)
    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(reader.url("search.html?q="))))
    expect(box).to_have_value(query)
    hrefs = search_results(reader, query)
    target = reader.url(f"{kind}/{record}/")
    assert target in hrefs, f"searching for {query!r} does not list {target}: {hrefs}"
    for href in set(hrefs):
        assert page.request.get(href).status == 200, f"the search result {href} leads nowhere"
    page.locator("[data-search-results]").locator(f"a[href$='{kind}/{record}/']").first.click()
    expect_page(reader, f"{kind}/{record}/", title)


@pytest.mark.example
def test_search_results_show_title_kind_date_and_the_words_found(reader: Reader) -> None:
    event = chronology().events_by_id["2022-12-29-konovalov-plays-down-incident"]
    page = reader.page
    page.goto(reader.url("search.html?q=Konovalov"))
    search_results(reader, "Konovalov")
    result = page.locator("[data-search-results] li").filter(has=page.locator(f"a[href$='events/{event.id}/']"))
    expect(result.locator("h3")).to_have_text(event.title)
    expect(result.locator(".result-meta")).to_have_text(f"Event \u00b7 {event.date.words()}")
    expect(result.locator(".result-excerpt mark").first).to_have_text(re.compile("^Konovalov", re.I))


@pytest.mark.example
@pytest.mark.parametrize(
    ("query", "own"),
    [
        pytest.param("Lukashenko", ["actors/alexander-lukashenko/"], id="an-actor-s-surname"),
        pytest.param("Лукашэнка", ["actors/alexander-lukashenko/"], id="an-actor-s-cyrillic-alias"),
        pytest.param("Konovalov", ["actors/oleg-konovalov/"], id="a-surname-in-two-event-titles"),
        pytest.param("Gorbakha", [f"places/{GORBAKHA}/"], id="a-place-named-in-an-event-title"),
        pytest.param("Kiev", ["places/kyiv/"], id="a-place-s-latin-alias"),
        # An actor and a place of one name: both, before the actors and events with "Belarus's"
        # or "Belarusian" in their names, which Pagefind finds as well.
        pytest.param("Belarus", ["actors/belarus/", "places/belarus/"], id="a-state-and-a-country"),
        pytest.param("Ukraine", ["actors/ukraine/", "places/ukraine/"], id="a-name-many-others-begin-with"),
        pytest.param(
            "Konovalov compares the incident to the S-300 that landed in Poland in November",
            ["events/2022-12-29-konovalov-compares-incident-to-poland-s300/"],
            id="an-event-s-title",
        ),
    ],
)
def test_a_name_searched_for_lists_its_own_page_first(reader: Reader, query: str, own: list[str]) -> None:
    # Searching "Lukashenko" listed two events whose titles name him before his own page; "Belarus"
    # listed the state's page 16th and the country's 15th; an actor's aliases filled the excerpt.
    c = chronology()
    page = reader.page
    page.goto(reader.url("search.html?q=" + query))
    hrefs = search_results(reader, query)
    assert sorted(hrefs[: len(own)]) == sorted(reader.url(path) for path in own), hrefs[:5]
    if own[0].startswith("actors/"):
        actor = c.actors[own[0].split("/")[1]]
        result = page.locator("[data-search-results] li").filter(has=page.locator(f"a[href$='{own[0]}']"))
        # What the page is about, not its names: they are searched, never shown.
        assert actor.description
        excerpt = result.locator(".result-excerpt").inner_text()
        assert not any(alias.name in excerpt for alias in actor.aliases), excerpt
        assert excerpt.startswith(" ".join(actor.description.split()[:4])), excerpt


@pytest.mark.example
def test_a_misspelt_name_finds_nothing_and_the_page_says_what_to_try(reader: Reader) -> None:
    # Pagefind finds words by how they begin, not by their likeness: "Gorbaha" finds nothing
    # (no fuzzy matching is made up on top of it); the page says so and offers its first letters.
    page = reader.page
    page.goto(reader.url("search.html?q=Gorbaha"))
    status = page.locator("[data-search-status]")
    expect(status).to_have_text(
        "Nothing in the chronology matches \u201cGorbaha\u201d. Words are found by how they begin, so a "
        "word misspelt finds nothing: try its first letters (\u201cGorb\u201d)."
    )
    expect(page.locator("[data-search-results] li")).to_have_count(0)
    page.goto(reader.url("search.html?q=Gorb"))
    assert search_results(reader, "Gorb")[0] == reader.url(place_path(GORBAKHA))


def result_count(reader: Reader, query: str) -> int:
    """How many results the search page's status line reports for ``query``."""
    search_results(reader, query)
    status = reader.page.locator("[data-search-status]").inner_text()
    found = re.fullmatch(rf"(\d+) results? for \u201c{re.escape(query)}\u201d( with the filters chosen)?\.", status)
    assert found, status
    return int(found.group(1))


@pytest.mark.example
def test_a_search_filter_narrows_the_results_and_is_kept_in_the_url(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    page.goto(reader.url("search.html?q=Belarus"))
    everything = result_count(reader, "Belarus")
    page.locator("[data-search-filters] summary").click()
    kind = page.get_by_label("Kind")
    expect(kind.locator("option[value='Actor']")).to_have_count(1)
    kind.select_option("Actor")
    expect(page).to_have_url(reader.url("search.html?q=Belarus&kind=Actor"))
    expect(page.locator("[data-search-status]")).to_contain_text("for \u201cBelarus\u201d with the filters chosen.")
    expect(page.locator("[data-search-status]")).not_to_have_text(f"{everything} results for \u201cBelarus\u201d.")
    actors = result_count(reader, "Belarus")
    assert 0 < actors < everything
    shown = search_results(reader, "Belarus")
    assert all("/actors/" in href for href in shown), shown
    assert reader.url("actors/belarus/") in shown
    # A filter by an actor keeps the events its page lists, and nothing else.
    kind.select_option("")
    page.get_by_label("Actor").select_option("Alexander Lukashenko")
    expect(page).to_have_url(reader.url("search.html?q=Belarus&actor=Alexander+Lukashenko"))
    expect(page.locator("[data-search-status]")).not_to_have_text(f"{everything} results for \u201cBelarus\u201d.")
    his = {reader.url(f"events/{e.id}/") for e, _ in c.events_with_members["alexander-lukashenko"]}
    found = search_results(reader, "Belarus")
    assert 0 < result_count(reader, "Belarus") < everything
    assert set(found) <= his, found


@pytest.mark.example
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_search_sorted_by_date_follows_the_timeline_s_order(reader: Reader, order: str) -> None:
    # 'Oldest first' put the events of 29 December after those of 'one day of 29 to 31 December':
    # the index sorted their ISO forms, '2022-12-29' after '2022-12'.
    page = reader.page
    page.goto(reader.url("search.html?q=missile&kind=Event"))
    relevant = search_results(reader, "missile")
    page.get_by_label("Order").select_option(order)
    expect(page).to_have_url(reader.url(f"search.html?q=missile&sort={order}&kind=Event"))
    expect(page.locator("[data-search-status]")).to_contain_text(
        f"results for \u201cmissile\u201d with the filters chosen, {'oldest' if order == 'asc' else 'newest'} first."
    )
    c = chronology()

    def place_of(href: str) -> int:
        """Where the event stands in the timeline, from the data: by its date, then among the
        events of its date (links, time, title, id)."""
        found = re.search(r"/events/([^/]+)/$", href)
        assert found and found.group(1) in c.position, f"{href} is not an event's page"
        return c.position[found.group(1)]

    shown = search_results(reader, "missile")
    assert sorted(shown) == sorted(relevant)
    places = [place_of(href) for href in shown]
    assert places == sorted(places, reverse=order == "desc")
    dates = [c.events_by_id[event.id].date for event in c.events if c.position[event.id] in places]
    assert len({date.sort_key() for date in dates}) > 2 < len(dates) - 2  # several dates, and ties among them


def test_on_a_phone_the_search_page_shows_its_search_box(open_reader: Callable[..., Reader]) -> None:
    # The box is in the menu, folded on a narrow screen, under a page that says "type in the search
    # box above".
    reader = open_reader(viewport={"width": 390, "height": 844})
    page = reader.page
    page.goto(reader.url("search.html"))
    box = page.get_by_role("searchbox", name="Search the chronology")
    expect(box).to_be_visible()
    box.press_sequentially("Belarus")
    search_results(reader, "Belarus")
    page.goto(reader.url("search.html?q=Belarus"))  # with results, the menu does not push them down
    search_results(reader, "Belarus")
    expect(box).to_be_hidden()
    page.goto(reader.url(""))  # elsewhere the menu stays folded
    expect(box).to_be_hidden()


def test_the_search_page_s_narrow_control_has_the_site_s_focus_ring(reader: Reader) -> None:
    # "Narrow the results" (a <details>' summary) had the browser's thin ring, every other control
    # the site's 3-px one.
    page = reader.page
    page.goto(reader.url("search.html?q=Belarus"))
    page.get_by_label("Order").focus()
    page.keyboard.press("Tab")
    summary = page.locator("[data-search-filters] > summary")
    expect(summary).to_be_focused()
    ring = summary.evaluate("s => { const c = getComputedStyle(s); return [c.outlineStyle, c.outlineWidth]; }")
    page.keyboard.press("Shift+Tab")
    order = page.get_by_label("Order")
    expect(order).to_be_focused()
    assert ring == order.evaluate("s => { const c = getComputedStyle(s); return [c.outlineStyle, c.outlineWidth]; }")
    assert ring == ["solid", "3px"], ring


@pytest.mark.example
def test_search_sorted_by_date_says_what_has_no_date(reader: Reader) -> None:
    page = reader.page
    page.goto(reader.url("search.html?q=Belarus&sort=asc"))
    search_results(reader, "Belarus")
    expect(page.locator("[data-search-status]")).to_contain_text("dated results for \u201cBelarus\u201d, oldest first.")
    expect(page.locator("[data-search-status]")).to_contain_text("Actors, places and tags have no date")


def test_without_javascript_the_search_page_shows_no_control_that_cannot_work(
    open_reader: Callable[..., Reader],
) -> None:
    reader = open_reader(java_script_enabled=False)
    page = reader.page
    page.goto(reader.url("search.html?q=Belarus"))
    expect(page.locator("main h1")).to_have_text("Search")
    expect(page.get_by_label("Order")).to_be_hidden()
    expect(page.get_by_text("Narrow the results")).to_be_hidden()
    expect(page.get_by_label("Kind")).to_be_hidden()
    expect(page.get_by_role("heading", name="Results")).to_be_hidden()  # there will be none
    expect(page.get_by_text("Results appear as you type")).to_be_hidden()
    # Playwright's text locators pass over <noscript>; a paragraph's own text is found.
    notice = page.locator("main p", has_text="Search needs JavaScript.")
    expect(notice).to_be_visible()
    # Right under the heading: the empty status line and list of results left a blank gap of ~60 px.
    heading_bottom = page.locator("main h1").evaluate("h => h.getBoundingClientRect().bottom")
    gap = notice.evaluate("p => p.getBoundingClientRect().top") - heading_bottom
    assert gap <= 24, f"{gap:.0f} px between the heading and the notice"


@pytest.mark.example
def test_a_page_that_does_not_search_loads_no_search_code(reader: Reader) -> None:
    open_downing_from_home(reader)
    reader.page.wait_for_load_state("load")
    loaded = [url for url in reader.requests if "pagefind" in url or url.endswith("search.js")]
    assert not loaded, loaded


# --- 5. the source page --------------------------------------------------------------------------


@pytest.mark.example
def test_source_page_highlights_every_quoted_passage(reader: Reader) -> None:
    c = chronology()
    source = c.sources[SOURCE]
    page = reader.page
    open_downing_from_home(reader)
    # The first of its citations (the downing cites the report twice: Belarus's claim, BelTA's).
    page.get_by_role("region", name="Sources", exact=True).get_by_role(
        "link", name=source.title or source.label
    ).first.click()
    expect_page(reader, f"sources/{SOURCE}/", source.title or source.label)
    # The source's text as the reader sees it (without the numbered links), and which of its
    # characters are highlighted.
    text, highlighted = page.locator(".source-text").evaluate(
        """box => {
          let text = "", mask = "";
          const walk = node => {
            if (node.nodeType === Node.TEXT_NODE) {
              text += node.textContent;
              const marked = node.parentElement.closest("mark") ? "1" : "0";
              mask += marked.repeat(node.textContent.length);
            } else if (!(node.matches && node.matches("a.ref"))) {
              node.childNodes.forEach(walk);
            }
          };
          walk(box);
          return [text, mask];
        }"""
    )
    assert text.strip() == source.text.strip(), "the source page does not show the source's text verbatim"
    offset = text.index(source.text.strip()[:40]) - (len(source.text) - len(source.text.lstrip()))
    assert source.spans, "the source has no quoted passage to check"
    unmarked = []
    for span in source.spans:
        if "0" in highlighted[offset + span.start : offset + span.end]:
            unmarked.append(f"{span.kind} {span.id}: {source.text[span.start : span.end]!r}")
    assert not unmarked, "quoted passages that are not highlighted:\n" + "\n".join(unmarked)


@pytest.mark.example
def test_quote_link_lands_on_the_highlighted_passage(reader: Reader) -> None:
    page = reader.page
    downing = open_downing_from_home(reader)
    citation = downing.sources[0]
    problems = []
    for quote, anchor in zip(citation.quotes, citation.anchors(), strict=True):
        item = page.locator("ul.quotes > li", has=page.locator("blockquote", has_text=quote))
        item.get_by_role("link", name=passage_link_name(quote), exact=True).click()
        expect(page).to_have_url(reader.url(f"sources/{SOURCE}/#{anchor}"))
        expect(page.locator(f"#{anchor}")).to_be_attached()
        # The passage may run over several highlighted runs where quotes overlap: all of them,
        # and only they, are marked as the current passage, and together they hold the quote.
        current = page.locator("mark.current")
        expect(current.first).to_be_in_viewport()
        marked = "".join(current.all_inner_texts())
        if " ".join(quote.split()) not in " ".join(marked.split()):
            problems.append(f"the quote {quote!r} links to #{anchor}, whose marked passage is {marked!r}")
        page.go_back()
        expect_page(reader, event_path(DOWNING), downing.title)
    assert not problems, "\n".join(problems)


#: The text of a source page's marks that are highlighted (have a background), in order.
HIGHLIGHTED_JS = """box => [...box.querySelectorAll("mark")]
  .filter(m => getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)")
  .map(m => m.textContent).join("")"""


@pytest.mark.example
@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_passage_reached_by_its_link_is_highlighted_whole(open_reader: Callable[..., Reader], script: bool) -> None:
    """Where quotes overlap, a passage runs over several marks: all of them are highlighted, and
    no other, with JavaScript or without."""
    source = chronology().sources[SOURCE]
    passages = sorted({(span.start, span.end) for span in source.spans})
    # The passages that take in another quote's start or end: those cut into several marks.
    cut = [(a, b) for a, b in passages if any(a < x < b for span in passages for x in span)]
    assert cut, "no passage of the source is cut by another quote"
    reader = open_reader(java_script_enabled=script)
    page = reader.page
    text = page.locator(".source-text")
    wrong = []
    for start, end in cut:
        page.goto(reader.url(f"sources/{SOURCE}/#q{start}-{end}"))
        expect(text.locator("mark").first).to_be_attached()
        highlighted = text.evaluate(HIGHLIGHTED_JS)
        if highlighted != source.text[start:end]:
            wrong.append(f"#q{start}-{end}: highlighted {highlighted!r}, quoted {source.text[start:end]!r}")
    assert not wrong, "\n".join(wrong)


# --- 6. the keyboard -----------------------------------------------------------------------------


def test_keyboard_skip_link_and_filter(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    page.goto(reader.url())
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    fold = page.locator("summary", has_text="Show only the events of")
    for _ in range(80):
        page.keyboard.press("Tab")
        if fold.evaluate("summary => summary === document.activeElement"):
            break
    expect(fold).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    actor = page.get_by_label("Actor", exact=True)
    expect(actor).to_be_focused()
    page.keyboard.press("ArrowDown")  # the first actor in the list
    chosen = actor.input_value()
    assert chosen, "ArrowDown on the focused actor filter chose nothing"
    expect(page).to_have_url(re.compile(rf"\?actor={re.escape(chosen)}(#content)?$"))
    expect_timeline_shows(page, [e for e, _ in c.events_with_members[chosen]])

    page.keyboard.press("Tab")
    place = page.get_by_label("Place", exact=True)
    expect(place).to_be_focused()
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.get_by_role("link", name="Show all").evaluate("a => a === document.activeElement"):
            break
    expect(page.get_by_role("link", name="Show all")).to_be_focused()
    page.keyboard.press("Enter")
    expect(actor).to_have_value("")
    expect_timeline_shows(page, c.events)


# --- 7.-9. screens, schemes and paper ------------------------------------------------------------


OVERFLOW_JS = """
width => {
  const wide = Array.from(document.querySelectorAll("body *"))
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .map(e => {
      const r = e.getBoundingClientRect();
      const name = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
        + (e.className ? "." + e.className : "");
      return name + ` spans ${Math.round(r.left)}-${Math.round(r.right)}px`;
    });
  return [document.documentElement.scrollWidth, wide.slice(0, 5)];
}
"""


@pytest.mark.example
def test_narrow_screen_needs_no_horizontal_scrolling(open_reader: Callable[..., Reader]) -> None:
    c = chronology()
    reader = open_reader(viewport={"width": NARROW, "height": 740})
    page = reader.page
    source = c.sources[SOURCE]
    too_wide = []

    def measure() -> None:
        width, wide = page.evaluate(OVERFLOW_JS, NARROW)
        if width > NARROW + 1:
            too_wide.append(f"{page.url} is {width}px wide; too wide: {wide}")

    open_downing_from_home(reader)
    page.go_back()
    expect_page(reader, "", "Timeline")
    measure()
    page.go_forward()
    expect_page(reader, event_path(DOWNING), c.events_by_id[DOWNING].title)
    measure()
    # The first of its citations (the downing cites the report twice: Belarus's claim, BelTA's).
    page.get_by_role("region", name="Sources", exact=True).get_by_role(
        "link", name=source.title or source.label
    ).first.click()
    expect_page(reader, f"sources/{SOURCE}/", source.title or source.label)
    measure()
    assert not too_wide, f"pages that scroll sideways on a {NARROW}px screen:\n" + "\n".join(too_wide)


#: The words in the cells of ``selector`` that the layout cuts over two lines (a break after a hyphen
#: is a word's own).
BROKEN_WORDS_JS = """selector => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s\\-\u2010]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.example
@pytest.mark.parametrize("width", [320, NARROW, PHONE["width"]])
def test_the_figures_table_cuts_no_word_on_a_phone(open_reader: Callable[..., Reader], width: int) -> None:
    # The barrage's counts, side by side: a word cut in two ("Missile s launche d") cannot be read.
    c = chronology()
    reader = open_reader(viewport={"width": width, "height": 844})
    page = reader.page
    page.goto(reader.url(event_path(BARRAGE)))
    expect(page.locator("table.figures")).to_be_visible()
    assert page.evaluate(BROKEN_WORDS_JS, "table.figures th, table.figures td") == []
    page_width, wide = page.evaluate(OVERFLOW_JS, width)
    assert page_width <= width + 1, f"{c.events_by_id[BARRAGE].title}: {page_width}px wide; too wide: {wide}"


@pytest.mark.parametrize("width", [320, PHONE["width"]])
def test_the_data_table_cuts_no_word_on_a_phone(open_reader: Callable[..., Reader], width: int) -> None:
    # The file names were cut letter by letter ("chro/nolo/gy.j/son"), the headings too ("Forma/t"):
    # the table scrolls in its box instead, its words whole.
    reader = open_reader(viewport={"width": width, "height": 844})
    page = reader.page
    page.goto(reader.url("data/"))
    expect(page.locator("table.data-files")).to_be_visible()
    assert page.evaluate(BROKEN_WORDS_JS, "table.data-files th, table.data-files td") == []
    box = page.locator(".table-scroll:has(> table.data-files)")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto'")
    page_width, wide = page.evaluate(OVERFLOW_JS, width)
    assert page_width <= width, f"data/: {page_width}px wide; too wide: {wide}"


def test_the_menu_leads_to_pages_on_a_narrow_screen(open_reader: Callable[..., Reader]) -> None:
    reader = open_reader(viewport={"width": NARROW, "height": 740})
    page = reader.page
    page.goto(reader.url())
    links = page.locator("header nav a, footer nav a")
    names = links.all_text_contents()
    assert len(names) >= 8, names
    for name in names:
        link = page.locator("header nav, footer nav").get_by_role("link", name=name, exact=True)
        if not link.is_visible():
            page.get_by_text("Menu", exact=True).click()
        link.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()


#: The widths every page must fit: the narrowest phone, phones, a small tablet upright and a tablet.
WIDTHS = [320, NARROW, PHONE["width"], 600, 768]


@pytest.mark.example
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_of_the_site_scrolls_sideways(open_reader: Callable[..., Reader], site_dir: Path, width: int) -> None:
    # The Data page's table of files pushed the page to 780 px on a 600-px screen, the format's and
    # the performance figures' pages theirs past 600, a Figures table past 320: a wide table
    # scrolls inside its own box, not the page.
    reader = open_reader(viewport={"width": width, "height": 740})
    page = reader.page
    paths = sorted(str(p.relative_to(site_dir).parent) + "/" for p in site_dir.rglob("index.html"))
    paths = [p.removeprefix("./") for p in paths]
    assert {"", "data/", "format/", "performance/", f"events/{BARRAGE}/"} <= set(paths)
    too_wide = []
    for path in [*paths, "search.html"]:
        page.goto(reader.url(path), wait_until="load")
        page_width, wide = page.evaluate(OVERFLOW_JS, width)
        if page_width > width:
            too_wide.append(f"/{path} is {page_width}px wide; too wide: {wide}")
    assert not too_wide, f"pages that scroll sideways on a {width}px screen:\n" + "\n".join(too_wide)


#: The readers' menu, in order; the pages for contributors are in the footer.
READERS_MENU = ["Timeline", "Actors", "Places", "Sources", "About"]
CONTRIBUTORS = ["Contribute", "Data format", "Performance", "Your own chronology"]


def test_the_menu_is_for_readers_and_contributor_pages_are_in_the_footer(reader: Reader) -> None:
    page = reader.page
    page.set_viewport_size(WIDE)
    page.goto(reader.url())
    menu = page.get_by_role("navigation", name="Site")
    expect(menu.get_by_role("link")).to_have_text(READERS_MENU)
    expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
    expect(page.get_by_role("navigation", name="For contributors").get_by_role("link")).to_have_text(CONTRIBUTORS)
    page.get_by_role("navigation", name="For contributors").get_by_role("link", name="Data format").click()
    expect_page(reader, "format/", "Data format")


@pytest.mark.parametrize("script", [True, False], ids=["with-script", "without-script"])
def test_on_a_phone_the_menu_folds_and_opens_with_the_keyboard(
    open_reader: Callable[..., Reader], script: bool
) -> None:
    reader = open_reader(viewport=PHONE, java_script_enabled=script)
    page = reader.page
    page.goto(reader.url())
    menu = page.get_by_role("navigation", name="Site")
    expect(menu).to_be_hidden()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")
    summary = page.locator("summary", has_text="Menu")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu.get_by_role("link")).to_have_text(READERS_MENU)
    for name in READERS_MENU:
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Timeline", exact=True)).to_be_focused()


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_follows_the_readers_colour_scheme(open_reader: Callable[..., Reader], scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    reader.page.goto(reader.url())
    background, text = reader.page.evaluate(
        "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    if scheme == "dark":
        assert relative_luminance(background) < 0.1, f"a dark scheme with a light background: {background}"
        assert relative_luminance(text) > 0.5, f"a dark scheme with dark text: {text}"
    else:
        assert relative_luminance(background) > 0.8, f"a light scheme with a dark background: {background}"
        assert relative_luminance(text) < 0.1, f"a light scheme with light text: {text}"


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("screen", [WIDE, PHONE], ids=["desktop", "phone"])
def test_the_timeline_view_follows_the_scheme_and_its_text_is_readable(
    open_reader: Callable[..., Reader], scheme: str, screen: ViewportSize
) -> None:
    # TimelineJS stayed white in the dark scheme, a white block in a dark page, and faded the
    # titles of the previous and next slides to 15 % (light grey on white) until hovered.
    reader = open_reader(color_scheme=scheme, viewport=screen)
    page = reader.page
    page.goto(reader.url("timelinejs/"))
    expect(page.locator(".tl-timemarker")).to_have_count(len(chronology().events), timeout=20_000)
    # The first event's slide, reached with the keyboard (no pointer over a link), has both a
    # previous and a next slide to name.
    page.keyboard.press("ArrowRight")
    expect(page.locator(".tl-timemarker-active")).to_have_count(1)
    expect(page.locator(".tl-slidenav-previous")).to_be_visible()
    embed = page.locator("#timeline-embed")
    embed.evaluate("e => e.scrollIntoView({block: 'center'})")
    # The slides slide and the axis' labels fade in: measured once two looks agree.
    shown, before = embed.evaluate(SHOWN_TEXT_COLOURS_JS), None
    for _ in range(40):
        if shown == before:
            break
        page.wait_for_timeout(250)
        shown, before = embed.evaluate(SHOWN_TEXT_COLOURS_JS), shown
    names = {name for name, *_ in shown}
    parts = {name.split(" ")[0] for name in names}
    # A narrow TimelineJS shows the previous and next slides' arrows without their titles.
    named = {"tl-slidenav-previous", "tl-slidenav-next"} if screen is WIDE else set()
    assert parts >= {"tl-slide", "tl-timemarker", "tl-timeaxis", *named}, sorted(names)
    # One line for each kind of text in each pair of colours (the axis repeats its months).
    faint: dict[tuple[str, str, str], str] = {}
    for name, text, colour, background in shown:
        if contrast_ratio(colour, background) < AA_TEXT:
            faint.setdefault((name, colour, background), text)
    faint_lines = [
        f"{name}: {colour} on {background}, {contrast_ratio(colour, background):.2f}:1 (as in {text!r})"
        for (name, colour, background), text in faint.items()
    ]
    assert not faint, f"text below {AA_TEXT}:1 in the {scheme} scheme:\n" + "\n".join(faint_lines)
    # The embed, and what is painted behind the slide (TimelineJS paints a ground of its own), are
    # the page's background.
    page_background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    grounds = {embed.evaluate("e => getComputedStyle(e).backgroundColor")}
    grounds |= {background for name, _, _, background in shown if name == "tl-slide h3.tl-headline-date"}
    assert grounds == {page_background}, f"the Timeline view is not in the page's colours: {grounds}"
    assert not reader.errors, reader.errors
    elsewhere = [url for url in reader.requests if not url.startswith(reader.site_url)]
    assert not elsewhere, elsewhere


def test_print_hides_search_navigation_and_filter(reader: Reader) -> None:
    page = reader.page
    page.goto(reader.url())
    search = page.get_by_role("search")
    nav = page.get_by_role("navigation", name="Site")
    filters = page.locator("details.filter-fold")
    for part in (search, nav, filters):
        expect(part).to_be_visible()
    page.emulate_media(media="print")
    for part in (search, nav, filters):
        expect(part).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("li.event-item").first).to_be_visible()


# --- 10.-11. nothing leaves the site, nothing breaks ---------------------------------------------


@pytest.mark.example
def test_no_request_leaves_the_site(reader: Reader) -> None:
    walk_home_event_search(reader)
    assert any(url.endswith(".pf_index") for url in reader.requests), reader.requests
    elsewhere = [url for url in reader.requests if not url.startswith(reader.site_url)]
    assert not elsewhere, "requests that leave the site:\n" + "\n".join(elsewhere)


@pytest.mark.example
def test_no_console_errors(reader: Reader) -> None:
    walk_home_event_search(reader)
    # Browsers ask every site for an icon, and log a console error when there is none. Whether that
    # error arrives before a fast walk ends is a matter of timing, so the icon is checked directly.
    errors = [e for e in dict.fromkeys(reader.errors) if "favicon.ico" not in e]
    icons = reader.page.locator("link[rel~='icon']").evaluate_all("links => links.map(l => l.href)")
    for icon in icons or [reader.url("favicon.ico")]:
        if not icon.startswith("data:") and reader.page.request.get(icon).status != 200:
            errors.append(
                f"no icon: the browser's request for {icon} fails, which it logs as a "
                "console error (declare an icon, or serve favicon.ico)"
            )
    assert not errors, "errors in the browser:\n" + "\n".join(errors)


# --- 12. the reader's first minute: the home page, the time axis ----------------------------------


def test_on_a_phone_the_first_event_is_on_the_first_screen(open_reader: Callable[..., Reader]) -> None:
    c = chronology()
    reader = open_reader(viewport=PHONE)
    page = reader.page
    page.goto(reader.url())
    expect(page.locator("main .lede")).to_be_in_viewport()
    first = page.locator("li.event-item .event-title a").first
    expect(first).to_have_text(c.events[0].title)
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], (
        f"the first event's title ends at y = {box and box['y'] + box['height']}, below the first screen"
    )


MARKS_JS = """
marks => marks.map(a => {
  const r = a.getBoundingClientRect();
  return {x: r.left, y: r.top, w: r.width, h: r.height,
          start: parseFloat(getComputedStyle(a.parentElement).getPropertyValue("--start"))};
})
"""


@pytest.mark.example
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_the_time_axis_has_one_linked_mark_per_event_in_order(
    open_reader: Callable[..., Reader], viewport: ViewportSize
) -> None:
    c = chronology()
    reader = open_reader(viewport=viewport)
    page = reader.page
    pages = [
        ("", c.events),
        (actor_path(MINISTRY), tuple(e for e, _ in c.events_with_members[MINISTRY])),
        (place_path("belarus"), c.events_at("belarus")),
    ]
    for path, events in pages:
        page.goto(reader.url(path))
        plot = page.locator(".time-axis .axis-plot").first
        if not plot.is_visible():  # on a phone the home page's axis folds behind its heading
            page.locator("details.axis-fold > summary").click()
        marks = plot.locator(".axis-marks a")
        expect(marks).to_have_count(len(events))
        hrefs = marks.evaluate_all("links => links.map(a => a.href)")
        assert hrefs == [reader.url(event_path(e.id)) for e in events], path
        # The list of events below carries the marks' numbers.
        numbers = page.locator("li.event-item .event-number").all_text_contents()
        assert numbers == [str(n) for n in range(1, len(events) + 1)], path
        for number, (mark, event) in enumerate(zip(marks.all(), events, strict=True), start=1):
            expect(mark).to_have_accessible_name(f"{number}. {event.title}, {event.date.words()}")
        boxes = marks.evaluate_all(MARKS_JS)
        # Placed by date: each mark's days start no earlier than the previous one's.
        starts = [b["start"] for b in boxes]
        assert starts == sorted(starts), (path, starts)
        width = viewport["width"]
        for i, a in enumerate(boxes):
            assert a["w"] >= 24 and a["h"] >= 24, f"{path}: mark {i + 1} is {a['w']}x{a['h']} px"
            assert a["x"] >= 0 and a["x"] + a["w"] <= width, f"{path}: mark {i + 1} leaves the screen"
            for j, b in enumerate(boxes[:i]):
                apart = a["x"] >= b["x"] + b["w"] or b["x"] >= a["x"] + a["w"] or a["y"] >= b["y"] + b["h"]
                assert apart or b["y"] >= a["y"] + a["h"], f"{path}: marks {j + 1} and {i + 1} overlap"
        # Keyboard: the marks are links in the tab order.
        marks.first.focus()
        page.keyboard.press("Tab")
        expect(marks.nth(1)).to_be_focused()
        marks.nth(1).press("Enter")
        expect_page(reader, event_path(events[1].id), events[1].title)


#: Small chronologies whose axes cross a month's or a year's start: 20 February to 14 March 2025,
#: an axis of days, where "28" and "1 Mar" ran together ("281 Mar"); from 10 September 2024, an
#: axis of months, where on a phone "Sep 2024" ran into "Oct" and "Jan 2025" into "Feb"; and an
#: overnight story of times, an axis of hours, across midnight into 14 March 2025. A day, or a day
#: with its time in Kyiv time.
AXIS_DATES = {
    "days": ("2025-02-20", "2025-02-28", "2025-03-01", "2025-03-14"),
    "months": ("2024-09-10", "2025-02-20", "2025-02-28", "2025-03-01", "2025-03-14"),
    "hours": ("2025-03-13 23:40", "2025-03-13 23:52", "2025-03-14 04:10", "2025-03-14"),
}
#: The pages of such a chronology that draw a time axis: each of its actors' and places' too.
AXIS_PAGES = ("", "actors/belarus/", "actors/alexander-lukashenko/", "places/belarus/", "places/minsk/")

#: Each axis' labels, as drawn: the box of each label's text (its own box runs to the axis' end),
#: and the axis' right edge.
LABELS_JS = """
plots => plots.map(plot => [...plot.querySelectorAll(".tick-label")].map(label => {
  const range = document.createRange();
  range.selectNodeContents(label);
  const r = range.getBoundingClientRect();
  return {text: label.textContent, left: r.left, right: r.right, top: r.top, width: r.width,
          tick: label.parentElement.getBoundingClientRect().left, end: plot.getBoundingClientRect().right,
          axis: plot.getBoundingClientRect().width};
}))
"""


@pytest.fixture(scope="module", params=list(AXIS_DATES))
def axis_site_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny chronology of tests/conftest.py with its one event on each day of AXIS_DATES, built
    with the site's theme and served."""
    root = tmp_path_factory.mktemp(f"axis-{request.param}")
    events: dict[str, str | None] = {EVENT_ID: None}
    for number, when in enumerate(AXIS_DATES[request.param]):
        day, _, time = when.partition(" ")
        text = edit(EVENT, f"id: {EVENT_ID}", f"id: {day}-e{number}")
        timed = f"\ntime: '{time}'\ntimezone: Europe/Kyiv" if time else ""
        events[f"{day}-e{number}"] = edit(
            text, "date: '2022-12-29'", f"date: '{day}'{timed}\ndate_basis: The test's day."
        )
    report = edit(REPORT_YAML, "published: '2022-12-29'", "published: '2025-03-15'")
    make_project(root, events=events, seeds={"report": report})
    copy_project(root, ("mkdocs.yml", "docs", "templates"))
    assert build_site(root, site_dir=root / "site") == 0
    with serving(root / "site") as url:
        yield url


@pytest.mark.parametrize("viewport", [WIDE, PHONE, NARROWEST], ids=["wide", "phone", "narrowest"])
def test_no_tick_label_of_a_time_axis_runs_into_the_next(
    browser: Any, axis_site_url: str, viewport: ViewportSize, request: pytest.FixtureRequest
) -> None:
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        for path in AXIS_PAGES:
            page.goto(axis_site_url + path)
            # Every axis shown: the home page's, folded on a phone, and those zoomed in.
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            plots = page.locator(".axis-plot").evaluate_all(LABELS_JS)
            assert plots, path
            for labels in plots:
                texts = [label["text"] for label in labels]
                assert len(labels) >= 2, (path, texts)
                for a, b in itertools.pairwise(labels):
                    assert a["top"] == b["top"], (path, texts)
                    room = b["left"] - a["right"]
                    assert room >= LABEL_GAP_PX, f"{path}: {a['text']!r} ends {room:.1f} px before {b['text']!r}"
                for label in labels:
                    # The build reckons a label no narrower than it is drawn.
                    assert label_px(label["text"]) >= label["width"], (path, label)
                    # Each ends within the axis, drawn back over its tick by no more than the build allows.
                    assert label["right"] <= label["end"] + 0.5, (path, label)
                    assert label["tick"] - label["left"] <= LABEL_SHIFT_PX, (path, label)
                if viewport is NARROWEST:
                    # The build fits the labels to the axis a 320-pixel screen gives.
                    assert labels[0]["axis"] == NARROWEST_PX, (path, labels[0])
            if request.node.callspec.params["axis_site_url"] == "hours":
                # An axis of hours, on the clock of its times, which its caption names; each timed
                # mark's name gives its time.
                texts = [label["text"] for label in plots[0]]
                assert any(text.endswith(":00") for text in texts) and "14 Mar" in texts, texts
                caption = page.locator(".axis-caption").first
                expect(caption).to_contain_text("Hours are Kyiv time (Europe/Kyiv)")
                mark = page.locator(".axis-marks a").first
                expect(mark).to_have_accessible_name(re.compile(r", 23:40 Kyiv time \(21:40 UTC\)$"))
    finally:
        context.close()


# --- 13. an event's page: what happened first, then who, where and when; citing it ----------------


@pytest.mark.example
def test_an_event_page_says_what_happened_before_how_its_date_was_established(reader: Reader) -> None:
    c = chronology()
    page = reader.page
    page.set_viewport_size(WIDE)
    event = c.events_by_id[DOWNING]
    assert event.date_basis
    page.goto(reader.url(event_path(DOWNING)))
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:4] == ["What happened", "Who", "Where", "When"], headings
    what = page.get_by_role("heading", name="What happened").bounding_box()
    method = page.get_by_text("How the date was established", exact=True)
    where = method.bounding_box()
    assert what and where and what["y"] < where["y"]
    # The method is folded until asked for, then shown.
    basis = page.locator(".basis-fold .basis")
    expect(basis).to_be_hidden()
    method.click()
    expect(basis).to_be_visible()
    # Each passage link says which passage it leads to: no two alike on a page.
    links = page.locator("a.in-context").all_inner_texts()
    assert len(links) == len(set(links)) == sum(len(s.quotes) for s in event.sources), links


@pytest.mark.example
def test_cite_this_event(reader: Reader, open_reader: Callable[..., Reader]) -> None:
    import datetime
    import json

    c = chronology()
    event = c.events_by_id[DOWNING]
    page = reader.page
    # The reader's clock, fixed at noon (its own time zone's), so the day consulted is the one the
    # test expects whenever it runs, across midnight too: a day no build could have written in.
    today = datetime.date(2031, 2, 3)
    page.clock.set_fixed_time(datetime.datetime.combine(today, datetime.time(12)))
    page.goto(reader.url(event_path(DOWNING)))
    cite = page.get_by_role("region", name="Cite this event")
    address = reader.url(event_path(DOWNING))
    consulted = "Consulted on 3 February 2031."
    expect(cite.locator(".citation")).to_have_text(f"“{event.title}.” In {SITE_NAME}. {address}. {consulted}")
    expect(cite.get_by_label("Permanent link")).to_have_value(address)
    page.get_by_text("CSL-JSON, for reference managers").click()
    items = json.loads(cite.locator("pre code").inner_text())
    assert items[0]["title"] == event.title and items[0]["URL"] == address
    assert items[0]["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    download = cite.get_by_role("link", name="Download the CSL-JSON")
    expect(download).to_have_attribute("download", f"{DOWNING}.json")
    # Without script: the citation still reads, saying what to add.
    plain = open_reader(java_script_enabled=False)
    plain.page.goto(plain.url(event_path(DOWNING)))
    expect(plain.page.locator(".citation")).to_have_text(
        f"“{event.title}.” In {SITE_NAME}. events/{DOWNING}/. Consulted on the date you read it."
    )


#: The links of cards' "Who:" and "Where:" lines, of an event's Who and Where lists, of the places'
#: tree and of maps' keys, and the targets of a map's marks (a mark's dot and name alone were 14 px
#: tall on a phone).
LINE_LINKS = ".event-links a, .map figcaption a, ul.people a, ul.places a, .tree a, .map svg a.place-hit"


@pytest.mark.parametrize(
    "path",
    [
        "",
        "places/",
        *(pytest.param(path, marks=pytest.mark.example) for path in ("actors/ukraine/", f"events/{DOWNING}/")),
    ],
)
def test_on_a_phone_the_links_of_cards_and_map_keys_are_targets_a_finger_can_hit(
    open_reader: Callable[..., Reader], path: str
) -> None:
    reader = open_reader(viewport=PHONE)
    page = reader.page
    page.goto(reader.url(path))
    sizes = page.locator(LINE_LINKS).evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })"
    )
    assert sizes, f"/{path} has no link in a card or a map's key"
    small = [f"{name}: {w:.1f}x{h:.1f}" for name, w, h in sizes if h < 24]
    assert not small, f"links on /{path} less than 24 px tall:\n" + "\n".join(small)
    # Every mark drawn on a map has its target, leading where the mark leads.
    marks = page.locator(".map svg a.place-mark").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    targets = page.locator(".map svg a.place-hit").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert marks == targets
    if path == "places/":
        assert marks, "the places' map has no mark"


# --- 14. a source's page: text to read, links a finger can hit, "Quoted by" by kind ---------------


@pytest.mark.example
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_source_page_links_are_targets_a_finger_can_hit(
    open_reader: Callable[..., Reader], viewport: ViewportSize
) -> None:
    reader = open_reader(viewport=viewport)
    page = reader.page
    page.goto(reader.url(f"sources/{SOURCE}/"))
    sizes = page.locator(".source-text a.ref").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })"
    )
    assert sizes, "the source's text has no numbered link"
    small = [f"{name}: {w:.1f}x{h:.1f}" for name, w, h in sizes if w < 24 or h < 24]
    assert not small, "links smaller than 24x24 px:\n" + "\n".join(small)
    # A quoted passage is marked without a highlight; only the passage a link leads to is highlighted.
    backgrounds = page.locator(".source-text mark").evaluate_all(
        "marks => marks.map(m => getComputedStyle(m).backgroundColor)"
    )
    assert set(backgrounds) == {"rgba(0, 0, 0, 0)"}, set(backgrounds)


@pytest.mark.example
def test_quoted_by_is_grouped_by_kind(reader: Reader) -> None:
    c = chronology()
    source = c.sources[SOURCE]
    page = reader.page
    page.goto(reader.url(f"sources/{SOURCE}/"))
    first_quoted = list(dict.fromkeys((span.kind, span.id) for span in source.spans))
    region = page.get_by_role("region", name="Quoted by")
    names = {"event": lambda i: c.events_by_id[i].title, "actor": lambda i: c.actors[i].name}
    names["place"] = lambda i: c.places[i].name
    for kind, title in (("event", "Events"), ("actor", "Actors"), ("place", "Places")):
        group = [record_id for k, record_id in first_quoted if k == kind]
        items = region.get_by_role("list", name=f"{title} ({len(group)})").get_by_role("listitem")
        expect(items).to_have_text([names[kind](record_id) for record_id in group])
        # Each kind numbered from 1 with its letter (E1, A1, P1), in the text's links as in the
        # list's markers: one run for all three read as the timeline's numbers, which it is not.
        letter = kind[0].upper()
        markers = items.evaluate_all("items => items.map(i => getComputedStyle(i, '::marker').content)")
        assert markers == [f'"{letter}" counter(list-item) ". "'] * len(group)
        assert items.evaluate_all("items => items.map(i => i.value)") == list(range(1, len(group) + 1))
        for number, record_id in enumerate(group, 1):
            link = page.locator(".source-text a.ref", has_text=re.compile(rf"^{letter}{number}$")).first
            expect(link).to_have_accessible_name(f"{letter}{number}, {kind}: {names[kind](record_id)}")


@pytest.mark.example
def test_a_tall_time_axis_names_its_times_above_its_marks_too(reader: Reader) -> None:
    # The home page's axis stacks sixteen December events: on a laptop's first screen its labels
    # beneath were out of sight, and the reader saw numbered boxes on no named time.
    page = reader.page
    page.set_viewport_size(WIDE)
    page.goto(reader.url(""))
    plot = page.locator(".time-axis .axis-plot").first
    expect(plot).to_have_class(re.compile(r"\baxis-tall\b"))
    labels = plot.locator(".tick[data-label]")
    assert labels.count() >= 2
    first_label = labels.first.get_attribute("data-label")
    assert first_label == labels.first.locator(".tick-label").inner_text()
    drawn = labels.first.evaluate("tick => getComputedStyle(tick, '::before').content")
    assert drawn == f'"{first_label}"'
    # Drawn above the first mark, and within the first screen.
    box = labels.first.bounding_box()
    mark = plot.locator(".axis-marks li").first.bounding_box()
    assert box and mark
    label_height = labels.first.evaluate("tick => parseFloat(getComputedStyle(tick, '::before').height)")
    assert box["y"] - label_height >= 0 and box["y"] <= mark["y"]
    assert box["y"] < WIDE["height"]
    # An axis of few lanes keeps its labels beneath alone.
    lanes_seen = set()
    for path in ("", actor_path(MINISTRY), place_path("belarus"), place_path(GORBAKHA)):
        page.goto(reader.url(path))
        for axis in page.locator(".axis-plot").all():
            lanes = int(axis.evaluate("a => a.style.getPropertyValue('--lanes')"))
            tall = "axis-tall" in (axis.get_attribute("class") or "").split()
            assert tall == (lanes > TALL_LANES), (path, lanes)
            lanes_seen.add(tall)
    assert lanes_seen == {True, False}
