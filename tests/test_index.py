"""The index: an edit of a record's facts is checked against what the last check kept of the others,
and gives the very output of a whole check.

Each edit below is made to the repository's own chronology (links, figures, precisions, aliases, a
relayed source), checked from the index, and compared with a whole check of the same files; the
edits cover every field ``answer.INDEXED_FIELDS`` names, each in the ways that change what the checks
across files find in other files (an actor no longer mentioned, a link's dates no longer agreeing,
a source's coverage).
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronology.links import link_types
from tests.conftest import ROOT, generated_project, skip_module_without_example
from tests.test_snapshot import Loads, report, whole

# The edits below are made to the example chronology's files, read as the module is imported.
skip_module_without_example()
pytestmark = pytest.mark.example

SHOT = "events/2022-12-29-belarus-says-it-shot-down-ukrainian-s300.yaml"
BARRAGE = "events/2022-12-29-russia-fires-missile-barrage-at-ukraine.yaml"
FRAGMENTS = "events/2022-12-29-missile-fragments-found-near-gorbakha.yaml"
OFFICIALS = "events/2022-12-29-officials-say-more-than-120-missiles-fired.yaml"
SOURCE = "seeds/000_9acb625707f65469.yaml"
VISIT = "events/2022-12-19-putin-visits-belarus-for-talks-with-lukashenko.yaml"
OFFENSIVE = "2022-02-24-russia-launches-offensive-into-ukraine"
SHOT_ID = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"

Change = Callable[[dict[str, Any]], object]
LINK_TYPES = sorted(link_types())


def append(name: str, value: Any) -> Change:
    return lambda data: data.setdefault(name, []).append(value)


def drop(name: str, index: int) -> Change:
    return lambda data: data[name].pop(index)


def setting(name: str, value: Any) -> Change:
    return lambda data: data.__setitem__(name, value)


def updating(fields: dict[str, Any]) -> Change:
    return lambda data: data.update(fields)


def quote(index: int, words: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["sources"][0]["quotes"][index] = words

    return change


def own_voice(data: dict[str, Any]) -> None:
    """The fragments' citation of the Defence Ministry's words folded into the report's own."""
    data["sources"][0]["quotes"] += data["sources"].pop(1)["quotes"]


def figure(name: str, value: Any) -> Change:
    return lambda data: data["figures"][0].__setitem__(name, value)


def remove(data: dict[str, Any]) -> None:
    """Not a change: the file is removed (see ``rewrite``)."""
    raise AssertionError("never called")


def unreadable(data: dict[str, Any]) -> None:
    """Not a change: a line no YAML reader takes is added to the file (see ``rewrite``)."""
    raise AssertionError("never called")


def new_record(like: str, record_id: str, **fields: Any) -> tuple[str, Change]:
    """A file added: a copy of the repository's file ``like`` with another id, and ``fields``."""
    data = yaml.safe_load((ROOT / like).read_text(encoding="utf-8"))
    data.update(id=record_id, **fields)
    return f"{like.partition('/')[0]}/{record_id}.yaml", lambda written: written.update(data)


