"""Axis: a time axis, to scale, worked out at build time so that it reads without JavaScript.

Each event becomes a mark placed by the days its date can mean (``EventDate``'s first and last
day): one known day is a point; a month, or a set or interval of days, is a span over all its days;
a date open at one end ("on or before 24 February", "until 24 February") is its known day with a
tail towards the open side.
An approximate or uncertain date is drawn as such (``Mark.uncertain``), and so is an approximate
time of day: the mark does not claim an exactness the sources do not give.

Marks that would overlap go in separate lanes. Packing assumes the narrowest axis the site is read
on, so marks never overlap on any screen; marks are packed in the chronology's order, so events
that share a date read top to bottom in the chronology's order: the sequence the sources give,
else the order their source tells them in (see ``model.timeline_order``).

Tick labels are chosen for the narrowest axis too, from how wide each is drawn (``label_px``): no
label runs into the next, however the dates fall, a month's or year's name ("1 Mar", "Jan 2025")
beside a day's or month's included, and none runs past the axis' end.

Hours: when an axis' events all fall within ``HOURS_DAYS`` days and two or more of them have a time
of day (``time`` with its ``timezone``), the axis is one of hours (``unit == "hour"``), from the
hour its earliest mark falls in (the one before, for a time at an hour's start, so that its mark
does not hang off the axis) to the hour after its latest. A timed event is placed at its instant,
a window as a span over it; an event without a time is drawn over the whole of the days its date
can mean, as on an axis of days. Ticks are at each hour on the axis' clock, labelled "22:00",
"04:00" and, where the day changes, with the day ("30 Dec"; the first tick "29 Dec 22:00"), by
the same rules as the days'. The clock (``Axis.clock``): if every timed event on the axis gives
one time zone, the axis is drawn and labelled in it; if they give several, marks are placed by
their instant in UTC and the ticks labelled in UTC, which the axis' caption says
(``Axis.clock_words``). A day without a time is that day on the axis' clock. Each timed mark's
name gives its time as its event gives it, with the time in UTC (``Mark.time``). With one timed
event or none, or over more days, the axis is one of days, months or years as before: an hour's
place says something only beside another's. (An axis of hours is not drawn within a few days of
the first or the last day a date can hold, whose neighbouring hours a clock cannot name.)
"""

from __future__ import annotations

import bisect
import calendar
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from chronology.dates import EventDate, zone_city
from chronology.model import Event

#: The narrowest axis, in CSS pixels: a 320-pixel screen (WCAG's reflow width) less the page's
#: margins (site.css's ``.wrap``, 1rem on each side), and the width and gap of a mark there: 24
#: pixels, WCAG 2.2's smallest target, and 2 pixels between targets.
NARROWEST_PX = 288
MARK_PX = 24
GAP_PX = 2
#: How many ticks, at most, are labelled at a regular step on the narrowest axis: more would crowd
#: it, however narrow the labels. The labels that fit are worked out from their widths (below).
MAX_LABELS = 7

#: A tick's label as site.css draws it (``.tick-label``, and a tall axis' ``::before``): 0.75rem on
#: a 16-pixel root, after 0.15rem of padding from its tick, running right.
LABEL_FONT_PX = 12.0
LABEL_PAD_PX = 2.4
#: The least room between one label's end and the next labelled tick: half an em, so that with the
#: next label's padding two labels stand more than two spaces apart ("28  1 Mar", never "281 Mar").
LABEL_GAP_PX = 6.0
#: How far, at most, a label that would run past the axis' end is drawn back over its tick so that
#: it ends at the axis' end (site.css aligns it so): half an em, so that it still reads as its tick's.
LABEL_SHIFT_PX = 6.0
#: A character's width, in ems, at least as wide as in any font of site.css's stack: DejaVu Sans,
#: the widest of them (Linux's fallback for system-ui), sets a digit in 0.636 em, a capital in at
#: most 0.863 (M), a small letter in at most 0.635 and a space in 0.318. Any other character is
#: given a whole em.
_DIGIT_EM, _CAPITAL_EM, _SMALL_EM, _SPACE_EM, _OTHER_EM = 0.64, 0.87, 0.64, 0.32, 1.0
#: A colon (an hour's label, "22:00"): 0.337 em in DejaVu Sans.
_COLON_EM = 0.34

