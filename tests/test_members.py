"""An actor's events include those of its member bodies, at any depth, each naming the member."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EVENT, EVENT_ID, edit, make_project, run

MINISTRY = (
    "id: belarus-ministry-of-defence\nname: Belarus's Defence Ministry\nkind: government-body\n"
    "member_of:\n  - belarus\n"
)
UNITS = (
    "id: belarus-air-defence-units\nname: Belarus's air defence units\nkind: armed-force\n"
    "member_of:\n  - belarus-ministry-of-defence\n"
)


def test_a_body_lists_the_events_of_its_members_naming_the_nearest(tmp_path: Path) -> None:
    claim = edit(EVENT, f"id: {EVENT_ID}", "id: 2022-12-29-claim")
    claim = edit(claim, "title: Belarus says", "title: The ministry says")
    claim = edit(
        claim, "  - ref: belarus\n    role: claimant\n", "  - ref: belarus-ministry-of-defence\n    role: speaker\n"
    )
    claim = edit(claim, "  - ref: alexander-lukashenko\n", "  - ref: belarus-air-defence-units\n")
    root = make_project(
        tmp_path,
        events={"2022-12-29-claim": claim},
        actors={"belarus-ministry-of-defence": MINISTRY, "belarus-air-defence-units": UNITS},
    )
    chronology = run(root).chronology
    assert chronology is not None
    via = {
        actor: [(e.id, members) for e, members in entries] for actor, entries in chronology.events_with_members.items()
    }
    # Belarus, in timeline order (one date, so by title): its own event, and the ministry's claim
    # through the ministry (not also through the units, which are the ministry's). Lukashenko, a
    # member of Belarus, is in Belarus's own event.
    assert via["belarus"] == [(EVENT_ID, ()), ("2022-12-29-claim", ("belarus-ministry-of-defence",))]
    assert via["belarus-ministry-of-defence"] == [("2022-12-29-claim", ())]
    assert via["belarus-air-defence-units"] == [("2022-12-29-claim", ())]
    assert via["alexander-lukashenko"] == [(EVENT_ID, ())]
    assert chronology.bodies_of("belarus-air-defence-units") == ("belarus-ministry-of-defence", "belarus")
    # The actors' own events stay as they were: co-actors and places are counted from them.
    assert [e.id for e in chronology.events_by_actor["belarus"]] == [EVENT_ID]
