"""Links between events: the vocabulary, the checker's rules for links, and the order they give.

Each test writes a tiny chronology (see conftest.py) with a few events of its own and asserts the
exact lines a contributor reads, or the order the timeline shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology.graphs import components, shortest_path
from chronology.links import link_types
from chronology.schema import schema
from tests.conftest import EVENT, EVENT_ID, REPORT_YAML, check, edit, make_project, run

A, B, C = "2022-12-29-a", "2022-12-29-b", "2022-12-29-c"


def event(event_id: str, date: str = "2022-12-29", *links: tuple[str, str], title: str | None = None) -> str:
    """The tiny chronology's event under another id, date and title, with these links (ref, type)."""
    text = edit(EVENT, f"id: {EVENT_ID}", f"id: {event_id}")
    text = edit(text, "date: '2022-12-29'", f"date: '{date}'")
    if title is not None:
        text = edit(text, "title: Belarus says it shot down a Ukrainian S-300", f"title: {title}")
    text += "date_basis: Given for the test.\n"
    if links:
        text += "related:\n" + "".join(f"  - ref: {ref}\n    type: {kind}\n" for ref, kind in links)
    return text


#: The tiny chronology's source, published late enough to report every event these tests date
#: (as late as 2023): what they test is the links, not the dates against the source.
LATER_REPORT = edit(REPORT_YAML, "published: '2022-12-29'", "published: '2023-12-31'")


def project(tmp_path: Path, *events: tuple[str, str]) -> Path:
    """The tiny chronology with its one event replaced by these (id, text) pairs."""
    return make_project(tmp_path, events={EVENT_ID: None, **dict(events)}, seeds={"report": LATER_REPORT})


def line(n: int) -> int:
    """The line of the n-th link's 'ref' (from 0) in an event written by ``event``, which has 19
    lines before its links."""
    return 21 + 2 * n


# --- the vocabulary ----------------------------------------------------------------------------------


def test_what_kind_of_account_a_link_makes_is_declared_in_the_schema() -> None:
    # The model's groups (a statement's links, the standing's, those of differing accounts) are read
    # from each type's "account", so a type added to the schema takes its part without code.
    from chronology.model import DIFFERING_LINKS, FIGURE_LINKS, STANDING_LINKS, STATEMENT_LINKS, SYMMETRIC_LINKS

    accounts = {name: kind.account for name, kind in link_types().items() if kind.account is not None}
    assert accounts == {
        "reports-on": "reports",
        "comments-on": "reports",
        "asserts": "bears",
        "acknowledges": "bears",
        "denies": "differs",
        "disputes": "differs",
        "contradicts": "differs",
        "corroborates": "bears",
    }
    # A link that reads the same both ways joins two accounts of one thing and makes neither end a
    # statement (tests/test_link_ends.py); its figures are still shown on both pages.
    assert {name for name, kind in link_types().items() if kind.inverse == name} == SYMMETRIC_LINKS == {"contradicts"}
    assert set(accounts) - SYMMETRIC_LINKS == STATEMENT_LINKS
    assert set(accounts) == FIGURE_LINKS
    assert {"denies", "disputes", "contradicts"} == DIFFERING_LINKS
    assert STANDING_LINKS == ("asserts", "acknowledges", "corroborates", "denies", "disputes", "contradicts")


def test_the_figures_description_names_every_link_that_brings_a_statement_s_figures() -> None:
    # The Data format page shows this text; the figures come along every link with an account.
    from chronology.model import FIGURE_LINKS

    text = schema("event")["properties"]["figures"]["description"]
    for name in FIGURE_LINKS:
        verb, *rest = name.split("-")
        verb = verb[:-3] + "y" if verb.endswith("ies") else verb[:-1]  # "denies": "deny", "asserts": "assert"
        assert " ".join([verb, *rest]) in text, name


