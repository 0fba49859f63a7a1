"""CSV tables of the chronology, described by a Frictionless Data Package.

One table per kind of record and one per relation between them, each with a Table Schema (types,
descriptions, a primary key, foreign keys into the other tables), so that ``frictionless validate
data/datapackage.json`` checks the whole set. The events table also carries columns named as in the
conflict-event datasets (ACLED, UCDP GED), so that it can be read beside them; docs/method.md says
which code means what.

Text cells are written by the csv module (RFC 4180 quoting), so no text from the data can add a
row or a column. A text cell that a spreadsheet would run as a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with an apostrophe, as OWASP advises
for CSV meant to be opened in spreadsheets; so is one that starts with apostrophes before such a
character, so that removing one apostrophe from every cell that starts so (``GUARD_PATTERN``, as the
package's description says) gives back every text exactly; the JSON export has every text as written.

A field with a closed list of values gives the list as its ``enum`` constraint, read from the JSON
Schema that declares the field (``schema_values``) or from the code that derives the column, never
written out a second time here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from chronology import schema
from chronology.exports import FOLDER, Context, Export
from chronology.exports.geo import outside_shapes, point_basis, precision_codes
from chronology.exports.json_data import ORDER_DESCRIPTION, bounds_approximate, counts_shown, dumps
from chronology.fragments import standing_text
from chronology.model import COUNT_MARKS, STANDING_KINDS, Chronology, Citation, Event, Place
from chronology.pages import actor_path, event_path, place_path, source_path
from chronology.precision import acled_geo_precision, ucdp_where_prec
from chronology.text import markdown_to_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A cell the guard has prefixed: an apostrophe, then any apostrophes, then a character a
#: spreadsheet starts a formula with. Removing that first apostrophe gives back the text.
GUARD_PATTERN = r"^'(?='*[=+\-@\t\r])"
_GUARDED = re.compile("'*[=+\\-@\t\r]")
#: ACLED's time_precision codes, with what each means here (``acled_time_precision``).
ACLED_TIME_PRECISION = {
    1: "the day is known",
    2: "it lies within a week (2 to 7 days), or is a day given as an estimate (about, possibly)",
    3: "only the month, or a wider span",
}
#: UCDP GED's date_prec codes, with what each means here (``ucdp_date_prec``).
UCDP_DATE_PREC = {
    1: "the exact day",
    2: "within 2 to 6 days, or a day given as an estimate (about, possibly)",
    3: "within a week",
    4: "within 8 to 31 days, or the month",
    5: "a wider span, the year, or an open end",
}


def schema_values(kind: str, *path: str) -> tuple[Any, ...]:
    """The values a field of a kind of data file may take, as its JSON Schema's ``enum`` declares
    them: ``path`` names the field from the top, ``[]`` for a list's items and ``{}`` for a
    mapping's values (``schema_values("event", "sources", "[]", "voice")``)."""
    root = schema.schema(kind)
    node = root
    for part in path:
        node = schema.resolve(node, root)
        node = (
            node["items"]
            if part == "[]"
            else node["additionalProperties"]
            if part == "{}"
            else node["properties"][part]
        )
    return tuple(schema.resolve(node, root)["enum"])


def _codes(meanings: dict[int, str]) -> str:
    return "; ".join(f"{code} {meaning}" for code, meaning in meanings.items())


@dataclass(frozen=True)
class Column:
    """One column of a table: its Table Schema field and how a row's value is read."""

    name: str
    type: str  # a Table Schema type: string, integer, number, date
    description: str
    value: Callable[[Any], Any]
    required: bool = False
    #: The closed list of values the column holds (besides empty), when it has one.
    enum: tuple[Any, ...] = ()


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
            if column.enum:
                entry.setdefault("constraints", {})["enum"] = list(column.enum)
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
        return "'" + value if value.startswith(_FORMULA_START) or _guarded(value) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 69, not 69.0: a count as the source writes it
    text = str(value)
    if isinstance(value, str) and (text.startswith(_FORMULA_START) or _guarded(text)):
        return "'" + text
    return text


def _guarded(text: str) -> bool:
    """Whether a text starts with apostrophes before a formula's first character (``'=x``): written
    with one more, so that the one the guard adds is always the one to remove."""
    return text.startswith("'") and _GUARDED.match(text) is not None


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


def estimated_days(event: Event) -> bool:
    """Whether a date of one day's width (a day, or a span from one day to another) has an end
    marked approximate or uncertain: "about 19 December 2022" is not a known day."""
    return any(p is not None and p.precision == "day" and p.estimated for p in (event.date.start, event.date.end))


