"""A chronology with nothing in it yet, the first state of every new project: it checks, builds
(with ``--strict`` too) into a site that says it is empty, and serves."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.site import build_site
from tests.conftest import commit_all
from tests.test_site import copy_project

#: What a project is made of besides its data.
SCAFFOLDING = ("mkdocs.yml", "docs", "templates")
FOLDERS = ("events", "actors", "places", "seeds")


def empty_project(root: Path) -> Path:
    """The project's configuration, theme and hand-written pages, with its four data folders empty
    (each holding only the `.gitkeep` that keeps it in git), committed."""
    copy_project(root, SCAFFOLDING)
    for folder in FOLDERS:
        (root / folder).mkdir()
        (root / folder / ".gitkeep").write_text("", "utf-8")
    return commit_all(root)


def main(page: Path) -> str:
    text = page.read_text("utf-8")
    return text[text.index("<main") : text.index("</main>")]


@pytest.mark.parametrize("strict", [False, True], ids=["build", "strict"])
def test_an_empty_chronology_builds_a_site_that_says_it_is_empty(tmp_path: Path, strict: bool) -> None:
    project = empty_project(tmp_path / "p")
    result = check_project(project)
    assert result.chronology is not None and result.diagnostics == []
    assert build_site(project, strict=strict) == 0
    site = project / "site"
    assert "The chronology has no events yet." in main(site / "index.html")
    # Nothing to narrow: no filter form for the timeline's script to show.
    assert "data-timeline-filter" not in main(site / "index.html")
    for page, words in {
        "actors/index.html": "The chronology has no actors yet.",
        "places/index.html": "The chronology has no places yet.",
        "sources/index.html": "The chronology has no sources yet.",
        "tags/index.html": "No event has a tag yet.",
        "timelinejs/index.html": "The chronology has no events yet",
    }.items():
        assert words in main(site / page), page
    assert "timelinejs/js/timeline.js" not in (site / "timelinejs" / "index.html").read_text("utf-8")
    # Pagefind's script cannot search an index with nothing in it: the search page says so, and
    # loads no search code.
    search = (site / "search.html").read_text("utf-8")
    assert "There is nothing to search yet: the chronology has no events, actors, places or sources." in search
    assert "search.js" not in search and "data-search-results" not in search


def test_a_chronology_with_only_its_source_has_something_to_search(tmp_path: Path) -> None:
    project = empty_project(tmp_path / "p")
    (project / "seeds" / "report.txt").write_text("A report.\n", "utf-8")
    (project / "seeds" / "report.yaml").write_text(
        "id: report\nlabel: A report\ntitle: null\npublisher: null\nurl: null\nlanguage: en\n"
        "published: null\npublished_basis: Not known.\n",
        "utf-8",
    )
    assert build_site(project) == 0
    search = (project / "site" / "search.html").read_text("utf-8")
    assert "nothing to search" not in search and "assets/search.js" in search


def test_serve_starts_on_an_empty_chronology(tmp_path: Path) -> None:
    from tests.test_serve import Served, fetch

    server = Served(empty_project(tmp_path / "p"))
    try:
        fetch(server.url, "The chronology has no events yet.")
        fetch(server.url + "search.html", "There is nothing to search yet")
    finally:
        assert "Traceback" not in server.stop()


def test_every_page_is_marked_english_whatever_theme_locale_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every label, and every sentence the site writes around the data, is English: a page marked
    # as Italian would be read to a screen reader's user in an Italian voice.
    project = empty_project(tmp_path / "p")
    assert build_site(project, strict=True) == 0
    assert '<html lang="en">' in (project / "site" / "index.html").read_text("utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  custom_dir: templates\n", "  custom_dir: templates\n  locale: it\n", 1), "utf-8")
    commit_all(project)
    capsys.readouterr()
    assert build_site(project) == 0
    assert '<html lang="en">' in (project / "site" / "index.html").read_text("utf-8")
    assert (
        "WARNING: mkdocs.yml's theme.locale 'it' changes nothing: the site's interface is in English only "
        '(its labels, and the sentences it writes around the data), so every page is marked lang="en", '
        "its quotes and source texts with their source's language; remove theme.locale"
    ) in capsys.readouterr().err
    assert build_site(project, strict=True) == 1