def test_the_vocabulary_is_declared_once_in_the_schema() -> None:
    node = schema("event")["properties"]["related"]["items"]["properties"]["type"]
    assert list(node["x-links"]) == node["enum"]
    for name, kind in link_types().items():
        assert kind.reads and kind.reads_back and kind.description, name
        if kind.inverse is not None:
            # An inverse says the same from the other end: its own inverse is the first type.
            assert link_types()[kind.inverse].inverse == name
            assert link_types()[kind.inverse].reads == kind.reads_back
    assert {"precedes", "follows", "during", "part-of", "response-to", "reports-on", "asserts", "acknowledges"} <= set(
        node["enum"]
    )
    assert {"denies", "disputes", "contradicts", "corroborates", "compared-to", "context"} <= set(node["enum"])


def test_an_unknown_link_type_is_refused_with_the_allowed_types(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "about"))), (B, event(B)))
    assert check(root) == [
        f"events/{A}.yaml:22:11: error[invalid-value]: 'related[0].type' cannot be 'about' (one of: precedes, "
        "follows, during, part-of, response-to, reports-on, comments-on, asserts, acknowledges, "
        "denies, disputes, contradicts, "
        "corroborates, compared-to, context)"
    ]


# --- the same link twice -------------------------------------------------------------------------------


def test_the_same_link_twice_in_one_file(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "reports-on"), (B, "reports-on"))), (B, event(B)))
    assert check(root) == [
        f"events/{A}.yaml:{line(1)}:5: error[duplicate-entry]: 'ref: {B}, type: reports-on' is listed twice in "
        "'related' (keep one)"
    ]


def test_two_types_of_link_between_the_same_events_are_not_a_duplicate(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "precedes"), (B, "contradicts"))), (B, event(B)))
    assert check(root) == []


def test_a_sequence_declared_from_both_ends_is_a_duplicate(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "precedes"))), (B, event(B, "2022-12-29", (A, "follows"))))
    assert check(root) == [
        f"events/{B}.yaml:{line(0)}:10: error[duplicate-link]: the link 'follows' to '{A}' says again what '{A}' "
        f"declares: 'precedes' to '{B}' (keep one: the other is at events/{A}.yaml:{line(0)}:10)"
    ]


def test_differing_accounts_declared_from_both_ends_are_a_duplicate(tmp_path: Path) -> None:
    root = project(
        tmp_path, (A, event(A, "2022-12-29", (B, "contradicts"))), (B, event(B, "2022-12-29", (A, "contradicts")))
    )
    assert check(root) == [
        f"events/{B}.yaml:{line(0)}:10: error[duplicate-link]: the link 'contradicts' to '{A}' says again what "
        f"'{A}' declares: 'contradicts' to '{B}' (keep one: the other is at events/{A}.yaml:{line(0)}:10)"
    ]


def test_a_one_way_link_declared_from_both_ends_is_not_a_duplicate(tmp_path: Path) -> None:
    # Each corroborates the other: two statements, not one said twice.
    root = project(
        tmp_path, (A, event(A, "2022-12-29", (B, "corroborates"))), (B, event(B, "2022-12-29", (A, "corroborates")))
    )
    assert check(root) == []


# --- a sequence against the dates ----------------------------------------------------------------------


def test_follows_an_event_that_begins_after_it_ends(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-28", (B, "follows"))), (B, event(B, "[2022-12-29..2022-12-31]")))
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-against-dates]: 'follows' puts this event after '{B}', "
        "but this event (28 December 2022) ends before it begins (one day between 29 and 31 December 2022) "
        "(correct a date or the link's type)"
    ]


def test_precedes_an_event_that_ends_before_it_begins(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "precedes"))), (B, event(B, "2022-11")))
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-against-dates]: 'precedes' puts this event before '{B}', "
        "but this event (29 December 2022) begins after it ends (November 2022) (correct a date or the link's type)"
    ]


@pytest.mark.parametrize(
    ("date", "conflict"), [("2022-12-27", "ends before it begins"), ("2023", "begins after it ends")]
)
def test_during_an_event_whose_days_it_does_not_share(tmp_path: Path, date: str, conflict: str) -> None:
    root = project(tmp_path, (A, event(A, date, (B, "during"))), (B, event(B, "2022-12-28/2022-12-29")))
    words = {"2022-12-27": "27 December 2022", "2023": "2023"}[date]
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-against-dates]: 'during' puts this event within '{B}', "
        f"but this event ({words}) {conflict} (from 28 to 29 December 2022) (correct a date or the link's type)"
    ]


