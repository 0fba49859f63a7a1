"""The check's cache: the same diagnostics from it as without it, and nothing trusted that is not sound."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import TypeVar

import pytest

from chronology import cache, check, file_results, workers
from chronology.diagnostics import render
from tests.conftest import EVENT, EVENT_ID, edit, make_project

T = TypeVar("T")
R = TypeVar("R")

EV = f"events/{EVENT_ID}.yaml"
UNKNOWN_ACTOR = edit(EVENT, "ref: belarus", "ref: belaruss")


def report(root: Path) -> str:
    result = check.check_project(root)
    return render(result.diagnostics, "text") + f"\n{result.counts}\n{result.chronology is not None}"


def shards(root: Path, name: str = "check") -> list[Path]:
    return sorted((root / cache.FOLDER / name).glob("*/*.pickle"))


def test_a_second_check_gives_the_same_located_diagnostics(tmp_path: Path) -> None:
    root = make_project(tmp_path, events={EVENT_ID: UNKNOWN_ACTOR, "broken": "title: [\n"})
    first = report(root)
    assert shards(root) and shards(root, "quotes")
    # Found across files, from a file kept without its positions: located all the same.
    assert f"{EV}:" in first and "error[unknown-reference]: no actor 'belaruss' in actors/" in first
    assert report(root) == first


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert "error" not in report(root)
    (root / EV).write_text(UNKNOWN_ACTOR, encoding="utf-8")
    assert "error[unknown-reference]: no actor 'belaruss'" in report(root)
    (root / EV).write_text(EVENT, encoding="utf-8")
    assert "error" not in report(root)


def test_a_renamed_file_is_checked_under_its_new_name(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    report(root)
    (root / EV).rename(root / "events/renamed.yaml")
    assert f"events/renamed.yaml:1:5: error[id-mismatch]: id '{EVENT_ID}' differs" in report(root)


@pytest.mark.parametrize("damage", [b"", b"garbage", None], ids=["empty", "garbage", "flipped-byte"])
def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path, damage: bytes | None) -> None:
    root = make_project(tmp_path, events={EVENT_ID: UNKNOWN_ACTOR})
    expected = report(root)
    for shard in shards(root) + shards(root, "quotes"):
        raw = shard.read_bytes()
        shard.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]) if damage is None else damage)
    assert report(root) == expected
    assert report(root) == expected


def test_an_entry_of_another_version_of_the_checker_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    report(root)
    old = shards(root)[0].parent
    monkeypatch.setattr(cache, "code_version", lambda: "another-version")
    (root / EV).write_text(UNKNOWN_ACTOR, encoding="utf-8")
    assert "unknown-reference" in report(root)
    assert not old.exists()  # what no version of the code in use can read is removed


def test_files_checked_in_worker_processes_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    root = make_project(tmp_path, events={EVENT_ID: UNKNOWN_ACTOR, "broken": "title: [\n"})
    in_process = report(root)
    (root / cache.FOLDER).rename(root / "first")
    monkeypatch.setattr(file_results, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    shared: list[int] = []
    real = workers.spread

    def spread(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
        shared.append(1)
        return real(function, items)

    monkeypatch.setattr(workers, "spread", spread)
    assert report(root) == in_process
    assert shared == [1]


def test_a_first_check_in_workers_leaves_the_writing_of_the_cache_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    # The workers write the shards of the files they check: this process writing every shard alone,
    # after them, was a serial tenth of a large first check. (Its own writes are seen here, the
    # workers' not: they are forked.)
    root = make_project(tmp_path / "p", events={EVENT_ID: UNKNOWN_ACTOR, "broken": "title: [\n"})
    read = settled(monkeypatch)
    in_process = report(root)
    then = tmp_path / "then"
    then.mkdir()
    (root / cache.FOLDER).rename(then / cache.FOLDER)
    monkeypatch.setattr(file_results, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    written: list[tuple[str, str]] = []
    real = cache.Cache._write

    def write(self: cache.Cache, shard: str, entries: dict[str, object] | bytes) -> None:
        written.append((self.base.name, shard))
        real(self, shard, entries)

    monkeypatch.setattr(cache.Cache, "_write", write)
    assert report(root) == in_process
    assert [shard for name, shard in written if name == "check"] == ["files"]
    # The same shards, with the same entries, as the first check in this process wrote.
    version = cache.code_version()
    now, before = cache.Cache(root, "check", version), cache.Cache(then, "check", version)
    assert [path.name for path in shards(root)] == [path.name for path in shards(then)]
    for path in shards(root):
        assert now._load(path.stem) == before._load(path.stem) != {}
    # What the workers wrote answers the next check whole: no data file is read again.
    read.clear()
    assert report(root) == in_process
    assert read == []


def test_every_key_is_in_the_shard_its_file_is_known_by() -> None:
    # A first check hands out the files by shard before any is read (see file_results._check_first).
    store = cache.Cache(Path("/nowhere"), "check", "v")
    for kind, rel in [("event", "events/a.yaml"), ("actor", "actors/b.yaml"), ("seed", "report"), ("event", "e\udcff")]:
        for content in (b"", b"id: a\n", bytes(range(256))):
            key = store.key(kind, rel, content)
            assert key is not None and len(key) == 40 and key[:2] == cache.shard_of(kind, rel)
    assert store.key("event", "events/a.yaml", b"1") != store.key("event", "events/a.yaml", b"2")
    assert store.key("event", "events/a.yaml", b"1") != store.key("actor", "events/a.yaml", b"1")


def test_a_file_saved_between_its_key_and_its_check_is_not_cached_under_the_old_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    report(root)  # with a cache to look in, each file's key is made before it is checked
    retitled = EVENT.replace("title: ", "title: Now ")
    (root / EV).write_text(retitled, encoding="utf-8")
    real = file_results.read_data
    reads: list[Path] = []

    def read(path: Path) -> bytes | None:
        reads.append(path)
        if path.name == f"{EVENT_ID}.yaml" and reads.count(path) == 2:  # keyed once, now to be checked
            path.write_text(UNKNOWN_ACTOR, encoding="utf-8")  # saved by an editor meanwhile
        return real(path)

    monkeypatch.setattr(file_results, "read_data", read)
    assert "error[unknown-reference]: no actor 'belaruss'" in report(root)
    monkeypatch.setattr(file_results, "read_data", real)
    (root / EV).write_text(retitled, encoding="utf-8")
    assert "error" not in report(root)


def test_a_first_check_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    read = settled(monkeypatch)
    first = report(root)
    # No key is made before the check when nothing is cached: each file is read once, to be checked.
    assert sorted(read) == sorted(set(read)) and len(read) == len(list(root.glob("*/*.yaml")))
    read.clear()
    assert report(root) == first
    assert read == []  # then found again by its status and key


def test_a_first_check_looks_at_each_file_where_it_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its status is taken just before it is read (by the worker that checks it), not every file's
    # first in one pass: a cold check of a large project spent a serial half second on that pass.
    root = make_project(tmp_path)
    seen: list[tuple[str, str]] = []
    status, read = file_results.file_status, file_results.read_data

    def looking(path: Path, now: int) -> tuple[int, ...] | None:
        seen.append(("status", path.name))
        return status(path, now)

    def reading(path: Path) -> bytes | None:
        seen.append(("read", path.name))
        return read(path)

    monkeypatch.setattr(file_results, "file_status", looking)
    monkeypatch.setattr(file_results, "read_data", reading)
    report(root)
    names = [name for _, name in seen[::2]]
    assert seen == [(what, name) for name in names for what in ("status", "read")]
    assert len(names) == len(list(root.glob("*/*.yaml")))


def test_a_file_saved_while_a_first_check_reads_it_is_read_again_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    settled(monkeypatch)
    real = file_results.read_data

    def read(path: Path) -> bytes | None:
        raw = real(path)
        if path.name == f"{EVENT_ID}.yaml":
            path.write_text(UNKNOWN_ACTOR, encoding="utf-8")  # saved by an editor just after the check read it
        return raw

    monkeypatch.setattr(file_results, "read_data", read)
    assert "error" not in report(root)  # what was read
    monkeypatch.setattr(file_results, "read_data", real)
    assert "error[unknown-reference]: no actor 'belaruss'" in report(root)  # what is there now


def settled(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file counts as settled however recently written; the files the check reads, listed."""
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    read: list[Path] = []
    real = file_results.read_data

    def reading(path: Path) -> bytes | None:
        read.append(path)
        return real(path)

    monkeypatch.setattr(file_results, "read_data", reading)
    return read


