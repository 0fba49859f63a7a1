"""Maps: drawn into the pages at build time, a mark per place, each linked, each listed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.maps import HEIGHT, WIDTH, Frame, Maps
from chronology.model import Chronology, Event
from chronology.pages import Page, Renderer
from tests.conftest import EVENT, EVENT_ID, MINSK_COORDINATES, MINSK_PLACE, ROOT, edit, make_project, run


class Figures(HTMLParser):
    """The maps of a page: for each figure, the links of its drawing and of its caption."""

    def __init__(self) -> None:
        super().__init__()
        self.maps: list[dict[str, list[tuple[str, str | None]]]] = []
        self._in: str | None = None
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "figure" and "map" in (a.get("class") or "").split():
            self.maps.append({"svg": [], "caption": [], "svg_attrs": []})
        elif tag in ("svg", "figcaption") and self.maps:
            self._in = "svg" if tag == "svg" else "caption"
            if tag == "svg":
                self.maps[-1]["svg_attrs"] = list(attrs)
        elif tag == "a" and self._in:
            self.maps[-1][self._in].append((a.get("href") or "", a.get("data-place")))
        elif tag == "script" and a.get("type") != "application/ld+json":  # data, not a program
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "figcaption"):
            self._in = None


def figures(body: str) -> Figures:
    parser = Figures()
    parser.feed(body)
    return parser


@pytest.fixture(scope="module")
def repository() -> Chronology:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    return chronology


@pytest.fixture(scope="module")
def pages(repository: Chronology) -> dict[str, Page]:
    return {page.path: page for page in Renderer(repository, ROOT / "templates").pages()}


def place_href(place_id: str, depth: int) -> str:
    return "../" * depth + f"places/{place_id}/"


def test_every_place_page_has_a_locator_map_with_its_place_marked_and_linked(
    repository: Chronology, pages: dict[str, Page]
) -> None:
    for place in repository.places.values():
        found = figures(pages[f"places/{place.id}.md"].body).maps
        assert len(found) == 1, place.id
        drawing = found[0]["svg"]
        caption = list(dict.fromkeys((href, pid) for href, pid in found[0]["caption"] if "places/" in href))
        # The place's own mark first, linked to its own page (two folders down: places/ID/).
        assert drawing[0] == (place_href(place.id, 2), place.id)
        assert (place_href(place.id, 2), None) in caption
        # Every mark is a link to its place's page, and the caption lists every mark.
        assert all(href == place_href(pid, 2) for href, pid in drawing if pid)
        assert [href for href, _ in drawing] == [href for href, _ in caption[: len(drawing)]]
        # The places around and within it are marked too.
        expected = {place.id, *(p.id for p in repository.place_chain(place.id)), *repository.places_within(place.id)}
        assert {pid for _, pid in drawing} == expected


def test_every_event_page_has_a_map_with_a_mark_per_place(repository: Chronology, pages: dict[str, Page]) -> None:
    for event in repository.events:
        found = figures(pages[f"events/{event.id}.md"].body).maps
        if not event.places:
            assert found == [], event.id
            continue
        assert len(found) == 1, event.id
        assert [pid for _, pid in found[0]["svg"]] == list(event.places)
        assert [href for href, _ in found[0]["svg"]] == [place_href(p, 2) for p in event.places]
        caption = list(dict.fromkeys(href for href, _ in found[0]["caption"] if "places/" in href))
        assert caption[: len(event.places)] == [place_href(p, 2) for p in event.places]


def test_the_places_index_marks_every_place_by_its_number_of_events(
    repository: Chronology, pages: dict[str, Page]
) -> None:
    body = pages["places/index.md"].body
    found = figures(body).maps
    assert len(found) == 1
    assert {pid for _, pid in found[0]["svg"]} == set(repository.places)
    assert all(href == place_href(pid or "", 1) for href, pid in found[0]["svg"])
    # A mark's size grows with the number of events at its place; the caption gives the number.
    mark = r'data-place="([a-z0-9-]+)">\s*<circle class="dot count" cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"'
    radii = {place: float(r) for place, r in re.findall(mark, body)}
    counts = {p: len(repository.events_by_place.get(p, ())) for p in repository.places}
    assert sorted(radii, key=lambda p: (radii[p], p)) == sorted(counts, key=lambda p: (counts[p], p))
    for place_id, count in counts.items():
        name = repository.places[place_id].name
        assert f">{name}</a>: {count} event{'s' if count != 1 else ''} at it" in body


def test_the_drawing_is_hidden_from_assistive_technology_and_needs_no_script(pages: dict[str, Page]) -> None:
    for path in ("places/index.md", "places/gorbakha.md", "events/2022-12-29-missile-fragments-found-near-gorbakha.md"):
        parsed = figures(pages[path].body)
        assert parsed.scripts == 0
        attrs = dict(parsed.maps[0]["svg_attrs"])
        assert (attrs["aria-hidden"], attrs["focusable"], attrs["viewbox"]) == (
            "true",
            "false",
            f"0 0 {WIDTH} {HEIGHT}",
        )
        assert 'tabindex="-1"' in pages[path].body


def test_the_gorbakha_fragments_are_drawn_near_the_village_and_say_how_it_is_placed(pages: dict[str, Page]) -> None:
    body = pages["events/2022-12-29-missile-fragments-found-near-gorbakha.md"].body
    assert '<circle class="ring"' in body
    assert (
        "Gorbakha</a>: in its vicinity; drawn at the administrative centre of its district, "
        "as its own position is not known here</li>"
    ) in body
    assert (
        "Ivanovo District</a>: somewhere within it; "
        'at the same point as <a href="../../places/gorbakha/">Gorbakha</a></li>'
    ) in body


def test_the_event_map_shows_ukraine_beside_belarus(pages: dict[str, Page]) -> None:
    # The question readers could not answer: how far Gorbakha lies from Ukraine.
    body = pages["events/2022-12-29-missile-fragments-found-near-gorbakha.md"].body
    assert '<text class="country"' in body and ">Ukraine</text>" in body


def test_maps_say_where_their_borders_come_from(pages: dict[str, Page]) -> None:
    assert '<a href="../../about/#maps">About the maps</a>' in pages["places/kyiv.md"].body


def test_same_data_same_drawing(repository: Chronology) -> None:
    first, second = Maps(repository), Maps(repository)
    for place_id in repository.places:
        assert first.locator(place_id) == second.locator(place_id)
    overview = first.overview()
    assert overview == second.overview()
    assert overview is not None
    # Every number drawn has one decimal, whatever the arithmetic behind it.
    drawn = [o.path for o in overview.outlines] + [f"{m.x} {m.y} {m.radius}" for m in overview.marks]
    numbers = re.findall(r"[-\d.]+", " ".join(drawn).replace("M", " ").replace("L", " ").replace("Z", " "))
    assert numbers and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)


def test_the_frame_has_the_drawings_proportions_and_holds_its_points() -> None:
    points = [(52.14724, 25.53198), (50.45466, 30.5238), (46.48572, 30.74383)]
    frame = Frame.around(points)
    for lat, lon in points:
        x, y = frame.project(lat, lon)
        assert 0 < x < WIDTH and 0 < y < HEIGHT
    x0, y0 = frame.project(frame.north, frame.west)
    x1, y1 = frame.project(frame.south, frame.east)
    assert (round(x1 - x0), round(y1 - y0)) == (WIDTH, HEIGHT)
    # One point still gets a frame of at least three degrees of latitude around it.
    single = Frame.around([(52.14724, 25.53198)])
    assert round(single.north - single.south, 3) == 3.0


def test_a_place_without_coordinates_has_no_locator_and_is_listed_as_not_on_the_maps(tmp_path: Path) -> None:
    minsk = edit(MINSK_PLACE, MINSK_COORDINATES, "")
    chronology = run(make_project(tmp_path, places={"minsk": minsk})).chronology
    assert chronology is not None
    maps = Maps(chronology)
    assert maps.locator("minsk") is None
    event = maps.event(chronology.events_by_id[EVENT_ID])
    assert event is not None and event.unmapped == ("minsk",)
    assert [m.place_id for m in event.marks] == ["belarus"]
    overview = maps.overview()
    assert overview is not None and overview.unmapped == ("minsk",)
    body = Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[EVENT_ID]).body
    assert 'Not on the map, for want of coordinates: <a href="../../places/minsk/">Minsk</a>.' in body


def test_an_event_without_places_has_no_map(tmp_path: Path) -> None:
    event = edit(EVENT, "places:\n  - minsk\n  - belarus\n", "")
    chronology = run(make_project(tmp_path, events={EVENT_ID: event})).chronology
    assert chronology is not None
    assert Maps(chronology).event(chronology.events_by_id[EVENT_ID]) is None


def test_the_outlines_drawn_before_the_pages_are_all_the_event_and_place_maps_need(repository: Chronology) -> None:
    # Drawn once before the pages are shared among workers, so that no worker draws a frame again.
    from chronology.maps import _outlines

    _outlines.cache_clear()
    maps = Maps(repository)
    maps.draw_outlines()
    drawn = _outlines.cache_info().misses
    assert drawn > 1
    for event in repository.events:
        maps.event(event)
    for place_id in repository.places:
        maps.locator(place_id)
    assert _outlines.cache_info().misses == drawn


def test_events_at_the_same_places_share_one_map_and_its_drawing(repository: Chronology) -> None:
    from dataclasses import replace

    maps = Maps(repository)
    by_places: dict[object, list[Event]] = {}
    for e in repository.events:
        by_places.setdefault((e.places, e.place_precision), []).append(e)
    first, second = next(group for group in by_places.values() if len(group) > 1 and maps.event(group[0]))[:2]
    assert maps.event(second) is maps.event(first)
    # Standing otherwise to a place (near it, not at it) is another map, with its ring.
    near = replace(first, place_precision=((first.places[0], "near"),))
    near_map = maps.event(near)
    assert near_map is not None and near_map != maps.event(first) and near_map.marks[0].ring
    assert near_map == Maps(repository).event(near)
    # The second event's page draws the shared map as a page rendered alone draws its own.
    renderer = Renderer(repository, ROOT / "templates")
    renderer.event(first)
    figure = re.compile(r'<figure class="map map-event">.*?</figure>', re.S)
    shared = figure.search(renderer.event(second).body)
    alone = figure.search(Renderer(repository, ROOT / "templates").event(second).body)
    assert shared is not None and alone is not None and shared.group() == alone.group()
