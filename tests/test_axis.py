"""The time axis: marks to scale, honest about each date's precision, packed in lanes in order."""

from __future__ import annotations

import calendar
import itertools
import re
from datetime import date
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronology.axis import MARK_PX, NARROWEST_PX, Axis, build_axis, date_bounds, zoom_axes
from chronology.dates import parse
from chronology.model import Citation, Event

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
    assert axis is not None
    assert [(m.shape, m.uncertain) for m in axis.marks] == [("day", False), ("day", True), ("day", True)]


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
        "0123456789 ADFJMNOSabceglnoprtuvy",
        (
            *[0.636] * 10,
            0.318,
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
        "0123456789 ADFJMNOSabceglnoprtuvy",
        (
            *[0.556] * 10,
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


def assert_labels_apart(axis: Axis) -> None:
    """On the narrowest axis, so on every wider one, each label ends APART_PX or more before the
    next labelled tick, in DejaVu Sans, the widest font site.css's stack falls back to."""
    labelled = [t for t in axis.ticks if t.label]
    assert labelled, (axis.first, axis.last)
    for a, b in itertools.pairwise(labelled):
        end = a.position * NARROWEST_PX / 100 + drawn_px(a.label, DEJAVU_SANS)
        room = b.position * NARROWEST_PX / 100 - end
        assert room >= APART_PX, f"{axis.first} to {axis.last}: {a.label!r} ends {room:.1f} px before {b.label!r}"
    if axis.unit != "year":
        # The first label names the month ("1 Feb") or the year ("Feb 2022") the next ones are in.
        assert " " in labelled[0].label, [t.label for t in labelled]


def test_the_labels_of_a_february_to_march_axis_do_not_run_together() -> None:
    # A reviewer's chronology of 20 February to 14 March 2025: its axis read "281 Mar".
    axis = build_axis([event("a", "2025-02-20"), event("b", "2025-03-14")])
    assert axis is not None and axis.unit == "day"
    assert_labels_apart(axis)
    assert [t.label for t in axis.ticks if t.label] == ["1 Feb", "11", "21", "1 Mar", "11", "21", "31"]


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
    from chronology.axis import LABEL_FONT_PX, LABEL_PAD_PX, label_px

    assert label_css() == (LABEL_FONT_PX, LABEL_PAD_PX)
    months = [*calendar.month_abbr[1:]]
    labels = [*months, *(f"{m} {y}" for m in months for y in (1, 999, 2022)), *map(str, range(1, 32))]
    labels += [f"{d} {m}" for d in (1, 28, 31) for m in months] + [str(y) for y in (1, 10, 100, 1000, 2000, 9999)]
    for label in labels:
        for font in (DEJAVU_SANS, LIBERATION_SANS):
            assert label_px(label) >= drawn_px(label, font), label
    assert label_px("a\u0416") > label_px("ab")  # a character of no known width is given an em


def test_an_axis_of_days_labels_the_same_days_in_each_month() -> None:
    axis = build_axis([event("a", "2022-12-02"), event("b", "2023-01-29")])
    assert axis is not None
    assert [t.label for t in axis.ticks if t.label] == ["1 Dec", "11", "21", "1 Jan", "11", "21", "31"]
    assert [t.major for t in axis.ticks if t.label] == [True, False, False, True, False, False, False]
    assert sum(1 for t in axis.ticks) == 62
