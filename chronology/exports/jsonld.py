"""Each event as schema.org JSON-LD, embedded in its page for search engines and linked-data tools.

An ``Event`` with its name, its dates at their precision, its places, the actors it names, and a
``Quotation`` for every quoted passage it is written from (the source's page as the work the
quotation is from). A date that is one day not known within a range gives that range as start and
end and says so in words (``disambiguatingDescription``): schema.org has no way to say "one of".
The JSON is made safe inside a ``<script>`` element by escaping ``<``, ``>`` and ``&``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chronology.json_text import indented
from chronology.model import Chronology, Event

CONTEXT = "https://schema.org"
_PEOPLE = {"person"}


def dates(event: Event) -> dict[str, str]:
    """``startDate`` and ``endDate`` at the date's precision, with the local time and its offset when known."""
    start, end = event.date.start, event.date.end
    out: dict[str, str] = {}
    if event.time is not None and event.timezone is not None and event.date.is_single_day:
        day = event.date.first_day()
        zone = ZoneInfo(event.timezone)
        hour, minute = event.time.start
        out["startDate"] = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).isoformat()
        if event.time.end is not None:
            hour, minute = event.time.end
            out["endDate"] = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).isoformat()
        return out
    if start is not None:
        out["startDate"] = start.iso()
    if end is not None and end is not start:
        out["endDate"] = end.iso()
    return out


def event_jsonld(chronology: Chronology, event: Event, url: Callable[[str, str], str]) -> dict[str, Any]:
    """The event as a schema.org ``Event``; ``url(kind, id)`` gives the page of a record."""
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": url("event", event.id),
        "url": url("event", event.id),
        "name": event.title,
        **dates(event),
    }
    if not event.date.is_single_day:
        document["disambiguatingDescription"] = f"The date is {event.date.words()}."
    places = []
    for place_id in event.places:
        place = chronology.places[place_id]
        item: dict[str, Any] = {"@type": "Place", "name": place.name, "url": url("place", place.id)}
        if place.coordinates is not None:
            item["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": place.coordinates.lat,
                "longitude": place.coordinates.lon,
            }
        places.append(item)
    if places:
        document["location"] = places
    actors = []
    for actor_id in event.actor_ids:
        actor = chronology.actors[actor_id]
        kind = "Person" if actor.kind in _PEOPLE else "Organization"
        actors.append({"@type": kind, "name": actor.name, "url": url("actor", actor.id)})
    if actors:
        document["actor"] = actors
    document["citation"] = [
        {
            "@type": "Quotation",
            "text": quote,
            "isPartOf": {
                "@type": "CreativeWork",
                "name": chronology.sources[citation.seed].title or chronology.sources[citation.seed].label,
                "url": url("source", citation.seed),
            },
        }
        for citation in event.sources
        for quote in citation.quotes
    ]
    return document


def script_json(document: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment: ``<``, ``>`` and ``&`` escaped."""
    text = indented(document, 1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