def test_an_unchanged_file_is_not_read_again_to_find_its_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, events={EVENT_ID: UNKNOWN_ACTOR})
    read = settled(monkeypatch)
    first = report(root)
    assert read
    read.clear()
    assert report(root) == first
    assert read == []


def test_a_file_edited_without_changing_its_size_or_modification_time_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    read = settled(monkeypatch)
    assert "error" not in report(root)
    before = (root / EV).stat()
    edited = EVENT.replace("ref: belarus", "ref: belaruz")
    assert len(edited) == len(EVENT)
    # Only its status-change time then tells: a file system keeping times coarser than the time since
    # the last write (to the second, say) cannot, and the edit is made again until it can.
    while True:
        (root / EV).write_text(edited, encoding="utf-8")
        os.utime(root / EV, ns=(before.st_atime_ns, before.st_mtime_ns))
        if (root / EV).stat().st_ctime_ns != before.st_ctime_ns:
            break
        time.sleep(0.01)
    read.clear()
    assert "error[unknown-reference]: no actor 'belaruz' in actors/" in report(root)
    assert set(read) == {root / EV}  # for its key, and again to see it unchanged once checked


def test_a_file_replaced_by_another_of_the_same_size_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    settled(monkeypatch)
    assert "error" not in report(root)
    before = (root / EV).stat()
    replacement = tmp_path / "replacement.yaml"
    replacement.write_text(EVENT.replace("ref: belarus", "ref: belaruz"), encoding="utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    replacement.replace(root / EV)
    assert "error[unknown-reference]: no actor 'belaruz' in actors/" in report(root)


@pytest.mark.parametrize("settled", [False, True])
def test_a_file_changed_just_now_is_read_again_whatever_its_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: bool
) -> None:
    root = make_project(tmp_path)
    changes = [max(info.st_mtime_ns, info.st_ctime_ns) for info in (p.stat() for p in root.rglob("*.yaml"))]
    # The clock as the check reads it: just too soon after the first file was written for any
    # status to be trusted, or just late enough after the last for every status to be.
    now = max(changes) + cache.SETTLED_NS if settled else min(changes) + cache.SETTLED_NS - 1
    monkeypatch.setattr(file_results, "time", SimpleNamespace(time_ns=lambda: now))
    report(root)
    kept = cache.Cache(root, "check", cache.code_version()).files()
    assert sorted(kept) == (sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yaml")) if settled else [])
