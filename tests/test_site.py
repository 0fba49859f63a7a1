"""The site build: complete, cross-linked, reproducible, and all-or-nothing."""

from __future__ import annotations

import errno
import filecmp
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import weakref
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from chronology import cli, search, writing
from chronology.check import check_project
from chronology.model import Chronology
from chronology.site import build_site
from chronology.text import first_sentence, markdown_to_text, render_markdown

# Every test here builds or reads the example chronology (tests/conftest.py skips them where it is absent).
pytestmark = pytest.mark.example

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "templates", "events", "actors", "places", "seeds")


def copy_project(target: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A copy of the repository's project files (data, docs, templates, configuration), or of
    ``parts`` of them, in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


class Links(HTMLParser):
    """Collects the links of a page and the text of each."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href is not None:
            self._text.append(data)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's chronology built once, with a repository address for edit links."""
    project = copy_project(tmp_path_factory.mktemp("project") / "p")
    os.environ["CHRONOLOGY_REPO_URL"] = "https://example.org/chronology"
    try:
        assert build_site(project) == 0
    finally:
        del os.environ["CHRONOLOGY_REPO_URL"]
    return project / "site"


def test_every_record_has_its_page(built: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    for event in chronology.events:
        assert (built / "events" / event.id / "index.html").is_file(), event.id
    for actor in chronology.actors:
        assert (built / "actors" / actor / "index.html").is_file(), actor
    for place in chronology.places:
        assert (built / "places" / place / "index.html").is_file(), place
    for source in chronology.sources:
        assert (built / "sources" / source / "index.html").is_file(), source
    for tag in chronology.events_by_tag:
        assert (built / "tags" / tag / "index.html").is_file(), tag
    for index in ("index.html", "actors/index.html", "places/index.html", "sources/index.html", "tags/index.html"):
        assert (built / index).is_file()


def test_every_actor_and_place_on_an_event_page_is_a_link(built: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    for event in chronology.events:
        page = built / "events" / event.id / "index.html"
        links = parse(page).links
        for actor_id in event.actor_ids:
            name = chronology.actors[actor_id].name
            assert (f"../../actors/{actor_id}/", name) in links, (event.id, actor_id)
        for place_id in event.places:
            for place in chronology.place_chain(place_id):
                assert (f"../../places/{place.id}/", place.name) in links, (event.id, place.id)


def test_every_internal_link_resolves(built: Path) -> None:
    for page in sorted(built.rglob("*.html")):
        for href, _ in parse(page).links:
            # data: carries its content (an event's CSL-JSON to download), so there is nothing to resolve.
            if href.startswith(("http://", "https://", "mailto:", "data:")) or not href or href.startswith("#"):
                continue
            path = href.split("#")[0].split("?")[0]
            # The 404 page is served at any address, so its links are absolute from the site root.
            base = built if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(built)} links to missing {href}"


class Layout(HTMLParser):
    """The layout's own addresses on a page (the head's links, the menu, the search form, the
    footer's lists), each with whether it is marked as the current page; and the page's scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[tuple[str, bool]] = []
        self.scripts: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("head", "header", "footer", "main"):
            self._in.append(tag)
        inside = self._in[-1] if self._in else None
        address = None
        if tag == "link" and inside == "head" and found.get("rel") in ("stylesheet", "icon", "alternate"):
            address = found.get("href")
        elif tag == "form" and inside == "header":
            address = found.get("action")
        elif tag == "a" and inside in ("header", "footer") and "://" not in (found.get("href") or ""):
            address = found.get("href")
        elif tag == "script" and found.get("src"):
            self.scripts.append(found["src"] or "")
        if address is not None:
            self.addresses.append((address, found.get("aria-current") == "page"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "header", "footer", "main") and self._in:
            self._in.pop()


def test_the_layout_leads_to_the_same_places_from_every_page(built: Path) -> None:
    """The head, menu and footer are rendered once per depth (chronology/theme.py): from every page
    their addresses reach the same files as from the home page, only the page itself, if it is in
    the menu, is marked current, and every script the page loads is there."""

    def resolved(page: Path) -> tuple[list[str], list[str]]:
        parser = Layout()
        parser.feed(page.read_text("utf-8"))
        targets, current = [], []
        for href, is_current in [*parser.addresses, *((src, False) for src in parser.scripts)]:
            target = (page.parent / href).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{page.relative_to(built)}: {href}"
            if (href, is_current) in parser.addresses:
                targets.append(str(target.relative_to(built)))
            if is_current:
                current.append(str(target.relative_to(built)))
        return targets, current

    home, _ = resolved(built / "index.html")
    assert "assets/site.css" in home and "search.html" in home and "actors/index.html" in home
    pages = sorted(p for p in built.rglob("index.html") if not p.parent.name.startswith("pagefind"))
    assert len(pages) > 50
    for page in pages:
        targets, current = resolved(page)
        assert targets == home, page.relative_to(built)
        here = str(page.relative_to(built))
        assert current in ([], [here]), (here, current)
    assert resolved(built / "actors" / "index.html")[1] == ["actors/index.html"]
    assert resolved(built / "method" / "index.html")[1] == ["method/index.html"]


def test_edit_links_point_at_the_yaml_file(built: Path) -> None:
    page = built / "events" / "2022-12-29-belarus-says-it-shot-down-ukrainian-s300" / "index.html"
    hrefs = [href for href, _ in parse(page).links]
    assert (
        "https://example.org/chronology/edit/main/events/2022-12-29-belarus-says-it-shot-down-ukrainian-s300.yaml"
        in hrefs
    )
    about = [href for href, _ in parse(built / "about" / "index.html").links]
    assert "https://example.org/chronology/edit/main/docs/about.md" in about


def indexed(site: Path) -> dict[str, dict[str, object]]:
    """What Pagefind's index holds of each record, by address: the fragment a result shows."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        fragments[fragment["url"]] = fragment
    return fragments


def test_search_indexes_the_records_and_nothing_else(built: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    records = {
        *(f"/events/{e.id}/" for e in chronology.events),
        *(f"/actors/{a}/" for a in chronology.actors),
        *(f"/places/{p}/" for p in chronology.places),
        *(f"/sources/{s}/" for s in chronology.sources),
        *(f"/tags/{t}/" for t in chronology.events_by_tag),
    }
    found = indexed(built)
    assert set(found) == records
    for url in records:  # every result leads to a page of the site
        assert (built / url.strip("/") / "index.html").is_file(), url
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(records)


def test_the_search_bundle_holds_only_what_the_site_loads(built: Path) -> None:
    bundle = built / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.en.pagefind").is_file()
    assert sorted(name for name in search.UNUSED if (bundle / name).exists()) == []
    # Nothing in the site asks for what was removed (the browser tests search through the rest).
    for page in built.rglob("*.html"):
        text = page.read_text("utf-8")
        assert not any(name in text for name in search.UNUSED), page
        assert "data-pagefind" not in text, page
    assert not any(name in (ROOT / "templates/assets/search.js").read_text("utf-8") for name in search.UNUSED)


def test_an_events_search_record_has_its_filters_metadata_and_words(built: Path) -> None:
    event = indexed(built)["/events/2022-12-19-putin-visits-belarus-for-talks-with-lukashenko/"]
    meta = event["meta"]
    assert isinstance(meta, dict)
    assert {key: meta[key] for key in ("title", "kind", "date")} == {
        "title": "Putin visits Belarus for talks with Lukashenko in Minsk",
        "kind": "Event",
        "date": "19 December 2022",
    }
    filters = event["filters"]
    assert isinstance(filters, dict)
    assert filters["kind"] == ["Event"]
    assert "Alexander Lukashenko" in filters["actor"]
    assert "Vladimir Putin" in filters["actor"]
    assert "Belarus" in filters["place"]
    # The actor's Cyrillic alias is among the record's searched fields, so the search finds the
    # event by it; in its metadata, not its text, so that no excerpt fills with aliases.
    about = str(meta["about"]).split("; ")
    assert "Аляксандр Лукашэнка" in about
    assert len(about) == len(set(about))  # the state and the country of Belarus: its names once
    assert "Лукашэнка" not in str(event["content"])


def test_an_actors_search_record_holds_its_names_not_its_events(built: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    actor = chronology.actors["alexander-lukashenko"]
    record = indexed(built)["/actors/alexander-lukashenko/"]
    # His names, every spelling, are searched (and weigh most: search.js) but not shown: the
    # text, which the excerpt is cut from, says who he is.
    names = "; ".join([actor.name, *(alias.name for alias in actor.aliases)])
    assert record["meta"] == {"title": actor.name, "kind": "Actor", "names": names}
    # Only events carry an actor to filter by, so that the filter counts the events his page lists.
    assert record["filters"] == {"kind": ["Actor"]}
    content = str(record["content"])
    assert actor.description and content.startswith(actor.description.strip())
    assert not any(alias.name in content for alias in actor.aliases)
    # His events are found by their own records: none of their titles is part of his.
    assert not [e.title for e in chronology.events_by_actor[actor.id] if e.title in content]


def test_a_search_index_failure_fails_the_build_and_keeps_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n", "utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    capsys.readouterr()
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "search: Pagefind failed (exit 3):\nError: the disk is full" in err
    # The last line points back at the cause, not at MkDocs' own 'Aborted with a BuildError!'.
    assert (
        err.rstrip().splitlines()[-1]
        == "build.py: the site was not built (the error above says why); site/ was left as it was"
    )
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_an_interrupted_build_stops_pagefind_before_its_unfinished_site_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C (or a SIGTERM) in the middle of a build cleans up as a failed build does: MkDocs
    tells plugins of an ``Exception`` only, and a ``KeyboardInterrupt`` is not one."""
    project = copy_project(tmp_path / "p")
    services: list[subprocess.Popen[bytes]] = []
    real = search.start_service

    def start_service(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        services.append(real(*args, **kwargs))
        return services[-1]

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(search, "start_service", start_service)
    monkeypatch.setattr(writing, "write_pages", interrupted)  # while Pagefind indexes
    try:
        with pytest.raises(KeyboardInterrupt):
            build_site(project)
        assert len(services) == 1
        assert services[0].poll() is not None  # ended before the staging folder was removed
    finally:
        for service in services:
            service.kill()
            service.wait()
    assert not (project / "site").exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_build_whose_interruption_python_lost_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C that lands in a weakref's callback (as MkDocs' events free their locals) raises a
    ``KeyboardInterrupt`` that Python prints and ignores, and the build goes on to its end: the
    site it made is still not published, as the contributor asked."""
    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    real = writing.write_pages

    class Local:
        """What an event's handler leaves behind as it returns."""

    def write_pages(*args: Any, **kwargs: Any) -> None:
        local = Local()
        freed = weakref.ref(local, lambda _: cli.interrupt(signal.SIGINT, None))
        del local  # the callback runs, its KeyboardInterrupt ignored
        assert freed() is None
        real(*args, **kwargs)

    lost: list[Any] = []
    monkeypatch.setattr(writing, "write_pages", write_pages)
    monkeypatch.setattr(sys, "unraisablehook", lost.append)  # where Python reports what it ignored
    with pytest.raises(KeyboardInterrupt):
        build_site(project)
    assert [type(ignored.exc_value) for ignored in lost] == [KeyboardInterrupt]
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def _ctrl_c_while_removing_a_site(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C as ``shutil.rmtree`` begins on a site's folder (``.site-*``); other folders removed."""
    real = shutil.rmtree

    def removing(path: Path, *args: Any, **kwargs: Any) -> None:
        if Path(path).name.startswith(".site-"):
            raise KeyboardInterrupt
        real(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", removing)


def test_ctrl_c_again_while_an_interrupted_build_cleans_up_says_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first Ctrl+C ends the build and removes its unfinished site; a second, during that
    removal, stops it: the folder left is named, and the next build removes it."""
    project = copy_project(tmp_path / "p")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writing, "write_pages", interrupted)
    _ctrl_c_while_removing_a_site(monkeypatch)  # the unfinished site: Ctrl+C again
    with pytest.raises(KeyboardInterrupt):
        build_site(project)
    (left,) = [p for p in project.iterdir() if p.name.startswith(".site-")]
    assert capsys.readouterr().err.endswith(
        f"build.py: the unfinished site was not all removed: {left.name}/ is left, and the next build removes it\n"
    )
    monkeypatch.undo()
    assert build_site(project) == 0
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_ctrl_c_while_the_old_site_is_removed_leaves_the_build_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once the new site is in place the build is done: Ctrl+C while the old one is removed stops
    that removal, names the folder left, and the build still ends as built (exit 0), its site new."""
    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    (project / "docs" / "about.md").write_text("# About\n\nA page written after the first build.\n", "utf-8")
    _ctrl_c_while_removing_a_site(monkeypatch)  # the old site, after the exchange: Ctrl+C
    capsys.readouterr()
    assert build_site(project) == 0
    (left,) = [p for p in project.iterdir() if p.name.startswith(".site-")]
    assert capsys.readouterr().err.endswith(
        f"build.py: the old site was not all removed: {left.name}/ is left, and the next build removes it\n"
        f"built the site into {project / 'site'}\n"
    )
    assert "written after the first build" in (project / "site" / "about" / "index.html").read_text("utf-8")
    assert "written after the first build" not in (left / "about" / "index.html").read_text("utf-8")
    monkeypatch.undo()
    assert build_site(project) == 0
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_missing_search_binary_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere" / "pagefind"))
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "search: the Pagefind binary was not found; install the project's dependencies" in err
    assert not (project / "site").exists()


def test_nothing_generated_is_written_into_docs(built: Path) -> None:
    docs = built.parent / "docs"
    assert sorted(p.name for p in docs.iterdir()) == sorted(p.name for p in (ROOT / "docs").iterdir())


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert build_site(project, site_dir=tmp_path / "one") == 0
    assert build_site(project, site_dir=tmp_path / "two") == 0
    first = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", first, shallow=False)
    assert mismatch == [] and errors == []


def test_every_summary_is_converted_before_the_workers_that_show_it_are_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The search records, the data files and the pages are made by workers forked once the check is
    # done (the search plugin is handed the chronology first): each inherits every summary converted,
    # in every form it shows it in, rather than converting them all again.
    project = copy_project(tmp_path / "p")
    caches = (render_markdown, markdown_to_text, first_sentence)
    for cached in caches:
        cached.cache_clear()
    start = search.PagefindPlugin.start
    found: list[tuple[int, list[int], list[int]]] = []

    def handed(plugin: search.PagefindPlugin, chronology: Chronology) -> None:
        converted = [cached.cache_info().misses for cached in caches]
        for event in chronology.events:
            sentence = first_sentence(event.summary)
            render_markdown(event.summary), markdown_to_text(event.summary)
            render_markdown(sentence, inline=True), markdown_to_text(sentence)
        found.append((len(chronology.events), converted, [cached.cache_info().misses for cached in caches]))
        start(plugin, chronology)

    monkeypatch.setattr(search.PagefindPlugin, "start", handed)
    assert build_site(project, site_dir=tmp_path / "site") == 0
    [(events, converted, after)] = found
    assert events >= 10  # the loop above asked for every form of each of them
    assert after == converted


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    event = project / "events" / "2022-11-s300-lands-in-poland.yaml"
    event.write_text(event.read_text("utf-8").replace("date: ", "date: 2022-02-30 #", 1), "utf-8")
    capsys.readouterr()
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "events/2022-11-s300-lands-in-poland.yaml:" in err
    assert "error[invalid-date]" in err
    assert "Traceback" not in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_hand_written_page_may_not_replace_a_generated_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    (project / "docs" / "actors").mkdir()
    (project / "docs" / "actors" / "belarus.md").write_text("# Mine\n", "utf-8")
    assert build_site(project) == 1
    assert "docs/actors/belarus.md would replace the generated page for 'Belarus (state)'" in capsys.readouterr().err
    assert not (project / "site").exists()


def test_a_hand_written_file_may_not_replace_a_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The data files are written while the pages render; MkDocs copies the hand-written files after.
    project = copy_project(tmp_path / "p")
    (project / "docs" / "data").mkdir()
    (project / "docs" / "data" / "atom.xml").write_text("<feed/>\n", "utf-8")
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "docs/data/atom.xml would replace the data file data/atom.xml; rename it" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_data_files_that_cannot_be_written_fail_the_build_and_keep_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from chronology import exports

    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}

    def disk_full(site_dir: Path, made: list[exports.Export]) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # In the worker that makes the data files, and in this process, which tries again when it fails.
    monkeypatch.setattr(exports, "write_exports", disk_full)
    capsys.readouterr()
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "the data files could not be written: [Errno 28] No space left on device" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_template_error_is_reported_with_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    template = project / "templates" / "pages" / "tag.html"
    template.write_text(template.read_text("utf-8") + "{{ no_such_thing.at_all }}\n", "utf-8")
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "templates/pages/tag.html:" in err and "template error" in err and "no_such_thing" in err
    assert "Traceback" not in err


def test_the_data_format_page_documents_every_field_of_every_schema(built: Path) -> None:
    from chronology.reference import kinds

    text = "".join(parse(built / "format" / "index.html").text)
    for kind in kinds():
        assert kind.fields, kind.name
        for field in kind.fields:
            assert field.description, f"{kind.name}: {field.path} has no description"
            assert field.path in text and field.description in text, (kind.name, field.path)
    assert "sources[].quotes" in text and "coordinates.precision" in text


class Meta(HTMLParser):
    """A page's meta tags, by name or property."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key:
            self.tags[key] = found.get("content") or ""


def meta(path: Path) -> dict[str, str]:
    parser = Meta()
    parser.feed(path.read_text("utf-8"))
    return parser.tags


def test_every_page_has_preview_tags(built: Path) -> None:
    from chronology.text import first_sentence, markdown_to_text

    chronology = check_project(ROOT).chronology
    assert chronology is not None
    for page in sorted(built.rglob("*.html")):
        tags = meta(page)
        where = page.relative_to(built)
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:title", "twitter:description"):
            assert tags.get(key), f"{where} has no {key}"
        assert tags["twitter:card"] == "summary", where
        assert tags["og:description"] == tags["description"] == tags["twitter:description"], where
        # Without a published address (site_url) there is no absolute address to give.
        assert "og:url" not in tags, where
    for event in chronology.events:
        tags = meta(built / "events" / event.id / "index.html")
        assert tags["og:title"] == event.title
        assert tags["og:type"] == "article"
        assert tags["og:description"] == markdown_to_text(first_sentence(event.summary))
    home = meta(built / "index.html")
    assert home["og:type"] == "website"
    assert home["og:title"] == home["og:site_name"]
    actor = meta(built / "actors" / "belarus-ministry-of-defence" / "index.html")
    count = len(chronology.events_with_members["belarus-ministry-of-defence"])
    assert actor["og:description"].startswith(f"Belarus's Defence Ministry (government body): {count} events of")


#: The downing in a writer's own voice: the report says only that Belarus "said" it shot the missile
#: down, and the Defence Ministry's "confirming" is the ministry's word.
DOWNING_AS_FACT = re.compile(r"\bBelarus(?:'s)? (?:shooting|shot|shoots|downing)\b")


def test_the_sites_description_gives_the_downing_as_what_belarus_says(built: Path) -> None:
    # The description is the home page's lead and every other page's preview text: it said
    # "Belarus shooting down what it says was a Ukrainian S-300", hedging the missile's origin only.
    home = unescape((built / "index.html").read_text("utf-8"))
    lede = re.search(r'<p class="lede">(.*?)</p>', home, re.S)
    assert lede is not None
    readme = next(p for p in (ROOT / "README.md").read_text("utf-8").split("\n\n") if p.startswith("This repository"))
    for text in (lede.group(1), meta(built / "index.html")["description"], readme):
        words = " ".join(text.split())
        assert "of Belarus saying it shot down a Ukrainian S-300 missile during Russia's missile barrage" in words
        assert DOWNING_AS_FACT.search(words) is None, words
    for page in sorted(built.rglob("*.html")):
        description = meta(page).get("description", "")
        assert DOWNING_AS_FACT.search(description) is None, (page.relative_to(built), description)


def test_no_two_pages_share_a_title(built: Path) -> None:
    # Belarus the state and Belarus the country had one title between them, and so had Ukraine
    # and Poland: a tab, the history or a bookmark could not tell the two pages apart.
    titles: dict[str, str] = {}
    for page in sorted(built.rglob("*.html")):
        found = re.search(r"<title>(.*?)</title>", page.read_text("utf-8"), re.S)
        assert found is not None, page
        titles[page.relative_to(built).as_posix()] = unescape(found.group(1))
    pages: dict[str, list[str]] = {}
    for where, title in titles.items():
        pages.setdefault(title, []).append(where)
    assert {title: where for title, where in pages.items() if len(where) > 1} == {}
    # Every actor's and place's page says which it is, by its kind, not only those that share a name.
    site_name = titles["index.html"]
    assert titles["actors/belarus/index.html"] == f"Belarus (state) · {site_name}"
    assert titles["places/belarus/index.html"] == f"Belarus (country) · {site_name}"
    assert titles["actors/alexander-lukashenko/index.html"] == f"Alexander Lukashenko (person) · {site_name}"
    assert titles["places/gorbakha/index.html"] == f"Gorbakha (village) · {site_name}"


def test_preview_tags_give_the_address_when_the_site_has_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    os.environ["CHRONOLOGY_SITE_URL"] = "https://example.org/chronology/"
    try:
        assert build_site(project) == 0
    finally:
        del os.environ["CHRONOLOGY_SITE_URL"]
    event = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"
    tags = meta(project / "site" / "events" / event / "index.html")
    assert tags["og:url"] == f"https://example.org/chronology/events/{event}/"
    assert meta(project / "site" / "index.html")["og:url"] == "https://example.org/chronology/"
    # ... and the citation gives it as the event's permanent address, in its text and its CSL-JSON.
    from html import unescape

    page = (project / "site" / "events" / event / "index.html").read_text("utf-8")
    assert f'<input id="permalink" type="text" readonly value="https://example.org/chronology/events/{event}/"' in page
    csl = json.loads(unescape(page.split("<code data-csl>")[1].split("</code>")[0]))
    assert csl[0]["URL"] == f"https://example.org/chronology/events/{event}/"
    assert csl[0]["type"] == "webpage" and csl[0]["id"] == event


def test_counts_read_as_english(built: Path) -> None:
    import re

    # "1 events", "1 shared events"; "3 event", "19 source" (not "BCP 47 tag" nor "3 event-pages").
    plural = r"\b1 (?:[a-z]+ )?(?:events|actors|places|sources|tags)\b"
    singular = r"\b(?:0|[2-9]|\d\d+) (?:[a-z]+ )?(?:event|actor|place|source)\b(?![-\w])"
    wrong = re.compile(f"{plural}|{singular}")
    found = []
    for page in sorted(built.rglob("*.html")):
        text = " ".join(" ".join(parse(page).text).split())
        found += [f"{page.relative_to(built)}: {m.group(0)!r}" for m in wrong.finditer(text)]
    assert not found, "\n".join(found)


def test_each_link_is_shown_from_both_ends_in_its_words(built: Path) -> None:
    from chronology.links import link_types

    chronology = check_project(ROOT).chronology
    assert chronology is not None
    types = link_types()
    shown = 0
    for event in chronology.events:
        for relation in event.related:
            other = chronology.events_by_id[relation.target]
            here = (built / "events" / event.id / "index.html").read_text("utf-8")
            there = (built / "events" / other.id / "index.html").read_text("utf-8")
            reads = f'<span class="relation">{types[relation.type].reads}:</span> <a href="../../events/{other.id}/">'
            reads_back = (
                f'<span class="relation">{types[relation.type].reads_back}:</span> <a href="../../events/{event.id}/">'
            )
            assert reads in here, (event.id, relation)
            assert reads_back in there, (other.id, relation)
            shown += 1
    assert shown >= 20


def test_the_data_format_page_gives_each_link_type_its_two_readings(built: Path) -> None:
    from chronology.links import link_types

    page = unescape((built / "format" / "index.html").read_text("utf-8"))
    for kind in link_types().values():
        assert (
            f'<td data-label="Value"><code>{kind.name}</code></td>\n        <td data-label="Meaning">{kind.description}'
        ) in page, kind.name
        assert (
            f'<td data-label="Shown on this event\'s page as">{kind.reads}</td>\n'
            f'        <td data-label="Shown on the other event\'s page as">{kind.reads_back}</td>\n'
            f'        <td data-label="Example">{kind.example or ""}</td>'
        ) in page, kind.name


def test_each_date_is_shown_in_the_words_of_its_form(built: Path) -> None:
    """One day of a set, "on or before" and a single day read differently, each in a <time> that
    claims no more than the words."""
    pages = {
        "2022-12-29-belta-reports-s300-landed-in-belarus": (
            '<time datetime="2022-12">one day between 29 and about 31 December 2022</time>'
        ),
        "2022-12-19-russia-announces-joint-exercises-in-belarus": (
            '<time datetime="2022-12-19">on or before 19 December 2022</time>'
        ),
        "2022-12-19-putin-visits-belarus-for-talks-with-lukashenko": (
            '<time datetime="2022-12-19">19 December 2022</time>'
        ),
    }
    for event_id, tag in pages.items():
        assert tag in (built / "events" / event_id / "index.html").read_text("utf-8"), event_id
    one_of = '<time datetime="2022-12">one day between 29 and about 31 December 2022</time>'
    source = (built / "sources" / "000_9acb625707f65469" / "index.html").read_text("utf-8")
    assert f"<dt>Published</dt><dd>{one_of}" in source
    assert one_of in (built / "index.html").read_text("utf-8")


def test_every_word_of_a_source_is_found_and_a_quoted_passage_through_its_events(built: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    records = indexed(built)
    words = {word for record in records.values() for word in re.findall(r"\w+", str(record["content"]).casefold())}
    for source in chronology.sources.values():
        assert set(re.findall(r"\w+", source.text.casefold())) <= words, source.id
        content = str(records[f"/sources/{source.id}/"]["content"])
        title = source.title or source.label
        assert content.startswith(title)
        # The passages the events quote are in the events' records, not again in the source's.
        cited = [citation for event in chronology.events for citation in event.sources if citation.seed == source.id]
        quoted = [quote for citation in cited for quote in citation.quotes]
        assert quoted and not [quote for quote in quoted if quote in content]


def test_the_search_plugin_without_the_chronology_plugin_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  - chronology\n" in text
    config.write_text(text.replace("\n  - chronology\n", "\n"), "utf-8")
    assert build_site(project) == 2  # as any other fault of mkdocs.yml
    err = capsys.readouterr().err
    assert err.rstrip().endswith(
        "build.py: mkdocs.yml is not valid: the 'chronology-search' plugin indexes the chronology of the "
        "'chronology' plugin, which mkdocs.yml does not list: add '- chronology' under plugins, before it"
    )
    assert "Traceback" not in err
    assert not [p for p in project.iterdir() if p.name.startswith(".site-") or p.name == "site"]
