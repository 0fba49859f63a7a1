"""Pages: the Chronology becomes page objects (path, title, body HTML), generated in memory.

This module knows nothing of MkDocs: it turns a checked Chronology into ``Page`` objects whose
bodies are rendered through the Jinja templates in ``templates/pages/``. The MkDocs plugin (see
``plugin.py``) hands them to MkDocs as generated files, and MkDocs wraps each body in the theme.
Keeping the engine apart means it can be tested, and benchmarked, without a site build.

Every link between pages is made relative to the page it appears on, so the site works from any
folder, on a file system or behind any URL prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, select_autoescape
from markupsafe import Markup

from chronology import workers
from chronology.axis import build_axis, zoom_axes
from chronology.dates import zone_city
from chronology.diagnostics import count
from chronology.links import link_types
from chronology.model import Actor, Chronology, Event, Place, Source
from chronology.text import first_sentence, markdown_to_text, render_markdown

if TYPE_CHECKING:
    from chronology.exports import Export

ACTOR_KIND_TITLES = {
    "state": "States",
    "government-body": "Government bodies",
    "armed-force": "Armed forces",
    "person": "People",
    "agency": "Agencies",
    "media": "News organisations",
    "organisation": "Organisations",
    "alliance": "Alliances",
}

ACTOR_KIND_NAMES = {
    "state": "State",
    "government-body": "Government body",
    "armed-force": "Armed force",
    "person": "Person",
    "agency": "Agency",
    "media": "News organisation",
    "organisation": "Organisation",
    "alliance": "Alliance",
}


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its title, its body, and the data file it was made from."""

    path: str  # the Markdown source path MkDocs sees, e.g. events/2022-12-29-x.md
    title: str
    kind: str  # timeline, event, actor, place, source, tag, actors, places, sources, tags
    body: str
    data_file: str | None = None  # the YAML file the page was made from, for its edit link
    description: str = ""


#: The kinds of record that quote a source, in the order its page lists them.
RECORD_KINDS = ("event", "actor", "place")


def url_of(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) of a page source path, as MkDocs gives it."""
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, page_url: str) -> str:
    """``target`` (a site-root-relative URL) as a link from the page at ``page_url``.

    Both are URLs MkDocs gives pages (``events/x/``, ``index.html``, ``""``), so the link is the
    way up from the page's folder followed by the target: string work, called for every link of
    every page, rather than ``posixpath.relpath``.
    """
    folder = page_url if page_url.endswith("/") else page_url.rpartition("/")[0] + "/" if "/" in page_url else ""
    relative = "../" * folder.count("/") + target
    if not relative or relative.startswith("#"):
        relative = "./" + relative
    return relative


def file_size(size: int) -> str:
    """A file's size for readers: ``812 bytes``, ``14.2 KB``, ``3.1 MB`` (decimal units, as browsers show them)."""
    if size < 1000:
        return f"{size} byte{'s' if size != 1 else ''}"
    for unit in ("KB", "MB", "GB"):
        size_in = size / 1000 ** ("KMG".index(unit[0]) + 1)
        if size_in < 1000 or unit == "GB":
            return f"{size_in:.1f} {unit}"
    raise AssertionError("unreachable")


def template_error(exc: TemplateError) -> str:
    """A template error as one located line, for the person editing the templates."""
    if isinstance(exc, TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}"
    import traceback

    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".html"):
            return f"{frame.filename}:{frame.lineno}: template error: {exc}"
    return f"template error: {exc}"


def event_path(event_id: str) -> str:
    """The page source path of an event."""
    return f"events/{event_id}.md"


def actor_path(actor_id: str) -> str:
    """The page source path of an actor."""
    return f"actors/{actor_id}.md"


def place_path(place_id: str) -> str:
    """The page source path of a place."""
    return f"places/{place_id}.md"


def source_path(source_id: str) -> str:
    """The page source path of a source."""
    return f"sources/{source_id}.md"


def tag_path(tag: str) -> str:
    """The page source path of a tag."""
    return f"tags/{tag}.md"


def tag_title(tag: str) -> str:
    """A tag as a heading: ``air-defence`` is ``Air defence``."""
    return tag.replace("-", " ").capitalize()


