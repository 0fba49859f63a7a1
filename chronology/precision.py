"""Precision: how exactly an event's place is known, in the codes of ACLED and UCDP.

Two fields say it (both declared in the schemas): a place's ``coordinates.precision`` (what its point
stands for: the spot, the settlement, or the centre of its district, region or country) and an
event's ``place_precision`` (whether it happened at the place, near it, or somewhere within it).
Data sets of political violence code the same thing in one number, and the exports give both:

* ACLED ``geo_precision``: 1, the town or village named (or the spot's coordinates); 2, near a
  town, or in a small part of a region, with the nearest town's point; 3, only a larger region
  named, with its centre or capital's point.
* UCDP GED ``where_prec``: 1, the exact location; 2, within about 25 km of a known point; 3, only
  the second-order administrative division (district); 4, only the first-order division (region);
  6, only the country. (5, a part of a country or a linear feature, and 7, international waters
  or airspace, have no counterpart here.)

The place's own precision sets the code; the event's can only make it coarser ("near" a
settlement is within 25 km of it, not at it).
"""

from __future__ import annotations

#: What the point stands for, in words, for each place precision (the place schema's meanings).
STANDS_FOR = {
    "point": "the spot itself",
    "settlement": "the centre of the town or village",
    "district-centre": "the administrative centre of the district",
    "region-centre": "the administrative centre of the region",
    "country-centroid": "the centroid of the country's shape",
}
#: The place precision that stands for a place of each kind itself (a country's centroid is its
#: point), not for another place whose point it borrows (a village drawn at its district's centre).
_OWN_PRECISION = {
    "country": "country-centroid",
    "region": "region-centre",
    "district": "district-centre",
    "city": "settlement",
    "village": "settlement",
}
#: ACLED's geo_precision for each place precision, for an event at the place.
ACLED_GEO_PRECISION = {"point": 1, "settlement": 1, "district-centre": 2, "region-centre": 3, "country-centroid": 3}
#: UCDP's where_prec for each place precision, for an event at the place.
UCDP_WHERE_PREC = {"point": 1, "settlement": 1, "district-centre": 3, "region-centre": 4, "country-centroid": 6}


def acled_geo_precision(place_precision: str, event_precision: str = "at") -> int:
    """ACLED's geo_precision for an event placed ``event_precision`` (at, near, within) a place."""
    code = ACLED_GEO_PRECISION[place_precision]
    return 2 if code == 1 and event_precision == "near" else code


def ucdp_where_prec(place_precision: str, event_precision: str = "at") -> int:
    """UCDP's where_prec for an event placed ``event_precision`` (at, near, within) a place."""
    code = UCDP_WHERE_PREC[place_precision]
    return 2 if code == 1 and event_precision in ("near", "within") else code


def stands_for_itself(place_kind: str, place_precision: str) -> bool:
    """Whether a place's point is its own (the spot, or the point a place of its kind is drawn at),
    rather than the point of a place it lies in (Gorbakha drawn at Ivanovo District's centre)."""
    return place_precision == "point" or _OWN_PRECISION.get(place_kind) == place_precision