#: An axis whose events all fall within this many days, two or more with a time of day, is one of
#: hours (see the module's docstring).
HOURS_DAYS = 3
#: The fewest hours an axis of hours spans, so that its scale reads.
HOURS_LEAST = 3

#: The steps, in ticks, between labelled ticks: on an axis of days or months counted from its first
#: tick and again from each month's or year's start, so that each month's labels fall on the same
#: days (1, 11, 21, 31); on one of years, from year 0 (2000, 2005, 2010). The smallest that leaves
#: room for the labels is taken.
STEPS = {
    "day": (1, 2, 3, 5, 7, 10, 15),
    "month": (1, 2, 3, 4, 6, 12),
    "year": (*(step * 10**power for power in range(4) for step in (1, 2, 5)), 10_000),
    # Hours, counted from each day's start: 00:00, 06:00, 12:00, 18:00.
    "hour": (1, 2, 3, 6, 12, 24),
}

#: The months' names and abbreviations, looked up once: ``calendar``'s are formatted anew each time
#: (an axis labels hundreds of ticks, and a 10,000-event site draws thousands of axes).
MONTH_NAMES = tuple(calendar.month_name)
MONTH_ABBR = tuple(calendar.month_abbr)


@dataclass(frozen=True)
class Mark:
    """One event on the axis; positions are percentages of the axis' width."""

    event: Event
    number: int  # the event's place in the axis' order, from 1
    start: float  # where the days the date can mean begin
    width: float  # how many of the axis' days they cover
    shape: str  # "day", "span", "on-or-before" or "on-or-after"; on an axis of hours, "time" too
    uncertain: bool  # the date is approximate or uncertain, or its time of day approximate
    lane: int  # 0 is the top lane
    #: On an axis of hours, a timed event's time as its mark says it ("23:40 Minsk time (20:40
    #: UTC)"); else empty.
    time: str = ""


@dataclass(frozen=True)
class Tick:
    """A division of the axis: the start of a year, a month, a day or an hour."""

    position: float  # percentage of the axis' width
    label: str  # empty for a tick without a label
    major: bool  # the start of a year (on an axis of days, of a month; of hours, of a day)


@dataclass(frozen=True)
class Axis:
    """An axis from ``first`` to ``last`` (whole days, both included) with its marks and ticks; an
    axis of hours from ``hours[0]`` to ``hours[1]``, on the days ``first`` to ``last`` of its clock."""

    first: date
    last: date
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    lanes: int
    unit: str  # what the ticks divide it into: "year", "month", "day" or "hour"
    #: On an axis of hours: the IANA zone it is drawn and labelled in ("UTC" when its events' times
    #: are in several), and where it begins and ends, in that zone.
    clock: str = ""
    hours: tuple[datetime, datetime] | None = None

    def span_words(self) -> str:
        """The period the axis covers, in words: ``February to December 2022``; on an axis of hours
        ``29 December 2022, 22:00 to 30 December 2022, 05:00 Minsk time``."""
        if self.hours is not None:
            begins, ends = self.hours
            # An axis that ends at midnight ends at the end of its last day, "24:00", not on the next.
            end_day, end_time = self.last, "24:00" if ends.hour == ends.minute == 0 else f"{ends:%H:%M}"
            until = end_time if end_day == begins.date() else f"{_day_words(end_day)}, {end_time}"
            return f"{_day_words(begins.date())}, {begins:%H:%M} to {until} {_clock_name(self.clock)}"
        first, last = self.first, self.last
        whole_months = first.day == 1 and (last == date.max or (last + timedelta(days=1)).day == 1)
        if self.unit == "day" and not whole_months:
            if (first.year, first.month) == (last.year, last.month) and first.day == 1:
                return f"{MONTH_NAMES[first.month]} {first.year}"
            return f"{_day_words(first)} to {_day_words(last)}"
        # Whole months, on an axis of days too: "November to December 2022", as on one of months.
        if (first.year, first.month) == (last.year, last.month):
            return f"{MONTH_NAMES[first.month]} {first.year}"
        if first.year == last.year:
            return f"{MONTH_NAMES[first.month]} to {MONTH_NAMES[last.month]} {first.year}"
        return f"{MONTH_NAMES[first.month]} {first.year} to {MONTH_NAMES[last.month]} {last.year}"

    def busiest_month(self) -> tuple[str, int] | None:
        """The month in which most of the axis' events begin, and how many; None when no month has two
        or all begin in one; None on an axis of hours (a few days)."""
        if self.unit == "hour":
            return None
        months = Counter((m.event.date.first_day().year, m.event.date.first_day().month) for m in self.marks)
        if len(months) < 2:
            return None
        (year, month), most = min(months.items(), key=lambda item: (-item[1], item[0]))
        return (f"{MONTH_NAMES[month]} {year}", most) if most > 1 else None

    def clock_words(self) -> str:
        """Which clock an axis of hours is drawn in, as its caption says it; empty on any other."""
        if self.unit != "hour":
            return ""
        if self.clock == "UTC":
            return "Hours are UTC: the events' times are given in different time zones."
        return f"Hours are {_clock_name(self.clock)} ({self.clock}), the time zone of every time on it."