#: (file, change): each answered from the index.
EDITS: dict[str, list[tuple[str, Change]]] = {
    "date-against-a-link": [(SHOT, setting("date", "2022-12-10"))],
    "date-against-its-linkers": [(SHOT, setting("date", "2023-01-05"))],
    "date-of-a-linked-event": [(BARRAGE, setting("date", "2023-02-01"))],
    "date-after-its-source": [(FRAGMENTS, setting("date", "2202-11"))],
    "an-event-added-after-its-source": [new_record(BARRAGE, "2202-11-01-added", date="2202-11-01", related=[])],
    "dates-of-two-linked-events": [(SHOT, setting("date", "2023-01-05")), (BARRAGE, setting("date", "2023-01-06"))],
    "actor-no-longer-mentioned": [(SHOT, drop("actors", 0))],
    "actor-unknown": [(SHOT, append("actors", {"ref": "nobody", "role": "bystander"}))],
    "actor-mentioned-twice-over": [(BARRAGE, append("actors", {"ref": "belta", "role": "reporter"}))],
    "place-no-longer-listed": [(FRAGMENTS, drop("places", 0))],
    "place-unknown": [(BARRAGE, append("places", "kharkiv"))],
    "precision-of-no-place": [(BARRAGE, setting("place_precision", {"minsk": "near"}))],
    "link-dropped": [(SHOT, drop("related", 0))],
    "link-against-dates": [(BARRAGE, append("related", {"ref": OFFENSIVE, "type": "precedes"}))],
    "link-said-twice-elsewhere": [(VISIT, append("related", {"ref": SHOT_ID, "type": "precedes"}))],
    "link-type": [(SHOT, lambda data: data["related"][1].__setitem__("type", "response-to"))],
    "link-to-nothing": [(SHOT, append("related", {"ref": "no-such-event", "type": "follows"}))],
    "tag-added": [(SHOT, append("tags", "new-tag"))],
    "tag-reserved": [(SHOT, append("tags", "index"))],
    "quote-not-in-source": [(SHOT, quote(0, "words the report never wrote"))],
    "quote-moved": [(SHOT, quote(0, "Belarus"))],
    "quote-dropped": [(SHOT, lambda data: data["sources"][2]["quotes"].pop(1))],
    "party-words-in-own-voice": [(FRAGMENTS, own_voice)],
    "party-words-on-a-statement": [
        (FRAGMENTS, own_voice),
        (FRAGMENTS, append("related", {"ref": SHOT_ID, "type": "asserts"})),
    ],
    "actor-quote-dropped": [("actors/russia.yaml", lambda data: data["sources"][0]["quotes"].pop(0))],
    "figure-value": [(OFFICIALS, figure("value", 121))],
    "figure-quote": [(OFFICIALS, figure("quote", "more than 120 rockets"))],
    "figure-attributed-to-nobody": [(OFFICIALS, figure("attributed_to", ["nobody"]))],
    "actor-alias-without-basis": [("actors/belta.yaml", append("aliases", {"name": "Nonesuch Agency", "lang": "en"}))],
    "actor-basis-without-membership": [("actors/reuters.yaml", setting("member_of_basis", "said elsewhere"))],
    "place-alias-without-basis": [("places/minsk.yaml", append("aliases", {"name": "Nowhere", "lang": "en"}))],
    "membership": [("actors/reuters.yaml", setting("member_of", ["belarus"]))],
    "membership-of-nobody": [("actors/reuters.yaml", setting("member_of", ["nobody"]))],
    "place-within-another-country": [("places/minsk.yaml", setting("within", "ukraine"))],
    "place-within-nothing-known": [("places/brest-region.yaml", setting("within", "nowhere"))],
    "place-moved": [("places/gorbakha.yaml", lambda data: data["coordinates"].update(lat=50.45, lon=30.52))],
    "country-code-without-shape": [("places/belarus.yaml", setting("country_code", "XXX"))],
    "country-code-of-another": [("places/belarus.yaml", setting("country_code", "UKR"))],
    "place-kind": [("places/minsk.yaml", setting("kind", "country"))],
    "an-event-added": [
        new_record(SHOT, "2022-12-30-added", date="2022-12-30", related=[{"ref": OFFENSIVE, "type": "precedes"}])
    ],
    "an-actor-added": [new_record("actors/reuters.yaml", "added-agency", member_of=["belta"])],
    "a-place-added": [new_record("places/gorbakha.yaml", "added-village", within="poland")],
    "an-event-added-with-its-actor": [
        new_record("actors/reuters.yaml", "added-agency"),
        new_record(BARRAGE, "2022-12-29-added", actors=[{"ref": "added-agency", "role": "reporter"}]),
    ],
    "an-event-removed": [("events/2022-12-29-kuleba-condemns-missile-barrage.yaml", remove)],
    "an-event-removed-with-the-actor-only-it-mentions": [
        ("events/2022-12-29-kuleba-condemns-missile-barrage.yaml", remove),
        ("actors/dmytro-kuleba.yaml", remove),
    ],
    "an-event-removed-and-one-added": [
        ("events/2022-12-29-kuleba-condemns-missile-barrage.yaml", remove),
        new_record("events/2022-12-29-kuleba-condemns-missile-barrage.yaml", "2022-12-29-kuleba-again", tags=["x"]),
    ],
    "source-relays-nobody": [(SOURCE, setting("relays", ["nobody"]))],
    "source-relays-an-actor": [(SOURCE, setting("relays", ["belta"]))],
    "an-actor-added-that-a-source-relays": [
        new_record("actors/reuters.yaml", "added-agency"),
        (SOURCE, append("relays", "added-agency")),
    ],
}

