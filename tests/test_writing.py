"""The generated pages written by workers are the pages MkDocs' own loop would write, warnings included."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import mkdocs.utils
import pytest

from chronology import workers, writing
from chronology.site import build_site
from tests.conftest import commit_all
from tests.test_site import copy_project


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch, alone: None) -> list[int]:
    """Pages written by two workers however few there are; the number of shares each time they are."""
    monkeypatch.setattr(writing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    shares: list[int] = []
    real = workers.share

    def spy(function: Any, items: Any) -> Any:
        done = real(function, items)
        if function is writing._build_share:
            shares.append(len(done))
        return done

    monkeypatch.setattr(workers, "share", spy)
    return shares


def _on_event_pages(tmp_path: Path, template: str) -> tuple[Path, Path]:
    """A copy of the project whose theme adds ``template`` on the event pages only (which the
    workers write); the copy and its theme's main template."""
    project = commit_all(copy_project(tmp_path / "p"))  # a clone: a build warns of nothing else
    main = project / "templates" / "main.html"
    added = "{% if page.meta.kind == 'event' %}" + template + "{% endif %}{{ page.content }}"
    main.write_text(main.read_text("utf-8").replace("{{ page.content }}", added), "utf-8")
    return project, main


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.example
def test_pages_written_by_workers_are_those_written_in_order(
    spied: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    assert build_site(project, site_dir=tmp_path / "shared") == 0
    assert spied == [2]  # written by the two workers, not again in order after a failure
    monkeypatch.setattr(workers, "can_share", lambda: False)
    assert build_site(project, site_dir=tmp_path / "in-order") == 0
    assert spied == [2]
    shared, in_order = _files(tmp_path / "shared"), _files(tmp_path / "in-order")
    assert len([name for name in shared if name.startswith("events/")]) == 19
    assert shared == in_order
    assert all(shared[name] for name in shared if name.endswith(".html"))  # no page's file left empty


@pytest.mark.parametrize("shared", [True, False], ids=["by workers", "in order"])
def test_every_page_is_written_into_a_new_file(
    spied: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: bool
) -> None:
    # A file made before it is written (empty, to share the file system's work among the cores)
    # would be truncated by MkDocs' opening it, and ext4 writes a file truncated to nothing out to
    # the disk as it is closed: in the writing process's own time, for every page.
    over = tmp_path / "over"  # appended to by whichever process writes over a file: workers' too
    real = mkdocs.utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        if os.path.lexists(output_path):
            with open(over, "a", encoding="utf-8") as noted:
                noted.write(output_path + "\n")
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", write_file)
    if not shared:
        monkeypatch.setattr(workers, "can_share", lambda: False)
    assert build_site(copy_project(tmp_path / "p"), site_dir=tmp_path / "site") == 0
    assert spied == ([2] if shared else [])
    assert (tmp_path / "site" / "events").is_dir()
    assert not over.exists(), over.read_text("utf-8")[:500]


@pytest.mark.example
def test_a_warning_logged_in_a_worker_is_logged_and_counted_by_the_build(
    spied: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs warns of a path with a backslash, once for each path in a process: one path a page,
    # so that the count does not depend on how the pages fell to the workers.
    project, _ = _on_event_pages(tmp_path, "{{ ('only\\\\on\\\\' ~ page.file.name)|url }}")
    assert build_site(project) == 0
    err = capsys.readouterr().err
    assert err.count("WARNING: Path 'only\\on\\") == 19  # one for each event page
    assert "WARNING: Path 'only\\on\\2022-12-29-belarus-says-it-shot-down-ukrainian-s300'" in err
    assert spied == [2]
    assert build_site(project, strict=True) == 1
    err = capsys.readouterr().err
    assert err.count("WARNING: Path 'only\\on\\") == 19
    assert "the 19 warnings above fail the build" in err


def test_a_theme_error_in_a_worker_is_raised_by_the_build(
    spied: list[int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, main = _on_event_pages(tmp_path, "{{ no_such_thing.at_all }}")
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "Error building page 'events/" in err
    line = next(n for n, text in enumerate(main.read_text("utf-8").splitlines(), 1) if "no_such_thing" in text)
    assert f"build.py: the site was not built: {main}:{line}: template error: 'no_such_thing' is undefined" in err
    assert "Traceback" not in err
    assert spied == []  # the workers failed, and the pages were built again here to fail the same way
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("{{ page.contnet }}", "'mkdocs.structure.pages.Page object' has no attribute 'contnet'"),
        ("{{ config.site_nmae|e }}", "'mkdocs.config.defaults.MkDocsConfig object' has no attribute 'site_nmae'"),
        ("{{ no_such_name }}", "'no_such_name' is undefined"),
    ],
)
def test_a_misspelt_name_written_by_the_theme_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, message: str
) -> None:
    # Printed, a name that does not exist is an error, as in the page templates: Jinja's default
    # would write nothing, and a misspelt page.content would publish every page without its body.
    project = commit_all(copy_project(tmp_path / "p"))  # a clone: a build warns of nothing else
    main = project / "templates" / "main.html"
    main.write_text(main.read_text("utf-8").replace("{{ page.content }}", "{{ page.content }}" + written), "utf-8")
    assert build_site(project) == 1
    line = next(n for n, text in enumerate(main.read_text("utf-8").splitlines(), 1) if written in text)
    err = capsys.readouterr().err
    assert f"build.py: the site was not built: {main}:{line}: template error: {message}" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()


def test_a_name_the_theme_only_tests_may_be_missing(tmp_path: Path) -> None:
    # Tested or looped over, a missing name stays false or empty: the theme asks of fields a page may lack.
    project = commit_all(copy_project(tmp_path / "p"))  # a clone: a build warns of nothing else
    main = project / "templates" / "main.html"
    tested = "{% if page.meta.no_such_field %}never{% endif %}{% for x in page.no_such_list %}never{% endfor %}"
    main.write_text(main.read_text("utf-8").replace("{{ page.content }}", "{{ page.content }}" + tested), "utf-8")
    assert build_site(project) == 0
    assert "never" not in (project / "site" / "index.html").read_text("utf-8")


def test_pages_stay_in_the_process_when_another_plugin_watches_them(spied: list[int], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    # MkDocs' own search plugin keeps every page it is shown (on_page_context) for its index.
    config.write_text(
        config.read_text("utf-8").replace("  - chronology-search\n", "  - chronology-search\n  - search\n")
    )
    assert build_site(project) == 0
    assert spied == []
    assert "no_such" not in (project / "site" / "index.html").read_text("utf-8")
    index = (project / "site" / "search" / "search_index.json").read_text("utf-8")
    assert "events/" in index  # the generated pages reached the other plugin
