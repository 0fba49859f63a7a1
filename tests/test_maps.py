"""Maps: drawn into the pages at build time, a mark per place, each linked, each listed."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from chronology import maps
from chronology.boundaries import REGION
from chronology.check import check_project
from chronology.maps import GROWTH, HEIGHT, KEEP_ROOM, MIN_SPAN, WIDTH, Frame, Map, Maps
from chronology.model import Chronology, Event
from chronology.pages import Page, Renderer
from tests.conftest import (
    EVENT,
    EVENT_ID,
    MINSK_COORDINATES,
    MINSK_PLACE,
    ROOT,
    edit,
    generated_project,
    make_project,
    run,
)


class Figures(HTMLParser):
    """The maps of a page: for each figure, the links of its drawing's marks, of their targets
    (``hits``: the area each answers a tap in, under them all) and of its caption."""

    def __init__(self) -> None:
        super().__init__()
        self.maps: list[dict[str, list[tuple[str, str | None]]]] = []
        self._in: str | None = None
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "figure" and "map" in (a.get("class") or "").split():
            self.maps.append({"svg": [], "hits": [], "caption": [], "svg_attrs": []})
        elif tag in ("svg", "figcaption") and self.maps:
            self._in = "svg" if tag == "svg" else "caption"
            if tag == "svg":
                self.maps[-1]["svg_attrs"] = list(attrs)
        elif tag == "a" and self._in == "svg" and "place-hit" in (a.get("class") or "").split():
            self.maps[-1]["hits"].append((a.get("href") or "", a.get("data-hit-for")))
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
def example_chronology() -> Chronology:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    return chronology


@pytest.fixture(scope="module")
def pages(example_chronology: Chronology) -> dict[str, Page]:
    return {page.path: page for page in Renderer(example_chronology, ROOT / "templates").pages()}


def place_href(place_id: str, depth: int) -> str:
    return "../" * depth + f"places/{place_id}/"


def drawn(chronology: Chronology, place_id: str) -> bool:
    """Whether a place has a mark in the drawing: all but an area whose shape the site does not carry."""
    place = chronology.places[place_id]
    return Maps(chronology)._drawn(place) != "none" if place.coordinates else False


def test_every_place_page_has_a_locator_map_with_its_place_marked_and_linked(
    example_chronology: Chronology, pages: dict[str, Page]
) -> None:
    for place in example_chronology.places.values():
        found = figures(pages[f"places/{place.id}.md"].body).maps
        assert len(found) == 1, place.id
        drawing = found[0]["svg"]
        caption = list(dict.fromkeys((href, pid) for href, pid in found[0]["caption"] if "places/" in href))
        # The place's own mark first (when it is drawn), linked to its own page (places/ID/).
        if drawn(example_chronology, place.id):
            assert drawing[0] == (place_href(place.id, 2), place.id)
        assert caption[0] == (place_href(place.id, 2), None)
        # Every mark is a link to its place's page, and the caption lists every place, in order.
        assert all(href == place_href(pid, 2) for href, pid in drawing if pid)
        assert [href for href, _ in drawing] == [href for href, _ in caption if href in dict(drawing)]
        # The places around and within it are listed, and drawn unless they are areas with no shape.
        expected = [
            place.id,
            *(p.id for p in example_chronology.place_chain(place.id)[1:]),
            *example_chronology.places_within(place.id),
        ]
        assert [href for href, _ in caption[: len(expected)]] == [place_href(p, 2) for p in expected]
        assert [pid for _, pid in drawing] == [p for p in expected if drawn(example_chronology, p)]
        # Each mark has its target, leading where it leads.
        assert found[0]["hits"] == drawing


def test_every_event_page_has_a_map_with_a_mark_per_place(
    example_chronology: Chronology, pages: dict[str, Page]
) -> None:
    for event in example_chronology.events:
        found = figures(pages[f"events/{event.id}.md"].body).maps
        if not event.places:
            assert found == [], event.id
            continue
        assert len(found) == 1, event.id
        marked = [p for p in event.places if drawn(example_chronology, p)]
        assert [pid for _, pid in found[0]["svg"]] == marked
        assert [href for href, _ in found[0]["svg"]] == [place_href(p, 2) for p in marked]
        caption = list(dict.fromkeys(href for href, _ in found[0]["caption"] if "places/" in href))
        assert caption[: len(event.places)] == [place_href(p, 2) for p in event.places]


def test_the_places_index_marks_every_place_by_its_number_of_events(
    example_chronology: Chronology, pages: dict[str, Page]
) -> None:
    body = pages["places/index.md"].body
    found = figures(body).maps
    assert len(found) == 1
    assert {pid for _, pid in found[0]["svg"]} == {p for p in example_chronology.places if drawn(example_chronology, p)}
    assert all(href == place_href(pid or "", 1) for href, pid in found[0]["svg"])
    # A dot's size grows with the number of events at its place; the caption gives the number.
    mark = r'data-place="([a-z0-9-]+)">\s*<circle class="dot count" cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"'
    radii = {place: float(r) for place, r in re.findall(mark, body)}
    counts = {p: len(example_chronology.events_by_place.get(p, ())) for p in example_chronology.places}
    assert sorted(radii, key=lambda p: (radii[p], p)) == sorted(
        (p for p in counts if p in radii), key=lambda p: (counts[p], p)
    )
    for place_id, count in counts.items():
        name = example_chronology.places[place_id].name
        assert f">{name}</a>: {count} event{'s' if count != 1 else ''} at it" in body
    # Where no event is placed within another place, the key says nothing more.
    assert "with the places within it" not in body


def test_the_overview_key_counts_the_events_within_a_place_as_the_places_tree_does(tmp_path: Path) -> None:
    # The dot is sized by the events placed at the place itself; the tree below the map counts those
    # within it too (Lomelistan: 9 at it, 577 within it, at 10,000 events): the key says both.
    event = edit(EVENT, "places:\n  - minsk\n  - belarus\n", "places:\n  - minsk\n")
    chronology = check_project(make_project(tmp_path, events={EVENT_ID: event})).chronology
    assert chronology is not None
    overview = Maps(chronology).overview()
    assert overview is not None
    words = {mark.place_id: mark.words for mark in overview.marks}
    assert words["belarus"].startswith("0 events at it;") and words["belarus"].endswith("; 1 with the places within it")
    assert "within it" not in words["minsk"]


@pytest.mark.example
def test_the_drawing_is_hidden_from_assistive_technology_and_needs_no_script(pages: dict[str, Page]) -> None:
    for path in ("places/index.md", "places/gorbakha.md", "events/2022-12-29-missile-fragments-found-near-gorbakha.md"):
        parsed = figures(pages[path].body)
        assert parsed.scripts == 0
        attrs = dict(parsed.maps[0]["svg_attrs"])
        assert (attrs["aria-hidden"], attrs["focusable"]) == ("true", "false")
        # The overview is as tall as its places need; the other maps have one size.
        width, height = map(float, (attrs["viewbox"] or "").split()[2:])
        assert width == WIDTH and (height == HEIGHT or path == "places/index.md")
        assert 'tabindex="-1"' in pages[path].body


@pytest.mark.example
def test_the_gorbakha_fragments_are_drawn_near_the_village_and_say_how_it_is_placed(pages: dict[str, Page]) -> None:
    body = pages["events/2022-12-29-missile-fragments-found-near-gorbakha.md"].body
    assert '<circle class="ring"' in body
    assert (
        "Gorbakha</a>: in its vicinity; a hollow dot at the administrative centre of its district, "
        "as its own position is not known here</li>"
    ) in body
    assert (
        "Ivanovo District</a>: somewhere within it; not drawn: the site has no outline of the district, "
        "and a dot at its administrative centre would read as an exact position</li>"
    ) in body


@pytest.mark.example
def test_the_event_map_shows_ukraine_beside_belarus(pages: dict[str, Page]) -> None:
    # The question readers could not answer: how far Gorbakha lies from Ukraine.
    body = pages["events/2022-12-29-missile-fragments-found-near-gorbakha.md"].body
    assert '<text class="country"' in body and ">Ukraine</text>" in body


@pytest.mark.example
def test_maps_say_where_their_borders_come_from(pages: dict[str, Page]) -> None:
    assert '<a href="../../about/#maps">About the maps</a>' in pages["places/kyiv.md"].body


def test_same_data_same_drawing(example_chronology: Chronology) -> None:
    first, second = Maps(example_chronology), Maps(example_chronology)
    for place_id in example_chronology.places:
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


@pytest.mark.example
def test_the_outlines_drawn_before_the_pages_are_all_the_event_and_place_maps_need(
    example_chronology: Chronology,
) -> None:
    # Drawn once before the pages are shared among workers, so that no worker draws a frame again.
    from chronology.maps import _outlines

    _outlines.cache_clear()
    maps = Maps(example_chronology)
    maps.draw_outlines()
    drawn = _outlines.cache_info().misses
    assert drawn > 1
    for event in example_chronology.events:
        maps.event(event)
    for place_id in example_chronology.places:
        maps.locator(place_id)
    assert _outlines.cache_info().misses == drawn


@pytest.mark.example
def test_events_at_the_same_places_share_one_map_and_its_drawing(example_chronology: Chronology) -> None:
    from dataclasses import replace

    maps = Maps(example_chronology)
    by_places: dict[object, list[Event]] = {}
    for e in example_chronology.events:
        by_places.setdefault((e.places, e.place_precision), []).append(e)

    def dotted(group: list[Event]) -> bool:
        drawing = maps.event(group[0])
        return len(group) > 1 and drawing is not None and drawing.marks[0].drawn == "point"

    first, second = next(group for group in by_places.values() if dotted(group))[:2]
    assert maps.event(second) is maps.event(first)
    # Standing otherwise to a place (near it, not at it) is another map, with its ring.
    near = replace(first, place_precision=((first.places[0], "near"),))
    near_map = maps.event(near)
    assert near_map is not None and near_map != maps.event(first) and near_map.marks[0].ring
    assert near_map == Maps(example_chronology).event(near)
    # The second event's page draws the shared map as a page rendered alone draws its own.
    renderer = Renderer(example_chronology, ROOT / "templates")
    renderer.event(first)
    figure = re.compile(r'<figure class="map map-event">.*?</figure>', re.S)
    shared = figure.search(renderer.event(second).body)
    alone = figure.search(Renderer(example_chronology, ROOT / "templates").event(second).body)
    assert shared is not None and alone is not None and shared.group() == alone.group()


NOT_DRAWN = "not drawn: the site has no outline of the {}, and a dot at {} would read as an exact position"


@pytest.mark.parametrize(
    ("kind", "precision", "code", "drawn_as", "words"),
    [
        ("city", "point", "", "point", "drawn at its exact position"),
        ("city", "settlement", "", "point", ""),
        (
            "village",
            "district-centre",
            "",
            "point",
            "a hollow dot at the administrative centre of its district, as its own position is not known here",
        ),
        ("district", "district-centre", "", "none", NOT_DRAWN.format("district", "its administrative centre")),
        (
            "city",
            "region-centre",
            "",
            "point",
            "a hollow dot at the administrative centre of its region, as its own position is not known here",
        ),
        ("region", "region-centre", "", "none", NOT_DRAWN.format("region", "its administrative centre")),
        ("country", "country-centroid", "BLR", "area", "shown as the shaded country"),
        ("country", "country-centroid", "", "none", NOT_DRAWN.format("country", "the centre of its shape")),
        (
            "area",
            "country-centroid",
            "",
            "point",
            "a hollow dot at the centre of the country's shape, as its own position is not known here",
        ),
    ],
)
def test_what_each_precision_draws_and_what_the_caption_says(
    tmp_path: Path, kind: str, precision: str, code: str, drawn_as: str, words: str
) -> None:
    # A dot is drawn only where the point says where the place is, not where it stands for a whole
    # area: a country is its shaded shape, an area the site has no shape of is not drawn.
    place_id = "belarus" if code else "here"
    within = "" if kind == "country" else "within: belarus\n"
    here = f"id: here\nname: Here\nkind: {kind}\n{within}"
    here += f"coordinates: {{lat: 53.0, lon: 27.0, precision: {precision}, basis: A gazetteer}}\n"
    places = "places:\n  - minsk\n  - belarus\n"
    event = edit(EVENT, places, f"places:\n  - {place_id}\n  - minsk\nplace_precision:\n  {place_id}: within\n")
    chronology = run(make_project(tmp_path, events={EVENT_ID: event}, places={} if code else {"here": here})).chronology
    assert chronology is not None
    drawing = Maps(chronology).event(chronology.events_by_id[EVENT_ID])
    assert drawing is not None
    mark = next(m for m in drawing.marks if m.place_id == place_id)
    said = "; ".join(filter(None, ["somewhere within it", words]))
    assert (mark.drawn, mark.words) == (drawn_as, said)
    body = Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[EVENT_ID]).body
    svg = body[body.index("<svg") : body.index("</svg>")]
    link = re.search(rf'<a [^>]*data-place="{place_id}">(.*?)</a>', svg, re.S)
    name = chronology.places[place_id].name
    if drawn_as == "point":  # hollow where it stands in for a position not known
        assert link and f'<circle class="dot focus{" stand-in" if "hollow" in words else ""}"' in link.group(1)
    elif drawn_as == "area":
        assert link and "<circle" not in link.group(1) and 'class="label focus area"' in link.group(1)
        assert f">{name}</text>" in link.group(1) and '<path class="land here"' in svg
    else:
        assert link is None
    assert f">{name}</a>: {escape(said)}</li>" in body


@pytest.mark.example
def test_the_downing_is_drawn_as_belarus_shaded_with_no_dot_and_gorbakha_keeps_its_dot(
    pages: dict[str, Page],
) -> None:
    def marks(event_id: str) -> dict[str, str]:
        body = pages[f"events/{event_id}.md"].body
        svg = body[body.index("<svg") : body.index("</svg>")]
        return dict(re.findall(r'<a [^>]*data-place="([a-z0-9-]+)">(.*?)</a>', svg, re.S))

    downing = marks("2022-12-29-belarus-says-it-shot-down-ukrainian-s300")
    assert list(downing) == ["belarus"]
    assert "<circle" not in downing["belarus"] and ">Belarus</text>" in downing["belarus"]
    fragments = marks("2022-12-29-missile-fragments-found-near-gorbakha")
    # Gorbakha's point is its district's centre: a hollow dot, its ring saying the fragments were near it.
    assert '<circle class="dot focus stand-in"' in fragments["gorbakha"]
    assert '<circle class="ring"' in fragments["gorbakha"]
    assert "<circle" not in fragments["belarus"]
    assert "brest-region" not in fragments and "ivanovo-district" not in fragments


def edges(drawing: Map) -> tuple[float, float, float, float]:
    """The left, top, right and bottom of the land drawn."""
    numbers = [float(n) for o in drawing.outlines for n in re.findall(r"-?[\d.]+", o.path)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_overview_has_no_blank_margin_where_the_site_carries_no_borders(example_chronology: Chronology) -> None:
    overview = Maps(example_chronology).overview()
    assert overview is not None
    left, top, right, bottom = edges(overview)
    assert left <= 0 and top <= 0 and right >= overview.width and bottom >= overview.height


@pytest.mark.example
def test_no_event_or_place_map_has_a_blank_strip_where_the_site_carries_no_borders(
    example_chronology: Chronology,
) -> None:
    # The barrage's map ended at 45 degrees east in a straight strip of the sea's colour (a tenth of
    # its width), and Poland's at 10 degrees east: a frame is moved inside the borders' extent, or,
    # wider than it, out of it alike on both sides (under one unit of the drawing each here).
    maps = Maps(example_chronology)
    drawings = [maps.event(event) for event in example_chronology.events]
    drawings += [maps.locator(place_id) for place_id in example_chronology.places]
    checked = 0
    for drawing in filter(None, drawings):
        left, top, right, bottom = edges(drawing)
        assert left <= 2 and top <= 2 and right >= drawing.width - 2 and bottom >= drawing.height - 2, drawing.title
        checked += 1
    assert checked >= 18  # every event with a place, and every place: not a test of nothing


def test_a_frame_moved_inside_the_borders_keeps_room_round_its_places() -> None:
    # Moved with no more margin than its places' own extent (none, for one place), a frame put the
    # place on its edge: Istanbul's dot at 259 of 260 units, cut in half.
    from chronology.boundaries import REGION

    def room(frame: Frame, points: list[tuple[float, float]]) -> float:
        """How near the frame's edges its points come, in units of the drawing."""
        spots = [frame.project(lat, lon) for lat, lon in points]
        return min(min(x, y, WIDTH - x, frame.height - y) for x, y in spots)

    grid = [(41.0 + 1.5 * i, 10.0 + 2.5 * j) for i in range(13) for j in range(15)]
    groups = [[point] for point in grid] + [[a, b] for a, b in zip(grid, grid[20:], strict=False)]
    for points in groups:
        moved, unmoved = Frame.around(points, (), REGION), Frame.around(points)
        assert room(moved, points) >= min(KEEP_ROOM - 1, room(unmoved, points)), points
        # and the moved frame still holds every point, its width worked out for its latitude
        assert moved.west < min(lon for _, lon in points) and moved.east > max(lon for _, lon in points)
        assert math.isclose(
            moved.east - moved.west, (moved.north - moved.south) * WIDTH / HEIGHT / moved.cos, rel_tol=1e-3
        )


