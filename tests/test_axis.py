"""The time axis: marks to scale, honest about each date's precision, packed in lanes in order."""

from __future__ import annotations

import calendar
import dataclasses
import itertools
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronology.axis import (
    HOURS_DAYS,
    LABEL_SHIFT_PX,
    MARK_PX,
    NARROWEST_PX,
    Axis,
    Tick,
    build_axis,
    date_bounds,
    label_px,
    zoom_axes,
)
from chronology.dates import parse, parse_time
from chronology.model import Citation, Event

if TYPE_CHECKING:
    from chronology.model import Chronology

SITE_CSS = Path(__file__).resolve().parents[1] / "templates" / "assets" / "site.css"


def event(event_id: str, when: str) -> Event:
    return Event(event_id, event_id, parse(when), "Something happened.", (Citation("s", ("x",)),), f"{event_id}.yaml")


def test_bounds_are_every_day_the_date_can_mean() -> None:
    assert date_bounds(parse("2022-12-29")) == (date(2022, 12, 29), date(2022, 12, 29))
    assert date_bounds(parse("2022-11")) == (date(2022, 11, 1), date(2022, 11, 30))
    assert date_bounds(parse("2022-12-29/2022-12-31")) == (date(2022, 12, 29), date(2022, 12, 31))
    assert date_bounds(parse("../2022-02-24")) == (date(2022, 2, 24), date(2022, 2, 24))
    assert date_bounds(parse("2022-02-24/..")) == (date(2022, 2, 24), date(2022, 2, 24))
    assert date_bounds(parse("2020")) == (date(2020, 1, 1), date(2020, 12, 31))


def test_marks_are_to_scale_over_whole_months() -> None:
    axis = build_axis([event("a", "2022-02-24"), event("b", "2022-11"), event("c", "2022-12-29/2022-12-31")])
    assert axis is not None
    assert (axis.first, axis.last, axis.unit) == (date(2022, 2, 1), date(2022, 12, 31), "month")
    days = (date(2022, 12, 31) - date(2022, 2, 1)).days + 1  # 334
    a, b, c = axis.marks
    assert (a.shape, a.start, a.width) == ("day", round(23 / days * 100, 3), round(1 / days * 100, 3))
    assert (b.shape, b.width) == ("span", round(30 / days * 100, 3))
    assert (c.shape, c.width, c.uncertain) == ("span", round(3 / days * 100, 3), False)
    assert round(c.start + c.width, 3) == 100
    assert axis.span_words() == "February to December 2022"
    # Every other month: "Apr" would run into "Feb 2022" on a phone.
    assert [t.label for t in axis.ticks if t.label] == ["Feb 2022", "Jun", "Aug", "Oct", "Dec"]


def test_open_and_uncertain_dates_are_drawn_as_such() -> None:
    axis = build_axis(
        [
            event("a", "../2022-02-24"),
            event("b", "[..2022-02-24]"),
            event("c", "2022-03-01/.."),
            event("d", "[2022-03-01..]"),
            event("e", "2022-03-05?"),
            event("f", "[2022-03-05..2022-03-07~]"),
        ]
    )
    assert axis is not None
    assert [(m.shape, m.uncertain) for m in axis.marks] == [
        ("on-or-before", False),
        ("on-or-before", False),
        ("on-or-after", False),
        ("on-or-after", False),
        ("day", True),
        ("span", True),
    ]


def test_an_approximate_time_is_drawn_as_uncertain_as_an_approximate_date() -> None:
    from dataclasses import replace

    from chronology.dates import parse_time

    at = replace(event("a", "2022-12-29"), time=parse_time("10:00/11:00"), timezone="Europe/Minsk")
    about = replace(event("b", "2022-12-29"), time=parse_time("~00:15"), timezone="Europe/Minsk")
    about_end = replace(event("c", "2022-12-29"), time=parse_time("10:00/~11:00"), timezone="Europe/Minsk")
    axis = build_axis([at, about, about_end])
    assert axis is not None and axis.unit == "hour"
    assert [(m.shape, m.uncertain) for m in axis.marks] == [("span", False), ("time", True), ("span", True)]
    # On an axis of days (a month later, an event too far for hours), a day, as uncertain as before.
    axis = build_axis([at, about, about_end, event("d", "2023-01-29")])
    assert axis is not None and axis.unit == "day"
    assert [(m.shape, m.uncertain) for m in axis.marks[:3]] == [("day", False), ("day", True), ("day", True)]


