"""Dates: the subset of EDTF the chronology uses, and local times with their time zone.

A time is ``HH:MM`` or a window ``HH:MM/HH:MM`` on the event's day; EDTF's ``~`` before a time marks
it approximate (``~00:15``, "about 00:15"), each end of a window on its own (``parse_time``).

An event's date is EDTF (Library of Congress Extended Date/Time Format) at its true precision, in
one of three families that mean different things and are worded differently:

- a point: ``2022`` (year), ``2022-11`` (month), ``2022-12-29`` (day), each optionally approximate
  (``~``), uncertain (``?``) or both (``%``): "29 December 2022", "about 19 December 2022";
- one of a set (EDTF Level 2): ``[2022-12-29..2022-12-31]`` is one day, not known which, from the
  29th to the 31st ("one day between 29 and 31 December 2022"); ``[..2022-12-19]`` is one day on or
  before the 19th, ``[2022-12-19..]`` one on or after it;
- an interval, a span that lasted: ``2022-12-19/2022-12-20`` ("from 19 to 20 December 2022");
  ``../2022-12-19`` lasted until the 19th, ``2022-12-19/..`` from the 19th onwards.

A bound of a set may carry ``~``, ``?`` or ``%`` (``[2022-12-29..2022-12-31~]``: the last possible
day is an estimate), and is then worded as such ("one day between 29 and about 31 December 2022").
EDTF's grammar puts a qualifier on a date in a set but not on an end of a ``..`` run; the
chronology accepts it there because an estimated bound is what its data has to say, and the
``edtf`` package (which refuses it) is compared on the unqualified form in the tests.

Refused, because the site could not show or sort them honestly or no record needs them: lists of
separate dates (``[2022-12-29, 2022-12-31]``: write the run that covers them and say in the basis
which days are possible), "all of" sets (``{...}``), the ends of a set at different precisions
(``[2022-12..2022-12-31]``, which EDTF refuses too), a set of one date (``[2022-12-29]``, which is
that date), seasons and unspecified digits.

The grammar is small enough to parse by hand, and the ``edtf`` package (pyparsing) costs about
10 ms a date, which made it most of the time of checking a large chronology. So the package is
the reference in the tests instead: ``tests/test_dates.py`` checks, over generated dates, that
this parser accepts exactly what ``edtf`` accepts within the subset, and reads the same bounds.

Order (``EventDate.sort_key``): a date sorts by the first day it can mean, an open start counting
as its known end; on that day a coarser date comes first ("November 2022" heads November, before
"1 November 2022"); then the date that can end sooner (the day itself before a set or interval
reaching to later days, and an open end last); then by form: "until" and "on or before" that day
before the day itself, an interval before a set with the same ends (the span is known to have
begun on its first day, the set's day may be any of them). Qualifiers do not move a date. Events
add their time of day, their title and then their id to this key, so the order is total and the
same on every build.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from chronology.pickling import by_fields

PRECISIONS = ("year", "month", "day")

# ASCII digits only: '\d' would read '٢٠٢٢' as 2022 (every script's digits are Unicode digits).
_POINT = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<q>[?~%])?")
_TIME = re.compile(r"(?P<h>[0-9]{2}):(?P<m>[0-9]{2})")


class DateError(ValueError):
    """A date or time that cannot be accepted; ``rule`` names the check that failed."""

    def __init__(self, rule: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint


@by_fields
@dataclass(frozen=True, slots=True)
class Point:
    """One end of a date: a year, a month or a day, perhaps approximate or uncertain."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def estimated(self) -> bool:
        """Whether the point is approximate or uncertain (``~``, ``?`` or ``%``): an estimate, not a bound."""
        return self.approximate or self.uncertain

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> date:
        """The earliest day the point can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest day the point can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The point at its precision in ISO 8601 (``2022``, ``2022-11``, ``2022-12-29``), for HTML's datetime."""
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def words(self) -> str:
        """The point in words at its precision: ``2022``, ``November 2022``, ``19 December 2022``."""
        if self.day and self.month:
            text = f"{self.day} {calendar.month_name[self.month]} {self.year}"
        elif self.month:
            text = f"{calendar.month_name[self.month]} {self.year}"
        else:
            text = str(self.year)
        return _qualified(text, self)


