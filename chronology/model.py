"""Model: the checked chronology as immutable, indexed data.

Built only from data that passed every check, so nothing here validates: it trusts its input and
answers the questions the pages ask (what happened in order, who took part in what, what lies within
a place, what links to an event) without any page having to search the whole chronology.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from chronology.dates import EventDate, TimeWindow, utc_offset_minutes
from chronology.figures import Allowed, allowed, common, figure_words
from chronology.links import link_types

# The groups of links below are read from the schema's vocabulary (each type's ``account``: see
# ``links``), so that a type added there takes its part in the accounts without a word here.
_ACCOUNTS = {name: t.account for name, t in link_types().items() if t.account}
#: The links that read the same both ways (their inverse is themselves: ``contradicts``): which end
#: declares one says nothing, so nothing derived from it may depend on that end.
SYMMETRIC_LINKS = frozenset(name for name, t in link_types().items() if t.inverse == name)
#: The links by which a statement bears on what it is about, in the order the standing lists them:
#: those that support it (asserts, acknowledges, corroborates), then those that differ.
STANDING_LINKS = tuple(n for n, a in _ACCOUNTS.items() if a == "bears") + tuple(
    n for n, a in _ACCOUNTS.items() if a == "differs"
)
#: The links that make an event a statement of what it links to (docs/method.md, 7): what its source
#: reports as fact is that the statement was made; what it says is its speaker's. A link that reads
#: the same both ways joins two accounts of one thing, neither of them about the other: it makes
#: neither end a statement (each is one by a link of its own to what it is about, or is none).
STATEMENT_LINKS = frozenset(_ACCOUNTS) - SYMMETRIC_LINKS
#: The links along which a statement's figures are shown on the event it is about too (and, for a
#: link that reads the same both ways, each end's on the other's).
FIGURE_LINKS = frozenset(_ACCOUNTS)
#: The order of figures within a count: those the source says were given earlier come first.
_TIMING_ORDER = {"earlier": 0, None: 1, "later": 2}
#: The links that mean two accounts of one thing do not agree.
DIFFERING_LINKS = frozenset(n for n, a in _ACCOUNTS.items() if a == "differs")
#: The marks an event's page puts beside a count (``Count.marks``), by what each says, in the page's
#: words; the open data give them in these words too.
COUNT_MARKS: Mapping[str, str] = MappingProxyType(
    {"revised": "Revised", "accounts-differ": "Accounts differ", "figures-differ": "Figures differ"}
)


@dataclass(frozen=True, slots=True)
class Citation:
    """Verbatim quotes from one source, and how the source presents what they support."""

    seed: str
    quotes: tuple[str, ...]
    #: Where each quote first occurs in the source's text: (start, end) offsets, which name its
    #: anchor on the source page.
    spans: tuple[tuple[int, int], ...] = ()
    #: For an event: ``own`` (the source states it in its own voice) or ``attributed`` (as what
    #: parties say). None for an actor's or a place's citation.
    voice: str | None = None
    #: With voice ``attributed``: the actors the source attributes it to.
    attributed_to: tuple[str, ...] = ()

    def anchors(self) -> tuple[str, ...]:
        """The fragment of each quote on its source's page (see ``pages.source_segments``)."""
        return tuple(f"q{start}-{end}" for start, end in self.spans)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a source gives: what it counts, the number or its range, and who gives it."""

    counts: str
    what: str
    seed: str
    voice: str
    quote: str
    value: float | None = None
    low: float | None = None
    best: float | None = None
    high: float | None = None
    qualifier: str | None = None
    attributed_to: tuple[str, ...] = ()
    timing: str | None = None
    #: Where the quote first occurs in the source, for the link to the passage.
    span: tuple[int, int] | None = None

    def number(self) -> str:
        """The figure as the source puts it: '69', 'more than 120', 'up to 55', 'between 50 and 70
        (best 60)' (see ``figures.figure_words``)."""
        return figure_words(self.value, self.low, self.best, self.high, self.qualifier)

    def anchor(self) -> str:
        """The fragment of the quote on its source's page (see ``pages.source_segments``)."""
        return f"q{self.span[0]}-{self.span[1]}" if self.span else ""

    def allowed(self) -> Allowed:
        """The numbers the figure allows, as the source puts it (see ``figures.allowed``): "about"
        a number bounds nothing."""
        return allowed(self.value, self.low, self.best, self.high, self.qualifier)

    def giver(self) -> tuple[str, ...]:
        """Who gives the figure, in the source that tells it, as a count tells its givers apart: the
        source and the parties it attributes the figure to, or the source alone in its own voice.
        Figures of one giver at different ``timing`` are that giver's revision of its count (see
        ``Count``). The source is part of it because ``timing`` orders a figure only against the
        others of the same source: one source's "later" says nothing of when another's figure was
        given, so a party's figures in two sources are two accounts, weighed against each other."""
        parties = sorted(set(self.attributed_to)) if self.voice == "attributed" else []
        return (self.voice, self.seed, *parties)