def test_one_day_of_a_set_spans_the_days_it_can_mean() -> None:
    assert date_bounds(parse("[2022-12-29..2022-12-31~]")) == (date(2022, 12, 29), date(2022, 12, 31))
    assert date_bounds(parse("[..2022-12-19]")) == (date(2022, 12, 19), date(2022, 12, 19))
    axis = build_axis([event("a", "2022-12-01"), event("b", "[2022-12-29..2022-12-31]")])
    assert axis is not None
    b = axis.marks[1]
    assert (b.shape, b.start, b.width) == ("span", round(28 / 31 * 100, 3), round(3 / 31 * 100, 3))


def test_a_sequence_on_one_date_is_stacked_in_the_order_given() -> None:
    events = [event(f"e{i}", "2022-12-29/2022-12-31") for i in range(5)]
    axis = build_axis([event("first", "2022-02-01"), *events])
    assert axis is not None
    assert [m.number for m in axis.marks] == [1, 2, 3, 4, 5, 6]
    assert [m.lane for m in axis.marks[1:]] == [0, 1, 2, 3, 4]
    assert axis.marks[0].lane == 0 and axis.lanes == 5


def test_marks_share_a_lane_only_when_they_cannot_overlap_on_the_narrowest_axis() -> None:
    # On a year's axis a mark takes MARK_PX of NARROWEST_PX: about 30 days.
    year = [
        event("jan", "2022-01-01"),
        event("feb", "2022-02-15"),
        event("feb2", "2022-02-20"),
        event("dec", "2022-12"),
    ]
    axis = build_axis(year)
    assert axis is not None
    assert [m.lane for m in axis.marks] == [0, 0, 1, 0]
    days_per_target = 365 * MARK_PX / NARROWEST_PX
    assert 20 < days_per_target < 31


def test_zoom_gives_the_days_of_each_crowded_month() -> None:
    events = [event("a", "2022-02-24"), event("b", "2022-12-19"), event("c", "2022-12-29/2022-12-31")]
    axis = build_axis(events)
    assert axis is not None and axis.unit == "month"
    zoom = zoom_axes(axis)
    assert [(key, name) for key, name, _ in zoom] == [("2022-12", "December 2022")]
    days = zoom[0][2]
    assert (days.unit, days.first, days.last) == ("day", date(2022, 12, 1), date(2022, 12, 31))
    assert [m.number for m in days.marks] == [2, 3]  # numbered as on the whole axis
    assert days.span_words() == "December 2022"
    assert zoom_axes(days) == []


def test_zoom_over_years_gives_the_months_of_each_crowded_year() -> None:
    events = [event("a", "2015-03"), event("b", "2015-06-01"), event("c", "2019"), event("d", "2022-12-29")]
    axis = build_axis(events)
    assert axis is not None and axis.unit == "year"
    assert [t.label for t in axis.ticks if t.label] == ["2016", "2018", "2020", "2022"]  # 8 years: even ones
    zoom = zoom_axes(axis)
    assert [(key, name) for key, name, _ in zoom] == [("2015", "2015")]
    months = zoom[0][2]
    assert (months.unit, months.first, months.last) == ("month", date(2015, 1, 1), date(2015, 12, 31))
    assert [m.number for m in months.marks] == [1, 2]


def test_no_events_no_axis() -> None:
    assert build_axis([]) is None


def test_an_axis_of_days_over_whole_months_is_told_in_months() -> None:
    # "1 November 2022 to 31 December 2022" beside "February to December 2022" on other pages.
    events = [event("a", "2022-11-10"), event("b", "2022-12-29")]
    axis = build_axis(events)
    assert axis is not None
    assert (axis.unit, axis.first, axis.last) == ("day", date(2022, 11, 1), date(2022, 12, 31))
    assert axis.span_words() == "November to December 2022"
    one = build_axis([event("a", "2022-12-02"), event("b", "2022-12-29")])
    assert one is not None and one.span_words() == "December 2022"