@by_fields
@dataclass(frozen=True, slots=True)
class EventDate:
    """A parsed EDTF date: a point, one of a set (``one_of``), or an interval.

    ``start`` and ``end`` are the known ends (the same Point for a point); None is an open end.
    """

    text: str
    start: Point | None
    end: Point | None
    one_of: bool = False

    @property
    def kind(self) -> str:
        """The date's form, which decides its words and its place in the order:

        ``single`` (2022-12-29); one of a set: ``one-of`` ([2022-12-29..2022-12-31]),
        ``on-or-before`` ([..2022-12-19]), ``on-or-after`` ([2022-12-19..]); an interval:
        ``interval`` (2022-12-19/2022-12-20), ``until`` (../2022-12-19), ``from`` (2022-12-19/..).
        """
        if self.one_of:
            return "on-or-before" if self.start is None else "on-or-after" if self.end is None else "one-of"
        if self.start is None:
            return "until"
        if self.end is None:
            return "from"
        return "single" if self.start is self.end else "interval"

    @property
    def anchor(self) -> Point:
        """The point the date sorts and groups by: its start, or its end when the start is open."""
        point = self.start or self.end
        assert point is not None  # parse() never builds a date open at both ends
        return point

    @property
    def precision(self) -> str:
        """The precision of the anchor point."""
        return self.anchor.precision

    @property
    def is_single_day(self) -> bool:
        """True when the date is exactly one known day."""
        return self.kind == "single" and self.anchor.precision == "day"

    def first_day(self) -> date:
        """The earliest day the date can mean (for an open start, its known end)."""
        return self.anchor.first_day()

    def earliest(self) -> date | None:
        """The earliest day the date can mean or cover; None when its start is open."""
        return self.start.first_day() if self.start else None

    def latest(self) -> date | None:
        """The latest day the date can mean or cover; None when its end is open."""
        return self.end.last_day() if self.end else None

    def __hash__(self) -> int:
        # The date's text, whose hash Python keeps, rather than a tuple of every field, points and
        # all, made again for each look-up (dates key the caches of their words, bounds and marks,
        # hundreds of thousands of times at 10,000 events). Equal dates have equal texts.
        return hash(self.text)

    def words(self) -> str:
        """The date in words, as precise as it is known and no more, in the words of its form.

        Worked out once for each date: every list, axis and search record an event is on shows its
        date, tens of thousands of times at 10,000 events."""
        return _words(self)

    def iso(self) -> str:
        """The date for HTML's ``datetime``, claiming no more than its words: a point or an open
        form as its known point; a set or interval as the month or year both its ends share
        (``2022-12`` for 29 to 31 December 2022), or as its start when they share no year.

        Worked out once for each date, as its words are."""
        return _iso(self)

    def sort_key(self) -> tuple[int, int, int, int]:
        """The date's place in the chronology's order (see the module's docstring): first
        possible day, coarser precision first, then the latest possible day (an open end last),
        then the form. Dates with equal keys differ only by their qualifiers."""
        latest = self.latest()
        return (
            self.first_day().toordinal(),
            PRECISIONS.index(self.precision),
            latest.toordinal() if latest else _OPEN_END,
            _KIND_ORDER[self.kind],
        )


@cache
def _words(date: EventDate) -> str:
    """``date.words()``, worked out. Kept by date: equal dates have one text, which decides their form
    (a single day's start is its end), and so have the same words."""
    start, end = date.start, date.end
    if start is None:
        assert end is not None
        return ("on or before " if date.one_of else "until ") + end.words()
    if end is None:
        return "on or after " + start.words() if date.one_of else "from " + start.words() + " onwards"
    if start is end:
        return start.words()
    first, last = _shared_words(start, end)
    if date.one_of:
        return f"one {start.precision} between {first} and {last}"
    return f"from {first} to {last}"


@cache
def _iso(date: EventDate) -> str:
    """``date.iso()``, worked out."""
    if date.start is None or date.end is None or date.start is date.end:
        return date.anchor.iso()
    first, last = date.start.iso(), date.end.iso()
    for length in (10, 7, 4):
        if len(first) >= length and len(last) >= length and first[:length] == last[:length]:
            return first[:length]
    return first


_OPEN_END = date.max.toordinal() + 1
_KIND_ORDER = {
    "until": 0,
    "on-or-before": 1,
    "single": 2,
    "interval": 3,
    "one-of": 4,
    "from": 5,
    "on-or-after": 6,
}