class Renderer:
    """Renders the chronology's pages through the templates in ``templates/pages``."""

    def __init__(
        self,
        chronology: Chronology,
        templates_dir: Path,
        directory_urls: bool = True,
        root: Path | None = None,
        summary: str = "",
        site_name: str = "",
        site_url: str = "",
    ) -> None:
        self.chronology = chronology
        #: The site's name, for citations.
        self.site_name = site_name
        #: What the chronology is about, in a few sentences: the home page opens with it.
        self.summary = summary
        self.directory_urls = directory_urls
        #: The published address with a trailing slash ("" when unknown): JSON-LD's ids are absolute
        #: when it is known, relative to the page otherwise.
        self.site_url = site_url
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir / "pages")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,  # a misspelt variable is a build error, not an empty string
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["markdown"] = lambda text: Markup(render_markdown(text)) if text else ""
        self.env.filters["markdown_inline"] = lambda text: Markup(render_markdown(text, inline=True)) if text else ""
        self.env.filters["first_sentence"] = first_sentence
        self.env.filters["tag_title"] = tag_title
        self.env.filters["count"] = count
        self.env.filters["filesize"] = file_size
        self.env.globals.update(
            chronology=chronology,
            link_types=link_types(),
            actor_kinds=ACTOR_KIND_TITLES,
            actor_kind_names=ACTOR_KIND_NAMES,
            zone_city=zone_city,
            site_name=site_name,
            build_axis=build_axis,
            zoom_axes=zoom_axes,
            event_places=self.event_places,
        )

    def render(self, template: str, path: str, **context: Any) -> str:
        page_url = url_of(path, self.directory_urls)

        def link(target_path: str, fragment: str = "") -> str:
            target = url_of(target_path, self.directory_urls) + (f"#{fragment}" if fragment else "")
            return relative_url(target, page_url)

        def link_file(site_path: str) -> str:
            return relative_url(site_path, page_url)

        return self.env.get_template(template).render(
            link=link,
            link_file=link_file,
            event_path=event_path,
            actor_path=actor_path,
            place_path=place_path,
            source_path=source_path,
            tag_path=tag_path,
            **context,
        )

    # --- pages ---------------------------------------------------------------------------------------

    def jobs(self) -> list[Callable[[], Page]]:
        """How to render every generated page, in a fixed order: ``pages`` runs them one by one,
        ``render_pages`` shares them among the cores."""
        c = self.chronology
        return [
            self.timeline,
            *(partial(self.event, event) for event in c.events),
            partial(self.index, "actors/index.md", "Actors", "actors", "actors.html"),
            *(partial(self.actor, actor) for actor in c.actors.values()),
            partial(self.index, "places/index.md", "Places", "places", "places.html"),
            *(partial(self.place, place) for place in c.places.values()),
            partial(self.index, "sources/index.md", "Sources", "sources", "sources.html"),
            *(partial(self.source, source) for source in c.sources.values()),
            partial(self.index, "tags/index.md", "Tags", "tags", "tags.html"),
            *(partial(self.tag, tag) for tag in c.events_by_tag),
            self.reference,
        ]

    def pages(self) -> Iterator[Page]:
        """Every generated page, in a fixed order."""
        for job in self.jobs():
            yield job()

    def reference(self) -> Page:
        """The data format, generated from the JSON Schemas."""
        from chronology.reference import kinds

        path = "format.md"
        body = self.render("reference.html", path, kinds=kinds())
        return Page(
            path,
            "Data format",
            "reference",
            body,
            description="The fields of every kind of data file, from the JSON Schemas.",
        )

    def data_page(self, exports: list[Export]) -> Page:
        """The "Data" page: every data file of the site, its size, its format and what reads it."""
        path = "data.md"
        body = self.render("data.html", path, exports=exports)
        return Page(
            path,
            "Data",
            "data",
            body,
            description="The chronology as open data: JSON, CSV tables, feeds, a calendar and a TimelineJS file.",
        )

    def timelinejs_page(self) -> Page:
        """The "Timeline view": the events shown by TimelineJS, served from the site itself."""
        path = "timelinejs.md"
        return Page(
            path,
            "Timeline view",
            "timelinejs",
            self.render("timelinejs.html", path),
            description="Every event of the chronology as a TimelineJS slide.",
        )

    def timeline(self) -> Page:
        """The home page: every event in order, grouped by year and month, with filters."""
        groups = group_by_month(self.chronology.events)
        body = self.render(
            "timeline.html",
            "index.md",
            groups=groups,
            summary=self.summary,
            filter_places=self.filter_places(),
            event_filters=self.event_filters,
        )
        # The home page's description is the site's (mkdocs.yml's site_description).
        return Page("index.md", "Timeline", "timeline", body)

    def event_places(self, event: Event) -> list[str]:
        """The event's places and every place enclosing them, once each: a filter by a country
        finds the events in its villages."""
        places: dict[str, None] = {}
        for place_id in event.places:
            places.update(dict.fromkeys(p.id for p in self.chronology.place_chain(place_id)))
        return list(places)

    def event_filters(self, event: Event) -> dict[str, str]:
        """The data attributes the timeline's filter matches on: actors (with the bodies they are
        members of), places (with enclosing ones), tags."""
        via = self.chronology.via_members(event)
        return {
            "actors": " ".join([*event.actor_ids, *via]),
            # body:member, for each body the event belongs to only through a member.
            "via": " ".join(f"{body}:{member}" for body, members in via.items() for member in members),
            "places": " ".join(self.event_places(event)),
            "tags": " ".join(event.tags),
        }

    def filter_places(self) -> list[tuple[Place, int]]:
        """Places in tree order with their depth, for the place filter."""
        return [(row.place, row.depth) for row in self.chronology.place_tree()]

    def event(self, event: Event) -> Page:
        """An event's page."""
        path = event_path(event.id)
        address = self.address(path)
        body = self.render(
            "event.html",
            path,
            event=event,
            when=when_words(event),
            jsonld=self.event_jsonld(event),
            address=address,
            csl=self.csl(event, address),
        )
        return Page(
            path,
            event.title,
            "event",
            body,
            data_file=event.file,
            description=markdown_to_text(first_sentence(event.summary)),
        )

    def event_jsonld(self, event: Event) -> Markup:
        """The event's schema.org JSON-LD, ready for its page's ``<script type="application/ld+json">``."""
        from chronology.exports.jsonld import event_jsonld, script_json

        page_url = url_of(event_path(event.id), self.directory_urls)
        paths = {"event": event_path, "actor": actor_path, "place": place_path, "source": source_path}

        def url(kind: str, record_id: str) -> str:
            target = url_of(paths[kind](record_id), self.directory_urls)
            return self.site_url + target if self.site_url else relative_url(target, page_url)

        return Markup(script_json(event_jsonld(self.chronology, event, url)))

    def address(self, path: str) -> str:
        """A page's permanent address: absolute when the site knows where it is published, else
        relative to the site's root."""
        url = url_of(path, self.directory_urls)
        return self.site_url.rstrip("/") + "/" + url if self.site_url else url

    def csl(self, event: Event, address: str) -> str:
        """The event as CSL-JSON (the Citation Style Language's data), for reference managers."""
        import json

        item: dict[str, Any] = {
            "id": event.id,
            "type": "webpage",
            "title": event.title,
            "container-title": self.site_name,
            "abstract": markdown_to_text(first_sentence(event.summary)),
        }
        if self.site_url:
            item["URL"] = address
        return json.dumps([item], ensure_ascii=False, indent=2)

    def actor(self, actor: Actor) -> Page:
        """An actor's page."""
        path = actor_path(actor.id)
        body = self.render("actor.html", path, actor=actor)
        events = count(len(self.chronology.events_with_members.get(actor.id, ())), "event")
        what = actor.title or ACTOR_KIND_NAMES[actor.kind].lower()
        description = f"{actor.name} ({what}): {events} of the chronology, each citing its source."
        return Page(path, actor.name, "actor", body, data_file=actor.file, description=description)

    def place(self, place: Place) -> Page:
        """A place's page."""
        path = place_path(place.id)
        body = self.render("place.html", path, place=place)
        chain = ", ".join(p.name for p in self.chronology.place_chain(place.id))
        events = count(len(self.chronology.events_at(place.id)), "event")
        description = f"{chain} ({place.kind}): {events} of the chronology, each citing its source."
        return Page(path, place.name, "place", body, data_file=place.file, description=description)

    def source(self, source: Source) -> Page:
        """A source's page: its text with every quoted passage marked and linked."""
        path = source_path(source.id)
        # Numbered by kind (events, then actors, then places), each in the order it is first quoted,
        # so that "Quoted by" lists them in groups whose numbers run on.
        first_quoted = list(dict.fromkeys((span.kind, span.id) for span in source.spans))
        records = sorted(first_quoted, key=lambda record: RECORD_KINDS.index(record[0]))
        body = self.render("source.html", path, source=source, segments=source_segments(source), records=records)
        by = f" ({source.publisher})" if source.publisher else ""
        name = source.title or source.label
        description = f"The text of {name}{by}, verbatim, with every passage the chronology quotes marked."
        return Page(path, source.title or source.label, "source", body, data_file=source.file, description=description)

    def tag(self, tag: str) -> Page:
        """A tag's page: its events in order."""
        path = tag_path(tag)
        body = self.render("tag.html", path, tag=tag, events=self.chronology.events_by_tag[tag])
        events = count(len(self.chronology.events_by_tag[tag]), "event")
        return Page(
            path, tag_title(tag), "tag", body, description=f"{tag_title(tag)}: {events} of the chronology, in order."
        )

    def index(self, path: str, title: str, kind: str, template: str) -> Page:
        """An index page of actors, places, sources or tags."""
        return Page(path, title, kind, self.render(template, path, filter_places=self.filter_places()))