def _clock_name(zone: str) -> str:
    """A reader's name for a clock: ``Minsk time``, or ``UTC``."""
    return "UTC" if zone == "UTC" else zone_city(zone)


#: The mark of each form of date (``EventDate.kind``) whose shape is not its precision's: a set's
#: or an interval's days are a span; a date open at one end has a tail towards the open side.
_SHAPES = {
    "one-of": "span",
    "interval": "span",
    "on-or-before": "on-or-before",
    "until": "on-or-before",
    "on-or-after": "on-or-after",
    "from": "on-or-after",
}


@cache
def date_bounds(when: EventDate) -> tuple[date, date]:
    """The first and the last day a date can mean (an open range: the days of its known end).
    Worked out once for each date: an event is marked on many axes."""
    start = when.start or when.end
    end = when.end or when.start
    assert start is not None and end is not None  # parse() never builds a date open at both ends
    return start.first_day(), end.last_day()


@cache
def _drawn(when: EventDate) -> tuple[str, bool]:
    """How a date's mark is drawn: its shape, and whether it is approximate or uncertain. Worked out
    once for each date, as its bounds are."""
    point = when.start or when.end
    assert point is not None
    uncertain = any(p is not None and (p.approximate or p.uncertain) for p in (when.start, when.end))
    shape = _SHAPES.get(when.kind, "day")
    if shape == "day" and point.precision != "day":
        shape = "span"
    return shape, uncertain


def build_axis(
    events: Sequence[Event],
    first: date | None = None,
    last: date | None = None,
    numbers: Mapping[str, int] | None = None,
) -> Axis | None:
    """The axis of these events (in the chronology's order), over whole months unless given its days;
    of hours when they fall within a few days and two or more have a time (see the module's
    docstring).

    Marks are numbered in that order from 1, or as ``numbers`` says. None when there is no event.
    """
    if not events:
        return None
    bounds = [date_bounds(e.date) for e in events]
    if first is None or last is None:
        low = min(b[0] for b in bounds)
        high = max(b[1] for b in bounds)
        hours = _hours_axis(events, bounds, low, high, numbers)
        if hours is not None:
            return hours
        first = low.replace(day=1)
        last = high.replace(day=calendar.monthrange(high.year, high.month)[1])
    days = (last - first).days + 1
    unit = "day" if days <= 62 else "month" if days <= 3 * 366 else "year"

    def at(day: date, after: int = 0) -> float:
        # Day numbers, not date arithmetic: the day after 31 December 9999 has no date.
        return (day.toordinal() + after - first.toordinal()) / days * 100

    spans = [(at(max(low, first)), at(min(high, last), after=1)) for low, high in bounds]
    marks, lanes = _marks(events, spans, numbers, [""] * len(events))
    return Axis(first, last, marks, _ticks(first, last, unit), lanes, unit)


