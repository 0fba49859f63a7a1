"""Maps: where places are, drawn at build time as inline SVG, loading nothing from elsewhere.

Three maps: a locator on each place's page (the place, the places around and within it, and the
borders near it), a small map on each event's page (its places), and an overview on the places
index (every place, marked by its number of events). This module works out what each map shows
and where: the frame, the countries' outlines clipped to it and simplified, and the marks with
their labels. ``Fragments.map_figure`` (``fragments.py``) draws it, linking every mark to its page
and listing everything in the caption, the map's text alternative.

Projection: equirectangular, with longitudes scaled by the cosine of the frame's middle latitude,
so that a degree east is as long as a degree north there. Over a frame of a few hundred
kilometres, as here, that keeps shapes and distances true to within a few per cent, needs no
projection library, and keeps every north up. Numbers are written with one decimal in a fixed
400-wide box, so the same data draws the same bytes.

Across 180 degrees: a frame holds its places the shorter way round the globe (``_extent``), so
that Suva, at 178.44 degrees east, and Taveuni's east, at 179.97 west, share a frame running from
about 176 to 182 degrees east, longitudes past 180 counting on round the globe. Its outlines are
the countries' shapes laid out from a meridian the frame does not reach (``Frame.cut``), with the
parts the bundled shapes cut at 180 degrees joined again there (``_laid_out``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import shapely
import shapely.affinity
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from chronology import boundaries
from chronology.model import Chronology, Coordinates, Event, Place
from chronology.precision import AREA_CENTRES, stand_in

#: The drawing's size in SVG units (the page scales it to its width).
WIDTH = 400
HEIGHT = 260
#: Label size in SVG units: about 12 pixels on a 360-pixel screen.
FONT = 13
#: Characters' widths, as a share of the font size, for keeping labels apart: a little over those
#: of DejaVu Sans, the sans-serif most Linux systems draw with, which is wider than most. A character
#: not listed (another script's) is taken as wide as a capital.
NARROW_CHARS, NARROW = "ijl|!.,:;'", 0.3
THIN_CHARS, THIN = "frtI -()", 0.42
WIDE_CHARS, WIDE = "mwMW", 1.0
CHAR_WIDTH, CAPITAL_WIDTH = 0.64, 0.8
#: A line of text's height above and below its baseline, as a share of the font size (the font's
#: ascent and descent, as the browser measures a text's box), and the halo drawn around it.
ASCENT, DESCENT, HALO = 0.95, 0.26, 1.5
#: The smallest frame, in degrees of latitude: a village still shows its surroundings and borders.
MIN_SPAN = 3.0
#: How much taller each of the frames' sizes is than the one before.
GROWTH = 1.5
#: Outlines are simplified to this fraction of an SVG unit: finer detail cannot be seen.
TOLERANCE = 0.5
#: The room, in units of the drawing, a moved frame keeps round each place it shows: a dot and the
#: start of its label (see Frame.around).
KEEP_ROOM = 28
#: The overview's height, as a share of its width, at least and at most: it is drawn as tall as its
#: places need, within these bounds.
OVERVIEW_RATIOS = (0.5, 1.0)
#: The most dots the overview draws at full size; with more, every dot's area is shrunk by this
#: number over theirs (to a radius of 1.5 at the least), so that their total area stays about that
#: of this many.
COUNT_DOTS = 60


def counted_dot(style: str, drawn: str) -> bool:
    """Whether a mark is a dot sized by its number of events (the overview's): those ``COUNT_DOTS``
    counts, to shrink them (``Maps._marks``) and to leave them without targets (``Map.targeted``)."""
    return style == "count" and drawn == "point"


#: What an area's point is, by its precision, for saying why the area is not drawn.
AREA_POINT_WORDS = {
    "district-centre": "its administrative centre",
    "region-centre": "its administrative centre",
    "country-centroid": "the centre of its shape",
}

#: How a place's point is described, by its precision (and whether it is the place itself).
PRECISION_WORDS = {
    "point": "at its exact position",
    "settlement": "at the centre of the settlement",
    "district-centre": "at the administrative centre of its district",
    "region-centre": "at the administrative centre of its region",
    "country-centroid": "at the centre of the country's shape",
}
#: How an event stands to its place.
EVENT_PRECISION_WORDS = {"at": "", "near": "in its vicinity", "within": "somewhere within it"}


@dataclass(frozen=True)
class Frame:
    """The area a map shows: west, south, east, north in degrees, projected into WIDTH x height."""

    west: float
    south: float
    east: float
    north: float
    height: float = HEIGHT

    @cached_property
    def scale(self) -> float:
        """SVG units per degree of latitude."""
        return self.height / (self.north - self.south)

    @cached_property
    def size(self) -> int:
        """Which of the frames' sizes this is (or is nearest, for the overview's): the size whose
        scale is MIN_SPAN times GROWTH to this power degrees per HEIGHT units."""
        return round(math.log(HEIGHT / self.scale / MIN_SPAN, GROWTH))

    @cached_property
    def cos(self) -> float:
        """How much shorter a degree of longitude is than one of latitude, at the frame's middle."""
        return math.cos(math.radians((self.north + self.south) / 2))

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """The point's position in the drawing, x to the right, y down. A longitude outside the
        frame is taken once round the globe where that brings it nearer (-179.97 is 180.03 in a
        frame across 180 degrees)."""
        if not self.west <= lon <= self.east:
            middle = (self.west + self.east) / 2
            lon = min((lon, lon - 360, lon + 360), key=lambda turned: abs(turned - middle))
        return (lon - self.west) * self.cos * self.scale, (self.north - lat) * self.scale

    @cached_property
    def cut(self) -> float:
        """The meridian the world is cut at for this frame: its outlines are the countries' shapes
        laid out over the 360 degrees east of it (see ``_laid_out``). -180 for a frame within 180
        degrees of longitude either way, where the bundled shapes lie as they are; for a frame across
        180 degrees, the multiple of 90 degrees nearest half a world from its middle, which a frame
        less than 270 degrees wide does not reach."""
        if self.west >= -180 and self.east <= 180:
            return -180.0
        return float(min(180, max(-180, round(((self.west + self.east) / 2 - 180) / 90) * 90)))

    def wrapped(self) -> Frame:
        """The frame said with its west edge at -180 degrees or east of it: a frame across -180
        degrees is said as one across 180 (-182 to -177 degrees as 178 to 183), the one way the
        outlines are drawn for (see ``cut``)."""
        if self.west >= -180 or self.east - self.west >= 360:
            return self
        return Frame(round(self.west + 360, 4), self.south, round(self.east + 360, 4), self.north, self.height)

    @staticmethod
    def around(
        points: Iterable[tuple[float, float]],
        shapes: Iterable[BaseGeometry] = (),
        region: tuple[float, float, float, float] | None = None,
    ) -> Frame:
        """A frame of the drawing's proportions holding the points and shapes, with a margin; moved
        inside ``region`` (west, south, east, north: where the borders are carried) as far as it
        still holds them, so that no strip of it is left blank for want of borders, which would read
        as sea. A region round the whole globe bounds no longitude: a frame across 180 degrees is
        drawn there (see ``cut``), not moved back."""
        west, south, east, north = _extent(points, shapes)
        region = _bounded(region) if region is not None else None
        # The frame's height is one of a few fixed sizes (MIN_SPAN times a power of GROWTH) and its
        # centre lies on a grid of an eighth of its size, so that many maps share one frame and the
        # outlines drawn for it (see _outlines): a build of 10,000 events clips the borders for
        # about 1,200 frames, not once per page, and simplifies them once per size (see
        # _simplified). A size is taken when the extent fits in it with a tenth to spare on every
        # side, which also absorbs the snapping.
        height = MIN_SPAN
        while True:
            step = height / 8
            middle_lat = round((south + north) / 2 / step) * step
            # No frame reaches past a pole: its middle there would make a degree of longitude
            # nothing long and the frame endlessly wide. Near a pole the frame is a wide strip.
            middle_lat = min(max(middle_lat, -90 + height / 2), 90 - height / 2)
            cos = math.cos(math.radians(middle_lat))
            width = min(height * WIDTH / HEIGHT / cos, 360.0)
            middle_lon = round((west + east) / 2 / (width / 8)) * (width / 8)
            frame = Frame(
                round(middle_lon - width / 2, 4),
                round(middle_lat - height / 2, 4),
                round(middle_lon + width / 2, 4),
                round(middle_lat + height / 2, 4),
            )
            margin_lat, margin_lon = (north - south) / 10, (east - west) / 10
            if (
                frame.south <= south - margin_lat
                and frame.north >= north + margin_lat
                and frame.west <= west - margin_lon
                and frame.east >= east + margin_lon
            ) or height >= 180:
                if region is None or height >= 180:
                    return frame.wrapped()
                # Moved, it still shows the places with their margin, and at least room for a dot
                # and a short label round each (KEEP_ROOM units of the drawing).
                room_lat, room_lon = KEEP_ROOM * height / HEIGHT, KEEP_ROOM * width / WIDTH
                keep = (
                    west - max(margin_lon, room_lon),
                    south - max(margin_lat, room_lat),
                    east + max(margin_lon, room_lon),
                    north + max(margin_lat, room_lat),
                )
                return frame.moved_inside(region, keep).wrapped()
            height *= GROWTH

    def moved_inside(self, region: tuple[float, float, float, float], keep: tuple[float, float, float, float]) -> Frame:
        """The frame moved, not resized, to lie inside ``region`` as far as it can while it still
        holds ``keep``; its width worked out again at its new latitude. A frame moved wholly inside
        depends on the frame alone, so maps that share a frame still share its moved one."""
        r_west, r_south, r_east, r_north = region
        k_west, k_south, k_east, k_north = keep
        height = self.north - self.south
        south = self.south + _shift(self.south, self.north, r_south, r_north, k_south, k_north)
        cos = math.cos(math.radians(south + height / 2))
        width = height * WIDTH / HEIGHT / cos
        west = (self.west + self.east) / 2 - width / 2
        west += _shift(west, west + width, r_west, r_east, k_west, k_east)
        moved = Frame(round(west, 4), round(south, 4), round(west + width, 4), round(south + height, 4))
        # Narrower in degrees further south, the moved frame may no longer hold what it must: then
        # it stays where it was.
        holds = moved.west <= k_west and moved.south <= k_south and moved.east >= k_east and moved.north >= k_north
        return moved if holds else self

    @staticmethod
    def fitted(
        points: Iterable[tuple[float, float]],
        shapes: Iterable[BaseGeometry],
        region: tuple[float, float, float, float],
    ) -> Frame:
        """A frame fitted to the points and shapes, with a margin of a tenth of their extent,
        kept inside the region the bundled borders cover wherever no point lies near its edge, and
        drawn as tall as that needs (within OVERVIEW_RATIOS of the width): no strip of the frame is
        left blank for want of borders, as a frame of fixed proportions would leave one. A region
        round the whole globe bounds no longitude, as in ``around``."""
        west, south, east, north = _extent(points, shapes)
        r_west, r_south, r_east, r_north = _bounded(region)
        # The margin stops at the region's edge, but half of it is kept round every point and shape
        # (room for a dot and its label), even beyond the edge.
        margin_lat, margin_lon = (north - south) / 10, (east - west) / 10
        content = (west - margin_lon / 2, south - margin_lat / 2, east + margin_lon / 2, north + margin_lat / 2)
        south = max(south - margin_lat, min(r_south, content[1]))
        north = min(north + margin_lat, max(r_north, content[3]))
        west = max(west - margin_lon, min(r_west, content[0]))
        east = min(east + margin_lon, max(r_east, content[2]))
        # No less than MIN_SPAN tall, so that one place still shows its surroundings.
        south, north = _widened(south, north, MIN_SPAN, (r_south, r_north), (content[1], content[3]))
        cos = math.cos(math.radians((south + north) / 2))
        low, high = OVERVIEW_RATIOS
        if north - south < low * (east - west) * cos:
            south, north = _widened(
                south, north, low * (east - west) * cos, (r_south, r_north), (content[1], content[3])
            )
            cos = math.cos(math.radians((south + north) / 2))
        if north - south > high * (east - west) * cos:
            west, east = _widened(west, east, (north - south) / high / cos, (r_west, r_east), (content[0], content[2]))
        west, south, east, north = (round(value, 4) for value in (west, south, east, north))
        cos = math.cos(math.radians((south + north) / 2))
        return Frame(west, south, east, north, round(WIDTH * (north - south) / ((east - west) * cos), 1)).wrapped()


