"""Dates (the EDTF subset), their words and their order; local times and their time zones."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from chronology import dates
from chronology.dates import DateError, EventDate, Point, TimeWindow, parse, parse_time
from chronology.model import Event


@pytest.mark.parametrize(
    ("text", "kind", "precision", "words"),
    [
        ("2022", "single", "year", "2022"),
        ("2022-11", "single", "month", "November 2022"),
        ("2022-12-29", "single", "day", "29 December 2022"),
        ("2022-12-19~", "single", "day", "about 19 December 2022"),
        ("2022-12?", "single", "month", "possibly December 2022"),
        ("2022%", "single", "year", "possibly about 2022"),
        ("2022-12-19/2022-12-20", "range", "day", "between 19 and 20 December 2022"),
        ("2022-12-19/2023-01-02", "range", "day", "between 19 December 2022 and 2 January 2023"),
        ("2022-11/2022-12", "range", "month", "between November and December 2022"),
        ("2022-12-19~/2022-12-20", "range", "day", "between about 19 December 2022 and 20 December 2022"),
        ("2022-11/2022-12-29", "range", "month", "between November 2022 and 29 December 2022"),
        ("../2022-12-19", "on-or-before", "day", "on or before 19 December 2022"),
        ("2022-12-19/..", "on-or-after", "day", "on or after 19 December 2022"),
        (" 2022-12-29 ", "single", "day", "29 December 2022"),
    ],
)
def test_parse_and_words(text: str, kind: str, precision: str, words: str) -> None:
    parsed = parse(text)
    assert parsed.text == text.strip()
    assert (parsed.kind, parsed.precision, parsed.words()) == (kind, precision, words)


def test_points_keep_their_precision() -> None:
    assert parse("2022-11").start == Point(2022, 11)
    assert parse("2022-12-19~").start == Point(2022, 12, 19, approximate=True)
    assert parse("2022-12?").start == Point(2022, 12, uncertain=True)
    assert parse("2022%").start == Point(2022, approximate=True, uncertain=True)
    assert Point(2022, 11).first_day() == date(2022, 11, 1)
    assert Point(2022, 11).last_day() == date(2022, 11, 30)
    assert Point(2024, 2).last_day() == date(2024, 2, 29)
    assert Point(2022).last_day() == date(2022, 12, 31)


def test_single_day() -> None:
    assert parse("2022-12-29").is_single_day
    assert parse("2022-12-29~").is_single_day
    assert not parse("2022-12").is_single_day
    assert not parse("2022-12-29/2022-12-30").is_single_day
    assert not parse("../2022-12-29").is_single_day


@pytest.mark.parametrize(
    ("text", "rule", "message", "hint"),
    [
        ("2022-02-30", "invalid-date", "'2022-02-30': February 2022 has no day 30", "it has 28 days"),
        ("2024-02-30", "invalid-date", "'2024-02-30': February 2024 has no day 30", "it has 29 days"),
        ("2022-04-31", "invalid-date", "'2022-04-31': April 2022 has no day 31", "it has 30 days"),
        ("2022-12-00", "invalid-date", "'2022-12-00': December 2022 has no day 0", "it has 31 days"),
        ("2022-13", "invalid-date", "'2022-13': there is no month 13", "months run from 01 to 12"),
        ("2022-00-10", "invalid-date", "'2022-00-10': there is no month 0", "months run from 01 to 12"),
        ("0000", "invalid-date", "'0000': there is no year 0000 in this chronology", None),
        ("../..", "invalid-date", "'../..': a range must have at least one known end", None),
        (
            "2022-12-29/2022-12-28",
            "date-range-order",
            "the range '2022-12-29/2022-12-28' ends (28 December 2022) before it starts (29 December 2022)",
            "put the earlier date first",
        ),
    ],
)
def test_impossible_dates(text: str, rule: str, message: str, hint: str | None) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert (caught.value.rule, caught.value.message, caught.value.hint) == (rule, message, hint)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "22",
        "2022-1",
        "2022-12-1",
        "29/12/2022",
        "2022-12-29T10:00",
        "2022-W52",
        "2022-21",
        "2022-12-29?~",
        "{2022,2023}",
        "[2022..2023]",
        "2022-XX",
        "-2022",
        "20222",
        "2022-12-29/2022-12-30/2022-12-31",
        "December 2022",
        "2022 - 12",
    ],
)
def test_forms_outside_the_subset(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.rule == "invalid-date"


def test_a_range_within_one_month_may_end_on_a_finer_day() -> None:
    # December 2022 ends on the 31st, after the 29th: not an inverted range.
    assert parse("2022-12/2022-12-29").kind == "range"
    with pytest.raises(DateError):
        parse("2022-12-29/2022-11")


# --- order --------------------------------------------------------------------------------------------


def order(*texts: str) -> list[str]:
    return sorted(texts, key=lambda t: parse(t).sort_key())


def test_a_month_sorts_before_the_days_of_that_month() -> None:
    assert order("2022-11-02", "2022-11-01", "2022-11", "2022-10-31") == [
        "2022-10-31",
        "2022-11",
        "2022-11-01",
        "2022-11-02",
    ]


def test_a_year_sorts_before_its_months_and_days() -> None:
    assert order("2022-01-01", "2022-01", "2022", "2021-12-31") == ["2021-12-31", "2022", "2022-01", "2022-01-01"]


def test_on_or_before_sorts_just_before_that_day() -> None:
    assert order("2022-12-19", "2022-12-20", "../2022-12-19", "2022-12-18") == [
        "2022-12-18",
        "../2022-12-19",
        "2022-12-19",
        "2022-12-20",
    ]


def test_a_range_sorts_at_its_start_after_that_day() -> None:
    assert order("2022-12-20", "2022-12-19/2022-12-21", "2022-12-19", "2022-12-18") == [
        "2022-12-18",
        "2022-12-19",
        "2022-12-19/2022-12-21",
        "2022-12-20",
    ]


def event(event_id: str, text: str, time: str | None = None) -> Event:
    return Event(
        id=event_id,
        title=event_id,
        date=parse(text),
        summary="",
        sources=(),
        file="",
        time=parse_time(time) if time else None,
    )


def test_events_sort_in_a_total_and_stable_order() -> None:
    events = [
        event("b", "2022-12-29"),
        event("a", "2022-12-29"),
        event("c", "2022-12-29~"),
        event("d", "2022-12-29", "10:00"),
        event("e", "2022-12-29", "09:30/11:00"),
        event("f", "2022-12"),
        event("g", "../2022-12-29"),
        event("h", "2022-12-29/.."),
        event("i", "2022-12-29/2022-12-31"),
        event("j", "2022-11"),
        event("k", "2022"),
    ]
    # On one day: "on or before" it, the day itself (untimed, then by time), then what may run later.
    expected = ["k", "j", "f", "g", "a", "b", "c", "e", "d", "i", "h"]
    for seed in range(20):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert [e.id for e in sorted(shuffled, key=Event.sort_key)] == expected
    keys = [e.sort_key() for e in events]
    assert len(set(keys)) == len(keys)  # no two events tie


# --- times ----------------------------------------------------------------------------------------------


def test_parse_time() -> None:
    assert parse_time("10:00") == TimeWindow("10:00", (10, 0), None)
    assert parse_time("10:00/11:30") == TimeWindow("10:00/11:30", (10, 0), (11, 30))
    assert parse_time("00:00/23:59").words() == "00:00\u201323:59"
    assert parse_time("09:05").words() == "09:05"
    assert parse_time("09:05").minutes() == 545


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("24:00", "'24:00' is not a time of day"),
        ("10:60", "'10:60' is not a time of day"),
        ("10", "'10' is not a time"),
        ("10.00", "'10.00' is not a time"),
        ("10:00:00", "'10:00:00' is not a time"),
        ("10am", "'10am' is not a time"),
        ("10:00/", "'10:00/' is not a time"),
        ("a/b/c", "'a/b/c' is not a time"),
        ("11:00/10:00", "the time window '11:00/10:00' ends before it starts"),
        ("10:00/10:00", "the time window '10:00/10:00' ends before it starts"),
    ],
)
def test_bad_times(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_time(text)
    assert (caught.value.rule, caught.value.message) == ("invalid-time", message)


def test_minsk_morning_in_utc() -> None:
    window = parse_time("10:00/11:00").in_utc(date(2022, 12, 29), "Europe/Minsk")
    assert (window.start, window.end) == ((7, 0), (8, 0))
    assert window.words() == "07:00\u201308:00"


def test_utc_conversion_follows_summer_time() -> None:
    assert parse_time("10:00").in_utc(date(2022, 12, 29), "Europe/Kyiv").start == (8, 0)
    assert parse_time("10:00").in_utc(date(2022, 7, 1), "Europe/Kyiv").start == (7, 0)


def test_utc_conversion_may_cross_midnight() -> None:
    window = parse_time("01:30").in_utc(date(2022, 12, 29), "Europe/Minsk")
    assert window.start == (22, 30)


def test_time_zones() -> None:
    assert {"Europe/Minsk", "Europe/Kyiv", "UTC"} <= dates.time_zones()
    dates.check_time_zone("Europe/Minsk")
    with pytest.raises(DateError) as caught:
        dates.check_time_zone("Europe/Minks")
    assert (caught.value.rule, caught.value.message) == ("invalid-timezone", "'Europe/Minks' is not an IANA time zone")
    assert dates.zone_city("Europe/Minsk") == "Minsk time"
    assert dates.zone_city("America/New_York") == "New York time"


def test_event_date_is_immutable() -> None:
    parsed = parse("2022-12-29")
    with pytest.raises(AttributeError):
        parsed.text = "2023"  # type: ignore[misc]
    assert isinstance(parsed, EventDate)


@pytest.mark.parametrize("text", ["2022-12-19/", "/2022-12-19"])
def test_an_empty_end_is_refused_with_the_open_form_as_hint(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.rule == "invalid-date"
    assert caught.value.message == f"'{text}': an empty end means 'unknown' in EDTF, which this chronology cannot place"
    assert caught.value.hint == (
        "write '..' for an open end: ../2022-12-19 is 'on or before', 2022-12-19/.. 'on or after'"
    )


# --- the edtf package as the reference -------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402 - the reference tests stand apart
from hypothesis import strategies as st  # noqa: E402

_points = st.builds(
    lambda year, month, day, qualifier, width: (
        f"{year:04d}" + (f"-{month:02d}" if width >= 1 else "") + (f"-{day:02d}" if width >= 2 else "") + qualifier
    ),
    st.integers(1000, 2999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from(["", "", "~", "?", "%"]),
    st.integers(0, 2),
)
_edtf_texts = st.one_of(
    _points,
    st.builds(lambda a, b: f"{a}/{b}", _points, _points),
    st.builds(lambda b: f"../{b}", _points),
    st.builds(lambda a: f"{a}/..", _points),
)


def _edtf_accepts(text: str) -> object | None:
    from edtf import parse_edtf

    try:
        return parse_edtf(text)
    except Exception:  # the package raises several kinds; any of them means "not EDTF"
        return None


def _edtf_misses_century_rule(text: str) -> bool:
    """Whether ``text`` holds 29 February of a century year that the Gregorian calendar makes common
    (1900, not 2000), a day the ``edtf`` package wrongly accepts."""
    return any(
        int(year) % 100 == 0 and int(year) % 400 != 0 for year in re.findall(r"(?<![0-9])([0-9]{4})-02-29", text)
    )


@settings(max_examples=400, deadline=None)
@given(_edtf_texts)
def test_the_parser_agrees_with_the_edtf_package(text: str) -> None:
    """Within the subset, we accept what EDTF accepts (refusing, on purpose, only ranges that end
    before they start), and we read the same first and last day."""
    reference = _edtf_accepts(text)
    try:
        ours = parse(text)
    except DateError as exc:
        if exc.rule == "date-range-order":
            assert reference is not None
        elif _edtf_misses_century_rule(text):
            pass  # the package's leap-year test is year % 4 alone: it takes 1000-02-29 and 1900-02-29
        else:
            assert reference is None, f"{text!r} is EDTF, but refused: {exc.message}"
        return
    assert reference is not None, f"{text!r} is not EDTF, but was accepted"
    lower, upper = reference.lower_strict(), reference.upper_strict()  # type: ignore[attr-defined]
    if ours.start is not None:
        assert tuple(lower[:3]) == ours.start.first_day().timetuple()[:3]
    if ours.end is not None:
        assert tuple(upper[:3]) == ours.end.last_day().timetuple()[:3]
