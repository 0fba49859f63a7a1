"""Fragments: the small pieces of HTML that pages repeat by the hundred thousand, made in Python.

A link to an actor, a place, an event or a source, an event's date, an event's entry on a list, the
marks of a time axis, a map and the list of a record's periods stand on almost every page, many
times: at 10,000 events they are made hundreds of thousands of times. As Jinja macros each cost a
macro call and a template call per value in it; here each is one Python call, and what is the same
on every page at one depth (a link goes up the same number of folders from each) is made once and
reused. Every page template has them by name (``Fragments.functions``), beside ``link``.

Every value from the data is escaped here, as Jinja's autoescape escapes it in the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from chronology.dates import zone_city
from chronology.maps import hit_boxes
from chronology.text import and_list, render_markdown

if TYPE_CHECKING:
    from chronology.axis import Axis, Tick
    from chronology.maps import Map
    from chronology.model import Alias, Chronology, Event
    from chronology.pages import Period


#: An axis of more lanes than these (about 14 rem) is labelled above as well: on a laptop's first
#: screen, below a page's heading and the axis' caption, the labels beneath it are out of sight.
TALL_LANES = 8


def escaped(value: Any) -> str:
    """``value`` as ``escape`` writes it, in less work: HTML already made (``Markup``) as it is, where
    ``escape`` would copy it; a string with nothing to escape (most of them) and a whole number as
    they are, where ``escape`` would make Markup of them; anything else escaped. For text joined into
    HTML (the fragments' own, a template's output), which is taken as HTML whether Markup or not."""
    kind = value.__class__
    if kind is Markup:
        return value  # type: ignore[no-any-return]
    if kind is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return escape(value)
        return value  # type: ignore[no-any-return]
    if kind is int:
        return int.__repr__(value)
    return escape(value)


def each_of(named: Sequence[str], word: str) -> str:
    """Parties' accounts (HTML already), each kept apart by ``word``: with "one of", ``A``, ``A, and
    one of B``, ``A, one of B, and one of C``; the comma keeps a party's own "and" (``A and B``)
    apart from the list's."""
    if len(named) < 2:
        return "".join(named)
    return f"{f', {word} '.join(named[:-1])}, and {word} {named[-1]}"


def link_notes(notes: Iterable[str | None]) -> Markup:
    """A link's notes (``Relation.note``: what of the other event it concerns, or how far it goes), as
    HTML to follow the other event where a page names it under the link: each after a dash, as
    its schema's description says it is written to read; nothing for a link without one."""
    return Markup("".join(f' <span class="link-note">— {escaped(note)}</span>' for note in notes if note))


def standing_lead(
    chronology: Chronology,
    event: Event,
    source_link: Callable[[str], str],
    actor_names: Callable[[Sequence[str]], str],
) -> Markup:
    """What an event's page leads with of its standing (``Chronology.standing``), as HTML: whose
    claim it is and who reports it, or that a source reports it as fact, or as a statement made
    (what it says being its speaker's). The event's page and the Timeline view's slide say the same
    words, each with its own links (``source_link`` by source id, ``actor_names`` of parties)."""
    standing = chronology.standing(event)

    def claim_of(accounts: Sequence[Sequence[str]]) -> str:
        # Each citation's parties kept apart: "A and B, and one of C"; "A, one of B, and one of C".
        return each_of([actor_names(parties) for parties in accounts], "one of")

    if standing.only_claimed:
        return Markup(
            "<strong>A party's claim.</strong>"
            + "".join(
                f" A claim of {claim_of(claim.accounts)}, reported by {source_link(claim.seed)}."
                for claim in standing.claims
            )
        )
    # A statement's source reports as fact that it was made; what it says stays its speaker's ("A
    # statement, reported by S", as a claim is "A claim of X, reported by S": never "a statement by
    # S", which would make the source its speaker). A source that states an event in its own voice
    # and also gives it (or part of it) as a party's "also" reports it so, and is not named again
    # as if a second source: which part is which, the event's citations say.
    lead = "<strong>A statement,</strong> reported" if standing.statement else "<strong>Reported as fact</strong>"
    lead += f" by {and_list([source_link(seed) for seed in standing.facts])}"
    if standing.statement:
        whose = "the sources'" if len(standing.facts) > 1 else "the source's"
        lead += f": that it was made is {whose} fact; what it says is its speaker's account, not {whose}"
    lead += "."
    for claim in standing.claims:
        if claim.seed not in standing.facts:
            lead += f" Reported by {source_link(claim.seed)} as a claim of {claim_of(claim.accounts)}."
        elif len(standing.facts) == 1:
            lead += f" The same source also reports it as a claim of {claim_of(claim.accounts)}."
        else:
            lead += f" {source_link(claim.seed)} also reports it as a claim of {claim_of(claim.accounts)}."
    return Markup(lead)