def _marks(
    events: Sequence[Event],
    spans: Sequence[tuple[float, float]],
    numbers: Mapping[str, int] | None,
    times: list[str],
    hours: bool = False,
) -> tuple[tuple[Mark, ...], int]:
    """The events' marks over ``spans`` (where each begins and ends, in percentages of the axis),
    packed in lanes; and how many lanes."""
    placed: list[tuple[float, float, int, Event, float, float, str, bool]] = []
    for index, (event, (start, end)) in enumerate(zip(events, spans, strict=True)):
        shape, uncertain = _drawn(event.date)
        if times[index]:  # on an axis of hours: a time is a point, its window a span
            shape = "span" if event.time and event.time.end else "time"
        elif hours and shape == "day":  # and a day a span over its hours
            shape = "span"
        # An approximate time ("about 00:15") is drawn as uncertain as an approximate date: its day
        # is the one the sources give, but about a quarter past midnight may have been just before it.
        uncertain = uncertain or (event.time is not None and event.time.approximate)
        # The space the mark takes on the narrowest axis: its days, or a target's width around them.
        half = max(end - start, MARK_PX / NARROWEST_PX * 100) / 2 + GAP_PX / NARROWEST_PX * 100 / 2
        centre = (start + end) / 2
        placed.append((centre - half, centre + half, index, event, start, end - start, shape, uncertain))
    # Interval partitioning: each mark takes the lowest lane free at its left edge. Edges are
    # compared rounded: two marks that begin on one day have edges worked out from other centres
    # and widths, which may differ in the last bit and would stack the later one first.
    placed.sort(key=lambda p: (round(p[0], 9), p[2]))
    busy: list[tuple[float, int]] = []  # (right edge, lane) of the marks still in the way
    free: list[int] = []
    lanes = 0
    lane_of: dict[int, int] = {}
    for left, right, index, *_ in placed:
        while busy and busy[0][0] <= left:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, lanes = lanes, lanes + 1
        lane_of[index] = lane
        heapq.heappush(busy, (right, lane))
    marks = tuple(
        Mark(
            event,
            numbers[event.id] if numbers else index + 1,
            round(start, 3),
            round(width, 3),
            shape,
            uncertain,
            lane_of[index],
            times[index],
        )
        for _, _, index, event, start, width, shape, uncertain in sorted(placed, key=lambda p: p[2])
    )
    return marks, lanes


#: The days on which an axis of hours may be drawn: its clock's hours on the days around them, in
#: any zone, are datetimes.
_HOURS_FROM, _HOURS_TO = date(1, 1, 3), date(9999, 12, 29)


def _instants(event: Event) -> tuple[datetime, datetime] | None:
    """Where a timed event's time begins and ends, in UTC (one instant for a time without a window);
    None for an event without a time, or whose date is not one day."""
    if event.time is None or event.timezone is None or not event.date.is_single_day:
        return None
    low = date_bounds(event.date)[0]
    zone = ZoneInfo(event.timezone)

    def instant(hm: tuple[int, int]) -> datetime:
        return datetime(low.year, low.month, low.day, hm[0], hm[1], tzinfo=zone).astimezone(UTC)

    start = instant(event.time.start)
    return start, instant(event.time.end) if event.time.end else start


