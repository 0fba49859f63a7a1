"""Model: the checked chronology as immutable, indexed data.

Built only from data that passed every check, so nothing here validates: it trusts its input and
answers the questions the pages ask (what happened in order, who took part in what, what lies within
a place, what links to an event) without any page having to search the whole chronology.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from chronology.dates import EventDate, TimeWindow

#: How each relation type reads from the other end.
INVERSE_RELATION = {
    "follows": "Followed by",
    "response-to": "Prompted",
    "part-of": "Includes",
    "reports-on": "Reported by",
    "compared-to": "Compared with",
}
#: How each relation type reads from the event that declares it.
RELATION_WORDS = {
    "follows": "Follows",
    "response-to": "In response to",
    "part-of": "Part of",
    "reports-on": "Reports on",
    "compared-to": "Compared with",
}


@dataclass(frozen=True)
class Citation:
    """Verbatim quotes from one source."""

    seed: str
    quotes: tuple[str, ...]
    #: Where each quote first occurs in the source's text: (start, end) offsets, which name its
    #: anchor on the source page.
    spans: tuple[tuple[int, int], ...] = ()

    def anchors(self) -> tuple[str, ...]:
        """The fragment of each quote on its source's page (see ``pages.source_segments``)."""
        return tuple(f"q{start}-{end}" for start, end in self.spans)


@dataclass(frozen=True)
class Participation:
    """An actor's part in an event."""

    actor: str
    role: str


@dataclass(frozen=True)
class Relation:
    """A typed link from one event to another, as declared in ``source``'s file."""

    source: str
    target: str
    type: str


