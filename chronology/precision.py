"""Precision: how exactly an event's place is known and what a place's point stands for, in ACLED's and UCDP's codes.

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

#: The precision whose point is the centre of a place of this kind: for a place of that kind, its
#: own point; for a place of another kind, a stand-in, the point of an area it lies in.
AREA_CENTRES = {"district-centre": "district", "region-centre": "region", "country-centroid": "country"}
#: What a place's point is, by its precision (the place schema's meanings), for its page and the exports.
POINT_WORDS = {
    "point": "the spot itself",
    "settlement": "the centre of the settlement",
    "district-centre": "the administrative centre of the district",
    "region-centre": "the administrative centre of the region",
    "country-centroid": "the centre of the country's shape",
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


def stand_in(place_kind: str, place_precision: str) -> bool:
    """Whether a place's point is not its own but the centre of an area it lies in, of another kind
    (Gorbakha, a village, drawn at Ivanovo District's centre): maps draw it as a hollow dot, and
    Linked Places call it less certain."""
    own = AREA_CENTRES.get(place_precision)
    return own is not None and own != place_kind
