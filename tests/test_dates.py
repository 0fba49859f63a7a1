"""Dates (the EDTF subset), their words and their order; local times and their time zones."""

from __future__ import annotations

import calendar
import random
import re
from datetime import date, timedelta

import pytest

from chronology import dates
from chronology.dates import _FORMS_HINT, DateError, EventDate, Point, TimeWindow, parse, parse_time, time_zones
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
        (" 2022-12-29 ", "single", "day", "29 December 2022"),
        # one of a set: a single day (month, year), not known which
        ("[2022-12-29..2022-12-31]", "one-of", "day", "one day between 29 and 31 December 2022"),
        ("[2022-12-29..2022-12-31~]", "one-of", "day", "one day between 29 and about 31 December 2022"),
        ("[2022-12-29?..2022-12-31]", "one-of", "day", "one day between possibly 29 and 31 December 2022"),
        ("[2022-11-30..2022-12-02]", "one-of", "day", "one day between 30 November and 2 December 2022"),
        ("[2022-12-30..2023-01-02]", "one-of", "day", "one day between 30 December 2022 and 2 January 2023"),
        ("[2022-11..2022-12]", "one-of", "month", "one month between November and December 2022"),
        ("[2021..2022%]", "one-of", "year", "one year between 2021 and possibly about 2022"),
        ("[..2022-12-19]", "on-or-before", "day", "on or before 19 December 2022"),
        ("[..2022-12~]", "on-or-before", "month", "on or before about December 2022"),
        ("[2022-12-19..]", "on-or-after", "day", "on or after 19 December 2022"),
        # an interval: a span that lasted
        ("2022-12-19/2022-12-20", "interval", "day", "from 19 to 20 December 2022"),
        ("2022-11-30/2022-12-02", "interval", "day", "from 30 November to 2 December 2022"),
        ("2022-12-19/2023-01-02", "interval", "day", "from 19 December 2022 to 2 January 2023"),
        ("2022-11/2022-12", "interval", "month", "from November to December 2022"),
        ("2021/2022", "interval", "year", "from 2021 to 2022"),
        ("2022-12-19~/2022-12-20", "interval", "day", "from about 19 to 20 December 2022"),
        ("2022-11/2022-12-29", "interval", "month", "from November 2022 to 29 December 2022"),
        ("../2022-12-19", "until", "day", "until 19 December 2022"),
        ("2022-12-19/..", "from", "day", "from 19 December 2022 onwards"),
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
    assert not parse("[2022-12-29..2022-12-30]").is_single_day
    assert not parse("[..2022-12-29]").is_single_day


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2022-12-29", date(2022, 12, 29), date(2022, 12, 29)),
        ("2022-12~", date(2022, 12, 1), date(2022, 12, 31)),
        ("[2022-12-29..2022-12-31~]", date(2022, 12, 29), date(2022, 12, 31)),
        ("[2022-11..2022-12]", date(2022, 11, 1), date(2022, 12, 31)),
        ("2022-12-19/2022-12-20", date(2022, 12, 19), date(2022, 12, 20)),
        ("[..2022-12-19]", None, date(2022, 12, 19)),
        ("../2022-12", None, date(2022, 12, 31)),
        ("[2022-12-19..]", date(2022, 12, 19), None),
        ("2022/..", date(2022, 1, 1), None),
    ],
)
def test_earliest_and_latest_possible_days(text: str, earliest: date | None, latest: date | None) -> None:
    assert (parse(text).earliest(), parse(text).latest()) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022-12-29~", "2022-12-29"),
        ("[2022-12-29..2022-12-31~]", "2022-12"),
        ("2022-12-19/2022-12-20", "2022-12"),
        ("[2022-11-30..2022-12-02]", "2022"),
        ("2022-11/2022-12-29", "2022"),
        ("[2022-12-30..2023-01-02]", "2022-12-30"),
        ("2022-12-29/2022-12-29", "2022-12-29"),
        ("[..2022-12-19]", "2022-12-19"),
        ("2022-12/..", "2022-12"),
    ],
)
def test_iso_claims_no_more_than_the_words(text: str, iso: str) -> None:
    assert parse(text).iso() == iso


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
        ("../..", "invalid-date", "'../..': an interval must have at least one known end", None),
        (
            "2022-12-29/2022-12-28",
            "date-range-order",
            "the interval '2022-12-29/2022-12-28' ends (28 December 2022) before it starts (29 December 2022)",
            "put the earlier date first",
        ),
        (
            "[2022-12-31..2022-12-29]",
            "date-range-order",
            "the set '[2022-12-31..2022-12-29]' ends (29 December 2022) before it starts (31 December 2022)",
            "put the earlier date first",
        ),
        (
            "[2023..2022~]",
            "date-range-order",
            "the set '[2023..2022~]' ends (about 2022) before it starts (2023)",
            "put the earlier date first",
        ),
        ("[]", "invalid-date", "'[]': a set must name at least one date", "write [A..B], [..B] or [A..]"),
        ("[..]", "invalid-date", "'[..]': a set must have at least one known end", None),
        ("[2022-12-29]", "invalid-date", "'[2022-12-29]': a set of one date is that date", "write 2022-12-29"),
        (
            "[2022-12-29..2022-12-29]",
            "invalid-date",
            "'[2022-12-29..2022-12-29]': a set whose ends are the same date is that date",
            "write 2022-12-29",
        ),
        (
            "[2022-12..2022-12~]",
            "invalid-date",
            "'[2022-12..2022-12~]': a set whose ends are the same date is that date",
            "write 2022-12~",
        ),
        (
            "[2022-12..2022-12-31]",
            "invalid-date",
            "'[2022-12..2022-12-31]': the ends of a set must be alike, not a month and a day",
            "give both as days (YYYY-MM-DD), both as months (YYYY-MM) or both as years",
        ),
        (
            "[2022..2022-12]",
            "invalid-date",
            "'[2022..2022-12]': the ends of a set must be alike, not a year and a month",
            "give both as days (YYYY-MM-DD), both as months (YYYY-MM) or both as years",
        ),
        (
            "[2022-12-29, 2022-12-31]",
            "invalid-date",
            "'[2022-12-29, 2022-12-31]': a list of separate dates is not supported",
            "write the run that covers them, e.g. [2022-12-29..2022-12-31], and say in the basis which are possible",
        ),
        (
            "{2022-12-29..2022-12-31}",
            "invalid-date",
            "'{2022-12-29..2022-12-31}': 'all of a set' is not a date this chronology can place",
            "for one date, not known which, write [A..B], [..B] or [A..]",
        ),
        (
            "[2022-02-29..2022-03-01]",
            "invalid-date",
            "'[2022-02-29..2022-03-01]': February 2022 has no day 29",
            "it has 28 days",
        ),
    ],
)
def test_impossible_dates(text: str, rule: str, message: str, hint: str | None) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert (caught.value.rule, caught.value.message, caught.value.hint) == (rule, message, hint)