def test_marks_that_begin_on_one_day_stack_in_order_whatever_their_widths() -> None:
    # "Possibly April 2012" and "from April to May 2012" begin on one day: their left edges, worked
    # out from their centres and widths, differed in the last bit (49.6875 and 49.68749999999999),
    # which stacked the later one first.
    events = [
        event("a", "2011-10-01"),
        event("april", "2012-04?"),
        event("span", "2012-04/2012-05"),
        event("span2", "2012-04/2012-05"),
        event("b", "2012-07-31"),
    ]
    axis = build_axis(events)
    assert axis is not None
    stacked = sorted((m for m in axis.marks if m.event.id in ("april", "span", "span2")), key=lambda m: m.lane)
    assert [m.event.id for m in stacked] == ["april", "span", "span2"]


# --- tick labels: none runs into the next, at any span -------------------------------------------

#: Advance widths in ems, as Chromium sets them, of the characters tick labels are made of, in the
#: fonts site.css's stack falls back to on Linux: DejaVu Sans (the widest) and Liberation Sans.
DEJAVU_SANS = dict(
    zip(
        "0123456789 :ADFJMNOSabceglnoprtuvy",
        (
            *[0.636] * 10,
            0.318,
            0.337,
            0.684,
            0.77,
            0.575,
            0.295,
            0.863,
            0.748,
            0.787,
            0.635,
            0.613,
            0.635,
            0.55,
            0.615,
            0.635,
            0.278,
            0.634,
            0.612,
            0.635,
            0.411,
            0.392,
            0.634,
            0.592,
            0.592,
        ),
        strict=True,
    )
)
LIBERATION_SANS = dict(
    zip(
        "0123456789 :ADFJMNOSabceglnoprtuvy",
        (
            *[0.556] * 10,
            0.278,
            0.278,
            0.667,
            0.722,
            0.611,
            0.5,
            0.833,
            0.722,
            0.778,
            0.667,
            0.556,
            0.556,
            0.5,
            0.556,
            0.556,
            0.222,
            0.556,
            0.556,
            0.556,
            0.333,
            0.278,
            0.556,
            0.5,
            0.5,
        ),
        strict=True,
    )
)
#: The least room, in pixels, between a label's end and the next labelled tick (whose label begins
#: after its padding): half an em of the labels' 12 pixels.
APART_PX = 6.0


def label_css() -> tuple[float, float]:
    """The tick labels' font size and left padding in pixels, as site.css draws them (on a 16-pixel root)."""
    rule = re.search(r"\.tick-label \{([^}]*)\}", SITE_CSS.read_text("utf-8"))
    assert rule, "site.css has no .tick-label rule"
    size = re.search(r"font-size: ([\d.]+)rem", rule.group(1))
    padding = re.search(r"padding: [\d.]+(?:rem)? [\d.]+(?:rem)? [\d.]+(?:rem)? ([\d.]+)rem", rule.group(1))
    assert size and padding, rule.group(1)
    return float(size.group(1)) * 16, float(padding.group(1)) * 16


def drawn_px(label: str, font: dict[str, float]) -> float:
    """How wide a label is drawn in ``font``, its padding included."""
    size, padding = label_css()
    return padding + sum(font[c] for c in label) * size


def drawn_left(tick: Tick) -> float:
    """Where a tick's label begins on the narrowest axis, in DejaVu Sans: at its tick, or, where it
    would run past the axis' end, where it ends at the end (site.css)."""
    return min(tick.position * NARROWEST_PX / 100, NARROWEST_PX - drawn_px(tick.label, DEJAVU_SANS))


