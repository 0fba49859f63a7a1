"""Orders an actor's page and the timeline's filter rely on: the actors it appears most with, most
shared events first; the bodies it belongs to, nearest first."""

from __future__ import annotations

import html
import re
from pathlib import Path

from chronology.pages import Renderer, actor_path
from tests.conftest import EVENT, EVENT_ID, ROOT, edit, make_project, run

UNITS_ID = "belarus-air-defence-units"


def actor(ident: str, name: str, kind: str, *member_of: str) -> str:
    bodies = "".join(f"  - {body}\n" for body in member_of)
    return f"id: {ident}\nname: {name}\nkind: {kind}\n" + (f"member_of:\n{bodies}" if bodies else "")


def with_units(n: int) -> str:
    """The event again, under another id, with the air defence units in Lukashenko's place."""
    text = edit(EVENT, f"id: {EVENT_ID}", f"id: {EVENT_ID}-{n}")
    return edit(text, "  - ref: alexander-lukashenko\n", f"  - ref: {UNITS_ID}\n")


def test_an_actor_s_page_lists_those_it_appears_most_with_first(tmp_path: Path) -> None:
    # Belarus shares two events with the units and one with Lukashenko, whose id comes first.
    root = make_project(
        tmp_path,
        events={f"{EVENT_ID}-{n}": with_units(n) for n in (1, 2)},
        actors={UNITS_ID: actor(UNITS_ID, "Belarus's air defence units", "armed-force")},
    )
    chronology = run(root).chronology
    assert chronology is not None
    assert chronology.co_actors("belarus") == [(UNITS_ID, 2), ("alexander-lukashenko", 1)]
    (page,) = Renderer(chronology, ROOT / "templates").pages_for({actor_path("belarus")})
    match = re.search(r'<ol class="co-actors">(.*?)</ol>', page.body, re.S)
    assert match, "no 'Appears most with' list"
    items = re.findall(r"<li>(.*?)</li>", match.group(1), re.S)
    assert [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items] == [
        "Belarus's air defence units (2 shared events)",
        "Alexander Lukashenko (1 shared event)",
    ]


def test_the_bodies_an_actor_belongs_to_are_listed_nearest_first(tmp_path: Path) -> None:
    # The units belong to the ministry and the armed forces, each of which belongs to a body of its
    # own: both direct bodies come before either of theirs.
    actors = {
        UNITS_ID: actor(UNITS_ID, "Air defence units", "armed-force", "ministry", "armed-forces"),
        "ministry": actor("ministry", "Ministry", "government-body", "government"),
        "armed-forces": actor("armed-forces", "Armed forces", "armed-force", "general-staff"),
        "government": actor("government", "Government", "government-body"),
        "general-staff": actor("general-staff", "General staff", "armed-force"),
    }
    root = make_project(tmp_path, events={f"{EVENT_ID}-1": with_units(1)}, actors=actors)
    chronology = run(root).chronology
    assert chronology is not None
    assert chronology.bodies_of(UNITS_ID) == ("ministry", "armed-forces", "government", "general-staff")
    # The timeline's filter finds the units' event under each body, in that order.
    (event,) = [e for e in chronology.events if e.id == f"{EVENT_ID}-1"]
    assert chronology.actors_listing(event) == (
        "belarus",
        UNITS_ID,
        "ministry",
        "armed-forces",
        "government",
        "general-staff",
    )
