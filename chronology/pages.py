"""Pages: the Chronology becomes page objects (path, title, body HTML), generated in memory.

This module knows nothing of MkDocs: it turns a checked Chronology into ``Page`` objects whose
bodies are rendered through the Jinja templates in ``templates/pages/``. The MkDocs plugin (see
``plugin.py``) hands them to MkDocs as generated files, and MkDocs wraps each body in the theme.
Keeping the engine apart means it can be tested, and benchmarked, without a site build.

Every link between pages is made relative to the page it appears on, so the site works from any
folder, on a file system or behind any URL prefix.
"""

from __future__ import annotations

import string
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path
from types import BuiltinFunctionType, CodeType, FunctionType, MethodType
from typing import TYPE_CHECKING, Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.filters import do_urlencode
from jinja2.runtime import Context
from jinja2.utils import internalcode
from markupsafe import Markup, escape

from chronology import workers
from chronology.axis import build_axis, zoom_axes
from chronology.dates import zone_city
from chronology.diagnostics import count
from chronology.fragments import Fragments, each_of, escaped
from chronology.fragments import tag_title as tag_title  # where the site's other modules have it from
from chronology.json_text import indented
from chronology.links import link_types
from chronology.maps import Maps, degrees
from chronology.model import COUNT_MARKS, DIFFERING_LINKS, Actor, Chronology, Event, Place, Source
from chronology.precision import POINT_WORDS
from chronology.schema import schema
from chronology.text import and_list, first_sentence, markdown_to_text, render_markdown

if TYPE_CHECKING:
    from chronology.exports import Export

#: An actor's kind in words, one and many ("Government body", "Government bodies"), as the actor
#: schema declares them beside the kinds (``x-labels``), in the order the actors' list gives them.
_KIND_LABELS = schema("actor")["properties"]["kind"]["x-labels"]
ACTOR_KIND_NAMES = {kind: one for kind, (one, _) in _KIND_LABELS.items()}
ACTOR_KIND_TITLES = {kind: many for kind, (_, many) in _KIND_LABELS.items()}


def actor_title(actor: Actor) -> str:
    """An actor's page title: its name and its kind, "Belarus (state)", so that it is told from
    the page of a place of the same name, "Belarus (country)" (the kinds of the two never meet)."""
    return f"{actor.name} ({ACTOR_KIND_NAMES[actor.kind].lower()})"


def place_title(place: Place) -> str:
    """A place's page title: its name and its kind, "Belarus (country)" (see ``actor_title``)."""
    return f"{place.name} ({place.kind})"


#: About how many characters of a source's text one page holds; a longer text is cut into parts.
PART_CHARS = 60_000

#: The most events one page lists before its list is split into periods (see ``split_periods``).
#: An event costs a page about 2.3 KB (1 KB in the list, 1.3 KB on the time axis), so that at this
#: many no page passes 500 KB, whatever the size of the chronology.
PAGE_EVENTS = 150


@dataclass(frozen=True)
class Period:
    """A stretch of the chronology with a page of its own: a year, or months of a crowded year."""

    slug: str  # 2022, 2022-01-to-06, 2022-01-to-03, 2022-12, or 2022-month-unknown
    label: str  # 2022, January to June 2022, December 2022, or 2022, month unknown
    events: tuple[Event, ...]


#: How a crowded stretch of months is divided: a year into halves, a half into quarters, a quarter
#: into months. Every stretch's bounds are fixed by the calendar, not by where its events fall, so
#: that a period keeps its name and address until it outgrows its page.
_SMALLER = {12: 6, 6: 3, 3: 1}


def split_periods(events: tuple[Event, ...], limit: int = PAGE_EVENTS) -> list[Period]:
    """``events`` (in order) as periods: a year per period; a year of more than ``limit`` events in
    halves, a half of more in quarters, a quarter of more in months (each only as far as it needs),
    its year-only events a period of their own. Empty when all the events fit on one page."""
    if len(events) <= limit:
        return []
    years: dict[int, list[Event]] = {}
    for event in events:
        years.setdefault(event.date.anchor.year, []).append(event)
    periods: list[Period] = []
    for year, in_year in years.items():
        if len(in_year) <= limit:
            periods.append(Period(str(year), str(year), tuple(in_year)))
            continue
        pieces = [period for first in (1, 7) for period in _months(year, in_year, first, 6, limit)]
        unknown = tuple(event for event in in_year if not event.date.anchor.month)
        if unknown:
            pieces.append(Period(f"{year}-month-unknown", f"{year}, month unknown", unknown))
        # In the order of their first events, as the timeline reads.
        order = {event.id: index for index, event in enumerate(in_year)}
        periods += sorted(pieces, key=lambda period: order[period.events[0].id])
    return periods


