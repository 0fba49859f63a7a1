"""The events as an iCalendar file (RFC 5545), for calendar programs.

Made with the ``icalendar`` library, which writes every value (escaping each text) and its
parameters; its lines are put together and folded here, as the library does it (see ``written``). A day is an all-day
event (``VALUE=DATE``); a local time carries its ``TZID`` and the calendar its ``VTIMEZONE``; a date
known only to the month, or only as one day within a range, is shown as the span it may lie in,
with a line in the description saying so, since a calendar has no way to say "one of these days";
a day that is an estimate ("about 19 December 2022") is shown on that day, with a line saying so;
a span the event lasted is shown as that span. An approximate time of day ("about 00:15"), or a
time on a day that is an estimate, is shown as its day, all day, with a line saying the time in
words: a calendar has no way to say "about", and a DTSTART at 00:15 would claim it exactly. A time
window ("between 10:00 and 11:00") is shown as that span, with a line saying that the event lies
within it, not that it lasted so long, as a range of days is (see ``when``). LOCATION names every
place of the event, "near" one it was in the vicinity of. UIDs come from the site and the event's
id (as the feeds' ids do) and DTSTAMPs from the repository's history, so two builds of one commit
give the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import icalendar
from icalendar.prop import vCategory, vDDDTypes, vText, vUri

from chronology.exports import FOLDER, Context, Export
from chronology.exports.feeds import event_uuid, xml_text
from chronology.exports.when import date_sentence, exact_time, time_sentence
from chronology.model import Chronology, Event
from chronology.pages import event_path
from chronology.text import markdown_to_text

PATH = f"{FOLDER}/chronology.ics"


def _span(event: Event) -> tuple[date, date, str | None]:
    """The first day, the last day, and a note when the date is not one known day."""
    first, last = event.date.earliest(), event.date.latest()
    words = event.date.words()
    if event.date.kind in ("interval", "until", "from"):  # a span the event lasted, not one day in it
        return _lasted(event, first, last, words)
    if first is None and last is not None:
        return last, last, f"The date is {words}; it is shown on the latest day it can be."
    if last is None and first is not None:
        return first, first, f"The date is {words}; it is shown on the earliest day it can be."
    assert first is not None and last is not None  # the checker refuses a date open at both ends
    if event.date.is_single_day:
        estimate = date_sentence(event)  # "about 19 December 2022" is no known day: the calendar says so
        return first, last, f"{estimate}: shown on that day, an estimate, not a known day." if estimate else None
    return first, last, f"The date is {words}: shown as the span it lies in, not a known day."


def _lasted(event: Event, first: date | None, last: date | None, words: str) -> tuple[date, date, str | None]:
    """The days and note of a date the event lasted: the whole span when both ends are known, else
    its one known day; the note says it lasted, and, when an end is known only to its month or
    year, that the span shown is the widest it can be."""
    if first is None and last is not None:
        return last, last, f"It lasted {words}; it is shown on its last day, as its start is not known."
    if last is None and first is not None:
        return first, first, f"It lasted {words}; it is shown on its first day, as its end is not known."
    assert first is not None and last is not None  # the checker refuses a date open at both ends
    start, end = event.date.start, event.date.end
    if start is not None and end is not None and start.precision == end.precision == "day":
        return first, last, f"It lasted {words}."
    return first, last, f"It lasted {words}: shown from the first day it can have begun to the last it can have ended."


def _location(chronology: Chronology, event: Event) -> str:
    """Every place of the event, the most precise first, "near" one it was in the vicinity of."""
    return ", ".join(
        ("near " if event.precision_at(p) == "near" else "") + chronology.places[p].name for p in event.places
    )


def calendar(chronology: Chronology, context: Context) -> bytes:
    """The iCalendar file of every event, in timeline order."""
    return written(component(chronology, context))


def component(chronology: Chronology, context: Context) -> icalendar.Calendar:
    """The calendar of every event, in timeline order, as the library's component.

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
    days: dict[date, vDDDTypes] = {}  # the days events start and end on, each made once
    zones: set[str] = set()  # the TZIDs the events' times carry
    for event in chronology.events:
        item = icalendar.Event()
        item.add("uid", vText(event_uuid(event, context)))
        changed = context.changed_at(event.file)
        stamp = stamps.get(changed)
        if stamp is None:
            stamp = stamps[changed] = vDDDTypes(datetime.fromtimestamp(changed, UTC))
        item.add("dtstamp", stamp)
        item.add("summary", vText(xml_text(event.title)))
        # Its place in the timeline, from 1 (an experimental property, RFC 5545 3.8.8.2): calendars
        # order by start, and many events share theirs.
        item.add("x-chronology-order", vText(str(chronology.position[event.id] + 1)))
        first, last, note = _span(event)
        timed = exact_time(event)
        if (said := time_sentence(event)) is not None:
            if timed:  # a window, shown as its span, as a set of days is: not the event's known length
                said += ": shown as that span, which may be longer than the event."
            elif event.time is not None and event.time.approximate:
                # A calendar has no "about": the day alone, all day, and the time in words.
                said += ": shown as its day, as a calendar cannot say 'about'."
            else:  # a time on a day that is an estimate is no known instant
                said += ": shown as its day, as the day is not known."
            note = f"{note}\n{said}" if note else said
        if timed and event.time is not None and event.timezone is not None:
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
            item.add("dtstart", _day(days, first))
            if last < date.max:
                item.add("dtend", _day(days, last + timedelta(days=1)))  # an all-day end is the day after, exclusive
            else:  # 31 December 9999 has no day after it: the same span as a length
                item.add("duration", vDDDTypes(timedelta(days=(last - first).days + 1)))
        text = markdown_to_text(event.summary)
        item.add("description", vText(xml_text(f"{note}\n\n{text}" if note else text)))
        if context.site_url:
            item.add("url", vUri(context.url(event_path(event.id))))
        if event.places:
            item.add("location", vText(xml_text(_location(chronology, event))))
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
    return cal