def assert_labels_apart(axis: Axis) -> None:
    """On the narrowest axis, so on every wider one, each label ends APART_PX or more before the
    next label begins, in DejaVu Sans, the widest font site.css's stack falls back to; and within
    the axis, none drawn back over its tick by more than LABEL_SHIFT_PX to end there."""
    labelled = [t for t in axis.ticks if t.label]
    assert labelled, (axis.first, axis.last)
    for a, b in itertools.pairwise(labelled):
        end = drawn_left(a) + drawn_px(a.label, DEJAVU_SANS)
        room = drawn_left(b) - end
        assert room >= APART_PX, f"{axis.first} to {axis.last}: {a.label!r} ends {room:.1f} px before {b.label!r}"
    for tick in labelled:
        left = drawn_left(tick)
        assert left >= 0 and left + drawn_px(tick.label, DEJAVU_SANS) <= NARROWEST_PX, tick
        assert tick.position * NARROWEST_PX / 100 - left <= LABEL_SHIFT_PX, tick
    if axis.unit != "year":
        # The first label names the month ("1 Feb"), the year ("Feb 2022") or on an axis of hours
        # the day ("29 Dec 22:00") the next ones are in.
        assert " " in labelled[0].label, [t.label for t in labelled]


def test_the_labels_of_a_february_to_march_axis_do_not_run_together() -> None:
    # A reviewer's chronology of 20 February to 14 March 2025: its axis read "281 Mar".
    axis = build_axis([event("a", "2025-02-20"), event("b", "2025-03-14")])
    assert axis is not None and axis.unit == "day"
    assert_labels_apart(axis)
    # "31", at 31 March, would run past the axis' end, or stand over the 29th's tick to end there.
    assert [t.label for t in axis.ticks if t.label] == ["1 Feb", "11", "21", "1 Mar", "11", "21"]


def test_a_year_is_named_where_it_begins_and_no_month_label_runs_into_it() -> None:
    axis = build_axis([event("a", "2024-09-10"), event("b", "2025-03-14")])
    assert axis is not None and axis.unit == "month"
    assert_labels_apart(axis)
    assert [t.label for t in axis.ticks if t.label] == ["Sep 2024", "Nov", "Dec", "Jan 2025", "Mar"]
    # An axis that begins in December names the year about to begin, not the month before it.
    axis = build_axis([event("a", "2022-12-10"), event("b", "2024-11-14")])
    assert axis is not None and axis.unit == "month"
    assert_labels_apart(axis)
    assert [t.label for t in axis.ticks if t.label] == ["Jan 2023", "Sep", "Jan 2024", "Sep"]


#: A day, and how many days on an axis starts there: of days, of months, of years and of centuries.
spans = st.tuples(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.one_of(
        st.integers(0, 62), st.integers(63, 3 * 366), st.integers(3 * 366 + 1, 40_000), st.integers(0, 3_700_000)
    ),
)


@settings(max_examples=300)
@given(spans, st.booleans())
@example((date(2025, 2, 20), 22), False)  # 20 February to 14 March 2025
@example((date(2024, 9, 10), 185), False)  # September 2024 to March 2025
@example((date(1, 1, 1), 3_700_000), False)  # every day there is
@example((date(2015, 6, 1), 7300), False)  # twenty years, two decades' starts
def test_no_tick_label_runs_into_the_next(span: tuple[date, int], exact: bool) -> None:
    first, days = span
    last = date.fromordinal(min(first.toordinal() + days, date.max.toordinal()))
    events = [event("a", first.isoformat()), event("b", last.isoformat())]
    # Over whole months, as every page's axis is, or over the days themselves.
    axis = build_axis(events, first, last) if exact else build_axis(events)
    assert axis is not None
    assert_labels_apart(axis)
    for _, _, closer in zoom_axes(axis):
        assert_labels_apart(closer)


def test_a_labels_width_is_reckoned_no_narrower_than_any_font_draws_it() -> None:
    from chronology.axis import LABEL_FONT_PX, LABEL_PAD_PX

    assert label_css() == (LABEL_FONT_PX, LABEL_PAD_PX)
    months = [*calendar.month_abbr[1:]]
    labels = [*months, *(f"{m} {y}" for m in months for y in (1, 999, 2022)), *map(str, range(1, 32))]
    labels += [f"{d} {m}" for d in (1, 28, 31) for m in months] + [str(y) for y in (1, 10, 100, 1000, 2000, 9999)]
    hours = [f"{h:02d}:00" for h in range(24)]
    labels += hours + [f"{d} {m} {h}" for d in (1, 28, 31) for m in months for h in hours]
    for label in labels:
        for font in (DEJAVU_SANS, LIBERATION_SANS):
            assert label_px(label) >= drawn_px(label, font), label
    assert label_px("a\u0416") > label_px("ab")  # a character of no known width is given an em


