"""The whole chronology as one JSON document, with its JSON Schema beside it.

The data are the files as written (every field the schemas declare, so a field added to a schema
reaches this export without a change here), in timeline order for events and by id for the rest,
plus each source's verbatim text and what the site derives: each record's page and each event's
position (``order``, from 1, and ``position``, from 0), its date's precision (a set's form, such
as ``one-of``, where the day is not known), earliest and latest possible day, date in words and
standing (whether it stands as fact, a claim or a statement, and the page's words for it), and the
counts its page weighs, as it weighs them (which figures are superseded, which counts revised,
put differently or in conflict: ``counts_shown``). The
published schema is assembled from the data files' own schemas, so the export and the files are
described in one place.
"""

from __future__ import annotations

from typing import Any

from chronology import schema
from chronology.exports import FOLDER, Context, Export
from chronology.fragments import standing_text
from chronology.json_text import indented
from chronology.model import COUNT_MARKS, STANDING_KINDS, Chronology, Event
from chronology.pages import actor_path, event_path, place_path, source_path

PATH = f"{FOLDER}/chronology.json"
SCHEMA_PATH = f"{FOLDER}/chronology.schema.json"
#: The version of this document's shape; a change that breaks a reader raises it.
FORMAT = "chronology-1"

#: What an event's ``order`` is, in every export that lists events.
ORDER_DESCRIPTION = (
    "Its place in the timeline, from 1: the site's order, which puts the events of one day or span in the"
    " order their links and sources give (what an event answers comes after it). Sort by it, not by the"
    " dates, to read the events in order: many share their earliest and latest day."
)


def dumps(value: Any) -> bytes:
    """JSON as every export writes it: UTF-8, keys in the order given, a final newline."""
    return (indented(value, 1) + "\n").encode("utf-8")


def bounds(event: Event) -> tuple[str | None, str | None]:
    """The earliest and latest possible day of an event, ISO 8601 (None for an open end)."""
    earliest, latest = event.date.earliest(), event.date.latest()
    return (earliest.isoformat() if earliest else None, latest.isoformat() if latest else None)


def bounds_approximate(event: Event) -> tuple[bool | None, bool | None]:
    """Whether the earliest and the latest possible day are estimates rather than bounds: True when
    that end of the date is approximate or uncertain (EDTF ``~``, ``?`` or ``%``: "about 31
    December"), None for an open end."""
    start, end = event.date.start, event.date.end
    return (
        start.estimated if start else None,
        end.estimated if end else None,
    )


#: The precision of a date that is one day, month or year not known within a set (``EventDate.kind``):
#: its form, since the day is not known ("one day between 29 and about 31 December" is no "day").
SET_PRECISIONS = {
    "one-of": "one of a span: one date, not known which, between its earliest and latest",
    "on-or-before": "one date, not known which, on or before its latest",
    "on-or-after": "one date, not known which, on or after its earliest",
}


def precision(event: Event) -> str:
    """How precisely the event's date is known: ``day``, ``month`` or ``year`` for one point (an
    estimate when earliest_approximate says so) or a span that lasted, at its ends' precision; for
    one date not known within a set, the set's form (``one-of``, ``on-or-before``, ``on-or-after``)."""
    kind = event.date.kind
    return kind if kind in SET_PRECISIONS else event.date.precision


def counts_shown(chronology: Chronology, event: Event) -> list[dict[str, Any]]:
    """The counts the event's page weighs, as it weighs them (``Chronology.counts``, ``Count``), in
    its order: each count's key, whether a giver revised it, whether its givers' latest figures are
    put differently (``differ``) or no number fits them all (``conflict``), the page's marks in its
    words (``COUNT_MARKS``), and each figure it shows (its event and its place among that event's
    figures, from 0), earliest given first, with whether it is superseded and the later figures,
    worded as the page words them, that its giver revised it to."""
    shown = []
    for count in chronology.counts(event):
        figures = []
        for account in count.accounts:
            revised_to = count.revised_to(account)
            recorded = chronology.events_by_id[account.event].figures
            position = next(i for i, f in enumerate(recorded) if f is account.figure)
            figures.append(
                {
                    "event": account.event,
                    "position": position,
                    "superseded": bool(revised_to),
                    "revised_to": list(revised_to),
                }
            )
        shown.append(
            {
                "counts": count.counts,
                "revised": count.revised,
                "differ": count.differ,
                "conflict": count.conflict,
                "marks": [COUNT_MARKS[mark] for mark in count.marks],
                "figures": figures,
            }
        )
    return shown


