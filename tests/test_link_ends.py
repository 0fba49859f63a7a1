"""A link that reads the same both ways (its inverse is itself, as the schema declares ``contradicts``)
is declared once, from either end: nothing the site derives from it may depend on which end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chronology import exports
from chronology.check import check_project
from chronology.exports.timelinejs import standing_html
from chronology.links import link_types
from chronology.model import Chronology
from chronology.pages import Renderer
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, edit, make_project
from tests.test_site import ROOT

#: Every type whose inverse is itself, read from the schema: a type added there is tested here too.
SYMMETRIC = [name for name, t in link_types().items() if t.inverse == name]

COUNTED = "The fire service said 12 people were hurt; a union said at least 15 were.\n"
OTHER_ID = "2022-12-29-officials-say-nothing-to-worry-about"
OTHER = f"""\
id: {OTHER_ID}
title: Lukashenko's officials say there is nothing to worry about
date: '2022-12-29'
summary: Lukashenko's officials said there was nothing to worry about.
actors:
  - ref: alexander-lukashenko
    role: speaker
sources:
  - seed: report
    quotes:
      - there was “absolutely nothing to worry about”
    VOICE
figures:
  - counts: people-hurt
    what: people hurt
    value: 15
    qualifier: at least
    seed: report
    voice: attributed
    attributed_to:
      - alexander-lukashenko
    quote: a union said at least 15
"""
#: The first event's figure, of the same count.
FIGURE = """\
figures:
  - counts: people-hurt
    what: people hurt
    value: 12
    seed: report
    voice: own
    quote: The fire service said 12 people were hurt
"""
VOICES = {
    "own": "voice: own",
    "attributed": "voice: attributed\n    attributed_to:\n      - alexander-lukashenko",
}


#: A third account, of the same words.
THIRD_ID = "2022-12-29-officials-repeat-there-is-nothing-to-worry-about"
THIRD = edit(edit(OTHER, OTHER_ID, THIRD_ID), "say there is", "repeat there is")


def related(links: list[tuple[str, str, str]], declared_on: str) -> str:
    """The ``related`` list of the file of ``declared_on``: each (declaring, other, type) it declares."""
    mine = [(other, kind) for declaring, other, kind in links if declaring == declared_on]
    return (
        "related:\n"
        + "".join(f"  - ref: {other}\n    type: {kind}\n    note: as the report reads it\n" for other, kind in mine)
        if mine
        else ""
    )


def project(root: Path, kind: str, voice: str, declared_on: str) -> Chronology:
    """The two events, the link of ``kind`` written in the file of ``declared_on``."""
    other = OTHER_ID if declared_on == EVENT_ID else EVENT_ID
    return linked(root, voice, [(declared_on, other, kind)])


#: Lukashenko's "at least 15", said earlier, and his 12, said later: he revised his count.
EARLIER = ("    quote: a union said at least 15\n", "    quote: a union said at least 15\n    timing: earlier\n")
LATER = (
    "    value: 15\n    qualifier: at least\n    seed: report\n    voice: attributed\n    attributed_to:\n"
    "      - alexander-lukashenko\n    quote: a union said at least 15\n",
    "    value: 12\n    seed: report\n    voice: attributed\n    attributed_to:\n      - alexander-lukashenko\n"
    "    quote: The fire service said 12 people were hurt\n    timing: later\n",
)


def linked(
    root: Path, voice: str, links: list[tuple[str, str, str]], third: bool = False, revised: bool = False
) -> Chronology:
    """The events (the third too, if asked), each with the links of ``links`` it declares; with
    ``revised``, the second's figure is given earlier and the third's, of the same party, later."""
    other, third_text = OTHER, THIRD
    if revised:
        other, third_text = edit(other, *EARLIER), edit(third_text, *LATER)
    events = {
        EVENT_ID: EVENT + FIGURE + related(links, EVENT_ID),
        OTHER_ID: edit(other, "VOICE", VOICES[voice]) + related(links, OTHER_ID),
    }
    if third:
        events[THIRD_ID] = edit(third_text, "VOICE", VOICES[voice]) + related(links, THIRD_ID)
    result = check_project(make_project(root, events=events, texts={"report": REPORT_TXT + COUNTED}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    assert result.chronology is not None
    return result.chronology


def shown(chronology: Chronology, event_id: str) -> dict[str, object]:
    """Everything the site derives from the links for one event: its standing, the standing and the
    figures as its page renders them, its mark on a list and its Timeline view slide's lead."""
    event = chronology.events_by_id[event_id]
    renderer = Renderer(chronology, ROOT / "templates")
    body = renderer.event(event).body
    standing = re.search(r'<div class="standing">.*?</div>', body, re.S)
    figures = re.search(r'<table class="figures">.*?</table>', body, re.S)
    related = re.search(r'<ul class="related">.*?</ul>', body, re.S)
    assert standing is not None and figures is not None and related is not None
    context = exports.Context(records={}, site_url="", site_name="S", changed={}, epoch=0)
    return {
        "standing": chronology.standing(event),
        "counts": chronology.counts(event),
        "standing html": standing.group(0),
        "figures html": figures.group(0),
        "related html": related.group(0),
        "mark": renderer.claim_mark(event),
        "slide": standing_html(chronology, event, context),
    }