TIME_HINT = (
    "write the day, {day}, and the time of day apart: time: '{time}', with timezone: the IANA zone of the place "
    "(e.g. Europe/Kyiv)"
)
SPAN_HINT = (
    "for a span that lasted from one to the other write {a}/{b}; "
    "for one {unit}, not known which, between them write '[{a}..{b}]'"
)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        *(
            (text, f"'{text}': a date holds no time of day", TIME_HINT.format(day="2022-12-29", time="10:00"))
            for text in ("2022-12-29T10:00", "2022-12-29 10:00")
        ),
        # A time in UTC stays in UTC; one at an offset is converted to UTC (an offset is no zone),
        # the day with it where it crosses midnight.
        (
            "2022-12-29T10:00:30Z",
            "'2022-12-29T10:00:30Z': a date holds no time of day",
            "write the day, 2022-12-29, and the time of day apart: time: '10:00', with timezone: UTC",
        ),
        (
            "2022-12-29T01:00+02:00",
            "'2022-12-29T01:00+02:00': a date holds no time of day",
            "write the day and the time of day apart, in UTC: date: '2022-12-28', time: '23:00', timezone: UTC "
            "(01:00 at +02:00); or keep 01:00 with the IANA zone of the place if its offset that day was +02:00",
        ),
        *(
            (
                text,
                f"'{text}' is not a date this chronology accepts",
                SPAN_HINT.format(a="2022-12-29", b="2022-12-31", unit="day"),
            )
            for text in (
                "2022-12-29 - 2022-12-31",
                "2022-12-29 to 2022-12-31",
                "2022-12-29 \u2013 2022-12-31",
                "2022-12-29-2022-12-31",
                "2022-12-29 until 2022-12-31",
            )
        ),
        (
            "2022-11 to 2022-12~",
            "'2022-11 to 2022-12~' is not a date this chronology accepts",
            SPAN_HINT.format(a="2022-11", b="2022-12~", unit="month"),
        ),
        (
            "2022 - 2023",
            "'2022 - 2023' is not a date this chronology accepts",
            SPAN_HINT.format(a="2022", b="2023", unit="year"),
        ),
        # Only the forms that are dates: a set's ends must be alike in precision, a span's in order.
        (
            "2022-12 - 2023",
            "'2022-12 - 2023' is not a date this chronology accepts",
            "for a span that lasted from one to the other write 2022-12/2023",
        ),
        (
            "2022-12-31 to 2022-12-29",
            "'2022-12-31 to 2022-12-29' is not a date this chronology accepts",
            "write YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %; one of a set [A..B], [..B], "
            "[A..]; or a span A/B, ../B, A/..",
        ),
    ],
)
def test_a_date_written_with_a_time_or_as_prose_writes_a_span_is_told_the_form_meant(
    text: str, message: str, hint: str
) -> None:
    """A time of day belongs in 'time' with its 'timezone'; two dates joined by a dash or 'to' are a
    span or one day of a set, and the hint writes both, each a form ``parse`` accepts."""
    with pytest.raises(DateError) as caught:
        parse(text)
    assert (caught.value.rule, caught.value.message, caught.value.hint) == ("invalid-date", message, hint)
    forms = ["".join(found) for found in re.findall(r"other write (\S+?)(?:;|$)|between them write '(\S+)'", hint)]
    for form in forms:
        parse(form)
    for found in re.finditer(r"date: '(\S+)', time: '(\S+)', timezone: (\S+)", hint):
        parse(found[1])
        assert found[3] in time_zones()


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("February 2025", "for the month write 2025-02"),
        ("february, 2025", "for the month write 2025-02"),
        ("Sep 2025", "for the month write 2025-09"),
        ("9 March 2025", "for the day write 2025-03-09"),
        ("9th of March 2025", "for the day write 2025-03-09"),
        ("March 9, 2025", "for the day write 2025-03-09"),
        ("Mar. 9 2025", "for the day write 2025-03-09"),
        # No guess where the words name no month, or no such day, or no year.
        ("March 2025 or April 2025", None),
        ("Febuary 2025", None),
        ("Ma 2025", None),
        ("30 February 2025", None),
        ("March 9", None),
    ],
)
def test_a_month_or_a_day_in_english_words_is_told_the_form_meant(text: str, meant: str | None) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.message == f"'{text}' is not a date this chronology accepts"
    assert caught.value.hint == (meant or _FORMS_HINT)
    if meant:
        parse(meant.rpartition(" ")[2])


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
        "[2022-12-29..2022-12-31",
        "2022-12-29..2022-12-31]",
        "2022-12-29..2022-12-31",
        "[2022-12-29 .. 2022-12-31]",
        "[2022-12-29...2022-12-31]",
        "[2022-12-29..2022-12-30..2022-12-31]",
        "[2022-12-29..2022-12-31]/..",
        "[2022-12-29/2022-12-31]",
        "[[2022-12-29..2022-12-31]]",
        "[2022-12-XX]",
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


