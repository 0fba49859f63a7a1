"""The search records made from the chronology (``chronology/search_records.py``)."""

from __future__ import annotations

from chronology.model import QuotedSpan, Source
from chronology.search_records import unquoted


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
