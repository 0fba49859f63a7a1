"""The events as an iCalendar file (RFC 5545), for calendar programs.

Written with the ``icalendar`` library, which escapes and folds every text. A day is an all-day
event (``VALUE=DATE``); a local time carries its ``TZID`` and the calendar its ``VTIMEZONE``; a date
known only to the month, or only as one day within a range, is shown as the span it may lie in,
with a line in the description saying so, since a calendar has no way to say "one of these days".
UIDs come from the event's id and DTSTAMPs from the repository's history, so two builds of one
commit give the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from icalendar.prop import vCategory, vDDDTypes, vText, vUri

from chronology.exports import FOLDER, Context, Export
from chronology.exports.feeds import event_uuid, xml_text
from chronology.model import Chronology, Event
from chronology.pages import event_path
from chronology.text import markdown_to_text

PATH = f"{FOLDER}/chronology.ics"


def _span(event: Event) -> tuple[date, date, str | None]:
    """The first day, the last day, and a note when the date is not one known day."""
    first, last = event.date.earliest(), event.date.latest()
    words = event.date.words()
    if first is None and last is not None:
        return last, last, f"The date is {words}; it is shown on the latest day it can be."
    if last is None and first is not None:
        return first, first, f"The date is {words}; it is shown on the earliest day it can be."
    assert first is not None and last is not None  # the checker refuses a date open at both ends
    note = None if event.date.is_single_day else f"The date is {words}: shown as the span it lies in, not a known day."
    return first, last, note


def calendar(chronology: Chronology, context: Context) -> bytes:
    """The iCalendar file of every event, in timeline order.

    Each value is given to the library as the property type it would choose for it (text, date or
    date-time, URI, categories), which spares it finding the type again for every property of every
    event; an instant shared by many events (their DTSTAMP, the last change of their files) is made
    once."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//chronology//chronology//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", xml_text(context.site_name))
    stamps: dict[int, vDDDTypes] = {}
    zones: set[str] = set()  # the TZIDs the events' times carry
    for event in chronology.events:
        item = icalendar.Event()
        item.add("uid", vText(event_uuid(event)))
        changed = context.changed_at(event.file)
        stamp = stamps.get(changed)
        if stamp is None:
            stamp = stamps[changed] = vDDDTypes(datetime.fromtimestamp(changed, UTC))
        item.add("dtstamp", stamp)
        item.add("summary", vText(xml_text(event.title)))
        first, last, note = _span(event)
        if event.time is not None and event.timezone is not None and event.date.is_single_day:
            zone = ZoneInfo(event.timezone)
            hour, minute = event.time.start
            start = vDDDTypes(datetime(first.year, first.month, first.day, hour, minute, tzinfo=zone))
            item.add("dtstart", start)
            if tzid := start.params.get("TZID"):  # the library's name for the zone (none for UTC)
                zones.add(tzid)
            if event.time.end is not None:
                hour, minute = event.time.end
                item.add("dtend", vDDDTypes(datetime(first.year, first.month, first.day, hour, minute, tzinfo=zone)))
        else:
            item.add("dtstart", vDDDTypes(first))
            if last < date.max:
                item.add("dtend", vDDDTypes(last + timedelta(days=1)))  # an all-day end is the day after, exclusive
            else:  # 31 December 9999 has no day after it: the same span as a length
                item.add("duration", vDDDTypes(timedelta(days=(last - first).days + 1)))
        text = markdown_to_text(event.summary)
        item.add("description", vText(xml_text(f"{note}\n\n{text}" if note else text)))
        if context.site_url:
            item.add("url", vUri(context.url(event_path(event.id))))
        if event.places:
            item.add("location", vText(xml_text(chronology.places[event.places[0]].name)))
        if event.tags:
            item.add("categories", vCategory(list(event.tags)))
        cal.add_component(item)
    # The zones the times use, first and in the order of their names (so that two builds give the
    # same bytes), as the library's add_missing_timezones makes them, without its walk through every
    # property of the calendar to find the TZIDs collected above; UTC needs none (its times end in Z).
    timezones = []
    for tzid in sorted(zones - {"UTC"}):
        try:
            timezones.append(icalendar.Timezone.from_tzid(tzid))
        except ValueError:  # a zone the library does not know is left out, as add_missing_timezones does
            continue
    cal.subcomponents[:0] = timezones
    written: bytes = cal.to_ical()
    return written


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The iCalendar file."""
    return [
        Export(
            PATH,
            calendar(chronology, context),
            "text/calendar",
            "iCalendar (RFC 5545)",
            "calendar programs; the icalendar library",
            alternate=True,
            title="Events as a calendar (iCalendar)",
        )
    ]