def every_mark_is_named_or_numbered(chronology: Chronology) -> Map:
    overview = Maps(chronology).overview()
    assert overview is not None
    for number, mark in enumerate(overview.marks, 1):
        if mark.drawn == "none" or mark.same_point_as:
            assert mark.label is None  # named in the caption, or by the place drawn at its point
        else:
            assert mark.label is not None, mark.name
            assert mark.label.text == (str(number) if mark.numbered else mark.name)
    assert overview.numbered == any(mark.numbered for mark in overview.marks)
    return overview


def test_every_mark_on_the_overview_has_its_name_or_its_number(example_chronology: Chronology, tmp_path: Path) -> None:
    every_mark_is_named_or_numbered(example_chronology)
    bench = run(generated_project(tmp_path, 300, 150)).chronology
    assert bench is not None
    overview = every_mark_is_named_or_numbered(bench)
    assert overview.numbered  # the generated places are too many for every name
    body = Renderer(bench, ROOT / "templates").pages_for(["places/index.md"])[0].body
    assert '<ol class="map-key">' in body


def test_a_crowded_map_draws_no_finger_targets(
    example_chronology: Chronology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``COUNT_DOTS`` marks a map's targets would cover one another (and at 10,000 events
    took the places' index over 500 KB): its marks and its caption's list stay the links."""
    bench = run(generated_project(tmp_path, 300, 150)).chronology
    assert bench is not None
    overview = Maps(bench).overview()
    assert overview is not None
    dots = overview.counted_dots
    # Its marks outnumber its dots (areas, numbered marks): they are no reason to drop the targets.
    assert dots < len(overview.marks)
    monkeypatch.setattr(maps, "COUNT_DOTS", dots - 1)
    found = figures(Renderer(bench, ROOT / "templates").pages_for(["places/index.md"])[0].body).maps[0]
    assert found["hits"] == [] and found["svg"]
    monkeypatch.setattr(maps, "COUNT_DOTS", dots)
    found = figures(Renderer(bench, ROOT / "templates").pages_for(["places/index.md"])[0].body).maps[0]
    assert found["hits"] == found["svg"]


def test_the_overview_shrinks_its_dots_when_they_are_many(
    example_chronology: Chronology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def radii(chronology: Chronology) -> list[float]:
        overview = Maps(chronology).overview()
        assert overview is not None
        return [float(mark.radius) for mark in overview.marks if mark.drawn == "point"]

    # A few dots keep their size: one event's dot has a radius of 5.5 (3 + 2.5 by the square root).
    assert min(radii(example_chronology)) == 5.5
    bench = run(generated_project(tmp_path, 300, 150)).chronology
    assert bench is not None
    whole = radii(bench)
    # More dots than the overview draws at full size: each shrinks by one factor, their sizes still
    # in proportion (the generated chronology has fewer dots than the limit, so the limit is lowered).
    monkeypatch.setattr(maps, "COUNT_DOTS", len(whole) / 4)
    shrunk = radii(bench)
    assert shrunk == pytest.approx([max(1.5, r / 2) for r in whole], abs=0.06)


# --- across 180 degrees ------------------------------------------------------------------------------

FIJI_PLACE = """\
id: fiji
name: Fiji
kind: country
country_code: FJI
coordinates: {lat: -17.82, lon: 177.99, precision: country-centroid, basis: The centroid of its shape}
"""
#: Two villages on Taveuni, an island of Fiji that 180 degrees runs across, a few kilometres apart.
TAVEUNI_PLACES = {
    f"taveuni-{side}": f"id: taveuni-{side}\nname: Taveuni {side.title()}\nkind: village\nwithin: fiji\n"
    f"coordinates: {{lat: -16.85, lon: {lon}, precision: settlement, basis: A gazetteer}}\n"
    for side, lon in (("west", 179.97), ("east", -179.97))
}


def turned(frame: Frame, lon: float) -> float:
    """The longitude as the frame counts it: once round the globe where that brings it inside."""
    return next((t for t in (lon, lon + 360, lon - 360) if frame.west <= t <= frame.east), lon)


@settings(max_examples=300)
@given(
    st.floats(-60, 60),
    st.floats(-2, 2),
    st.lists(st.tuples(st.floats(-2, 2), st.floats(-2, 2)), min_size=1, max_size=5),
)
def test_places_near_180_degrees_get_a_small_frame_that_holds_them_all(
    lat: float, middle: float, offsets: list[tuple[float, float]]
) -> None:
    # Two places 1 degree apart across 180 degrees were framed with the whole world between them.
    points = [(lat + d_lat, (180 + middle + d_lon + 180) % 360 - 180) for d_lat, d_lon in offsets]
    for frame in (Frame.around(points), Frame.around(points, (), REGION), Frame.fitted(points, (), REGION)):
        # As small as for the same places anywhere else: 6.75 degrees tall holds 4 with its margins.
        assert frame.north - frame.south <= MIN_SPAN * GROWTH**2 + 1e-9, frame
        assert frame.east - frame.west < 40 and -180 <= frame.west < 180, frame
        for point_lat, lon in points:
            assert frame.west <= turned(frame, lon) <= frame.east, (frame, lon)
            x, y = frame.project(point_lat, lon)
            assert 0 < x < WIDTH and 0 < y < frame.height, (frame, lon)


@settings(max_examples=300)
@given(
    st.one_of(st.floats(85, 90), st.floats(-90, -85), st.sampled_from([90.0, -90.0, 89.9, -89.85])),
    st.floats(-180, 180),
)
def test_a_place_at_or_near_a_pole_gets_a_frame_within_the_globe(lat: float, lon: float) -> None:
    # A place at a pole put the frame's middle at the pole, where a degree of longitude is nothing
    # long: the frame was 7.5e16 degrees wide, and drawing its outlines took all the memory there was.
    for frame in (Frame.around([(lat, lon)]), Frame.around([(lat, lon)], (), REGION)):
        assert -90 <= frame.south < frame.north <= 90, frame
        assert 0 < frame.east - frame.west <= 360, frame
        assert frame.west <= turned(frame, lon) <= frame.east, (frame, lon)
        x, y = frame.project(lat, lon)
        assert 0 <= x <= WIDTH and 0 <= y <= frame.height, (frame, lat, lon)
        assert len(maps._outlines(frame)) < 50  # drawn at once: the world laid out once or twice


def test_suva_and_taveuni_share_a_frame_across_180_degrees() -> None:
    frame = Frame.around([(-18.14, 178.44), (-16.85, -179.97)], (), REGION)
    assert frame.west < 178.44 < 180 < 180.03 < frame.east and frame.east - frame.west < 10
    (x_suva, _), (x_taveuni, _) = (frame.project(-17, lon) for lon in (178.44, -179.97))
    assert 0 < x_suva < x_taveuni < WIDTH  # Taveuni east of Suva, as on the globe
    # A frame across -180 degrees is said as one across 180, and is not moved back west of it.
    alone = Frame.around([(-16.85, -179.97)], (), REGION)
    assert -180 < alone.west < 180 < alone.east and turned(alone, -179.97) == 180.03


def rings(drawing: Map, code: str) -> list[list[tuple[float, float]]]:
    """The rings of a country's outline in the drawing, each as its points."""
    path = next(outline.path for outline in drawing.outlines if outline.code == code)
    return [
        [(float(x), float(y)) for x, y in map(str.split, ring.split("L"))] for ring in re.findall(r"M([^Z]*)Z", path)
    ]


def test_an_island_across_180_degrees_is_drawn_whole_on_both_sides(tmp_path: Path) -> None:
    # Taveuni's two villages drew a map of the world, Taveuni cut off at its right-hand edge.
    places = "places:\n  - minsk\n  - belarus\n"
    event = edit(EVENT, places, "places:\n  - taveuni-west\n  - taveuni-east\n")
    project = make_project(tmp_path, events={EVENT_ID: event}, places={"fiji": FIJI_PLACE, **TAVEUNI_PLACES})
    chronology = run(project).chronology
    assert chronology is not None
    maps_ = Maps(chronology)
    drawings = {
        "event": maps_.event(chronology.events_by_id[EVENT_ID]),
        "taveuni-east": maps_.locator("taveuni-east"),
        "fiji": maps_.locator("fiji"),
    }
    frames = {
        "event": maps_._event_frame(maps_._located(chronology.events_by_id[EVENT_ID])),
        "taveuni-east": maps_._locator_frame(chronology.places["taveuni-east"])[3],
        "fiji": maps_._locator_frame(chronology.places["fiji"])[3],
    }
    for name, frame in frames.items():
        drawing = drawings[name]
        assert drawing is not None and frame.east - frame.west < 20, name
        x_180, _ = frame.project(0, 180)
        assert 0 < x_180 < WIDTH, name
        assert [o.highlighted for o in drawing.outlines if o.code == "FJI"] == [True], name
        points = [point for ring in rings(drawing, "FJI") for point in ring]
        # Fiji drawn on both sides of 180 degrees, and Taveuni, which the bundled shapes cut there,
        # one ring across it: no border drawn down the island.
        assert sum(x < x_180 - 1 for x, _ in points) > 20 and sum(x > x_180 + 1 for x, _ in points) > 20, name
        _, y_taveuni = frame.project(-16.85, 180)
        across = [
            ring
            for ring in rings(drawing, "FJI")
            if min(x for x, _ in ring) < x_180 - 1 < x_180 + 1 < max(x for x, _ in ring)
            and min(y for _, y in ring) < y_taveuni < max(y for _, y in ring)
        ]
        assert len(across) == 1, name
    # Each village is drawn on its side of 180 degrees, a few units apart, not a world apart.
    event_map = drawings["event"]
    assert event_map is not None
    west, east = (float(mark.x) for mark in event_map.marks)
    assert 0 < east - west < 10


def test_a_country_across_180_degrees_is_framed_by_its_body_across_it(tmp_path: Path) -> None:
    # Russia's frame ended at 180 degrees, leaving Chukotka's end out; it runs on across 180 now.
    russia = (
        "id: russia\nname: Russia\nkind: country\ncountry_code: RUS\n"
        "coordinates: {lat: 61.98, lon: 99.58, precision: country-centroid, basis: The centroid of its shape}\n"
    )
    chronology = run(make_project(tmp_path, places={"russia": russia})).chronology
    assert chronology is not None
    maps_ = Maps(chronology)
    frame = maps_._locator_frame(chronology.places["russia"])[3]
    assert frame.west < 19.6 and frame.east > 190.3  # Kaliningrad to Chukotka's eastern end
    drawing = maps_.locator("russia")
    assert drawing is not None
    x_180, _ = frame.project(60, 180)
    # Chukotka, which the bundled shapes cut at 180 degrees, one ring across it.
    assert any(
        min(x for x, _ in ring) < x_180 - 1 < x_180 + 1 < max(x for x, _ in ring) for ring in rings(drawing, "RUS")
    )
