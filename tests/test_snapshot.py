"""The snapshot: ``check`` answers an edit from the last check exactly as a whole check would.

Two properties make that true, and each is tested for its whole class: the checks across files
read no field the schemas mark ``x-local`` (checked by watching every read they make), and an
edit of any such field, in any kind of file, gives the very output of a whole check, with the
positions in the edited file found again, while an edit the index cannot answer either (see
``test_index``) is checked whole.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronology import cache, check, file_results, quote_search, schema, snapshot
from chronology.cli import summary
from chronology.diagnostics import render
from chronology.file_check import FileResult
from chronology.layout import FOLDERS
from tests.conftest import EVENT, EVENT_ID, ROOT, edit, make_project

UNUSED_ACTOR = "id: unused\nname: Unused\nkind: state\n"
SECOND = "second"
#: A second event that points at an actor that does not exist.
SECOND_EVENT = edit(EVENT, f"id: {EVENT_ID}", f"id: {SECOND}").replace("ref: belarus\n", "ref: belaruss\n")


def report(root: Path) -> str:
    """What ``check`` prints: every diagnostic and the summary."""
    result = check.check_project(root, model=False)
    return render(result.diagnostics, "text") + "\n" + summary(result)


def in_one_shard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cache's entries in the one shard "00" (see ``cache.shard_of``)."""
    monkeypatch.setattr(cache, "shard_of", lambda kind, rel: "00")


def whole(root: Path) -> str:
    """What ``check`` prints when there is no snapshot to answer from."""
    shutil.rmtree(root / cache.FOLDER / snapshot.NAME, ignore_errors=True)
    return report(root)


class Loads:
    """Counts whole checks (each loads every file)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        load = check._Checker.load

        def counted(checker: check._Checker, found: dict[str, list[str]]) -> None:
            self.count += 1
            load(checker, found)

        monkeypatch.setattr(check._Checker, "load", counted)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose checks across files find an error and a warning."""
    return make_project(tmp_path / "p", actors={"unused": UNUSED_ACTOR}, events={SECOND: SECOND_EVENT})


