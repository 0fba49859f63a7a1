"""When an event happened, as the exports that give a start and an end must say it.

A calendar's DTSTART and schema.org's ``startDate`` claim a known day, or a known minute; the data
may know less. Three cases are worded here for every such export, so that they say it alike:

- a single day marked approximate or uncertain (``2022-12-19~``, ``2022-12-19?``) is its day, with
  the page's words for it ("about 19 December 2022"), never a known day; a time on such a day is
  no known instant, so it is given in words, the day alone as the start;
- an approximate time ("about 00:15") is its day, with the time in words;
- a time window (``10:00/11:00``, "between 10am and 11am") is a window the event lies within: at
  one moment in it, or over the whole of it, as its sources say; the data does not tell which, so
  it is given as its start and end, with that said in words, never as the event's known length.
"""

from __future__ import annotations

from chronology.model import Event
from chronology.pages import time_words


def estimated_day(event: Event) -> bool:
    """Whether the date is one day marked approximate or uncertain (``~``, ``?`` or ``%``)."""
    return event.date.is_single_day and event.date.anchor.estimated


def exact_time(event: Event) -> bool:
    """Whether the event's time can be given as a date-time: a time, not approximate, with its zone,
    on one day that is known (not an estimate)."""
    return (
        event.time is not None
        and event.timezone is not None
        and event.date.is_single_day
        and not event.date.anchor.estimated
        and not event.time.approximate
    )


def window(event: Event) -> bool:
    """Whether the event's time is an exact window, which the event lies within, given as its span."""
    return exact_time(event) and event.time is not None and event.time.end is not None


def date_sentence(event: Event) -> str | None:
    """The words for a day that is an estimate ("The date is about 19 December 2022"), else None."""
    return f"The date is {event.date.words()}" if estimated_day(event) else None


def time_sentence(event: Event) -> str | None:
    """The words for a time that cannot be given as a date-time, or for a window ("The time is
    10:00-11:00 Minsk time (07:00-08:00 UTC), a window the event lies within"); None for an exact
    time, and without a time."""
    words = time_words(event)
    if words is None or not event.date.is_single_day or (exact_time(event) and not window(event)):
        return None
    if event.time is not None and event.time.end is not None:  # a window, exact or not: it lies within
        return f"The time is {words}, a window the event lies within"
    return f"The time is {words}"