@dataclass(frozen=True)
class Event:
    """Something that happened, or that a party says happened."""

    id: str
    title: str
    date: EventDate
    summary: str
    sources: tuple[Citation, ...]
    file: str
    time: TimeWindow | None = None
    timezone: str | None = None
    date_basis: str | None = None
    actors: tuple[Participation, ...] = ()
    places: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[Relation, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        """Chronological order, total and stable: date, then time of day, then id."""
        return (*self.date.sort_key(), self.time.minutes() if self.time else -1, self.id)

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Every actor the event mentions, participants first, then claimants, without repeats."""
        seen = dict.fromkeys([p.actor for p in self.actors] + list(self.claimed_by))
        return tuple(seen)


@dataclass(frozen=True)
class Actor:
    """A person, state, body or organisation."""

    id: str
    name: str
    kind: str
    file: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    member_of: tuple[str, ...] = ()
    description: str | None = None
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Coordinates:
    """A point in WGS 84 and what it stands for."""

    lat: float
    lon: float
    precision: str


@dataclass(frozen=True)
class Place:
    """A named place, within at most one enclosing place."""

    id: str
    name: str
    kind: str
    file: str
    aliases: tuple[str, ...] = ()
    within: str | None = None
    within_basis: str | None = None
    coordinates: Coordinates | None = None
    description: str | None = None
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class QuotedSpan:
    """Where in a source's text a quote stands, and which record quotes it."""

    start: int
    end: int
    kind: str  # event, actor or place
    id: str


@dataclass(frozen=True)
class Source:
    """A source document: its verbatim text and what is known about it."""

    id: str
    label: str
    text: str
    language: str
    published_basis: str
    file: str
    text_file: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: EventDate | None = None
    notes: str | None = None
    spans: tuple[QuotedSpan, ...] = ()
    coverage_percent: int = 0
    sentences: int = 0
    uncovered_sentences: tuple[str, ...] = ()


def _freeze(mapping: Mapping[str, list[Any]]) -> Mapping[str, tuple[Any, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in sorted(mapping.items())})


@dataclass(frozen=True)
class Chronology:
    """Every event in order, the actors, places and sources, and the indexes between them."""

    events: tuple[Event, ...]
    actors: Mapping[str, Actor]
    places: Mapping[str, Place]
    sources: Mapping[str, Source]
    events_by_id: Mapping[str, Event] = field(init=False)
    position: Mapping[str, int] = field(init=False)
    events_by_actor: Mapping[str, tuple[Event, ...]] = field(init=False)
    events_by_place: Mapping[str, tuple[Event, ...]] = field(init=False)
    events_by_tag: Mapping[str, tuple[Event, ...]] = field(init=False)
    incoming: Mapping[str, tuple[Relation, ...]] = field(init=False)
    members: Mapping[str, tuple[str, ...]] = field(init=False)
    children: Mapping[str, tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        # Indexes are built once here, in one pass each, so that every page query is a lookup:
        # the build stays linear in the size of the chronology.
        events = tuple(sorted(self.events, key=Event.sort_key))
        by_actor: dict[str, list[Event]] = {}
        by_place: dict[str, list[Event]] = {}
        by_tag: dict[str, list[Event]] = {}
        incoming: dict[str, list[Relation]] = {}
        for event in events:
            for actor in event.actor_ids:
                by_actor.setdefault(actor, []).append(event)
            for place in dict.fromkeys(event.places):
                by_place.setdefault(place, []).append(event)
            for tag in dict.fromkeys(event.tags):
                by_tag.setdefault(tag, []).append(event)
            for relation in event.related:
                incoming.setdefault(relation.target, []).append(relation)
        members: dict[str, list[str]] = {}
        for member in sorted(self.actors.values(), key=lambda a: a.name.casefold()):
            for parent in member.member_of:
                members.setdefault(parent, []).append(member.id)
        children: dict[str, list[str]] = {}
        for inner in sorted(self.places.values(), key=lambda p: p.name.casefold()):
            if inner.within:
                children.setdefault(inner.within, []).append(inner.id)
        set_ = object.__setattr__  # frozen: the indexes are set once, here
        set_(self, "events", events)
        set_(self, "actors", MappingProxyType(dict(sorted(self.actors.items()))))
        set_(self, "places", MappingProxyType(dict(sorted(self.places.items()))))
        set_(self, "sources", MappingProxyType(dict(sorted(self.sources.items()))))
        set_(self, "events_by_id", MappingProxyType({e.id: e for e in events}))
        set_(self, "position", MappingProxyType({e.id: i for i, e in enumerate(events)}))
        set_(self, "events_by_actor", _freeze(by_actor))
        set_(self, "events_by_place", _freeze(by_place))
        set_(self, "events_by_tag", _freeze(by_tag))
        set_(self, "incoming", _freeze(incoming))
        set_(self, "members", _freeze(members))
        set_(self, "children", _freeze(children))

    def previous_event(self, event: Event) -> Event | None:
        """The event before this one in the timeline."""
        index = self.position[event.id]
        return self.events[index - 1] if index > 0 else None

    def next_event(self, event: Event) -> Event | None:
        """The event after this one in the timeline."""
        index = self.position[event.id]
        return self.events[index + 1] if index + 1 < len(self.events) else None

    def place_chain(self, place_id: str) -> tuple[Place, ...]:
        """The place and every place enclosing it, innermost first."""
        chain: list[Place] = []
        current: str | None = place_id
        while current is not None and current in self.places and len(chain) <= len(self.places):
            chain.append(self.places[current])
            current = self.places[current].within
        return tuple(chain)

    def places_within(self, place_id: str) -> tuple[str, ...]:
        """Every place inside this one, at any depth, in tree order."""
        out: list[str] = []
        stack = list(reversed(self.children.get(place_id, ())))
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children.get(current, ())))
        return tuple(out)

    def events_at(self, place_id: str) -> tuple[Event, ...]:
        """Every event at this place or at a place within it, in timeline order."""
        ids = {place_id, *self.places_within(place_id)}
        found = {e.id: e for p in ids for e in self.events_by_place.get(p, ())}
        return tuple(sorted(found.values(), key=lambda e: self.position[e.id]))

    def co_actors(self, actor_id: str) -> list[tuple[str, int]]:
        """The actors that share events with this one, most shared first (then by id)."""
        counts: Counter[str] = Counter()
        for event in self.events_by_actor.get(actor_id, ()):
            counts.update(a for a in event.actor_ids if a != actor_id)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def places_of_actor(self, actor_id: str) -> tuple[str, ...]:
        """The places of the events an actor takes part in, in order of first appearance."""
        seen: dict[str, None] = {}
        for event in self.events_by_actor.get(actor_id, ()):
            seen.update(dict.fromkeys(event.places))
        return tuple(seen)