@pytest.mark.parametrize(
    ("mine", "theirs", "kind"),
    [
        ("2022-12-29", "2022-12-29", "precedes"),  # one day: the order within it is the link's to give
        ("2022-12-29", "2022-12", "follows"),  # the month may end after the day
        ("[..2022-12-19]", "2022-12-19", "precedes"),  # on or before
        ("../2022-12-19", "2022-12-19", "precedes"),  # until
        ("2022-12-28~", "2022-12-29", "follows"),  # an approximate day may be later
        ("[2022-12-29..]", "2023-01-05", "follows"),  # on or after: no latest day
        ("2022-12-29/..", "2023-01-05", "during"),  # from that day onwards: no latest day
    ],
)
def test_a_sequence_the_dates_allow(tmp_path: Path, mine: str, theirs: str, kind: str) -> None:
    root = project(tmp_path, (A, event(A, mine, (B, kind))), (B, event(B, theirs)))
    assert check(root) == []


def test_a_link_without_order_is_not_checked_against_the_dates(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "compared-to"))), (B, event(B, "2022-11")))
    assert check(root) == []


def test_a_response_before_what_it_answers_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, (A, event(A, "2022-12-19", (B, "response-to"))), (B, event(B, "2022-12-29")))
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-against-dates]: 'response-to' puts this event after '{B}', "
        "but this event (19 December 2022) ends before it begins (29 December 2022) (correct a date or the link's type)"
    ]


# --- a cycle in the sequence -----------------------------------------------------------------------------


def cycle_hint(*links: tuple[str, str, str]) -> str:
    """The hint of a cycle made of ``links`` (file's event, type, other event)."""
    named = [f"events/{mine}.yaml ('{kind}' {other})" for mine, kind, other in links]
    listed = named[0] if len(named) < 2 else f"{', '.join(named[:-1])} and {named[-1]}"
    return (
        f"(each comes before the next, by the links in {listed}: remove or reverse one; where the sources "
        "disagree on the order, see docs/method.md, 'Sources that disagree on the order')"
    )


def test_a_sequence_that_goes_round(tmp_path: Path) -> None:
    # One cycle, one error: at its first link, naming the other.
    root = project(tmp_path, (A, event(A, "2022-12-29", (B, "precedes"))), (B, event(B, "2022-12-29", (A, "precedes"))))
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-cycle]: '{A}' comes before itself: {A} -> {B} -> {A} "
        + cycle_hint((A, "precedes", B), (B, "precedes", A)),
    ]


def test_a_sequence_that_goes_round_through_several_types(tmp_path: Path) -> None:
    # a precedes b; c is part of b, so b begins first; yet a follows c.
    root = project(
        tmp_path,
        (A, event(A, "2022-12-29", (B, "precedes"), (C, "follows"))),
        (B, event(B)),
        (C, event(C, "2022-12-29", (B, "part-of"))),
    )
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-cycle]: '{A}' comes before itself: {A} -> {B} -> {C} -> {A} "
        + cycle_hint((A, "precedes", B), (C, "part-of", B), (A, "follows", C)),
    ]


def test_two_cycles_through_one_event_are_each_told(tmp_path: Path) -> None:
    # a and b go round, and b and c: two cycles (one tangle of links), two errors, each at its first link.
    root = project(
        tmp_path,
        (A, event(A, "2022-12-29", (B, "precedes"))),
        (B, event(B, "2022-12-29", (A, "precedes"), (C, "precedes"))),
        (C, event(C, "2022-12-29", (B, "precedes"))),
    )
    assert check(root) == [
        f"events/{A}.yaml:{line(0)}:10: error[sequence-cycle]: '{A}' comes before itself: {A} -> {B} -> {A} "
        + cycle_hint((A, "precedes", B), (B, "precedes", A)),
        f"events/{B}.yaml:{line(1)}:10: error[sequence-cycle]: '{B}' comes before itself: {B} -> {C} -> {B} "
        + cycle_hint((B, "precedes", C), (C, "precedes", B)),
    ]


