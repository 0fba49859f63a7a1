"""The maps in a real browser: a reader clicks from mark to mark, on a phone, in the dark, without
script and on paper, and nothing is loaded from elsewhere."""

from __future__ import annotations

from collections.abc import Callable

import pytest

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

__all__ = ["open_reader", "reader"]  # fixtures used by name

pytestmark = pytest.mark.browser


def click_mark(reader: Reader, place_id: str) -> None:
    """Click a place's mark on the page's map (with the pointer: the marks are for the eye)."""
    reader.page.locator(f'figure.map svg a[data-place="{place_id}"] circle.dot').click()
    place = chronology().places[place_id]
    expect_page(reader, place_path(place_id), place.name)


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
    expect(page.locator("figure.map svg a.place-mark")).to_have_count(len(chronology().places))
    click_mark(reader, "kyiv")
    elsewhere = [url for url in reader.requests if not url.startswith(reader.site_url)]
    assert not elsewhere, "requests that leave the site:\n" + "\n".join(elsewhere)
    assert not reader.errors, reader.errors


def test_the_caption_lists_every_mark_as_a_link(reader: Reader) -> None:
    reader.page.goto(reader.url(place_path("belarus")))
    caption = reader.page.locator("figure.map figcaption")
    marks = reader.page.locator("figure.map svg a.place-mark").evaluate_all(
        "links => links.map(a => a.getAttribute('data-place'))"
    )
    names = [chronology().places[p].name for p in marks]
    expect(caption.locator("li > a:first-child")).to_have_text(names)  # each item: the place, then notes
    caption.get_by_role("link", name="Gorbakha", exact=True).click()
    expect_page(reader, place_path("gorbakha"), "Gorbakha")


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


def test_the_map_needs_no_script_and_prints(open_reader: Callable[..., Reader]) -> None:
    reader = open_reader(java_script_enabled=False)
    page = reader.page
    page.goto(reader.url(place_path("gorbakha")))
    page.emulate_media(media="print")
    expect(page.locator("figure.map svg")).to_be_visible()
    expect(page.locator("figure.map figcaption")).to_be_visible()
    page.emulate_media(media="screen")
    click_mark(reader, "brest-region")
