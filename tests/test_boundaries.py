"""Limits at their edge: a year of exactly a page's events, a quote not found with exactly as many
differences as are listed or exactly as long as is shown, a date known to within exactly a week."""

from __future__ import annotations

import pytest

from chronology.dates import parse
from chronology.exports.tables import acled_time_precision, ucdp_date_prec
from chronology.model import Citation, Event
from chronology.pages import split_periods
from chronology.quote_search import quote_not_found
from chronology.text import MAX_DIFFERENCES, normalise


def dated(when: str, count: int) -> list[Event]:
    """``count`` events on ``when``."""
    return [
        Event(f"{when}-{n}", f"{when}-{n}", parse(when), "Something happened.", (Citation("s", ("x",)),), "x.yaml")
        for n in range(count)
    ]


def test_a_year_of_exactly_a_page_of_events_is_one_period() -> None:
    events = (*dated("2022-03-10", 10), *dated("2022-09-10", 10), *dated("2023-01-10", 1))
    assert [(p.slug, len(p.events)) for p in split_periods(events, 20)] == [("2022", 20), ("2023", 1)]
    # One more, and the year is split.
    events = (*dated("2022-03-10", 11), *dated("2022-09-10", 10), *dated("2023-01-10", 1))
    assert [(p.slug, len(p.events)) for p in split_periods(events, 20)] == [
        ("2022-01-to-06", 11),
        ("2022-07-to-12", 10),
        ("2023", 1),
    ]


def test_a_half_year_of_exactly_a_page_of_events_is_one_period() -> None:
    events = (*dated("2022-02-10", 10), *dated("2022-05-10", 10), *dated("2022-09-10", 1))
    assert [(p.slug, len(p.events)) for p in split_periods(events, 20)] == [("2022-01-to-06", 20), ("2022-07-to-12", 1)]


SOURCE = " ".join(f"w{i}" for i in range(60)) + "."


def not_found(quote: str) -> tuple[str, str | None]:
    return quote_not_found(quote, "report", SOURCE, normalise(SOURCE))


@pytest.mark.parametrize("changed", [MAX_DIFFERENCES, MAX_DIFFERENCES + 1])
def test_a_quote_not_found_lists_its_differences_and_counts_those_left_out(changed: int) -> None:
    words = [f"w{i}" for i in range(30)]
    at = [2 + 4 * n for n in range(changed)]  # changed words apart: a difference each
    for i in at:
        words[i] = f"x{i}"
    message, hint = not_found(" ".join(words))
    listed = [f"'x{i}' is 'w{i}' in the source" for i in at[:MAX_DIFFERENCES]]
    more = "; and 1 more difference" if changed > MAX_DIFFERENCES else ""
    assert message == "quote not found in source 'report': " + "; ".join(listed) + more
    assert hint == f"the closest passage, as it would match: '{' '.join(f'w{i}' for i in range(30))}'"


@pytest.mark.parametrize(("length", "shown"), [(199, 199), (200, 200), (201, 197), (5000, 197)])
def test_a_quote_with_no_word_in_the_source_is_shown_whole_up_to_200_characters(length: int, shown: int) -> None:
    quote = ("zzz qqq " * 1000)[:length]
    message, hint = not_found(quote)
    ellipsis = "..." if shown < length else ""
    assert message == f"quote not found in source 'report': '{quote[:shown]}{ellipsis}'"
    assert hint is None


@pytest.mark.parametrize(
    ("date", "acled", "ucdp"),
    [
        ("2022-12-19", 1, 1),
        ("[2022-12-19..2022-12-24]", 2, 2),  # known within 6 days
        ("[2022-12-19..2022-12-25]", 2, 3),  # within a week
        ("[2022-12-19..2022-12-26]", 3, 4),  # within 8 days: more than a week
        ("2022-12", 3, 4),
        ("[2022-11-30..2022-12-31]", 3, 5),  # within 32 days
    ],
)
def test_the_tables_code_a_date_known_within_a_week_as_acled_and_ucdp_do(date: str, acled: int, ucdp: int) -> None:
    (event,) = dated(date, 1)
    assert (acled_time_precision(event), ucdp_date_prec(event)) == (acled, ucdp)