def _shared_words(start: Point, end: Point) -> tuple[str, str]:
    """The two ends in words, the start without the month and year it shares with the end:
    ("29", "31 December 2022"), ("30 November", "2 December 2022"), ("November", "December 2022");
    in full when the precisions differ or the years do."""
    last = end.words()
    if start.precision != end.precision or start.year != end.year or start.precision == "year":
        return start.words(), last
    if start.precision == "month":
        short = calendar.month_name[start.month or 1]
    elif start.month == end.month:
        short = str(start.day)
    else:
        short = f"{start.day} {calendar.month_name[start.month or 1]}"
    return _qualified(short, start), last


def _qualified(text: str, point: Point) -> str:
    """``text`` with the words of the point's qualifiers before it."""
    if point.approximate:
        text = "about " + text
    if point.uncertain:
        text = "possibly " + text
    return text


_FORMS_HINT = (
    "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %; one of a set [A..B], [..B], [A..]; "
    "or a span A/B, ../B, A/.."
)


#: A day with a time of day after it, as ISO 8601 and most programs write one.
_WITH_TIME = re.compile(
    r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:T|\s+)(?P<time>[0-9]{2}:[0-9]{2})(?::[0-9]{2}(?:\.[0-9]+)?)?\s*"
    r"(?P<offset>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)


def _misform(text: str) -> DateError | None:
    """What a date that is no form of this chronology's was most likely meant as: a day with a time
    of day, or a date as prose writes one, perhaps with a time of day as prose writes one ('29
    December 2022 at about 00:15', ``prose_dates``); None when it is none of these."""
    found = _WITH_TIME.fullmatch(text)
    if found:
        return DateError("invalid-date", f"'{text}': a date holds no time of day", _time_apart(found))
    from chronology import prose_dates  # it reads what it finds with parse(), from this module

    hint = prose_dates.meant(text) or prose_dates.day_and_time(text)
    if hint is not None:
        return DateError("invalid-date", f"'{text}' is not a date this chronology accepts", hint)
    return None


def _time_apart(found: re.Match[str]) -> str:
    """The hint for a day written with its time of day: the two apart, in 'time' and 'timezone'. A
    time given in UTC (Z) or at an offset keeps what it says: as UTC, converted from the offset,
    since an offset is no zone and the place's zone may have another offset that day."""
    day, time, offset = found["day"], found["time"], found["offset"]
    if not offset:
        return (
            f"write the day, {day}, and the time of day apart: time: '{time}', with timezone: "
            "the IANA zone of the place (e.g. Europe/Kyiv)"
        )
    if offset == "Z":
        return f"write the day, {day}, and the time of day apart: time: '{time}', with timezone: UTC"
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    shift = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)) * sign
    try:
        utc = datetime.fromisoformat(f"{day}T{time}") - shift
    except ValueError:  # no such day or time: the day's own check says so once it is apart
        return f"write the day, {day}, and the time of day apart, in 'time' with its 'timezone'"
    return (
        f"write the day and the time of day apart, in UTC: date: '{utc:%Y-%m-%d}', time: '{utc:%H:%M}', "
        f"timezone: UTC ({time} at {offset}); or keep {time} with the IANA zone of the place if its offset "
        f"that day was {offset}"
    )