def _day(days: dict[date, vDDDTypes], day: date) -> vDDDTypes:
    value = days.get(day)
    if value is None:
        value = days[day] = vDDDTypes(day)
    return value


def written(component: icalendar.Component) -> bytes:
    """The bytes ``component.to_ical()`` gives, in about half its time at 10,000 events.

    Every property's value and parameters are still written by the library (``to_ical``); this only
    puts each line together and folds it, as the library's ``Contentline.from_parts`` and
    ``Contentlines.to_ical`` do, without building a content-line object, an empty parameter list
    and a list of characters for each of the calendar's hundred thousand lines. A property test
    holds the two to the same bytes."""
    lines = []
    # A value many events share (their DTSTAMP, a day) is written once: by its identity, which is
    # its own while the list of properties holds it.
    written_values: dict[int, str] = {}
    for name, value in component.property_items():
        known = written_values.get(id(value))
        if known is None:
            to_ical = getattr(value, "to_ical", None)  # none for BEGIN and END, whose values are bytes
            text = _unicode(to_ical() if to_ical is not None else vText(cast(bytes, value)).to_ical())
            params = getattr(value, "params", None)
            parameters = _unicode(params.to_ical()) if params else ""
            known = written_values[id(value)] = f";{parameters}:{text}" if parameters else f":{text}"
        lines.append(fold(name + known))
    lines.append(b"")
    return b"\r\n".join(lines)


def _unicode(value: Any) -> str:
    # As the library reads what its types write: bytes as UTF-8, a byte-order mark at the start dropped.
    return value.decode("utf-8-sig") if isinstance(value, bytes) else str(value)


#: The most octets a line holds before it is folded, as the library folds (RFC 5545 allows 75).
_LINE = 74


def fold(line: str) -> bytes:
    """A content line as UTF-8, folded as the library folds it (RFC 5545, 3.1): after at most 74
    octets, never inside a character, and never just after a backslash or a caret (so that an
    escape such as ``\\,`` stays on one line) unless the piece would be that character alone."""
    data = line.encode("utf-8")
    if len(data) <= _LINE:  # most lines: nothing to fold
        return data
    pieces = []
    start, size = 0, len(data)
    while size - start > _LINE:
        end = start + _LINE
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to where its character starts
            end -= 1
        if end - start > 1 and data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


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