def test_an_axis_of_days_labels_the_same_days_in_each_month() -> None:
    axis = build_axis([event("a", "2022-12-02"), event("b", "2023-01-29")])
    assert axis is not None
    assert [t.label for t in axis.ticks if t.label] == ["1 Dec", "11", "21", "1 Jan", "11", "21"]
    assert [t.major for t in axis.ticks if t.label] == [True, False, False, True, False, False]
    assert sum(1 for t in axis.ticks) == 62


def test_the_last_label_ends_within_the_axis() -> None:
    # February to December 2022: "Dec", at 304 of 334 days, would have run 2 px past the axis' end;
    # it is drawn back to end there, still over its tick.
    axis = build_axis([event("a", "2022-02-24"), event("b", "2022-12-29")])
    assert axis is not None
    last = [t for t in axis.ticks if t.label][-1]
    assert last.label == "Dec"
    assert last.position * NARROWEST_PX / 100 + label_px("Dec") > NARROWEST_PX
    assert_labels_apart(axis)
    # "31" at 31 January of a 62-day axis would have to stand over the 29th to end there: left out.
    axis = build_axis([event("a", "2022-12-02"), event("b", "2023-01-29")])
    assert axis is not None
    assert [t.label for t in axis.ticks if t.label][-1] == "21"
    assert_labels_apart(axis)


def test_the_narrowest_axis_is_a_320_pixel_screen_less_the_pages_margins() -> None:
    # site.css: the page's content (.wrap) has 1rem of padding on each side, on a 16-pixel root.
    rule = re.search(r"\.wrap \{([^}]*)\}", SITE_CSS.read_text("utf-8"))
    assert rule, "site.css has no .wrap rule"
    padding = re.search(r"padding: 0 ([\d.]+)rem;", rule.group(1))
    assert padding, rule.group(1)
    assert float(padding.group(1)) * 16 * 2 + NARROWEST_PX == 320


# --- an axis of hours: a few days, two or more events with a time ----------------------------------


def timed(event_id: str, when: str, time: str | None = None, zone: str | None = None) -> Event:
    """An event on a day, at a time of day in a zone when given."""
    plain = event(event_id, when)
    return dataclasses.replace(plain, time=parse_time(time) if time else None, timezone=zone)


def instant(e: Event) -> datetime:
    """Where a timed event's time begins, in UTC."""
    assert e.time is not None and e.timezone is not None
    day = date_bounds(e.date)[0]
    start = datetime(day.year, day.month, day.day, *e.time.start, tzinfo=ZoneInfo(e.timezone))
    return start.astimezone(UTC)


def test_an_overnight_story_is_drawn_in_hours() -> None:
    # A fact-checker's story: 23:40 and 23:52 on one day, 04:10 the next, and an event of the
    # second day whose time is not known; all in Kyiv time.
    events = [
        timed("a", "2024-12-29", "23:40", "Europe/Kyiv"),
        timed("b", "2024-12-29", "23:52", "Europe/Kyiv"),
        timed("c", "2024-12-30", "04:10", "Europe/Kyiv"),
        timed("d", "2024-12-30"),
    ]
    axis = build_axis(events)
    assert axis is not None
    assert (axis.unit, axis.clock, axis.first, axis.last) == (
        "hour",
        "Europe/Kyiv",
        date(2024, 12, 29),
        date(2024, 12, 30),
    )
    # From 23:00 on the 29th, the hour of the first mark, to the end of the 30th, the last day's.
    assert axis.span_words() == "29 December 2024, 23:00 to 30 December 2024, 24:00 Kyiv time"
    assert axis.clock_words() == "Hours are Kyiv time (Europe/Kyiv), the time zone of every time on it."
    hours = 25
    a, b, c, d = axis.marks
    assert (a.shape, a.start, a.width) == ("time", round(40 / 60 / hours * 100, 3), 0)
    assert (b.shape, b.start) == ("time", round(52 / 60 / hours * 100, 3))
    assert (c.shape, c.start) == ("time", round((1 + 4 + 10 / 60) / hours * 100, 3))
    assert (d.shape, d.start, d.width) == ("span", round(1 / hours * 100, 3), round(24 / hours * 100, 3))
    assert [m.time for m in axis.marks] == [
        "23:40 Kyiv time (21:40 UTC)",
        "23:52 Kyiv time (21:52 UTC)",
        "04:10 Kyiv time (02:10 UTC)",
        "",
    ]
    # A tick at each hour; the day's change is named where it comes.
    assert len(axis.ticks) == hours
    assert [t.label for t in axis.ticks if t.label] == ["30 Dec", "06:00", "12:00", "18:00"]
    assert [t.major for t in axis.ticks if t.label] == [True, False, False, False]
    assert_labels_apart(axis)
    assert axis.busiest_month() is None and zoom_axes(axis) == []