@dataclass(frozen=True, slots=True)
class FigureAccount:
    """A figure as an event's page shows it: the figure and the event that records it."""

    figure: Figure
    event: str


@dataclass(frozen=True, slots=True)
class Count:
    """Every account of one count (one ``counts`` key) that bears on an event, earliest given first.

    A giver (``Figure.giver``: the same parties in one source, or a source in its own voice) whose
    figures of the count differ in ``timing`` revised its count: its latest figures are its account now, and its
    earlier ones are superseded. Only each giver's latest figures are weighed against the others'
    (``differ``, ``conflict``), so that accounts differ when givers disagree now, not when one of
    them updated its count (``revised``).
    """

    counts: str
    accounts: tuple[FigureAccount, ...]
    #: The accounts that are their giver's latest (``current``): worked out once, since every verdict
    #: and every figure's ``revised_to`` reads them, on each page and in each export that shows the count.
    _current: tuple[FigureAccount, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        latest: dict[tuple[str, ...], int] = {}
        for a in self.accounts:
            giver, when = a.figure.giver(), _TIMING_ORDER[a.figure.timing]
            latest[giver] = max(when, latest.get(giver, when))
        current = tuple(a for a in self.accounts if _TIMING_ORDER[a.figure.timing] == latest[a.figure.giver()])
        object.__setattr__(self, "_current", current)  # frozen: set once, here

    @property
    def current(self) -> tuple[FigureAccount, ...]:
        """The accounts that are their giver's latest: all of them, unless a giver revised."""
        return self._current

    def revised_to(self, account: FigureAccount) -> tuple[str, ...]:
        """The later figures (as the pages word them) that ``account``'s giver revised it to; none
        for a giver's latest figure, and for an earlier one its later figures repeat."""
        giver = account.figure.giver()
        later = dict.fromkeys(a.figure.number() for a in self.current if a.figure.giver() == giver)
        return () if account in self.current or account.figure.number() in later else tuple(later)

    @property
    def revised(self) -> bool:
        """True when a giver gave the count again later, differently ("3" earlier, "7" later)."""
        return any(self.revised_to(a) for a in self.accounts)

    @property
    def differ(self) -> bool:
        """True when the givers' latest figures put the count differently ("17" and "at least 15",
        "about 20" and "20"), whether or not they conflict (``conflict``)."""
        return len({a.figure.number() for a in self.current}) > 1

    @property
    def conflict(self) -> bool:
        """True when no number fits every giver's latest figures: "69" and "more than 120", "12" and
        "at least 15". "17" and "at least 15" can both be true; a figure "about" a number bounds
        nothing, so it never conflicts (the site sets no tolerance of its own for "about"); a
        giver's earlier figure, revised, is no longer its account."""
        return common([a.figure.allowed() for a in self.current]) is None

    @property
    def marks(self) -> tuple[str, ...]:
        """What the page marks the count as (``COUNT_MARKS``' keys): ``revised``, then
        ``accounts-differ`` when its accounts conflict, or else ``figures-differ`` when they only
        put it differently; none for a count its givers agree on and never revised."""
        revised = ("revised",) if self.revised else ()
        return revised + (("accounts-differ",) if self.conflict else ("figures-differ",) if self.differ else ())


@dataclass(frozen=True, slots=True)
class Participation:
    """An actor's part in an event."""

    actor: str
    role: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from one event to another, as declared in ``source``'s file."""

    source: str
    target: str
    type: str
    #: What of the other event the link concerns, or how far it goes, where the type alone would
    #: say more than the sources do (plain text, the editors'); shown with the link on both pages.
    note: str | None = None


@dataclass(frozen=True, slots=True)
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
    #: How precisely the event is placed, for the places it is not simply 'at': (place id, near|within).
    place_precision: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    related: tuple[Relation, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        """Order by the date alone, total and stable: date, then time of day, then where its source
        tells it, then title, then id.

        The timeline also follows the sequence the sources give between events of one date, which
        this key cannot know: see ``timeline_order``.
        """
        return (*self.date.sort_key(), *self.tie_key())

    def tie_key(self) -> tuple[Any, ...]:
        """What orders events of one date that no link orders: time of day, as an instant (minutes
        from the day's midnight in UTC, so that 10:00 in Minsk comes before 10:00 in Kyiv, as the
        hours axis places them), then the order in which their first source tells them (``told``),
        then title (id last, so that two events with one title still sort the same on every build)."""
        return (self.instant_minutes(), *self.told(), self.title.casefold(), self.title, self.id)

    def instant_minutes(self) -> int:
        """When the event's time starts, in minutes from its day's midnight in UTC (below zero, or
        past a day's, where the zone's clock is ahead or behind). Without a time, two days before
        midnight: an untimed event of a day is placed before its timed ones, whatever their zones."""
        if self.time is None:
            return -2 * 24 * 60
        if self.timezone is None or not self.date.is_single_day:
            return self.time.minutes()  # refused by the checker; kept orderable for its messages
        return self.time.minutes() - utc_offset_minutes(self.date.first_day(), self.time.start, self.timezone)

    def told(self) -> tuple[str, int]:
        """Where the event is first told: its first source, and where in that source's text its
        earliest quote stands. Events one source tells keep the order it tells them in, which says
        more than their titles' alphabetical order; events whose first sources differ are grouped
        by source."""
        first = self.sources[0] if self.sources else None
        if first is None or not first.spans:
            return ("", -1)  # before the check has placed the quotes: the order is decided by title
        return (first.seed, min(start for start, _ in first.spans))

    @property
    def claimants(self) -> tuple[str, ...]:
        """The actors any source attributes the event to, in the order the sources name them."""
        return tuple(dict.fromkeys(a for c in self.sources for a in c.attributed_to))

    @property
    def figure_givers(self) -> tuple[str, ...]:
        """The actors the event's figures are attributed to, in the order the figures name them."""
        return tuple(dict.fromkeys(a for f in self.figures for a in f.attributed_to))

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Every actor the event mentions, participants first, then claimants, then those who give
        its figures, without repeats (the checker's ``unused-actor`` counts the same)."""
        seen = dict.fromkeys([p.actor for p in self.actors] + list(self.claimants) + list(self.figure_givers))
        return tuple(seen)

    def precision_at(self, place_id: str) -> str:
        """How precisely the event is placed at one of its places: at, near or within."""
        return dict(self.place_precision).get(place_id, "at")


@dataclass(frozen=True, slots=True)
class Claim:
    """A source presenting an event as what parties say."""

    #: Every party the source's citations name, once, in the order they are named.
    parties: tuple[str, ...]
    seed: str
    #: The parties of each of its citations, each set of them once: the downing is a claim of
    #: Belarus, one of the Defence Ministry, and one of BelTA (quoted only for the missile's landing),
    #: which a page keeps apart rather than make BelTA a party to the ministry's words.
    accounts: tuple[tuple[str, ...], ...] = ()


def _claims_by_source(citations: Iterable[Citation]) -> tuple[Claim, ...]:
    """The attributed citations as one claim per source (so that a page names each source once),
    in the order the sources are first cited, each with its citations' parties kept apart."""
    # Each set of parties once, however its citations order them, in the order first written.
    accounts: dict[str, dict[frozenset[str], tuple[str, ...]]] = {}
    for citation in citations:
        if citation.voice == "attributed":
            accounts.setdefault(citation.seed, {}).setdefault(frozenset(citation.attributed_to), citation.attributed_to)
    return tuple(
        Claim(tuple(dict.fromkeys(party for parties in each.values() for party in parties)), seed, tuple(each.values()))
        for seed, each in accounts.items()
    )


#: What an event stands as, in one word (``Standing.kind``), with what each word means: the closed
#: list the exports give as a column or property beside every event, from the same derivation as the
#: pages (docs/method.md, 8).
STANDING_KINDS = {
    "fact": "at least one source states it in its own voice (it may also report it as a party's claim)",
    "claim": "no source states it in its own voice: it stands only as the claim of the parties its sources"
    " attribute it to",
    "statement": "a source states in its own voice that the statement was made; what it says is its speaker's"
    " account, not the source's",
}


@dataclass(frozen=True, slots=True)
class Standing:
    """What the reader is told of an event's standing: derived, never written by hand (see
    ``Chronology.standing``)."""

    #: The sources that state the event in their own voice.
    facts: tuple[str, ...]
    #: The sources that present it as a party's statement, one claim for each source, with all the
    #: parties it names.
    claims: tuple[Claim, ...]
    #: The statement events that bear on it, by link type (in ``STANDING_LINKS`` order): the
    #: statements that assert, acknowledge, corroborate, deny, dispute or contradict it, and those
    #: it contradicts (a link that reads the same both ways).
    bearing: tuple[tuple[str, tuple[str, ...]], ...]
    #: The events whose accounts differ from this one's (contradicts either way, denies, disputes).
    differing: tuple[str, ...]
    #: Whether the event is a statement of another (``STATEMENT_LINKS``): a source's own voice then
    #: reports that it was made, not that what it says is so.
    statement: bool = False
    #: The notes of the links that name another event in the standing (bearing on it or differing
    #: from it), each as (link type, other event, note): what of the event a statement concerns,
    #: or how far it goes, shown beside the other event wherever the standing names it.
    notes: tuple[tuple[str, str, str], ...] = ()

    @property
    def only_claimed(self) -> bool:
        """True when no source states the event in its own voice: it stands as parties' claims."""
        return not self.facts

    @property
    def kind(self) -> str:
        """What the event stands as, one of ``STANDING_KINDS``: ``claim`` when no source states it in
        its own voice, else ``statement`` when it is a statement of another event, else ``fact``."""
        return "claim" if self.only_claimed else "statement" if self.statement else "fact"

    @property
    def claimed_by(self) -> tuple[str, ...]:
        """Every party a source gives the event as the claim of, once, in the order first named."""
        return tuple(dict.fromkeys(party for claim in self.claims for party in claim.parties))

    @property
    def differing_beyond_bearing(self) -> tuple[str, ...]:
        """The differing events that no bearing line names: a page names each once, under the link
        that says how it differs ("Denied by", "Differs from") where there is one."""
        named = {other for _, ids in self.bearing for other in ids}
        return tuple(other for other in self.differing if other not in named)

    def link_notes(self, other: str, kinds: Iterable[str]) -> tuple[str, ...]:
        """The notes of the links of these types between the event and ``other`` (see ``notes``)."""
        wanted = frozenset(kinds)
        return tuple(note for kind, event, note in self.notes if event == other and kind in wanted)


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name of an actor or a place: its language and, for a name from outside the sources,
    where it comes from."""

    name: str
    lang: str
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, state, body or organisation."""

    id: str
    name: str
    kind: str
    file: str
    aliases: tuple[Alias, ...] = ()
    title: str | None = None
    member_of: tuple[str, ...] = ()
    member_of_basis: str | None = None
    description: str | None = None
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Coordinates:
    """A point in WGS 84, what it stands for, and where the figures come from."""

    lat: float
    lon: float
    precision: str
    basis: str
    #: Why the point lies in no country's bundled shape (at sea, a small island), when it does.
    outside_shapes: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A named place, within at most one enclosing place."""

    id: str
    name: str
    kind: str
    file: str
    aliases: tuple[Alias, ...] = ()
    within: str | None = None
    within_basis: str | None = None
    country_code: str | None = None
    coordinates: Coordinates | None = None
    description: str | None = None
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One place in a tree of places: its depth, and the list structure around it.

    ``opens``: a new nested list starts with this place (it is the first place within the one
    before). ``has_children``: places within it follow, inside its list item. ``closes``: how many
    nested lists end after it.
    """

    place: Place
    depth: int
    opens: bool
    has_children: bool
    closes: int


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Where in a source's text a quote stands, and which record quotes it."""

    start: int
    end: int
    kind: str  # event, actor or place
    id: str


@dataclass(frozen=True, slots=True)
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
    #: The actors whose reports or statements the source relays; None when not known.
    relays: tuple[str, ...] | None = None
    notes: str | None = None
    spans: tuple[QuotedSpan, ...] = ()
    coverage_percent: int = 0
    sentences: int = 0
    uncovered_sentences: tuple[str, ...] = ()


def timeline_order(events: Iterable[Event]) -> tuple[Event, ...]:
    """Every event in the chronology's one order, used by the timeline and every list of events.

    Events are ordered by date (``EventDate.sort_key``: the first day the date can mean, and so on),
    and the sequence the sources give is kept: every link whose type has an ``order`` (precedes,
    follows, during, part-of, response-to, reports-on, comments-on) puts one event before the other. Among
    events whose dates sort alike, the links decide; they may also hold an event back behind one
    whose date sorts later, which the dates allow (the checker refuses a link they do not), so the
    timeline never contradicts a link its pages show. Where neither date nor link decides, the
    earlier time of day comes first (as an instant: times in different zones compared in UTC),
    then the event its first source tells first (``Event.told``), then the title, and for two of
    one title the id.

    This is Kahn's topological sort, taking among the events free to go the one whose ``sort_key``
    is smallest: without links it is exactly the order of ``Event.sort_key``. The checker refuses a
    cycle in the sequence; were one left, its events would still be placed, at the end, in
    ``sort_key`` order.
    """
    by_id = {e.id: e for e in events}
    types = link_types()
    later: dict[str, set[str]] = {}
    for event in by_id.values():
        for relation in event.related:
            pair = types[relation.type].earlier_later(relation.source, relation.target)
            if pair and pair[0] in by_id and pair[1] in by_id:
                later.setdefault(pair[0], set()).add(pair[1])
    waiting = dict.fromkeys(by_id, 0)
    for followers in later.values():
        for after in followers:
            waiting[after] += 1
    ready = [(by_id[i].sort_key(), i) for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    out: list[Event] = []
    while ready:
        _, event_id = heapq.heappop(ready)
        out.append(by_id[event_id])
        for after in later.get(event_id, ()):
            waiting[after] -= 1
            if waiting[after] == 0:
                heapq.heappush(ready, (by_id[after].sort_key(), after))
    placed = {e.id for e in out}
    out.extend(sorted((e for e in by_id.values() if e.id not in placed), key=Event.sort_key))
    return tuple(out)


def _freeze(mapping: Mapping[str, list[Any]]) -> Mapping[str, tuple[Any, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in sorted(mapping.items())})


@dataclass(frozen=True, slots=True)
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
    #: For each actor, every event of it or of its member bodies at any depth, in timeline order,
    #: each with the members through which it comes (empty when the actor itself takes part).
    events_with_members: Mapping[str, tuple[tuple[Event, tuple[str, ...]], ...]] = field(init=False)
    #: For each actor, every body it is a member of, at any depth, nearest first.
    bodies: Mapping[str, tuple[str, ...]] = field(init=False)
    children: Mapping[str, tuple[str, ...]] = field(init=False)
    #: For each actor, the sources that relay it (a source's ``relays``), in the sources' order.
    relayed_by: Mapping[str, tuple[str, ...]] = field(init=False)
    #: The places within no other, by name.
    top_places: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        # Indexes are built once here, in one pass each, so that every page query is a lookup:
        # the build stays linear in the size of the chronology.
        events = timeline_order(self.events)
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
        set_ = object.__setattr__  # frozen: the indexes are set once, here
        set_(self, "bodies", MappingProxyType({a: self._bodies(a) for a in sorted(self.actors)}))
        with_members: dict[str, list[tuple[Event, tuple[str, ...]]]] = {}
        for event in events:
            for actor in event.actor_ids:
                with_members.setdefault(actor, []).append((event, ()))
            for body, through in self.via_members(event).items():
                with_members.setdefault(body, []).append((event, through))
        children: dict[str, list[str]] = {}
        for inner in sorted(self.places.values(), key=lambda p: p.name.casefold()):
            if inner.within:
                children.setdefault(inner.within, []).append(inner.id)
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
        set_(self, "events_with_members", _freeze(with_members))
        set_(self, "children", _freeze(children))
        relayed: dict[str, list[str]] = {}
        for source_id, source in self.sources.items():
            for actor in source.relays or ():
                relayed.setdefault(actor, []).append(source_id)
        set_(self, "relayed_by", _freeze(relayed))
        tops = sorted((p for p in self.places.values() if not p.within), key=lambda p: p.name.casefold())
        set_(self, "top_places", tuple(p.id for p in tops))

    def _bodies(self, actor_id: str) -> tuple[str, ...]:
        """Every body the actor is a member of, at any depth, nearest first, without repeats."""
        out: dict[str, None] = {}
        queue = list(self.actors[actor_id].member_of)
        while queue:
            body = queue.pop(0)
            if body in out or body == actor_id or body not in self.actors:
                continue
            out[body] = None
            queue.extend(self.actors[body].member_of)
        return tuple(out)

    def bodies_of(self, actor_id: str) -> tuple[str, ...]:
        """Every body the actor is a member of, directly or through another body, nearest first."""
        return self.bodies.get(actor_id, ())

    def via_members(self, event: Event) -> dict[str, tuple[str, ...]]:
        """The bodies an event belongs to only through their members, each with those members.

        Only the nearest members are named: the spokesman's words come to Belarus through its
        foreign ministry, which the spokesman belongs to, so the ministry is named, not both.
        """
        through: dict[str, list[str]] = {}
        actor_ids = event.actor_ids  # worked out on each use
        for actor in actor_ids:
            for body in self.bodies_of(actor):
                if body not in actor_ids:
                    through.setdefault(body, []).append(actor)
        return {
            body: tuple(m for m in members if not any(o in self.bodies_of(m) for o in members))
            for body, members in through.items()
        }

    def standing(self, event: Event) -> Standing:
        """How the sources present an event, and how other accounts bear on it.

        Derived from the event's citations and the links, so that nothing a page says about an
        event's standing can contradict the data:

        * each citation in ``own`` voice makes the event *reported as fact* by that source;
        * each citation in ``attributed`` voice makes it *a claim of* its parties, *reported by* it;
          a source's citations make one claim, each citation's parties kept apart, so the source is
          named once and no party is made another's;
        * each event linking to this one with ``asserts``, ``acknowledges``, ``corroborates``,
          ``denies``, ``disputes`` or ``contradicts`` bears on it, under that link's name; a link
          that reads the same both ways (``contradicts``) bears on the event that declares it too,
          so that both pages name it alike;
        * accounts *differ* where a ``denies``, ``disputes`` or ``contradicts`` link joins this
          event to another, in either direction;
        * an event that links to another by one of ``STATEMENT_LINKS`` is a statement: its own-voice
          sources report that it was made (a link that reads the same both ways makes neither end
          one: which end declares it must change nothing);
        * each of those links that has a ``note`` (what of the event it concerns, or how far it goes)
          gives it, so that the page says it beside the other event.
        """
        facts = tuple(dict.fromkeys(c.seed for c in event.sources if c.voice == "own"))
        claims = _claims_by_source(event.sources)
        incoming = self.incoming.get(event.id, ())
        # The links that bear on it, each as (type, other event, note): written on the other event,
        # or written here when the link reads the same both ways (it is the other end's too).
        bears = [(r.type, r.source, r.note) for r in incoming if r.type in STANDING_LINKS] + [
            (r.type, r.target, r.note) for r in event.related if r.type in STANDING_LINKS and r.type in SYMMETRIC_LINKS
        ]
        # The standing names each other event in timeline order, never in the order the files write
        # their links: which end declares a link that reads the same both ways then changes nothing.
        bearing = tuple(
            (kind, ids)
            for kind in STANDING_LINKS
            if (ids := tuple(sorted({o for k, o, _ in bears if k == kind}, key=self.position.__getitem__)))
        )
        differing = {r.source for r in incoming if r.type in DIFFERING_LINKS}
        differing |= {r.target for r in event.related if r.type in DIFFERING_LINKS}
        ordered = sorted(differing, key=self.position.__getitem__)
        statement = any(r.type in STATEMENT_LINKS for r in event.related)
        # The notes of the links the standing names another event by: those that bear on it, and
        # those written here that differ (a denial's maker is told whom it differs from).
        named = set(bears) | {(r.type, r.target, r.note) for r in event.related if r.type in DIFFERING_LINKS}
        notes = tuple(
            (kind, other, note)
            for kind, other, note in sorted(
                named, key=lambda link: (self.position[link[1]], STANDING_LINKS.index(link[0]))
            )
            if note
        )
        return Standing(facts, claims, bearing, tuple(ordered), statement, notes)

    def counts(self, event: Event) -> tuple[Count, ...]:
        """The figures an event's page shows, side by side by what they count.

        Its own figures, then those of the statements linked to it (``FIGURE_LINKS``: a statement
        that asserts, reports on, acknowledges, ... it) and of the events it differs from
        (``DIFFERING_LINKS``, written on either), in timeline order; within a count, the
        figures the source says were given earlier come first and those given later last. Counts
        are in the order of their first figure.
        """
        # The statements that bear on it, and the accounts it differs from whichever end wrote the
        # link: "contradicts" reads the same both ways, and so must the figures shown beside its own.
        linked = sorted(
            {r.source for r in self.incoming.get(event.id, ()) if r.type in FIGURE_LINKS}
            | {
                r.target for r in event.related if r.type in DIFFERING_LINKS or r.type in SYMMETRIC_LINKS & FIGURE_LINKS
            },
            key=self.position.__getitem__,
        )
        groups: dict[str, list[FigureAccount]] = {}
        for other in (event.id, *linked):
            for figure in self.events_by_id[other].figures:
                groups.setdefault(figure.counts, []).append(FigureAccount(figure, other))
        return tuple(
            Count(key, tuple(sorted(accounts, key=lambda a: _TIMING_ORDER[a.figure.timing])))
            for key, accounts in groups.items()
        )

    def related(self, event: Event) -> tuple[tuple[str, str, str | None], ...]:
        """Every link of the event, written on it or on the other event, each as it reads from this
        end (its words, the other event's id, its note), in the timeline's order of the other
        events: which file declares a link changes nothing on either page."""
        types = link_types()
        links = [(types[r.type].reads, r.target, r.note) for r in event.related] + [
            (types[r.type].reads_back, r.source, r.note) for r in self.incoming.get(event.id, ())
        ]
        return tuple(sorted(links, key=lambda link: (self.position[link[1]], link[0])))

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

    def place_tree(self, place_id: str | None = None) -> tuple[TreeRow, ...]:
        """The places within ``place_id`` (every place when None), in tree order, as rows that a
        template turns into nested lists without recursion (the hierarchy may be any depth)."""
        tops = self.children.get(place_id, ()) if place_id else self.top_places
        order: list[tuple[str, int]] = []
        stack = [(top, 0) for top in reversed(tops)]
        while stack:
            current, depth = stack.pop()
            order.append((current, depth))
            stack.extend((kid, depth + 1) for kid in reversed(self.children.get(current, ())))
        rows = []
        for index, (current, depth) in enumerate(order):
            following = order[index + 1][1] if index + 1 < len(order) else 0
            opens = index > 0 and depth > order[index - 1][1]
            rows.append(TreeRow(self.places[current], depth, opens, following > depth, max(0, depth - following)))
        return tuple(rows)

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

    def actors_listing(self, event: Event) -> tuple[str, ...]:
        """The actors whose pages list the event (``events_with_members``): every actor it
        mentions, then every body one of them is a member of."""
        return (*event.actor_ids, *self.via_members(event))

    def places_listing(self, event: Event) -> tuple[str, ...]:
        """The places whose pages list the event (``events_at``): its places and every place
        enclosing them, once each, so that a country lists the events in its villages."""
        return tuple(dict.fromkeys(p.id for place_id in event.places for p in self.place_chain(place_id)))

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