def acled_time_precision(event: Event) -> int:
    """ACLED's time_precision: 1 the day is known (for a span that lasted, the days it began and
    ended); 2 it is known within a week, or is a day given as an estimate; 3 only the month or wider."""
    days = unknown_days(event)
    if days == 1:
        # ACLED codes 1 only when the source gives the day; a day the source gives as "about" or
        # "possibly" it codes as a date within a range of days around it: 2, as for "within a week".
        return 2 if estimated_days(event) else 1
    return 2 if days is not None and days <= 7 else 3


def ucdp_date_prec(event: Event) -> int:
    """UCDP GED's date_prec: 1 the exact day (for a span that lasted, its exact first and last days,
    as UCDP codes a multi-day event between date_start and date_end); 2 within 2-6 days, or a day
    given as an estimate; 3 within a
    week; 4 within 8-30 days or a month; 5 within more than 30 days, or only the year."""
    days = unknown_days(event)
    if days is None:
        return 5
    if days == 1 and estimated_days(event):
        # UCDP GED codes 1 only for the exact day; a day known only as an estimate ("about",
        # "possibly") is known within a few days of it, the codebook's 2 ("within 2-6 days").
        return 2
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


def _text(markdown: str | None) -> str | None:
    """A Markdown field as plain text; None when it is not given."""
    return markdown_to_text(markdown) if markdown else None


def _aliases_table(name: str, title: str, kind: str, records: Iterable[Any]) -> Table:
    """The other names of each actor or place, each with its language and, for a name no source the
    record cites writes, where it comes from: one row per name."""
    return Table(
        name,
        title,
        [
            Column(f"{kind}_id", "string", f"The {kind}.", lambda r: r[0].id, required=True),
            Column("name", "string", "The name as written.", lambda r: r[1].name, required=True),
            Column("lang", "string", "Its language (BCP 47).", lambda r: r[1].lang, required=True),
            Column(
                "basis",
                "string",
                f"Where the name comes from when no source the {kind} cites writes it (plain text).",
                lambda r: _text(r[1].basis),
            ),
        ],
        [(record, alias) for record in records for alias in record.aliases],
        [f"{kind}_id", "name"],
        [([f"{kind}_id"], f"{kind}s", ["id"])],
    )


def _seeds(citations: Iterable[Citation]) -> str:
    return _joined(c.seed for c in citations)


