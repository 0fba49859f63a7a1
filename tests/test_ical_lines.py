"""The calendar's lines, put together and folded here: the same bytes as icalendar writes them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import example, given
from hypothesis import strategies as st
from icalendar.parser import Contentline
from icalendar.prop import vCategory, vDDDTypes, vText

from chronology import exports
from chronology.check import check_project
from chronology.exports.ical import component, fold, written
from tests.conftest import generated_project

#: Text that meets the folding's edges often: escapes, carets, characters of two to four octets,
#: a byte-order mark (which the library drops at a value's start), besides any other character.
_TEXT = st.text(
    st.sampled_from(["a", " ", "\\", "^", ",", ";", ":", '"', "\r", "\n", "é", "€", "😀", "\ufeff"])
    | st.characters(codec="utf-8"),
    max_size=400,
)


@given(st.integers(min_value=0, max_value=160), st.sampled_from(["\\", "^", "\\\\", "é", "€", "😀"]), _TEXT)
def test_a_line_is_folded_as_the_library_folds_it(padding: int, edge: str, text: str) -> None:
    # The padding moves a character the folding treats apart across the places where a line is folded.
    line = ("x" * padding + edge + text + edge).replace("\n", "")
    assert fold(line) == Contentline(line).to_ical()  # type: ignore[no-untyped-call]


@given(_TEXT, _TEXT, st.lists(_TEXT.filter(bool), max_size=3), _TEXT)
@example("\ufeffa byte-order mark first", "\\" * 80, ["a,b", "\ufeff"], "\ufeff")
def test_an_event_is_written_as_the_library_writes_it(
    summary: str, description: str, tags: list[str], place: str
) -> None:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//test//EN")
    cal.add("x-wr-calname", vText(summary))
    event = icalendar.Event()
    event.add("uid", vText("a" * 80))
    event.add("summary", vText(summary))
    event.add("dtstart", vDDDTypes(datetime(2022, 12, 29, 10, 0, tzinfo=ZoneInfo("Europe/Minsk"))))
    event.add("dtend", vDDDTypes(date(2022, 12, 30)))
    event.add("duration", vDDDTypes(timedelta(days=3)))
    event.add("description", vText(description))
    event.add("location", vText(place), parameters={"language": "be", "altrep": place or "x"})
    if tags:
        event.add("categories", vCategory(tags))
    cal.add_component(event)
    assert written(cal) == cal.to_ical()


def test_the_whole_calendar_is_written_as_the_library_writes_it(tmp_path: Path) -> None:
    # Events in several zones (their VTIMEZONE components with their own properties and parameters).
    result = check_project(generated_project(tmp_path / "p", 200, 150))
    assert result.chronology is not None
    context = exports.Context(
        records=result.records, site_url="https://example.org/", site_name="s", changed={}, epoch=0
    )
    cal = component(result.chronology, context)
    assert len(cal.walk("VTIMEZONE")) > 2
    assert written(cal) == cal.to_ical()