def test_an_interval_within_one_month_may_end_on_a_finer_day() -> None:
    # December 2022 ends on the 31st, after the 29th: not an inverted interval.
    assert parse("2022-12/2022-12-29").kind == "interval"
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


def test_until_and_on_or_before_sort_just_before_that_day() -> None:
    assert order("2022-12-19", "2022-12-20", "[..2022-12-19]", "../2022-12-19", "2022-12-18") == [
        "2022-12-18",
        "../2022-12-19",
        "[..2022-12-19]",
        "2022-12-19",
        "2022-12-20",
    ]


def test_an_interval_sorts_at_its_start_after_that_day() -> None:
    assert order("2022-12-20", "2022-12-19/2022-12-21", "2022-12-19", "2022-12-18") == [
        "2022-12-18",
        "2022-12-19",
        "2022-12-19/2022-12-21",
        "2022-12-20",
    ]


def test_a_set_sorts_by_its_earliest_then_its_latest_possible_day() -> None:
    assert order(
        "[2022-12-29..2022-12-31~]",
        "2022-12-30",
        "[2022-12-29..2022-12-30]",
        "2022-12-29",
        "[2022-12-28..2022-12-31]",
        "[2022-12-29..]",
    ) == [
        "[2022-12-28..2022-12-31]",
        "2022-12-29",
        "[2022-12-29..2022-12-30]",
        "[2022-12-29..2022-12-31~]",
        "[2022-12-29..]",
        "2022-12-30",
    ]


def test_an_interval_comes_before_a_set_with_the_same_ends() -> None:
    # The span is known to have begun on its first day; the set's one day may be any of them.
    assert order("[2022-12-29..2022-12-31]", "2022-12-29/2022-12-31", "2022-12-29/..", "[2022-12-29..]") == [
        "2022-12-29/2022-12-31",
        "[2022-12-29..2022-12-31]",
        "2022-12-29/..",
        "[2022-12-29..]",
    ]


def test_a_month_set_sorts_with_the_months() -> None:
    assert order("2022-11-01", "[2022-11..2022-12]", "2022-11", "2022-10-31") == [
        "2022-10-31",
        "2022-11",
        "[2022-11..2022-12]",
        "2022-11-01",
    ]


