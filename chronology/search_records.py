"""Search records: what the search index holds of each event, actor, place, source and tag.

Made from the checked chronology, not from the built pages, so that Pagefind can index them while
the pages are still being rendered (``chronology/search.py``). A record holds the words a reader
searches for (titles, summaries, descriptions, the quoted passages, the text of a source that no
event quotes), its metadata (``meta``: the title, kind and date a result shows, and the names in
every spelling, searched but not shown: see "Ranking" below), the filters
(kind, actor, place, tag) and the sort key (date). Only an event has actors, places and tags to
filter by: those whose pages list it, so that the count beside a filter's value is the number of
events its page lists. The lists of events on an actor's, place's or tag's page are not part of
its record: each event is found by its own record, and the list would only make every actor,
place and tag match the words of all its events. For the same reason a passage an event quotes
is in that event's record only (see ``unquoted``).

Ranking. Pagefind (1.5) ranks a result by its text (BM25: how often the query's words occur in it,
against its length) plus, for each field of its metadata that the words are found in, that field's
weight times the words' rarity (``metaWeights``, set by ``templates/assets/search.js``: title 5,
Pagefind's default). A reader who types a name expects its page first, so:

* an actor's or place's names, every spelling, are the metadata field ``names`` (weight 20), which
  the search reads and no result shows; its text is what it is (description, kind, role, what it
  is part of), so that the excerpt under a result says that rather than list aliases;
* an event's actors' and places' names and aliases are its field ``about`` (weight 1): the event
  is found by any of them without rising above their own pages, and its excerpt is its own words.

Pagefind finds a word by its beginning and counts each form it finds on its own: "Belarus" is found
twice in "Belarus's" (the word and its part before the apostrophe) and once in "Belarusian", so
"Belarus's foreign ministry" outranks Belarus itself whatever the weights. The search page therefore
puts first, among the first results it shows in order of relevance, those whose title or one of
whose ``names`` is the query, whole. It matches nothing else: a misspelt word ("Gorbaha") finds
nothing, as Pagefind matches no word by its likeness, and the page says to try the first letters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from chronology.dates import EventDate
from chronology.model import Alias, Chronology, Event, Source
from chronology.pages import (
    ACTOR_KIND_NAMES,
    PART_CHARS,
    actor_path,
    event_path,
    place_path,
    source_part_path,
    source_part_title,
    source_segments,
    split_source,
    tag_path,
    tag_title,
)
from chronology.text import markdown_to_text


@dataclass(frozen=True)
class Record:
    """One search result: its address in the site, text, shown facts, filters and sort key."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def page_url(path: str, directory_urls: bool = True) -> str:
    """The address, from the site's root, of the page made from ``path`` (``events/x.md``)."""
    stem = path.removesuffix(".md")
    return f"/{stem}/" if directory_urls else f"/{stem}.html"


def _names(*groups: Iterable[str]) -> str:
    """Names for a searched field of a record's metadata, each once, in order."""
    return "; ".join(dict.fromkeys(name for group in groups for name in group))


def _own_names(name: str, aliases: tuple[Alias, ...]) -> str:
    return _names([name, *(alias.name for alias in aliases)])


def _text(*parts: str | None) -> str:
    """The parts that are there, each ending a sentence."""
    return " ".join(part if part.endswith((".", "!", "?", "…")) else part + "." for part in parts if part)


def _dated(kind: str, title: str, date: EventDate | None, position: int = 0) -> tuple[dict[str, str], dict[str, str]]:
    meta = {"title": title, "kind": kind}
    if date is None:
        return meta, {}
    return {**meta, "date": date.words()}, {"date": sortable(date, position)}


def sortable(date: EventDate, position: int = 0) -> str:
    """A date's place in the chronology's order (``EventDate.sort_key``), then an event's place in
    the timeline among those of its date (``position``: links, time, title and id decide it), as
    text that sorts so, in numbers of one width: the index sorts its keys as text. (A date's ISO
    form would not: '2022-12', the start of 'one day of 29 to 31 December', sorts before
    '2022-12-29', which the timeline puts first.)"""
    return ".".join(f"{part:07d}" for part in (*date.sort_key(), position))