def test_an_overnight_story_of_times_alone_spans_its_hours() -> None:
    events = [
        timed("a", "2024-12-29", "22:40", "Europe/Minsk"),
        timed("b", "2024-12-29", "23:52", "Europe/Minsk"),
        timed("c", "2024-12-30", "01:10/02:30", "Europe/Minsk"),
    ]
    axis = build_axis(events)
    assert axis is not None and axis.unit == "hour"
    assert axis.span_words() == "29 December 2024, 22:00 to 30 December 2024, 03:00 Minsk time"
    # Five hours, each labelled but 23:00, which would run into the first label, naming its day.
    assert [t.label for t in axis.ticks] == ["29 Dec 22:00", "", "30 Dec", "01:00", "02:00"]
    c = axis.marks[2]
    assert (c.shape, c.start, c.width) == ("span", round((3 + 1 / 6) / 5 * 100, 3), round(4 / 3 / 5 * 100, 3))
    assert c.time == "01:10\u201302:30 Minsk time (22:10\u201323:30 UTC, 29 December)"
    assert_labels_apart(axis)


def test_times_in_different_zones_are_placed_and_labelled_in_utc() -> None:
    events = [
        timed("a", "2024-12-29", "23:40", "Europe/Kyiv"),  # 21:40 UTC
        timed("b", "2024-12-29", "23:52", "Europe/Minsk"),  # 20:52 UTC: before a
        timed("c", "2024-12-30", "04:10", "Europe/Kyiv"),  # 02:10 UTC
    ]
    axis = build_axis(events)
    assert axis is not None
    assert (axis.unit, axis.clock) == ("hour", "UTC")
    assert axis.clock_words() == "Hours are UTC: the events' times are given in different time zones."
    assert axis.span_words() == "29 December 2024, 20:00 to 30 December 2024, 03:00 UTC"
    a, b, c = axis.marks
    assert b.start < a.start < c.start
    assert next(t.label for t in axis.ticks if t.label) == "29 Dec 20:00"
    assert b.time == "23:52 Minsk time (20:52 UTC)"


def test_one_time_or_a_longer_span_keeps_the_axis_of_days() -> None:
    # One time alone says nothing of an hour's place beside another's: an axis of days, as the
    # example's pages have.
    axis = build_axis([timed("a", "2024-12-29", "23:40", "Europe/Kyiv"), timed("b", "2024-12-30")])
    assert axis is not None and axis.unit == "day" and all(not m.time for m in axis.marks)
    # More than HOURS_DAYS days.
    first = date(2024, 12, 29)
    last = first + timedelta(days=HOURS_DAYS)
    far = [timed("a", first.isoformat(), "23:40", "Europe/Kyiv"), timed("b", last.isoformat(), "01:00", "Europe/Kyiv")]
    axis = build_axis(far)
    assert axis is not None and axis.unit == "day"
    near = [far[0], timed("b", (last - timedelta(days=1)).isoformat(), "01:00", "Europe/Kyiv")]
    axis = build_axis(near)
    assert axis is not None and axis.unit == "hour"