def _bounded(region: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The region a frame is kept inside: without bounds of longitude where it runs round the whole
    globe, as the bundled borders do, since the borders go on past 180 degrees."""
    west, south, east, north = region
    return (-math.inf, south, math.inf, north) if east - west >= 360 else region


def _shift(low: float, high: float, bound_low: float, bound_high: float, keep_low: float, keep_high: float) -> float:
    """How far to move the range from low to high to lie within the bounds (or, wider than they
    are, to stand out of them alike on both sides), as far as it can while it still holds keep_low
    to keep_high."""
    if high - low >= bound_high - bound_low:
        wanted = (bound_low + bound_high - low - high) / 2
    elif low < bound_low:
        wanted = bound_low - low
    elif high > bound_high:
        wanted = bound_high - high
    else:
        wanted = 0.0
    allowed = min(max(wanted, keep_high - high), keep_low - low)
    if allowed == wanted:
        return wanted
    # Held back by what it must show: by whole eighths of the range only, so that maps of nearby
    # places still share their frames and the outlines clipped for them (see Frame.around).
    step = (high - low) / 8
    return math.trunc(allowed / step) * step


def _extent(points: Iterable[tuple[float, float]], shapes: Iterable[BaseGeometry]) -> tuple[float, float, float, float]:
    """West, south, east and north of the points (lat, lon) and shapes together, the shorter way
    round the globe (see ``_across``)."""
    lats: list[float] = []
    spans: list[tuple[float, float]] = []
    for lat, lon in points:
        lats.append(lat)
        spans.append((lon, lon))
    for geometry in shapes:
        west, south, east, north = geometry.bounds
        lats += [south, north]
        spans.append((west, east))
    west, east = _across(spans)
    return west, min(lats), east, max(lats)


def _across(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """West and east of the ranges of longitude together, the shorter way round the globe: from
    the east end of the widest gap between them round to its west end. Where that way crosses 180
    degrees, east lies past 180: Suva (178.44) and Taveuni's east (-179.97) span 178.44 to 180.03,
    not the 358 degrees between them the other way. Where it is no shorter (as for every place
    away from 180 degrees), the ranges as they are."""
    west, east = min(low for low, _ in spans), max(high for _, high in spans)
    # Each range turned to start in [-180, 180) (most already do, and keep their numbers), in order.
    turns = [360.0 * math.floor((low + 180) / 360) for low, _ in spans]
    ranges = sorted((low - turn, high - turn) for (low, high), turn in zip(spans, turns, strict=True))
    reach = ranges[0][1]  # how far east the ranges so far reach
    gap, start = ranges[0][0] + 360 - max(high for _, high in ranges), ranges[0][0]  # the gap across -180
    for low, high in ranges[1:]:
        if low - reach > gap:
            gap, start = low - reach, low
        reach = max(reach, high)
    # From the gap's east end, the ranges west of it a turn later.
    end = max(high + (360 if low < start else 0) for low, high in ranges)
    return (start, end) if end - start < east - west - 1e-6 else (west, east)


def _widened(
    low: float, high: float, span: float, bounds: tuple[float, float], keep: tuple[float, float]
) -> tuple[float, float]:
    """The range from low to high widened to span (if it is narrower) about its middle, then moved
    inside bounds as far as it fits there while it still holds keep."""
    if high - low >= span:
        return low, high
    start = (low + high - span) / 2
    start = max(bounds[0], min(start, bounds[1] - span))  # inside the bounds, from below if it is wider
    start = min(keep[0], max(start, keep[1] - span))  # and never losing what it must hold
    return start, start + span


@dataclass(frozen=True)
class Outline:
    """A country's outline within the frame: its SVG path, and whether the map is about it."""

    code: str
    name: str
    path: str
    highlighted: bool


@dataclass(frozen=True)
class Label:
    """A name written beside a mark or inside a country."""

    text: str
    x: str
    y: str
    anchor: str  # start, end or middle


@dataclass(frozen=True)
class Mark:
    """A place on the map: where, how it is drawn, and what the caption says of it."""

    place_id: str
    name: str
    drawn: str  # point (a dot at its point), area (its country, shaded and named), none (not drawn)
    x: str  # the dot's centre, for a point ("" otherwise)
    y: str
    radius: str
    style: str  # focus (the map's subject), context (around or within it), count (overview)
    ring: str  # the radius of a dashed ring around the mark when the event was in its vicinity, or ""
    label: Label | None  # its name, or its number in the caption's list where the name has no room
    words: str  # the caption's words after the name
    same_point_as: str = ""  # the id of the place drawn first at the same point, if another
    numbered: bool = False  # whether its label is its number in the caption's list, not its name
    #: Whether its dot stands in for a position not known (a village drawn at its district's
    #: centre): drawn hollow, so that it does not read as where the place is.
    stand_in: bool = False


#: The least height and width, in SVG units, of the area a mark's link answers a tap or click in: 24
#: CSS pixels (WCAG 2.2's target size) on a map drawn 282 pixels wide, narrower than a 320-pixel
#: screen leaves it. A mark's dot and name alone are about 14 pixels tall on a phone.
HIT = 34

#: The least width and height, in SVG units, of a target cut down by its neighbours' (see
#: ``target_boxes``): a thinner one is less than a pixel on a phone, and is left out.
SLIVER = 1.0

#: A box in the drawing: left, top, right, bottom.
Box = tuple[float, float, float, float]


def mark_box(mark: Mark) -> Box | None:
    """The box a mark's dot (and ring) and label take together, unpadded: what its target must cover.
    None for a mark not drawn (or an area whose name found no room)."""
    boxes = []
    if mark.drawn == "point":
        x, y = float(mark.x), float(mark.y)
        r = float(mark.ring or mark.radius)
        boxes.append((x - r, y - r, x + r, y + r))
    if mark.label is not None and mark.drawn != "none":
        label = mark.label
        boxes.append(text_box(label.text, float(label.x), float(label.y), label.anchor, FONT))
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def hit_boxes(marks: Sequence[Mark]) -> tuple[tuple[str, str, str, str] | None, ...]:
    """The area each mark's link answers in (``target_boxes``), as left, top, width and height
    written as the drawing's coordinates are; None for a mark that has none."""
    written: list[tuple[str, str, str, str] | None] = []
    for box in target_boxes([mark_box(mark) for mark in marks]):
        if box is None:
            written.append(None)
        else:
            left, top, right, bottom = box
            written.append((_number(left), _number(top), _number(right - left), _number(bottom - top)))
    return tuple(written)


def target_boxes(marks: Sequence[Box | None], least: float = HIT) -> list[Box | None]:
    """The area each mark answers a tap in, from the boxes its dot and label take (``mark_box``): its
    box grown about its middle to ``least`` units wide and tall at the least, then given up where
    it meets another mark's, so that no two overlap: a tap between two marks goes to the one on
    whose side of the line between them it falls, not to whichever comes later in the page.

    Two grown boxes that overlap are cut apart by one line, across the axis on which they give up
    the least, at the middle of their overlap: each gives up as much of its padding as the other,
    and then makes it up on its other side as far as the room there allows (``_grow``), up to
    ``least`` again. The line never enters either mark's own box
    while their own boxes are apart (it stops at the box's edge): a target always covers its dot
    and name whole. Where the marks' own boxes overlap (two dots a few units apart, a dot within
    another's ring) no two rectangles can each cover its own box without overlapping: the line
    then runs through the overlap of the two own boxes, and each target keeps all of its own box
    on its side of the line. The marks
    themselves, links drawn over every target, still answer a tap on any part of them, the later
    mark on top as it is drawn. A target left less than ``SLIVER`` units wide or tall (many marks
    drawn at one point share it out) is left out, and its mark is the link alone.

    Worked in tenths of a unit, as the drawing's coordinates are written, each mark's own box
    rounded outward: the boxes returned are whole tenths, and neither overlap nor fail to cover
    their own box once written."""
    own: list[list[int] | None] = []
    targets: list[list[int] | None] = []
    reach = round(least * 10)
    for box in marks:
        if box is None:
            own.append(None)
            targets.append(None)
            continue
        tenths = [_tenths_down(box[0]), _tenths_down(box[1]), _tenths_up(box[2]), _tenths_up(box[3])]
        target = list(tenths)
        for low, high in ((0, 2), (1, 3)):
            short = reach - (tenths[high] - tenths[low])
            if short > 0:
                target[low] -= short // 2
                target[high] = target[low] + reach
        own.append(tenths)
        targets.append(target)
    for i, a in enumerate(targets):
        for j in range(i + 1, len(targets)):
            b = targets[j]
            if a is None or b is None or not _overlap(a, b):
                continue
            own_a, own_b = own[i], own[j]
            assert own_a is not None and own_b is not None
            if not _cut(own_a, a, own_b, b):
                targets[i] = a = None  # the earlier mark's: the later one is drawn over it
    _grow(targets, own, reach)
    thin = round(SLIVER * 10)
    return [
        (t[0] / 10, t[1] / 10, t[2] / 10, t[3] / 10) if t and t[2] - t[0] >= thin and t[3] - t[1] >= thin else None
        for t in targets
    ]


def _grow(targets: list[list[int] | None], own: list[list[int] | None], reach: int) -> None:
    """Give each target cut shorter than ``reach`` on an axis the room beyond its other edge, as far
    as the free space there allows (in place): the padding a neighbour took on one side is made up
    on the other, up to ``reach`` in all, never over another mark's target or own box."""
    obstacles = [(k, box) for k, boxes in enumerate(zip(targets, own, strict=True)) for box in boxes if box]
    for i, target in enumerate(targets):
        if target is None:
            continue
        for lo, hi in ((0, 2), (1, 3)):
            need = reach - (target[hi] - target[lo])
            if need <= 0:
                continue
            a_lo, a_hi = 1 - lo, 3 - lo  # the other axis
            before, after = -(10**9), 10**9
            for k, box in obstacles:
                if k == i or not (box[a_lo] < target[a_hi] and target[a_lo] < box[a_hi]):
                    continue  # its own, or beside it on this axis
                if box[lo] >= target[hi]:
                    after = min(after, box[lo])
                elif box[hi] <= target[lo]:
                    before = max(before, box[hi])
            # Evenly about it where there is room on both sides, else where there is.
            down = min(need // 2, target[lo] - before)
            up = min(need - down, after - target[hi])
            down = min(need - up, target[lo] - before)
            target[lo] -= down
            target[hi] += up


def _tenths_down(value: float) -> int:
    """The greatest whole number of tenths that is not more than ``value``."""
    tenths = math.floor(value * 10)
    return tenths - 1 if tenths / 10 > value else tenths


def _tenths_up(value: float) -> int:
    """The least whole number of tenths that is not less than ``value``."""
    tenths = math.ceil(value * 10)
    return tenths + 1 if tenths / 10 < value else tenths


def _overlap(a: list[int], b: list[int]) -> bool:
    """Whether two boxes share any area (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _cut(own_a: list[int], a: list[int], own_b: list[int], b: list[int]) -> bool:
    """Cut the overlapping targets a and b apart (in place) by the line that costs the least: first
    of their own boxes, then of their padding (see ``target_boxes``). False when no line leaves both
    with some area."""
    best: tuple[tuple[int, int], int, list[int], list[int], int, int] | None = None
    for axis in (0, 1):
        lo, hi, across = axis, axis + 2, 1 - axis
        for own_low, low, own_high, high in ((own_a, a, own_b, b), (own_b, b, own_a, a)):
            if own_low[hi] <= own_high[lo]:  # apart on this axis: the line runs between them
                start, end = own_low[hi], own_high[lo]
            elif own_high[hi] <= own_low[lo]:  # apart the other way round
                continue
            else:  # the own boxes overlap on this axis: the line runs through their overlap
                start, end = max(own_low[lo], own_high[lo]), min(own_low[hi], own_high[hi])
            # The middle of the targets' overlap, within those bounds, leaving each some width.
            start, end = max(start, low[lo] + 1), min(end, high[hi] - 1)
            if start > end:
                continue
            line = min(max((max(low[lo], high[lo]) + min(low[hi], high[hi])) // 2, start), end)
            own_lost = max(0, own_low[hi] - line) * (own_low[across + 2] - own_low[across]) + max(
                0, line - own_high[lo]
            ) * (own_high[across + 2] - own_high[across])
            lost = max(0, low[hi] - line) * (low[across + 2] - low[across]) + max(0, line - high[lo]) * (
                high[across + 2] - high[across]
            )
            cost = (own_lost, lost)
            if best is None or cost < best[0]:
                best = (cost, line, low, high, lo, hi)
    if best is None:
        return False
    _, line, low, high, lo, hi = best
    low[hi] = min(low[hi], line)
    high[lo] = max(high[lo], line)
    return True


@dataclass(frozen=True)
class Map:
    """What a map shows: its outlines, country names, marks, and the places it cannot show."""

    kind: str  # locator, event, overview
    title: str
    outlines: tuple[Outline, ...]
    country_labels: tuple[Label, ...]
    marks: tuple[Mark, ...]
    unmapped: tuple[str, ...]  # ids of places without coordinates
    width: int = WIDTH
    height: float = HEIGHT

    @property
    def targeted(self) -> bool:
        """Whether its marks have areas a finger can hit (``hit_boxes``): not where its dots are shrunk
        (more dots counting events than ``COUNT_DOTS``, the rule ``Maps._marks`` shrinks them by),
        where targets of a finger's size would crowd one another down to slivers, and their markup
        alone took the places' index of 10,000 events over 500 KB (the caption lists every place,
        each a link)."""
        return self.counted_dots <= COUNT_DOTS

    @property
    def counted_dots(self) -> int:
        """How many of its marks are dots sized by their number of events (the overview's)."""
        return sum(1 for mark in self.marks if counted_dot(mark.style, mark.drawn))

    @property
    def numbered(self) -> bool:
        """Whether a mark is labelled with its number in the caption's list, which is then numbered."""
        return any(mark.numbered for mark in self.marks)


def _number(value: float) -> str:
    """A coordinate of the drawing, with one decimal (and never '-0.0')."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


@dataclass(frozen=True)
class _Country:
    """A country as one frame shows it: its outline's path, and where its name could go."""

    code: str
    name: str
    path: Markup  # digits and the letters M, L, Z only: nothing to escape
    spots: tuple[tuple[float, float], ...]  # positions inside its visible part, best first


#: Kept for every frame drawn: a chronology of 10,000 events draws about 1,200 frames, each many
#: times, and a bounded cache lost most of them (clipping and simplifying was a quarter of the
#: time its pages took). A frame's outlines are a few kilobytes.
@cache
def _outlines(frame: Frame) -> tuple[_Country, ...]:
    """Every bundled country within the frame, simplified and clipped, with spots for its name."""
    margin = 2 / frame.scale  # two units outside the box, so no border runs along its edge
    box = (frame.west - margin, frame.south - margin, frame.east + margin, frame.north + margin)
    shapes = boundaries.load()
    cut = frame.cut
    # The turns of the world laid out from the cut that the box meets: one, but for a frame wider
    # than the world's 360 degrees less the cut's distance from it.
    turns = [360.0 * k for k in range(math.floor((box[0] - cut) / 360), math.floor((box[2] - cut) / 360) + 1)]
    if turns == [0.0] and cut == -180:
        near = shapes.near(*box)
    else:  # the countries the box meets a turn or two round the globe too, in order of their codes
        found = {
            c.code: c for t in (-720, -360, 0, 360, 720) for c in shapes.near(box[0] + t, box[1], box[2] + t, box[3])
        }
        near = [found[code] for code in sorted(found)]
    out = []
    for country in near:
        shape = _simplified(country.code, frame.size, cut)
        pieces = [
            shapely.affinity.translate(shapely.clip_by_rect(shape, box[0] - t, box[1], box[2] - t, box[3]), t)
            if t
            else shapely.clip_by_rect(shape, *box)
            for t in turns
        ]
        polygons = [part for piece in pieces for part in shapely.get_parts(piece) if part.geom_type == "Polygon"]
        clipped = pieces[0] if len(pieces) == 1 else shapely.MultiPolygon(polygons)
        if clipped.is_empty:
            continue
        path = _path(clipped, frame)
        if path:
            out.append(_Country(country.code, country.name, Markup(path), _label_spots(clipped, frame)))
    return tuple(out)


@cache
def _simplified(code: str, size: int, cut: float = -180.0) -> BaseGeometry:
    """A country's shape, laid out from the meridian ``cut`` (see ``_laid_out``), simplified for the
    frames of one size, once for all of them: a build draws frames of a few sizes only (see
    ``Frame.around``), where simplifying each frame's clipped part took a quarter of the maps' time.
    Simplified first and clipped after, a border differs from one clipped first by less than the
    tolerance, which cannot be seen."""
    scale = HEIGHT / (MIN_SPAN * GROWTH**size)
    return _laid_out(code, cut).simplify(TOLERANCE / scale, preserve_topology=True)


@cache
def _laid_out(code: str, cut: float) -> BaseGeometry:
    """A country's shape with its longitudes counted from the meridian ``cut`` over one turn of the
    globe: the parts west of the cut turned 360 degrees east. The bundled shapes lie from -180 to
    180 degrees, cut there (Fiji's Taveuni and Vanua Levu, Russia's Chukotka are each two parts);
    laid out from another meridian, the parts on either side of 180 degrees are one again, and a
    frame across 180 draws them whole, with no border along it."""
    country = boundaries.load().countries[code]
    shape = country.shape
    west, _, east, _ = country.bounds
    if cut <= -180 or west >= cut:
        return shape
    if east <= cut:
        return shapely.affinity.translate(shape, 360)
    beyond = shapely.affinity.translate(shapely.clip_by_rect(shape, -180, -90, cut, 90), 360)
    return shapely.union_all([shapely.clip_by_rect(shape, cut, -90, 180, 90), beyond])


def _path(geometry: BaseGeometry, frame: Frame) -> str:
    """An SVG path of the polygons in a geometry, projected into the frame."""
    rings = []
    for polygon in shapely.get_parts(geometry):
        if polygon.geom_type != "Polygon":
            continue  # clipping can leave a stray line or point along the box's edge
        for ring in (polygon.exterior, *polygon.interiors):
            # Every point projected at once, by the same arithmetic as Frame.project (the same
            # operations in the same order, so the same numbers), then written as _number does.
            lon, lat = shapely.get_coordinates(ring).T
            xs = _numbers(((lon - frame.west) * frame.cos * frame.scale).tolist())
            ys = _numbers(((frame.north - lat) * frame.scale).tolist())
            points: list[str] = []
            for x, y in zip(xs, ys, strict=True):
                point = f"{x} {y}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:
                rings.append("M" + "L".join(points) + "Z")
    return "".join(rings)


def _numbers(values: list[float]) -> list[str]:
    """``_number`` of each value."""
    texts = [f"{value:.1f}" for value in values]
    return ["0.0" if text == "-0.0" else text for text in texts]


def text_width(text: str, size: float) -> float:
    """How wide a text is drawn at a font size, or a little more (see CHAR_WIDTH)."""
    width = 0.0
    for char in text:
        if char in NARROW_CHARS:
            width += NARROW
        elif char in THIN_CHARS:
            width += THIN
        elif char in WIDE_CHARS:
            width += WIDE
        elif char.isascii() and (char.islower() or char.isdigit()):
            width += CHAR_WIDTH
        else:
            width += CAPITAL_WIDTH
    return width * size


def text_box(text: str, x: float, baseline: float, anchor: str, size: float) -> tuple[float, float, float, float]:
    """The box a text and its halo take: left, top, right, bottom."""
    width = text_width(text, size)
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return left - HALO, baseline - ASCENT * size - HALO, left + width + HALO, baseline + DESCENT * size + HALO


class _Labels:
    """Places labels beside their marks without overlapping one another or leaving the drawing."""

    def __init__(self, height: float = HEIGHT) -> None:
        self.height = height
        self.boxes: list[tuple[float, float, float, float]] = []

    def free(self, box: tuple[float, float, float, float]) -> bool:
        left, top, right, bottom = box
        if left < 3 or top < 3 or right > WIDTH - 3 or bottom > self.height - 3:
            return False
        return all(right < x0 or left > x1 or bottom < y0 or top > y1 for x0, y0, x1, y1 in self.boxes)

    def take(self, box: tuple[float, float, float, float]) -> None:
        self.boxes.append(box)

    def at(self, text: str, x: float, baseline: float, anchor: str, size: float = FONT) -> Label | None:
        """The label, if it has room there."""
        box = text_box(text, x, baseline, anchor, size)
        if not self.free(box):
            return None
        self.take(box)
        return Label(text, _number(x), _number(baseline), anchor)

    def beside(self, text: str, x: float, y: float, gap: float) -> Label | None:
        """A label right of the point, else left, above, below, then at a corner (above right, above
        left, below right, below left); None when there is no room."""
        corner = gap * 0.7
        options = [
            (x + gap, y + FONT * 0.35, "start"),
            (x - gap, y + FONT * 0.35, "end"),
            (x, y - gap - FONT * 0.3, "middle"),
            (x, y + gap + FONT * 0.9, "middle"),
            (x + corner, y - corner - FONT * 0.3, "start"),
            (x - corner, y - corner - FONT * 0.3, "end"),
            (x + corner, y + corner + FONT * 0.9, "start"),
            (x - corner, y + corner + FONT * 0.9, "end"),
        ]
        return next(filter(None, (self.at(text, *option) for option in options)), None)

    def inside(self, text: str, spots: Iterable[tuple[float, float]], size: float = FONT) -> Label | None:
        """A label centred on the first of the spots (inside a country) where it has room."""
        return next(filter(None, (self.at(text, x, y, "middle", size) for x, y in spots)), None)


class Maps:
    """The maps of a chronology's pages."""

    def __init__(self, chronology: Chronology) -> None:
        self.chronology = chronology
        self.shapes = boundaries.load()
        # An event's map depends only on its places and how it stands to each: at 10,000 events
        # about half the events share theirs with another.
        self._event_maps: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], Map | None] = {}

    # --- the three maps ------------------------------------------------------------------------------

    def locator(self, place_id: str) -> Map | None:
        """A place's map: the place, the places enclosing it and within it, and the borders around."""
        c = self.chronology
        place = c.places[place_id]
        if place.coordinates is None:
            return None
        around, within, country, frame = self._locator_frame(place)
        marks = self._marks(
            frame,
            [(place, "focus", "at")] + [(p, "context", "at") for p in (*around, *within)],
        )
        title = f"{place.name} on a map"
        if country and country != place.country_code:
            title += f", within {self.shapes.countries[country].name}"
        return self._map("locator", title, frame, marks, {country} if country else set(), ())

    def event(self, event: Event) -> Map | None:
        """An event's map: its places, the countries they are in, and the borders around (one map,
        the same object, for every event with the same places standing the same way to each)."""
        key = (event.places, event.place_precision)
        if key not in self._event_maps:
            self._event_maps[key] = self._event_map(event)
        return self._event_maps[key]

    def _event_map(self, event: Event) -> Map | None:
        c = self.chronology
        located = self._located(event)
        if not located:
            return None
        countries = {code for code in (self._country(p.id) for p in located) if code}
        frame = self._event_frame(located)
        marks = self._marks(
            frame,
            [(p, "focus" if i == 0 else "context", event.precision_at(p.id)) for i, p in enumerate(located)],
        )
        unmapped = tuple(p for p in event.places if c.places[p].coordinates is None)
        return self._map("event", "Where it happened, on a map", frame, marks, countries, unmapped)

    def overview(self) -> Map | None:
        """Every place, each marked by the number of events at it."""
        c = self.chronology
        located = [p for p in c.places.values() if p.coordinates is not None]
        if not located:
            return None
        # Framed on what is drawn: the dots and the countries' shapes (all the points, if neither).
        points = [_point(p) for p in located if self._drawn(p) == "point"]
        shapes = [self._shape(p) for p in located if self._drawn(p) == "area"]
        framed = [shape for shape in shapes if shape is not None]
        if not points and not framed:
            points = [_point(p) for p in located]
        frame = Frame.fitted(points, framed, self.shapes.region)
        # The most events first, so their labels are placed first and small marks are drawn on top.
        ordered = sorted(located, key=lambda p: (-len(c.events_by_place.get(p.id, ())), p.name.casefold()))
        marks = self._marks(frame, [(p, "count", "at") for p in ordered])
        unmapped = tuple(p.id for p in c.places.values() if p.coordinates is None)
        return self._map("overview", "Every place on a map", frame, marks, set(), unmapped)

    def draw_outlines(self) -> None:
        """Clip and simplify the borders of every frame the event and place maps use, now: called
        before the pages are shared among forked workers, each of which would otherwise draw most
        of the frames again (at 10,000 events, about 1,240 frames)."""
        frames = {self._event_frame(located) for located in map(self._located, self.chronology.events) if located}
        for place in self.chronology.places.values():
            if place.coordinates is not None:
                frames.add(self._locator_frame(place)[3])
        for frame in frames:
            _outlines(frame)

    # --- the parts -----------------------------------------------------------------------------------

    def _located(self, event: Event) -> list[Place]:
        """The event's places that have coordinates."""
        places = self.chronology.places
        return [places[p] for p in event.places if places[p].coordinates is not None]

    def _event_frame(self, located: list[Place]) -> Frame:
        """The frame of an event's map: a country among its places whole, other places by their points."""
        framed = [shape for shape in map(self._shape, located) if shape is not None]
        points = [_point(p) for p in located if self._shape(p) is None] or [_point(located[0])]
        return Frame.around(points, framed, self.shapes.region)

    def _locator_frame(self, place: Place) -> tuple[list[Place], list[Place], str | None, Frame]:
        """The places around and within a place that have coordinates, the code of the country it is
        drawn in, and the frame of its map."""
        c = self.chronology
        chain = c.place_chain(place.id)
        around = [p for p in chain[1:] if p.coordinates is not None]
        within = [c.places[i] for i in c.places_within(place.id) if c.places[i].coordinates is not None]
        country = self._country(place.id)
        frame_shapes = [_framed(self.shapes.countries[country])] if country else []
        return (
            around,
            within,
            country,
            Frame.around([_point(p) for p in (place, *around, *within)], frame_shapes, self.shapes.region),
        )

    def _shape(self, place: Place) -> BaseGeometry | None:
        """What a map frames of a country (its main body, see ``_framed``), or None for a place that
        is not one (or has no bundled shape)."""
        country = self.shapes.countries.get(place.country_code or "")
        return _framed(country) if country else None

    def _country(self, place_id: str) -> str | None:
        """The code of the nearest enclosing place (the place itself first) with a bundled shape."""
        for p in self.chronology.place_chain(place_id):
            if self._shape(p) is not None:
                return p.country_code
        return None

    def _drawn(self, place: Place) -> str:
        """How a place is drawn: as a dot at its point ('point'), as its country's shaded shape
        ('area'), or not at all ('none'). A place whose point is only the centre of the area it is
        (a country, a region, a district) is not a dot, which would read as where in it something
        happened; a country is its bundled shape, and an area the site has no shape of is not drawn
        (its administrative centre can lie at its edge, as Brest lies at the Brest region's)."""
        assert place.coordinates is not None
        if AREA_CENTRES.get(place.coordinates.precision) != place.kind:
            return "point"
        return "area" if self._shape(place) is not None else "none"

    def _marks(self, frame: Frame, wanted: list[tuple[Place, str, str]]) -> tuple[list[Mark], _Labels]:
        """The marks, and the room their dots and labels take. A mark whose name has no room is
        labelled with its number in the caption's list."""
        c = self.chronology
        spots = {country.code: country.spots for country in _outlines(frame)}
        # The overview's dots shrink as they grow many, keeping their sizes' proportions, so that
        # hundreds of them do not cover each other and the countries (see COUNT_DOTS).
        dots = sum(1 for place, style, _ in wanted if counted_dot(style, self._drawn(place)))
        scale = min(1.0, math.sqrt(COUNT_DOTS / dots)) if dots else 1.0
        placed = []
        for place, style, precision in wanted:
            assert place.coordinates is not None
            x, y = frame.project(place.coordinates.lat, place.coordinates.lon)
            count = len(c.events_by_place.get(place.id, ()))
            radius = {"focus": 6.0, "context": 4.0}.get(style, max(1.5, (3.0 + 2.5 * math.sqrt(count)) * scale))
            placed.append((place, self._drawn(place), style, precision, x, y, radius, count))
        # Every dot is kept free of labels, then labels are placed in the marks' order: names, then
        # the numbers of the marks whose names found no room.
        labels = _Labels(frame.height)
        for _, drawn, _, _, x, y, radius, _ in placed:
            if drawn == "point":
                labels.take((x - radius, y - radius, x + radius, y + radius))
        named: list[Label | None] = []
        drawn_at: dict[tuple[str, str], str] = {}  # position -> the id of the place first drawn there
        for place, drawn, _, precision, x, y, radius, _ in placed:
            label = None
            if drawn == "area":
                label = labels.inside(place.name, spots.get(place.country_code or "", ()))
            elif drawn == "point" and (_number(x), _number(y)) not in drawn_at:
                # A second place at the same point (a village drawn at its district's centre)
                # shares the first one's label; the caption says so.
                label = labels.beside(place.name, x, y, self._gap(radius, precision))
                drawn_at[(_number(x), _number(y))] = place.id
            named.append(label)
        marks: list[Mark] = []
        for index, (place, drawn, style, precision, x, y, radius, count) in enumerate(placed):
            label, number = named[index], str(index + 1)
            first = drawn_at.get((_number(x), _number(y)), "") if drawn == "point" else ""
            if label is None and drawn == "area":
                label = labels.inside(number, spots.get(place.country_code or "", ()))
            elif label is None and first == place.id:
                # A number is short: beside the dot, else a little further out, past its neighbours'.
                gap = self._gap(radius, precision)
                label = labels.beside(number, x, y, gap) or labels.beside(number, x, y, gap * 2)
            words = self._words(place, precision, drawn)
            if style == "count":
                # The dot's size is the events placed at the place itself; the places' tree counts
                # those within it too, and so does the key where they are more.
                words = f"{count} event{'s' if count != 1 else ''} at it" + (f"; {words}" if words else "")
                within = len(c.events_at(place.id))
                if within > count:
                    words += f"; {within:,} with the places within it"
            dot = (_number(x), _number(y), _number(radius)) if drawn == "point" else ("", "", "")
            ring = _number(radius + 7) if precision == "near" and drawn == "point" else ""
            same = first if first != place.id else ""
            numbered = label is not None and named[index] is None
            assert place.coordinates is not None
            borrowed = stand_in(place.kind, place.coordinates.precision)
            marks.append(Mark(place.id, place.name, drawn, *dot, style, ring, label, words, same, numbered, borrowed))
        return marks, labels

    @staticmethod
    def _gap(radius: float, precision: str) -> float:
        """How far a label stands from its dot's centre: clear of the dot, and of its ring if it has one."""
        return radius + (10 if precision == "near" else 3)

    def _words(self, place: Place, precision: str, drawn: str) -> str:
        """What the caption says of a mark: how the event stands to it, and what is drawn for it."""
        assert place.coordinates is not None
        parts = [EVENT_PRECISION_WORDS[precision]] if EVENT_PRECISION_WORDS[precision] else []
        point = place.coordinates.precision
        own = AREA_CENTRES.get(point)
        if drawn == "area":
            parts.append("shown as the shaded country")
        elif drawn == "none":
            parts.append(
                f"not drawn: the site has no outline of the {place.kind}, "
                f"and a dot at {AREA_POINT_WORDS[point]} would read as an exact position"
            )
        elif own:  # a point at the centre of an area of another kind (see _drawn)
            parts.append(f"a hollow dot {PRECISION_WORDS[point]}, as its own position is not known here")
        elif point == "point":
            parts.append(f"drawn {PRECISION_WORDS[point]}")
        return "; ".join(parts)

    def _map(
        self,
        kind: str,
        title: str,
        frame: Frame,
        placed: tuple[list[Mark], _Labels],
        highlight: set[str],
        unmapped: tuple[str, ...],
    ) -> Map | None:
        """The map: the outlines in the frame, the marks, and country names where there is room;
        None when it would show nothing of its places (no dot, and no country shaded)."""
        marks, labels = placed
        places = self.chronology.places
        areas = {places[mark.place_id].country_code for mark in marks if mark.drawn == "area"}
        highlight = highlight | {code for code in areas if code}
        if not highlight and all(mark.drawn == "none" for mark in marks):
            return None
        countries = _outlines(frame)
        outlines = tuple(Outline(c.code, c.name, c.path, c.code in highlight) for c in countries)
        # Country names where there is room, after the marks' labels (which matter more).
        country_labels = []
        named = {mark.name for mark in marks if mark.label}
        for country in countries:
            if country.name in named or country.code in areas:
                continue  # the country is a place on the map, with its own label
            label = labels.inside(country.name, country.spots, FONT * 0.9)
            if label:
                country_labels.append(label)
        return Map(kind, title, outlines, tuple(country_labels), tuple(marks), unmapped, height=frame.height)


