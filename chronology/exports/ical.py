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
    """The iCalendar file of every event, in timeline order."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//chronology//chronology//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", xml_text(context.site_name))
    for event in chronology.events:
        item = icalendar.Event()
        item.add("uid", event_uuid(event))
        item.add("dtstamp", datetime.fromtimestamp(context.changed_at(event.file), UTC))
        item.add("summary", xml_text(event.title))
        first, last, note = _span(event)
        if event.time is not None and event.timezone is not None and event.date.is_single_day:
            zone = ZoneInfo(event.timezone)
            hour, minute = event.time.start
            item.add("dtstart", datetime(first.year, first.month, first.day, hour, minute, tzinfo=zone))
            if event.time.end is not None:
                hour, minute = event.time.end
                item.add("dtend", datetime(first.year, first.month, first.day, hour, minute, tzinfo=zone))
        else:
            item.add("dtstart", first)
            if last < date.max:
                item.add("dtend", last + timedelta(days=1))  # an all-day end is the day after, exclusive
            else:  # 31 December 9999 has no day after it: the same span as a length
                item.add("duration", timedelta(days=(last - first).days + 1))
        text = markdown_to_text(event.summary)
        item.add("description", xml_text(f"{note}\n\n{text}" if note else text))
        if context.site_url:
            item.add("url", context.url(event_path(event.id)))
        if event.places:
            item.add("location", xml_text(chronology.places[event.places[0]].name))
        if event.tags:
            item.add("categories", list(event.tags))
        cal.add_component(item)
    cal.add_missing_timezones()
    # The library adds the zones in the order of a set, which changes from run to run: put them in
    # the order of their names, so that two builds give the same bytes.
    zones = sorted((c for c in cal.subcomponents if c.name == "VTIMEZONE"), key=lambda zone: str(zone["TZID"]))
    cal.subcomponents[:] = zones + [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
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