def test_qualifiers_do_not_move_a_date() -> None:
    assert parse("[2022-12-29..2022-12-31~]").sort_key() == parse("[2022-12-29?..2022-12-31]").sort_key()
    assert parse("2022-12-29~").sort_key() == parse("2022-12-29").sort_key()


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
        event("l", "[2022-12-29..2022-12-31~]"),
        event("m", "[..2022-12-29]"),
        event("n", "[2022-12-29..2022-12-30]"),
    ]
    # On one day: "until" and "on or before" it, the day itself (untimed, then by time), then what
    # may end later, the sooner first.
    expected = ["k", "j", "f", "g", "m", "a", "b", "c", "e", "d", "n", "i", "l", "h"]
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
        ("24:00", "'time': '24:00' is not a time of day"),
        ("10:60", "'time': '10:60' is not a time of day"),
        ("~24:00", "'time': '~24:00' is not a time of day"),
        ("10", "'time' has the wrong form: '10'"),
        ("10.00", "'time' has the wrong form: '10.00'"),
        ("10:00:00", "'time' has the wrong form: '10:00:00'"),
        ("10am", "'time' has the wrong form: '10am'"),
        ("10:00/", "'time' has the wrong form: '10:00/'"),
        ("a/b/c", "'time' has the wrong form: 'a/b/c'"),
        ("~~10:00", "'time' has the wrong form: '~~10:00'"),
        ("00:15~", "'time' has the wrong form: '00:15~'"),
        ("~", "'time' has the wrong form: '~'"),
        ("~/10:00", "'time' has the wrong form: '~/10:00'"),
        ("11:00/10:00", "'time': the window '11:00/10:00' ends before it starts"),
        ("10:00/10:00", "'time': the window '10:00/10:00' ends when it starts"),
        ("~11:00/~10:00", "'time': the window '~11:00/~10:00' ends before it starts"),
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
        "write '..' for an open end: ../2022-12-19 lasted until that day, 2022-12-19/.. from it onwards; "
        "for one day on or before it write [..2022-12-19]"
    )


# --- the edtf package as the reference -------------------------------------------------------------

from hypothesis import assume, given, settings  # noqa: E402 - the reference tests stand apart
from hypothesis import strategies as st  # noqa: E402


