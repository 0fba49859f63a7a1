"""``check`` answers from the last check's snapshot up to ``FACTS_FROM`` files added or removed, and
checks the whole project beyond (which is then as quick); the output is that of a whole check either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronology.answer import FACTS_FROM
from tests.conftest import make_project
from tests.test_snapshot import Loads, report, whole


def actors(count: int) -> dict[str, str | bytes | None]:
    return {f"added-{n}": f"id: added-{n}\nname: Added {n}\nkind: state\n" for n in range(count)}


@pytest.mark.parametrize(("count", "answered"), [(FACTS_FROM, True), (FACTS_FROM + 1, False)])
def test_files_added_are_answered_from_the_snapshot_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, answered: bool
) -> None:
    root = make_project(tmp_path / "p")
    report(root)
    make_project(root, actors=actors(count))
    loads = Loads(monkeypatch)
    output = report(root)
    assert loads.count == (0 if answered else 1)
    assert output.count("warning[unused-actor]") == count
    assert output == whole(root)


@pytest.mark.parametrize(("count", "answered"), [(FACTS_FROM, True), (FACTS_FROM + 1, False)])
def test_files_removed_are_answered_from_the_snapshot_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, answered: bool
) -> None:
    root = make_project(tmp_path / "p", actors=actors(count))
    assert report(root).count("warning[unused-actor]") == count
    make_project(root, actors=dict.fromkeys(actors(count)))  # each removed
    loads = Loads(monkeypatch)
    output = report(root)
    assert loads.count == (0 if answered else 1)
    assert "warning[unused-actor]" not in output
    assert output == whole(root)
