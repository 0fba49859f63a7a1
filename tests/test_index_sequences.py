"""Sequences of edits, each answered from the index (and by `serve`) exactly as a whole check would."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronology import check
from chronology.diagnostics import render
from tests.conftest import generated_project, skip_module_without_example
from tests.test_index import (
    BARRAGE,
    FRAGMENTS,
    OFFICIALS,
    SHOT,
    SHOT_ID,
    SOURCE,
    VISIT,
    Change,
    answer_in_steps,
    append,
    copy_repository,
    drop,
    figure,
    new_record,
    quote,
    remove,
    rewrite,
    setting,
    unreadable,
)
from tests.test_snapshot import Loads, report, whole

# The refusals and repairs below are of the example chronology's files, read as the module is imported.
skip_module_without_example()
pytestmark = pytest.mark.example

BARRAGE_ID = "2022-12-29-russia-fires-missile-barrage-at-ukraine"
KULEBA = "events/2022-12-29-kuleba-condemns-missile-barrage.yaml"
KULEBA_ID = "2022-12-29-kuleba-condemns-missile-barrage"
#: Events no other record refers to (as KULEBA).
BELTA = "events/2022-12-29-belta-reports-s300-landed-in-belarus.yaml"
GLAZ = "events/2022-12-29-glaz-sets-out-belarus-demands-of-ukraine.yaml"
#: An actor only KULEBA mentions (its first), and a place only FRAGMENTS happens at (its first).
DMYTRO_KULEBA = "actors/dmytro-kuleba.yaml"
GORBAKHA = "places/gorbakha.yaml"


CASES: dict[str, list[list[tuple[str, Change]]]] = {
    "two-links-both-ends-edited": [
        [
            (SHOT, append("related", {"ref": BARRAGE_ID, "type": "response-to"})),
            (BARRAGE, append("related", {"ref": SHOT_ID, "type": "precedes"})),
            (BARRAGE, setting("date", "2023-02-01")),
        ],
        [(BARRAGE, setting("date", "2022-12-29")), (SHOT, setting("date", "2022-12-20"))],
        [(SHOT, drop("related", -1)), (BARRAGE, drop("related", -1))],
        [(SHOT, setting("date", "2022-12-29"))],
    ],
    "contradicts-both-ways": [
        [(SHOT, append("related", {"ref": BARRAGE_ID, "type": "contradicts"}))],
        [(BARRAGE, append("related", {"ref": SHOT_ID, "type": "contradicts"}))],
        [(SHOT, setting("date", "2022-12-28"))],
        [(SHOT, drop("related", -1))],
        [(BARRAGE, drop("related", -1))],
    ],
    "follows-and-precedes-the-same-pair": [
        [(VISIT, append("related", {"ref": SHOT_ID, "type": "precedes"}))],
        [(SHOT, drop("related", 1)), (VISIT, setting("date", "2023-03-01"))],
        [(VISIT, setting("date", "2022-12-19"))],
    ],
    # each case: a list of changes, each change a list of (file, edit) made at once
    "two-links-to-one-event-then-date": [
        [(SHOT, append("related", {"ref": BARRAGE_ID, "type": "response-to"}))],
        [(BARRAGE, setting("date", "2023-02-01"))],
        [(SHOT, drop("related", -1))],
        [(BARRAGE, setting("date", "2022-12-29"))],
    ],
    "both-ends-declare-a-new-link-at-once": [
        [
            (VISIT, append("related", {"ref": SHOT_ID, "type": "precedes"})),
            (SHOT, setting("date", "2022-12-01")),
        ],
        [(SHOT, setting("date", "2022-12-29")), (VISIT, drop("related", -1))],
    ],
    "self-link": [
        [(SHOT, append("related", {"ref": SHOT_ID, "type": "follows"}))],
        [(SHOT, drop("related", -1))],
        [(SHOT, setting("date", "2023-01-05"))],
    ],
    "event-removed-and-added-mentioning-its-actor": [
        [(KULEBA, remove), new_record(KULEBA, "2022-12-29-kuleba-again")],
    ],
    "actor-moved-between-two-events": [
        [(SHOT, drop("actors", 0)), (BARRAGE, append("actors", {"ref": "belarus-air-defence-units", "role": "x"}))],
    ],
    "quote-in-two-records": [
        [
            (
                SHOT,
                quote(
                    0, "Officials had earlier said more than 120 missiles were fired into Ukraine during the attack."
                ),
            )
        ],
        [(OFFICIALS, quote(0, "Belarus"))],
        [(OFFICIALS, lambda d: d.pop("figures"))],
    ],
    "figure-and-citation-same-text-dropped": [
        [(OFFICIALS, lambda d: d.pop("figures"))],
        [(OFFICIALS, quote(0, "Belarus"))],
    ],
    "country-of-a-chain": [
        [("places/brest-region.yaml", setting("within", "ukraine"))],
        [("places/belarus.yaml", setting("country_code", "POL"))],
        [("places/brest-region.yaml", setting("within", "belarus"))],
        [("places/belarus.yaml", setting("country_code", "BLR"))],
    ],
    "place-added-within-and-removed": [
        [new_record("places/gorbakha.yaml", "added-village", within="gorbakha")],
        [("places/gorbakha.yaml", setting("within", "ukraine"))],
        [("places/added-village.yaml", remove)],
        [("places/gorbakha.yaml", setting("within", "ivanovo-district"))],
    ],
    "added-event-linked-from-an-edited-one": [
        [
            new_record(SHOT, "2022-12-30-added", date="2022-12-30", related=[]),
            (BARRAGE, append("related", {"ref": "2022-12-30-added", "type": "follows"})),
        ],
    ],
    "removed-actor-referenced-in-same-change": [
        [("actors/reuters.yaml", setting("member_of", ["belta"]))],
        [new_record("actors/belta.yaml", "added-agency")],
        [("actors/added-agency.yaml", remove), (SHOT, append("actors", {"ref": "added-agency", "role": "x"}))],
    ],
    "removed-event-linked-in-same-change": [
        [
            (KULEBA, remove),
            (SHOT, append("related", {"ref": "2022-12-29-kuleba-condemns-missile-barrage", "type": "context"})),
        ],
    ],
    "place-precision-and-places": [
        [(FRAGMENTS, setting("place_precision", {"gorbakha": "near"}))],
        [(FRAGMENTS, drop("places", 0))],
    ],
    "unused-then-removed-then-back": [
        [(KULEBA, remove)],
        [new_record(KULEBA, "2022-12-29-kuleba-condemns-missile-barrage")],
    ],
    "actor-repaired-into-a-cycle-of-memberships": [  # the cycle is described by a whole check
        [("actors/russia.yaml", unreadable)],
        [("actors/reuters.yaml", setting("member_of", ["russia"]))],
        [("actors/russia.yaml", setting("member_of", ["reuters"]))],
        [("actors/russia.yaml", lambda d: d.pop("member_of")), ("actors/reuters.yaml", lambda d: d.pop("member_of"))],
    ],
    "membership-to-added-actor": [
        [
            new_record("actors/reuters.yaml", "added-agency"),
            ("actors/belta.yaml", setting("member_of", ["added-agency"])),
        ],
        [("actors/belta.yaml", lambda d: d.pop("member_of"))],
        [("actors/added-agency.yaml", remove)],
    ],
}


def without_gorbakha(data: dict[str, Any]) -> None:
    """FRAGMENTS no longer happening at Gorbakha, nor saying how near."""
    data["places"] = [place for place in data["places"] if place != "gorbakha"]
    data.pop("place_precision", None)


#: Events, actors and places refused (a file no YAML reader takes, or one its schema refuses) and
#: repaired: each step answered from the index, as the test below holds.
REFUSALS: dict[str, list[list[tuple[str, Change]]]] = {
    "event-unreadable-then-repaired": [
        [(KULEBA, unreadable)],
        [(KULEBA, unreadable)],  # still refused, its lines moved
        [(KULEBA, setting("title", "Kuleba condemns the barrage"))],
    ],
    "event-invalid-then-repaired": [
        [(KULEBA, setting("title", ["a list"]))],
        [(KULEBA, setting("title", "Kuleba condemns the barrage"))],
    ],
    "two-events-refused-then-repaired-one-by-one": [
        [(KULEBA, unreadable), (BELTA, setting("title", ["a list"]))],
        [(KULEBA, setting("title", "Kuleba condemns the barrage"))],
        [(BELTA, setting("title", "BelTA reports the landing"))],
    ],
    "linked-event-refused": [[(SHOT, unreadable)], [(SHOT, setting("title", "Shot down"))]],
    "event-with-quotes-linked-refused": [[(FRAGMENTS, unreadable)], [(FRAGMENTS, quote(0, "Belarus"))]],
    "linked-event-refused-then-repaired-against-its-links": [
        [(SHOT, unreadable)],
        [(KULEBA, lambda d: d.update(date="2023-01-05", related=[{"ref": SHOT_ID, "type": "precedes"}]))],
        [(SHOT, setting("title", "Shot down"))],  # repaired: the later event cannot precede it, an error
        [(KULEBA, setting("date", "2022-12-29"))],
    ],
    "a-second-event-refused-while-one-is": [
        [(KULEBA, unreadable)],
        [(BELTA, setting("title", ["a list"]))],
        [(KULEBA, setting("title", "Kuleba condemns the barrage"))],
        [(BELTA, setting("title", "BelTA reports the landing"))],
    ],
    "unused-actor-while-an-event-is-refused": [
        [new_record("actors/reuters.yaml", "added-agency")],
        [(KULEBA, unreadable)],  # no actor or place is then warned of being unused
        [(OFFICIALS, setting("summary", "Officials spoke."))],
        [(KULEBA, drop("actors", 0))],  # the warnings back, one more among them
    ],
    "event-linked-while-refused-then-repaired": [
        [(KULEBA, unreadable)],
        [(VISIT, append("related", {"ref": KULEBA_ID, "type": "follows"}))],  # refers to it now
        [(KULEBA, setting("date", "2023-01-05"))],  # repaired, after the event that follows it: an error
        [(KULEBA, setting("date", "2022-12-18"))],
    ],
    "event-refused-with-its-quotes-and-mentions": [
        [(GLAZ, unreadable)],
        [(GLAZ, quote(0, "Belarus"))],
    ],
    # Actors and places: the references to one refused stay known, as in a whole check.
    "actor-refused": [[("actors/reuters.yaml", unreadable)], [("actors/reuters.yaml", setting("name", "Reuters"))]],
    "actor-others-are-members-of-refused-then-repaired-with-its-quotes": [
        [("actors/belarus.yaml", unreadable)],
        [("actors/belarus.yaml", setting("name", ["a list"]))],  # still refused, by its schema
        [("actors/belarus.yaml", lambda d: (d.update(name="Belarus"), quote(0, "Belarus")(d)))],
    ],
    "actor-refused-while-a-membership-to-it-is-added": [
        [("actors/russia.yaml", unreadable)],
        [("actors/reuters.yaml", setting("member_of", ["russia"]))],
        [("actors/russia.yaml", setting("name", "Russia"))],
        [("actors/reuters.yaml", lambda d: d.pop("member_of"))],
    ],
    "unused-actor-refused-then-repaired": [
        [new_record("actors/reuters.yaml", "added-agency")],  # warned of: no event mentions it
        [("actors/added-agency.yaml", unreadable)],  # the warning goes with it
        [new_record("actors/reuters.yaml", "added-agency")],  # and comes back
    ],
    "actor-repaired-while-an-event-is-refused": [
        [new_record("actors/reuters.yaml", "added-agency")],
        [("actors/added-agency.yaml", unreadable), (KULEBA, unreadable)],
        [new_record("actors/reuters.yaml", "added-agency")],  # unwarned while an event is refused
        [(KULEBA, setting("title", "Kuleba condemns the barrage"))],
    ],
    # An actor or a place repaired as the usage warnings are found again: warned of once.
    "actor-repaired-as-its-only-mention-goes": [
        [(DMYTRO_KULEBA, unreadable)],
        [(DMYTRO_KULEBA, setting("description", "Repaired.")), (KULEBA, drop("actors", 0))],
    ],
    "place-repaired-as-its-only-event-drops-it": [
        [(GORBAKHA, setting("name", ["a list"]))],
        [(GORBAKHA, setting("name", "Gorbakha")), (FRAGMENTS, without_gorbakha)],
    ],
    "actor-and-place-repaired-with-the-last-refused-event": [
        [(KULEBA, drop("actors", 0)), (FRAGMENTS, without_gorbakha)],  # neither is mentioned now
        [(DMYTRO_KULEBA, unreadable), (GORBAKHA, unreadable), (KULEBA, setting("title", ["a list"]))],
        [
            (DMYTRO_KULEBA, setting("description", "Repaired.")),
            (GORBAKHA, setting("description", "Repaired.")),
            (KULEBA, setting("title", "Kuleba condemns the barrage")),
        ],
    ],
    "actor-added-unused-as-an-event-is-refused": [
        [new_record("actors/reuters.yaml", "added-agency"), (KULEBA, unreadable)],
        [(KULEBA, setting("title", "Kuleba condemns the barrage"))],
    ],
    "country-refused-while-a-place-within-it-moves-outside": [
        [("places/belarus.yaml", unreadable)],
        [("places/minsk.yaml", setting("coordinates", {"lat": 50.45466, "lon": 30.5238}))],  # no country to be in
        [("places/belarus.yaml", setting("name", "Belarus"))],  # repaired: Minsk is outside it, an error
        [("places/minsk.yaml", setting("coordinates", {"lat": 53.90019, "lon": 27.56653}))],
    ],
    "region-refused-with-places-within-it": [
        [("places/brest-region.yaml", setting("within", ["a list"]))],
        [("places/gorbakha.yaml", setting("within", "brest-region"))],
        [("places/brest-region.yaml", setting("within", "belarus"))],
    ],
}

#: Refusals that are checked whole, each still giving the whole check's output.
REFUSED_WHOLE: dict[str, list[list[tuple[str, Change]]]] = {
    "refused-under-another-id": [
        [(KULEBA, lambda d: d.update(id=SHOT_ID, title=["a list"]))],
        [(KULEBA, lambda d: d.update(id=KULEBA_ID, title="Kuleba condemns the barrage"))],
    ],
    "source-refused": [[("seeds/000_9acb625707f65469.yaml", unreadable)]],
    "place-refused-in-a-chronology-with-an-error": [
        [(OFFICIALS, append("actors", {"ref": "nobody", "role": "x"}))],
        [("places/belarus.yaml", unreadable)],
        [(OFFICIALS, drop("actors", -1)), ("places/belarus.yaml", setting("name", "Belarus"))],
    ],
    "event-refused-in-a-chronology-with-an-error": [
        [(OFFICIALS, append("actors", {"ref": "nobody", "role": "x"}))],
        [(KULEBA, unreadable)],
        [(OFFICIALS, drop("actors", -1)), (KULEBA, setting("title", "Kuleba condemns the barrage"))],
    ],
    "event-added-refused": [[new_record(KULEBA, "2022-12-30-added", title=["a list"])]],
    "event-refused-and-another-removed": [[(KULEBA, unreadable), (OFFICIALS, remove)]],
}
#: Files added to a chronology whose only errors are unknown references, which they may resolve or
#: change the "did you mean" of: each step answered from the index, as the test below holds.
RESOLVED: dict[str, list[list[tuple[str, Change]]]] = {
    "unknown-actor-added": [
        [new_record(KULEBA, "2022-12-31-added", actors=[{"ref": "added-agency", "role": "x"}])],
        [new_record("actors/reuters.yaml", "added-agency")],
    ],
    "one-unknown-resolved-another-hinted-at-it": [
        [
            (KULEBA, append("actors", {"ref": "added-agencx", "role": "x"})),  # a slip, hinted at nothing like it
            (BELTA, append("actors", {"ref": "added-agency", "role": "x"})),
            (GLAZ, append("actors", {"ref": "nobody", "role": "x"})),
        ],
        [new_record("actors/reuters.yaml", "added-agency")],  # the slip's hint is now the actor added
        [(KULEBA, drop("actors", -1)), (GLAZ, drop("actors", -1))],
    ],
    "unknown-membership-resolved": [
        [("actors/reuters.yaml", setting("member_of", ["added-agency"]))],
        [new_record("actors/belta.yaml", "added-agency")],
    ],
    "unknown-region-added-with-a-place-outside-its-country": [
        [
            (
                "places/minsk.yaml",
                lambda d: (d.update(within="added-region"), d["coordinates"].update(lat=50.45, lon=30.52)),
            )
        ],
        [new_record("places/brest-region.yaml", "added-region")],  # within Belarus: Minsk is outside it, an error
    ],
    "unknown-linked-event-added-against-the-link-s-dates": [
        [(KULEBA, append("related", {"ref": "2023-01-05-added", "type": "precedes"}))],
        [new_record(KULEBA, "2023-01-05-added", date="2022-12-01", related=[])],  # before it: an error
    ],
    "unknown-place-added-while-an-event-s-figure-cites-no-source": [
        # the figure's error has the rule of an unknown reference, but no file added can resolve it
        [(FRAGMENTS, append("places", "added-village")), (OFFICIALS, figure("seed", "other"))],
        [new_record("places/gorbakha.yaml", "added-village")],
    ],
}
#: Files added beside unknown references that are checked whole, each still giving its output.
RESOLVED_WHOLE: dict[str, list[list[tuple[str, Change]]]] = {
    "source-added-beside-an-unknown-reference": [
        [(KULEBA, append("actors", {"ref": "nobody", "role": "x"}))],
        [new_record(SOURCE, "another-source")],
    ],
    "file-removed-beside-an-unknown-reference": [
        [(KULEBA, append("actors", {"ref": "nobody", "role": "x"}))],
        [(BELTA, remove)],
    ],
    "file-added-beside-another-error": [
        [(KULEBA, setting("title", ["a list"]))],
        [new_record("actors/reuters.yaml", "added-agency")],
    ],
}
CASES.update(REFUSALS)
CASES.update(REFUSED_WHOLE)
CASES.update(RESOLVED)
CASES.update(RESOLVED_WHOLE)


#: Whether each of these cases is answered from the index at every step (or checked whole at one).
ANSWERED = {name: True for name in (*REFUSALS, *RESOLVED)} | {name: False for name in (*REFUSED_WHOLE, *RESOLVED_WHOLE)}


@pytest.mark.parametrize(("name", "answered"), sorted(ANSWERED.items()))
def test_refusals_repairs_and_files_added_beside_unknown_references_are_answered_from_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, answered: bool
) -> None:
    answered_root, whole_root = copy_repository(tmp_path / "a"), copy_repository(tmp_path / "w")
    report(answered_root)
    checked_whole = answer_in_steps(answered_root, whole_root, CASES[name], Loads(monkeypatch))
    assert (checked_whole == []) == answered, f"steps checked whole: {checked_whole}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_sequences_of_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    answered_root, whole_root = copy_repository(tmp_path / "a"), copy_repository(tmp_path / "w")
    report(answered_root)
    answer_in_steps(answered_root, whole_root, CASES[name], Loads(monkeypatch))


def model_of(result: check.Result) -> tuple[object, object, str]:
    return result.chronology, result.records, render(result.diagnostics, "text")


@pytest.mark.parametrize("name", sorted(CASES))
def test_serve_sequences(tmp_path: Path, name: str) -> None:
    root = copy_repository(tmp_path / "a")
    memory = check.Memory()
    check.check_project(root, memory)
    for step, change in enumerate(CASES[name]):
        for rel, edit in change:
            rewrite(root, rel, edit)
        answered = check.check_project(root, memory)
        fresh = check.check_project(root)
        assert render(answered.diagnostics, "text") == render(fresh.diagnostics, "text"), f"step {step}"
        assert answered.coverage == fresh.coverage, f"step {step}"
        assert answered.chronology == fresh.chronology, f"step {step}"
        assert answered.records == fresh.records, f"step {step}"


def same_id_actor(root: Path) -> None:
    """An actor whose id is an event's (ids are unique within a kind, not across kinds)."""
    data = yaml.safe_load((root / "actors/reuters.yaml").read_text(encoding="utf-8"))
    data["id"] = SHOT_ID
    (root / f"actors/{SHOT_ID}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_an_actor_with_an_event_s_id_leaves_the_event_its_date(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "r")
    same_id_actor(root)
    result = check.check_project(root)  # KeyError in make_event: the actor's record took the event's date
    assert not result.errors and result.chronology is not None


def test_an_event_s_date_edit_beside_an_actor_of_its_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_repository(tmp_path / "r")
    same_id_actor(root)
    report(root)
    rewrite(root, SHOT, setting("date", "2023-01-05"))  # after the events its links put after it
    loads = Loads(monkeypatch)
    answered = report(root)
    assert loads.count == 0
    assert "error[sequence-against-dates]" in answered
    assert answered == whole(root)  # the whole check finds no date for the event: no link is checked


def generated_pair(tmp_path: Path, events: int) -> tuple[Path, Path]:
    """Two copies of a generated chronology of ``events`` events: the first checked once (its
    later checks answered from that check where they can be), the second to be checked whole."""
    answered_root = generated_project(tmp_path / "answered", events, 50)
    whole_root = tmp_path / "whole"
    shutil.copytree(answered_root, whole_root)
    report(answered_root)
    return answered_root, whole_root


def written_and_checked(
    answered_root: Path, whole_root: Path, writes: dict[str, str], loads: Loads, refused: list[str]
) -> bool:
    """Write each text of ``writes`` to its file in both chronologies, and assert that the check of
    ``answered_root`` (answered from its last check where it can be) gives the whole check's
    output; whether it was answered from the index."""
    for root in (answered_root, whole_root):
        for rel, text in writes.items():
            (root / rel).write_text(text, encoding="utf-8")
    before = loads.count
    answered = report(answered_root)
    from_index = loads.count == before
    assert answered == whole(whole_root), f"{sorted(writes)}, refused {refused}"
    return from_index


def test_random_refusals_and_repairs_are_answered_as_a_whole_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events refused (unreadable, or refused by their schema) and repaired at random, among edits of
    the others' tags, dates and links (to refused events too), with more than one refused at a time:
    every check's output is a whole check's, and most are answered from the index."""
    answered_root, whole_root = generated_pair(tmp_path, 150)
    events = sorted(path.name for path in (answered_root / "events").glob("*.yaml"))
    originals = {name: (answered_root / "events" / name).read_text(encoding="utf-8") for name in events}
    rng = random.Random(29)
    refused: set[str] = set()
    loads = Loads(monkeypatch)
    answered_from_index = 0
    for step in range(40):
        name = rng.choice(events)
        if name in refused:  # repaired: as it was, or with another date
            text = originals[name]
            if rng.random() < 0.5:
                text = re.sub(
                    r"^date: .*$", f"date: '2010-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}'", text, flags=re.M
                )
            refused.discard(name)
        elif rng.random() < 0.6:  # refused
            text = originals[name] + ("title: [\n" if rng.random() < 0.5 else "tags: 7\n")
            refused.add(name)
        elif rng.random() < 0.5:  # a fact of one taken in edited
            text = originals[name].replace("tags:\n", f"tags:\n  - edited-{step}\n", 1)
        else:  # a link to any event, refused or not, and a date that may contradict it
            target, kind = rng.choice(events).removesuffix(".yaml"), rng.choice(["follows", "precedes", "during"])
            date = f"date: '2010-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}'"
            text = re.sub(r"^date: .*$", date, originals[name], flags=re.M)
            text += f"related:\n  - ref: '{target}'\n    type: {kind}\n" if "\nrelated:" not in text else ""
            text = text.replace("\nrelated:\n", f"\nrelated:\n  - ref: '{target}'\n    type: {kind}\n", 1)
        answered_from_index += written_and_checked(
            answered_root, whole_root, {f"events/{name}": text}, loads, sorted(refused)
        )
    assert answered_from_index >= 15, answered_from_index  # 21 of the 40, with this seed


def test_random_refusals_of_every_kind_are_answered_as_a_whole_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events, actors and places refused (unreadable, or refused by their schema) and repaired at
    random, up to three files a step, repaired with other memberships or another place to be within,
    among edits of memberships, of what places are within and where, and of the actors events
    mention: every check's output is a whole check's, and many are answered from the index."""
    answered_root, whole_root = generated_pair(tmp_path, 120)
    files = {
        folder: sorted(f"{folder}/{path.name}" for path in (answered_root / folder).glob("*.yaml"))
        for folder in ("events", "actors", "places")
    }
    ids = {folder: [rel[len(folder) + 1 : -len(".yaml")] for rel in listed] for folder, listed in files.items()}
    texts = {rel: (answered_root / rel).read_text(encoding="utf-8") for listed in files.values() for rel in listed}
    rng = random.Random(41)
    refused: set[str] = set()
    loads = Loads(monkeypatch)
    answered_from_index = 0

    def member_of(text: str, actor: str | None) -> str:
        text = re.sub(r"^member_of:\n(  - .*\n)*", "", text, flags=re.M)
        return text + f"member_of:\n  - {actor}\n" if actor else text

    def within(text: str) -> str:
        return re.sub(r"^within: .*$", f"within: {rng.choice(ids['places'])}", text, flags=re.M)

    for _ in range(45):
        writes: dict[str, str] = {}
        for _ in range(rng.choice([1, 1, 2, 3])):
            folder = rng.choices(["events", "actors", "places"], [3, 3.5, 3.5])[0]
            rel = rng.choice(files[folder])
            text = texts[rel]
            if rel in refused:  # repaired, perhaps with other facts
                refused.discard(rel)
                if folder == "actors" and rng.random() < 0.5:
                    text = member_of(text, rng.choice(ids["actors"]))
                elif folder == "places" and rng.random() < 0.5:
                    text = within(text)
            elif rng.random() < 0.45:  # refused, as it is
                writes[rel] = text + ("name: [\n" if rng.random() < 0.5 else "aliases: 7\n")
                refused.add(rel)
                continue
            elif folder == "places":
                lat = f"  lat: {rng.uniform(40, 60):.3f}"
                text = within(text) if rng.random() < 0.5 else re.sub(r"^  lat: .*$", lat, text, flags=re.M)
            elif folder == "actors":
                text = member_of(text, rng.choice(ids["actors"]) if rng.random() < 0.7 else None)
            elif rng.random() < 0.5:  # an event mentions another actor, or no longer its first
                actor = rng.choice(ids["actors"])
                text = text.replace("\nactors:\n", f"\nactors:\n  - ref: {actor}\n    role: named\n", 1)
            else:
                text = re.sub(r"\nactors:\n  - ref: .*\n(    .*\n)*", "\nactors:\n", text, count=1)
            writes[rel] = texts[rel] = text
        answered_from_index += written_and_checked(answered_root, whole_root, writes, loads, sorted(refused))
    assert answered_from_index >= 10, answered_from_index


def test_random_actor_and_place_refusals_are_answered_as_a_whole_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Actors and places refused (unreadable, or refused by their schema) and repaired at random,
    some with other records within them or members of them, among edits of the events that mention
    them and of what places are within and where they are: every check's output is a whole check's,
    and most are answered from the index."""
    answered_root, whole_root = generated_pair(tmp_path, 150)
    files = sorted(
        f"{folder}/{path.name}" for folder in ("actors", "places") for path in (answered_root / folder).glob("*.yaml")
    )
    events = sorted(f"events/{path.name}" for path in (answered_root / "events").glob("*.yaml"))
    originals = {rel: (answered_root / rel).read_text(encoding="utf-8") for rel in files + events}
    places = [rel.removeprefix("places/").removesuffix(".yaml") for rel in files if rel.startswith("places/")]
    rng = random.Random(31)
    refused: set[str] = set()
    loads = Loads(monkeypatch)
    answered_from_index = 0
    for _ in range(40):
        rel = rng.choice(files)
        if rel in refused:  # repaired: as it was
            text = originals[rel]
            refused.discard(rel)
        elif rng.random() < 0.6:  # refused
            text = originals[rel] + ("name: [\n" if rng.random() < 0.5 else "aliases: 7\n")
            refused.add(rel)
        elif rel.startswith("places/"):  # within another place, the one a refused place may be
            text = re.sub(r"^within: .*$", f"within: {rng.choice(places)}", originals[rel], flags=re.M)
        else:  # an event mentions the actor, or no longer mentions its first
            rel = rng.choice(events)
            actor = rng.choice([name for name in files if name.startswith("actors/")])[len("actors/") : -len(".yaml")]
            if rng.random() < 0.5:
                text = originals[rel].replace("\nactors:\n", f"\nactors:\n  - ref: {actor}\n    role: named\n", 1)
            else:
                text = re.sub(r"\nactors:\n  - ref: .*\n(    .*\n)*", "\nactors:\n", originals[rel], count=1)
        answered_from_index += written_and_checked(answered_root, whole_root, {rel: text}, loads, sorted(refused))
    assert answered_from_index >= 15, answered_from_index


def test_random_files_added_beside_unknown_references_are_answered_as_a_whole_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events made to refer to actors and places not there yet (some by a slip of their id), and
    those actors and places added one by one, among references dropped again: every check's output
    is a whole check's, the "did you mean" hints included, and many are answered from the index."""
    answered_root, whole_root = generated_pair(tmp_path, 120)
    events = sorted(f"events/{path.name}" for path in (answered_root / "events").glob("*.yaml"))
    like = {kind: sorted((answered_root / f"{kind}s").glob("*.yaml"))[0] for kind in ("actor", "place")}
    texts = {rel: (answered_root / rel).read_text(encoding="utf-8") for rel in events}
    rng = random.Random(43)
    missing = {kind: [f"added-{kind}-{n}" for n in range(4)] for kind in ("actor", "place")}
    loads = Loads(monkeypatch)
    answered_from_index = 0
    for _ in range(40):
        writes: dict[str, str] = {}
        kind = rng.choice(["actor", "place"])
        if rng.random() < 0.35 and missing[kind]:  # one of the ids referred to is added
            added = missing[kind].pop(rng.randrange(len(missing[kind])))
            text = like[kind].read_text(encoding="utf-8")
            writes[f"{kind}s/{added}.yaml"] = re.sub(r"^id: .*$", f"id: {added}", text, count=1, flags=re.M)
        else:  # an event refers to one (or to a slip of one), or its references are as they were
            rel = rng.choice(events)
            name = f"added-{kind}-{rng.randrange(4)}" + ("x" if rng.random() < 0.3 else "")
            if rng.random() < 0.3:
                text = texts[rel]
            elif kind == "actor":
                text = texts[rel].replace("\nactors:\n", f"\nactors:\n  - ref: {name}\n    role: named\n", 1)
            else:
                text = texts[rel].replace("\nplaces:\n", f"\nplaces:\n  - {name}\n", 1)
            writes[rel] = text
        answered_from_index += written_and_checked(answered_root, whole_root, writes, loads, [])
    assert answered_from_index >= 20, answered_from_index