def test_hours_across_a_change_of_clock_are_its_hours() -> None:
    # Kyiv's clocks went back from 04:00 to 03:00 on 27 October 2024: 03:00 came twice, one hour
    # apart; and on from 03:00 to 04:00 on 31 March 2024: there was no 03:00.
    axis = build_axis(
        [timed("a", "2024-10-27", "01:30", "Europe/Kyiv"), timed("b", "2024-10-27", "05:10", "Europe/Kyiv")]
    )
    assert axis is not None
    # From 01:00 to 06:00 by the clock: six hours, a tick at each, 03:00 twice.
    assert [t.position for t in axis.ticks] == [round(i / 6 * 100, 3) for i in range(6)]
    assert [t.label for t in axis.ticks] == ["27 Oct 01:00", "", "03:00", "03:00", "04:00", "05:00"]
    assert axis.span_words() == "27 October 2024, 01:00 to 06:00 Kyiv time"
    axis = build_axis(
        [timed("a", "2024-03-31", "01:30", "Europe/Kyiv"), timed("b", "2024-03-31", "05:10", "Europe/Kyiv")]
    )
    assert axis is not None
    # From 01:00 to 06:00 by the clock: four hours.
    assert [t.position for t in axis.ticks] == [0, 25, 50, 75]
    assert [t.label for t in axis.ticks] == ["31 Mar 01:00", "", "04:00", "05:00"]
    assert axis.marks[1].start == round((3 + 1 / 6) / 4 * 100, 3)


#: An IANA zone of each kind of offset: whole hours, half and three quarters, with summer time,
#: south of the equator, a day's breadth apart, and local mean time in 1880.
ZONES = (
    "UTC",
    "Europe/Kyiv",
    "Europe/Minsk",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/St_Johns",
)


@st.composite
def short_stories(draw: st.DrawFn) -> list[Event]:
    """A few events within HOURS_DAYS days, two or more with a time, in one zone or several."""
    first = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    zones = draw(st.lists(st.sampled_from(ZONES), min_size=1, max_size=3))
    events = []
    for i in range(draw(st.integers(2, 12))):
        day = date.fromordinal(min(first.toordinal() + draw(st.integers(0, HOURS_DAYS - 1)), date.max.toordinal()))
        if i < 2 or draw(st.booleans()):
            start = draw(st.integers(0, 23 * 60 + 59))
            end = draw(st.one_of(st.none(), st.integers(start + 1, 24 * 60 - 1))) if start < 24 * 60 - 1 else None
            time = f"{start // 60:02d}:{start % 60:02d}" + (f"/{end // 60:02d}:{end % 60:02d}" if end else "")
            events.append(timed(f"e{i}", day.isoformat(), time, draw(st.sampled_from(zones))))
        else:
            events.append(timed(f"e{i}", day.isoformat()))
    return events


@settings(max_examples=300)
@given(short_stories())
@example([timed("a", "2024-12-29", "23:40", "Europe/Kyiv"), timed("b", "2024-12-30", "04:10", "Europe/Minsk")])
@example([timed("a", "1880-06-01", "00:00", "Europe/Minsk"), timed("b", "1880-06-03", "23:59", "Asia/Kathmandu")])
@example([timed("a", "0001-01-01", "00:00", "Pacific/Kiritimati"), timed("b", "0001-01-01", "23:59", "UTC")])
def test_short_stories_with_times_are_drawn_in_hours_in_order(events: list[Event]) -> None:
    axis = build_axis(events)
    assert axis is not None
    days = [date_bounds(e.date)[0] for e in events]
    if min(days) < date(1, 1, 3) or max(days) > date(9999, 12, 29):
        assert axis.unit == "day"  # a clock's neighbouring hours are no datetime
        return
    assert axis.unit == "hour"
    zones = {e.timezone for e in events if e.time}
    assert axis.clock == (zones.pop() if len(zones) == 1 else "UTC")
    assert_labels_apart(axis)
    # Each timed mark where its time is: in the order of their instants, within the axis.
    marks = [m for m in axis.marks if m.event.time]
    by_instant = sorted(marks, key=lambda m: instant(m.event))
    starts = [m.start for m in by_instant]
    assert starts == sorted(starts)
    for m in axis.marks:
        assert m.start >= 0, m
        assert m.start + m.width <= 100.001, m
        assert m.time.startswith(m.event.time.words()) if m.event.time else not m.time
    # Ticks in order, one each hour of the clock, the day named where it changes.
    positions = [t.position for t in axis.ticks]
    assert positions == sorted(positions) and positions[0] == 0
    assert all(t.label.endswith(":00") or t.major or t is axis.ticks[0] for t in axis.ticks if t.label)


