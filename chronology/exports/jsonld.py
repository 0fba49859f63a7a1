"""Each event as schema.org JSON-LD, embedded in its page for search engines and linked-data tools.

An ``Event`` with its name, its dates at their precision, its places, its actors, and a
``Quotation`` for every quoted passage it is written from (the source's page as the work the
quotation is from). Each actor is given in a schema.org ``Role`` with the part the data give it
("alleged launcher"), so that a party accused of an act does not read as taking part in it; an
attributed quotation names the parties whose words it is (``spokenByCharacter``). A place the
event is near is named "near" it, and each point says what it stands for (Gorbakha's point is
its district's centre). A date that is one day not known within a range gives that range as start and
end and says so in words (``disambiguatingDescription``): schema.org has no way to say "one of"; a day
that is an estimate gives that day and says "about" or "possibly" there; an approximate time of day
("about 00:15"), or a time on a day that is an estimate, gives the day alone as start, and the time
in those words, since a date-time would claim the minute; a time window ("between 10:00 and 11:00")
gives its span as start and end and says there that the event lies within it (see ``when``).
The event's standing is said there too, in its page's words ("A party's claim. A claim of ...");
on an event that stands only as parties' claims, or is a statement, each actor's ``Role`` says in
its ``description`` whose account its part is, so that an "interceptor" in a claim reads as claimed.
The JSON is made safe inside a ``<script>`` element by escaping ``<``, ``>`` and ``&``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chronology.exports.geo import point_source
from chronology.exports.when import date_sentence, exact_time, time_sentence, window
from chronology.fragments import each_of, standing_text
from chronology.json_text import indented
from chronology.model import Actor, Chronology, Event, Place
from chronology.text import and_list

CONTEXT = "https://schema.org"
_PEOPLE = {"person"}
_GROUPS = {"group"}


def dates(event: Event) -> dict[str, str]:
    """``startDate`` and ``endDate`` at the date's precision, with the local time and its offset when
    known exactly (a window as the span it lies in): an approximate time, or a time on a day that
    is an estimate, gives the day alone (its words are in the description)."""
    start, end = event.date.start, event.date.end
    out: dict[str, str] = {}
    if exact_time(event) and event.time is not None and event.timezone is not None:
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
        _describe(document, f"The date is {event.date.words()}.")
    elif (estimate := date_sentence(event)) is not None:  # "about 19 December 2022": no known day
        _describe(document, f"{estimate}.")
    if (said := time_sentence(event)) is not None:
        # A window is a span the event lies within (not its known length); a time not
        # known exactly, or on a day that is an estimate, is in words alone.
        _describe(document, f"{said}: startDate and endDate are that window." if window(event) else f"{said}.")
    _describe(document, standing_text(chronology, event))
    places = [_place(place_id, chronology.places[place_id], event, url) for place_id in event.places]
    if places:
        document["location"] = places
    whose = _whose_part(chronology, event)
    roles = [
        {"@type": "Role", "roleName": p.role, **whose, "actor": _agent(chronology.actors[p.actor], url)}
        for p in event.actors
    ]
    if roles:
        document["actor"] = roles
    citations = []
    for citation in event.sources:
        work = {
            "@type": "CreativeWork",
            "name": chronology.sources[citation.seed].title or chronology.sources[citation.seed].label,
            "url": url("source", citation.seed),
        }
        speakers = [_agent(chronology.actors[a], url) for a in citation.attributed_to]
        for quote in citation.quotes:
            item: dict[str, Any] = {"@type": "Quotation", "text": quote, "isPartOf": work}
            if speakers:  # the source reports these parties' words, not its own
                item["spokenByCharacter"] = speakers
            citations.append(item)
    document["citation"] = citations
    return document


def _describe(document: dict[str, Any], text: str) -> None:
    """Add a sentence to the event's ``disambiguatingDescription``: a list once it has two."""
    held = document.get("disambiguatingDescription")
    document["disambiguatingDescription"] = (
        text if held is None else [*(held if isinstance(held, list) else [held]), text]
    )


def _whose_part(chronology: Chronology, event: Event) -> dict[str, str]:
    """The ``description`` each of the event's roles carries: whose account the parts are, when
    they are not the sources' own (an event that stands only as parties' claims, or a statement)."""
    standing = chronology.standing(event)
    if standing.kind == "claim":
        # Each citation's parties apart, as the lists of events mark a claim: "of A, of B, and of C".
        accounts = dict.fromkeys(parties for claim in standing.claims for parties in claim.accounts)
        named = [and_list([chronology.actors[a].name for a in parties]) for parties in accounts]
        return {"description": f"A part in the claim of {each_of(named, 'of')}, not in the sources' own account."}
    if standing.kind == "statement":
        return {
            "description": "A part in a statement: that the statement was made is the sources' fact; a part given"
            " in what it says is its speaker's account."
        }
    return {}


def _agent(actor: Actor, url: Callable[[str, str], str]) -> dict[str, Any]:
    # People a source names only together (officials) are no organisation it names: schema.org has
    # no type for a group of people, so they are its most general, a Thing.
    kind = "Person" if actor.kind in _PEOPLE else "Thing" if actor.kind in _GROUPS else "Organization"
    return {"@type": kind, "name": actor.name, "url": url("actor", actor.id)}


def _place(place_id: str, place: Place, event: Event, url: Callable[[str, str], str]) -> dict[str, Any]:
    """One of the event's places: named "near" it when the event was in its vicinity, its point
    described by what it stands for and where it comes from."""
    near = event.precision_at(place_id) == "near"
    item: dict[str, Any] = {"@type": "Place", "name": f"near {place.name}" if near else place.name}
    if near:
        item["description"] = f"In the vicinity of {place.name}, not at it; where exactly is not known."
    item["url"] = url("place", place.id)
    if place.coordinates is not None:
        item["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": place.coordinates.lat,
            "longitude": place.coordinates.lon,
            "description": point_source(place),
        }
    return item


def script_json(document: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment: ``<``, ``>`` and ``&`` escaped."""
    text = indented(document, 1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