# --- the order they give ------------------------------------------------------------------------------


def order(root: Path) -> list[str]:
    result = run(root)
    assert result.chronology is not None, [d.text() for d in result.diagnostics]
    return [e.id for e in result.chronology.events]


def test_the_order_follows_links_and_titles_never_file_names(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        (A, event(A, "2022-12-29", (C, "follows"), title="Zeta")),
        (B, event(B, "2022-12-29", title="Yankee")),
        (C, event(C, "2022-12-29", (B, "during"), title="Xray")),
        ("2022-12-29-d", event("2022-12-29-d", "2022-12-29", title="Whiskey")),
        ("2022-12-28-e", event("2022-12-28-e", "2022-12-28", title="Zulu")),
    )
    # e: the earlier date. Then d (no link; "Whiskey" is the first title free to go), b (c is
    # during it), c, and a, which follows c.
    assert order(root) == ["2022-12-28-e", "2022-12-29-d", B, C, A]


def test_a_time_orders_events_that_no_link_orders(tmp_path: Path) -> None:
    timed = edit(event(B, "2022-12-29", title="Alpha"), "date: '2022-12-29'", "date: '2022-12-29'\ntime: '09:00'")
    timed = edit(timed, "time: '09:00'", "time: '09:00'\ntimezone: Europe/Minsk")
    root = project(tmp_path, (A, event(A, "2022-12-29", title="Zeta")), (B, timed))
    assert order(root) == [A, B]  # untimed first, then by time: the title does not come into it


def test_previous_and_next_follow_the_order(tmp_path: Path) -> None:
    root = project(
        tmp_path, (A, event(A, "2022-12-29", (B, "follows"), title="Alpha")), (B, event(B, "2022-12-29", title="Beta"))
    )
    chronology = run(root).chronology
    assert chronology is not None
    a, b = chronology.events_by_id[A], chronology.events_by_id[B]
    assert [e.id for e in chronology.events] == [B, A]
    assert chronology.next_event(b) == a and chronology.previous_event(a) == b
    assert chronology.previous_event(b) is None and chronology.next_event(a) is None


@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_two_events_share_a_component_exactly_when_each_reaches_the_other(edges: list[tuple[int, int]]) -> None:
    graph: dict[str, list[str]] = {}
    for start, end in edges:
        graph.setdefault(str(start), []).append(str(end))
    component = components(graph)

    def reaches(a: str, b: str) -> bool:
        return shortest_path(graph, a, b) is not None

    nodes = sorted(component)
    assert set(nodes) == {str(n) for edge in edges for n in edge}
    for a in nodes:
        for b in nodes:
            assert (component[a] == component[b]) == (reaches(a, b) and reaches(b, a)), (a, b)


def test_contributing_and_the_method_name_every_link_type() -> None:
    root = Path(__file__).resolve().parent.parent
    contributing = (root / "CONTRIBUTING.md").read_text("utf-8")
    method = (root / "docs" / "method.md").read_text("utf-8")
    for name, kind in link_types().items():
        assert f"`{name}`" in contributing and f"`{name}`" in method, name
        assert kind.reads in contributing and kind.reads_back in contributing, name


def test_a_link_holds_an_event_back_behind_one_whose_date_sorts_later(tmp_path: Path) -> None:
    # b is one day of 29-31 December and came first: so it was the 29th, and a, on the 29th, waits
    # for it. Without the link, a single day sorts before the run of days that starts with it.
    a = event(A, "2022-12-29", title="Alpha")
    assert order(project(tmp_path / "1", (A, a), (B, event(B, "[2022-12-29..2022-12-31]")))) == [A, B]
    b = event(B, "[2022-12-29..2022-12-31]", (A, "precedes"))
    assert order(project(tmp_path / "2", (A, a), (B, b), (C, event(C, "2022-12-30")))) == [B, A, C]