def tables(chronology: Chronology, context: Context) -> list[Table]:
    """Every table of the package."""
    c = chronology
    method = context.url("method.md")
    data_format = context.url("format.md")
    standings = {e.id: c.standing(e) for e in c.events}
    placed = schema_values("event", "place_precision", "{}")
    point_precisions = schema_values("place", "coordinates", "precision")
    geo_codes = tuple(sorted({acled_geo_precision(p, how) for p in point_precisions for how in placed}))
    where_codes = tuple(sorted({ucdp_where_prec(p, how) for p in point_precisions for how in placed}))
    standing_words = "; ".join(f"{kind}: {meaning}" for kind, meaning in STANDING_KINDS.items())
    # The counts each event's page weighs, as it weighs them. A figure is superseded where any page
    # that weighs it shows it superseded: a giver's later figure may be recorded on a linked event
    # (a statement's "3", revised to "7" on the event it reports on), whose page alone shows both.
    counted = {e.id: counts_shown(c, e) for e in c.events}
    revisions: dict[tuple[str, int], dict[str, None]] = {}
    for e in c.events:
        for count in counted[e.id]:
            for shown in count["figures"]:
                later = revisions.setdefault((shown["event"], shown["position"]), {})
                later.update(dict.fromkeys(shown["revised_to"]))
    marks_words = ", ".join(f"“{words}”" for words in COUNT_MARKS.values())

    def first_place(event: Event) -> str | None:
        return event.places[0] if event.places else None

    def actor(n: int) -> Callable[[Event], str | None]:
        return lambda e: e.actors[n].actor if len(e.actors) > n else None

    event_columns = [
        Column("id", "string", "The event's id (its file's name).", lambda e: e.id, required=True),
        Column("order", "integer", ORDER_DESCRIPTION, lambda e: c.position[e.id] + 1, required=True),
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
        Column(
            "time_precision",
            "integer",
            f"ACLED's time_precision code: {_codes(ACLED_TIME_PRECISION)} (how each is derived: {method}#open-data).",
            acled_time_precision,
            enum=tuple(ACLED_TIME_PRECISION),
        ),
        Column(
            "date_prec",
            "integer",
            f"UCDP GED's date_prec code: {_codes(UCDP_DATE_PREC)} (how each is derived: {method}#open-data).",
            ucdp_date_prec,
            enum=tuple(UCDP_DATE_PREC),
        ),
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
        Column(
            "date_basis",
            "string",
            "How the date (and time) was established when the sources do not state it outright, naming any"
            " outside knowledge it rests on (plain text); empty when the quotes give the date.",
            lambda e: _text(e.date_basis),
        ),
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
            enum=placed,
        ),
        Column("latitude", "number", "The place's latitude (WGS 84).", lambda e: _coordinate(c, e, "lat")),
        Column("longitude", "number", "The place's longitude (WGS 84).", lambda e: _coordinate(c, e, "lon")),
        Column(
            "geo_precision",
            "integer",
            f"ACLED's geo_precision for the event at that place, from what its point stands for and placed"
            f" (the table of codes: {method}#where-places-are).",
            lambda e: _geo(c, e)["geo_precision"],
            enum=geo_codes,
        ),
        Column(
            "where_prec",
            "integer",
            f"UCDP GED's where_prec for the event at that place, from what its point stands for and placed"
            f" (the table of codes: {method}#where-places-are).",
            lambda e: _geo(c, e)["where_prec"],
            enum=where_codes,
        ),
        Column(
            "actor1",
            "string",
            "The first actor the event's file lists, whatever its part (its role is in event_actors.csv). Not"
            " ACLED's actor1: actor1 and actor2 are not the two sides of an interaction, they may be on one side,"
            " and an event may name more actors than these two, among them a party named only as alleged (an"
            " 'alleged launcher'); event_actors.csv has every actor with its role.",
            actor(0),
        ),
        Column(
            "actor2",
            "string",
            "The second actor the event's file lists, whatever its part (see actor1; not ACLED's actor2).",
            actor(1),
        ),
        Column(
            "standing",
            "string",
            f"What the event stands as, as its page says it ({method}#from-source-to-event, 8): {standing_words}.",
            lambda e: standings[e.id].kind,
            required=True,
            enum=tuple(STANDING_KINDS),
        ),
        Column(
            "standing_text",
            "string",
            "The event's standing in the words its page leads with: who reports it, as fact or as whose claim.",
            lambda e: standing_text(c, e),
            required=True,
        ),
        Column(
            "claimed_by",
            "string",
            "The parties a source gives the event as the claim of, separated by ';' (with standing claim, the"
            " event is theirs alone; with fact, a source also states it in its own voice).",
            lambda e: _joined(standings[e.id].claimed_by),
        ),
        Column(
            "differs_from",
            "string",
            "The events whose accounts differ from this one's (denied, disputed or contradicted, either way),"
            " separated by ';'.",
            lambda e: _joined(standings[e.id].differing),
        ),
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
                Column(
                    "kind",
                    "string",
                    "What kind of actor it is.",
                    lambda a: a.kind,
                    required=True,
                    enum=schema_values("actor", "kind"),
                ),
                Column("title", "string", "A person's position.", lambda a: a.title),
                Column(
                    "aliases",
                    "string",
                    "Other names and spellings, separated by ';' (with their languages in actor_aliases).",
                    lambda a: _joined(x.name for x in a.aliases),
                ),
                Column(
                    "description",
                    "string",
                    "A short description from the sources, as plain text.",
                    lambda a: _text(a.description),
                ),
                Column(
                    "sources",
                    "string",
                    "The ids of the sources that name it and say what it is, separated by ';'.",
                    lambda a: _seeds(a.sources),
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
                Column(
                    "kind",
                    "string",
                    "What kind of place it is.",
                    lambda p: p.kind,
                    required=True,
                    enum=schema_values("place", "kind"),
                ),
                Column("within", "string", "The place enclosing it.", lambda p: p.within),
                Column(
                    "within_basis",
                    "string",
                    "How the enclosing place was established when the sources do not state it (plain text).",
                    lambda p: _text(p.within_basis),
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
                    enum=point_precisions,
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
                    lambda p: _text(p.description),
                ),
                Column(
                    "sources",
                    "string",
                    "The ids of the sources that name it, separated by ';'.",
                    lambda p: _seeds(p.sources),
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
                Column(
                    "published_basis",
                    "string",
                    "How the publication date was established, or why it is unknown (plain text).",
                    lambda s: _text(s.published_basis),
                ),
                Column("language", "string", "Its language (BCP 47).", lambda s: s.language, required=True),
                Column(
                    "relays",
                    "string",
                    "The actors whose reports or statements it passes on, separated by ';': empty both when it"
                    " relays none and when that is not known (relays_known tells them apart).",
                    lambda s: _joined(s.relays or ()),
                ),
                Column(
                    "relays_known",
                    "boolean",
                    "false when the source's metadata does not say which reports or statements it relays.",
                    lambda s: s.relays is not None,
                    required=True,
                ),
                Column(
                    "notes",
                    "string",
                    "Anything else a reader should know about it: how it was obtained, what is missing (plain text).",
                    lambda s: _text(s.notes),
                ),
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
                Column(
                    "role",
                    "string",
                    "The part it played, in the account the event stands as (standing): with fact, the sources'"
                    " own; with claim, the claimants'; with statement, that the statement was made is the sources'"
                    " fact, and a part given in what it says (an accused party) is the speaker's account.",
                    lambda r: r[2],
                    required=True,
                ),
                Column(
                    "standing",
                    "string",
                    "The event's standing, as in events.csv (" + standing_words + "): a role in a claim is part"
                    " of the claim (claimed_by in events.csv), not the sources' own account.",
                    lambda r: standings[r[0]].kind,
                    required=True,
                    enum=tuple(STANDING_KINDS),
                ),
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
                    enum=placed,
                ),
            ],
            [(e.id, p, i, e.precision_at(p)) for e in c.events for i, p in enumerate(e.places)],
            ["event_id", "place_id"],
            [(["event_id"], "events", ["id"]), (["place_id"], "places", ["id"])],
        ),
        _aliases_table("place_aliases", "Other names of each place, with their languages", "place", c.places.values()),
        _aliases_table("actor_aliases", "Other names of each actor, with their languages", "actor", c.actors.values()),
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
                Column(
                    "quote",
                    "string",
                    "The words, verbatim, but for the spreadsheet guard: a text that starts as a formula would"
                    " (=, +, -, @, a tab or a carriage return, after any apostrophes) is written with one"
                    f" apostrophe more before it; remove it with the pattern {GUARD_PATTERN} (pandas:"
                    f' .str.replace(r"{GUARD_PATTERN}", "", regex=True)).',
                    lambda r: r[3],
                    required=True,
                ),
                Column(
                    "voice",
                    "string",
                    "How the source presents the event: own (as fact) or attributed (as what parties say).",
                    lambda r: r[6],
                    enum=schema_values("event", "sources", "[]", "voice"),
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
                    enum=schema_values("event", "figures", "[]", "qualifier"),
                ),
                Column("source_id", "string", "The source that gives it.", lambda r: r[2].seed, required=True),
                Column(
                    "voice",
                    "string",
                    "own (the source's figure) or attributed (a party's).",
                    lambda r: r[2].voice,
                    required=True,
                    enum=schema_values("event", "figures", "[]", "voice"),
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
                    enum=schema_values("event", "figures", "[]", "timing"),
                ),
                Column(
                    "quote",
                    "string",
                    "The source's words the figure is in, verbatim, but for the spreadsheet guard (see quotes.csv's"
                    " quote).",
                    lambda r: r[2].quote,
                    required=True,
                ),
                Column(
                    "superseded",
                    "boolean",
                    "true when its giver (the same parties in the same source, or the source in its own voice) gave"
                    " the count again later, differently, on a page that weighs the figure (its event's, or the"
                    " page of an event linked to it that weighs its figures: see counts.csv's figures_from): that"
                    ' page says "superseded: revised later to" the figures in revised_to, and weighs only the'
                    " giver's latest figures against the others'.",
                    lambda r: bool(revisions[(r[0], r[1])]),
                    required=True,
                ),
                Column(
                    "revised_to",
                    "string",
                    "With superseded true: the later figures its giver revised it to, worded as the pages word"
                    " them (7, more than 6), separated by ';'.",
                    lambda r: ";".join(revisions[(r[0], r[1])]),
                ),
            ],
            [(e.id, i, f) for e in c.events for i, f in enumerate(e.figures)],
            ["event_id", "position"],
            [
                (["event_id"], "events", ["id"]),
                (["source_id"], "sources", ["id"]),
                (["event_id", "counts"], "counts", ["event_id", "counts"]),
            ],
        ),
        Table(
            "counts",
            "What each event's page says of each count it weighs: revised, put differently, in conflict",
            [
                Column(
                    "event_id",
                    "string",
                    "The event whose page weighs the count. A count weighed on several pages (an event's and those"
                    " of the statements linked to it) has a row for each page: one dispute shown on three pages is"
                    " three rows, whose figures_from name the same events.",
                    lambda r: r[0],
                    required=True,
                ),
                Column(
                    "position",
                    "integer",
                    "The count's place in the page's figures table, from 0 (the order of its first figures).",
                    lambda r: r[1],
                    required=True,
                ),
                Column(
                    "counts",
                    "string",
                    "What is counted (figures.csv's counts).",
                    lambda r: r[2]["counts"],
                    required=True,
                ),
                Column(
                    "figures_from",
                    "string",
                    "The events whose figures of the count the page weighs (the event's own, and those of the"
                    " events linked to it that bear on it), separated by ';', in the order the page shows their"
                    " figures (earliest given first): the page's figures are figures.csv's rows of these events"
                    " with this counts.",
                    lambda r: _joined(f["event"] for f in r[2]["figures"]),
                    required=True,
                ),
                Column(
                    "revised",
                    "boolean",
                    "true when a giver gave the count again later, differently (the page marks it “Revised”): its"
                    " earlier figures are superseded (figures.csv's superseded), and only each giver's latest are"
                    " weighed against the others'.",
                    lambda r: r[2]["revised"],
                    required=True,
                ),
                Column(
                    "differ",
                    "boolean",
                    "true when the givers' latest figures put the count differently, whether or not one number"
                    " could fit them all (the page marks it “Figures differ” where none conflicts).",
                    lambda r: r[2]["differ"],
                    required=True,
                ),
                Column(
                    "conflict",
                    "boolean",
                    "true when no number fits every giver's latest figures (the page marks it “Accounts differ”;"
                    " one that differs without conflict, “Figures differ”). Worked out from the figures' numbers"
                    " and qualifiers: a figure of about a number bounds nothing, and never conflicts.",
                    lambda r: r[2]["conflict"],
                    required=True,
                ),
                Column(
                    "marks",
                    "string",
                    f"The page's marks beside the count, in its words ({marks_words}), separated by ';'; empty when"
                    " its givers agree and none revised it.",
                    lambda r: ";".join(r[2]["marks"]),
                ),
            ],
            [(e.id, i, count) for e in c.events for i, count in enumerate(counted[e.id])],
            ["event_id", "counts"],
            [(["event_id"], "events", ["id"])],
        ),
        Table(
            "links",
            "Links between events",
            [
                Column("event_id", "string", "The event that declares the link.", lambda r: r.source, required=True),
                Column(
                    "type",
                    "string",
                    f"How it relates to the other: each type's meaning is on the Data format page ({data_format}),"
                    " under the events' related field.",
                    lambda r: r.type,
                    required=True,
                    enum=schema_values("event", "related", "[]", "type"),
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
                Column(
                    "member_of_basis",
                    "string",
                    "How the actor's memberships are known when the sources do not state them, naming any outside"
                    " knowledge (plain text; one text for all the actor's memberships).",
                    lambda r: _text(r[2]),
                ),
            ],
            [(a.id, parent, a.member_of_basis) for a in c.actors.values() for parent in a.member_of],
            ["actor_id", "member_of"],
            [(["actor_id"], "actors", ["id"]), (["member_of"], "actors", ["id"])],
        ),
    ]


