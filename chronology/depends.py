"""Depends: which generated pages show something of what changed between two checks of the chronology.

``serve`` uses it to render again only those pages after an edit. An event added or removed is
such an edit: its own page is among those named (to be written, or taken out of the site). A change
that reaches the rest of the site's structure (an actor, place or source changed, added or
removed, a list split into other periods) answers None: that needs a whole build.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from chronology.model import Chronology, Event, Source
from chronology.pages import (
    Period,
    actor_path,
    event_path,
    place_path,
    source_path,
    split_periods,
    tag_path,
    timeline_period_path,
)


def _source_itself(source: Source) -> Source:
    """A source without what the events' quotes make of it (its marked passages and coverage)."""
    return replace(source, spans=(), coverage_percent=0, sentences=0, uncovered_sentences=())


def _shape(periods: list[Period]) -> list[tuple[str, int]]:
    return [(p.slug, len(p.events)) for p in periods]


def _period_pages(
    folder_path: str | None, old: tuple[Event, ...], new: tuple[Event, ...], changed: set[str], limit: int
) -> tuple[set[str], bool] | None:
    """The period pages (of the timeline when ``folder_path`` is None, else of a record's page) that list
    a changed event, every period page when the periods' sizes changed (each page lists them all),
    and whether they did; None when the list is split into other periods."""
    before, after = split_periods(old, limit), split_periods(new, limit)
    if [p.slug for p in before] != [p.slug for p in after]:
        return None

    def path(period: Period) -> str:
        if folder_path is None:
            return timeline_period_path(period)
        return f"{folder_path[: -len('.md')]}/{period.slug}.md"

    if _shape(before) != _shape(after):
        return {path(p) for p in after}, True
    pages = {path(p) for periods in (before, after) for p in periods if any(e.id in changed for e in p.events)}
    return pages, False


def _with_members(chronology: Chronology, actor_id: str) -> tuple[Event, ...]:
    return tuple(event for event, _ in chronology.events_with_members.get(actor_id, ()))


def _indexes(old: Chronology, new: Chronology, changed: set[str]) -> set[str]:
    """The index pages whose lists or counts differ: the number of events of each actor (with its
    members') and of each place (with the places within it) follows from the events' actors and
    places; the tags are listed in the order they first appear, with their counts; the sources
    with the share of their text quoted."""
    pages = set()
    before = [old.events_by_id.get(key) for key in changed]  # None: an event added, or removed
    after = [new.events_by_id.get(key) for key in changed]
    if [e and set(e.actor_ids) for e in before] != [e and set(e.actor_ids) for e in after]:
        pages.add("actors/index.md")
    if [e and set(e.places) for e in before] != [e and set(e.places) for e in after]:
        pages.add("places/index.md")
    if [(t, len(e)) for t, e in old.events_by_tag.items()] != [(t, len(e)) for t, e in new.events_by_tag.items()]:
        pages.add("tags/index.md")
    if any(old.sources[k].coverage_percent != source.coverage_percent for k, source in new.sources.items()):
        pages.add("sources/index.md")
    return pages


def dependents(old: Chronology, new: Chronology, limit: int, edited: Collection[str] | None = None) -> set[str] | None:
    """The page paths (as ``pages.py`` names them) to render again to go from ``old`` to ``new``,
    among them the page of each event added or removed; None when only a whole build will do.
    ``edited``: the ids of the events whose files changed, when only event files did (an event is
    made from its own file and the sources, so no other event can differ); None to compare every
    event."""
    if (
        old.actors != new.actors
        or old.places != new.places
        or old.sources.keys() != new.sources.keys()
        or any(_source_itself(old.sources[k]) != _source_itself(new.sources[k]) for k in old.sources)
    ):
        return None
    # The events added or removed, whether or not ``edited`` names them.
    changed = old.events_by_id.keys() ^ new.events_by_id.keys()
    candidates = new.events_by_id.keys() if edited is None else [k for k in edited if k in new.events_by_id]
    changed |= {key for key in candidates if old.events_by_id.get(key) != new.events_by_id[key]}
    if not changed:
        return set()
    pages = _indexes(old, new, changed)
    actors: set[str] = set()
    places: set[str] = set()
    tags: set[str] = set()
    for key in changed:
        pages.add(event_path(key))
        for chronology in (old, new):
            event = chronology.events_by_id.get(key)
            if event is None:  # added, or removed: what it shows is in the other chronology
                continue
            # Its neighbours name it in their "previous / next" links.
            for other in (chronology.previous_event(event), chronology.next_event(event)):
                if other is not None:
                    pages.add(event_path(other.id))
            # Related events name it, both ways.
            pages.update(event_path(r.target) for r in event.related)
            pages.update(event_path(r.source) for r in chronology.incoming.get(key, ()))
            pages.update(source_path(c.seed) for c in event.sources)
            # An actor's page lists its members' events too.
            actors.update(b for a in event.actor_ids for b in (a, *chronology.bodies_of(a)))
            places.update(p.id for place in event.places for p in chronology.place_chain(place))
            tags.update(event.tags)
    timeline = _period_pages(None, old.events, new.events, changed, limit)
    if timeline is None:
        return None
    periods, resized = timeline
    pages |= periods
    # The home page is the whole timeline, or (when it has periods) lists them with their sizes.
    if resized or not periods:
        pages.add("index.md")
    records: Iterable[tuple[str, tuple[Event, ...], tuple[Event, ...]]] = [
        *((actor_path(a), _with_members(old, a), _with_members(new, a)) for a in actors),
        *((place_path(p), old.events_at(p), new.events_at(p)) for p in places),
        *((tag_path(t), old.events_by_tag.get(t, ()), new.events_by_tag.get(t, ())) for t in tags),
    ]
    for path, before, after in records:
        pages.add(path)
        found = _period_pages(path, before, after, changed, limit)
        if found is None:
            return None
        pages |= found[0]
    return pages