def _hours_axis(
    events: Sequence[Event],
    bounds: Sequence[tuple[date, date]],
    low: date,
    high: date,
    numbers: Mapping[str, int] | None,
) -> Axis | None:
    """The axis of hours of these events, or None where it is to be one of days, months or years."""
    if (high - low).days >= HOURS_DAYS or low < _HOURS_FROM or high > _HOURS_TO:
        return None
    instants = [_instants(e) for e in events]
    zones = {e.timezone for e, i in zip(events, instants, strict=True) if i is not None}
    if sum(i is not None for i in instants) < 2:
        return None
    clock = zones.pop() if len(zones) == 1 else "UTC"
    assert clock is not None
    zone = ZoneInfo(clock)

    def midnight(day: date) -> datetime:  # a day's start on the clock, in UTC
        return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)

    spans: list[tuple[datetime, datetime]] = []
    for (day_low, day_high), timed in zip(bounds, instants, strict=True):
        spans.append(timed or (midnight(day_low), midnight(day_high + timedelta(days=1))))
    hour_starts = _hour_starts(clock, low - timedelta(days=2), high + timedelta(days=2))
    # From the hour of the earliest mark to the first hour after the latest (after a time's instant:
    # a mark at an hour's start is not drawn at the axis' very end); and from the hour before a time
    # at an hour's start, whose mark, centred on it, would hang half off the axis' start.
    earliest = min(s for s, _ in spans)
    point = any(s == earliest and e == s for s, e in spans)
    begins = hour_starts[(bisect.bisect_left if point else bisect.bisect_right)(hour_starts, earliest) - 1]
    reach = max(max(end, start + timedelta(seconds=1)) for start, end in spans)
    ends = hour_starts[bisect.bisect_left(hour_starts, reach)]
    ends = max(ends, hour_starts[bisect.bisect_left(hour_starts, begins + timedelta(hours=HOURS_LEAST))])
    length = (ends - begins).total_seconds()

    def at(instant: datetime) -> float:
        return (instant - begins).total_seconds() / length * 100

    times = [_time_words(e) if i is not None else "" for e, i in zip(events, instants, strict=True)]
    marks, lanes = _marks(events, [(at(s), at(e)) for s, e in spans], numbers, times, hours=True)
    local_begins, local_ends = begins.astimezone(zone), ends.astimezone(zone)
    first, last = local_begins.date(), (local_ends - timedelta(microseconds=1)).date()
    return Axis(first, last, marks, _hour_ticks(begins, ends, clock), lanes, "hour", clock, (local_begins, local_ends))


def _time_words(event: Event) -> str:
    """A timed event's time as its mark on an axis of hours says it: as its event gives it, then in
    UTC, with the UTC day where it is not the event's ("23:40 Minsk time (20:40 UTC)"; "01:10 Kyiv
    time (23:10 UTC, 29 December)"); on any clock, the reader has both."""
    assert event.time is not None and event.timezone is not None
    zone = ZoneInfo(event.timezone)
    day = date_bounds(event.date)[0]
    # The words, "about" and all, are the time's own (TimeWindow.words), in its zone and in UTC.
    if event.timezone == "UTC":
        return f"{event.time.words()} UTC"
    start = datetime(day.year, day.month, day.day, *event.time.start, tzinfo=zone).astimezone(UTC)
    in_utc = f"{event.time.in_utc(day, event.timezone).words()} UTC"
    if start.date() != day:
        in_utc += f", {start.day} {MONTH_NAMES[start.month]}"
    return f"{event.time.words()} {zone_city(event.timezone)} ({in_utc})"


@cache
def _hour_starts(clock: str, first: date, last: date) -> list[datetime]:
    """Every instant, in UTC, at which the clock's hour begins (HH:00) on the days ``first`` to
    ``last``: an hour the clock skips (a change to summer time) is not among them, and one it tells
    twice (back to winter time) is there twice."""
    zone = ZoneInfo(clock)
    out: set[datetime] = set()
    for number in range(first.toordinal(), last.toordinal() + 1):
        day = date.fromordinal(number)
        for hour in range(24):
            wall = datetime(day.year, day.month, day.day, hour)
            before = wall.replace(tzinfo=zone).utcoffset()
            after = wall.replace(tzinfo=zone, fold=1).utcoffset()
            assert before is not None and after is not None
            if before < after:
                continue  # in the gap the clock jumps over: no such time
            out.add((wall - before).replace(tzinfo=UTC))
            out.add((wall - after).replace(tzinfo=UTC))
    return sorted(out)


def label_px(text: str) -> float:
    """How wide a tick's label is drawn, padding included, in pixels: never less than in any font of
    site.css's stack (see ``_DIGIT_EM``)."""
    ems = 0.0
    for char in text:
        if char.isdigit():
            ems += _DIGIT_EM
        elif char == " ":
            ems += _SPACE_EM
        elif "A" <= char <= "Z":
            ems += _CAPITAL_EM
        elif "a" <= char <= "z":
            ems += _SMALL_EM
        elif char == ":":
            ems += _COLON_EM
        else:
            ems += _OTHER_EM
    return LABEL_PAD_PX + ems * LABEL_FONT_PX


