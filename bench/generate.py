#!/usr/bin/env python3
"""Generate a synthetic chronology of N events for the benchmark (see ``bench/run.py``).

    python bench/generate.py N [--seed S] [--sources K] [--out DIR]

writes, into DIR (default ``bench/out/N``), a project that ``python build.py --root DIR check``
accepts with no error, and warns only of what a chronology being written lacks: places without
coordinates (four in ten, so that maps are drawn of some places and not others) and countries
without a code (so that no point is tested against a real country's shape):

* N events, N/10 actors and N/7 places;
* places in a hierarchy: countries > regions > districts (and cities) > villages;
* actors of every kind, with ``member_of`` links (a person to a body, a body to a state, ...);
* several sources (``seeds/``), each a few KB to a few hundred KB of sentences; their number grows
  with N and their sizes are skewed, so that one long report carries a large share of the quotes,
  as real chronologies tend to have;
* each event quotes 1-3 real passages of its sources (whole sentences or parts of them, sometimes
  with straight quote marks where the source has typographic ones, sometimes a passage another
  event also quotes), names 1-4 actors and 1-2 places, has tags, related links to earlier events,
  a date of every precision EDTF allows here (day, month, year, approximate, uncertain, ranges,
  open ranges; some with a time and a time zone) and, unless its quote states the date, a
  ``date_basis``;
* about a quarter of the events give figures: 1-3 counts each, keyed from a small vocabulary
  (``COUNT_KINDS``: people-killed, missiles-launched, ...), each figure a number (``value``, most
  often) or ``low``/``best``/``high`` in every combination the schema allows, with a qualifier that
  fits it (the first figures written take every shape and qualifier in turn, ``SHAPES``, so that
  even a small chronology has them all), in the source's own voice or attributed to the event's
  actors, its ``quote`` a sentence written into the event's first source (which the event quotes
  too) with every number in it, in digits or, for small ones, in words. Some counts are given twice
  by one giver (``timing: earlier`` and ``later``: a revision); some events are statements of an
  earlier event's count, linked to it by a type that brings their figures onto its page
  (``FIGURE_LINK_TYPES``), whose figure agrees with the other's, puts it differently ("about",
  "at least", a range: "Figures differ") or conflicts with it ("Accounts differ").

The output is deterministic for a given N and seed: everything is drawn from one
``random.Random(seed)``, the figures from a second one of their own (so that the events, actors and
places are those drawn before there were figures), and nothing depends on set or directory order. The site's scaffolding
(``mkdocs.yml``, ``docs/``, ``templates/``) is copied from the repository by ``copy_scaffolding``,
which ``bench/run.py`` calls before every run so that the benchmark uses the current templates.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Bump when the generator's output changes, so that ``run.py`` regenerates stale data.
GENERATOR_VERSION = 2
STAMP = ".bench-generated.json"
#: What ``build_site`` needs besides the data; copied from the repository.
SCAFFOLDING = ("mkdocs.yml", "docs", "templates")

# --- vocabulary ------------------------------------------------------------------------------------

SYLLABLES = [
    "var",
    "kor",
    "mal",
    "dun",
    "ost",
    "bre",
    "vel",
    "tas",
    "nor",
    "kal",
    "mir",
    "zan",
    "pol",
    "gor",
    "lin",
    "sev",
    "rad",
    "tor",
    "vis",
    "ban",
    "del",
    "kes",
    "lom",
    "nev",
    "ros",
    "tal",
    "ur",
    "ya",
    "ze",
    "ka",
    "lo",
    "mi",
    "ne",
    "sa",
    "ti",
    "vo",
    "ar",
    "el",
    "in",
    "on",
]
PLACE_ENDINGS = ["ia", "ovo", "ava", "sk", "in", "ino", "ets", "yn", "ar", "ograd", "opol", "ka"]
FIRST_NAMES = [
    "Anna",
    "Boris",
    "Clara",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Katya",
    "Lev",
    "Marta",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rosa",
    "Sergei",
    "Tamara",
    "Viktor",
    "Yana",
    "Zoran",
]
SURNAME_ENDINGS = ["ov", "enko", "ski", "ich", "in", "ova", "uk", "yan", "escu", "berg"]
BODY_NAMES = [
    "Ministry of Defence",
    "Ministry of Foreign Affairs",
    "Ministry of the Interior",
    "Presidential Office",
    "Security Council",
    "General Staff",
    "Border Guard Service",
    "Emergency Situations Ministry",
    "Prosecutor's Office",
    "State Customs Committee",
]
FORCE_NAMES = [
    "Air Defence Forces",
    "Land Forces",
    "Navy",
    "Air Force",
    "Territorial Defence",
    "Rocket Forces",
    "Special Operations Command",
    "National Guard",
]
TITLES = [
    "defence minister",
    "foreign minister",
    "military spokesman",
    "president",
    "prime minister",
    "ambassador",
    "military commissar",
    "press secretary",
    "chief of the general staff",
    "governor",
]
MEDIA_WORDS = ["Telegraph", "Herald", "Daily", "News Agency", "Courier", "Observer", "Radio", "Wire"]
ORG_WORDS = ["Red Cross Society", "Monitoring Mission", "Human Rights Centre", "Relief Fund", "Institute"]
ALLIANCES = ["Northern Defence Pact", "Eastern Economic Union", "Coastal States Council", "Union of the Rivers"]
AGENCIES = ["State Security Agency", "Intelligence Directorate", "Nuclear Regulatory Agency", "Statistics Agency"]

ROLES = [
    "claimant",
    "attacker",
    "target",
    "speaker",
    "reporter",
    "participant",
    "host",
    "mediator",
    "alleged launcher",
    "affected state",
    "interceptor",
    "observer",
    "signatory",
    "investigator",
]
RELATION_TYPES = ["follows", "response-to", "part-of", "reports-on", "compared-to"]
TAGS = [
    "air-defence",
    "cross-border-incident",
    "diplomacy",
    "missile-strike",
    "military-exercise",
    "sanctions",
    "energy",
    "refugees",
    "ceasefire",
    "prisoner-exchange",
    "elections",
    "protests",
    "cyber-attack",
    "drone-strike",
    "naval-incident",
    "border-closure",
    "arms-supply",
    "nuclear-safety",
    "humanitarian-aid",
    "propaganda",
    "espionage",
    "trade",
    "treaty",
    "summit",
    "evacuation",
    "casualties",
    "infrastructure",
    "grain-exports",
    "mobilisation",
    "investigation",
    "court-ruling",
    "media-freedom",
    "migration",
    "railways",
    "airspace-closure",
]
TIME_ZONES = [
    "Europe/Minsk",
    "Europe/Kyiv",
    "Europe/Warsaw",
    "Europe/Moscow",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Vilnius",
    "Asia/Tbilisi",
    "America/New_York",
    "Asia/Tokyo",
]
VERBS = [
    ("said it had intercepted", "a missile"),
    ("announced", "joint exercises"),
    ("reported", "explosions"),
    ("denied", "any involvement in the strike"),
    ("accused", "its neighbour of provocation"),
    ("signed", "a new security agreement"),
    ("held talks on", "the security of the border"),
    ("deployed", "additional units"),
    ("summoned", "the ambassador"),
    ("opened", "an inquiry into the incident"),
    ("shelled", "positions along the river"),
    ("evacuated", "residents of several villages"),
    ("closed", "two border crossings"),
    ("released", "a list of detained sailors"),
    ("restored", "power to the region"),
    ("warned of", "further strikes"),
    ("published", "photographs of the wreckage"),
    ("suspended", "grain shipments"),
]
CLAUSES = [
    "officials said the situation remained tense",
    "no casualties were reported",
    "the claim could not be independently verified",
    "local residents described hearing several loud explosions",
    "the statement gave no further details",
    "a spokesman declined to comment on the report",
    "the government called the move a provocation",
    "satellite images appeared to show damage to the site",
    "talks were expected to continue the following week",
    "observers said the account was consistent with earlier reports",
    "the ministry said it was studying the wreckage",
    "air raid sirens sounded for several hours",
    "the border remained closed to freight traffic",
    "power was cut to thousands of homes",
    "the agency cited unnamed military sources",
]
LEADS = ["In dispatch", "According to bulletin", "Report", "In item", "Under entry", "Per note"]
#: What the figures count: (``counts`` key, ``what``, the words after the number, the smallest and
#: the largest number a source gives of it).
COUNT_KINDS = [
    ("people-killed", "people killed", "people were killed", 2, 60),
    ("people-injured", "people injured", "people were injured", 2, 250),
    ("missiles-launched", "missiles launched", "missiles were launched", 3, 150),
    ("missiles-shot-down", "missiles shot down", "missiles were shot down", 2, 100),
    ("drones-shot-down", "drones shot down", "drones were shot down", 2, 80),
    ("people-evacuated", "people evacuated", "people were evacuated", 50, 25_000),
    ("homes-without-power", "homes left without power", "homes were left without power", 100, 400_000),
    ("people-detained", "people detained", "people were detained", 2, 400),
]
#: Numbers a source may write in words.
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
#: The shapes a figure takes (the numbers it gives, as ``figures`` keys) and the qualifiers each
#: takes (``figures.qualifier_against``), None for none; the first figures the generator writes
#: take each pair in turn, so that even a small chronology has every one.
SHAPES: list[tuple[tuple[str, ...], str | None]] = [
    (("value",), None),
    *(
        (("value",), q)
        for q in ("exactly", "about", "more than", "at least", "fewer than", "at most", "up to", "as many as")
    ),
    (("low", "high"), None),
    (("low", "high"), "about"),
    (("low",), None),
    (("low",), "more than"),
    (("low",), "at least"),
    (("low",), "about"),
    (("high",), None),
    (("high",), "fewer than"),
    (("high",), "up to"),
    (("high",), "about"),
    (("best",), None),
    (("best",), "about"),
    (("low", "best", "high"), None),
    (("low", "best"), None),
    (("best", "high"), None),
]
#: How often each shape is drawn once every one has been written: a plain number most often.
SHAPE_WEIGHTS = [40, *([3] * 8), 4, 1, 2, 1, 1, 1, 2, 1, 1, 1, 2, 1, 2, 1, 1]
#: The links a statement with figures makes to an earlier event with figures of the same count, by
#: how its figure stands to the other's: one number (agree), put differently but one number could
#: fit both (differ), no number fits both (conflict). Each brings the figures onto the other's page
#: (``FIGURE_LINKS``); the differing ones onto both (``DIFFERING_LINKS``).
FIGURE_LINK_TYPES = {
    "agree": ["corroborates", "asserts", "reports-on", "acknowledges"],
    "differ": ["reports-on", "comments-on", "disputes"],
    "conflict": ["contradicts", "denies", "disputes", "reports-on"],
}


# --- helpers -----------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    """A lowercase slug of letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_PLAIN = re.compile(r"[a-z][a-z0-9-]*")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def scalar(value: object) -> str:
    """A YAML scalar: plain for slugs, numbers as numbers, everything else single-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in _RESERVED:
        return text
    return "'" + text.replace("'", "''") + "'"


def folded(key: str, text: str, indent: str = "") -> str:
    """A long Markdown text as a folded block scalar, wrapped at 100 columns, as contributors write."""
    lines = textwrap.wrap(text, width=96, break_long_words=False, break_on_hyphens=False)
    body = "".join(f"{indent}  {line}\n" for line in lines)
    return f"{indent}{key}: >-\n{body}"


def aliases_yaml(aliases: list[str]) -> str:
    """Other names, each in English and, as no source writes them, with a basis."""
    out = "aliases:\n"
    for alias in aliases:
        out += f"  - name: {scalar(alias)}\n    lang: en\n    basis: A synthetic name of the benchmark.\n"
    return out


def citations_yaml(citations: list[tuple[str, list[str]]], claimants: list[str] | None = None) -> str:
    """A record's sources. An event's (claimants given, if empty) say how they present it: with
    claimants, the first as their statement, the others in their own voice."""
    if not citations:
        return ""
    out = "sources:\n"
    for index, (seed, quotes) in enumerate(citations):
        out += f"  - seed: {scalar(seed)}\n"
        if claimants is None:
            pass  # an actor's or a place's citation
        elif index == 0 and claimants:
            out += "    voice: attributed\n    attributed_to:\n" + "".join(f"      - {scalar(a)}\n" for a in claimants)
        else:
            out += "    voice: own\n"
        out += "    quotes:\n"
        out += "".join(f"      - {scalar(q)}\n" for q in quotes)
    return out


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1.0 / (k + 1) ** exponent for k in range(count)]


# --- the model being generated -------------------------------------------------------------------------


@dataclass
class PlaceRec:
    id: str
    name: str
    kind: str
    within: str | None
    aliases: list[str] = field(default_factory=list)
    coordinates: tuple[float, float, str] | None = None
    citation: tuple[str, list[str]] | None = None


@dataclass
class ActorRec:
    id: str
    name: str
    kind: str
    member_of: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    citation: tuple[str, list[str]] | None = None


@dataclass
class FigureRec:
    """A figure of an event: what it counts, its numbers, who gives it and the words it is in."""

    counts: str
    what: str
    seed: str
    quote: str
    numbers: dict[str, int]
    qualifier: str | None = None
    attributed_to: list[str] = field(default_factory=list)
    timing: str | None = None

    def yaml(self) -> str:
        out = f"  - counts: {self.counts}\n    what: {scalar(self.what)}\n"
        out += "".join(
            f"    {key}: {self.numbers[key]}\n" for key in ("value", "low", "best", "high") if key in self.numbers
        )
        if self.qualifier:
            out += f"    qualifier: {scalar(self.qualifier)}\n"
        out += f"    seed: {scalar(self.seed)}\n"
        if self.attributed_to:
            out += "    voice: attributed\n    attributed_to:\n" + "".join(
                f"      - {scalar(a)}\n" for a in self.attributed_to
            )
        else:
            out += "    voice: own\n"
        out += f"    quote: {scalar(self.quote)}\n"
        if self.timing:
            out += f"    timing: {self.timing}\n"
        return out


@dataclass
class Seed:
    id: str
    #: Paragraphs of sentences, each sentence with its unique number in the text.
    sentences: list[str] = field(default_factory=list)
    #: Quotable sentences that some record already quotes (for shared passages).
    quoted: list[str] = field(default_factory=list)
    counter: int = 0

    def new_sentence(self, rng: random.Random, body: str) -> tuple[str, str]:
        """Add a sentence holding ``body``; return it and its unique marker (``dispatch 12,``)."""
        self.counter += 1
        lead = rng.choice(LEADS)
        marker = f"{lead} {self.counter},"
        sentence = f"{marker} {body}"
        self.sentences.append(sentence)
        return sentence, marker


class Generator:
    def __init__(self, n: int, seed: int, sources: int | None = None) -> None:
        self.n = n
        self.seed = seed
        self.sources = sources
        self.rng = random.Random(seed)
        self.used_names: set[str] = set()
        self.used_ids: dict[str, set[str]] = {"actor": set(), "place": set(), "event": set()}
        self.places: list[PlaceRec] = []
        self.actors: list[ActorRec] = []
        self.seeds: list[Seed] = []
        self.seed_weights: list[float] = []
        #: The figures' own stream, so that adding them changed nothing else the generator draws.
        self.frng = random.Random(f"{seed}-figures")
        #: The events with figures so far: (index, id, figures), for a later statement to differ from.
        self.figure_events: list[tuple[int, str, list[FigureRec]]] = []
        self.shape_turn = 0

    # -- names ----------------------------------------------------------------------------------------

    def word(self, syllables: int, ending: str = "") -> str:
        rng = self.rng
        for _ in range(1000):
            name = ("".join(rng.choice(SYLLABLES) for _ in range(syllables)) + ending).capitalize()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
            syllables += 1 if rng.random() < 0.3 else 0
        raise RuntimeError("ran out of names")

    def unique_id(self, kind: str, text: str) -> str:
        base = slugify(text)[:100].strip("-") or kind
        candidate, i = base, 2
        while candidate in self.used_ids[kind]:
            candidate, i = f"{base}-{i}", i + 1
        self.used_ids[kind].add(candidate)
        return candidate

    # -- sources --------------------------------------------------------------------------------------

    def make_seeds(self) -> None:
        if self.sources:  # a stress case: all the quotes in K sources of equal weight
            self.seeds = [Seed(f"bench-source-{i + 1:03d}") for i in range(self.sources)]
            self.seed_weights = [1.0] * self.sources
            return
        count = max(5, self.n // 250)
        self.seeds = [Seed(f"bench-source-{i + 1:03d}") for i in range(count + 2)]
        # Skewed: the first source (a long report) carries many quotes, the others fewer, and the
        # last two (short notes of a few KB) only a handful.
        self.seed_weights = [*zipf_weights(count, 0.7), 0.004, 0.002]

    def pick_seed(self) -> Seed:
        return self.rng.choices(self.seeds, weights=self.seed_weights)[0]

    def filler(self, seed: Seed, rng: random.Random | None = None) -> None:
        """An unquoted sentence, so that sources are not quoted end to end (drawn from ``rng``, by
        default the generator's main stream)."""
        rng = rng or self.rng
        body = f"{rng.choice(CLAUSES)}, and {rng.choice(CLAUSES)}."
        body = body[0].upper() + body[1:] if rng.random() < 0.5 else body
        seed.new_sentence(rng, body)

    def quote_from(self, seed: Seed, sentence: str, marker: str) -> str:
        """A quote of a sentence: whole, or a part of it that still holds its unique marker; as it was
        copied, sometimes with straight quote marks where the source has typographic ones."""
        rng = self.rng
        quote = sentence
        if rng.random() < 0.3:
            words = sentence.split(" ")
            marker_words = len(marker.split(" "))
            cut = rng.randint(marker_words + 2, max(marker_words + 2, len(words) - 1))
            quote = " ".join(words[:cut])
        if rng.random() < 0.5:
            quote = quote.replace("\u2019", "'")
        return quote

    # -- places ---------------------------------------------------------------------------------------

    def make_places(self) -> None:
        rng = self.rng
        total = max(4, self.n // 7)
        countries = max(3, total // 100)
        regions = max(3, total // 12)
        districts = max(3, total // 4)
        rest = max(1, total - countries - regions - districts)
        by_kind: dict[str, list[PlaceRec]] = {"country": [], "region": [], "district": []}

        def add(kind: str, within: PlaceRec | None, name: str) -> PlaceRec:
            place = PlaceRec(self.unique_id("place", name), name, kind, within.id if within else None)
            if rng.random() < 0.4:
                place.aliases = [name + "a", name.upper()[:3] + "-" + str(rng.randint(1, 99))]
            if rng.random() < 0.6:
                lat, lon = round(rng.uniform(40, 60), 4), round(rng.uniform(10, 45), 4)
                precision = {
                    "country": "country-centroid",
                    "region": "region-centre",
                    "district": "district-centre",
                }.get(kind, "settlement")
                place.coordinates = (lat, lon, precision)
            self.places.append(place)
            by_kind.setdefault(kind, []).append(place)
            return place

        for _ in range(countries):
            add("country", None, self.word(2, rng.choice(["ia", "ovia", "land", "istan"])))
        for _ in range(regions):
            add("region", rng.choice(by_kind["country"]), self.word(2, rng.choice(PLACE_ENDINGS)) + " Region")
        for _ in range(districts):
            add("district", rng.choice(by_kind["region"]), self.word(2, rng.choice(PLACE_ENDINGS)) + " District")
        for _ in range(rest):
            if rng.random() < 0.15:
                add("city", rng.choice(by_kind["region"]), self.word(2, rng.choice(PLACE_ENDINGS)))
            else:
                add("village", rng.choice(by_kind["district"]), self.word(2, rng.choice(PLACE_ENDINGS)))

    # -- actors ---------------------------------------------------------------------------------------

    def make_actors(self) -> None:
        rng = self.rng
        total = max(6, self.n // 10)
        countries = [p for p in self.places if p.kind == "country"]
        states: list[ActorRec] = []
        bodies: list[ActorRec] = []
        forces: list[ActorRec] = []

        def add(actor: ActorRec) -> ActorRec:
            self.actors.append(actor)
            return actor

        for country in countries[: max(2, total // 20)]:
            states.append(
                add(
                    ActorRec(
                        self.unique_id("actor", country.name),
                        country.name,
                        "state",
                        aliases=[country.name + "an Republic"],
                    )
                )
            )
        for name in ALLIANCES[: max(1, min(len(ALLIANCES), total // 100))]:
            add(ActorRec(self.unique_id("actor", name), name, "alliance", member_of=[]))
        while len(self.actors) < total:
            r = rng.random()
            if r < 0.2 and states:
                state = rng.choice(states)
                name = f"{rng.choice(BODY_NAMES)} of {state.name}"
                if name in self.used_names:
                    name = f"{name} ({self.word(1)} office)"
                self.used_names.add(name)
                bodies.append(
                    add(ActorRec(self.unique_id("actor", name), name, "government-body", member_of=[state.id]))
                )
            elif r < 0.35 and (bodies or states):
                parent = rng.choice(bodies or states)
                name = f"{parent.name.split(' of ')[-1]}'s {rng.choice(FORCE_NAMES)} {self.word(1)} Command"
                forces.append(add(ActorRec(self.unique_id("actor", name), name, "armed-force", member_of=[parent.id])))
            elif r < 0.75:
                name = f"{rng.choice(FIRST_NAMES)} {self.word(2, rng.choice(SURNAME_ENDINGS))}"
                parents = [rng.choice(bodies or states)] if (bodies or states) else []
                if forces and rng.random() < 0.15:
                    parents.append(rng.choice(forces))
                actor = ActorRec(
                    self.unique_id("actor", name),
                    name,
                    "person",
                    member_of=list(dict.fromkeys(p.id for p in parents)),
                    title=rng.choice(TITLES),
                )
                if rng.random() < 0.3:
                    actor.aliases = [name.split(" ")[1], name.upper()]
                add(actor)
            elif r < 0.85:
                name = f"{self.word(2)} {rng.choice(MEDIA_WORDS)}"
                add(ActorRec(self.unique_id("actor", name), name, "media"))
            elif r < 0.9 and states:
                state = rng.choice(states)
                name = f"{state.name}'s {rng.choice(AGENCIES)} {self.word(1)}"
                add(ActorRec(self.unique_id("actor", name), name, "agency", member_of=[state.id]))
            else:
                name = f"{self.word(2)} {rng.choice(ORG_WORDS)}"
                add(ActorRec(self.unique_id("actor", name), name, "organisation"))

    def describe_records(self) -> None:
        """Some actors and places cite a sentence of a source that names them."""
        rng = self.rng
        records: list[ActorRec | PlaceRec] = [*self.actors, *self.places]
        for record in records:
            if rng.random() < 0.35:
                seed = self.pick_seed()
                what = (
                    "is named in the report" if isinstance(record, ActorRec) else "lies in the area the report covers"
                )
                body = f"{record.name} {what}, and {rng.choice(CLAUSES)}."
                sentence, marker = seed.new_sentence(rng, body)
                record.citation = (seed.id, [self.quote_from(seed, sentence, marker)])
            if rng.random() < 0.5:
                self.filler(self.pick_seed())

    # -- dates ----------------------------------------------------------------------------------------

    def event_date(self, day: dt.date) -> tuple[str, str | None, str | None, list[str], str]:
        """(EDTF date, time, timezone, the date's written forms a quote may state, id prefix)."""
        rng = self.rng
        r = rng.random()
        iso_day, iso_month = day.isoformat(), day.isoformat()[:7]
        month = calendar.month_name[day.month]
        day_words = f"{day.day} {month} {day.year}"
        later = day + dt.timedelta(days=rng.randint(1, 10))
        if r < 0.40:
            return iso_day, None, None, [day_words], iso_day
        if r < 0.52:
            start = rng.randint(6, 20)
            minute = rng.choice([0, 15, 30, 45])
            time = f"{start:02d}:{minute:02d}"
            if rng.random() < 0.6:
                time += f"/{start + rng.randint(1, 3):02d}:{minute:02d}"
            return iso_day, time, rng.choice(TIME_ZONES), [day_words], iso_day
        if r < 0.62:
            return iso_month, None, None, [f"{month} {day.year}"], iso_month
        if r < 0.65:
            return str(day.year), None, None, [], str(day.year)
        if r < 0.70:
            return iso_day + "~", None, None, [], iso_day
        if r < 0.73:
            return iso_month + "?", None, None, [], iso_month
        if r < 0.75:
            return iso_day + "%", None, None, [], iso_day
        if r < 0.83:
            return f"{iso_day}/{later.isoformat()}", None, None, [], iso_day
        if r < 0.86:
            end = (day.replace(day=1) + dt.timedelta(days=40)).isoformat()[:7]
            return f"{iso_month}/{end}", None, None, [], iso_month
        if r < 0.88:
            return f"{day.year}/{day.year + 1}", None, None, [], str(day.year)
        if r < 0.94:
            return f"../{iso_day}", None, None, [], iso_day
        return f"{iso_day}/..", None, None, [], iso_day

    # -- events ---------------------------------------------------------------------------------------

    def make_events(self) -> list[str]:
        rng = self.rng
        n = self.n
        first, last = dt.date(2010, 1, 1).toordinal(), dt.date(2024, 12, 31).toordinal()
        days = sorted(dt.date.fromordinal(rng.randint(first, last)) for _ in range(n))
        actor_order = list(range(len(self.actors)))
        rng.shuffle(actor_order)
        place_order = list(range(len(self.places)))
        rng.shuffle(place_order)
        # Some actors and places are in the news far more than others.
        actor_weights = zipf_weights(len(self.actors), 0.9)
        rng.shuffle(actor_weights)
        place_weights = zipf_weights(len(self.places), 0.7)
        rng.shuffle(place_weights)
        tag_weights = zipf_weights(len(TAGS), 0.8)
        ids: list[str] = []
        files: list[str] = []
        for i, day in enumerate(days):
            # Every actor and place is used by some event: the i-th event takes the i-th of each in
            # a shuffled order, and the rest are drawn by weight.
            actors = [self.actors[actor_order[i % len(actor_order)]]]
            for actor in rng.choices(self.actors, weights=actor_weights, k=rng.choice([0, 1, 1, 2, 3])):
                if actor not in actors and len(actors) < 4:
                    actors.append(actor)
            places = [self.places[place_order[i % len(place_order)]]]
            if rng.random() < 0.35:
                extra = rng.choices(self.places, weights=place_weights)[0]
                if extra is not places[0]:
                    places.append(extra)
            date, time, zone, written, prefix = self.event_date(day)
            verb, obj = rng.choice(VERBS)
            lead = actors[0]
            place = places[0]
            title = f"{lead.name} {verb} {obj} in {place.name}"[:190].strip()
            event_id = self.unique_id("event", f"{prefix}-{slugify(title)[:60]}")
            ids.append(event_id)
            # The quotes: 1-3 passages, mostly from one source, sometimes from two.
            citations: dict[str, list[str]] = {}
            states_date = bool(written) and rng.random() < 0.5
            for q in range(rng.choice([1, 1, 2, 2, 3])):
                seed = self.pick_seed() if q == 0 or rng.random() < 0.15 else self.seeds_by_id[next(iter(citations))]
                if seed.quoted and not (q == 0 and states_date) and rng.random() < 0.08:
                    quote = rng.choice(seed.quoted)  # a passage another record also quotes
                else:
                    when = f" on {written[0]}" if q == 0 and states_date else ""
                    others = ", ".join(a.name for a in actors[1:])
                    body = f"{lead.name} {verb} {obj} near {place.name}{when}"
                    if others and rng.random() < 0.7:
                        body += f", with {others} also involved"
                    body += f"; {rng.choice(CLAUSES)}."
                    if rng.random() < 0.3:
                        body = body.replace("'s ", "\u2019s ")
                    sentence, marker = seed.new_sentence(rng, body)
                    quote = sentence if q == 0 and states_date else self.quote_from(seed, sentence, marker)
                    seed.quoted.append(quote)
                if quote not in citations.setdefault(seed.id, []):
                    citations[seed.id].append(quote)
                if rng.random() < 0.7:
                    self.filler(seed)
            attribution = rng.choice(["the source says", "according to the report", "a statement said"])
            summary = f"{lead.name} {verb} {obj} in {place.name}, {attribution}. {rng.choice(CLAUSES).capitalize()}."
            if rng.random() < 0.2:
                summary += f" The report calls it *{rng.choice(['unprecedented', 'a provocation', 'routine'])}*."
            if rng.random() < 0.1:
                summary += f" See the [original statement](https://example.org/statements/{i})."
            lines = [
                "# yaml-language-server: $schema=../chronology/schemas/event.schema.json\n",
                f"id: {scalar(event_id)}\n",
                f"title: {scalar(title)}\n",
                f"date: {scalar(date)}\n",
            ]
            if time:
                lines += [f"time: {scalar(time)}\n", f"timezone: {scalar(zone)}\n"]
            if not states_date:
                lines.append(folded("date_basis", self.basis(date, time, zone)))
            lines.append(folded("summary", summary))
            lines.append("actors:\n")
            for actor in actors:
                lines.append(f"  - ref: {scalar(actor.id)}\n    role: {scalar(rng.choice(ROLES))}\n")
            lines.append("places:\n" + "".join(f"  - {scalar(p.id)}\n" for p in places))
            claimants: list[ActorRec] = []
            if rng.random() < 0.2:
                claimants = actors[: rng.randint(1, min(2, len(actors)))]
                if rng.random() < 0.2:
                    outsider = rng.choice(self.actors)
                    if outsider not in claimants:
                        claimants.append(outsider)
            tags = list(dict.fromkeys(rng.choices(TAGS, weights=tag_weights, k=rng.randint(1, 3))))
            lines.append("tags:\n" + "".join(f"  - {scalar(t)}\n" for t in tags))
            links: list[tuple[str, str]] = []
            if i > 0 and rng.random() < 0.6:
                targets: list[str] = []
                for _ in range(rng.choice([1, 1, 2])):
                    back = rng.randint(1, min(i, 40)) if rng.random() < 0.8 else rng.randint(1, i)
                    if ids[i - back] not in targets:
                        targets.append(ids[i - back])
                links = [(t, rng.choice(RELATION_TYPES)) for t in targets]
            # The figures are drawn from a stream of their own: the rest is as it was without them.
            figures, figure_link = self.make_figures(i, event_id, actors, place, citations, {t for t, _ in links})
            lines.append(citations_yaml(list(citations.items()), [a.id for a in claimants]))
            if figures:
                lines.append("figures:\n" + "".join(f.yaml() for f in figures))
            if figure_link:
                links.append(figure_link)
            if links:
                lines.append(
                    "related:\n" + "".join(f"  - ref: {scalar(t)}\n    type: {scalar(kind)}\n" for t, kind in links)
                )
            files.append("".join(lines))
        self.event_ids = ids
        return files

    # -- figures --------------------------------------------------------------------------------------

    def make_figures(
        self,
        i: int,
        event_id: str,
        actors: list[ActorRec],
        place: PlaceRec,
        citations: dict[str, list[str]],
        linked: set[str],
    ) -> tuple[list[FigureRec], tuple[str, str] | None]:
        """A quarter of the events give 1-3 figures, each in a sentence written into the event's first
        source (and quoted by the event too), in the source's own voice or its actors'. Some give a
        count twice, earlier and later (a revision); some are statements of an earlier event's count,
        linked to it, that agree with it, put it differently, or conflict with it. Returns the
        figures and the link (other event, type) it adds, if any, to an event not in ``linked``."""
        frng = self.frng
        if frng.random() >= 0.25:
            return [], None
        seed = self.seeds_by_id[next(iter(citations))]
        kinds = frng.sample(COUNT_KINDS, k=3)
        wanted = frng.choice([1, 1, 1, 2, 2, 3])
        figures: list[FigureRec] = []
        link: tuple[str, str] | None = None
        # A statement of an earlier event's count.
        target = self.figure_target(i, linked) if frng.random() < 0.45 else None
        if target is not None:
            other, theirs = target
            relation = frng.choices(["agree", "differ", "conflict"], weights=[25, 35, 40])[0]
            numbers, qualifier = self.against(theirs.numbers["value"], relation)
            kind = next(k for k in COUNT_KINDS if k[0] == theirs.counts)
            kinds = [k for k in kinds if k is not kind][:2]
            givers = [actors[0]] if frng.random() < 0.85 else []
            sentence, quote = self.figure_sentence(seed, place, givers, [self.phrase(numbers, qualifier, kind[2])])
            figures.append(FigureRec(kind[0], kind[1], seed.id, quote, numbers, qualifier, [a.id for a in givers]))
            self.cite(citations, seed, sentence)
            link = (other, frng.choice(FIGURE_LINK_TYPES[relation]))
            wanted -= 1
        # The others: one count given twice (earlier, later) by one giver; the rest once each, two
        # of them sometimes in one sentence.
        plain: list[tuple[tuple[str, str, str, int, int], dict[str, int], str | None]] = []
        for kind in kinds[:wanted]:
            if frng.random() < 0.15:
                givers = self.givers(actors)
                first, later = self.numbers_for(("value",), kind), self.numbers_for(("value",), kind)
                while later == first:
                    later = self.numbers_for(("value",), kind)
                earlier_q = frng.choice([None, None, "about", "at least"])
                a, b = self.phrase(first, earlier_q), self.phrase(later, None)
                if givers:
                    part, tail = f"had earlier said {a} {kind[2]}", f", and later put the number at {b}"
                else:
                    part, tail = f"{a} {kind[2]}", f" by a first count, and {b} by a later one"
                sentence, quote = self.figure_sentence(seed, place, givers, [part], tail)
                ids_ = [g.id for g in givers]
                figures.append(FigureRec(kind[0], kind[1], seed.id, quote, first, earlier_q, ids_, "earlier"))
                figures.append(FigureRec(kind[0], kind[1], seed.id, quote, later, None, ids_, "later"))
                self.cite(citations, seed, sentence)
            else:
                keys, qualifier = self.draw_shape()
                plain.append((kind, self.numbers_for(keys, kind), qualifier))
        givers = self.givers(actors)
        together = len(plain) > 1 and frng.random() < 0.4
        groups = [plain] if together else [[one] for one in plain]
        for group in groups:
            parts = [self.phrase(numbers, qualifier, kind[2]) for kind, numbers, qualifier in group]
            sentence, quote = self.figure_sentence(seed, place, givers, parts)
            for kind, numbers, qualifier in group:
                figures.append(FigureRec(kind[0], kind[1], seed.id, quote, numbers, qualifier, [g.id for g in givers]))
            self.cite(citations, seed, sentence)
            if not together:
                givers = self.givers(actors)
        self.figure_events.append((i, event_id, figures))
        return figures, link

    def cite(self, citations: dict[str, list[str]], seed: Seed, sentence: str) -> None:
        """The event quotes the sentence that gives its figures, as a writer would; the source goes
        on, as often as after an event's other quotes, with a sentence no one quotes."""
        if sentence not in citations[seed.id]:
            citations[seed.id].append(sentence)
        if self.frng.random() < 0.7:
            self.filler(seed, self.frng)

    def figure_target(self, i: int, linked: set[str]) -> tuple[str, FigureRec] | None:
        """An event among the 40 before the i-th with a figure of one plain number (not revised),
        and that figure; None when there is none."""
        for index, event_id, figures in reversed(self.figure_events):
            if index < i - 40:
                break
            if event_id in linked:
                continue
            plain = [f for f in figures if "value" in f.numbers and f.qualifier in (None, "exactly") and not f.timing]
            if plain and self.frng.random() < 0.5:
                return event_id, self.frng.choice(plain)
        return None

    def against(self, value: int, relation: str) -> tuple[dict[str, int], str | None]:
        """A figure that gives the same count as a plain ``value``: the same number (agree), one that
        ``value`` fits but put differently (differ), or one that ``value`` does not fit (conflict)."""
        frng = self.frng
        step = frng.randint(1, max(1, value // 4))
        if relation == "agree":
            return {"value": value}, None
        if relation == "differ":
            how = frng.choice(["about", "at least", "up to", "range"])
            if how == "about":
                return {"value": value + step}, "about"
            if how == "at least" and value - step >= 1:
                return {"value": value - step}, "at least"
            if how == "range":
                return {"low": max(1, value - step), "high": value + step}, None
            return {"value": value + step}, "up to"
        how = frng.choice(["other", "more than", "fewer than"])
        if how == "fewer than" and value - step >= 1:
            return {"value": value - step}, "fewer than"
        if how == "more than":
            return {"value": value + step}, "more than"
        return {"value": value + step if value - step < 1 or frng.random() < 0.5 else value - step}, None

    def draw_shape(self) -> tuple[tuple[str, ...], str | None]:
        """The numbers a figure gives and its qualifier: each of ``SHAPES`` in turn, then by weight."""
        if self.shape_turn < len(SHAPES):
            self.shape_turn += 1
            return SHAPES[self.shape_turn - 1]
        return self.frng.choices(SHAPES, weights=SHAPE_WEIGHTS)[0]

    def numbers_for(self, keys: tuple[str, ...], kind: tuple[str, str, str, int, int]) -> dict[str, int]:
        """Distinct numbers for ``keys`` in the count's range, rising in the order low, best, high;
        round ones (to tens, hundreds) where the count runs into thousands."""
        _, _, _, lowest, highest = kind
        step = 10 ** max(0, len(str(highest)) - 3)
        start = -(-lowest // step) * step
        drawn = sorted(self.frng.sample(range(start, highest + 1, step), k=len(keys)))
        return dict(zip(keys, drawn, strict=True))

    def number_text(self, number: int) -> str:
        """A number as a source writes it: in digits (1,200), or a small one sometimes in words."""
        if number < len(NUMBER_WORDS) and self.frng.random() < 0.3:
            return NUMBER_WORDS[number]
        return f"{number:,}"

    def phrase(self, numbers: dict[str, int], qualifier: str | None, counted: str = "") -> str:
        """The words a source gives a figure in, holding each of its numbers, with what it counts
        (``counted``, e.g. "people were killed") after the number: "more than 120 missiles were
        launched", "an estimated 40 people were killed, and no fewer than 30"."""
        said = {key: self.number_text(number) for key, number in numbers.items()}
        keys = tuple(numbers)
        after = ""
        if keys == ("value",):
            words = f"{qualifier} {said['value']}" if qualifier else said["value"]
        elif keys == ("low", "high"):
            words = f"between {'about ' if qualifier else ''}{said['low']} and {said['high']}"
        elif keys == ("low",):
            words = f"{ {None: 'no fewer than', 'about': 'at least about'}.get(qualifier, qualifier) } {said['low']}"
        elif keys == ("high",):
            words = f"{ {None: 'no more than', 'about': 'up to about'}.get(qualifier, qualifier) } {said['high']}"
        elif keys == ("best",):
            words = f"{'about' if qualifier else 'an estimated'} {said['best']}"
        elif keys == ("low", "best", "high"):
            words, after = f"between {said['low']} and {said['high']}", f", most likely {said['best']}"
        elif keys == ("low", "best"):
            words, after = f"an estimated {said['best']}", f", and no fewer than {said['low']}"
        else:
            words, after = f"an estimated {said['best']}", f", and no more than {said['high']}"
        return f"{words} {counted}{after}" if counted else words + after

    def givers(self, actors: list[ActorRec]) -> list[ActorRec]:
        """Who gives a figure: the source in its own voice (none), or one or two of the event's actors."""
        frng = self.frng
        if frng.random() < 0.35:
            return []
        if len(actors) > 1 and frng.random() < 0.2:
            return frng.sample(actors, k=2)
        return [actors[0] if frng.random() < 0.7 else frng.choice(actors)]

    def figure_sentence(
        self, seed: Seed, place: PlaceRec, givers: list[ActorRec], parts: list[str], tail: str = ""
    ) -> tuple[str, str]:
        """A sentence of ``seed`` giving ``parts`` (each a number and what it counts) near the place,
        then ``tail``, in the words of ``givers`` (who said it) or, without them, the source's own;
        returns it and the quote of the figures: the sentence, or its beginning up to the end of
        ``tail``."""
        core = " and ".join(parts)
        if givers:
            core = f"{' and '.join(g.name for g in givers)} {core if tail else 'said ' + core}"
        core += f" near {place.name}{tail}"
        sentence, marker = seed.new_sentence(self.frng, f"{core}; {self.frng.choice(CLAUSES)}.")
        return sentence, sentence if self.frng.random() < 0.6 else f"{marker} {core}"

    def basis(self, date: str, time: str | None, zone: str | None) -> str:
        rng = self.rng
        text = rng.choice(
            [
                f"The report gives the day only as a weekday; "
                f"the date {date} is resolved from the report's own dating.",
                f'The source says only "last week"; {date} is counted back from its publication date.',
                f"The date {date} is kept at the precision the source gives, and no finer.",
                f"Two sources disagree on the day; {date} covers both accounts.",
            ]
        )
        if time:
            text += f' The time is local time in {zone}, as the report\'s "local time" is taken to mean.'
        return text

    # -- output ---------------------------------------------------------------------------------------

    def write(self, out: Path) -> dict[str, int]:
        rng = self.rng
        self.make_seeds()
        self.seeds_by_id = {s.id: s for s in self.seeds}
        self.make_places()
        self.make_actors()
        self.describe_records()
        events = self.make_events()
        for seed in self.seeds:  # every source has some unquoted text of its own: at least 3 KB
            for _ in range(rng.randint(3, 12)):
                self.filler(seed)
            while sum(len(s) + 1 for s in seed.sentences) < 3000:
                self.filler(seed)

        for folder in ("events", "actors", "places", "seeds"):
            if (out / folder).exists():
                shutil.rmtree(out / folder)
            (out / folder).mkdir(parents=True)
        for event_id, text in zip(self.event_ids, events, strict=True):
            (out / "events" / f"{event_id}.yaml").write_text(text, encoding="utf-8")
        for actor in self.actors:
            (out / "actors" / f"{actor.id}.yaml").write_text(self.actor_yaml(actor), encoding="utf-8")
        for place in self.places:
            (out / "places" / f"{place.id}.yaml").write_text(self.place_yaml(place), encoding="utf-8")
        sizes = []
        for seed in self.seeds:
            text = self.seed_text(seed)
            sizes.append(len(text.encode("utf-8")))
            (out / "seeds" / f"{seed.id}.txt").write_text(text, encoding="utf-8")
            (out / "seeds" / f"{seed.id}.yaml").write_text(self.seed_yaml(seed), encoding="utf-8")
        return {
            "events": len(events),
            "actors": len(self.actors),
            "places": len(self.places),
            "sources": len(self.seeds),
            "source_bytes": sum(sizes),
            "largest_source_bytes": max(sizes),
            "smallest_source_bytes": min(sizes),
        }

    def seed_text(self, seed: Seed) -> str:
        """The sentences in paragraphs of 2-7, in the order they were written."""
        rng = random.Random(f"{self.seed}-{seed.id}")  # layout only; independent of the main stream
        paragraphs: list[str] = []
        i = 0
        while i < len(seed.sentences):
            size = rng.randint(2, 7)
            paragraphs.append(" ".join(seed.sentences[i : i + size]))
            i += size
        return "\n\n".join(paragraphs) + "\n"

    def actor_yaml(self, actor: ActorRec) -> str:
        out = "# yaml-language-server: $schema=../chronology/schemas/actor.schema.json\n"
        out += f"id: {scalar(actor.id)}\nname: {scalar(actor.name)}\nkind: {actor.kind}\n"
        if actor.aliases:
            out += aliases_yaml(actor.aliases)
        if actor.title:
            out += f"title: {scalar(actor.title)}\n"
        if actor.member_of:
            out += "member_of:\n" + "".join(f"  - {scalar(m)}\n" for m in actor.member_of)
        out += folded("description", f"{actor.name}, a synthetic {actor.kind.replace('-', ' ')} of the benchmark.")
        out += citations_yaml([actor.citation] if actor.citation else [])
        return out

    def place_yaml(self, place: PlaceRec) -> str:
        out = "# yaml-language-server: $schema=../chronology/schemas/place.schema.json\n"
        out += f"id: {scalar(place.id)}\nname: {scalar(place.name)}\nkind: {place.kind}\n"
        if place.aliases:
            out += aliases_yaml(place.aliases)
        if place.within:
            out += f"within: {scalar(place.within)}\n"
            if place.kind == "district":
                out += folded("within_basis", "The region of the district is from gazetteers, not from the source.")
        if place.coordinates:
            lat, lon, precision = place.coordinates
            out += f"coordinates:\n  lat: {lat!r}\n  lon: {lon!r}\n  precision: {precision}\n"
            out += "  basis: |\n    Drawn at random for the benchmark.\n"
        out += folded("description", f"{place.name}, a synthetic {place.kind} of the benchmark.")
        out += citations_yaml([place.citation] if place.citation else [])
        return out

    def seed_yaml(self, seed: Seed) -> str:
        number = int(seed.id.rsplit("-", 1)[1])
        known = number % 3 != 0
        out = "# yaml-language-server: $schema=../chronology/schemas/seed.schema.json\n"
        out += f"id: {scalar(seed.id)}\nlabel: {scalar(f'Synthetic report {number} for the benchmark')}\n"
        out += f"title: {scalar(f'Synthetic report number {number}') if known else 'null'}\n"
        out += f"publisher: {scalar('Benchmark Wire') if known else 'null'}\n"
        out += f"url: {scalar(f'https://example.org/reports/{number}') if known else 'null'}\n"
        out += "language: en\n"
        out += f"published: {scalar('2025-01-15') if known else scalar('2025-01/2025-03')}\n"
        out += folded("published_basis", "A synthetic source: its date is made up for the benchmark.")
        out += folded("notes", f"Generated by bench/generate.py with {len(seed.sentences)} sentences.")
        return out


# --- entry points ----------------------------------------------------------------------------------------


def fingerprint(n: int, seed: int, sources: int | None = None) -> dict[str, object]:
    """What the generated data depends on: N, the seed, the number of sources and this file's code."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return {"n": n, "seed": seed, "fixed_sources": sources, "generator": GENERATOR_VERSION, "code": code}


def is_current(out: Path, n: int, seed: int, sources: int | None = None) -> bool:
    """True when ``out`` holds data generated for this N and seed by this generator."""
    try:
        stamp = json.loads((out / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    wanted = fingerprint(n, seed, sources)
    return {k: stamp.get(k) for k in wanted} == wanted


def copy_scaffolding(out: Path, repo: Path = REPO) -> None:
    """Copy mkdocs.yml, docs/ and templates/ from the repository (fresh each time: others edit them),
    and create any folder mkdocs.yml's ``watch`` names, which MkDocs requires to exist."""
    out.mkdir(parents=True, exist_ok=True)
    for name in SCAFFOLDING:
        source, target = repo / name, out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    in_watch = False
    for line in (out / "mkdocs.yml").read_text("utf-8").splitlines():
        if re.match(r"^watch:\s*$", line):
            in_watch = True
            continue
        if in_watch:
            item = re.match(r"^\s+-\s+(\S+)\s*$", line)
            if item:
                (out / item.group(1)).mkdir(parents=True, exist_ok=True)
            elif line.strip() and not line.startswith((" ", "#")):
                in_watch = False


def generate(n: int, out: Path, seed: int = 0, sources: int | None = None) -> dict[str, int]:
    """Write the synthetic chronology of ``n`` events into ``out``; return what was written."""
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)
    counts = Generator(n, seed, sources).write(out)
    copy_scaffolding(out)
    (out / STAMP).write_text(json.dumps({**fingerprint(n, seed, sources), **counts}, indent=2) + "\n", encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic chronology for the benchmark.")
    parser.add_argument("n", type=int, help="the number of events")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default: %(default)s)")
    parser.add_argument(
        "--sources",
        type=int,
        help="a stress case: exactly K sources sharing the quotes evenly (default: N/250 + 2, skewed)",
    )
    parser.add_argument("--out", type=Path, help="where to write it (default: bench/out/N)")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("N must be at least 10")
    out = args.out or REPO / "bench" / "out" / (f"{args.n}-sources{args.sources}" if args.sources else str(args.n))
    counts = generate(args.n, out, args.seed, args.sources)
    print(f"wrote {out}: " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
