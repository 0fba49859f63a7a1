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
  ``date_basis``.

The output is deterministic for a given N and seed: everything is drawn from one
``random.Random(seed)`` and nothing depends on set or directory order. The site's scaffolding
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
GENERATOR_VERSION = 1
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

    def filler(self, seed: Seed) -> None:
        """An unquoted sentence, so that sources are not quoted end to end."""
        rng = self.rng
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
            lines.append(citations_yaml(list(citations.items()), [a.id for a in claimants]))
            if i > 0 and rng.random() < 0.6:
                targets: list[str] = []
                for _ in range(rng.choice([1, 1, 2])):
                    back = rng.randint(1, min(i, 40)) if rng.random() < 0.8 else rng.randint(1, i)
                    if ids[i - back] not in targets:
                        targets.append(ids[i - back])
                lines.append(
                    "related:\n"
                    + "".join(
                        f"  - ref: {scalar(t)}\n    type: {scalar(rng.choice(RELATION_TYPES))}\n" for t in targets
                    )
                )
            files.append("".join(lines))
        self.event_ids = ids
        return files

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