def group_by_month(events: tuple[Event, ...]) -> list[tuple[int, list[tuple[str, list[Event]]]]]:
    """Events grouped by year, then by month (a year-only event goes under 'Month unknown')."""
    import calendar

    years: dict[int, dict[str, list[Event]]] = {}
    for event in events:
        anchor = event.date.anchor
        month = (
            f"{calendar.month_name[anchor.month]} {anchor.year}" if anchor.month else f"{anchor.year}, month unknown"
        )
        years.setdefault(anchor.year, {}).setdefault(month, []).append(event)
    return [(year, list(months.items())) for year, months in years.items()]


def when_words(event: Event) -> str:
    """The event's date in words, with its local time and the time in UTC when known."""
    words = event.date.words()
    if event.time and event.timezone:
        day = event.date.first_day()
        utc = event.time.in_utc(day, event.timezone)
        words += f", {event.time.words()} {zone_city(event.timezone)} ({utc.words()} UTC)"
    return words


@dataclass(frozen=True)
class Segment:
    """A run of a source's text: plain, or quoted by the listed records."""

    text: str
    start: int
    end: int
    quoted_by: tuple[tuple[str, str], ...] = ()  # (kind, id)
    #: The anchors of the quotes that begin with this run: ``q{start}-{end}``, as links name them.
    anchors: tuple[str, ...] = ()
    closing: tuple[tuple[str, str], ...] = ()  # records whose quote ends with this run


