"""GeoJSON (RFC 7946) of the places, with their numbers of events, and of the events at their places.

Positions are longitude first, as RFC 7946 has them, rounded to five decimals (about a metre), as
the data give them. A place or an event with no coordinates is still a feature, with a null
geometry, which RFC 7946 allows: nothing is dropped for want of a point. Each feature carries the
precision codes of the conflict-event datasets (ACLED's geo_precision, UCDP GED's where_prec),
derived from what the point stands for (docs/method.md).

A place's ``events`` counts the events that name it among their places; ``events_here_and_within``
counts those and the events of every place within it (Brest region's counts Gorbakha's), each event
once. An event's feature gives its place in the timeline (``order``, from 1: GeoJSON's features
have no order of their own, and many events share their days) and says what it stands as
(``standing``: fact, claim or statement, and the
page's words for it), as the pages and the events table do: a point where a party says something
happened is no report that it did.
"""

from __future__ import annotations

from typing import Any

from chronology.exports import FOLDER, Context, Export
from chronology.exports.json_data import bounds, bounds_approximate, dumps
from chronology.fragments import standing_text
from chronology.model import Chronology, Place
from chronology.pages import event_path, place_path
from chronology.precision import POINT_WORDS, acled_geo_precision, ucdp_where_prec
from chronology.text import markdown_to_text

PLACES_PATH = f"{FOLDER}/places.geojson"
EVENTS_PATH = f"{FOLDER}/events.geojson"


def point(place: Place) -> dict[str, Any] | None:
    """The place's point as a GeoJSON geometry, longitude first; None when it has no coordinates."""
    if place.coordinates is None:
        return None
    return {"type": "Point", "coordinates": [round(place.coordinates.lon, 5), round(place.coordinates.lat, 5)]}


def point_basis(place: Place | None) -> str | None:
    """Where the place's point comes from (its gazetteer entry, or how it was derived), as plain
    text; None with no place or no coordinates."""
    if place is None or place.coordinates is None:
        return None
    return markdown_to_text(place.coordinates.basis)


def outside_shapes(place: Place | None) -> str | None:
    """Why the place's point lies in no country's bundled shape (at sea, a small island), as plain
    text; None where the data give no reason (most points, which lie in their country)."""
    if place is None or place.coordinates is None or not place.coordinates.outside_shapes:
        return None
    return markdown_to_text(place.coordinates.outside_shapes)


def point_source(place: Place) -> str | None:
    """What the place's point stands for and where it comes from, in one text (None without
    coordinates): "The point is the administrative centre of the district (district-centre). ..."."""
    if place.coordinates is None:
        return None
    precision = place.coordinates.precision
    return f"The point is {POINT_WORDS[precision]} ({precision}). {point_basis(place)}"


def precision_codes(place: Place | None, placed: str = "at") -> dict[str, Any]:
    """The point's precision in words and as ACLED's and UCDP's codes for an event ``placed`` at, near
    or within the place (see ``precision.py``); nulls with no place or no coordinates."""
    if place is None or place.coordinates is None:
        return {"point_precision": None, "geo_precision": None, "where_prec": None}
    stands_for = place.coordinates.precision
    return {
        "point_precision": stands_for,
        "geo_precision": acled_geo_precision(stands_for, placed),
        "where_prec": ucdp_where_prec(stands_for, placed),
    }


def places(chronology: Chronology, context: Context) -> dict[str, Any]:
    """Every place, with how many events happen at it and at the places within it."""
    features = []
    for place in chronology.places.values():
        at = len(chronology.events_by_place.get(place.id, ()))
        features.append(
            {
                "type": "Feature",
                "id": place.id,
                "geometry": point(place),
                "properties": {
                    "name": place.name,
                    "kind": place.kind,
                    "within": place.within,
                    "events": at,
                    "events_here_and_within": len(chronology.events_at(place.id)),
                    **precision_codes(place),
                    "point_basis": point_basis(place),
                    "point_outside_shapes": outside_shapes(place),
                    "url": context.url(place_path(place.id)),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def events(chronology: Chronology, context: Context) -> dict[str, Any]:
    """Every event at its most precise place (its first), in timeline order."""
    features = []
    for event in chronology.events:
        place = chronology.places[event.places[0]] if event.places else None
        standing = chronology.standing(event)
        earliest, latest = bounds(event)
        earliest_approximate, latest_approximate = bounds_approximate(event)
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": point(place) if place else None,
                "properties": {
                    "order": chronology.position[event.id] + 1,
                    "title": event.title,
                    "date": event.date.text,
                    "when": event.date.words(),
                    "earliest": earliest,
                    "earliest_approximate": earliest_approximate,
                    "latest": latest,
                    "latest_approximate": latest_approximate,
                    "date_basis": markdown_to_text(event.date_basis) if event.date_basis else None,
                    "standing": standing.kind,
                    "standing_text": standing_text(chronology, event),
                    "claimed_by": list(standing.claimed_by),
                    "place": place.id if place else None,
                    "places": list(event.places),
                    "placed": event.precision_at(place.id) if place else None,
                    **precision_codes(place, event.precision_at(place.id) if place else "at"),
                    "point_basis": point_basis(place),
                    "url": context.url(event_path(event.id)),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The two GeoJSON files."""
    return [
        Export(
            PLACES_PATH,
            dumps(places(chronology, context)),
            "application/geo+json",
            "GeoJSON (RFC 7946)",
            "GIS and web maps (QGIS, Leaflet, OpenLayers); the geojson library",
            alternate=True,
            title="Places with their numbers of events (GeoJSON)",
        ),
        Export(
            EVENTS_PATH,
            dumps(events(chronology, context)),
            "application/geo+json",
            "GeoJSON (RFC 7946)",
            "GIS and web maps; the geojson library",
            title="Events at their places (GeoJSON)",
        ),
    ]
