"""The events in TimelineJS 3's JSON format, for its timeline view and for embedding elsewhere.

TimelineJS places text into its slides as HTML, so every text from the data is escaped here (the
summary is the site's own rendering of its Markdown, which escapes raw HTML). A date is given at its
precision: a month-precision event has no day, and TimelineJS shows it as its month; a date that is
one unknown day within a range is given as the range, with the site's words for it as the date shown.

TimelineJS orders the slides by their start, keeping the file's order between equal starts. A start
is therefore a day at the most, never a time of day: an event at 10:00 would otherwise come after
the events of "one day between" that day and another, which start at its midnight, where the
chronology puts it before them. The time is in the date shown. Each slide also carries its place
in the timeline (``order``, from 1), which TimelineJS ignores, for a reader of the file.

Each slide leads with the event's standing in the words its page leads with (whose claim it is, or
that it is a statement, or reported as fact, and by whom; that accounts differ): the view must not
drop who says so. Those words name, each linked to its page, every source the event cites (a
citation is in a source's own voice or a party's, and the standing names the sources of both), so
no credit at the slide's end names them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from chronology.dates import Point
from chronology.exports import FOLDER, Context, Export
from chronology.exports.json_data import dumps
from chronology.fragments import link_notes, standing_lead
from chronology.model import DIFFERING_LINKS, Chronology, Event
from chronology.pages import event_path, source_path, when_words
from chronology.text import and_list, render_markdown

if TYPE_CHECKING:
    from chronology.pages import Period

PATH = f"{FOLDER}/timelinejs.json"

#: Where the Timeline view's file of each period of a long timeline goes (see ``period_files``).
PERIODS_FOLDER = f"{FOLDER}/timelinejs"


def _date(point: Point) -> dict[str, Any]:
    out: dict[str, Any] = {"year": point.year}
    if point.month is not None:
        out["month"] = point.month
    if point.day is not None:
        out["day"] = point.day
    return out


def standing_html(chronology: Chronology, event: Event, context: Context) -> str:
    """The slide's first lines: the event's standing as its page words it, and that accounts differ
    (with the events they differ from, each with the notes of the links that say so) where they do."""

    def source_link(seed: str) -> str:
        source = chronology.sources[seed]
        return f'<a href="{escape(context.url(source_path(seed)))}">{escape(source.title or source.label)}</a>'

    def actor_names(parties: Sequence[str]) -> str:
        return and_list([str(escape(chronology.actors[a].name)) for a in parties])

    standing = chronology.standing(event)
    html = f'<p class="standing {standing.kind}">{standing_lead(chronology, event, source_link, actor_names)}</p>'
    if standing.differing:
        others = "; ".join(
            f'<a href="{escape(context.url(event_path(other)))}">{escape(chronology.events_by_id[other].title)}</a>'
            + str(link_notes(standing.link_notes(other, DIFFERING_LINKS)))
            for other in standing.differing
        )
        html += f'<p class="differ"><strong>Accounts differ:</strong> {others}</p>'
    return html


def slide(event: Event, context: Context, chronology: Chronology) -> dict[str, Any]:
    """One event as a TimelineJS slide."""
    start, end = event.date.start, event.date.end
    first = start or end
    assert first is not None  # the checker refuses a date open at both ends
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "order": chronology.position[event.id] + 1,
        "start_date": _date(first),
    }
    if start is not None and end is not None and (start is not end):
        slide["end_date"] = _date(end)
    href = context.url(event_path(event.id))
    slide["display_date"] = str(escape(when_words(event)))
    slide["text"] = {
        "headline": f'<a href="{escape(href)}">{escape(event.title)}</a>',
        "text": standing_html(chronology, event, context) + render_markdown(event.summary),
    }
    return slide


def timeline(
    chronology: Chronology, context: Context, events: Sequence[Event] | None = None, about: str = "Every event"
) -> dict[str, Any]:
    """The TimelineJS document: a title slide and one slide per event (``events``, or every event),
    in timeline order; the title slide says what they are (``about``)."""
    return {
        "title": {"text": {"headline": str(escape(context.site_name)), "text": f"{escape(about)}, in order."}},
        "events": [slide(e, context, chronology) for e in (chronology.events if events is None else events)],
    }


def period_path(period: Period) -> str:
    """Where the Timeline view's file of a period of the timeline goes."""
    return f"{PERIODS_FOLDER}/{period.slug}.json"


def period_files(chronology: Chronology, context: Context, periods: Sequence[Period]) -> list[Export]:
    """The Timeline view's file of each period of a timeline split into periods: TimelineJS takes
    tens of seconds to load the slides of thousands of events, so the view shows one period at a
    time. Not on the Data page: ``timelinejs.json`` holds every event."""
    return [
        Export(
            period_path(period),
            dumps(timeline(chronology, context, period.events, f"The events of {period.label}")),
            "application/json",
            "TimelineJS 3 JSON",
            "TimelineJS 3 (the site's Timeline view)",
            title=f"The events of {period.label} for TimelineJS",
        )
        for period in periods
    ]


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The TimelineJS JSON."""
    return [
        Export(
            PATH,
            dumps(timeline(chronology, context)),
            "application/json",
            "TimelineJS 3 JSON",
            "TimelineJS 3 (the site's Timeline view)",
            title="The events for TimelineJS",
        )
    ]
