"""The check's cache trusts nothing it cannot vouch for: a damaged shard, a shard written by a run
that read less of each entry than is kept, or an entry made by another version of the checker
(its code or its schemas)."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from chronology import cache, snapshot
from chronology.check import check_project
from tests.conftest import EVENT, EVENT_ID, edit, make_project

OTHER_ID = "2022-12-30-belarus-downs-s300-again"
OTHER = edit(EVENT, f"id: {EVENT_ID}", f"id: {OTHER_ID}").replace(
    "title: Belarus says it shot down a Ukrainian S-300", "title: The other event's own title"
)


def test_a_lean_check_writes_back_whole_the_entries_it_read_shed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every key in one shard: the lean check writes back the shard that also holds the other event's entry.
    real_key = cache.Cache.key

    def one_shard(self: cache.Cache, kind: str, rel: str, content: bytes | None) -> str | None:
        key = real_key(self, kind, rel, content)
        return None if key is None else "00" + key[2:]

    monkeypatch.setattr(cache.Cache, "key", one_shard)
    root = make_project(tmp_path, events={OTHER_ID: OTHER})
    first = check_project(root)
    assert first.errors == [] and first.chronology is not None
    # One event edited; a lean check (``build.py check``) that cannot answer from the last snapshot
    # checks every file, reading the cache without the fields it does not need.
    path = root / "events" / f"{EVENT_ID}.yaml"
    path.write_text(edit(EVENT, "title: Belarus says", "title: Now Belarus says"), encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(snapshot, "load", lambda root: None)
        assert check_project(root, model=False).errors == []
    # The next check with the model (``build``, ``serve``) takes the other event from the cache, whole.
    result = check_project(root)
    assert result.errors == [] and result.chronology is not None
    titles = {e.id: e.title for e in result.chronology.events}
    assert titles == {
        EVENT_ID: "Now Belarus says it shot down a Ukrainian S-300",
        OTHER_ID: "The other event's own title",
    }


def shards(root: Path, name: str = "check") -> list[Path]:
    return sorted((root / cache.FOLDER / name).glob("*/*.pickle"))


def test_a_byte_changed_inside_a_kept_text_is_caught_by_the_checksum(tmp_path: Path) -> None:
    store = cache.Cache(tmp_path, "check", "v")
    key = "ab" + "0" * 38
    store.put(key, ["no actor 'belaruss' in actors/", 3])
    store.save()
    assert cache.Cache(tmp_path, "check", "v").get(key) == ["no actor 'belaruss' in actors/", 3]
    (shard,) = shards(tmp_path)
    raw = shard.read_bytes()
    at = raw.index(b"belaruss")  # inside the payload, far from pickle's own markers
    shard.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1 :])  # 'b' -> 'c': still a sound pickle
    assert cache.Cache(tmp_path, "check", "v").get(key) is None  # not "no actor 'celaruss'"


def test_a_check_reports_from_a_shard_changed_inside_the_same_as_from_the_files(tmp_path: Path) -> None:
    from chronology.diagnostics import render

    def report() -> str:
        result = check_project(root)
        return render(result.diagnostics, "text")

    root = make_project(tmp_path, events={EVENT_ID: edit(EVENT, "ref: belarus", "ref: belaruss")})
    expected = report()
    assert "no actor 'belaruss'" in expected
    damaged = 0
    for shard in shards(root):
        raw = shard.read_bytes()
        at = raw.find(b"belaruss")
        if at >= 0:
            shard.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1 :])
            damaged += 1
    assert damaged
    assert report() == expected
    assert report() == expected


def _versions_of_a_copy(tmp_path: Path) -> tuple[Path, Callable[[], str]]:
    """A copy of the package, and its ``code_version`` (read afresh on each call)."""
    package = Path(cache.__file__).resolve().parent
    copy = Path(shutil.copytree(package, tmp_path / "chronology", ignore=shutil.ignore_patterns("__pycache__")))
    spec = importlib.util.spec_from_file_location("chronology_copy_cache", copy / "cache.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def version() -> str:
        module.code_version.cache_clear()
        return str(module.code_version())

    return copy, version


def test_the_checkers_version_changes_with_its_schemas_and_its_code(tmp_path: Path) -> None:
    copy, version = _versions_of_a_copy(tmp_path)
    first = version()
    assert version() == first  # nothing changed: the same version, the cache is used
    schema = copy / "schemas" / "event.schema.json"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace('"title"', '"titles"', 1), encoding="utf-8")  # a field renamed
    by_schema = version()
    assert by_schema != first  # what the last check found under the old schema is not trusted
    schema.write_text(text, encoding="utf-8")
    assert version() == first
    (copy / "dates.py").write_text((copy / "dates.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert version() not in (first, by_schema)
