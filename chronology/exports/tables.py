"""CSV tables of the chronology, described by a Frictionless Data Package.

One table per kind of record and one per relation between them, each with a Table Schema (types,
descriptions, a primary key, foreign keys into the other tables), so that ``frictionless validate
data/datapackage.json`` checks the whole set. The events table also carries columns named as in the
conflict-event datasets (ACLED, UCDP GED), so that it can be read beside them; docs/method.md says
which code means what.

Text cells are written by the csv module (RFC 4180 quoting), so no text from the data can add a
row or a column. A text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with an apostrophe, as OWASP advises
for CSV meant to be opened in spreadsheets; the JSON export has every text exactly as written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from chronology.exports import FOLDER, Context, Export
from chronology.exports.geo import outside_shapes, point_basis, precision_codes
from chronology.exports.json_data import bounds_approximate, dumps
from chronology.model import Chronology, Event, Place
from chronology.pages import actor_path, event_path, place_path, source_path
from chronology.text import markdown_to_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of a table: its Table Schema field and how a row's value is read."""

    name: str
    type: str  # a Table Schema type: string, integer, number, date
    description: str
    value: Callable[[Any], Any]
    required: bool = False


@dataclass(frozen=True)
class Table:
    """One CSV file: its columns, its rows, its keys."""

    name: str
    title: str
    columns: list[Column]
    rows: Iterable[Any]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]]  # (fields, table, its fields)

    def csv(self) -> bytes:
        """The table as CSV: a header row, then one row per record, lines ending CRLF as RFC 4180 has it."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.name for c in self.columns])
        for row in self.rows:
            writer.writerow([_cell(c.value(row)) for c in self.columns])
        return out.getvalue().encode("utf-8")

    def resource(self) -> dict[str, Any]:
        """The table's entry in datapackage.json."""
        fields = []
        for column in self.columns:
            entry: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
            if column.required:
                entry["constraints"] = {"required": True}
            if column.type == "date":
                entry["format"] = "%Y-%m-%d"
            fields.append(entry)
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""], "primaryKey": self.primary_key}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fields_, "reference": {"resource": "" if table == self.name else table, "fields": theirs}}
                for fields_, table, theirs in self.foreign_keys
            ]
        return {
            "name": self.name,
            "title": self.title,
            "path": f"{self.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }


def _cell(value: Any) -> str:
    if value.__class__ is str:  # most cells: answered first
        return "'" + value if value.startswith(_FORMULA_START) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 69, not 69.0: a count as the source writes it
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _coordinate(chronology: Chronology, event: Event, axis: str) -> float | None:
    """A coordinate of the event's first place (see ``_point``)."""
    value: float | None = _point(chronology.places[event.places[0]] if event.places else None, axis)
    return value


def _geo(chronology: Chronology, event: Event) -> dict[str, Any]:
    if not event.places:
        return precision_codes(None)
    return precision_codes(chronology.places[event.places[0]], event.precision_at(event.places[0]))


def days_between(event: Event) -> int | None:
    """How many days the event's date spans, from its earliest to its latest possible day (None if open)."""
    earliest, latest = event.date.earliest(), event.date.latest()
    if earliest is None or latest is None:
        return None
    return (latest - earliest).days + 1


def unknown_days(event: Event) -> int | None:
    """Over how many days the event's date is not known (None if open): for a span that lasted (a
    closed interval), the width of its less precise end (1 when both ends are known days); for
    any other date, every day from the earliest to the latest it can mean."""
    start, end = event.date.start, event.date.end
    if event.date.kind == "interval" and start is not None and end is not None:
        return max((p.last_day() - p.first_day()).days + 1 for p in (start, end))
    return days_between(event)


def acled_time_precision(event: Event) -> int:
    """ACLED's time_precision: 1 the day is known (for a span that lasted, the days it began and
    ended); 2 it is known within a week; 3 only the month or wider."""
    days = unknown_days(event)
    if days == 1:
        return 1
    return 2 if days is not None and days <= 7 else 3


def ucdp_date_prec(event: Event) -> int:
    """UCDP GED's date_prec: 1 the exact day (for a span that lasted, its exact first and last days,
    as UCDP codes a multi-day event between date_start and date_end); 2 within 2-6 days; 3 within a
    week; 4 within 8-30 days or a month; 5 within more than 30 days, or only the year."""
    days = unknown_days(event)
    if days is None:
        return 5
    for limit, code in ((1, 1), (6, 2), (7, 3), (31, 4)):
        if days <= limit:
            return code
    return 5


def _point(place: Place | None, field: str) -> Any:
    """A field of a place's coordinates (None without a place or coordinates): lat and lon to five
    decimals, as the GeoJSON gives them, the basis as plain text (``geo.point_basis``)."""
    if place is None or place.coordinates is None:
        return None
    if field == "basis":
        return point_basis(place)
    value = getattr(place.coordinates, field)
    return round(float(value), 5) if field in ("lat", "lon") else value


def _joined(values: Iterable[str]) -> str:
    """A list cell: each value once, in the order it first appears (an event cites one source in
    several citations, one for each way the source presents it)."""
    return ";".join(dict.fromkeys(values))


def tables(chronology: Chronology, context: Context) -> list[Table]:
    """Every table of the package."""
    c = chronology

    def first_place(event: Event) -> str | None:
        return event.places[0] if event.places else None

    def actor(n: int) -> Callable[[Event], str | None]:
        return lambda e: e.actors[n].actor if len(e.actors) > n else None

    event_columns = [
        Column("id", "string", "The event's id (its file's name).", lambda e: e.id, required=True),
        Column("title", "string", "A one-line headline.", lambda e: e.title, required=True),
        Column("date", "string", "The date as written, in EDTF.", lambda e: e.date.text, required=True),
        Column("when", "string", "The date in words, as the site shows it.", lambda e: e.date.words()),
        Column(
            "event_date",
            "date",
            "The earliest day it may have happened (ACLED's event_date; UCDP's date_start).",
            lambda e: e.date.earliest(),
        ),
        Column(
            "event_date_approximate",
            "boolean",
            "true when the date's start is approximate or uncertain (EDTF ~, ? or %): event_date is then an"
            " estimate, not a bound.",
            lambda e: bounds_approximate(e)[0],
        ),
        Column("date_end", "date", "The latest day it may have happened (UCDP's date_end).", lambda e: e.date.latest()),
        Column(
            "date_end_approximate",
            "boolean",
            "true when the date's end is approximate or uncertain (EDTF ~, ? or %; about 31 December):"
            " date_end is then an estimate, and the event may have happened after it.",
            lambda e: bounds_approximate(e)[1],
        ),
        Column("time_precision", "integer", "ACLED's time_precision code (docs: method).", acled_time_precision),
        Column("date_prec", "integer", "UCDP GED's date_prec code (docs: method).", ucdp_date_prec),
        Column(
            "time",
            "string",
            "The local time or window as written: HH:MM or HH:MM/HH:MM, a time marked ~ before it approximate"
            " (~00:15 is about 00:15).",
            lambda e: e.time.text if e.time else None,
        ),
        Column(
            "time_approximate",
            "boolean",
            "true when the time, or an end of its window, is approximate (written ~): an estimate, not an exact"
            " time or bound; empty without a time.",
            lambda e: e.time.approximate if e.time else None,
        ),
        Column("timezone", "string", "The IANA time zone of the time.", lambda e: e.timezone),
        Column("place_id", "string", "The most precise place (the first of the event's places).", first_place),
        Column(
            "location",
            "string",
            "That place's name (ACLED's location).",
            lambda e: c.places[e.places[0]].name if e.places else None,
        ),
        Column(
            "placed",
            "string",
            "How the event stands to that place: at, near (in its vicinity) or within (somewhere inside it).",
            lambda e: e.precision_at(e.places[0]) if e.places else None,
        ),
        Column("latitude", "number", "The place's latitude (WGS 84).", lambda e: _coordinate(c, e, "lat")),
        Column("longitude", "number", "The place's longitude (WGS 84).", lambda e: _coordinate(c, e, "lon")),
        Column(
            "geo_precision",
            "integer",
            "ACLED's geo_precision for the event at that place (docs: method).",
            lambda e: _geo(c, e)["geo_precision"],
        ),
        Column(
            "where_prec",
            "integer",
            "UCDP GED's where_prec for the event at that place (docs: method).",
            lambda e: _geo(c, e)["where_prec"],
        ),
        Column("actor1", "string", "The first actor named (ACLED's actor1; no direction implied).", actor(0)),
        Column("actor2", "string", "The second actor named (ACLED's actor2).", actor(1)),
        Column(
            "sources",
            "string",
            "The ids of its sources, separated by ';' (ACLED's source).",
            lambda e: _joined(s.seed for s in e.sources),
        ),
        Column("tags", "string", "Its tags, separated by ';'.", lambda e: _joined(e.tags)),
        Column(
            "notes", "string", "What happened, as plain text (ACLED's notes).", lambda e: markdown_to_text(e.summary)
        ),
        Column("url", "string", "The event's page.", lambda e: context.url(event_path(e.id))),
    ]
    return [
        Table(
            "events",
            "Events",
            event_columns,
            c.events,
            ["id"],
            [(["place_id"], "places", ["id"]), (["actor1"], "actors", ["id"]), (["actor2"], "actors", ["id"])],
        ),
        Table(
            "actors",
            "Actors",
            [
                Column("id", "string", "The actor's id.", lambda a: a.id, required=True),
                Column("name", "string", "Its name.", lambda a: a.name, required=True),
                Column("kind", "string", "What kind of actor it is.", lambda a: a.kind, required=True),
                Column("title", "string", "A person's position.", lambda a: a.title),
                Column(
                    "aliases", "string", "Other names, separated by ';'.", lambda a: _joined(x.name for x in a.aliases)
                ),
                Column("url", "string", "The actor's page.", lambda a: context.url(actor_path(a.id))),
            ],
            c.actors.values(),
            ["id"],
            [],
        ),
        Table(
            "places",
            "Places",
            [
                Column("id", "string", "The place's id.", lambda p: p.id, required=True),
                Column("name", "string", "Its name.", lambda p: p.name, required=True),
                Column("kind", "string", "What kind of place it is.", lambda p: p.kind, required=True),
                Column("within", "string", "The place enclosing it.", lambda p: p.within),
                Column(
                    "within_basis",
                    "string",
                    "How the enclosing place was established when the sources do not state it (plain text).",
                    lambda p: markdown_to_text(p.within_basis) if p.within_basis else None,
                ),
                Column(
                    "country_code",
                    "string",
                    "For a country: its ISO 3166-1 alpha-3 code.",
                    lambda p: p.country_code,
                ),
                Column("latitude", "number", "The point's latitude (WGS 84).", lambda p: _point(p, "lat")),
                Column("longitude", "number", "The point's longitude (WGS 84).", lambda p: _point(p, "lon")),
                Column(
                    "point_precision",
                    "string",
                    "What the point stands for: point (the spot itself), settlement (the town or village's"
                    " centre), district-centre, region-centre (the administrative centre of the district or"
                    " region: of the place's own, or of the one it lies in when nothing finer is known),"
                    " country-centroid.",
                    lambda p: _point(p, "precision"),
                ),
                Column(
                    "point_basis",
                    "string",
                    "Where the point comes from: the gazetteer entry, or how it was derived (plain text).",
                    lambda p: _point(p, "basis"),
                ),
                Column(
                    "point_outside_shapes",
                    "string",
                    "Why the point lies in no country's outline on the site's maps (at sea, or a small"
                    " island the 1:50 million outlines leave out), as the data say (plain text).",
                    outside_shapes,
                ),
                Column(
                    "aliases",
                    "string",
                    "Other names and spellings, separated by ';' (with their languages in place_aliases).",
                    lambda p: _joined(x.name for x in p.aliases),
                ),
                Column(
                    "description",
                    "string",
                    "A short description from the sources, as plain text.",
                    lambda p: markdown_to_text(p.description) if p.description else None,
                ),
                Column("url", "string", "The place's page.", lambda p: context.url(place_path(p.id))),
            ],
            c.places.values(),
            ["id"],
            [(["within"], "places", ["id"])],
        ),
        Table(
            "sources",
            "Sources",
            [
                Column("id", "string", "The source's id.", lambda s: s.id, required=True),
                Column("label", "string", "A short description of it.", lambda s: s.label, required=True),
                Column("title", "string", "Its headline, when known.", lambda s: s.title),
                Column("publisher", "string", "Its publisher, when known.", lambda s: s.publisher),
                Column("address", "string", "Where it was published, when known.", lambda s: s.url),
                Column(
                    "published",
                    "string",
                    "When it was published, in EDTF.",
                    lambda s: s.published.text if s.published else None,
                ),
                Column("language", "string", "Its language (BCP 47).", lambda s: s.language, required=True),
                Column("url", "string", "The source's page on this site.", lambda s: context.url(source_path(s.id))),
            ],
            c.sources.values(),
            ["id"],
            [],
        ),
        Table(
            "event_actors",
            "Who took part in each event",
            [
                Column("event_id", "string", "The event.", lambda r: r[0], required=True),
                Column("actor_id", "string", "The actor.", lambda r: r[1], required=True),
                Column("role", "string", "The part it played.", lambda r: r[2], required=True),
            ],
            [(e.id, p.actor, p.role) for e in c.events for p in e.actors],
            ["event_id", "actor_id", "role"],
            [(["event_id"], "events", ["id"]), (["actor_id"], "actors", ["id"])],
        ),
        Table(
            "event_places",
            "Where each event happened",
            [
                Column("event_id", "string", "The event.", lambda r: r[0], required=True),
                Column("place_id", "string", "The place.", lambda r: r[1], required=True),
                Column(
                    "position",
                    "integer",
                    "Its position in the event's places, from 0, the most precise first.",
                    lambda r: r[2],
                    required=True,
                ),
                Column(
                    "placed",
                    "string",
                    "How the event stands to the place: at, near (in its vicinity) or within (somewhere inside it).",
                    lambda r: r[3],
                    required=True,
                ),
            ],
            [(e.id, p, i, e.precision_at(p)) for e in c.events for i, p in enumerate(e.places)],
            ["event_id", "place_id"],
            [(["event_id"], "events", ["id"]), (["place_id"], "places", ["id"])],
        ),
        Table(
            "place_aliases",
            "Other names of each place, with their languages",
            [
                Column("place_id", "string", "The place.", lambda r: r[0].id, required=True),
                Column("name", "string", "The name as written.", lambda r: r[1].name, required=True),
                Column("lang", "string", "Its language (BCP 47).", lambda r: r[1].lang, required=True),
                Column(
                    "basis",
                    "string",
                    "Where the name comes from when no source the place cites writes it (plain text).",
                    lambda r: markdown_to_text(r[1].basis) if r[1].basis else None,
                ),
            ],
            [(p, a) for p in c.places.values() for a in p.aliases],
            ["place_id", "name"],
            [(["place_id"], "places", ["id"])],
        ),
        Table(
            "quotes",
            "The words of the sources each event is written from",
            [
                Column("event_id", "string", "The event.", lambda r: r[0], required=True),
                Column("source_id", "string", "The source.", lambda r: r[1], required=True),
                Column(
                    "position",
                    "integer",
                    "The quote's position among the event's quotes of that source.",
                    lambda r: r[2],
                    required=True,
                ),
                Column("quote", "string", "The words, verbatim.", lambda r: r[3], required=True),
                Column(
                    "voice",
                    "string",
                    "How the source presents the event: own (as fact) or attributed (as what parties say).",
                    lambda r: r[6],
                ),
                Column(
                    "attributed_to", "string", "With voice attributed: the actors, separated by ';'.", lambda r: r[7]
                ),
                Column(
                    "start",
                    "integer",
                    "Where they start in the source's text (a character offset).",
                    lambda r: r[4],
                    required=True,
                ),
                Column("end", "integer", "Where they end.", lambda r: r[5], required=True),
            ],
            [
                (e.id, s.seed, i, quote, start, end, s.voice, _joined(s.attributed_to))
                for e in c.events
                for i, (s, quote, (start, end)) in enumerate(
                    (s, q, span) for s in e.sources for q, span in zip(s.quotes, s.spans, strict=True)
                )
            ],
            ["event_id", "position"],
            [(["event_id"], "events", ["id"]), (["source_id"], "sources", ["id"])],
        ),
        Table(
            "figures",
            "The numbers the sources give, each with what it counts and who gives it",
            [
                Column("event_id", "string", "The event that records the figure.", lambda r: r[0], required=True),
                Column(
                    "position",
                    "integer",
                    "The figure's position among the event's figures, from 0.",
                    lambda r: r[1],
                    required=True,
                ),
                Column(
                    "counts",
                    "string",
                    "What is counted: figures with one key are accounts of one number.",
                    lambda r: r[2].counts,
                    required=True,
                ),
                Column("what", "string", "What it counts, in the source's terms.", lambda r: r[2].what, required=True),
                Column("value", "number", "The number, when the source gives one.", lambda r: r[2].value),
                Column("low", "number", "The lowest the source puts it (UCDP GED's low).", lambda r: r[2].low),
                Column("best", "number", "The source's best estimate (UCDP GED's best).", lambda r: r[2].best),
                Column("high", "number", "The highest the source puts it (UCDP GED's high).", lambda r: r[2].high),
                Column(
                    "qualifier",
                    "string",
                    "How the source qualifies it: more than, about, at least...",
                    lambda r: r[2].qualifier,
                ),
                Column("source_id", "string", "The source that gives it.", lambda r: r[2].seed, required=True),
                Column(
                    "voice",
                    "string",
                    "own (the source's figure) or attributed (a party's).",
                    lambda r: r[2].voice,
                    required=True,
                ),
                Column(
                    "attributed_to",
                    "string",
                    "With voice attributed: the actors, separated by ';'.",
                    lambda r: _joined(r[2].attributed_to),
                ),
                Column(
                    "timing",
                    "string",
                    "earlier or later, when the source says so against the other figures of the count.",
                    lambda r: r[2].timing,
                ),
                Column(
                    "quote",
                    "string",
                    "The source's words the figure is in, verbatim.",
                    lambda r: r[2].quote,
                    required=True,
                ),
            ],
            [(e.id, i, f) for e in c.events for i, f in enumerate(e.figures)],
            ["event_id", "position"],
            [(["event_id"], "events", ["id"]), (["source_id"], "sources", ["id"])],
        ),
        Table(
            "links",
            "Links between events",
            [
                Column("event_id", "string", "The event that declares the link.", lambda r: r.source, required=True),
                Column(
                    "type",
                    "string",
                    "How it relates to the other (see the Data format page).",
                    lambda r: r.type,
                    required=True,
                ),
                Column("target_id", "string", "The other event.", lambda r: r.target, required=True),
                Column(
                    "note",
                    "string",
                    "What of the other event the link concerns, or how far it goes, where the type alone would say"
                    " more than the sources do (plain text, the editors' words).",
                    lambda r: r.note,
                ),
            ],
            [r for e in c.events for r in e.related],
            ["event_id", "type", "target_id"],
            [(["event_id"], "events", ["id"]), (["target_id"], "events", ["id"])],
        ),
        Table(
            "memberships",
            "Which actors are part of which",
            [
                Column("actor_id", "string", "The member.", lambda r: r[0], required=True),
                Column("member_of", "string", "The body it is part of.", lambda r: r[1], required=True),
            ],
            [(a.id, parent) for a in c.actors.values() for parent in a.member_of],
            ["actor_id", "member_of"],
            [(["actor_id"], "actors", ["id"]), (["member_of"], "actors", ["id"])],
        ),
    ]


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The CSV tables and their datapackage.json."""
    made = tables(chronology, context)
    package = {
        "profile": "tabular-data-package",
        "name": "chronology",
        "title": context.site_name,
        "resources": [t.resource() for t in made],
    }
    exports = [
        Export(
            f"{FOLDER}/datapackage.json",
            dumps(package),
            "application/json",
            "Frictionless Data Package",
            "frictionless, and any tool that reads Data Packages",
            title="The tables' Data Package (datapackage.json)",
        )
    ]
    for table in made:
        exports.append(
            Export(
                f"{FOLDER}/{table.name}.csv",
                table.csv(),
                "text/csv",
                "CSV (RFC 4180)",
                "spreadsheets, pandas, R, frictionless",
                alternate=table.name == "events",
                title=f"{table.title} (CSV)",
            )
        )
    return exports