def _point_at(width: int) -> st.SearchStrategy[str]:
    return st.builds(
        lambda year, month, day, qualifier: (
            f"{year:04d}" + (f"-{month:02d}" if width >= 1 else "") + (f"-{day:02d}" if width >= 2 else "") + qualifier
        ),
        st.integers(1000, 2999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from(["", "", "~", "?", "%"]),
    )


_points = st.integers(0, 2).flatmap(_point_at)
# A set's two ends at one precision, the only sets this chronology (and EDTF) accepts.
_runs = st.integers(0, 2).flatmap(
    lambda width: st.builds(lambda a, b: f"[{a}..{b}]", _point_at(width), _point_at(width))
)

_edtf_texts = st.one_of(
    _points,
    st.builds(lambda a, b: f"{a}/{b}", _points, _points),
    st.builds(lambda b: f"../{b}", _points),
    st.builds(lambda a: f"{a}/..", _points),
    st.builds(lambda a, b: f"[{a}..{b}]", _points, _points),
    _runs,
    st.builds(lambda b: f"[..{b}]", _points),
    st.builds(lambda a: f"[{a}..]", _points),
)


def _as_the_reference_reads_it(text: str) -> str:
    """The text the ``edtf`` package is given: a set without the qualifiers on its ends.

    EDTF's grammar (the ``edtf`` package, and EDTF.js alike) puts ``~``, ``?`` and ``%`` on a
    date in a set but not on an end of a ``..`` run; the chronology accepts them there to mark an
    estimated bound, so the package is asked about the same set with plain ends."""
    return re.sub(r"[~?%]", "", text) if text.startswith("[") else text


def test_the_edtf_package_refuses_a_qualified_end_of_a_run() -> None:
    """The gap that ``_as_the_reference_reads_it`` works around; when the package closes it, the
    work-around can go."""
    assert _edtf_accepts("[2022-12-29..2022-12-31~]") is None
    assert _edtf_accepts("[..2022-12-19?]") is None
    assert _edtf_accepts("[2022-12-29..2022-12-31]") is not None


def test_the_edtf_package_accepts_the_lists_and_one_date_sets_refused_on_purpose() -> None:
    for text in ("[2022-12-29, 2022-12-31]", "[2022-12-29..2022-12-29]"):
        assert _edtf_accepts(text) is not None
        with pytest.raises(DateError):
            parse(text)


def _edtf_accepts(text: str) -> object | None:
    from edtf import parse_edtf

    try:
        parsed: object = parse_edtf(text)
        return parsed
    except Exception:  # the package raises several kinds; any of them means "not EDTF"
        return None


def _edtf_misses_leap_years(text: str) -> bool:
    """Whether ``text`` holds 29 February of a common year (2023, 1900), a day the ``edtf`` package
    wrongly accepts: it lets February have 29 days in every year."""
    return any(not calendar.isleap(int(year)) for year in re.findall(r"(?<![0-9])([0-9]{4})-02-29", text))


def test_the_edtf_package_takes_29_february_of_any_year() -> None:
    """The slip that ``_edtf_misses_leap_years`` allows for; when the package mends it, that can go."""
    assert _edtf_accepts("2023-02-29") is not None
    assert _edtf_accepts("1900-02-29") is not None
    assert _edtf_accepts("2023-02-30") is None


@settings(max_examples=400)
@given(_edtf_texts)
def test_the_parser_agrees_with_the_edtf_package(text: str) -> None:
    """Within the subset, we accept what EDTF accepts (refusing, on purpose, only intervals and
    sets that end before they start, and sets whose ends are one date), and we read the same first
    and last day."""
    reference = _edtf_accepts(_as_the_reference_reads_it(text))
    try:
        ours = parse(text)
    except DateError as exc:
        if exc.rule == "date-range-order" or exc.message.endswith("a set whose ends are the same date is that date"):
            assert reference is not None
        elif _edtf_misses_leap_years(text):
            pass  # the package takes 29 February of any year
        else:
            assert reference is None, f"{text!r} is EDTF, but refused: {exc.message}"
        return
    assert reference is not None, f"{text!r} is not EDTF, but was accepted"
    lower, upper = reference.lower_strict(), reference.upper_strict()  # type: ignore[attr-defined]
    if ours.start is not None:
        assert tuple(lower[:3]) == ours.start.first_day().timetuple()[:3]
    if ours.end is not None:
        assert tuple(upper[:3]) == ours.end.last_day().timetuple()[:3]


def test_equal_dates_are_one_key_whatever_object_holds_them() -> None:
    # The caches of a date's words and bounds are keyed by dates parsed from each event's file.
    first, second = parse("[2022-12-29..2022-12-31]"), parse("[2022-12-29..2022-12-31]")
    assert first is not second and first == second and hash(first) == hash(second)
    assert {first: "kept"}[second] == "kept"
    assert parse("2022-12-29") != parse("2022-12-29~")


# --- dates as prose writes them --------------------------------------------------------------------

SET_HINT = "for one {unit}, not known which, between them write '[{a}..{b}]'"
SPAN_ONLY = "for a span that lasted from one to the other write {a}/{b}"
FINER_HINT = (
    "no form of EDTF says '{words}': write the {unit}, {form}, as precise as the words are, and keep the "
    "source's words in the quote (or say in date_basis how the date was reached); a set '[A..B]' only where the "
    "sources give its first and last possible days"
)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        # Two dates, the first without what it shares with the second: a span or one day of a set,
        # the one the words say first.
        *(
            (text, SPAN_HINT.format(a="2025-03-09", b="2025-03-11", unit="day"))
            for text in (
                "9 to 11 March 2025",
                "9-11 March 2025",
                "9\u201311 March 2025",
                "from 9 to 11 March 2025",
                "9th through 11th March 2025",
                "March 9-11, 2025",
                "March 9 to March 11, 2025",
                "9 March - 11 March 2025",
                "9 March 2025 until 11 March 2025",
            )
        ),
        *(
            (
                text,
                SET_HINT.format(a="2025-03-09", b="2025-03-11", unit="day")
                + "; "
                + SPAN_ONLY.format(a="2025-03-09", b="2025-03-11"),
            )
            for text in ("between 9 and 11 March 2025", "sometime between 9 and 11 March 2025")
        ),
        # The site's own words for a set: the set alone.
        ("one day between 9 and 11 March 2025", SET_HINT.format(a="2025-03-09", b="2025-03-11", unit="day")),
        ("February to March 2025", SPAN_HINT.format(a="2025-02", b="2025-03", unit="month")),
        ("28 February - 2 March 2025", SPAN_HINT.format(a="2025-02-28", b="2025-03-02", unit="day")),
        ("December 2024 to January 2025", SPAN_HINT.format(a="2024-12", b="2025-01", unit="month")),
        ("from about 9 to 11 March 2025", SPAN_HINT.format(a="2025-03-09~", b="2025-03-11", unit="day")),
        # Words of estimate: EDTF's qualifiers, named as the site shows them.
        ("about 9 March 2025", "for about 9 March 2025 write 2025-03-09~"),
        ("around March 2025", "for about March 2025 write 2025-03~"),
        ("c. 2025", "for about 2025 write 2025~"),
        ("possibly 9 March 2025", "for possibly 9 March 2025 write 2025-03-09?"),
        ("possibly about 9 March 2025", "for possibly about 9 March 2025 write 2025-03-09%"),
        ("about 2025-03-09", "for about 9 March 2025 write 2025-03-09~"),
        ("on 9 March 2025", "for the day write 2025-03-09"),
        ("in February 2025", "for the month write 2025-02"),
        # Words of order: 'on or before' is the set open at its start; 'before' a day is on or before
        # the day before it, at the date's precision.
        (
            "on or before 14 March 2025",
            "for one day, not known which, on or before 14 March 2025 write '[..2025-03-14]'",
        ),
        ("by 14 March 2025", "for one day, not known which, on or before 14 March 2025 write '[..2025-03-14]'"),
        (
            "before 14 March 2025",
            "before 14 March 2025 is on or before 13 March 2025: for one day, not known which, write '[..2025-03-13]'",
        ),
        (
            "before 1 March 2024",
            "before 1 March 2024 is on or before 29 February 2024: for one day, not known which, write "
            "'[..2024-02-29]'",
        ),
        (
            "before January 2025",
            "before January 2025 is on or before December 2024: for one month, not known which, write '[..2024-12]'",
        ),
        (
            "after 31 December 2024",
            "after 31 December 2024 is on or after 1 January 2025: for one day, not known which, write "
            "'[2025-01-01..]'",
        ),
        ("on or after 9 March 2025", "for one day, not known which, on or after 9 March 2025 write '[2025-03-09..]'"),
        ("until 14 March 2025", "for a span that lasted until 14 March 2025 write ../2025-03-14"),
        ("since 9 March 2025", "for a span that lasted from 9 March 2025 onwards write 2025-03-09/.."),
        ("from 9 March 2025 onwards", "for a span that lasted from 9 March 2025 onwards write 2025-03-09/.."),
        # One date written as two ends: the date, not a span from it to itself.
        ("9-9 March 2025", "for the day write 2025-03-09"),
        ("9 March 2025 - 9 March 2025", "for the day write 2025-03-09"),
        ("March 2025 to March 2025", "for the month write 2025-03"),
        # Finer than EDTF: no form of its own; what the chronology writes instead.
        ("late February 2025", FINER_HINT.format(words="late", unit="month", form="2025-02")),
        ("early March 2025", FINER_HINT.format(words="early", unit="month", form="2025-03")),
        ("mid-March 2025", FINER_HINT.format(words="mid", unit="month", form="2025-03")),
        ("the end of 2025", FINER_HINT.format(words="the end of", unit="year", form="2025")),
        # No guess: the ends backwards, no year, no such day, an estimate with no day before it, a
        # day before the first, a finer word of a day.
        ("11 to 9 March 2025", _FORMS_HINT),
        ("December to January 2025", _FORMS_HINT),
        ("9 to 11 March", _FORMS_HINT),
        ("30 February to 2 March 2025", _FORMS_HINT),
        ("before about 14 March 2025", _FORMS_HINT),
        ("before 0001", _FORMS_HINT),
        ("late 9 March 2025", _FORMS_HINT),
        ("9 and 11 March 2025", _FORMS_HINT),
    ],
)
def test_a_date_as_prose_writes_it_is_told_the_form_meant(text: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert (caught.value.rule, caught.value.message) == (
        "invalid-date",
        f"'{text}' is not a date this chronology accepts",
    )
    assert caught.value.hint == hint
    for form in _forms_in(hint):
        parse(form)


def _forms_in(hint: str) -> list[str]:
    """The forms a hint tells to write."""
    return [found.strip("'") for found in re.findall(r"write (\S+?)(?=;|$)", hint)]


_days = st.dates(date(1000, 1, 1), date(2999, 12, 31))
_ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _in_words(day: date, *, month: bool = True, year: bool = True) -> str:
    text = str(day.day) + (f" {calendar.month_name[day.month]}" if month else "")
    return text + (f" {day.year}" if year else "")


#: Two days written as prose joins them, each shortened where it may share the second's month and year.
_RANGE_FORMS = (
    ("{a} to {b}", "span"),
    ("{a} - {b}", "span"),
    ("{a}\u2013{b}", "span"),
    ("from {a} until {b}", "span"),
    ("between {a} and {b}", "set"),
)


@settings(max_examples=300)
@given(_days, st.integers(0, 40), st.sampled_from(_RANGE_FORMS))
def test_two_days_as_prose_joins_them_are_told_both_forms_with_their_days(
    first: date, length: int, joined: tuple[str, str]
) -> None:
    """Whatever the days, and however the first is shortened, the hint writes the span and the set
    of exactly those two days, the words' own first (the day alone when they are one)."""
    last = first + timedelta(days=length)
    assume(last.year <= 9999)
    shared_month = (first.year, first.month) == (last.year, last.month)
    a = _in_words(first, month=not shared_month, year=first.year != last.year)
    text = joined[0].format(a=a, b=_in_words(last))
    with pytest.raises(DateError) as caught:
        parse(text)
    hint = caught.value.hint or ""
    forms = _forms_in(hint)
    span, one_of = f"{first.isoformat()}/{last.isoformat()}", f"[{first.isoformat()}..{last.isoformat()}]"
    # Two ends of one day are that day, not a span from it to itself.
    expected = [first.isoformat()] if length == 0 else [span, one_of] if joined[1] == "span" else [one_of, span]
    assert forms == expected, hint
    for form in forms:
        parsed = parse(form)
        assert (parsed.earliest(), parsed.latest()) == (first, last)


@settings(max_examples=300)
@given(_days, st.sampled_from([0, 1, 2]), st.sampled_from(["before", "after"]))
def test_before_or_after_a_date_is_on_or_before_or_after_its_neighbour(day: date, width: int, word: str) -> None:
    """'before' a date is the set of the days (months, years) up to the one before it, with no gap
    and no overlap: its last possible day is the day before the date's first, and 'after' its mirror."""
    written = [str(day.year), f"{calendar.month_name[day.month]} {day.year}", _in_words(day)][width]
    point = parse(day.isoformat()[: (4, 7, 10)[width]])
    with pytest.raises(DateError) as caught:
        parse(f"{word} {written}")
    forms = _forms_in(caught.value.hint or "")
    edge = point.first_day() if word == "before" else point.latest()
    assert edge is not None
    try:
        neighbour = edge + timedelta(days=-1 if word == "before" else 1)
    except OverflowError:
        assert forms == []
        return
    assert len(forms) == 1
    parsed = parse(forms[0])
    assert parsed.kind == ("on-or-before" if word == "before" else "on-or-after")
    assert parsed.precision == point.precision
    assert (parsed.latest() if word == "before" else parsed.earliest()) == neighbour


@settings(max_examples=500)
@given(_edtf_texts)
def test_a_date_written_in_the_sites_words_is_told_its_form(text: str) -> None:
    """The words the site shows for any date, written as the date, are told the form that shows
    them: the hint names the date's own text, and each form it names shows as the words do or is
    the other reading of them (a span or a set of the same ends)."""
    try:
        written = parse(text)
    except DateError:
        assume(False)
        return
    words = written.words()
    try:
        parse(words)
    except DateError as exc:
        assert exc.hint is not None
        forms = _forms_in(exc.hint)
        # A span from a date to itself ('from 1000 to 1000') is told as the date.
        same = written.start == written.end and not written.one_of and "/" in written.text
        assert (written.text.split("/")[0] if same else written.text) in forms, (words, exc.hint)
        for form in forms:
            other = parse(form)
            assert (other.earliest(), other.latest()) == (written.earliest(), written.latest())
    else:
        assert words == text  # a year: its words are its form


# --- approximate times ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "approximate", "words"),
    [
        ("~00:15", (0, 15), None, (True, False), "about 00:15"),
        ("~10:00/11:00", (10, 0), (11, 0), (True, False), "from about 10:00 to 11:00"),
        ("10:00/~11:00", (10, 0), (11, 0), (False, True), "from 10:00 to about 11:00"),
        ("~10:00/~11:00", (10, 0), (11, 0), (True, True), "from about 10:00 to about 11:00"),
        ("10:00/11:00", (10, 0), (11, 0), (False, False), "10:00\u201311:00"),
    ],
)
def test_an_approximate_time_is_read_and_worded_as_one(
    text: str, start: tuple[int, int], end: tuple[int, int] | None, approximate: tuple[bool, bool], words: str
) -> None:
    time = parse_time(text)
    assert (time.start, time.end, (time.start_approximate, time.end_approximate)) == (start, end, approximate)
    assert time.approximate == any(approximate)
    assert time.words() == words
    assert time.minutes() == start[0] * 60 + start[1]  # it sorts at its time