def provenance(chronology: Chronology, context: Context) -> dict[str, Any]:
    """What the package says of itself beside its tables: what it is (the site's description, and
    how to read its cells), where it lives (``homepage``, the site's address when known), who made
    it (``contributors``, mkdocs.yml's ``site_author``), what it is made from (``sources``, each
    source as its metadata gives it: its headline, or the editors' label where none is known, its
    publisher and address when known) and its licence, only as the owners declare it."""
    about = (context.description + " " if context.description else "") + (
        "Tables of the chronology's records and of the relations between them. A text cell that a spreadsheet"
        " would read as a formula (starting with =, +, -, @, a tab or a carriage return, after any apostrophes)"
        f" starts with one apostrophe more: remove it with the pattern {GUARD_PATTERN}; chronology.json has"
        " every text as written."
    )
    out: dict[str, Any] = {"description": about}
    if context.site_url:
        out["homepage"] = context.site_url
    if context.author:
        out["contributors"] = [{"title": context.author, "role": "author"}]
    sources = []
    for source in chronology.sources.values():
        entry = {"title": source.title or source.label}
        if source.publisher:
            entry["publisher"] = source.publisher
        if source.url:
            entry["path"] = source.url
        sources.append(entry)
    out["sources"] = sources
    if context.licence:
        out["licenses"] = [dict(context.licence)]
    return out


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The CSV tables and their datapackage.json."""
    made = tables(chronology, context)
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": "chronology", "title": context.site_name}
    package.update(provenance(chronology, context))
    package["resources"] = [t.resource() for t in made]
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