def event_record(chronology: Chronology, event: Event, directory_urls: bool = True) -> Record:
    """An event: its title, summary, the names of its actors and places in every spelling, its
    tags and the passages its sources are quoted for."""
    actors = [chronology.actors[a] for a in event.actor_ids]
    tags = [tag_title(t) for t in event.tags]
    places = [chronology.places[pid] for pid in event.places]
    content = _text(
        event.title,
        markdown_to_text(event.summary),
        *tags,
        *(quote for citation in event.sources for quote in citation.quotes),
    )
    meta, sort = _dated("Event", event.title, event.date, chronology.position[event.id])
    names = [(a.name, a.aliases) for a in actors] + [(p.name, p.aliases) for p in places]
    meta["about"] = _names(*((name, *(alias.name for alias in aliases)) for name, aliases in names))
    # Filtered by the actors and places whose pages list the event, as those pages count it.
    filters = {
        "kind": ["Event"],
        "actor": [chronology.actors[a].name for a in chronology.actors_listing(event)],
        "place": [chronology.places[p].name for p in chronology.places_listing(event)],
        "tag": tags,
    }
    return Record(page_url(event_path(event.id), directory_urls), content, meta, filters, sort)


def unquoted(source: Source, start: int = 0, end: int | None = None) -> str:
    """The runs of a source's text (from ``start`` to ``end``: a part of it) that no event quotes,
    joined by an ellipsis.

    Each quoted passage is in the record of every event that quotes it, whose page links to the
    passage in the source: in the source's record too it would be indexed, stored and compressed
    twice (at 10,000 generated events over half of the sources' text is quoted), and every query
    matching it would list the source beside the events and make the reader fetch more of the index.
    Every word of a source is still found: a quoted one through its events, the rest here."""
    return next(unquoted_parts(source, [(start, len(source.text) if end is None else end)]))


def unquoted_parts(source: Source, bounds: Sequence[tuple[int, int]]) -> Iterator[str]:
    """``unquoted`` for each of the parts ``bounds`` gives, in order, in one pass over the quotes
    (a long source has thousands, and tens of parts)."""
    spans = sorted((span.start, span.end) for span in source.spans if span.kind == "event")
    at = i = 0
    for start, end in bounds:
        runs: list[str] = []
        at = max(at, start)  # a quote that runs on from the part before covers this one's start
        while i < len(spans) and spans[i][0] < end:
            first, last = spans[i]
            if first > at:
                runs.append(source.text[at:first])
            at = max(at, last)
            i += 1
        if at < end:
            runs.append(source.text[at:end])
        yield " … ".join(run.strip() for run in runs if any(c.isalnum() for c in run))


def records(chronology: Chronology, directory_urls: bool = True, part_chars: int = PART_CHARS) -> Iterator[Record]:
    """Every record of the chronology: events in the chronology's order, then actors, places,
    sources and tags, each by its id. A source long enough for its text to be cut into pages
    (``part_chars``, as the pages are cut) has a record for each, holding that page's words, so
    that a result opens the page where its words are."""
    for event in chronology.events:
        yield event_record(chronology, event, directory_urls)
    for actor_id in sorted(chronology.actors):
        actor = chronology.actors[actor_id]
        content = _text(
            markdown_to_text(actor.description) if actor.description else None,
            ACTOR_KIND_NAMES.get(actor.kind, actor.kind),
            actor.title,
            *(chronology.actors[a].name for a in actor.member_of if a in chronology.actors),
        )
        yield Record(
            page_url(actor_path(actor_id), directory_urls),
            content,
            {"title": actor.name, "kind": "Actor", "names": _own_names(actor.name, actor.aliases)},
            {"kind": ["Actor"]},
        )
    for place_id in sorted(chronology.places):
        place = chronology.places[place_id]
        chain = chronology.place_chain(place_id)
        content = _text(
            markdown_to_text(place.description) if place.description else None,
            place.kind.capitalize(),
            *(p.name for p in chain[1:]),
        )
        yield Record(
            page_url(place_path(place_id), directory_urls),
            content,
            {"title": place.name, "kind": "Place", "names": _own_names(place.name, place.aliases)},
            {"kind": ["Place"]},
        )
    for source_id in sorted(chronology.sources):
        source = chronology.sources[source_id]
        title = source.title or source.label
        notes = markdown_to_text(source.notes) if source.notes else None
        parts = split_source(source_segments(source), part_chars)
        bounds = [(segments[0].start, segments[-1].end) if segments else (0, len(source.text)) for segments in parts]
        for number, words in enumerate(unquoted_parts(source, bounds), 1):
            part_title = source_part_title(title, number, len(parts))
            meta, sort = _dated("Source", part_title, source.published)
            about = (title, source.publisher, notes) if number == 1 else (part_title,)
            content = _text(*about, words)
            url = page_url(source_part_path(source_id, number), directory_urls)
            yield Record(url, content, meta, {"kind": ["Source"]}, sort)
    for tag in sorted(chronology.events_by_tag):
        yield Record(
            page_url(tag_path(tag), directory_urls),
            _text(tag_title(tag)),
            {"title": tag_title(tag), "kind": "Tag"},
            {"kind": ["Tag"]},
        )
