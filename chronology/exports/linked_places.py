"""The places in Linked Places Format (LPF 1.2), the gazetteer format of the World Historical Gazetteer.

A GeoJSON FeatureCollection with LPF's JSON-LD context: each place with its names (the name and its
aliases, each with its language when the data give one, each citing the source that gives it or the
basis it rests on), its kind, its point, and its part-of relation to the place that encloses it,
with the basis of that relation when the sources do not state it. The point is a geometry of LPF's
GeometryCollection, whose ``source`` says what it stands for and where it comes from, and whose
``certainty`` is ``less-certain`` when it is another place's point (a village drawn at its
district's centre).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chronology.exports import FOLDER, Context, Export
from chronology.exports.geo import point, point_source
from chronology.exports.json_data import dumps
from chronology.model import Alias, Chronology, Place
from chronology.pages import place_path, source_path
from chronology.precision import stand_in
from chronology.text import markdown_to_text

PATH = f"{FOLDER}/places.lpf.json"
CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"


def _citations(chronology: Chronology, place: Place, context: Context) -> list[dict[str, Any]]:
    return [
        {
            "label": chronology.sources[c.seed].title or chronology.sources[c.seed].label,
            "@id": context.url(source_path(c.seed)),
        }
        for c in place.sources
    ]


def _name(
    chronology: Chronology, place: Place, alias: str | Alias | Mapping[str, Any], cited: list[dict[str, Any]]
) -> dict[str, Any]:
    """One name as an LPF name: its text, its language when known, and what it rests on: the place's
    sources when the name is in their text, else the basis the data give (none is claimed otherwise)."""
    if isinstance(alias, str):
        in_sources = any(alias in chronology.sources[c.seed].text for c in place.sources)
        return {"toponym": alias, "citations": cited if in_sources else []}
    if isinstance(alias, Alias):
        alias = {"name": alias.name, "lang": alias.lang, "basis": alias.basis}
    name: dict[str, Any] = {"toponym": alias["name"]}
    if alias.get("lang"):
        name["lang"] = alias["lang"]
    basis = alias.get("basis")
    name["citations"] = [{"label": markdown_to_text(basis)}] if basis else cited
    return name


def geometry(place: Place) -> dict[str, Any] | None:
    """The place's point as an LPF geometry: a GeometryCollection of the one point, with what it
    stands for and its basis as its ``source``, ``certain`` when the point is the place's own and
    ``less-certain`` when it is the point of a place it lies in; None without coordinates."""
    drawn, source = point(place), point_source(place)
    if drawn is None or source is None or place.coordinates is None:
        return None
    drawn["source"] = source
    drawn["certainty"] = "less-certain" if stand_in(place.kind, place.coordinates.precision) else "certain"
    return {"type": "GeometryCollection", "geometries": [drawn]}


def feature(chronology: Chronology, place: Place, context: Context) -> dict[str, Any]:
    """One place as an LPF feature."""
    cited = _citations(chronology, place, context)
    # LPF's ccodes are ISO 3166-1 alpha-2; the data's country codes are alpha-3 (the boundary
    # data's), so they are left out rather than converted by a table of our own.
    properties: dict[str, Any] = {"title": place.name}
    out: dict[str, Any] = {
        "@id": context.url(place_path(place.id)),
        "type": "Feature",
        "properties": properties,
        "names": [_name(chronology, place, place.name, cited)]
        + [_name(chronology, place, a, cited) for a in place.aliases],
        "types": [{"label": place.kind, "sourceLabel": place.kind}],
    }
    drawn = geometry(place)
    if drawn is not None:
        out["geometry"] = drawn
    if place.within is not None:
        enclosing = chronology.places[place.within]
        relation: dict[str, Any] = {
            "relationType": "gvp:broaderPartitive",
            "relationTo": context.url(place_path(enclosing.id)),
            "label": f"part of {enclosing.name}",
        }
        if place.within_basis:
            relation["citations"] = [{"label": markdown_to_text(place.within_basis)}]
            relation["certainty"] = "less certain"
        else:
            relation["citations"] = cited
            relation["certainty"] = "certain"
        out["relations"] = [relation]
    if place.description:
        out["descriptions"] = [{"value": markdown_to_text(place.description), "lang": "en"}]
    return out


def collection(chronology: Chronology, context: Context) -> dict[str, Any]:
    """Every place as one LPF FeatureCollection."""
    return {
        "@context": CONTEXT,
        "type": "FeatureCollection",
        "features": [feature(chronology, p, context) for p in chronology.places.values()],
    }


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The Linked Places file."""
    return [
        Export(
            PATH,
            dumps(collection(chronology, context)),
            "application/ld+json",
            "Linked Places Format 1.2 (GeoJSON-LD)",
            "the World Historical Gazetteer and other gazetteer tools; LPF's JSON Schema",
            title="Places for gazetteers (Linked Places)",
        )
    ]