def rewrite(path: Path, change: dict[str, Any], comment_lines: int = 2) -> None:
    """Write ``path`` again with ``change`` made to its fields, and comment lines first, so that
    every position in the file moves."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    text = "".join(f"# note {i}\n" for i in range(comment_lines))
    path.write_text(text + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def another_value(kind: str, name: str, current: Any) -> Any:
    """A valid value of a field, other than ``current``."""
    node = schema.schema(kind)["properties"][name]
    if "enum" in node:
        return next(value for value in node["enum"] if value != current)
    if name == "time":
        return "12:00"
    if name == "timezone":
        return "Europe/Minsk"
    return f"Another {name}, written\n\nover two paragraphs." if node.get("x-markdown") else f"Another {name}"


LOCAL_EDITS = [
    (kind, rel, name)
    for kind, rel in (
        ("event", f"events/{SECOND}.yaml"),
        ("actor", "actors/unused.yaml"),
        ("place", "places/minsk.yaml"),
    )
    for name in sorted(schema.local_fields(kind))
]


@pytest.mark.parametrize(("kind", "rel", "name"), LOCAL_EDITS, ids=[f"{k}-{n}" for k, _, n in LOCAL_EDITS])
def test_an_edit_of_a_local_field_is_answered_from_the_snapshot(
    project: Path, monkeypatch: pytest.MonkeyPatch, kind: str, rel: str, name: str
) -> None:
    first = report(project)
    assert "error[unknown-reference]" in first and "warning[unused-actor]" in first
    path = project / rel
    current = yaml.safe_load(path.read_text(encoding="utf-8")).get(name)
    rewrite(path, {name: another_value(kind, name, current)})
    loads = Loads(monkeypatch)
    answered = report(project)
    assert loads.count == 0, "answered from the snapshot"
    assert answered == whole(project)
    assert loads.count == 1
    # The positions in the edited file moved, and the answer has them where they are now.
    if rel != "places/minsk.yaml":
        assert answered != first


def test_a_new_problem_in_the_edited_file_is_reported_with_the_rest(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(project)
    rewrite(project / f"events/{EVENT_ID}.yaml", {"summary": "Belarus said <b>this</b>."}, comment_lines=0)
    loads = Loads(monkeypatch)
    answered = report(project)
    assert loads.count == 0
    assert "error[raw-html]" in answered
    assert answered == whole(project)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({f"events/{EVENT_ID}.yaml": ("title: ", "title: [")}, id="a-file-refused"),
        pytest.param({"seeds/report.txt": (".", ",")}, id="a-source-text"),
        pytest.param({f"events/{SECOND}.yaml": None}, id="a-file-removed"),
    ],
)
def test_any_other_edit_is_checked_whole(
    project: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, tuple[str, str] | None]
) -> None:
    report(project)
    for rel, replace in change.items():
        path = project / rel
        if replace is None and path.exists():
            path.unlink()
        elif replace is None:
            path.write_text(edit(EVENT, f"id: {EVENT_ID}", "id: added"), encoding="utf-8")
        else:
            path.write_text(edit(path.read_text(encoding="utf-8"), *replace), encoding="utf-8")
    loads = Loads(monkeypatch)
    answered = report(project)
    assert loads.count == 1, "checked whole"
    assert answered == whole(project)


def test_a_file_added_beside_an_unknown_reference_is_answered_from_the_index(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The project's one error is an unknown reference, which the file added could have resolved.
    report(project)
    (project / "events/added.yaml").write_text(edit(EVENT, f"id: {EVENT_ID}", "id: added"), encoding="utf-8")
    loads = Loads(monkeypatch)
    answered = report(project)
    assert loads.count == 0
    assert "error[unknown-reference]" in answered
    assert answered == whole(project)


def test_an_unchanged_project_is_answered_from_the_snapshot(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = report(project)
    loads = Loads(monkeypatch)
    assert report(project) == first
    assert loads.count == 0


@pytest.mark.parametrize("edited", [None, "title", "actors"])
def test_files_that_settle_between_two_checks_are_answered_from_the_snapshot(
    project: Path, monkeypatch: pytest.MonkeyPatch, edited: str | None
) -> None:
    # A file's status is trusted only once it is old enough (cache.SETTLED_NS): every file is too
    # new at the first check, and old enough at the second, which answers all the same, from the
    # snapshot (or its index) however long the checks took.
    monkeypatch.setattr(cache, "SETTLED_NS", 10**18)
    report(project)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    path = project / f"events/{EVENT_ID}.yaml"
    if edited == "title":
        rewrite(path, {"title": "Another title"})
    elif edited == "actors":  # what the index answers: an actor no longer mentioned
        rewrite(path, {"actors": [{"ref": "belarus", "role": "claimant"}]})
    loads = Loads(monkeypatch)
    answered = report(project)
    assert loads.count == 0, "answered from the snapshot"
    # The statuses now settled are kept: the next check reads no file, the source's text neither.
    read: list[Path] = []
    real = file_results.read_regular

    def read_regular(path: Path, limit: int | None) -> bytes | None:
        read.append(path)
        return real(path, limit)

    monkeypatch.setattr(file_results, "read_regular", read_regular)
    assert report(project) == answered
    assert (loads.count, read) == (0, [])
    assert answered == whole(project)


@pytest.mark.parametrize("moment", ["load", "check_usage"])
def test_a_source_text_changed_while_it_is_checked_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    project = make_project(tmp_path)
    # The text is changed after the check has read it (as it reads the source, or once it has found
    # the quotes), and its new status is old enough to be trusted at once.
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    text = project / "seeds/report.txt"
    step = getattr(check._Checker, moment)

    def changing(checker: check._Checker, *args: Any) -> None:
        step(checker, *args)
        if not text.read_text(encoding="utf-8").endswith("unquoted.\n"):
            text.write_text(text.read_text(encoding="utf-8") + "A sentence added, unquoted.\n", encoding="utf-8")

    monkeypatch.setattr(check._Checker, moment, changing)
    report(project)  # found the quotes in the text as it was
    monkeypatch.undo()
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    loads = Loads(monkeypatch)
    answered = report(project)
    assert loads.count == 1, "checked whole: the text is not the one the last check read"
    assert answered == whole(project)
    assert "report quoted in 2/3 sentences" in answered  # of the text as it is now


def test_the_first_check_with_errors_then_without_is_checked_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The snapshot of a check with errors has no summary of the sources: it cannot give one.
    root = make_project(
        tmp_path,
        events={"broken": edit(EVENT, f"id: {EVENT_ID}", "id: broken").replace("ref: belarus\n", "ref: nobody\n")},
    )
    assert "error[unknown-reference]" in report(root)
    path = root / "events/broken.yaml"
    path.unlink()
    loads = Loads(monkeypatch)
    answered = report(root)
    assert loads.count == 1
    assert "quoted in" in answered


class Watched(dict[str, Any]):
    """A record's fields that notes every field read of it."""

    read: set[str]

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Any:
        self.read.update(super().keys())
        return super().__iter__()

    def items(self) -> Any:
        self.read.update(super().keys())
        return super().items()

    def values(self) -> Any:
        self.read.update(super().keys())
        return super().values()


def test_no_check_across_files_reads_a_local_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repository"
    for folder in ("events", "actors", "places", "seeds"):
        shutil.copytree(ROOT / folder, root / folder)
    watched: dict[str, list[Watched]] = {kind: [] for kind in FOLDERS}
    accept = check._Checker.accept

    def watching(checker: check._Checker, result: FileResult, key: str | None = None) -> None:
        accept(checker, result, key)
        if result.document is not None and result.valid:
            kept = checker.documents[result.kind][result.stem]
            record = Watched(kept.data)
            record.read = set()
            kept.data = record
            watched[result.kind].append(record)

    # What the checks across files read, up to the model (which reads every field): with every field
    # there to read (a check for the model keeps them all), so that even a loop over them is seen.
    read_before_model: dict[str, set[str]] = {}
    build = check._Checker.build

    def building(checker: check._Checker) -> Any:
        for kind, records in watched.items():
            read_before_model[kind] = set().union(*(record.read for record in records))
        return build(checker)

    monkeypatch.setattr(check._Checker, "accept", watching)
    monkeypatch.setattr(check._Checker, "build", building)
    result = check.check_project(root)
    assert not result.errors and result.chronology is not None
    for kind, records in watched.items():
        assert records, kind
        read = read_before_model[kind]
        assert read, kind
        assert not read & schema.local_fields(kind), kind


