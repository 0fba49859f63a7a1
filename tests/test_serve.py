"""``python build.py serve`` serves the site and keeps it up to date as files change: an edited event
re-renders only the pages that show it, a data error is shown in every page (and the terminal) while
the last good site stays served, and the site recovers by itself once the file is fixed."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from chronology import check, search, snapshot, writing
from chronology.check import check_project
from chronology.cli import interrupt
from chronology.diagnostics import sort_key
from chronology.pages import split_periods
from chronology.serve import Builder, State, counts
from tests.conftest import EVENT_ID, generated_project
from tests.test_site import ROOT, copy_project, indexed
from tests.test_snapshot import Loads

EVENT = "events/2022-11-s300-lands-in-poland.yaml"
#: The longest serve is given to end after a SIGTERM, in seconds, before it is killed.
STOPPED = 60.0
URL_PATH = "events/2022-11-s300-lands-in-poland/"


def fetch(url: str, wait_for: str, timeout: float = 60.0, absent: bool = False) -> str:
    """The page at ``url`` once it contains ``wait_for`` (or, if ``absent``, once it does not)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            last = exc.read().decode("utf-8", "replace")
        except OSError:
            pass
        if (wait_for in last) != absent:
            return last
        time.sleep(0.2)
    raise AssertionError(f"{url}: {wait_for!r} {'stayed' if absent else 'never came'}; the body began {last[:300]!r}")