def _label_spots(shape: BaseGeometry, frame: Frame) -> tuple[tuple[float, float], ...]:
    """Where a country's name may go: a point inside its largest visible part, then a grid over that
    part, nearest first. None when too little of it shows to name it."""
    visible = shapely.clip_by_rect(shape, frame.west, frame.south, frame.east, frame.north)
    parts = [part for part in shapely.get_parts(visible) if part.geom_type == "Polygon"]
    if not parts:
        return ()
    largest = max(parts, key=lambda part: part.area)
    if largest.area * frame.scale**2 * frame.cos < 1500:  # in square units of the drawing
        return ()
    spot = largest.point_on_surface()
    first = frame.project(spot.y, spot.x)
    west, south, east, north = largest.bounds
    grid = [(west + (east - west) * i / 8, south + (north - south) * j / 6) for i in range(1, 8) for j in range(1, 6)]
    # One call for the whole grid. A polygon covers a point when they intersect at all (the point
    # within it or on its edge), which is tested without making each point a geometry.
    lons, lats = zip(*grid, strict=True)
    covered = shapely.intersects_xy(largest, lons, lats)
    inside = [frame.project(lat, lon) for (lon, lat), hit in zip(grid, covered, strict=True) if hit]
    inside.sort(key=lambda p: ((p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2, p))
    return (first, *inside)


def _framed(country: boundaries.Country) -> BaseGeometry:
    """The box a map frames for a country: its main body's (``Country.extent``), not its whole
    shape's, which for France or the United States spans oceans to territories far away."""
    return shapely.box(*country.extent)


def degrees(point: Coordinates) -> str:
    """A point in words: ``52.1472° N, 25.5320° E``."""
    north = "N" if point.lat >= 0 else "S"
    east = "E" if point.lon >= 0 else "W"
    return f"{abs(point.lat):.4f}° {north}, {abs(point.lon):.4f}° {east}"


def _point(place: Place) -> tuple[float, float]:
    assert place.coordinates is not None
    return place.coordinates.lat, place.coordinates.lon