def test_an_approximate_time_stays_approximate_in_utc() -> None:
    utc = parse_time("~00:15").in_utc(date(2022, 12, 29), "Europe/Minsk")
    assert (utc.start, utc.words()) == ((21, 15), "about 21:15")
    assert parse_time("10:00/~11:00").in_utc(date(2022, 12, 29), "Europe/Minsk").words() == "from 07:00 to about 08:00"


def test_an_approximate_time_sorts_at_its_time() -> None:
    events = [event("a", "2022-12-29", "10:00"), event("b", "2022-12-29", "~09:00"), event("c", "2022-12-29", "~10:30")]
    assert [e.id for e in sorted(events, key=Event.sort_key)] == ["b", "a", "c"]
    # approximate or not, the same time sorts alike: then by title
    assert (
        sorted([event("z", "2022-12-29", "10:00"), event("y", "2022-12-29", "~10:00")], key=Event.sort_key)[0].id == "y"
    )


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("about 00:15", "for about 00:15 write '~00:15'"),
        ("at about 00:15", "for about 00:15 write '~00:15'"),
        ("around 10am", "for about 10:00 write '~10:00'"),
        ("approximately 10:30", "for about 10:30 write '~10:30'"),
        ("roughly 9.45 p.m.", "for about 21:45 write '~21:45'"),
        ("about 10 am local time", "for about 10:00 write '~10:00'"),
        ("10am", "for 10:00 write '10:00'"),
        ("12am", "for 00:00 write '00:00'"),
        ("around noon", "for about 12:00 write '~12:00'"),
        ("00:15~", "the ~ of an approximate time goes before it: for about 00:15 write '~00:15'"),
        ("between 10am and 11am", "for 10:00\u201311:00 write '10:00/11:00'"),
        ("between 10 and 11am", "for 10:00\u201311:00 write '10:00/11:00'"),
        ("10am-11am", "for 10:00\u201311:00 write '10:00/11:00'"),
        ("from about 10am to 11am", "for about 10:00 to 11:00 write '~10:00/11:00'"),
        ("10am to about 11am", "for 10:00 to about 11:00 write '10:00/~11:00'"),
        ("about 10-11am", "for about 10:00 to about 11:00 write '~10:00/~11:00'"),
    ],
)
def test_a_time_as_prose_writes_it_is_told_the_form_meant(text: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_time(text)
    assert (caught.value.rule, caught.value.message) == ("invalid-time", f"'time' has the wrong form: '{text}'")
    assert caught.value.hint == hint
    parse_time(hint.rpartition(" ")[2].strip("'"))  # the form offered is one the checker takes


@pytest.mark.parametrize(
    "text",
    # No clock says which 10; 'possibly' is no form; 13pm, 25:00 and 'shortly after midnight' are no time.
    [
        "about 10",
        "possibly 10:00",
        "possibly about 10am to 11am",
        "10am to perhaps 11am",
        "13pm",
        "about 25:00",
        "shortly after midnight",
        "in the morning",
        "10:00 or so",
    ],
)
def test_words_that_are_no_time_are_told_the_forms(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_time(text)
    assert caught.value.hint == dates.TIME_FORMS_HINT


@pytest.mark.parametrize(
    ("text", "date_form", "time_form"),
    [
        ("29 December 2022 at about 00:15", "2022-12-29", "~00:15"),
        ("2022-12-29, around 10am", "2022-12-29", "~10:00"),
        ("December 29, 2022 between 10am and 11am", "2022-12-29", "10:00/11:00"),
    ],
)
def test_a_date_written_with_a_time_as_prose_writes_one_is_told_both(text: str, date_form: str, time_form: str) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)
    assert caught.value.hint == (
        f"write the day and the time of day apart: date: '{date_form}', time: '{time_form}', with timezone: "
        "the IANA zone of the place (e.g. Europe/Kyiv)"
    )


_clock_parts = st.tuples(st.integers(0, 29), st.integers(0, 69), st.booleans())


@settings(max_examples=500)
@given(st.lists(_clock_parts, min_size=1, max_size=3), st.sampled_from(["", " ", "~"]))
def test_the_schemas_pattern_takes_what_parse_time_takes(parts: list[tuple[int, int, bool]], after: str) -> None:
    """The schema declares the time's form; the checker reads it: the two agree on every form but a
    window's order, which no pattern says."""
    from chronology import schema

    text = "/".join(f"{'~' if approximate else ''}{h:02d}:{m:02d}" for h, m, approximate in parts) + after
    pattern = schema.ecma_pattern(schema.schema("event")["properties"]["time"]["pattern"])
    try:
        parse_time(text)
    except DateError as exc:
        assert pattern.search(text) is None or re.search("ends (before|when) it starts", exc.message)
    else:
        assert pattern.search(text) is not None


@pytest.mark.parametrize("form", ["~00:15", "~10:00/11:00", "10:00/~11:00", "~10:00/~11:00", "10:00/11:00"])
def test_the_words_a_time_is_shown_in_read_back_as_its_form(form: str) -> None:
    # What the site says of a time must mean what was written: "about 10:00 to 11:00" would be read
    # (by this reader, and by most people) as about both ends, so an exact end after an approximate
    # start reads "from about 10:00 to 11:00".
    from chronology.prose_dates import time_meant

    hint = time_meant(parse_time(form).words())
    assert hint is not None and hint.endswith(f"write '{form}'"), hint