def document(chronology: Chronology, context: Context) -> dict[str, Any]:
    """The chronology as one JSON-ready mapping (see the module's docstring)."""
    records = context.records
    events = [records["event"][e.id] for e in chronology.events]
    derived_events: dict[str, Any] = {}
    for position, event in enumerate(chronology.events):
        standing = chronology.standing(event)
        earliest, latest = bounds(event)
        earliest_approximate, latest_approximate = bounds_approximate(event)
        derived_events[event.id] = {
            "url": context.url(event_path(event.id)),
            "position": position,
            "order": position + 1,
            "earliest": earliest,
            "earliest_approximate": earliest_approximate,
            "latest": latest,
            "latest_approximate": latest_approximate,
            "precision": precision(event),
            "when": event.date.words(),
            "standing": standing.kind,
            "standing_text": standing_text(chronology, event),
            "counts": counts_shown(chronology, event),
        }
    return {
        "$schema": "chronology.schema.json",
        "format": FORMAT,
        "title": context.site_name,
        "events": events,
        "actors": [records["actor"][i] for i in chronology.actors],
        "places": [records["place"][i] for i in chronology.places],
        "sources": [records["seed"][i] for i in chronology.sources],
        "texts": {i: s.text for i, s in chronology.sources.items()},
        "derived": {
            "events": derived_events,
            "actors": {i: {"url": context.url(actor_path(i))} for i in chronology.actors},
            "places": {i: {"url": context.url(place_path(i))} for i in chronology.places},
            "sources": {i: {"url": context.url(source_path(i))} for i in chronology.sources},
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``chronology.json``: the data files' schemas, embedded whole and referred to."""

    def ref(kind: str) -> dict[str, str]:
        return {"$ref": schema.schema(kind)["$id"]}

    url = {"type": ["string"], "minLength": 1}
    count_shown = {
        "type": "object",
        "additionalProperties": False,
        "required": ["counts", "revised", "differ", "conflict", "marks", "figures"],
        "properties": {
            "counts": {"description": "What is counted (the figures' counts key).", "type": "string"},
            "revised": {
                "description": "True when a giver gave the count again later, differently: the page marks it Revised.",
                "type": "boolean",
            },
            "differ": {
                "description": "True when the givers' latest figures put the count differently, whether or not one"
                " number could fit them all.",
                "type": "boolean",
            },
            "conflict": {
                "description": "True when no number fits every giver's latest figures (a figure of about a number"
                " bounds nothing): the page marks it Accounts differ; one that differs without conflict is marked"
                " Figures differ.",
                "type": "boolean",
            },
            "marks": {
                "description": "The page's marks beside the count, in its words.",
                "type": "array",
                "items": {"enum": list(COUNT_MARKS.values())},
            },
            "figures": {
                "description": "The figures the page shows of the count, earliest given first.",
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["event", "position", "superseded", "revised_to"],
                    "properties": {
                        "event": {"description": "The event that records the figure.", "type": "string"},
                        "position": {
                            "description": "Its place among that event's figures, from 0 (figures.csv's position).",
                            "type": "integer",
                            "minimum": 0,
                        },
                        "superseded": {
                            "description": "True when its giver gave the count again later, differently: the page"
                            " says superseded: revised later to the figures in revised_to.",
                            "type": "boolean",
                        },
                        "revised_to": {
                            "description": "The later figures its giver revised it to, as the page words them (7,"
                            " more than 6); empty unless superseded.",
                            "type": "array",
                            "items": {"type": "string"},
                        },
                    },
                },
            },
        },
    }
    derived_event = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "url",
            "position",
            "order",
            "earliest",
            "earliest_approximate",
            "latest",
            "latest_approximate",
            "precision",
            "when",
            "standing",
            "standing_text",
            "counts",
        ],
        "properties": {
            "url": {"description": "The event's page.", **url},
            "position": {
                "description": "Its place in the timeline, from 0 (order less one).",
                "type": "integer",
                "minimum": 0,
            },
            "order": {"description": ORDER_DESCRIPTION, "type": "integer", "minimum": 1},
            "earliest": {
                "description": "The first day the date can mean (ISO 8601), null when open. A bound, unless"
                " earliest_approximate is true.",
                "type": ["string", "null"],
                "format": "date",
            },
            "earliest_approximate": {
                "description": "True when the date's start is approximate or uncertain (EDTF ~, ? or %): the"
                " earliest day is then an estimate, and the event may have happened before it; null when open.",
                "type": ["boolean", "null"],
            },
            "latest": {
                "description": "The last day the date can mean (ISO 8601), null when open. A bound, unless"
                " latest_approximate is true.",
                "type": ["string", "null"],
                "format": "date",
            },
            "latest_approximate": {
                "description": "True when the date's end is approximate or uncertain (EDTF ~, ? or %: about 31"
                " December): the latest day is then an estimate, and the event may have happened after it;"
                " null when open.",
                "type": ["boolean", "null"],
            },
            "precision": {
                "description": "How precisely the date is known: day, month or year for one date at that precision"
                " (an estimate when earliest_approximate is true: about 19 December is a day estimated) or for a span"
                " the event lasted, at its ends' precision; for one date not known within a set, its form: "
                + "; ".join(f"{kind}: {meaning}" for kind, meaning in SET_PRECISIONS.items())
                + ".",
                "enum": ["day", "month", "year", *SET_PRECISIONS],
            },
            "when": {"description": "The date in words, as the site shows it.", "type": "string"},
            "standing": {
                "description": "What the event stands as, as its page says it (derived from its citations' voices and"
                " the links to and from it): "
                + "; ".join(f"{kind}: {meaning}" for kind, meaning in STANDING_KINDS.items())
                + ".",
                "enum": list(STANDING_KINDS),
            },
            "standing_text": {
                "description": "The event's standing in the words its page leads with: who reports it, as fact or as"
                " whose claim.",
                "type": "string",
            },
            "counts": {
                "description": "The counts its page weighs, side by side, in the page's order: its own figures and"
                " those of the events linked to it that bear on it, each count as the page weighs it. A giver (a"
                " party in one source, or a source in its own voice) that gave a count again later, differently,"
                " revised it: its earlier figures are superseded, and only each giver's latest are weighed"
                " against the others'. Empty when it shows no figures.",
                "type": "array",
                "items": count_shown,
            },
        },
    }
    pages = {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "additionalProperties": False,
            "required": ["url"],
            "properties": {"url": {"description": "The record's page.", **url}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://chronology.invalid/schemas/chronology.schema.json",
        "title": "Chronology",
        "description": "A whole chronology: its data files as written, its sources' texts, and what the site derives.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "title", "events", "actors", "places", "sources", "texts", "derived"],
        "properties": {
            "$schema": {"type": "string"},
            "format": {"description": "The version of this document's shape.", "const": FORMAT},
            "title": {"description": "The chronology's name.", "type": "string"},
            "events": {"description": "Every event, in timeline order.", "type": "array", "items": ref("event")},
            "actors": {"description": "Every actor, by id.", "type": "array", "items": ref("actor")},
            "places": {"description": "Every place, by id.", "type": "array", "items": ref("place")},
            "sources": {"description": "Every source's metadata, by id.", "type": "array", "items": ref("seed")},
            "texts": {
                "description": "Every source's verbatim text, by source id.",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
            "derived": {
                "description": "What the site derives from the data, by record id.",
                "type": "object",
                "additionalProperties": False,
                "required": ["events", "actors", "places", "sources"],
                "properties": {
                    "events": {"type": "object", "additionalProperties": derived_event},
                    "actors": pages,
                    "places": pages,
                    "sources": pages,
                },
            },
        },
        "$defs": {kind: schema.schema(kind) for kind in schema.KINDS},
    }


def make(chronology: Chronology, context: Context) -> list[Export]:
    """``chronology.json`` and its schema."""
    return [
        Export(
            PATH,
            dumps(document(chronology, context)),
            "application/json",
            "JSON",
            "any JSON reader; validate it with its JSON Schema, chronology.schema.json",
            alternate=True,
            title="The whole chronology (JSON)",
        ),
        Export(
            SCHEMA_PATH,
            dumps(json_schema()),
            "application/schema+json",
            "JSON Schema (draft 2020-12)",
            "any JSON Schema validator",
            title="The JSON Schema of chronology.json",
        ),
    ]