class Served:
    """``build.py serve`` running on a project, with its terminal output collected as it comes."""

    def __init__(self, project: Path) -> None:
        #: Its temporary folder, to see that it leaves nothing there.
        self.temp = Path(tempfile.mkdtemp(prefix="tmp-serve-", dir=project.parent))
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "--root",
                str(project),
                "serve",
                "--dev-addr",
                # Port 0: the system's choice of a free port, which serve announces; a port chosen
                # here and freed for serve to bind could be taken by another process meanwhile.
                "127.0.0.1:0",
            ],
            cwd=project,
            env={**os.environ, "TMPDIR": str(self.temp)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    @property
    def port(self) -> int:
        """The port serve announces it is serving on (waiting for it)."""
        return int(self.line(r"^serving the site at http://127\.0\.0\.1:(\d+)/", timeout=300).group(1))

    @property
    def url(self) -> str:
        """The site's address, as serve announces it (waiting for it)."""
        return f"http://127.0.0.1:{self.port}/"

    def line(self, pattern: str, after: int = 0, timeout: float = 120.0) -> re.Match[str]:
        """The first terminal line from index ``after`` on that matches ``pattern`` (waiting for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                found = re.search(pattern, line)
                if found:
                    return found
            time.sleep(0.1)
        raise AssertionError(f"no terminal line matches {pattern!r}:\n" + "\n".join(self.lines[-30:]))

    def stop(self) -> str:
        """Stop serve as a process manager does (SIGTERM), once it has ended by itself, that it left
        nothing in its temporary folder; its terminal output."""
        self.process.terminate()
        try:
            # Serve ends once it has cleaned up: it may wait for a build catching up to end (10 s
            # at most before it kills it), on a loaded machine too. Killed here instead, it would
            # leave its folder behind, and that would be said to be serve's leftover.
            self.process.wait(timeout=STOPPED)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self.reader.join(timeout=5)
            raise AssertionError(
                f"serve did not end within {STOPPED} s of a SIGTERM:\n" + "\n".join(self.lines[-30:])
            ) from None
        self.reader.join(timeout=5)
        left = sorted(str(p.relative_to(self.temp)) for p in self.temp.rglob("*"))
        assert not left, f"serve (exit {self.process.returncode}) left in its temporary folder: {left[:20]}"
        return "\n".join(self.lines)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Served]]:
    project = copy_project(tmp_path / "p")
    server = Served(project)
    try:
        server.line(r"^serving the site at ")
        yield project, server
    finally:
        assert "Traceback" not in server.stop()


@pytest.mark.example
def test_serve_rebuilds_when_an_event_changes(served: tuple[Path, Served]) -> None:
    project, server = served
    url = server.url + URL_PATH
    fetch(url, "An S-300 believed to have strayed")
    event = project / EVENT
    event.write_text(
        event.read_text("utf-8").replace("title: An S-300 believed", "title: A changed S-300 believed"), "utf-8"
    )
    page = fetch(url, "A changed S-300 believed")
    assert '<script src="/.serve/reload.js" data-version="' in page
    # The data files follow, from the build that catches up in the background.
    fetch(server.url + "data/chronology.json", "A changed S-300 believed", timeout=180)
    server.line(r"^serve: the search index and the data files caught up with the last change$")


@pytest.mark.example
def test_serve_shows_a_data_error_keeps_the_last_site_and_recovers(served: tuple[Path, Served]) -> None:
    project, server = served
    url = server.url + URL_PATH
    fetch(url, "An S-300 believed to have strayed")
    event = project / EVENT
    good = event.read_text("utf-8")
    broken = good.replace("title: An S-300 believed", "title: A broken S-300 believed").replace(
        "date: ", "date: 2022-02-30 #", 1
    )
    seen = len(server.lines)
    event.write_text(broken, "utf-8")
    message = (
        "events/2022-11-s300-lands-in-poland.yaml:4:7: error[invalid-date]: '2022-02-30': "
        "February 2022 has no day 30 (it has 28 days)"
    )
    # The terminal names the error; every page shows it over the last site that built.
    server.line("^" + re.escape(message) + "$", after=seen)
    page = fetch(url, 'class="serve-errors" role="alert"')
    assert message.replace("'", "&#x27;") in page
    assert "An S-300 believed to have strayed" in page and "A broken S-300" not in page
    home = fetch(server.url, 'class="serve-errors"')
    assert "February 2022 has no day 30" in home
    # Every request is answered meanwhile: nothing hangs.
    fetch(server.url + "actors/", 'class="serve-errors"', timeout=5)
    # Fixed, the site recovers by itself: the errors go, the change shows.
    event.write_text(good.replace("title: An S-300 believed", "title: A mended S-300 believed"), "utf-8")
    page = fetch(url, "A mended S-300 believed")
    assert 'class="serve-errors"' not in page
    fetch(server.url, 'class="serve-errors"', absent=True, timeout=10)


@pytest.mark.example
def test_pages_rendered_again_reach_the_site_together_with_the_errors_they_clear(tmp_path: Path) -> None:
    """No request may see a mended page under the panel of the errors it mends: the pages rendered
    again are moved into the site only when the errors are cleared, under the lock requests read by."""
    project = copy_project(tmp_path / "p")
    state = State()
    builder = Builder(project, state)
    publish = state.publish
    seen_at_publish: list[tuple[str, bool]] = []

    def watched(*args: Any, **kwargs: Any) -> None:
        assert state.site is not None
        page = (state.site / URL_PATH / "index.html").read_text("utf-8")
        seen_at_publish.append((kwargs.get("errors", ""), "A mended S-300" in page))
        publish(*args, **kwargs)

    try:
        assert builder.full()
        state.publish = watched  # type: ignore[method-assign]
        event = project / EVENT
        good = event.read_text("utf-8")
        event.write_text(good.replace("date: ", "date: 2022-02-30 #", 1), "utf-8")
        assert not builder.update({event})
        assert "February 2022 has no day 30" in state.errors
        event.write_text(good.replace("title: An S-300 believed", "title: A mended S-300 believed"), "utf-8")
        assert builder.update({event})
        assert seen_at_publish[0][0].startswith("the chronology has 1 error:\n")
        assert seen_at_publish[1:] == [("", False)]  # not in the site until published
        status, body, kind, errors, version = state.read("/" + URL_PATH)
        assert body is not None and "A mended S-300 believed" in body.decode("utf-8")
        assert (status, kind, errors, version) == (200, "text/html", "", 3)
    finally:
        builder.close()


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[Path, State, Builder]]:
    """A copy of the project, and serve's state and builder for it (closed after the test)."""
    project = copy_project(tmp_path / "p")
    state = State()
    builder = Builder(project, state)
    try:
        yield project, state, builder
    finally:
        builder.close()


@pytest.mark.example
def test_an_edit_that_failed_the_check_undone_takes_the_errors_off_every_page(
    built: tuple[Path, State, Builder],
) -> None:
    project, state, builder = built
    assert builder.full()
    event = project / EVENT
    good = event.read_text("utf-8")
    event.write_text(good.replace("date: ", "date: 2022-02-30 #", 1), "utf-8")
    assert not builder.update({event})
    version = state.version
    event.write_text(good, "utf-8")  # saved again as it was: no page differs from the site served
    assert builder.update({event})
    assert state.errors == ""
    assert state.version == version + 1  # the browsers waiting are told, and reload without the panel
    status, body, _, errors, _ = state.read("/" + URL_PATH)
    assert status == 200 and errors == "" and body is not None


#: A link to BelTA's page, and the words it shows.
BELTA_LINK = re.compile(r'<a [^>]*href="[^"]*actors/belta/"[^>]*>([^<]*)</a>')


def belta_links(site: Path) -> dict[str, set[str]]:
    """The words of each page's links to BelTA's page, by page (the pages that link to it)."""
    found: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        words = set(BELTA_LINK.findall(page.read_text("utf-8")))
        if words:
            found[page.relative_to(site).as_posix()] = words
    return found


@pytest.mark.example
def test_an_actor_refused_then_repaired_under_a_new_name_shows_it_on_every_page_that_links_to_it(
    built: tuple[Path, State, Builder], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check answers the refusal and the repair of an actor from its index; the update in place
    after the repair renders again every page that shows the actor, and only the actor changed."""
    project, state, builder = built
    assert builder.full()
    assert state.site is not None
    loads = Loads(monkeypatch)
    before = belta_links(state.site)
    assert len(before) > 3 and all("BelTA" in words for words in before.values())
    actor = project / "actors/belta.yaml"
    good = actor.read_text("utf-8")
    actor.write_text(good + "name: [\n", "utf-8")
    assert not builder.update({actor})
    assert "actors/belta.yaml:" in state.errors and "yaml-syntax" in state.errors
    actor.write_text(good.replace("\nname: BelTA\n", "\nname: BelTA news agency\n"), "utf-8")
    assert builder.update({actor})
    assert state.errors == ""
    assert state.site is not None
    renamed = {page: {"BelTA news agency" if w == "BelTA" else w for w in words} for page, words in before.items()}
    assert belta_links(state.site) == renamed
    assert loads.count == 0  # neither check was a whole one


def test_an_error_in_the_theme_s_templates_is_shown_where_it_is_and_leaves_nothing(
    built: tuple[Path, State, Builder],
) -> None:
    project, state, builder = built
    main = project / "templates" / "main.html"
    main.write_text(main.read_text("utf-8") + "\n{% if %}\n", "utf-8")
    assert not builder.full()  # shown, not raised: serve goes on, and shows the site once mended
    assert re.search(r"templates/main\.html:\d+: template error: Expected an expression", state.errors), state.errors
    assert list(builder.work.iterdir()) == []


def _failing_second_batch(builder: Builder, monkeypatch: pytest.MonkeyPatch, step: str) -> list[set[str]]:
    """The open event page published alone first; then the other pages fail (a full disk) as they
    are written (``step`` "rewrite") or moved into the site ("publish"). The batches asked for."""
    monkeypatch.setattr(builder.state, "open_pages", lambda: {URL_PATH})
    monkeypatch.setattr(builder.state, "wait_shown", lambda pages, timeout: None)
    real_rewrite, real_publish, batches = builder.rewrite, builder.state.publish, []

    def full_disk(path: Path) -> OSError:
        return OSError(28, "No space left on device", str(path))

    def rewrite(*args: Any) -> Any:
        batches.append(set(args[2]))
        if step == "rewrite" and len(batches) % 2 == 0:
            raise full_disk(args[3] / "0.html")
        return real_rewrite(*args)

    def publish(**kwargs: Any) -> Any:
        if step == "publish" and "moves" in kwargs and len(batches) % 2 == 0:
            raise full_disk(kwargs["moves"][0][1])
        return real_publish(**kwargs)

    monkeypatch.setattr(builder, "rewrite", rewrite)
    monkeypatch.setattr(builder.state, "publish", publish)
    return batches


def _old_titles(site: Path, title: str) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if title in p.read_text("utf-8"))


@pytest.mark.example
@pytest.mark.parametrize("step", ["rewrite", "publish"])
def test_pages_that_fail_after_the_open_one_was_published_are_built_whole(
    built: tuple[Path, State, Builder], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], step: str
) -> None:
    project, state, builder = built
    assert builder.full()
    batches = _failing_second_batch(builder, monkeypatch, step)
    event = project / EVENT
    old = "An S-300 believed"
    showing = _old_titles(state.site or Path(), old)
    assert len(showing) > 3  # the event's page, the lists and the pages that link to it
    event.write_text(event.read_text("utf-8").replace(old, "A half-written S-300 believed"), "utf-8")
    assert builder.update({event})  # built whole, not an internal error
    assert [URL_PATH.rstrip("/") + ".md" in "".join(batch) for batch in batches] == [True, False]
    site = state.site
    assert site is not None
    assert _old_titles(site, old) == []  # no page left behind the change
    assert _old_titles(site, "A half-written S-300 believed") == showing
    assert "pages not rendered again in place (OSError: [Errno 28] No space left on device" in capsys.readouterr().err
    assert not builder.partial and state.errors == ""


@pytest.mark.example
def test_after_an_update_and_the_whole_build_both_failed_the_next_change_is_built_whole(
    built: tuple[Path, State, Builder], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, state, builder = built
    assert builder.full()
    _failing_second_batch(builder, monkeypatch, "rewrite")
    real_full, fulls = builder.full, cast(list[int], [])

    def full() -> bool:
        fulls.append(len(fulls))
        if len(fulls) == 1:  # the disk still full
            builder.fail("cannot write the site: No space left on device")
            return False
        return real_full()

    monkeypatch.setattr(builder, "full", full)
    event = project / EVENT
    event.write_text(event.read_text("utf-8").replace("An S-300 believed", "A half-written S-300 believed"), "utf-8")
    assert not builder.update({event})
    assert builder.partial and "No space left" in state.errors
    site = state.site
    assert site is not None
    assert _old_titles(site, "An S-300 believed")  # the other pages are behind the chronology the plugin holds
    # The next change, to another event's title, which no page behind shows: still the whole site.
    other = next(p for p in (project / "events").glob("*.yaml") if p.name != Path(EVENT).name)
    other.write_text(other.read_text("utf-8").replace("title: ", "title: Edited ", 1), "utf-8")
    assert builder.update({other})
    assert fulls == [0, 1] and not builder.partial and state.errors == ""
    site = state.site
    assert site is not None
    assert _old_titles(site, "An S-300 believed") == []


def wait_for_site(state: State, old: Path | None, timeout: float = 180.0) -> Path:
    """The site served once it is no longer ``old``."""
    deadline = time.monotonic() + timeout
    while state.site == old:
        assert time.monotonic() < deadline, "the site was never replaced"
        time.sleep(0.1)
    assert state.site is not None
    return state.site


@pytest.mark.example
def test_the_search_index_and_the_data_files_catch_up_after_an_in_place_update(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    state = State()
    builder = Builder(project, state)
    try:
        assert builder.full()
        event = project / EVENT
        event.write_text(
            event.read_text("utf-8").replace("title: An S-300 believed", "title: A caught-up S-300 believed"), "utf-8"
        )
        assert builder.update({event})
        assert builder.behind
        site = state.site
        assert site is not None
        # In place: the event's page has the new title, the data files and the search index not yet.
        assert "A caught-up S-300" in (site / URL_PATH / "index.html").read_text("utf-8")
        assert "A caught-up S-300" not in (site / "data" / "chronology.json").read_text("utf-8")
        assert not any("A caught-up S-300" in str(f["meta"]) for f in indexed(site).values())
        version = state.version
        builder.catch_up()
        caught_up = wait_for_site(state, site)
        assert not builder.behind and builder.catching is None
        assert "A caught-up S-300 believed" in (caught_up / "data" / "chronology.json").read_text("utf-8")
        record = indexed(caught_up)["/" + URL_PATH]
        assert str(record["meta"]).count("A caught-up S-300 believed") == 1
        assert "A caught-up S-300 believed" in (caught_up / URL_PATH / "index.html").read_text("utf-8")
        # Only the pages that show what caught up reload; the last site and its folder are gone.
        assert state.history[-1] == (version + 1, frozenset({"search.html", "data/"}))
        deadline = time.monotonic() + 30
        while site.exists():  # removed once served
            assert time.monotonic() < deadline, f"{site} was left"
            time.sleep(0.1)
        # A later in-place update goes into the site served now.
        event.write_text(
            event.read_text("utf-8").replace("A caught-up S-300 believed", "A twice-edited S-300 believed"), "utf-8"
        )
        assert builder.update({event})
        assert "A twice-edited S-300" in (caught_up / URL_PATH / "index.html").read_text("utf-8")
    finally:
        builder.close()
    assert not builder.work.exists()


def test_a_change_stops_the_build_catching_up_and_leaves_nothing(built: tuple[Path, State, Builder]) -> None:
    _, state, builder = built
    assert builder.full()
    site, version = state.site, state.version
    builder.catch_up()
    assert builder.catching is not None
    process, folder = builder.catching
    builder.stop_catching_up()
    assert not builder.caught_up(process, folder)  # what its thread does once the process has ended
    assert process.poll() is not None
    deadline = time.monotonic() + 30
    while folder.exists():  # removed in the background
        assert time.monotonic() < deadline, f"{folder} was left"
        time.sleep(0.1)
    assert (state.site, state.version) == (site, version)
    assert [p.name for p in builder.work.iterdir()] == [site.name] if site is not None else []


@pytest.mark.parametrize("when", ["started", "stopped"])
def test_serve_stopped_as_a_build_catching_up_starts_or_stops_ends_that_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """Ctrl+C or a SIGTERM may come at any moment: just as a build catching up has been started
    (serve stopped right after an edit), or as it is being stopped (by the next edit). ``close``
    still ends that build before it removes the folder the build writes into; left running, the
    build would write its site there again once removed, and serve would leave it behind."""
    project = copy_project(tmp_path / "p")
    builder = Builder(project, State())
    started: list[subprocess.Popen[bytes]] = []
    popen, killpg = subprocess.Popen, os.killpg

    def start(args: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = popen(args, **kwargs)
        if "chronology.serve" in args:
            started.append(process)
            if when == "started":
                os.kill(os.getpid(), signal.SIGTERM)  # the moment after the build has started
        return process

    def kill(group: int, number: int) -> None:
        if when == "stopped" and number == signal.SIGTERM and not killed:
            killed.append(group)
            os.kill(os.getpid(), signal.SIGTERM)  # as the build is taken to be stopped
        killpg(group, number)

    killed: list[int] = []
    monkeypatch.setattr(subprocess, "Popen", start)
    monkeypatch.setattr(os, "killpg", kill)
    previous = signal.signal(signal.SIGTERM, interrupt)  # serve's
    try:
        with pytest.raises(KeyboardInterrupt):
            builder.catch_up()
            builder.stop_catching_up()
    finally:
        signal.signal(signal.SIGTERM, previous)
        builder.close()
    assert len(started) == 1
    left = [process for process in started if process.poll() is None]
    for process in left:
        killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert not left, f"serve was closed with its build catching up still running ({when})"
    assert not builder.work.exists()


def test_serve_stopped_during_a_whole_build_leaves_no_indexing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C or a SIGTERM during a whole build (serve's first, or one an edit needs) stops
    Pagefind's service with it, as a failed build does: left indexing, it would write the index
    into the site's folder once ``close`` had removed it."""
    project = copy_project(tmp_path / "p")
    builder = Builder(project, State())
    services: list[subprocess.Popen[bytes]] = []
    start = search.start_service

    def started(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        services.append(start(*args, **kwargs))
        return services[-1]

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt  # as the pages are written, Pagefind indexing beside them

    monkeypatch.setattr(search, "start_service", started)
    monkeypatch.setattr(writing, "write_pages", interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            builder.full()
    finally:
        left = [service for service in services if service.poll() is None]
        for service in left:
            service.kill()
            service.wait()
        builder.close()
    assert len(services) == 1
    assert not left, "Pagefind's service was left indexing"
    assert not builder.work.exists()


@pytest.mark.example
def test_the_first_edit_finds_serve_ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first build leaves its check's caches and the check itself in serve's memory, so that the
    first edit, like the later ones, is answered from the last check rather than by checking every
    file again; and the warming up done before the site is announced keeps an edit made while the
    site was building: the next update still renders it."""
    project = copy_project(tmp_path / "p")
    state = State()
    builder = Builder(project, state)
    whole: list[Path] = []
    try:
        assert builder.full()
        assert sorted(builder.kept.caches) == ["check", "quotes"] and builder.kept.last is not None
        assert snapshot.load(project) is not None  # kept on disk as well, for the next check command
        event = project / EVENT
        event.write_text(
            event.read_text("utf-8").replace("title: An S-300 believed", "title: A mid-build S-300 believed"), "utf-8"
        )
        builder.warm()
        load = check._Checker.load

        def whole_load(self: check._Checker, found: dict[str, list[str]]) -> None:
            whole.append(self.root)
            load(self, found)

        monkeypatch.setattr(check._Checker, "load", whole_load)
        assert builder.update({event})
        assert whole == []  # answered from the build's own check
        status, body, _, _, _ = state.read("/" + URL_PATH)
        assert status == 200 and body is not None and "A mid-build S-300 believed" in body.decode("utf-8")
    finally:
        builder.close()


def whole_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots of the projects checked whole from now on (every file loaded), as they are."""
    whole: list[Path] = []
    load = check._Checker.load

    def whole_load(self: check._Checker, found: dict[str, list[str]]) -> None:
        whole.append(self.root)
        load(self, found)

    monkeypatch.setattr(check._Checker, "load", whole_load)
    return whole


def assert_as_fresh(project: Path, again: check.Result) -> None:
    """``again`` is what a fresh check of ``project`` finds."""
    fresh = check_project(project)
    assert [d.text() for d in sorted(again.diagnostics, key=sort_key)] == [
        d.text() for d in sorted(fresh.diagnostics, key=sort_key)
    ]
    assert again.chronology == fresh.chronology


@pytest.mark.example
def test_checks_that_keep_their_caches_find_what_a_fresh_check_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve keeps the checker's caches and its last check in memory between checks: they must
    answer as a fresh check does, whole or from the last check."""
    project = copy_project(tmp_path / "p")
    whole = whole_checks(monkeypatch)
    kept = check.Memory()
    assert check_project(project, kept).chronology is not None
    assert sorted(kept.caches) == ["check", "quotes"]
    event = project / EVENT
    good = event.read_text("utf-8")
    retitled = good.replace("title: An S-300 believed", "title: A mended S-300 believed")
    quote = next(line for line in good.splitlines() if line.startswith("      - one in November, when an S-300"))
    # Each text, and whether the kept check answers it from the last check and its index, rather
    # than check every file again.
    for text, answered in (
        # A date that is no date, answered against the index; the check kept stays the last one
        # without error, the model's, and the index, moved on with the answer, is let go.
        (good.replace("date: ", "date: 2022-02-30 #", 1), True),
        (retitled, True),  # local fields: answered from the last check kept
        (good, True),
        ("# a note\n" + retitled, True),
        (retitled.replace("\nsummary: ", "\nsummary: <b>bold</b> ", 1), True),
        (good, True),
        (good.replace("tags:\n", "tags:\n  - new-tag\n"), False),  # no index since the error: whole
        (good.replace("tags:\n", "tags:\n  - another-tag\n"), True),  # a tag: against the index
        (good.replace("  - ref: ukrainian-air-defences\n    role: believed launcher\n", ""), True),  # an actor unused
        (good.replace("date: '2022-11'", "date: '2022-10'"), True),
        (good.replace(quote, "      - one in November"), True),  # a quote: its source's spans again
        (good.replace(quote, "      - not in the report"), True),
        (good, False),
        (good.replace("places:\n  - poland\n", "places:\n  - poland\n  - minsk\n"), True),
    ):
        event.write_text(text, "utf-8")
        whole.clear()
        again = check_project(project, kept)
        assert whole == ([] if answered else [project.resolve()])
        assert_as_fresh(project, again)
    assert again.chronology is not None and not again.errors


@pytest.mark.example
def test_events_added_and_removed_are_answered_from_the_check_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event file added or removed is answered from the last check kept, its model made again,
    as long as the chronology stays without error; each answer is the fresh check's."""
    project = copy_project(tmp_path / "p")
    whole = whole_checks(monkeypatch)
    kept = check.Memory()
    assert check_project(project, kept).chronology is not None
    good = (project / EVENT).read_text("utf-8")
    added = project / "events" / "2022-11-s300-lands-in-poland-again.yaml"
    copy = good.replace("id: 2022-11-s300-lands-in-poland\n", f"id: {added.stem}\n").replace(
        "title: An S-300 believed", "title: Again, an S-300 believed"
    )
    linking = project / "events/2022-12-29-glaz-sets-out-belarus-demands-of-ukraine.yaml"  # none links to it
    links = linking.read_text("utf-8")
    actor = project / "actors" / "a-new-actor.yaml"
    # Each step, and whether the kept check answers it, rather than check every file again.
    steps: list[tuple[Callable[[], object], bool]] = [
        (lambda: added.write_text(copy, "utf-8"), True),  # an event added: its quotes count in its sources
        (lambda: added.write_text(copy.replace("Again, an", "Once more, an"), "utf-8"), True),
        (added.unlink, True),  # removed: its quotes no longer counted
        (lambda: added.write_text(copy, "utf-8"), True),
        (lambda: (project / EVENT).unlink(), False),  # another event links to it: an error, checked whole
        (lambda: (project / EVENT).write_text(good, "utf-8"), False),  # the check kept has the error
        (linking.unlink, True),  # an event that links to two others removed, its links with it
        (lambda: linking.write_text(links, "utf-8"), True),  # and back
        (lambda: actor.write_text("id: a-new-actor\nname: A new actor\nkind: person\n", "utf-8"), False),
    ]
    for number, (step, answered) in enumerate(steps):
        step()
        whole.clear()
        again = check_project(project, kept)
        assert whole == ([] if answered else [project.resolve()]), f"step {number}"
        assert_as_fresh(project, again)
    assert again.chronology is not None and added.stem in again.chronology.events_by_id


@pytest.mark.example
def test_the_browser_is_told_when_its_page_changes(served: tuple[Path, Served]) -> None:
    project, server = served
    page = fetch(server.url + URL_PATH, "An S-300 believed")
    version = re.search(r'reload\.js" data-version="(\d+)"', page)
    assert version, page[-500:]
    since = int(version.group(1))
    results: dict[str, dict[str, Any]] = {}

    def wait(path: str) -> None:
        query = f"since={since}&page={urllib.parse.quote(path)}"
        with urllib.request.urlopen(f"{server.url}.serve/changes?{query}", timeout=60) as response:
            results[path] = json.loads(response.read().decode())

    # The edited event's page, and the data format's, which shows nothing of any event.
    waiters = [threading.Thread(target=wait, args=(path,)) for path in ("/" + URL_PATH, "/format/")]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.5)
    assert not results, "the request for changes must be held until something changes"
    seen = len(server.lines)
    event = project / EVENT
    event.write_text(event.read_text("utf-8").replace("title: An S-300", "title: The S-300"), "utf-8")
    for waiter in waiters:
        waiter.join(timeout=60)
    assert results["/" + URL_PATH] == {"version": since + 1, "reload": True}
    assert results["/format/"]["reload"] is False and results["/format/"]["version"] > since
    # The page a browser was waiting on was shown before the other pages were rendered.
    line = server.line(
        r"^serve: rendered again in .*\(.*published [\d.]+ s, shown [\d.]+ s, the other pages [\d.]+ s\): (.*)$",
        after=seen,
    )
    assert URL_PATH in line.group(1).split(", ")


@pytest.mark.example
def test_a_browser_gone_while_it_waits_for_changes_is_no_error(served: tuple[Path, Served]) -> None:
    """A tab closed while its page waits on ``/.serve/changes``: the answer, when it comes, finds the
    connection gone. That is no fault of serve's: no traceback in the terminal, and it goes on
    serving."""
    project, server = served
    page = fetch(server.url + URL_PATH, "An S-300 believed")
    version = re.search(r'reload\.js" data-version="(\d+)"', page)
    assert version, page[-500:]
    request = f"GET /.serve/changes?since={version.group(1)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    for abort in (True, False, True, False):
        client = socket.create_connection(("127.0.0.1", server.port))
        client.sendall(request)
        if abort:  # reset at once, as a closed tab's connection often is
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
    time.sleep(0.5)  # each request is read and waiting
    seen = len(server.lines)
    event = project / EVENT
    event.write_text(event.read_text("utf-8").replace("title: An S-300", "title: The S-300"), "utf-8")
    server.line(r"^serve: rendered again in ", after=seen)
    fetch(server.url + URL_PATH, "The S-300 believed")
    time.sleep(1.0)  # the answers to the closed connections are written by now
    terminal = "\n".join(server.lines)
    assert "Traceback" not in terminal and "Exception occurred" not in terminal, terminal
    fetch(server.url + URL_PATH, "The S-300 believed")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic chronology of 300 events (bench/generate.py), a timeline page per 40 events."""
    return generated_project(tmp_path_factory.mktemp("generated") / "p", 300, 40)


def test_an_edited_event_renders_again_only_the_pages_that_show_it(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    event = next(e for e in chronology.events[100:] if e.related and len(e.actor_ids) > 1 and e.tags)
    c = chronology
    # A title changes no count, list of periods or index: those pages are not rendered again.
    expected = {f"events/{event.id}/"}
    for other in (c.previous_event(event), c.next_event(event)):
        assert other is not None
        expected.add(f"events/{other.id}/")
    expected |= {f"events/{r.target}/" for r in event.related}
    expected |= {f"events/{r.source}/" for r in c.incoming.get(event.id, ())}
    expected |= {f"sources/{citation.seed}/" for citation in event.sources}
    expected |= {f"tags/{tag}/" for tag in event.tags}
    actors = {b for a in event.actor_ids for b in (a, *c.bodies_of(a))}
    expected |= {f"actors/{a}/" for a in actors}
    places = {p.id for place in event.places for p in c.place_chain(place)}
    expected |= {f"places/{p}/" for p in places}
    expected |= {f"timeline/{p.slug}/" for p in split_periods(c.events, 40) if event in p.events}
    for folder, events in (
        *((f"actors/{a}", tuple(e for e, _ in c.events_with_members[a])) for a in actors),
        *((f"places/{p}", c.events_at(p)) for p in places),
        *((f"tags/{t}", c.events_by_tag[t]) for t in event.tags),
    ):
        expected |= {f"{folder}/{p.slug}/" for p in split_periods(events, 40) if event in p.events}

    server = Served(generated)
    try:
        server.line(r"^serving the site at ", timeout=300)
        url = f"{server.url}events/{event.id}/"
        fetch(url, event.title)
        seen = len(server.lines)
        path = generated / event.file
        text = path.read_text("utf-8")
        edited, count = re.subn(r"^title: .*$", "title: A title edited while serving", text, count=1, flags=re.M)
        assert count == 1
        path.write_text(edited, "utf-8")
        rendered = server.line(r"^serve: rendered again in [\d.]+ s \(check [\d.]+ s, [^)]*\): (.*)$", after=seen)
        edited_chronology = check_project(generated).chronology
        assert edited_chronology is not None  # in the same order, the tags first met in the same order
        assert [e.id for e in c.events] == [e.id for e in edited_chronology.events]
        assert list(c.events_by_tag) == list(edited_chronology.events_by_tag)
        assert set(rendered.group(1).split(", ")) == expected
        fetch(url, "A title edited while serving", timeout=10)
        following = c.next_event(event)
        assert following is not None
        fetch(f"{server.url}events/{following.id}/", "A title edited while serving", timeout=10)
    finally:
        assert "Traceback" not in server.stop()


def test_an_event_added_and_then_removed_is_written_and_taken_out_in_place(generated: Path) -> None:
    chronology = check_project(generated).chronology
    assert chronology is not None
    model = next(e for e in chronology.events[150:] if not e.related and e.id not in chronology.incoming)
    new_id = f"{model.id}-again"
    text = (generated / model.file).read_text("utf-8").replace(f"id: '{model.id}'", f"id: '{new_id}'", 1)
    assert new_id in text
    copy = re.sub(r"^title: .*$", "title: 'An event added while serving'", text, count=1, flags=re.M)
    added = generated / "events" / f"{new_id}.yaml"
    in_place = r"^serve: rendered again in [\d.]+ s \(check [\d.]+ s, [^)]*\): (.*)$"
    server = Served(generated)
    try:
        server.line(r"^serving the site at ", timeout=300)
        url = f"{server.url}events/{new_id}/"
        seen = len(server.lines)
        added.write_text(copy, "utf-8")
        rendered = server.line(in_place, after=seen, timeout=60).group(1).split(", ")
        with_it = check_project(generated).chronology
        assert with_it is not None and len(with_it.events) == len(chronology.events) + 1
        event = with_it.events_by_id[new_id]
        neighbours = [n for n in (with_it.previous_event(event), with_it.next_event(event)) if n is not None]
        assert {f"events/{new_id}/", *(f"events/{n.id}/" for n in neighbours)} <= set(rendered)
        fetch(url, "An event added while serving", timeout=10)
        for neighbour in neighbours:  # its "previous / next" links name it
            fetch(f"{server.url}events/{neighbour.id}/", "An event added while serving", timeout=10)
        seen = len(server.lines)
        added.unlink()
        rendered, _, taken_out = server.line(in_place, after=seen, timeout=60).group(1).partition("; taken out: ")
        assert taken_out == f"events/{new_id}/"
        assert {f"events/{n.id}/" for n in neighbours} <= set(rendered.split(", "))
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(url, timeout=5)
        assert gone.value.code == 404
        for neighbour in neighbours:
            fetch(f"{server.url}events/{neighbour.id}/", "An event added while serving", timeout=10, absent=True)
    finally:
        added.unlink(missing_ok=True)
        assert "Traceback" not in server.stop()


@pytest.mark.parametrize(
    ("rel", "counted"),
    [
        (f"events/{EVENT_ID}.yaml", True),
        (f"events/.{EVENT_ID}.yaml", True),  # a hidden copy: the checker refuses it, so it is shown
        ("seeds/report.txt", True),
        ("docs/about.md", True),
        ("templates/event.html", True),
        ("mkdocs.yml", True),
        (f"events/.#{EVENT_ID}.yaml", False),
        (f"events/#{EVENT_ID}.yaml#", False),
        (f"events/{EVENT_ID}.yaml~", False),
        (f"events/.{EVENT_ID}.yaml.swp", False),
        (f"events/.{EVENT_ID}.yaml.swx", False),
        (f"events/.{EVENT_ID}.yaml.a1b2.tmp", False),
        ("events/.DS_Store", False),
        ("events/sed4Xq2Z", False),
        ("docs/.about.md.swp", False),
        ("docs/.hidden.md", False),
        ("templates/event.html~", False),
        ("README.md", False),
    ],
)
def test_a_change_counts_unless_the_checker_and_mkdocs_pass_the_file_by(
    tmp_path: Path, rel: str, counted: bool
) -> None:
    assert counts(tmp_path, tmp_path / rel) is counted