#: The edits above that change nothing the check reports (only what the index counts).
SILENT = {
    "actor-mentioned-twice-over",
    "party-words-on-a-statement",
    "tag-added",
    "source-relays-an-actor",
    "quote-dropped",
    "actor-quote-dropped",
    "link-dropped",
    "link-type",
    "membership",
    "an-event-removed-and-one-added",
}

#: (file, change): each checked whole, as the index cannot answer it.
WHOLE: dict[str, list[tuple[str, Change]]] = {
    "a-link-making-a-cycle": [(VISIT, append("related", {"ref": SHOT_ID, "type": "follows"}))],
    "a-membership-making-a-cycle": [("actors/belarus.yaml", setting("member_of", ["belta"]))],
    "a-place-within-itself": [("places/belarus.yaml", setting("within", "gorbakha"))],
    "an-id": [("actors/reuters.yaml", setting("id", "reuters-agency"))],
    "a-source-added-without-its-text": [new_record(SOURCE, "another-source")],
    "a-source-removed": [(SOURCE, remove)],
    "a-source-published-before-its-events": [(SOURCE, setting("published", "2022-12-01"))],
    "a-linked-event-removed": [(SHOT, remove)],
    "a-mentioned-actor-removed": [("actors/belta.yaml", remove)],
    "a-place-with-places-within-removed": [("places/brest-region.yaml", remove)],
}