def _parse_point(text: str, whole: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateError("invalid-date", f"'{whole}' is not a date this chronology accepts", _FORMS_HINT)
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError("invalid-date", f"'{whole}': there is no month {month}", "months run from 01 to 12")
    if year == 0:
        raise DateError("invalid-date", f"'{whole}': there is no year 0000 in this chronology")
    if month is not None and day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise DateError(
                "invalid-date",
                f"'{whole}': {calendar.month_name[month]} {year} has no day {day}",
                f"it has {days} days",
            )
    qualifier = match["q"] or ""
    return Point(
        year,
        month,
        day,
        approximate=qualifier in "~%" and bool(qualifier),
        uncertain=qualifier in "?%" and bool(qualifier),
    )


def _check_order(text: str, start: Point, end: Point, what: str) -> None:
    if end.last_day() < start.first_day():
        raise DateError(
            "date-range-order",
            f"the {what} '{text}' ends ({end.words()}) before it starts ({start.words()})",
            "put the earlier date first",
        )


def _parse_set(text: str) -> EventDate:
    """``[A..B]``, ``[..B]`` or ``[A..]``: one date, not known which, within the bounds."""
    if text.startswith("{"):
        raise DateError(
            "invalid-date",
            f"'{text}': 'all of a set' is not a date this chronology can place",
            "for one date, not known which, write [A..B], [..B] or [A..]",
        )
    if not text.endswith("]"):
        raise DateError("invalid-date", f"'{text}' is not a date this chronology accepts", _FORMS_HINT)
    inner = text[1:-1]
    if not inner.strip():
        raise DateError("invalid-date", f"'{text}': a set must name at least one date", "write [A..B], [..B] or [A..]")
    if "," in inner:
        raise DateError(
            "invalid-date",
            f"'{text}': a list of separate dates is not supported",
            "write the run that covers them, e.g. [2022-12-29..2022-12-31], and say in the basis which are possible",
        )
    if ".." not in inner:
        _parse_point(inner, text)  # a malformed date is reported as such, not as a set of one
        raise DateError("invalid-date", f"'{text}': a set of one date is that date", f"write {inner}")
    left, _, right = inner.partition("..")
    if not left and not right:
        raise DateError("invalid-date", f"'{text}': a set must have at least one known end")
    start = _parse_point(left, text) if left else None
    end = _parse_point(right, text) if right else None
    if start is not None and end is not None:
        if start.precision != end.precision:
            raise DateError(
                "invalid-date",
                f"'{text}': the ends of a set must be alike, not a {start.precision} and a {end.precision}",
                "give both as days (YYYY-MM-DD), both as months (YYYY-MM) or both as years",
            )
        _check_order(text, start, end, "set")
        if (start.year, start.month, start.day) == (end.year, end.month, end.day):
            point = end if end.estimated else start
            raise DateError(
                "invalid-date",
                f"'{text}': a set whose ends are the same date is that date",
                f"write {point.iso()}{_qualifier(point)}",
            )
    return EventDate(text, start, end, one_of=True)


def _qualifier(point: Point) -> str:
    return (
        "%" if point.approximate and point.uncertain else "~" if point.approximate else "?" if point.uncertain else ""
    )


def parse(text: str) -> EventDate:
    """Parse an EDTF date of the accepted subset, or raise DateError saying what is wrong."""
    text = text.strip()
    if text[:1] in ("[", "{"):
        return _parse_set(text)
    if "/" in text:
        left, _, right = text.partition("/")
        if "" in (left, right):
            raise DateError(
                "invalid-date",
                f"'{text}': an empty end means 'unknown' in EDTF, which this chronology cannot place",
                "write '..' for an open end: ../2022-12-19 lasted until that day, 2022-12-19/.. from it onwards; "
                "for one day on or before it write [..2022-12-19]",
            )
        if left == ".." and right == "..":
            raise DateError("invalid-date", f"'{text}': an interval must have at least one known end")
        start = None if left == ".." else _parse_point(left, text)
        end = None if right == ".." else _parse_point(right, text)
        if start is not None and end is not None:
            _check_order(text, start, end, "interval")
        return EventDate(text, start, end)
    misform = None if _POINT.fullmatch(text) else _misform(text)
    if misform is not None:
        raise misform
    point = _parse_point(text, text)
    return EventDate(text, point, point)


@by_fields
@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A local time of day, or a window from one time to another, on one day; either time may be
    approximate (``~00:15``: "about 00:15"), a window's each end on its own (``~10:00/11:00``)."""

    text: str
    start: tuple[int, int]
    end: tuple[int, int] | None
    start_approximate: bool = False
    end_approximate: bool = False

    @property
    def approximate(self) -> bool:
        """Whether the time, or an end of the window, is approximate: an estimate, not a time or a bound."""
        return self.start_approximate or self.end_approximate

    def words(self) -> str:
        """``10:00``, ``about 00:15``, ``10:00-11:00`` (an en dash), or, with an end approximate,
        ``from about 10:00 to 11:00``: a dash between "about 10:00" and "11:00" would read as about
        both, and so would "about 10:00 to 11:00" (which ``prose_dates`` reads as ``~10:00/~11:00``)."""
        first = _clock_words(self.start, self.start_approximate)
        if self.end is None:
            return first
        last = _clock_words(self.end, self.end_approximate)
        return f"from {first} to {last}" if self.approximate else f"{first}\u2013{last}"

    def minutes(self) -> int:
        """Minutes after midnight of the start, for sorting: an approximate time sorts at its time."""
        return self.start[0] * 60 + self.start[1]

    def in_utc(self, day: date, zone: str) -> TimeWindow:
        """The same window in UTC on ``day`` (the UTC day may differ; only the clock is kept), as
        approximate as it is."""

        def convert(hm: tuple[int, int]) -> tuple[int, int]:
            # Clock arithmetic, not datetime arithmetic: on 31 December 9999 (or 1 January 1) the UTC
            # moment lies outside the years a datetime can hold, but its clock time is still known.
            minutes = (hm[0] * 60 + hm[1] - utc_offset_minutes(day, hm, zone)) % (24 * 60)
            return divmod(minutes, 60)

        end = convert(self.end) if self.end else None
        return TimeWindow(self.text, convert(self.start), end, self.start_approximate, self.end_approximate)


def _clock_words(hm: tuple[int, int], approximate: bool) -> str:
    return f"{'about ' if approximate else ''}{hm[0]:02d}:{hm[1]:02d}"


#: The forms of a time, as the checker's hint for one it cannot read.
TIME_FORMS_HINT = (
    "write HH:MM (10:00), ~HH:MM for an approximate time (~00:15, about 00:15), or a window HH:MM/HH:MM "
    "(10:00/11:00), either end of which may be approximate (~10:00/11:00)"
)


def clock_gap_or_fold(day: date, hm: tuple[int, int], zone: str) -> tuple[str, int] | None:
    """Whether ``zone``'s clock skipped ``hm`` on ``day`` ("skipped": the clocks were put forward
    past it, so no such local time was) or told it twice ("repeated": put back over it), with the
    minutes the clocks moved by; None for a local time that was, once."""
    naive = datetime(day.year, day.month, day.day, hm[0], hm[1])
    tz = ZoneInfo(zone)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    moved = abs(((first.utcoffset() or timedelta()) - (second.utcoffset() or timedelta())) // timedelta(minutes=1))
    if not moved:
        return None
    try:
        back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    except OverflowError:  # within hours of the first or last day a datetime can hold
        return None
    return ("skipped" if back != naive else "repeated", moved)


def utc_offset_minutes(day: date, hm: tuple[int, int], zone: str) -> int:
    """How many minutes ``zone``'s clock is ahead of UTC at ``hm`` on ``day``: what tells apart
    10:00 in Minsk (07:00 UTC) and 10:00 in Kyiv (08:00 UTC) on one day."""
    moment = datetime(day.year, day.month, day.day, hm[0], hm[1], tzinfo=ZoneInfo(zone))
    return (moment.utcoffset() or timedelta()) // timedelta(minutes=1)


def parse_time(text: str) -> TimeWindow:
    """Parse ``HH:MM`` or ``HH:MM/HH:MM`` (24-hour clock), each time perhaps marked approximate with
    a ``~`` before it, or raise DateError naming the field and what is wrong; a time written as
    prose writes one ("about 10am") is told its form (``prose_dates.time_meant``)."""
    parts = text.split("/")
    values: list[tuple[int, int]] = []
    approximate: list[bool] = []
    for part in parts if len(parts) <= 2 else ():
        match = _TIME.fullmatch(part.removeprefix("~"))
        if not match:
            break
        hour, minute = int(match["h"]), int(match["m"])
        if hour > 23 or minute > 59:
            raise DateError("invalid-time", f"'time': '{part}' is not a time of day", "hours run 00-23, minutes 00-59")
        values.append((hour, minute))
        approximate.append(part.startswith("~"))
    if len(values) != len(parts) or not values:
        from chronology import prose_dates  # it checks the forms it offers with parse_time, from this module

        hint = prose_dates.time_meant(text)
        raise DateError("invalid-time", f"'time' has the wrong form: '{text}'", hint or TIME_FORMS_HINT)
    if len(values) == 2 and values[1] <= values[0]:
        raise DateError(
            "invalid-time",
            f"'time': the window '{text}' ends {'when' if values[1] == values[0] else 'before'} it starts",
            "a window must end later on the same day; a single time is written alone",
        )
    end = values[1] if len(values) == 2 else None
    return TimeWindow(text, values[0], end, approximate[0], len(values) == 2 and approximate[1])


@cache
def time_zones() -> frozenset[str]:
    """Every IANA time zone name known to the tz database (from the ``tzdata`` package)."""
    return frozenset(available_timezones())


def check_time_zone(name: str) -> None:
    """Raise DateError unless ``name`` is an IANA time zone."""
    if name not in time_zones():
        raise DateError("invalid-timezone", f"'{name}' is not an IANA time zone")


def zone_city(name: str) -> str:
    """A reader's name for a zone: ``Europe/Minsk`` is ``Minsk time``."""
    return name.rsplit("/", 1)[-1].replace("_", " ") + " time"
