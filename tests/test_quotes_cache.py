"""The cache of where quotes are in their sources ("quotes"): a whole check keeps only what the
sources as they are now need; a check that looks up some quotes only keeps the others too."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronology import cache, check
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, REPORT_YAML, edit, make_project
from tests.test_snapshot import Loads, in_one_shard

OTHER_TXT = "The other report says the missile fell in a field.\n"
OTHER_EVENT = (
    edit(EVENT, f"id: {EVENT_ID}", "id: 2022-12-29-missile-fell")
    .replace("  - seed: report\n", "  - seed: other\n")
    .replace(
        "      - Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.\n"
        "      - there was “absolutely nothing to worry about”\n",
        "      - the missile fell in a field\n",
    )
)


def kept(root: Path, seed: str, text: str) -> object:
    """What the quotes cache keeps for the source ``seed`` with ``text``."""
    store = cache.Cache(root, "quotes", cache.code_version())
    key = store.key("seed", seed, text.encode("utf-8"))
    assert key is not None
    return store.get(key)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Every key in one shard, so that each check writes the shard that holds both sources' entries.
    in_one_shard(monkeypatch)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    return make_project(
        tmp_path / "p",
        events={"2022-12-29-missile-fell": OTHER_EVENT},
        seeds={"other": REPORT_YAML.replace("id: report", "id: other")},
        texts={"other": OTHER_TXT},
    )


def test_a_whole_check_drops_the_quotes_of_a_source_text_no_longer_there(project: Path) -> None:
    assert check.check_project(project).errors == []
    assert kept(project, "report", REPORT_TXT)
    changed = REPORT_TXT + "A third sentence.\n"
    (project / "seeds/report.txt").write_text(changed, encoding="utf-8")
    assert check.check_project(project).errors == []
    assert kept(project, "report", changed)
    assert kept(project, "report", REPORT_TXT) is None  # stale: it would only grow the cache
    assert kept(project, "other", OTHER_TXT)


def test_a_check_answered_from_the_last_keeps_the_quotes_it_did_not_look_up(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert check.check_project(project, model=False).errors == []
    other = kept(project, "other", OTHER_TXT)
    assert other
    # A quote edited in one event: the answer looks up that source's quotes alone.
    path = project / f"events/{EVENT_ID}.yaml"
    path.write_text(
        edit(
            EVENT, "      - there was “absolutely nothing to worry about”\n", "      - there was “absolutely nothing\n"
        ),
        encoding="utf-8",
    )
    loads = Loads(monkeypatch)
    assert check.check_project(project, model=False).errors == []
    assert loads.count == 0, "answered from the last check"
    assert kept(project, "report", REPORT_TXT)
    assert kept(project, "other", OTHER_TXT) == other
