"""The search records made from the chronology (``chronology/search_records.py``)."""

from __future__ import annotations

import re
from pathlib import Path

from chronology.check import check_project
from chronology.model import QuotedSpan, Source
from chronology.pages import Page, Renderer, tag_title
from chronology.search_records import page_url, records, unquoted
from tests.test_site import ROOT


def source(text: str, *spans: QuotedSpan) -> Source:
    return Source("s", "S", text, "en", "", "sources/s.yaml", "seeds/s.txt", spans=spans)


def test_a_sources_record_text_leaves_out_what_events_quote_and_keeps_the_rest() -> None:
    text = "Said first. Quoted by two events. Quoted by an actor. Said in between. Quoted last."
    # The passages an event quotes, overlapping, at the end; one an actor quotes (not in its record).
    spans = (
        QuotedSpan(12, 33, "event", "a"),
        QuotedSpan(19, 33, "event", "b"),
        QuotedSpan(34, 53, "actor", "c"),
        QuotedSpan(71, 83, "event", "d"),
    )
    assert text[12:33] == "Quoted by two events." and text[71:83] == "Quoted last."
    assert unquoted(source(text, *spans)) == "Said first. … Quoted by an actor. Said in between."


def test_a_source_quoted_from_its_start_to_its_end_leaves_nothing_but_marks() -> None:
    spans = (QuotedSpan(1, 8, "event", "a"), QuotedSpan(11, 23, "event", "b"))
    assert unquoted(source("«Quoted.» «Also quoted.»", *spans)) == ""
    assert unquoted(source("Nobody quotes this.")) == "Nobody quotes this."


def test_a_source_quoted_in_part_has_only_that_parts_unquoted_runs() -> None:
    text = "Said first. Quoted by two events. Quoted by an actor. Said in between. Quoted last."
    spans = (QuotedSpan(12, 33, "event", "a"), QuotedSpan(71, 83, "event", "d"))
    whole = source(text, *spans)
    assert unquoted(whole, 0, 20) == "Said first."
    assert unquoted(whole, 20, 58) == "Quoted by an actor. Said"
    assert unquoted(whole, 58, len(text)) == "in between."
    assert unquoted(whole, 75, len(text)) == ""


def test_a_long_sources_records_are_its_pages_each_with_its_own_words(tmp_path: Path) -> None:
    # Cut small, a generated chronology's longest source spans several pages: each has a record,
    # at the page's address and with its title, holding the words no event quotes on that page.
    from chronology.check import check_project
    from chronology.pages import Renderer
    from chronology.search_records import page_url, records
    from tests.conftest import generated_project

    root = generated_project(tmp_path, events=60, page_events=150)
    chronology = check_project(root).chronology
    assert chronology is not None
    longest = max(chronology.sources.values(), key=lambda s: len(s.text))
    pages = Renderer(chronology, root / "templates", part_chars=3000).source(longest)
    assert len(pages) >= 3
    found = [r for r in records(chronology, part_chars=3000) if r.meta["kind"] == "Source"]
    mine = [r for r in found if r.url.startswith(page_url(pages[0].path).removesuffix("/"))]
    assert [(r.url, r.meta["title"]) for r in mine] == [(page_url(p.path), p.title) for p in pages]
    assert mine[0].content.startswith(longest.title or longest.label)
    # A run no event quotes is in the record of the page it stands on, and in no other.
    renderer = Renderer(chronology, root / "templates", part_chars=3000)
    for number, segments in enumerate(renderer.source_parts(longest)):
        own = unquoted(longest, segments[0].start, segments[-1].end)
        assert own and own in mine[number].content
        assert not any(own in other.content for other in mine if other is not mine[number])


def test_each_filter_value_finds_the_events_its_page_lists() -> None:
    # The search page's filters show how many records carry each value: "Actor: Belarus (5)" beside
    # an actor's page listing 12 events (its ministries' among them), "Place: Belarus (12)" beside 7
    # (the places within it counted as records). A value is an actor's, place's or tag's events.
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    renderer = Renderer(chronology, ROOT / "templates")
    found: dict[tuple[str, str], set[str]] = {}
    for record in records(chronology):
        for name, values in record.filters.items():
            for value in values:
                found.setdefault((name, value), set()).add(record.url)

    def listed(pages: list[Page]) -> set[str]:
        ids = {m for page in pages for m in re.findall(r'<li class="event-item" id="e-([^"]+)"', page.body)}
        return {page_url(f"events/{event_id}.md") for event_id in ids}

    pages = {
        **{("actor", a.name): renderer.actor(a) for a in chronology.actors.values()},
        **{("place", p.name): renderer.place(p) for p in chronology.places.values()},
        **{("tag", tag_title(t)): renderer.tag(t) for t in chronology.events_by_tag},
    }
    assert len(pages) == len(chronology.actors) + len(chronology.places) + len(chronology.events_by_tag)
    mismatched = {key: (found.get(key, set()), listed(made)) for key, made in pages.items()}
    assert {key: urls for key, urls in mismatched.items() if urls[0] != urls[1]} == {}
    assert {key for key in found if key[0] != "kind"} <= set(pages)
    assert any(len(urls) > 1 for urls, _ in mismatched.values())


def test_an_approximate_time_sorts_its_record_at_its_time_and_claims_no_minute(tmp_path: Path) -> None:
    from tests.conftest import EVENT, EVENT_ID, edit, make_project

    def timed(title: str, time: str) -> str:
        text = edit(EVENT, "title: Belarus says it shot down a Ukrainian S-300", f"title: {title}")
        return edit(text, "date: '2022-12-29'", f"date: '2022-12-29'\ntime: '{time}'\ntimezone: Europe/Minsk")

    # By title the later would come first: "A" at 10:00, "B" at about 09:00.
    events = {EVENT_ID: timed("A at ten", "10:00"), "2022-12-29-b": timed("B at about nine", "~09:00")}
    result = check_project(
        make_project(tmp_path, events={k: edit(v, f"id: {EVENT_ID}", f"id: {k}") for k, v in events.items()})
    )
    assert result.chronology is not None
    made = {r.meta["title"]: r for r in records(result.chronology)}
    assert made["B at about nine"].sort["date"] < made["A at ten"].sort["date"]
    assert "09:00" not in made["B at about nine"].meta["date"] + made["B at about nine"].content