def _months(year: int, in_year: Sequence[Event], first: int, length: int, limit: int) -> list[Period]:
    """The periods of the ``length`` months of ``year`` from month ``first``: one, or (when they hold
    more than ``limit`` events) those of their halves or thirds; none when they hold no event."""
    import calendar

    last = first + length - 1
    inside = tuple(event for event in in_year if first <= (event.date.anchor.month or 0) <= last)
    if not inside:
        return []
    if len(inside) > limit and length > 1:
        step = _SMALLER[length]
        return [
            period for start in range(first, last + 1, step) for period in _months(year, inside, start, step, limit)
        ]
    if length == 1:
        return [Period(f"{year}-{first:02d}", f"{calendar.month_name[first]} {year}", inside)]
    return [
        Period(
            f"{year}-{first:02d}-to-{last:02d}",
            f"{calendar.month_name[first]} to {calendar.month_name[last]} {year}",
            inside,
        )
    ]


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


#: The source path of the page that lists the data files.
DATA_PAGE = "data.md"


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


def timeline_period_path(period: Period) -> str:
    """The page source path of a period of the timeline."""
    return f"timeline/{period.slug}.md"


def more_path(path: str) -> Any:
    """For a record's page at ``path``, the function giving the path of each of its periods' pages."""
    folder = path[: -len(".md")]
    return lambda period: f"{folder}/{period.slug}.md"


#: What a template calls that Jinja can call at once: functions and methods, Python's or C's.
_PLAIN_CALLABLES = (FunctionType, MethodType, BuiltinFunctionType)


class _Context(Context):
    """Jinja's context for the page templates, calling a plain function straight away.

    Jinja makes every call in a template through ``Context.call``, which first looks on the
    callee, and on its ``__call__``, for the mark (``jinja_pass_arg``) of a function that wants the
    context, the environment or the evaluation context passed in. The page templates call the
    fragments and the chronology's methods about 800,000 times at 10,000 events, none so marked:
    for a function or a method (whose ``__call__`` carries no mark of its own), the mark is looked
    for once, on the function, and the function called; anything else goes through Jinja's way.
    """

    @internalcode
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not isinstance(__obj, _PLAIN_CALLABLES) or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        if kwargs:  # what Jinja passes for a function that wants the context; this one does not
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja has it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


#: What Jinja's ``urlencode`` writes for each byte of a string's UTF-8 (``urllib.parse.quote``'s
#: rule): an ASCII letter or digit, ``_``, ``.``, ``-``, ``~`` or ``/`` as it is, any other as ``%XX``.
_URL_BYTES = tuple(
    chr(byte) if chr(byte) in string.ascii_letters + string.digits + "_.-~/" else f"%{byte:02X}" for byte in range(256)
)


def url_encoded(value: Any) -> str:
    """Jinja's ``urlencode`` filter, a string's bytes looked up in a table at once rather than one by
    one in Python: each event page's CSL-JSON link carries a few hundred."""
    if value.__class__ is str:
        return value.encode().decode("latin-1").translate(_URL_BYTES)
    return do_urlencode(value)