def source_segments(source: Source) -> list[Segment]:
    """Split a source's text at every quote boundary, so each run knows which records quote it.

    A sweep over the sorted boundaries keeps this near-linear in the number of quotes.
    """
    changes: dict[int, list[tuple[int, tuple[str, str]]]] = {}
    anchors: dict[int, set[int]] = {}
    for span in source.spans:
        anchors.setdefault(span.start, set()).add(span.end)
        changes.setdefault(span.start, []).append((1, (span.kind, span.id)))
        changes.setdefault(span.end, []).append((-1, (span.kind, span.id)))
    points = sorted({0, len(source.text), *changes})
    active: dict[tuple[str, str], int] = {}
    segments: list[Segment] = []
    for start, end in pairwise(points):
        for delta, key in changes.get(start, []):
            active[key] = active.get(key, 0) + delta
            if active[key] == 0:
                del active[key]
        quoted = tuple(sorted(active))
        closing = tuple(sorted({key for delta, key in changes.get(end, []) if delta < 0} & set(active)))
        names = tuple(f"q{start}-{stop}" for stop in sorted(anchors.get(start, ())))
        segments.append(Segment(source.text[start:end], start, end, quoted, names, closing))
    return segments


#: Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000
#: The jobs the forked workers share (a worker inherits it; only the share's numbers are sent).
_JOBS: list[Callable[[], Page]] = []


def render_pages(renderer: Renderer) -> list[Page]:
    """Every generated page, in ``pages``' order, rendered on every core when there are many.

    Each worker renders every n-th page, so that the long pages (the timeline, the busiest
    actors and places) are spread among them. Should a worker fail, the pages are rendered again
    here, so that a template error is reported with its template's file and line as always.
    """
    global _JOBS
    jobs = renderer.jobs()
    if len(jobs) < PARALLEL_FROM or not workers.can_share():
        return [job() for job in jobs]
    count = workers.usable_cores()
    _JOBS = jobs
    try:
        shares = workers.share(_render_share, [(first, count) for first in range(count)])
    except Exception:
        return [job() for job in jobs]
    finally:
        _JOBS = []
    pages: list[Page | None] = [None] * len(jobs)
    for first, rendered in enumerate(shares):
        pages[first::count] = rendered
    return [page for page in pages if page is not None]


def _render_share(share: tuple[int, int]) -> list[Page]:
    first, step = share
    return [job() for job in _JOBS[first::step]]
