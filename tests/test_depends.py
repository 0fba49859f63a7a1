"""``depends.dependents``: the pages ``serve`` renders again after an edit are every page whose body
the edit changes.

Each test renders every generated page of a synthetic chronology before and after one edit, and
holds ``dependents``' answer to the pages that differ: a page it leaves out would stay stale in the
site served. The edits are those ``serve`` answers in place: events edited, added and removed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.depends import dependents
from chronology.model import Chronology, Event
from chronology.pages import Renderer, event_path, split_periods
from tests.conftest import generated_project

#: The most events a list's page holds, as the generated project's ``mkdocs.yml`` sets it.
LIMIT = 40


def synthetic(events: int) -> tuple[Callable[..., Path], Callable[..., Path]]:
    """A test module's fixtures ``generated``, a synthetic chronology of ``events`` events made once
    for the module (a list's page holds ``LIMIT``), and ``project``, a copy of it for each test to
    edit: ``generated, project = synthetic(300)``."""

    @pytest.fixture(scope="module")
    def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return generated_project(tmp_path_factory.mktemp(f"generated-{events}") / "p", events, LIMIT)

    @pytest.fixture
    def project(generated: Path, tmp_path: Path) -> Path:
        return Path(shutil.copytree(generated, tmp_path / "p"))

    return generated, project


#: 300 events, a list's page per 40: a timeline of periods.
generated, project = synthetic(300)


def chronology_of(root: Path) -> Chronology:
    result = check_project(root)
    assert result.chronology is not None, [d.text() for d in result.errors]
    return result.chronology


def bodies(root: Path, chronology: Chronology) -> dict[str, str]:
    """Every generated page's body, by path."""
    renderer = Renderer(chronology, root / "templates", page_events=LIMIT)
    return {page.path: page.body for page in renderer.pages()}


def edited(root: Path, edit: Callable[[Chronology], set[str]]) -> tuple[set[str], set[str], Chronology, Chronology]:
    """The pages ``dependents`` names after ``edit`` (which edits the files and returns the ids of the
    events whose files it changed, added or removed), the pages whose bodies differ, and the
    chronology before and after."""
    before = chronology_of(root)
    old = bodies(root, before)
    ids = edit(before)
    after = chronology_of(root)
    paths = dependents(before, after, LIMIT, ids)
    assert paths is not None, "answered only by a whole build"
    new = bodies(root, after)
    differ = {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
    return paths, differ, before, after


def unlinked(chronology: Chronology, start: int = 100) -> Event:
    """An event no other links to and that links to none, with tags and more than one actor."""
    return next(
        e
        for e in chronology.events[start:]
        if not e.related and e.id not in chronology.incoming and e.tags and len(e.actor_ids) > 1
    )


def replace_field(root: Path, event: Event, field: str, value: str) -> None:
    path = root / event.file
    text, count = re.subn(rf"^{field}: .*$", f"{field}: {value}", path.read_text("utf-8"), count=1, flags=re.M)
    assert count == 1
    path.write_text(text, "utf-8")


def test_a_title_edited(project: Path) -> None:
    def edit(c: Chronology) -> set[str]:
        event = unlinked(c)
        replace_field(project, event, "title", "A title edited")
        return {event.id}

    paths, differ, _, _ = edited(project, edit)
    assert differ <= paths
    assert len(differ) > 5  # its page, its neighbours', its actors', places', tags', sources', lists'


def test_a_date_moved_to_another_period(project: Path) -> None:
    moved: list[Event] = []

    def edit(c: Chronology) -> set[str]:
        event = unlinked(c)
        late = c.events[-5]
        assert late.date.sort_key() > event.date.sort_key()
        replace_field(project, event, "date", f"'{late.date.text}'")
        moved.append(event)
        return {event.id}

    paths, differ, before, after = edited(project, edit)
    assert [e.id for e in before.events] != [e.id for e in after.events]
    assert differ <= paths


def test_a_tag_added(project: Path) -> None:
    def edit(c: Chronology) -> set[str]:
        event = unlinked(c)
        tag = next(t for t in c.events_by_tag if t not in event.tags)
        path = project / event.file
        text = path.read_text("utf-8").replace("\ntags:\n", f"\ntags:\n  - {tag}\n", 1)
        path.write_text(text, "utf-8")
        return {event.id}

    paths, differ, _, _ = edited(project, edit)
    assert differ <= paths


def test_an_event_added(project: Path) -> None:
    added: list[str] = []

    def edit(c: Chronology) -> set[str]:
        model = unlinked(c)
        new_id = f"{model.id}-again"
        text = (project / model.file).read_text("utf-8").replace(f"id: '{model.id}'", f"id: '{new_id}'", 1)
        assert new_id in text
        text = re.sub(r"^title: .*$", "title: 'An event added'", text, count=1, flags=re.M)
        (project / "events" / f"{new_id}.yaml").write_text(text, "utf-8")
        added.append(new_id)
        return {new_id}

    paths, differ, before, after = edited(project, edit)
    assert len(after.events) == len(before.events) + 1
    assert event_path(added[0]) in differ
    assert differ <= paths


def test_an_event_removed(project: Path) -> None:
    removed: list[str] = []

    def edit(c: Chronology) -> set[str]:
        event = unlinked(c, start=150)
        (project / event.file).unlink()
        removed.append(event.id)
        return {event.id}

    paths, differ, before, after = edited(project, edit)
    assert len(after.events) == len(before.events) - 1
    assert event_path(removed[0]) in differ
    assert differ <= paths


def test_an_event_added_that_splits_the_lists_into_other_periods_needs_a_whole_build(project: Path) -> None:
    before = chronology_of(project)
    # As many events again as a page holds, on one event's day: its period is split anew.
    model = unlinked(before)
    text = (project / model.file).read_text("utf-8")
    for number in range(LIMIT + 1):
        new_id = f"{model.id}-{number}"
        (project / "events" / f"{new_id}.yaml").write_text(
            text.replace(f"id: '{model.id}'", f"id: '{new_id}'", 1), "utf-8"
        )
    after = chronology_of(project)
    assert [p.slug for p in split_periods(after.events, LIMIT)] != [p.slug for p in split_periods(before.events, LIMIT)]
    assert dependents(before, after, LIMIT) is None