def standing_text(chronology: Chronology, event: Event) -> str:
    """The event's standing in the words its page leads with (``standing_lead``), as plain text, each
    source by its headline (or label) and each party by its name: for the data files, which say
    what the pages say in the same words."""

    def source_name(seed: str) -> str:
        source = chronology.sources[seed]
        return str(escape(source.title or source.label))

    def actor_names(parties: Sequence[str]) -> str:
        return and_list([str(escape(chronology.actors[a].name)) for a in parties])

    return standing_lead(chronology, event, source_name, actor_names).striptags()


class Fragments:
    """The fragments for pages at one depth of the site, each made once and kept.

    ``link(path, fragment)`` gives the way from such a page to the page of a source path (see
    ``Renderer``); ``summary_html`` the HTML of an event's first sentence, ``mark_name`` what its
    mark on a time axis says and ``claim_mark`` the marks of its standing on a list, each the same
    at every depth; ``paths`` each kind of record's page source path.
    """

    def __init__(
        self,
        chronology: Chronology,
        link: Callable[..., str],
        summary_html: Callable[[Event], Markup],
        mark_name: Callable[[Event], Markup],
        claim_mark: Callable[[Event], str],
        paths: Mapping[str, Callable[[str], str]],
    ) -> None:
        self.chronology = chronology
        self.link = link
        self.summary_html = summary_html
        self.mark_name = mark_name
        self.claim_mark = claim_mark
        self._paths = paths
        self._names: dict[str, Mapping[str, Any]] = {"actor": chronology.actors, "place": chronology.places}
        self._links: dict[tuple[str, str], Markup] = {}
        self._hrefs: dict[str, Markup] = {}
        # An entry's parts by heading, then by event; and the parts every heading shares, by event.
        self._entries: dict[str, dict[str, tuple[str, str, str]]] = {}
        self._shared_entries: dict[str, tuple[str, str, str, str]] = {}
        self._dates: dict[str, Markup] = {}
        # By the map's identity, with the map kept so that its id is not reused: events that share
        # a map get the same object (see Maps.event).
        self._maps: dict[int, tuple[Map, Markup]] = {}
        # An axis' ticks by their identity, kept likewise: axes over the same days share them (see
        # axis._ticks).
        self._ticks: dict[int, tuple[tuple[Tick, ...], str]] = {}
        # By event: the link of its mark on an axis, and what the mark says after its number.
        self._marked: dict[str, tuple[Markup, Markup]] = {}
        # A mark's classes, by its shape and whether its date is uncertain.
        self._mark_classes: dict[tuple[str, bool], str] = {}
        # The last list of periods, its function giving their pages' paths, and its items (cut, whole).
        self._periods: tuple[Sequence[Period], Callable[[Period], str], list[tuple[str, str]], list[str]] | None = None

    def functions(self) -> dict[str, Any]:
        """The fragments by the names the templates call them by."""
        return {
            "actor_link": self.actor_link,
            "place_link": self.place_link,
            "event_link": self.event_link,
            "source_link": self.source_link,
            "actor_names": self.actor_names,
            "standing_lead": self.standing_lead,
            "date_tag": self.date_tag,
            "iso": iso,
            "role_in": role_in,
            "event_item": self.event_item,
            "period_nav": self.period_nav,
            "period_steps": self.period_steps,
            "axis_plot": self.axis_plot,
            "map_figure": self.map_figure,
            "record_title": self.record_title,
            "record_link": self.record_link,
            "alias_names": alias_names,
            "alias_list": alias_list,
            "link_notes": link_notes,
        }

    def href(self, path: str) -> Markup:
        """The link to the page of a source path, escaped for an attribute."""
        href = self._hrefs.get(path)
        if href is None:
            href = self._hrefs[path] = escape(self.link(path))
        return href

    def _record_link(self, kind: str, record_id: str, text: str) -> Markup:
        key = (kind, record_id)
        html = self._links.get(key)
        if html is None:
            href = self.href(self._paths[kind](record_id))
            html = self._links[key] = Markup(f'<a href="{href}">{escaped(text)}</a>')
        return html

    def actor_link(self, actor_id: str) -> Markup:
        """``<a href="…">name</a>`` to an actor's page."""
        return self._record_link("actor", actor_id, self.chronology.actors[actor_id].name)

    def place_link(self, place_id: str) -> Markup:
        """``<a href="…">name</a>`` to a place's page."""
        return self._record_link("place", place_id, self.chronology.places[place_id].name)

    def event_link(self, event: Event) -> Markup:
        """``<a href="…">title</a>`` to an event's page."""
        return self._record_link("event", event.id, event.title)

    def source_link(self, source_id: str) -> Markup:
        """A source's title, cited (``<cite>``) and linked to its page; a source without a known
        title by its label, linked but not set as a title, which it is not."""
        key = ("source-cite", source_id)
        html = self._links.get(key)
        if html is None:
            source = self.chronology.sources[source_id]
            href = self.href(self._paths["source"](source_id))
            link = f'<a href="{href}">{escaped(source.title or source.label)}</a>'
            html = self._links[key] = Markup(f"<cite>{link}</cite>" if source.title else link)
        return html

    def record_title(self, record: tuple[str, str]) -> Markup:
        """The title of a record quoting a source (kind, id): an event's title, or a name."""
        kind, record_id = record
        c = self.chronology
        return escape(c.events_by_id[record_id].title if kind == "event" else self._names[kind][record_id].name)

    def record_link(self, record: tuple[str, str]) -> Markup:
        """The link to the page of a record quoting a source (kind, id), escaped for an attribute."""
        kind, record_id = record
        return self.href(self._paths[kind](record_id))

    def standing_lead(self, event: Event) -> Markup:
        """What the event's page leads with of its standing (see ``standing_lead``)."""
        return standing_lead(self.chronology, event, self.source_link, self.actor_names)

    def actor_names(self, actor_ids: Iterable[str]) -> Markup:
        """Actors' names as linked words: "A", "A and B", "A, B and C"."""
        return Markup(and_list([self.actor_link(a) for a in actor_ids]))

    def date_tag(self, event: Event, text: str | None = None) -> Markup:
        """The event's date (or ``text``) in a ``<time>`` with its ISO form."""
        if text:
            return Markup(f'<time datetime="{escaped(event.date.iso())}">{escaped(text)}</time>')
        html = self._dates.get(event.id)
        if html is None:
            html = self._dates[event.id] = Markup(
                f'<time datetime="{escaped(event.date.iso())}">{escaped(event.date.words())}</time>'
            )
        return html

    def entry(self, event: Event, heading: str) -> tuple[str, str, str]:
        """The parts of an event's entry on a list that are the same on every list (for one heading),
        as HTML: its opening tag, up to where its data attributes go; its date and linked title with
        its marks, from where its number goes; and its first sentence with who and where, to its end.
        What does not depend on the heading (its claim marks among it) is made once per event."""
        by_event = self._entries.get(heading)
        if by_event is None:
            by_event = self._entries[heading] = {}
        parts = by_event.get(event.id)
        if parts is not None:
            return parts
        shared = self._shared_entries.get(event.id)
        if shared is None:
            date = str(self.date_tag(event))
            if event.time:
                zone = zone_city(event.timezone) if event.timezone else ""  # the checker asks a time for its zone
                time = f"{escaped(event.time.words())} {escaped(zone)}"
                date += f', <span class="event-time">{time}</span>'
            rest = f'<p class="event-summary">{self.summary_html(event)}</p>'
            if event.actors or event.places:
                rest += '  <p class="event-links">'
                actor_ids = event.actor_ids
                if actor_ids:
                    # Each with its part, as the event's page gives it: the ministry that is the
                    # source of a find is no finder, and the party accused no doer.
                    who = (f'{self.actor_link(a)} <span class="role">({role_in(event, a)})</span>' for a in actor_ids)
                    rest += '<span class="label">Who:</span> ' + ", ".join(who)
                if actor_ids and event.places:
                    rest += ' <span aria-hidden="true">·</span> '
                if event.places:
                    rest += '<span class="label">Where:</span> ' + ", ".join(self.place_link(p) for p in event.places)
                rest += "  </p>\n"
            opening = f'<li class="event-item" id="e-{escaped(event.id)}"'
            shared = self._shared_entries[event.id] = (opening, date, rest + "</li>", self.claim_mark(event))
        opening, date, end, marks = shared
        h = escaped(heading)
        title = f'<{h} class="event-title">{self.event_link(event)}</{h}>\n  {marks}'
        parts = by_event[event.id] = (opening, f"{date}</p>\n  {title}\n", end)
        return parts

    def event_item(
        self,
        event: Event,
        heading: str = "h3",
        data: Mapping[str, str] | None = None,
        role: str | None = None,
        via: Sequence[str] = (),
        number: int | None = None,
    ) -> Markup:
        """An event's entry on a list. ``number``: the event's mark on the page's time axis, shown
        beside its date (a screen reader has the list's own order); ``via``: the members through
        which it comes to the record whose list it is on."""
        html, dated, end = self.entry(event, heading)
        if data:
            html += "".join(f' data-{escaped(key)}="{escaped(value)}"' for key, value in data.items())
        html += '>\n  <p class="event-date">'
        if number:
            html += f'<span class="event-number" aria-hidden="true">{number!s}</span> '
        html += dated
        if role:
            html += f'<p class="event-role">Role: {escaped(role)}</p>'
        if via:
            members = []
            for member in via:
                text = str(self.actor_link(member))
                member_role = role_in(event, member)
                if member_role:
                    text += f' <span class="role">({member_role})</span>'
                members.append(text)
            html += f'<p class="event-via">Via {and_list(members)}</p>'
        return Markup(html + end)

    def period_nav(
        self, periods: Sequence[Period], current: Period | None, label: str, period_path: Callable[[Period], str]
    ) -> Markup:
        """The periods of a long list of events (the timeline's, or a record's): every period with its
        number of events; on a period's own page, the one before and after it, then every period
        folded, so that on a phone the list of them does not stand before the page's events."""
        html = f'<nav class="periods" aria-label="{escaped(label)}">\n'
        cuts, items = self._period_items(periods, period_path)
        if not current:
            return Markup(f'{html}  <ul class="period-list">\n{"".join(items)}  </ul>\n</nav>')
        i = periods.index(current)
        start, end = cuts[i]
        listed = f'{"".join(items[:i])}{start} aria-current="page"{end}{"".join(items[i + 1 :])}'
        return Markup(
            f"{html}{self._period_steps(periods, i, period_path)}"
            f'  <details class="period-fold">\n  <summary>All {len(periods):,} periods</summary>\n'
            f'  <ul class="period-list">\n{listed}  </ul>\n  </details>\n</nav>'
        )

    def period_steps(
        self, periods: Sequence[Period], current: Period, label: str, period_path: Callable[[Period], str]
    ) -> Markup:
        """The periods before and after the current one, for the foot of its page: a reader at the end
        of a long list goes on without scrolling back to the top. ``label``: the list's name, as given
        to ``period_nav``."""
        steps = self._period_steps(periods, periods.index(current), period_path)
        return Markup(
            f'<nav class="periods periods-end" aria-label="{escaped(label)}: earlier and later">\n{steps}</nav>'
        )

    def _period_steps(self, periods: Sequence[Period], i: int, period_path: Callable[[Period], str]) -> str:
        """The links to the periods before and after the ``i``th."""
        html = '  <ul class="period-steps">\n'
        steps = ((i - 1, "prev", "Earlier"), (i + 1, "next", "Later"))
        for j, kind, word in steps:
            if 0 <= j < len(periods):
                step = periods[j]
                html += (
                    f'<li class="{kind}"><span class="label">{_step_word(periods[i], step, word)}</span> '
                    f'<a href="{self.href(period_path(step))}">{escaped(step.label)}</a></li>'
                )
        return html + "  </ul>\n"

    def _period_items(
        self, periods: Sequence[Period], period_path: Callable[[Period], str]
    ) -> tuple[list[tuple[str, str]], list[str]]:
        """Each period's item in the list of ``periods``, cut where the current period's mark goes,
        and whole. Made once for the list, which each of its periods' pages (the timeline's, or a
        record's) shows; the last list's are kept, as the pages of one list come one after another."""
        kept = self._periods
        if kept is not None and kept[0] is periods and kept[1] is period_path:
            return kept[2:]
        cuts = [
            (
                f'    <li><a href="{self.href(period_path(period))}"',
                f'>{escaped(period.label)}</a> <span class="count">({len(period.events):,})</span></li>\n',
            )
            for period in periods
        ]
        self._periods = (periods, period_path, cuts, [start + end for start, end in cuts])
        return self._periods[2:]

    def axis_plot(self, axis: Axis) -> Markup:
        """A time axis drawn (chronology/axis.py): each event a mark placed to scale, and a link to
        its page. The marks are an ordered list, so that without the picture (a screen reader, no
        styles) the axis reads as the events in order with their dates."""
        # Positions, lanes and numbers are numbers: nothing in them to escape.
        kept = self._ticks.get(id(axis.ticks))
        if kept is None:
            ticks = []
            for tick in axis.ticks:
                major = " tick-major" if tick.major else ""
                label = f'<span class="tick-label">{escaped(tick.label)}</span>' if tick.label else ""
                # Its label again above a tall axis (site.css), from data-label, not a second span.
                data = f' data-label="{escaped(tick.label)}"' if tick.label else ""
                ticks.append(f'<span class="tick{major}"{data} style="--at: {tick.position!s}%">{label}</span>')
            kept = self._ticks[id(axis.ticks)] = (axis.ticks, "".join(ticks))
        marks = []
        event_path = self._paths["event"]
        for mark in axis.marks:
            event = mark.event
            # The link to an event's page and what its mark says: the same on every axis of a page
            # at this depth (an event is marked on many).
            marked = self._marked.get(event.id)
            if marked is None:
                marked = self._marked[event.id] = (self.href(event_path(event.id)), self.mark_name(event))
            href, name = marked
            if mark.time:  # on an axis of hours, a timed mark says its time
                name = Markup(f"{name}, {escaped(mark.time)}")
            kind = self._mark_classes.get((mark.shape, mark.uncertain))
            if kind is None:
                uncertain = " mark-uncertain" if mark.uncertain else ""
                kind = self._mark_classes[(mark.shape, mark.uncertain)] = f"mark mark-{escaped(mark.shape)}{uncertain}"
            marks.append(
                f'    <li class="{kind}" style="--start: {mark.start!s}%; '
                f'--width: {mark.width!s}%; --lane: {mark.lane!s}">'
                f'<a href="{href}" aria-label="{mark.number!s}. {name}" title="{mark.number!s}. {name}">'
                f"{mark.number!s}</a></li>"
            )
        # A tall axis is labelled above as well as below: its first screen may show no label.
        tall = " axis-tall" if axis.lanes > TALL_LANES else ""
        return Markup(
            f'<div class="axis-plot{tall}" style="--lanes: {axis.lanes!s}">\n'
            f'  <div class="axis-ticks" aria-hidden="true">{kept[1]}</div>\n'
            f'  <ol class="axis-marks">{"".join(marks)}  </ol>\n</div>'
        )

    def map_figure(self, map: Map | None) -> Markup:
        """A map (chronology/maps.py), or nothing. The drawing is for the eye (its marks link to their
        pages for the pointer); the caption lists, with links, everything it shows: the map's text
        alternative."""
        if not map:
            return Markup()
        kept = self._maps.get(id(map))
        if kept is None:
            kept = self._maps[id(map)] = (map, self._map_figure(map))
        return kept[1]

    def _map_figure(self, map: Map) -> Markup:
        place_path = self._paths["place"]
        html = [
            f'<figure class="map map-{escaped(map.kind)}">\n'
            f'  <svg viewBox="0 0 {map.width:g} {map.height:g}" aria-hidden="true" focusable="false">\n'
            '    <g class="lands">\n'
        ]
        for outline in map.outlines:
            here = " here" if outline.highlighted else ""
            html.append(f'      <path class="land{here}" d="{escaped(outline.path)}"/>\n')
        html.append("    </g>\n")
        for label in map.country_labels:
            html.append(
                f'    <text class="country" x="{escaped(label.x)}" y="{escaped(label.y)}" '
                f'text-anchor="{escaped(label.anchor)}">{escaped(label.text)}</text>\n'
            )
        # The marks' targets, each a link to its place as its mark is, under every mark drawn: a
        # dot and a name are smaller than a finger. No two overlap (``hit_boxes``): where two would,
        # a line between the marks splits the padding. Like the marks, they are for the pointer
        # alone: out of the tab order, in a drawing hidden from assistive technology, where the
        # caption's list is the keyboard's and the screen reader's way, each place once.
        html.append('    <g class="hits">\n')
        boxes = hit_boxes(map.marks) if map.targeted else ()
        for mark, box in zip(map.marks, boxes or [None] * len(map.marks), strict=True):
            if box is not None:
                left, top, width, height = box
                html.append(
                    f'      <a href="{self.href(place_path(mark.place_id))}" tabindex="-1" class="place-hit" '
                    f'data-hit-for="{escaped(mark.place_id)}"><rect x="{left}" y="{top}" width="{width}" '
                    f'height="{height}"/></a>\n'
                )
        html.append("    </g>\n")
        for mark in map.marks:
            if mark.drawn == "none":
                continue  # the caption says why
            x, y, style = escaped(mark.x), escaped(mark.y), escaped(mark.style)
            html.append(
                f'    <a href="{self.href(place_path(mark.place_id))}" tabindex="-1" class="place-mark" '
                f'data-place="{escaped(mark.place_id)}">\n'
            )
            if mark.ring:
                html.append(f'<circle class="ring" cx="{x}" cy="{y}" r="{escaped(mark.ring)}"/>')
            if mark.drawn == "point":
                kind = f"{style} stand-in" if mark.stand_in else style
                html.append(f'      <circle class="dot {kind}" cx="{x}" cy="{y}" r="{escaped(mark.radius)}"/>\n')
            if mark.label:
                label = mark.label
                kind = f"{style} area" if mark.drawn == "area" else style
                for layer in ("halo", "label"):
                    html.append(
                        f'<text class="{layer} {kind}" x="{escaped(label.x)}" y="{escaped(label.y)}" '
                        f'text-anchor="{escaped(label.anchor)}">{escaped(label.text)}</text>'
                    )
            html.append("    </a>\n")
        every = (
            ": each place is marked by a dot sized by the number of events at it (hollow where its own "
            "position is not known), or, if it is a country, by its shaded shape"
            if map.kind == "overview"
            else ""
        )
        key = "ol" if map.numbered else "ul"
        html.append(
            f"  </svg>\n  <figcaption>\n    <p>{escaped(map.title)}{every}. "
            f'<a href="{escaped(self.link("about.md", "maps"))}">About the maps</a></p>\n'
            f'    <{key} class="map-key">\n'
        )
        places = self.chronology.places
        for mark in map.marks:
            item = f'      <li><a href="{self.href(place_path(mark.place_id))}">{escaped(mark.name)}</a>'
            if mark.words or mark.same_point_as:
                item += ": "
            item += f"{escaped(mark.words)}"  # a str: Markup added to a str would escape the str
            if mark.same_point_as:
                if mark.words:
                    item += "; "
                other = mark.same_point_as
                item += (
                    f'at the same point as <a href="{self.href(place_path(other))}">{escaped(places[other].name)}</a>'
                )
            html.append(item + "</li>\n")
        html.append(f"    </{key}>\n")
        if map.unmapped:
            unmapped = ", ".join(
                f'<a href="{self.href(place_path(place_id))}">{escaped(places[place_id].name)}</a>'
                for place_id in map.unmapped
            )
            html.append(f"    <p>Not on the map, for want of coordinates: {unmapped}.</p>\n")
        html.append("  </figcaption>\n</figure>\n")
        return Markup("".join(html))