class _Template(Template):
    """A page template whose output escapes with ``fragments.escaped``.

    A compiled template looks ``escape`` up among its module's globals (those of its render
    functions) for every value it outputs: about 1.2 million at 10,000 events, nearly half of them
    HTML the fragments made, which ``escape`` would copy whole (long lists and maps among them),
    and most of the rest plain words and numbers, which it would make Markup of.
    """

    @classmethod
    def from_code(
        cls,
        environment: Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escaped
        return template


class Renderer:
    """Renders the chronology's pages through the templates in ``templates/pages``."""

    def __init__(
        self,
        chronology: Chronology,
        templates_dir: Path,
        directory_urls: bool = True,
        summary: str = "",
        site_name: str = "",
        site_url: str = "",
        page_events: int = PAGE_EVENTS,
        part_chars: int = PART_CHARS,
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
        self.page_events = page_events
        self.part_chars = part_chars
        self._forget()
        #: The maps of the pages.
        self.maps = Maps(chronology)
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir / "pages")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            # A change to the templates rebuilds the whole site with a new Renderer (see serve.py):
            # no need to look at every template's file again each time a page uses it.
            auto_reload=False,
            undefined=StrictUndefined,  # a misspelt variable is a build error, not an empty string
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.context_class = _Context
        self.env.template_class = _Template
        self.env.filters["markdown"] = lambda text: Markup(render_markdown(text)) if text else ""
        self.env.filters["markdown_inline"] = lambda text: Markup(render_markdown(text, inline=True)) if text else ""
        self.env.filters["first_sentence"] = first_sentence
        self.env.filters["tag_title"] = tag_title
        self.env.filters["and_list"] = and_list  # of plain text: the template escapes what it gives
        self.env.filters["count"] = count
        self.env.filters["filesize"] = file_size
        self.env.filters["number"] = "{:,}".format
        self.env.filters["urlencode"] = url_encoded
        self.env.globals.update(
            chronology=chronology,
            link_types=link_types(),
            differing_links=DIFFERING_LINKS,
            count_marks=COUNT_MARKS,
            actor_kinds=ACTOR_KIND_TITLES,
            actor_kind_names=ACTOR_KIND_NAMES,
            zone_city=zone_city,
            site_name=site_name,
            build_axis=build_axis,
            zoom_axes=zoom_axes,
            quote_path=self.quote_path,
            maps=self.maps,
            degrees=degrees,
            point_words=POINT_WORDS,
            mark_name=self.mark_name,
        )

    def use(self, chronology: Chronology) -> None:
        """Render from ``chronology`` from now on (``serve``'s updates), keeping the compiled templates."""
        self.chronology = chronology
        self._forget()
        self.env.globals["chronology"] = chronology
        self.maps = self.env.globals["maps"] = Maps(chronology)

    def _forget(self) -> None:
        """Drop what was worked out once from the chronology and reused across pages."""
        self._parts: dict[str, list[list[Segment]]] = {}
        self._part_starts: dict[str, list[int]] = {}
        self._fragments: dict[str, Fragments] = {}
        self._summaries: dict[str, Markup] = {}
        self._filters: dict[str, dict[str, str]] = {}
        self._filter_places: list[tuple[Place, int]] | None = None
        self._mark_names: dict[str, Markup] = {}
        self._claim_marks: dict[str, str] = {}
        self._timeline_periods: list[Period] | None = None

    def timeline_periods(self) -> list[Period]:
        """The timeline's periods (empty when it fits on one page): worked out once, for the home
        page, the Data page, the Timeline view and the plugin's Timeline view files alike."""
        if self._timeline_periods is None:
            self._timeline_periods = split_periods(self.chronology.events, self.page_events)
        return self._timeline_periods

    def mark_name(self, event: Event) -> Markup:
        """What a mark on a time axis says of its event after its number: its title and date (an
        event is marked on the axes of many pages)."""
        name = self._mark_names.get(event.id)
        if name is None:
            name = self._mark_names[event.id] = escape(f"{event.title}, {event.date.words()}")
        return name

    def claim_mark(self, event: Event) -> str:
        """In a list of events: the mark of its standing, as its page's banner gives it (see
        Chronology.standing): a claim when no source states the event in its own voice, a
        statement when what its source states is that the statement was made (what it says is its
        speaker's), and "Accounts differ" when they do. An event reported as fact has none. Made
        once for each event, which stands on lists at several depths of the site."""
        marks = self._claim_marks.get(event.id)
        if marks is None:
            standing = self.chronology.standing(event)
            marks = ""
            if standing.only_claimed:
                # Each citation's parties apart, as on the event's page: BelTA, quoted for the
                # missile's landing, is no party to the Defence Ministry's account of the downing.
                accounts = dict.fromkeys(parties for claim in standing.claims for parties in claim.accounts)
                named = [and_list([escaped(self.chronology.actors[a].name) for a in parties]) for parties in accounts]
                # "A and B, and of C"; "A, of B, and of C".
                marks += f'<span class="claim">Claim of {each_of(named, "of")}</span>'
            elif standing.statement:
                # Its speaker is the one its title names; the source's own fact is only that it spoke.
                marks += '<span class="claim statement">Statement: its speaker\'s account</span>'
            if standing.differing:
                marks += '<span class="claim">Accounts differ</span>'
            self._claim_marks[event.id] = marks
        return marks

    def render(self, template: str, path: str, **context: Any) -> str:
        page_url = url_of(path, self.directory_urls)
        return self.env.get_template(template).render(**self._links(page_url), **context)

    def _links(self, page_url: str) -> dict[str, Any]:
        """What the templates make links with, on the page at ``page_url``: ``link`` and the
        fragments (see ``fragments.py``), the same for every page as far from the site's root."""
        up = relative_url("", page_url)  # the way up to the site's root: ./, ../, ../../ ...
        fragments = self._fragments.get(up)
        if fragments is None:

            def link(target_path: str, fragment: str = "") -> str:
                target = url_of(target_path, self.directory_urls) + (f"#{fragment}" if fragment else "")
                return relative_url(target, page_url)

            paths = {"actor": actor_path, "place": place_path, "event": event_path, "source": source_path}
            fragments = Fragments(self.chronology, link, self.summary_html, self.mark_name, self.claim_mark, paths)
            self._fragments[up] = fragments
        return {
            "link": fragments.link,
            "link_file": lambda site_path: relative_url(site_path, page_url),
            "event_path": event_path,
            "actor_path": actor_path,
            "place_path": place_path,
            "source_path": source_path,
            "tag_path": tag_path,
            "source_part_path": source_part_path,
            **fragments.functions(),
        }

    def summary_html(self, event: Event) -> Markup:
        """The first sentence of an event's summary, as HTML (an event stands on many lists)."""
        html = self._summaries.get(event.id)
        if html is None:
            sentence = first_sentence(event.summary)
            html = self._summaries[event.id] = Markup(render_markdown(sentence, inline=True)) if sentence else Markup()
        return html

    # --- pages ---------------------------------------------------------------------------------------

    def jobs(self) -> list[Callable[[], list[Page]]]:
        """How to render every generated page, in a fixed order: ``pages`` runs them one by one,
        ``render_pages`` shares them among the cores. A job renders a record's page with the pages
        of its periods or parts."""
        return [job for job, _ in self.listing_jobs()]

    def listing_jobs(self) -> list[tuple[Callable[[], list[Page]], bool]]:
        """``jobs``, each with whether its pages list events (the timeline's, a record's): those make
        every event's entry on a list, and keep it for the next list (see ``Fragments.entry``)."""
        c = self.chronology
        return [
            (self.timeline, True),
            *((partial(_one, self.event, event), False) for event in c.events),
            (partial(_one, self.index, "actors/index.md", "Actors", "actors", "actors.html"), False),
            *((partial(self.actor, actor), True) for actor in c.actors.values()),
            (partial(_one, self.index, "places/index.md", "Places", "places", "places.html"), False),
            *((partial(self.place, place), True) for place in c.places.values()),
            (partial(_one, self.index, "sources/index.md", "Sources", "sources", "sources.html"), False),
            *((partial(self.source, source), False) for source in c.sources.values()),
            (partial(_one, self.index, "tags/index.md", "Tags", "tags", "tags.html"), False),
            *((partial(self.tag, tag), True) for tag in c.events_by_tag),
            (partial(_one, self.reference), False),
        ]

    def pages(self) -> Iterator[Page]:
        """Every generated page, in a fixed order."""
        for job in self.jobs():
            yield from job()

    def pages_for(self, paths: Collection[str]) -> list[Page]:
        """The generated pages among ``paths``, rendering as few others as it can (a record's own page
        comes with those of its periods asked for). A path no page has is left out."""
        wanted = set(paths)
        c = self.chronology
        out: list[Page] = []
        if "index.md" in wanted or any(path.startswith("timeline/") for path in wanted):
            out += self.timeline(only=wanted)
        indexes = {
            "actors/index.md": ("Actors", "actors", "actors.html"),
            "places/index.md": ("Places", "places", "places.html"),
            "sources/index.md": ("Sources", "sources", "sources.html"),
            "tags/index.md": ("Tags", "tags", "tags.html"),
        }
        records: dict[tuple[str, str], None] = {}
        for path in sorted(wanted):
            if path in indexes:
                out.append(self.index(path, *indexes[path]))
            elif path == "format.md":
                out.append(self.reference())
            else:
                parts = path[: -len(".md")].split("/")
                if len(parts) in (2, 3):
                    records[(parts[0], parts[1])] = None
        for folder, record in records:
            if folder == "events" and record in c.events_by_id:
                out.append(self.event(c.events_by_id[record]))
            elif folder == "actors" and record in c.actors:
                out += self.actor(c.actors[record], only=wanted)
            elif folder == "places" and record in c.places:
                out += self.place(c.places[record], only=wanted)
            elif folder == "sources" and record in c.sources:
                out += self.source(c.sources[record])  # every part: a quote's marks may move between them
            elif folder == "tags" and record in c.events_by_tag:
                out += self.tag(record, only=wanted)
        return [page for page in out if page.path in wanted or page.path.startswith("sources/")]

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

    def data_page(self, exports: list[Export], licence: Mapping[str, str] | None = None) -> Page:
        """The "Data" page: every data file of the site, its size, its format and what reads it, and
        the data's licence (the plugin's ``data_licence``: its ``name``, ``title``, ``path``), or
        that none is declared."""
        path = DATA_PAGE
        split = bool(self.timeline_periods())
        body = self.render("data.html", path, exports=exports, split=split, licence=licence or {})
        return Page(
            path,
            "Data",
            "data",
            body,
            description="The chronology as open data: JSON, CSV tables, feeds, a calendar and a TimelineJS file.",
        )

    def timelinejs_page(self, exports: Sequence[Export] = ()) -> Page:
        """The "Timeline view": the events shown by TimelineJS, served from the site itself; a period
        at a time when the timeline is split into periods, each from its own file
        (``timelinejs.period_files``). ``exports``: the data files, for the size of the whole one."""
        from chronology.exports import timelinejs

        path = "timelinejs.md"
        whole = next((export.size for export in exports if export.path == timelinejs.PATH), None)
        body = self.render(
            "timelinejs.html",
            path,
            periods=self.timeline_periods(),
            period_file=timelinejs.period_path,
            whole_size=whole,
        )
        return Page(
            path,
            "Timeline view",
            "timelinejs",
            body,
            description="Every event of the chronology as a TimelineJS slide.",
        )

    def timeline(self, only: Collection[str] | None = None) -> list[Page]:
        """The home page: every event in order, grouped by year and month, with filters. A chronology
        too long for one page gets a page per period, and the home page lists the periods.
        ``only``: the periods' pages to render (all when None)."""
        c = self.chronology
        periods = self.timeline_periods()
        if not periods:
            return [self.timeline_page("index.md", "Timeline", c.events, periods, None)]
        pages = [
            Page(
                "index.md",
                "Timeline",
                "timeline",
                self.render(
                    "periods.html", "index.md", periods=periods, period_path=timeline_period_path, summary=self.summary
                ),
            )
        ]
        for period in periods:
            path = timeline_period_path(period)
            if only is not None and path not in only:
                continue
            pages.append(self.timeline_page(path, f"Timeline: {period.label}", period.events, periods, period))
        return pages

    def timeline_page(
        self, path: str, title: str, events: tuple[Event, ...], periods: list[Period], period: Period | None
    ) -> Page:
        """A page of the timeline: its events grouped by year and month, with filters for what is on it."""
        # An actor's filter also finds the events of its members (the timeline.js filter matches on them).
        actors = {a for event in events for a in self.event_filters(event)["actors"].split()}
        places = {p for event in events for p in self.chronology.places_listing(event)}
        tags = {t for event in events for t in event.tags}
        body = self.render(
            "timeline.html",
            path,
            title=title,
            events=events,
            groups=group_by_month(events),
            # Each event's number on the page's time axis (``build_axis`` numbers them in this order),
            # for its entry in the list below the axis: one numbering per page.
            numbers={event.id: number for number, event in enumerate(events, 1)},
            periods=periods,
            period=period,
            period_path=timeline_period_path,
            filter_actors=sorted((self.chronology.actors[a] for a in actors), key=lambda a: a.name),
            filter_places=[(place, depth) for place, depth in self.filter_places() if place.id in places],
            filter_tags=[tag for tag in self.chronology.events_by_tag if tag in tags],
            event_filters=self.event_filters,
            summary=self.summary,
        )
        # The home page's description is the site's (mkdocs.yml's site_description).
        description = f"The events of {period.label} in order." if period else ""
        return Page(path, title, "timeline", body, description=description)

    def record_periods(
        self,
        path: str,
        name: str,
        title: str,
        kind: str,
        events: tuple[Event, ...],
        data_file: str | None,
        only: Collection[str] | None = None,
        actor: tuple[str, Sequence[tuple[Event, tuple[str, ...]]]] | None = None,
    ) -> tuple[list[Period], list[Page]]:
        """A record's events as periods, and a page for each (of those in ``only``, if given), when
        there are too many for its page; ``title``: the record's page title, which each period's
        page title begins with. ``actor``: for an actor's, its id and its events each with the members
        it comes through (none for its own), so that each entry says its part or its member, as on
        its page."""
        periods = split_periods(events, self.page_events)
        # One function for every period's page, so that their lists of periods are made once (see
        # Fragments.period_nav).
        paths = more_path(path)
        pages = []
        vias = {event.id: via for event, via in actor[1]} if actor and periods else {}
        for period in periods:
            period_path = paths(period)
            if only is not None and period_path not in only:
                continue
            body = self.render(
                "record_period.html",
                period_path,
                name=name,
                kind=kind,
                record_path=path,
                period=period,
                periods=periods,
                total=len(events),
                period_path=paths,
                actor_id=actor[0] if actor else None,
                vias=vias,
            )
            pages.append(Page(period_path, f"{title}: {period.label}", f"{kind}-period", body, data_file=data_file))
        return periods, pages

    def event_filters(self, event: Event) -> dict[str, str]:
        """The data attributes the timeline's filter matches on: actors (with the bodies they are
        members of), places (with enclosing ones), tags."""
        filters = self._filters.get(event.id)
        if filters is None:
            via = self.chronology.via_members(event)
            filters = {
                "actors": " ".join(self.chronology.actors_listing(event)),
                # body:member, for each body the event belongs to only through a member.
                "via": " ".join(f"{body}:{member}" for body, members in via.items() for member in members),
                # With the places enclosing its own: a filter by a country finds the events in its villages.
                "places": " ".join(self.chronology.places_listing(event)),
                "tags": " ".join(event.tags),
            }
            self._filters[event.id] = filters
        return filters

    def filter_places(self) -> list[tuple[Place, int]]:
        """Places in tree order with their depth, for the place filter (worked out once: every page
        of the timeline and every index has it)."""
        if self._filter_places is None:
            self._filter_places = [(row.place, row.depth) for row in self.chronology.place_tree()]
        return self._filter_places

    def event(self, event: Event) -> Page:
        """An event's page."""
        path = event_path(event.id)
        address = self.address(path)
        description = markdown_to_text(first_sentence(event.summary))
        body = self.render(
            "event.html",
            path,
            event=event,
            when=when_words(event),
            jsonld=self.event_jsonld(event),
            address=address,
            csl=self.csl(event, address, description),
        )
        return Page(path, event.title, "event", body, data_file=event.file, description=description)

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

    def csl(self, event: Event, address: str, abstract: str) -> str:
        """The event as CSL-JSON (the Citation Style Language's data), for reference managers;
        ``abstract``: its first sentence as plain text (the page's description)."""
        item: dict[str, Any] = {
            "id": event.id,
            "type": "webpage",
            "title": event.title,
            "container-title": self.site_name,
            "abstract": abstract,
        }
        if self.site_url:
            item["URL"] = address
        return indented([item], 2)

    def actor(self, actor: Actor, only: Collection[str] | None = None) -> list[Page]:
        """An actor's page (and its periods' pages, when it has too many events for one)."""
        path = actor_path(actor.id)
        entries = self.chronology.events_with_members.get(actor.id, ())
        events = tuple(event for event, _ in entries)
        title = actor_title(actor)
        periods, more = self.record_periods(
            path, actor.name, title, "actor", events, actor.file, only, (actor.id, entries)
        )
        body = self.render(
            "actor.html",
            path,
            actor=actor,
            entries=entries,
            events=events,
            through_members=sum(1 for _, via in entries if via),
            periods=periods,
            period_path=more_path(path),
        )
        what = actor.title or ACTOR_KIND_NAMES[actor.kind].lower()
        description = f"{actor.name} ({what}): {count(len(events), 'event')} of the chronology, each citing its source."
        return [Page(path, title, "actor", body, data_file=actor.file, description=description), *more]

    def place(self, place: Place, only: Collection[str] | None = None) -> list[Page]:
        """A place's page (and its periods' pages, when it has too many events for one)."""
        path = place_path(place.id)
        events = self.chronology.events_at(place.id)
        title = place_title(place)
        periods, more = self.record_periods(path, place.name, title, "place", events, place.file, only)
        body = self.render("place.html", path, place=place, events=events, periods=periods, period_path=more_path(path))
        chain = ", ".join(p.name for p in self.chronology.place_chain(place.id))
        description = (
            f"{chain} ({place.kind}): {count(len(events), 'event')} of the chronology, each citing its source."
        )
        return [Page(path, title, "place", body, data_file=place.file, description=description), *more]

    def source(self, source: Source) -> list[Page]:
        """A source's page: its text with every quoted passage marked and linked. A long text is cut
        into parts (at line breaks outside any quoted passage), each a page."""
        # Numbered within each kind (E1, E2 ...; A1 ...; P1 ...), each in the order it is first
        # quoted, so that a number says what it leads to and "Quoted by" lists each kind from 1 on,
        # across the parts. One run of numbers for all three read as the timeline's, which it is not.
        first_quoted = list(dict.fromkeys((span.kind, span.id) for span in source.spans))
        numbers: dict[tuple[str, str], int] = {}
        for kind in RECORD_KINDS:
            of_kind = [record for record in first_quoted if record[0] == kind]
            numbers.update((record, n) for n, record in enumerate(of_kind, 1))
        order = {record: (RECORD_KINDS.index(record[0]), n) for record, n in numbers.items()}
        parts = self.source_parts(source)
        title = source.title or source.label
        by = f" ({source.publisher})" if source.publisher else ""
        description = f"The text of {title}{by}, verbatim, with every passage the chronology quotes marked."
        pages = []
        for number, segments in enumerate(parts, 1):
            path = source_part_path(source.id, number)
            here = list(dict.fromkeys(r for segment in segments for r in (*segment.quoted_by, *segment.closing)))
            body = self.render(
                "source.html",
                path,
                source=source,
                segments=segments,
                passages=passage_runs(segments),
                records=sorted(here, key=order.__getitem__),
                numbers=numbers,
                part=number,
                parts=len(parts),
            )
            page_title = source_part_title(title, number, len(parts))
            pages.append(Page(path, page_title, "source", body, data_file=source.file, description=description))
        return pages

    def source_parts(self, source: Source) -> list[list[Segment]]:
        """A source's text cut into its pages' runs (see ``split_source``), worked out once: its own
        pages show them, and every event page quoting it links into them."""
        parts = self._parts.get(source.id)
        if parts is None:
            parts = self._parts[source.id] = split_source(source_segments(source), self.part_chars)
        return parts

    def quote_path(self, source_id: str, start: int) -> str:
        """The page of a source (the part of it) where the passage starting at ``start`` stands."""
        starts = self._part_starts.get(source_id)
        if starts is None:
            parts = self.source_parts(self.chronology.sources[source_id])
            starts = self._part_starts[source_id] = [segments[0].start for segments in parts]
        return source_part_path(source_id, bisect_right(starts, start))

    def tag(self, tag: str, only: Collection[str] | None = None) -> list[Page]:
        """A tag's page: its events in order (by period, when there are too many for one page)."""
        path = tag_path(tag)
        events = self.chronology.events_by_tag[tag]
        periods, more = self.record_periods(path, tag_title(tag), tag_title(tag), "tag", events, None, only)
        body = self.render("tag.html", path, tag=tag, events=events, periods=periods, period_path=more_path(path))
        description = f"{tag_title(tag)}: {count(len(events), 'event')} of the chronology, in order."
        return [Page(path, tag_title(tag), "tag", body, description=description), *more]

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
    time = time_words(event)
    return f"{event.date.words()}, {time}" if time else event.date.words()


def time_words(event: Event) -> str | None:
    """The event's local time in words with its zone and the time in UTC ("about 00:15 Minsk time
    (about 21:15 UTC)"); None without a time."""
    if not (event.time and event.timezone):
        return None
    utc = event.time.in_utc(event.date.first_day(), event.timezone)
    return f"{event.time.words()} {zone_city(event.timezone)} ({utc.words()} UTC)"


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


def source_part_path(source_id: str, number: int) -> str:
    """The page source path of a part of a source's text (the first part is the source's page)."""
    return source_path(source_id) if number <= 1 else f"sources/{source_id}/{number}.md"


def source_part_title(title: str, number: int, parts: int) -> str:
    """The title of a part of a source's text (the first part's is the source's)."""
    return title if number <= 1 else f"{title} (part {number} of {parts})"


def split_source(segments: list[Segment], limit: int) -> list[list[Segment]]:
    """A source's runs cut into parts of about ``limit`` characters or more, each cut at the last
    line break of an unquoted run, so that no quoted passage is cut in two."""
    parts: list[list[Segment]] = [[]]
    size = 0
    for segment in segments:
        cut = segment.text.rfind("\n") + 1 if not segment.quoted_by and size + len(segment.text) >= limit else 0
        if 0 < cut < len(segment.text):
            head = Segment(segment.text[:cut], segment.start, segment.start + cut)
            tail = Segment(segment.text[cut:], segment.start + cut, segment.end)
            parts[-1].append(head)
            parts.append([tail])
            size = len(tail.text)
        else:
            parts[-1].append(segment)
            size += len(segment.text)
    return parts


def passage_runs(segments: list[Segment]) -> list[tuple[str, list[int]]]:
    """Each quoted passage of these runs by its anchor (``q{start}-{end}``), with the start of every
    run it spans: where quotes overlap, a passage runs over several. In the order the passages begin."""
    passages = []
    for first, segment in enumerate(segments):
        for anchor in segment.anchors:
            end = int(anchor.rsplit("-", 1)[1])
            # A passage's runs follow one another from its first (a part never cuts a passage).
            runs = []
            for run in segments[first:]:
                if run.end > end:
                    break
                runs.append(run.start)
            passages.append((anchor, runs))
    return passages


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


#: Below this many jobs, starting worker processes costs more than it saves. Measured with whole
#: builds of ``bench/generate.py``'s chronologies: no gain at 150 events (about 230 jobs), 0.07 s
#: of 0.95 at 300 (about 420 jobs), 0.25 s of 2.2 at 1,000.
PARALLEL_FROM = 300
#: The jobs the forked workers share (a worker inherits it; only the share's numbers are sent).
_JOBS: list[Callable[[], list[Page]]] = []


def render_pages(renderer: Renderer, keep: Callable[[Page], Page] | None = None) -> list[Page]:
    """Every generated page, in ``pages``' order, rendered on every core when there are many.

    The pages that list events go to one half of the workers and the others (the events' own
    pages above all) to the other half, each worker rendering every n-th page of its half: an
    event's entry is then made by one worker only, not again by each (at 10,000 events the two
    halves take about the same time). Should a worker fail, the pages are rendered again here, so
    that a template error is reported with its template's file and line as always. ``keep``, when
    given, is applied to each page as soon as it is rendered, in the process that rendered it (the
    plugin writes the body out there, rather than send it back).
    """
    # The pages are made of millions of short-lived objects that hold no cycle (the cycles left are
    # the renderer's own, with its caches, once it is dropped): the cyclic collector's passes over
    # them took about a tenth of the rendering and freed nothing. Forked workers inherit this.
    with workers.collection_paused():
        return _render_pages(renderer, keep)


def _render_pages(renderer: Renderer, keep: Callable[[Page], Page] | None) -> list[Page]:
    global _JOBS
    listing = renderer.listing_jobs()
    jobs = [job for job, _ in listing]
    if keep is not None:
        jobs = [partial(_kept, keep, job) for job in jobs]
    if len(jobs) < PARALLEL_FROM or not workers.can_share():
        return [page for job in jobs for page in job()]
    # Worked out once here, rather than again in each worker: every worker's pages need most of them.
    renderer.maps.draw_outlines()
    for source in renderer.chronology.sources.values():
        renderer.source_parts(source)
    shares = _shares([lists for _, lists in listing], workers.usable_cores())
    _JOBS = jobs
    try:
        rendered = workers.share(_render_share, shares)
    except Exception:
        return [page for job in jobs for page in job()]
    finally:
        _JOBS = []
    pages: list[list[Page]] = [[] for _ in jobs]
    for share, groups in zip(shares, rendered, strict=True):
        for index, group in zip(share, groups, strict=True):
            pages[index] = group
    return [page for group in pages for page in group]


def _shares(lists: list[bool], count: int) -> list[list[int]]:
    """The jobs' indexes for each of ``count`` workers: the jobs that list events for the first half
    of them (at least one), the others for the rest, every n-th of its half to each."""
    listing = [index for index, flag in enumerate(lists) if flag]
    others = [index for index, flag in enumerate(lists) if not flag]
    if count < 2:
        return [listing + others]
    half = count // 2
    return [listing[first::half] for first in range(half)] + [
        others[first :: count - half] for first in range(count - half)
    ]


def _kept(keep: Callable[[Page], Page], job: Callable[[], list[Page]]) -> list[Page]:
    return [keep(page) for page in job()]


def _render_share(share: list[int]) -> list[list[Page]]:
    return [_JOBS[index]() for index in share]


def _one(render: Callable[..., Page], *args: Any) -> list[Page]:
    """A job that renders one page."""
    return [render(*args)]
