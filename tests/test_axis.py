"""The time axis: marks to scale, honest about each date's precision, packed in lanes in order."""

from __future__ import annotations

from datetime import date

from chronology.axis import MARK_PX, NARROWEST_PX, build_axis, date_bounds, zoom_axes
from chronology.dates import parse
from chronology.model import Citation, Event


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
    assert [t.label for t in axis.ticks if t.label][:2] == ["Feb 2022", "Apr"]


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
    # On a year's axis a mark takes MARK_PX of NARROWEST_PX: about 27 days.
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
    assert 20 < days_per_target < 30


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
    assert [t.label for t in axis.ticks if t.label][:2] == ["2015", "2017"]  # 8 years: every other one
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