def test_a_timed_marks_name_gives_its_time_on_an_axis_of_hours() -> None:
    from markupsafe import Markup

    from chronology.fragments import Fragments

    events = [
        timed("a", "2024-12-29", "23:40", "Europe/Kyiv"),
        timed("b", "2024-12-30", "04:10", "Europe/Kyiv"),
        timed("c", "2024-12-30"),
    ]
    chronology = cast("Chronology", SimpleNamespace(actors={}, places={}))
    fragments = Fragments(
        chronology,
        lambda path, fragment=None: path,
        lambda e: Markup(e.summary),
        lambda e: Markup(f"{e.title}, {e.date.words()}"),
        lambda e: "",
        {"event": lambda i: f"events/{i}.md"},
    )
    hours = build_axis(events)
    assert hours is not None and hours.unit == "hour"
    names = re.findall(r'aria-label="([^"]*)" title="([^"]*)"', fragments.axis_plot(hours))
    assert names == [
        ("1. a, 29 December 2024, 23:40 Kyiv time (21:40 UTC)",) * 2,
        ("2. b, 30 December 2024, 04:10 Kyiv time (02:10 UTC)",) * 2,
        ("3. c, 30 December 2024",) * 2,
    ]
    # On an axis of days a mark is placed by its day, and says its day.
    days = build_axis(events[:1])
    assert days is not None and days.unit == "day"
    assert re.findall(r'aria-label="([^"]*)"', fragments.axis_plot(days)) == ["1. a, 29 December 2024"]


@given(
    st.lists(
        st.tuples(st.integers(0, 23 * 60 + 59), st.sampled_from(ZONES), st.sampled_from(["2024-03-31", "2024-10-27"])),
        min_size=2,
        max_size=8,
    )
)
def test_events_of_one_day_with_times_sort_by_their_instants(times: list[tuple[int, str, str]]) -> None:
    # The timeline's order (Event.sort_key) and the hours axis agree: 10:00 in Minsk (07:00 UTC) before
    # 10:00 in Kyiv (08:00 UTC), even across a clock change on the day.
    events = [timed(f"e{i}", day, f"{m // 60:02d}:{m % 60:02d}", zone) for i, (m, zone, day) in enumerate(times)]
    for day in {e.date.text for e in events}:
        ordered = sorted((e for e in events if e.date.text == day), key=Event.sort_key)
        assert [instant(e) for e in ordered] == sorted(instant(e) for e in ordered)


def test_an_untimed_event_of_a_day_comes_before_its_timed_ones_in_any_zone() -> None:
    events = [timed("a", "2024-12-29", "00:00", "Pacific/Kiritimati"), timed("b", "2024-12-29")]
    assert [e.id for e in sorted(events, key=Event.sort_key)] == ["b", "a"]


def test_an_approximate_time_s_mark_on_an_axis_of_hours_says_about_on_both_clocks() -> None:
    axis = build_axis([timed("a", "2024-12-29", "~23:40", "Europe/Kyiv"), timed("b", "2024-12-30", "04:10", "UTC")])
    assert axis is not None and axis.unit == "hour"
    assert [m.time for m in axis.marks] == ["about 23:40 Kyiv time (about 21:40 UTC)", "04:10 UTC"]
    assert [m.uncertain for m in axis.marks] == [True, False]


def test_a_time_at_an_hour_s_start_is_not_drawn_at_the_axis_start() -> None:
    # Its mark is centred on it: at 0 % half of it would hang off the axis.
    axis = build_axis(
        [timed("a", "2024-12-29", "02:00", "Europe/Kyiv"), timed("b", "2024-12-29", "05:30", "Europe/Kyiv")]
    )
    assert axis is not None and axis.unit == "hour"
    assert axis.marks[0].start > 0 and axis.ticks[0].label == "29 Dec 01:00"
    # A window, drawn from its start rightwards, begins the axis at its hour.
    axis = build_axis([timed("a", "2024-12-29", "02:00/03:00", "UTC"), timed("b", "2024-12-29", "05:30", "UTC")])
    assert axis is not None and axis.marks[0].start == 0