def copy_repository(root: Path) -> Path:
    """The repository's chronology, copied into ``root``."""
    for folder in ("events", "actors", "places", "seeds"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The repository's chronology, in a folder of its own."""
    return copy_repository(tmp_path / "repository")


def rewrite(root: Path, rel: str, change: Change) -> None:
    """Write the file again with ``change`` made, and comment lines first, so that every position
    in it moves."""
    path = root / rel
    if change is remove:
        path.unlink()
        return
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    except yaml.YAMLError:  # made unreadable by an earlier step: changed from the repository's
        data = yaml.safe_load((ROOT / rel).read_text(encoding="utf-8")) if (ROOT / rel).exists() else {}
    if change is not unreadable:
        change(data)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    broken = "title: [\n" if change is unreadable else ""
    path.write_text("# edited\n# again\n" + dumped + broken, encoding="utf-8")


def answer_in_steps(
    answered_root: Path, whole_root: Path, steps: list[list[tuple[str, Change]]], loads: Loads
) -> list[int]:
    """Make each step's edits to both chronologies, check ``answered_root`` (answered from its last
    check where it can be) and ``whole_root`` whole, and assert that they agree; the steps that
    were checked whole in ``answered_root`` too."""
    checked_whole = []
    for i, step in enumerate(steps):
        for root in (answered_root, whole_root):
            for rel, change in step:
                rewrite(root, rel, change)
        before = loads.count
        answered = report(answered_root)
        if loads.count > before:
            checked_whole.append(i)
        assert answered == whole(whole_root), f"step {i}"
    return checked_whole


@pytest.mark.parametrize(
    ("name", "from_index"), [(name, True) for name in sorted(EDITS)] + [(name, False) for name in sorted(WHOLE)]
)
def test_an_edit_is_answered_from_the_index_or_checked_whole(
    repository: Path, monkeypatch: pytest.MonkeyPatch, name: str, from_index: bool
) -> None:
    first = report(repository)
    for rel, change in (EDITS if from_index else WHOLE)[name]:
        rewrite(repository, rel, change)
    loads = Loads(monkeypatch)
    answered = report(repository)
    assert loads.count == (0 if from_index else 1), "answered from the index" if from_index else "checked whole"
    assert answered == whole(repository)
    if from_index:
        assert (answered == first) == (name in SILENT)


def test_a_source_s_coverage_is_counted_again_from_the_index(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = repository / SOURCE.replace(".yaml", ".txt")
    text.write_text(text.read_text(encoding="utf-8") + "\nA sentence added that no record quotes.\n", encoding="utf-8")
    assert "quoted in 23/24 sentences" in report(repository)
    loads = Loads(monkeypatch)
    rewrite(repository, SHOT, quote(0, "A sentence added that no record quotes."))
    assert "quoted in 24/24 sentences" in report(repository)
    rewrite(repository, SHOT, quote(0, "added that"))
    assert "quoted in 24/24 sentences" in report(repository)  # a word of it is enough to count it quoted
    rewrite(repository, "actors/russia.yaml", lambda data: data["sources"][0]["quotes"].append("added that"))
    rewrite(repository, SHOT, quote(0, "Belarus"))
    assert "quoted in 24/24 sentences" in report(repository)  # still quoted, by an actor now
    rewrite(repository, "actors/russia.yaml", lambda data: data["sources"][0]["quotes"].pop())
    answered = report(repository)
    assert "quoted in 23/24 sentences" in answered
    assert loads.count == 0
    assert answered == whole(repository)


def test_a_file_added_where_a_reference_was_unknown_is_answered_from_the_index(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file is what the unknown reference named: the records that make unknown references have
    # their references checked again (the file may also be the better suggestion for one).
    report(repository)
    loads = Loads(monkeypatch)
    rewrite(repository, SHOT, append("actors", {"ref": "added-agency", "role": "reporter"}))
    assert "error[unknown-reference]" in report(repository)
    assert loads.count == 0  # answered from the index, with the error
    rewrite(repository, *new_record("actors/reuters.yaml", "added-agency"))
    answered = report(repository)
    assert loads.count == 0
    assert "error[" not in answered
    assert answered == whole(repository)


@pytest.mark.parametrize("cited", [False, True])
def test_a_source_added_with_its_text_is_answered_from_the_index(
    repository: Path, monkeypatch: pytest.MonkeyPatch, cited: bool
) -> None:
    report(repository)
    loads = Loads(monkeypatch)
    (repository / "seeds/another-source.txt").write_text("A second report. It says little.\n", encoding="utf-8")
    rewrite(repository, *new_record(SOURCE, "another-source"))
    if cited:  # and an event added that quotes it
        source = [{"seed": "another-source", "voice": "own", "quotes": ["It says little."]}]
        rewrite(repository, *new_record(SHOT, "2022-12-30-added", sources=source, related=[], figures=[]))
    answered = report(repository)
    assert loads.count == 0
    assert ("another-source quoted in 1/2 sentences" if cited else "another-source quoted in 0/2 sentences") in answered
    assert answered == whole(repository)


@pytest.mark.parametrize("twin", ["000_9ACB625707f65469", "000_9acb625707f65469".upper()])
def test_a_source_added_whose_id_differs_only_in_case_is_refused_as_a_whole_check_refuses_it(
    repository: Path, twin: str
) -> None:
    # The index keeps ids as written: answered from it, the twin passed with 0 errors, while a
    # whole check refuses it (one file and page on a file system that ignores case).
    report(repository)
    (repository / f"seeds/{twin}.txt").write_text("A second report. It says little.\n", encoding="utf-8")
    rewrite(repository, *new_record(SOURCE, twin))
    answered = report(repository)
    assert "error[duplicate-id]" in answered and "differs only in case" in answered
    assert answered == whole(repository)


def test_edits_one_after_another_are_answered_as_a_whole_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each answer's snapshot and index are the next one's: a copy checked whole each time keeps them honest.
    answered_root, whole_root = copy_repository(tmp_path / "answered"), copy_repository(tmp_path / "whole")
    report(answered_root)
    loads = Loads(monkeypatch)
    steps = [
        (SHOT, drop("actors", 0)),  # an actor unused
        (SHOT, setting("date", "2023-01-05")),  # links against dates, here and in the linkers
        (SHOT, append("actors", {"ref": "belarus-air-defence-units", "role": "shooter"})),  # used again
        (BARRAGE, append("places", "minsk")),
        (SHOT, setting("date", "2022-12-29")),  # the links agree again
        (VISIT, append("related", {"ref": SHOT_ID, "type": "precedes"})),  # said twice, here and there
        (SHOT, drop("related", 1)),  # said once again, by the other
        (VISIT, drop("related", -1)),  # and now by neither
        (OFFICIALS, quote(0, "words the report never wrote")),
        (OFFICIALS, quote(0, "Officials had earlier said more than 120 missiles were fired")),
        new_record("actors/reuters.yaml", "added-agency"),  # unused
        new_record("places/gorbakha.yaml", "added-village", within="ivanovo-district"),  # unused
        (SOURCE, append("relays", "added-agency")),  # used by the source alone
        (SOURCE, drop("relays", -1)),  # unused again
        ("actors/added-agency.yaml", remove),
        ("places/added-village.yaml", remove),
        ("events/2022-12-29-kuleba-condemns-missile-barrage.yaml", remove),  # its actor now unused
        ("actors/dmytro-kuleba.yaml", remove),
    ]
    # Even from a check with errors to one without: the index keeps every source's spans throughout.
    assert answer_in_steps(answered_root, whole_root, [[step] for step in steps], loads) == []


def test_the_index_is_only_read_with_its_snapshot(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chronology import snapshot

    report(repository)
    kept = snapshot.load_index(repository)
    assert kept is not None
    rewrite(repository, SHOT, append("tags", "new-tag"))
    report(repository)  # answered: the snapshot and its index move on together
    # An index left behind by a snapshot it no longer matches is not trusted.
    snapshot.save(repository, snapshot.load(repository), kept)
    rewrite(repository, SHOT, drop("actors", 0))
    loads = Loads(monkeypatch)
    answered = report(repository)
    assert loads.count == 1
    assert answered == whole(repository)
    assert "warning[unused-actor]" in answered


def test_random_edits_of_facts_are_answered_as_a_whole_check_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered_root = generated_project(tmp_path / "answered", 150, 50)
    whole_root = tmp_path / "whole"
    shutil.copytree(answered_root, whole_root)
    actors = [*sorted(path.stem for path in (answered_root / "actors").glob("*.yaml")), "nobody"]
    places = [*sorted(path.stem for path in (answered_root / "places").glob("*.yaml")), "nowhere"]
    events = sorted(path.name for path in (answered_root / "events").glob("*.yaml"))
    rng = random.Random(8)

    def some_words(data: dict[str, Any]) -> str:
        """Words of a source the event cites, or words of none."""
        seed = rng.choice(data["sources"])["seed"]
        words = (answered_root / "seeds" / f"{seed}.txt").read_text(encoding="utf-8").split()
        start = rng.randrange(len(words) - 4)
        return " ".join(words[start : start + 4]) if rng.random() < 0.8 else "words of no source"

    def random_edit(data: dict[str, Any]) -> Change:
        choice = rng.choice(["date", "actor+", "actor-", "place+", "place-", "tag", "link+", "link-", "quote"])
        if choice == "date":
            return setting("date", f"2010-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}")
        if choice == "actor+":
            return append("actors", {"ref": rng.choice(actors), "role": "observer"})
        if choice == "actor-" and len(data.get("actors", [])) > 1:
            return drop("actors", rng.randrange(len(data["actors"])))
        if choice == "place+":
            return append("places", rng.choice(places))
        if choice == "place-" and len(data.get("places", [])) > 1:
            return drop("places", rng.randrange(len(data["places"])))
        if choice == "link+":
            return append("related", {"ref": rng.choice(events)[: -len(".yaml")], "type": rng.choice(LINK_TYPES)})
        if choice == "link-" and data.get("related"):
            return drop("related", rng.randrange(len(data["related"])))
        if choice == "tag":
            return append("tags", rng.choice(["index", "edited", "trade"]))
        words = some_words(data)
        return lambda edited: edited["sources"][0]["quotes"].__setitem__(0, words)

    report(answered_root)
    loads = Loads(monkeypatch)
    answered_from_index = 0

    def random_place_edit() -> Change:
        """What a place is within, or where it is (inside its country or not)."""
        if rng.random() < 0.5:
            return setting("within", rng.choice(places))
        lat, lon = rng.uniform(44, 56), rng.uniform(20, 40)
        return lambda data: data.setdefault("coordinates", {"precision": "settlement", "basis": "b"}).update(
            lat=round(lat, 3), lon=round(lon, 3)
        )

    for step in range(40):
        if step % 4 == 3:
            rel = f"places/{rng.choice(places[:-1])}.yaml"
            change = random_place_edit()
        elif step % 10 == 5:  # an event added, like another, linked to a third
            like = yaml.safe_load((answered_root / "events" / rng.choice(events)).read_text(encoding="utf-8"))
            event_id = f"2010-02-{rng.randint(1, 28):02d}-added-{step}"
            like.update(id=event_id, related=[{"ref": rng.choice(events)[: -len(".yaml")], "type": "follows"}])
            rel, change = f"events/{event_id}.yaml", updating(like)
        elif step % 10 == 9:  # an event removed (checked whole when another links to it)
            rel, change = f"events/{events.pop(rng.randrange(len(events)))}", remove
        else:
            rel = f"events/{rng.choice(events)}"
            change = random_edit(yaml.safe_load((answered_root / rel).read_text(encoding="utf-8")))
        for root in (answered_root, whole_root):
            rewrite(root, rel, change)
        before = loads.count
        answered = report(answered_root)
        answered_from_index += loads.count == before
        assert answered == whole(whole_root), f"step {step}: {rel}"
    assert answered_from_index >= 30


SPOKESMAN = "events/2022-12-29-ukrainian-military-spokesman-in-effect-acknowledges-stray.yaml"


def unused(answered: str) -> set[str]:
    """The actors and places the check warns of as unused."""
    return {line.split("'")[1] for line in answered.splitlines() if "warning[unused-" in line}


def test_a_body_or_place_above_a_used_one_is_used_and_warned_of_again_when_that_use_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A body's page lists its members' events, a place's the events within it, at any depth: a
    # record in use only through what belongs to it or lies within it is not unused; a chain that
    # no event reaches is, each record of it. Each answer from the index is a whole check's.
    answered_root, whole_root = copy_repository(tmp_path / "answered"), copy_repository(tmp_path / "whole")
    report(answered_root)
    loads = Loads(monkeypatch)
    without_membership: Change = lambda data: data.pop("member_of")  # noqa: E731
    without_reuters: Change = lambda data: data["relays"].remove("reuters")  # noqa: E731
    steps: list[tuple[list[tuple[str, Change]], set[str] | None]] = [
        ([new_record("actors/reuters.yaml", "added-body")], {"added-body"}),
        ([("actors/reuters.yaml", setting("member_of", ["added-body"]))], set()),  # a parent
        (
            [
                new_record("actors/reuters.yaml", "added-group"),
                ("actors/added-body.yaml", setting("member_of", ["added-group"])),
            ],
            set(),
        ),  # a grandparent
        ([(SOURCE, without_reuters)], set()),  # the source relays it no more: the spokesman's event names it still
        ([(SPOKESMAN, drop("actors", 1))], {"reuters", "added-body", "added-group"}),  # the only mention gone
        ([(SPOKESMAN, append("actors", {"ref": "reuters", "role": "recipient"}))], set()),
        ([("actors/reuters.yaml", without_membership)], {"added-body", "added-group"}),
        (
            [
                new_record("places/brest-region.yaml", "added-region"),
                new_record("places/ivanovo-district.yaml", "added-district", within="added-region"),
            ],
            {"added-body", "added-group", "added-region", "added-district"},
        ),
        (
            [new_record("places/gorbakha.yaml", "added-village", within="added-district")],
            {"added-body", "added-group", "added-region", "added-district", "added-village"},
        ),
        ([(BARRAGE, append("places", "added-village"))], {"added-body", "added-group"}),
        (
            [(BARRAGE, drop("places", -1))],
            {"added-body", "added-group", "added-region", "added-district", "added-village"},
        ),
        (
            [
                (BARRAGE, append("places", "added-village")),
                ("places/added-village.yaml", setting("within", "added-region")),
            ],
            {"added-body", "added-group", "added-district"},
        ),
        ([("places/added-village.yaml", remove)], None),  # an event mentions it: checked whole
    ]
    for i, (step, expected) in enumerate(steps):
        assert answer_in_steps(answered_root, whole_root, [step], loads) == ([] if expected is not None else [0]), i
        if expected is not None:
            assert unused(whole(whole_root)) == expected, i
