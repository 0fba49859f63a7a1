"""The maps in a real browser: a reader clicks from mark to mark, on a phone, in the dark, without
script and on paper, and nothing is loaded from elsewhere."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from chronology.pages import Renderer
from tests.conftest import ROOT, generated_project, run
from tests.site.test_browser import (  # the browser fixtures, shared with the reader's walk
    FRAGMENTS,
    NARROW,
    OVERFLOW_JS,
    Reader,
    chronology,
    event_path,
    expect,
    expect_page,
    open_reader,
    place_path,
    reader,
    relative_luminance,
)
from tests.test_maps import drawn as drawn_on_maps

__all__ = ["open_reader", "reader"]  # fixtures used by name

pytestmark = pytest.mark.browser


def click_mark(reader: Reader, place_id: str) -> None:
    """Click a place's mark on the page's map (with the pointer: the marks are for the eye): its dot,
    or the name of a country drawn as its shape."""
    reader.page.locator(f'figure.map svg a[data-place="{place_id}"] :is(circle.dot, text.label)').first.click()
    place = chronology().places[place_id]
    expect_page(reader, place_path(place_id), place.name)


@pytest.mark.example
def test_from_mark_to_mark_on_a_phone_and_nothing_leaves_the_site(open_reader: Callable[..., Reader]) -> None:
    reader = open_reader(viewport={"width": NARROW, "height": 740})
    page = reader.page
    fragments = chronology().events_by_id[FRAGMENTS]
    page.goto(reader.url(event_path(FRAGMENTS)))
    expect_page(reader, event_path(FRAGMENTS), fragments.title)
    drawing = page.locator("figure.map svg")
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box is not None and 300 < box["width"] <= NARROW
    width, wide = page.evaluate(OVERFLOW_JS, NARROW)
    assert width <= NARROW + 1, f"the event page is {width}px wide: {wide}"
    # The event's map marks Belarus; Belarus's map marks Minsk; the places index marks Kyiv.
    click_mark(reader, "belarus")
    click_mark(reader, "minsk")
    page.goto(reader.url("places/"))
    drawn = [p for p in chronology().places if drawn_on_maps(chronology(), p)]
    expect(page.locator("figure.map svg a.place-mark")).to_have_count(len(drawn))
    click_mark(reader, "kyiv")
    elsewhere = [url for url in reader.requests if not url.startswith(reader.site_url)]
    assert not elsewhere, "requests that leave the site:\n" + "\n".join(elsewhere)
    assert not reader.errors, reader.errors


@pytest.mark.example
def test_the_caption_lists_every_mark_as_a_link(reader: Reader) -> None:
    reader.page.goto(reader.url(place_path("belarus")))
    caption = reader.page.locator("figure.map figcaption")
    marks = reader.page.locator("figure.map svg a.place-mark").evaluate_all(
        "links => links.map(a => a.getAttribute('data-place'))"
    )
    names = [chronology().places[p].name for p in marks]
    # Each item: the place, then notes; the places not drawn (areas with no outline) among them.
    listed = caption.locator("li > a:first-child").all_inner_texts()
    assert [name for name in listed if name in names] == names and len(listed) > len(names)
    caption.get_by_role("link", name="Gorbakha", exact=True).click()
    expect_page(reader, place_path("gorbakha"), "Gorbakha")


@pytest.mark.example
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_map_follows_the_colour_scheme(open_reader: Callable[..., Reader], scheme: str) -> None:
    reader = open_reader(color_scheme=scheme)
    reader.page.goto(reader.url(place_path("ukraine")))
    land, here, label = reader.page.evaluate(
        """() => [getComputedStyle(document.querySelector('figure.map .land:not(.here)')).fill,
                 getComputedStyle(document.querySelector('figure.map .land.here')).fill,
                 getComputedStyle(document.querySelector('figure.map text.label')).fill]"""
    )
    assert land != here
    if scheme == "dark":
        assert relative_luminance(land) < 0.1 and relative_luminance(label) > 0.5, (land, label)
    else:
        assert relative_luminance(land) > 0.6 and relative_luminance(label) < 0.1, (land, label)


@pytest.mark.example
def test_the_map_needs_no_script_and_prints(open_reader: Callable[..., Reader]) -> None:
    reader = open_reader(java_script_enabled=False)
    page = reader.page
    page.goto(reader.url(place_path("gorbakha")))
    page.emulate_media(media="print")
    expect(page.locator("figure.map svg")).to_be_visible()
    expect(page.locator("figure.map figcaption")).to_be_visible()
    page.emulate_media(media="screen")
    click_mark(reader, "belarus")


#: The boxes of a map's texts (names of places and of countries, numbers) that overlap another's.
OVERLAPS_JS = """svg => {
  const boxes = [...svg.querySelectorAll('text.label, text.country')].map(t => [t.textContent, t.getBBox()]);
  const overlaps = [];
  boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
    const apart = p.x >= q.x + q.width || q.x >= p.x + p.width || p.y >= q.y + q.height || q.y >= p.y + p.height;
    if (!apart) overlaps.push([a, b]);
  }));
  return [boxes.length, overlaps];
}"""


def test_no_two_names_on_the_overview_overlap(reader: Reader, tmp_path: Path) -> None:
    page = reader.page
    page.goto(reader.url("places/"))
    count, overlaps = page.locator("figure.map svg").evaluate(OVERLAPS_JS)
    assert count > 10 and overlaps == []
    # A generated chronology's overview, with more places than names fit, in the site's styles.
    bench = run(generated_project(tmp_path, 300, 150)).chronology
    assert bench is not None
    body = Renderer(bench, ROOT / "templates").pages_for(["places/index.md"])[0].body
    figure = re.search(r'<figure class="map.*?</figure>', body, re.S)
    assert figure is not None
    css = (ROOT / "templates" / "assets" / "site.css").read_text(encoding="utf-8")
    page.set_content(f'<style>{css}</style><main style="max-width: 40rem">{figure.group()}</main>')
    count, overlaps = page.locator("figure.map svg").evaluate(OVERLAPS_JS)
    assert count > 10 and overlaps == []


@pytest.mark.example
def test_the_downing_map_shades_belarus_and_draws_no_dot_for_it(reader: Reader) -> None:
    page = reader.page
    page.goto(reader.url(event_path("2022-12-29-belarus-says-it-shot-down-ukrainian-s300")))
    belarus = page.locator('figure.map svg a[data-place="belarus"]')
    expect(belarus.locator("text.label")).to_have_text("Belarus")
    expect(page.locator("figure.map svg circle")).to_have_count(0)
    expect(page.locator("figure.map svg path.land.here")).to_have_count(1)
    page.goto(reader.url(event_path(FRAGMENTS)))
    expect(page.locator('figure.map svg a[data-place="gorbakha"] circle.dot')).to_be_visible()
    expect(page.locator('figure.map svg a[data-place="belarus"] circle')).to_have_count(0)
    expect(page.locator('figure.map svg a[data-place="brest-region"]')).to_have_count(0)