def test_an_answer_from_the_snapshot_leaves_the_cache_whole(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # every file's status is trusted at once
    # Every result in one shard: the answer writes the shard of the edited file's result.
    in_one_shard(monkeypatch)
    report(project)
    rewrite(project / f"events/{SECOND}.yaml", {"title": "Another title"})
    loads = Loads(monkeypatch)
    report(project)
    assert loads.count == 0
    # A whole check then finds every other file's result in the cache: it reads only the edited one.
    read: list[Path] = []
    real = file_results.read_data

    def read_file(path: Path) -> bytes | None:
        read.append(path)
        return real(path)

    monkeypatch.setattr(file_results, "read_data", read_file)
    (project / "actors/unused.yaml").write_text(UNUSED_ACTOR.replace("id: unused", "id: unused-2"), encoding="utf-8")
    report(project)
    assert loads.count == 1
    # (the two files changed since the last whole check are read for their keys)
    assert {p.name for p in read} == {"unused.yaml", f"{SECOND}.yaml"}


def test_a_check_that_sheds_local_fields_leaves_them_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "q", actors={"unused": UNUSED_ACTOR})
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    # Every result in one shard, which the edited file's new result makes the check write again.
    in_one_shard(monkeypatch)
    report(project)
    path = project / f"events/{EVENT_ID}.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8"), "places:\n", "tags: [new]\nplaces:\n"), encoding="utf-8")
    shutil.rmtree(project / cache.FOLDER / snapshot.NAME)  # no answer tried first: only the whole check reads
    loads = Loads(monkeypatch)
    assert "error[" not in report(project)  # checked whole, each cached record read without its local fields
    assert loads.count == 1
    # A check for the site then finds every record whole in the cache, as a check without one does.
    kept = check.check_project(project)
    shutil.rmtree(project / cache.FOLDER)
    fresh = check.check_project(project)
    assert kept.records == fresh.records
    assert kept.records["actor"]["unused"]["name"] == "Unused"


@pytest.mark.parametrize("seed", range(20))
def test_a_snapshot_reshaped_keeps_each_file_s_bytes_and_gives_an_added_one_zeros(seed: int) -> None:
    """Files added, removed and moved among the others: each file there still has the bytes it had
    (status, facts, key), each one added has zeros, and those removed are gone."""
    rng = random.Random(seed)
    old = [f"events/e{i}.yaml" for i in range(rng.randrange(0, 40))]
    sizes = {"statuses": snapshot.STATUS.size, "facts": snapshot.FACTS, "keys": snapshot.KEY}
    keyed = seed % 4 != 0  # a snapshot without keys reshapes to one without keys
    blobs = {name: rng.randbytes(len(old) * size) if name != "keys" or keyed else b"" for name, size in sizes.items()}
    last = snapshot.Snapshot(old, blobs["statuses"], blobs["facts"], {}, {}, {}, {}, {}, True, keys=blobs["keys"])
    new = [rel for rel in old if rng.random() < 0.9] + [f"events/added{i}.yaml" for i in range(rng.randrange(0, 4))]
    if rng.random() < 0.5:
        rng.shuffle(new)
    else:  # added among the others, as discovery lists them
        new.sort()
    made = snapshot.reshaped(last, new)
    assert made.files == new
    for name, size in sizes.items():
        if name == "keys" and not keyed:
            assert made.keys == b""
            continue
        got = getattr(made, name)
        assert len(got) == len(new) * size
        for j, rel in enumerate(new):
            want = blobs[name][old.index(rel) * size : (old.index(rel) + 1) * size] if rel in old else bytes(size)
            assert got[j * size : (j + 1) * size] == want, (name, rel)


def test_a_check_without_a_model_holds_no_source_text_once_it_is_done(tmp_path: Path) -> None:
    # The check command measured each source's coverage through a cache kept for serve, which held
    # every source's text to the process's end: at 100,000 events its peak memory was above 1 GB.
    root = make_project(tmp_path)
    quote_search.source_coverage.cache_clear()
    result = check.check_project(root, model=False)
    assert [c.source for c in result.coverage] == ["report"] and result.coverage[0].sentences > 0
    assert quote_search.source_coverage.cache_info().currsize == 0
    # A check that keeps its caches from one to the next (serve's) still keeps the measures.
    check.check_project(root, check.Memory(), model=False)
    assert quote_search.source_coverage.cache_info().currsize == 1
