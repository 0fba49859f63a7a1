"""Dates: the subset of EDTF the chronology uses, and local times with their time zone.

An event's date is EDTF (Library of Congress Extended Date/Time Format) at its true precision:
``2022`` (year), ``2022-11`` (month), ``2022-12-29`` (day), each optionally approximate (``~``),
uncertain (``?``) or both (``%``); a range ``A/B``; open ranges ``../B`` (on or before B) and
``A/..`` (on or after A). Anything else EDTF allows (seasons, unspecified digits, sets) is refused
here because the site could not show or sort it honestly.

The grammar is small enough to parse by hand, and the ``edtf`` package (pyparsing) costs about
10 ms a date, which made it most of the time of checking a large chronology. So the package is
the reference in the tests instead: ``tests/test_dates.py`` checks, over generated dates, that
this parser accepts exactly what ``edtf`` accepts within the subset, and reads the same bounds.

Sorting: an event sorts at the first day its date can mean, a coarser date before a finer one on
the same day ("November 2022" heads November, before "1 November 2022"), an open range at its known
end ("on or before 19 December" just before "19 December", a range starting that day after it),
then by time of day and finally by id, so the order is total and the same on every build.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

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


@dataclass(frozen=True)
class Point:
    """One end of a date: a year, a month or a day, perhaps approximate or uncertain."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

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
        if self.approximate:
            text = "about " + text
        if self.uncertain:
            text = "possibly " + text
        return text


@dataclass(frozen=True)
class EventDate:
    """A parsed EDTF date: a single point, a closed range, or a range open at one end."""

    text: str
    start: Point | None
    end: Point | None

    @property
    def kind(self) -> str:
        """``single``, ``range``, ``on-or-before`` or ``on-or-after``."""
        if self.start is None:
            return "on-or-before"
        if self.end is None:
            return "on-or-after"
        return "single" if self.start is self.end else "range"

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

    def words(self) -> str:
        """The date in words, as precise as it is known and no more."""
        if self.kind == "single":
            return self.anchor.words()
        if self.kind == "on-or-before":
            assert self.end is not None
            return "on or before " + self.end.words()
        if self.kind == "on-or-after":
            assert self.start is not None
            return "on or after " + self.start.words()
        assert self.start is not None and self.end is not None
        start, end = self.start, self.end
        plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
        if plain and start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
            return f"between {start.day} and {end.words()}"
        if plain and start.precision == end.precision and start.year == end.year and start.precision != "year":
            return f"between {start.words().rsplit(' ', 1)[0]} and {end.words()}"
        return f"between {start.words()} and {end.words()}"

    def sort_key(self) -> tuple[int, int, int]:
        """Order by first possible day, a coarser date before a finer one on that day; on that
        day "on or before" it first, then the day itself, then ranges and "on or after" it, which
        may mean later days."""
        return (
            self.first_day().toordinal(),
            PRECISIONS.index(self.precision),
            _KIND_ORDER[self.kind],
        )


_KIND_ORDER = {"on-or-before": 0, "single": 1, "range": 2, "on-or-after": 3}


def _parse_point(text: str, whole: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateError(
            "invalid-date",
            f"'{whole}' is not a date this chronology accepts",
            "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ or ?, or a range A/B, ../B, A/..",
        )
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


def parse(text: str) -> EventDate:
    """Parse an EDTF date of the accepted subset, or raise DateError saying what is wrong."""
    text = text.strip()
    if "/" in text:
        left, _, right = text.partition("/")
        if "" in (left, right):
            raise DateError(
                "invalid-date",
                f"'{text}': an empty end means 'unknown' in EDTF, which this chronology cannot place",
                "write '..' for an open end: ../2022-12-19 is 'on or before', 2022-12-19/.. 'on or after'",
            )
        if left == ".." and right == "..":
            raise DateError("invalid-date", f"'{text}': a range must have at least one known end")
        start = None if left == ".." else _parse_point(left, text)
        end = None if right == ".." else _parse_point(right, text)
        if start is not None and end is not None and end.last_day() < start.first_day():
            raise DateError(
                "date-range-order",
                f"the range '{text}' ends ({end.words()}) before it starts ({start.words()})",
                "put the earlier date first",
            )
        result = EventDate(text, start, end)
    else:
        point = _parse_point(text, text)
        result = EventDate(text, point, point)
    return result


@dataclass(frozen=True)
class TimeWindow:
    """A local time of day, or a window from one time to another, on one day."""

    text: str
    start: tuple[int, int]
    end: tuple[int, int] | None

    def words(self) -> str:
        """``10:00`` or ``10:00-11:00``."""
        first = f"{self.start[0]:02d}:{self.start[1]:02d}"
        if self.end is None:
            return first
        return f"{first}\u2013{self.end[0]:02d}:{self.end[1]:02d}"

    def minutes(self) -> int:
        """Minutes after midnight of the start, for sorting."""
        return self.start[0] * 60 + self.start[1]

    def in_utc(self, day: date, zone: str) -> TimeWindow:
        """The same window in UTC on ``day`` (the UTC day may differ; only the clock is kept)."""
        tz = ZoneInfo(zone)

        def convert(hm: tuple[int, int]) -> tuple[int, int]:
            moment = datetime(day.year, day.month, day.day, hm[0], hm[1], tzinfo=tz)
            utc = (moment - (moment.utcoffset() or timedelta())).replace(tzinfo=None)
            return (utc.hour, utc.minute)

        end = convert(self.end) if self.end else None
        return TimeWindow(self.text, convert(self.start), end)


def parse_time(text: str) -> TimeWindow:
    """Parse ``HH:MM`` or ``HH:MM/HH:MM`` (24-hour clock), or raise DateError."""
    parts = text.strip().split("/")
    if len(parts) > 2:
        raise DateError("invalid-time", f"'{text}' is not a time", "write HH:MM or HH:MM/HH:MM")
    values: list[tuple[int, int]] = []
    for part in parts:
        match = _TIME.fullmatch(part)
        if not match:
            raise DateError("invalid-time", f"'{text}' is not a time", "write HH:MM or HH:MM/HH:MM, e.g. 10:00/11:00")
        hour, minute = int(match["h"]), int(match["m"])
        if hour > 23 or minute > 59:
            raise DateError("invalid-time", f"'{part}' is not a time of day", "hours run 00-23, minutes 00-59")
        values.append((hour, minute))
    if len(values) == 2 and values[1] <= values[0]:
        raise DateError(
            "invalid-time", f"the time window '{text}' ends before it starts", "a window must end later on the same day"
        )
    return TimeWindow(text, values[0], values[1] if len(values) == 2 else None)


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