def alias_names(aliases: Iterable[Alias]) -> Markup:
    """Other names, each in its language: "also Олег Коновалов, Алег Канавалаў"."""
    return Markup(", ".join(f'<span lang="{escaped(a.lang)}">{escaped(a.name)}</span>' for a in aliases))


def alias_list(aliases: Iterable[Alias]) -> Markup:
    """Other names with their language tags and, for a name from outside the sources, its basis."""
    items = []
    for alias in aliases:
        lang = escaped(alias.lang)
        basis = f'<div class="basis">{render_markdown(alias.basis)}</div>' if alias.basis else ""
        items.append(
            f'  <li><span lang="{lang}">{escaped(alias.name)}</span> <span class="role">({lang})</span>{basis}</li>\n'
        )
    return Markup(f'<ul class="alias-list">\n{"".join(items)}</ul>')


def tag_title(tag: str) -> str:
    """A tag as a heading: ``air-defence`` is ``Air defence``."""
    return tag.replace("-", " ").capitalize()


def iso(date: Any) -> Markup:
    """A date for HTML's ``datetime``, claiming no more than the words do (see EventDate.iso)."""
    return escape(date.iso())


def role_in(event: Event, actor_id: str) -> Markup:
    """The part an actor plays in an event: its roles, or "claimant" when it only claims it, or
    "gives a figure" when a figure is all it gives."""
    roles = ", ".join(p.role for p in event.actors if p.actor == actor_id)
    if roles:
        return escape(roles)
    if actor_id in event.claimants:
        return Markup("claimant")
    return Markup("gives a figure" if actor_id in event.figure_givers else "")


def _step_word(current: Period, step: Period, word: str) -> str:
    """What leads from ``current`` to ``step``: ``word`` (Earlier or Later), except between a year's
    months and its events of unknown month, which are neither earlier nor later than those; they are
    listed after the year's months only because that is where the timeline puts them."""
    year_only = [period for period in (current, step) if not period.events[0].date.anchor.month]
    if year_only and current.events[0].date.anchor.year == step.events[0].date.anchor.year:
        return "Same year"
    return word