@cache
def _ticks(first: date, last: date, unit: str) -> tuple[Tick, ...]:
    """Ticks at each year, month or day start, labelled as many as fit on the narrowest axis (see
    ``_labelled``).

    Worked out once for each stretch of days: the axes of a 10,000-event site's pages and zooms
    (about 13,000) cover a few hundred stretches, the months and years of their events."""
    days = (last - first).days + 1

    def at(day: date) -> float:
        return (day.toordinal() - first.toordinal()) / days * 100  # as build_axis places the marks

    # Each tick: its day, whether it is major, its place from which to step (on an axis of days or
    # months, set below), its label, and on an axis of days or months its label naming the month or
    # year ("1 Mar", "Jan 2023"; else None).
    starts: list[tuple[date, bool, int, str, str | None]] = []
    # Counted by day number, month and year rather than by adding to a date, which fails after 9999.
    if unit == "day":
        for number in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(number)
            starts.append((day, day.day == 1, 0, str(day.day), f"{day.day} {MONTH_ABBR[day.month]}"))
    elif unit == "month":
        for months in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
            day = max(first, date(months // 12, months % 12 + 1, 1))
            label = MONTH_ABBR[day.month]
            starts.append((day, day.month == 1, 0, label, f"{label} {day.year}"))
    else:
        for year in range(first.year, last.year + 1):
            starts.append((date(year, 1, 1), year % 10 == 0, year, str(year), None))
    if unit != "year":
        # Counted from the first tick, and again from each month's or year's start.
        since = 0
        for i, (day, major, _, short, long) in enumerate(starts):
            since = 0 if major else since + 1 if i else 0
            starts[i] = (day, major, since, short, long)
    # Where each tick is, from its position as drawn.
    positions = [round(at(max(day, first)), 3) for day, *_ in starts]
    return _labelled(positions, [start[1:] for start in starts], unit)


@cache
def _hour_ticks(begins: datetime, ends: datetime, clock: str) -> tuple[Tick, ...]:
    """Ticks at each hour's start on the clock (``_hour_starts``) from ``begins`` to before ``ends``
    (in UTC), labelled as many as fit on the narrowest axis (see ``_labelled``): "22:00"; the first
    of each day, and the axis' first, with the day ("30 Dec", "29 Dec 22:00")."""
    zone = ZoneInfo(clock)
    days = (begins.astimezone(zone).date(), ends.astimezone(zone).date())
    instants = [t for t in _hour_starts(clock, days[0], days[1]) if begins <= t < ends]
    length = (ends - begins).total_seconds()
    positions = [round((t - begins).total_seconds() / length * 100, 3) for t in instants]
    starts: list[tuple[bool, int, str, str | None]] = []
    previous: date | None = None
    for t in instants:
        local = t.astimezone(zone)
        day, hour = local.date(), f"{local:%H:%M}"
        # A day's first tick is major, and names its day: "30 Dec", or "30 Dec 01:00" where the
        # clock skips midnight.
        major = previous is not None and day != previous
        named = f"{day.day} {MONTH_ABBR[day.month]}"
        starts.append((major, local.hour, hour, named if local.hour == 0 else f"{named} {hour}"))
        previous = day
    return _labelled(positions, starts, "hour")


def _labelled(
    positions: Sequence[float], starts: Sequence[tuple[bool, int, str, str | None]], unit: str
) -> tuple[Tick, ...]:
    """The ticks at ``positions`` (percentages of the axis), labelled as many as fit on the narrowest
    axis. Each of ``starts``: whether the tick is major, its place from which to step, its label,
    and its label naming its month, year or day (else None).

    A label runs right from its tick, and no label may reach within ``LABEL_GAP_PX`` of the next
    labelled tick on the narrowest axis (so on none), nor past the axis' end: one that would is
    drawn ending at the axis' end, back over its tick by no more than ``LABEL_SHIFT_PX``, or is left
    out. Labels go on the ticks
    of a regular step (``STEPS``), the smallest whose labels fit. On an axis of hours, days or
    months, the first tick names its day, month or year ("29 Dec 22:00", "1 Feb", "Feb 2022"), and
    so does each day's, month's or year's start ("30 Dec", "1 Mar", "Jan 2023"): those wider labels
    are placed first, and a tick of the step too close after one is left unlabelled; none of the
    step stands before the first that names. On an axis of years, the labels are the years of the
    step (2000, 2005, ...)."""
    # Where each tick is on the narrowest axis, in pixels.
    xs = [position * NARROWEST_PX / 100 for position in positions]
    # The step: the smallest at which ticks, however close, leave room for the widest short label
    # (the first tick's period may be cut short by the axis' first day: it does not count).
    room = min((b - a for a, b in itertools.pairwise(xs[1:])), default=float(NARROWEST_PX))
    widest = max(label_px(start[2]) for start in starts) + LABEL_GAP_PX
    fewest = math.ceil(len(starts) / MAX_LABELS)
    steps = STEPS[unit]
    step = next((s for s in steps if s >= fewest and s * room >= widest), steps[-1])

    lefts: list[float] = []  # the labelled ticks' places, in order along the axis
    rights: list[float] = []  # and where the next labelled tick may be
    labels: dict[int, str] = {}

    def place(i: int, label: str) -> bool:
        """Label tick ``i`` if its label leaves room for those labelled already, and ends within the
        axis."""
        width = label_px(label)
        # A label that would run past the axis' end ends at it (site.css), if that moves it no
        # further than LABEL_SHIFT_PX back over its tick.
        left = min(xs[i], NARROWEST_PX - width)
        right = left + width + LABEL_GAP_PX
        at_index = bisect.bisect(lefts, left)
        if (
            i in labels
            or xs[i] - left > LABEL_SHIFT_PX
            or (at_index and rights[at_index - 1] > left)
            or (at_index < len(lefts) and lefts[at_index] < right)
        ):
            return False
        lefts.insert(at_index, left)
        rights.insert(at_index, right)
        labels[i] = label
        return True

    opening = 0  # the first tick that may take a label of the step
    if unit != "year":
        # Each day's, month's or year's start is named; then, where the axis begins between two,
        # the first tick that can be is named before the next (the axis' first, unless its label
        # would run into the next's): no label of the step stands before a label that says what it
        # is in.
        majors = [i for i, start in enumerate(starts) if start[0]]
        for i in majors:
            place(i, starts[i][3] or "")
        before = majors[0] if majors else len(starts)
        opening = next((i for i in range(before) if place(i, starts[i][3] or "")), before)
    for i, (_, within, short, _) in enumerate(starts):
        if i >= max(opening, 1) and within % step == 0:
            place(i, short)
    # On an axis of years, the first year's tick (at the axis' first day, which may be late in it)
    # is labelled last, where it leaves room; and where no other is.
    if unit == "year" and (starts[0][1] % step == 0 or not labels):
        place(0, starts[0][2])
    return tuple(
        Tick(position, labels.get(i, ""), major)
        for i, (position, (major, *_)) in enumerate(zip(positions, starts, strict=True))
    )


def _day_words(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def zoom_axes(axis: Axis) -> list[tuple[str, str, Axis]]:
    """Closer axes for zooming in without script: on an axis of years, one of months for each year
    in which two or more events begin; on an axis of months, one of days for each such month; none
    on an axis of days or hours. Each is (id, name of the period, axis), its marks numbered as on ``axis``.
    """
    if axis.unit in ("day", "hour"):
        return []
    numbers = {mark.event.id: mark.number for mark in axis.marks}
    periods: dict[tuple[int, int], list[Event]] = {}
    for mark in axis.marks:
        low, _ = date_bounds(mark.event.date)
        periods.setdefault((low.year, low.month if axis.unit == "month" else 0), []).append(mark.event)
    out = []
    for (year, month), inside in periods.items():
        if len(inside) < 2:
            continue
        if month:
            first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
            key, name = f"{year:04d}-{month:02d}", f"{MONTH_NAMES[month]} {year}"
        else:
            first, last = date(year, 1, 1), date(year, 12, 31)
            key, name = f"{year:04d}", str(year)
        closer = build_axis(inside, first, last, numbers)
        assert closer is not None
        out.append((key, name, closer))
    return out
