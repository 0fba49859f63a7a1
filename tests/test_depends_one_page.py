"""``depends.dependents`` on a chronology whose timeline fits on one page (it has no periods): the
home page is then the whole timeline, so every edit that shows in the timeline renders it again.

The chronology shipped with the project is such a chronology; ``tests/test_depends.py`` covers paged ones.
"""

from __future__ import annotations

from pathlib import Path

from chronology.model import Chronology
from chronology.pages import split_periods
from tests.test_depends import LIMIT, edited, replace_field, synthetic, unlinked

#: 30 events: fewer than a list's page holds, so one page, no periods.
generated, project = synthetic(30)


def test_a_title_edited_renders_the_one_page_timeline_again(project: Path) -> None:
    def edit(c: Chronology) -> set[str]:
        assert split_periods(c.events, LIMIT) == [], "the timeline should fit on one page"
        event = unlinked(c, start=5)
        replace_field(project, event, "title", "A title edited")
        return {event.id}

    paths, differ, _, after = edited(project, edit)
    assert "index.md" in differ  # the home page shows every event's title
    assert differ <= paths, f"changed but not rendered again: {sorted(differ - paths)}"
    assert any(e.title == "A title edited" for e in after.events)