def test_the_schema_has_a_link_that_reads_the_same_both_ways() -> None:
    assert "contradicts" in SYMMETRIC


@pytest.mark.parametrize("voice", sorted(VOICES))
@pytest.mark.parametrize("kind", SYMMETRIC)
def test_which_end_declares_a_link_that_reads_the_same_both_ways_changes_nothing(
    tmp_path: Path, kind: str, voice: str
) -> None:
    # A contradicts link written on the company's alarm made it "A statement ..." and left the fire
    # service's call "Reported as fact"; moved to the call's file, the two swapped.
    here = project(tmp_path / "here", kind, voice, EVENT_ID)
    there = project(tmp_path / "there", kind, voice, OTHER_ID)
    for event_id in (EVENT_ID, OTHER_ID):
        assert shown(here, event_id) == shown(there, event_id), event_id
    # Two accounts of one thing: neither is made a statement about the other by the link.
    for event_id in (EVENT_ID, OTHER_ID):
        assert not here.standing(here.events_by_id[event_id]).statement, event_id
    text = shown(here, EVENT_ID)["standing html"]
    assert isinstance(text, str)
    assert "<strong>Reported as fact</strong>" in text and "A statement" not in text


@pytest.mark.parametrize("kind", SYMMETRIC)
def test_the_standing_names_the_accounts_in_one_order_however_their_links_are_written(
    tmp_path: Path, kind: str
) -> None:
    # The first event differs from two others: whether each link is written on it (in either order)
    # or on the other event, its page names the two alike, in the timeline's order.
    ways = {
        "both here": [(EVENT_ID, THIRD_ID, kind), (EVENT_ID, OTHER_ID, kind)],
        "both here, the other order": [(EVENT_ID, OTHER_ID, kind), (EVENT_ID, THIRD_ID, kind)],
        "one each": [(OTHER_ID, EVENT_ID, kind), (EVENT_ID, THIRD_ID, kind)],
        "both there": [(THIRD_ID, EVENT_ID, kind), (OTHER_ID, EVENT_ID, kind)],
    }
    seen = {
        name: {e: shown(c, e) for e in (EVENT_ID, OTHER_ID, THIRD_ID)}
        for name, links in ways.items()
        for c in [linked(tmp_path / name.replace(" ", "-").replace(",", ""), "own", links, third=True)]
    }
    first = seen.pop("both here")
    for name, each in seen.items():
        assert each == first, name


@pytest.mark.parametrize("kind", SYMMETRIC)
def test_a_revision_across_linked_accounts_is_one_however_their_links_are_written(tmp_path: Path, kind: str) -> None:
    # Lukashenko's earlier "at least 15" on one account and his later 12 on another: beside the fire
    # service's 12, the first event's page says he revised his count, not that the accounts differ,
    # whichever files declare the links.
    ways = {
        "both here": [(EVENT_ID, THIRD_ID, kind), (EVENT_ID, OTHER_ID, kind)],
        "one each": [(OTHER_ID, EVENT_ID, kind), (EVENT_ID, THIRD_ID, kind)],
        "both there": [(THIRD_ID, EVENT_ID, kind), (OTHER_ID, EVENT_ID, kind)],
    }
    seen = {
        name: {e: shown(c, e) for e in (EVENT_ID, OTHER_ID, THIRD_ID)}
        for name, links in ways.items()
        for c in [linked(tmp_path / name.replace(" ", "-"), "own", links, third=True, revised=True)]
    }
    first = seen.pop("both here")
    for name, each in seen.items():
        assert each == first, name
    counts = first[EVENT_ID]["counts"]
    assert isinstance(counts, tuple)
    assert [(c.revised, c.differ, c.conflict) for c in counts] == [(True, False, False)]
    html = first[EVENT_ID]["figures html"]
    assert isinstance(html, str)
    assert '<span class="claim revised">Revised</span></th>' in html
    assert "superseded: revised later to 12" in html
