"""Serve: the site on a local address while it is being written, rebuilt as its files change.

``python build.py serve`` builds the whole site once, serves it, and watches the project's files.
After a change it checks the chronology again, then:

* if the check (or the build) fails, the terminal gets the messages, the site stays the last one
  that built, and every page shows the messages in a panel on top until a check passes again;
* if only events changed (edited, added or removed), only the pages that show something of them
  are rendered again, in place (``depends.py`` says which), an added event's page written and a
  removed one's taken out, and the terminal names them;
* otherwise a whole new build replaces the site.

Every page served carries a small script that waits on ``/.serve/changes`` and reloads the page
when it has changed (or the list of errors, or the whole site). The pages open in a browser are
rendered again first and shown at once; the other pages that depend on the change follow. What an
in-place update leaves as it was (the search index, the data files and the page that lists them)
catches up in the background: once the pages are shown, the whole site is built again by a process
of its own at the lowest priority, and served once built, unless another change came meanwhile
(which stops it, and starts it again after its own update).

Pages rendered again in place are written beside the site and moved into it together with the new
version and errors, under the lock every request reads them under: a browser never sees a page of
the new site with the errors of the old, nor half a page.

With ``CHRONOLOGY_SERVE_TIMINGS`` set to a file's path, every update appends to it one JSON line of
when each of its steps ended (seconds since the epoch) and the CPU time it took (``cpu``, the whole
process's): ``bench/serve.py`` reads them.
"""

from __future__ import annotations

import contextlib
import gc
import html
import itertools
import json
import logging
import mimetypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import TemplateError
from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from chronology.check import Memory, check_project
from chronology.cli import interrupt
from chronology.depends import dependents
from chronology.diagnostics import render
from chronology.layout import FOLDERS, IGNORED_NAMES, TEMPORARY_SUFFIX, is_editor_file
from chronology.model import Chronology
from chronology.pages import DATA_PAGE, event_path, template_error, url_of
from chronology.plugin import NAV_PAGES, ChronologyPlugin, GeneratedPage, chronology_plugin
from chronology.site import Interrupted, reason

log = logging.getLogger("mkdocs.serve")

#: Folders whose files are data: an edit there may be applied in place.
DATA = tuple(FOLDERS.values())
#: The project's files a change to which rebuilds the site.
WATCHED = (*DATA, "templates", "docs", "mkdocs.yml")
#: Seconds of quiet after a change before rebuilding (an editor may write a file in steps).
SETTLE = 0.1
#: Seconds of quiet enough when every file written has been closed (the watcher says so on Linux).
SETTLE_CLOSED = 0.01
#: The environment variable naming a file to append each update's timings to (``bench/serve.py``).
TIMINGS = "CHRONOLOGY_SERVE_TIMINGS"
#: The start of the name of each folder a build catching up writes into (its site and its log).
CAUGHT_UP = "caught-up-"
#: The longest a browser's request for changes is held open, in seconds.
POLL = 25.0
#: The longest the other pages wait for the browsers to load the pages they show again, in seconds.
SHOWN = 1.0
#: How many versions back the site remembers which pages each changed (an older page reloads).
HISTORY = 100

RELOAD_JS = """\
// Reloads the page when the site being served changes (python build.py serve).
(function () {
  "use strict";
  var version = document.currentScript.getAttribute("data-version");
  var page = encodeURIComponent(window.location.pathname);
  function wait() {
    fetch("/.serve/changes?since=" + version + "&page=" + page, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.reload) { window.location.reload(); } else { version = String(state.version); wait(); }
      })
      .catch(function () { window.setTimeout(wait, 1000); });
  }
  wait();
})();
"""

PANEL = """\
<div class="serve-errors" role="alert" style="position:sticky;top:0;z-index:100;margin:0;padding:0.75rem 1rem;\
background:#fff0f0;color:#600;border-bottom:3px solid #c00;font:0.9rem/1.4 system-ui,sans-serif">
<p style="margin:0 0 0.4rem"><strong>The site was not rebuilt.</strong> This is the last version that built; \
fix these and save, and the page reloads by itself:</p>
<pre style="margin:0;white-space:pre-wrap;font:0.85rem/1.4 ui-monospace,monospace">{messages}</pre>
</div>
"""


def page_key(url: str) -> str:
    """A page's URL as the site's history names it: ``/events/x/index.html`` and ``events/x/`` are
    ``events/x/``; the home page is ``""``."""
    key = url.lstrip("/").removesuffix("index.html")
    return "" if key in ("", "./") else key


class State:
    """What is being served: the site's folder, its version, and the errors of the last attempt.

    One lock guards all three and the site's files: ``publish`` changes them together and ``read``
    reads a file with the errors and version that go with it. The pages each version changed are
    remembered, so that a browser reloads a page only when it changed; and the pages browsers are
    waiting on, so that those are rendered first."""

    def __init__(self) -> None:
        self.site: Path | None = None
        self.version = 0
        self.errors = ""
        self.changed = threading.Condition()
        #: Each recent version and the pages it changed (None: every page).
        self.history: list[tuple[int, frozenset[str] | None]] = []
        #: The pages browsers are waiting on (a page's count of waiting requests).
        self.open: Counter[str] = Counter()
        #: The version each page's browser last asked about changes since (it has loaded that one).
        self.asked: dict[str, int] = {}

    def publish(
        self,
        site: Path | None = None,
        errors: str = "",
        moves: Iterable[tuple[Path, Path]] = (),
        pages: Iterable[str] | None = None,
        removals: Iterable[Path] = (),
    ) -> None:
        """A new site, or the same with pages moved into it (``moves``: from, to; ``pages``: their
        URLs, and those of the pages taken out) or taken out of it (``removals``: each page's file,
        removed with its folder once that is empty), or other errors: wake every browser waiting
        for a change. A new site changes every page unless ``pages`` says which."""
        with self.changed:
            for source, target in moves:
                target.parent.mkdir(parents=True, exist_ok=True)  # a page new to the site: its folder too
                os.replace(source, target)
            for target in removals:
                target.unlink(missing_ok=True)
                with contextlib.suppress(OSError):  # a folder that holds more than the page stays
                    target.parent.rmdir()
            if (site is not None and pages is None) or errors != self.errors:
                pages = None  # a new site, or the panel of errors: every page changes
            if site is not None:
                self.site = site
            self.errors = errors
            self.version += 1
            self.history = [*self.history[-HISTORY:], (self.version, None if pages is None else frozenset(pages))]
            self.changed.notify_all()

    def wait(self, since: int, timeout: float, page: str | None = None) -> tuple[int, bool]:
        """The version once it is not ``since`` (or ``timeout`` seconds have passed), and whether the
        page at URL ``page`` (any page, if None) changed since then."""
        with self.changed:
            if page is not None:
                self.open[page_key(page)] += 1
                self.asked[page_key(page)] = since
                self.changed.notify_all()  # for ``wait_shown``
            try:
                self.changed.wait_for(lambda: self.version != since, timeout=timeout)
            finally:
                if page is not None:
                    self.open[page_key(page)] -= 1
                    if not self.open[page_key(page)]:
                        del self.open[page_key(page)]
            if self.version == since:
                return since, False
            if page is None or not self.history or self.history[0][0] > since + 1:
                return self.version, True
            key = page_key(page)
            return self.version, any(v > since and (p is None or key in p) for v, p in self.history)

    def wait_shown(self, pages: set[str], timeout: float) -> None:
        """Wait until the browsers showing ``pages`` have loaded them again (each asks about changes
        since the current version), at most ``timeout`` seconds: meanwhile they have the process."""
        with self.changed:
            version = self.version
            self.changed.wait_for(lambda: all(self.asked.get(p, -1) >= version for p in pages), timeout=timeout)

    def open_pages(self) -> set[str]:
        """The pages browsers are waiting on."""
        with self.changed:
            return set(self.open)

    def read(self, path: str) -> tuple[int, bytes | None, str, str, int]:
        """The file served at URL ``path``: its status, bytes (None when nothing has built yet) and
        media type, with the errors and version of the site it belongs to."""
        with self.changed:
            site, status, body, kind = self.site, 200, None, "text/html"
            if site is not None:
                target = (site / path.lstrip("/")).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_relative_to(site.resolve()) or not target.is_file():
                    status, target = 404, site / "404.html"
                if target.is_file():
                    body = target.read_bytes()
                    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            return status, body, kind, self.errors, self.version


class _Messages(logging.Handler):
    """Keeps the messages MkDocs logs during a build: the errors (the checker's, a template's) and
    the warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())
        else:
            self.warnings.add(record.getMessage())


class Builder:
    """Builds the site whole, or updates it in place, and publishes the result to ``state``."""

    def __init__(self, root: Path, state: State) -> None:
        self.root = root
        self.state = state
        self.work = Path(tempfile.mkdtemp(prefix="chronology-serve-"))
        self.config: MkDocsConfig | None = None
        #: The warnings of the last check, as the terminal shows them.
        self.warned: set[str] = set()
        #: The checker's caches, kept in memory from one check to the next rather than read again.
        self.kept = Memory()
        #: Whether an in-place update has left the search index and the data files behind.
        self.behind = False
        #: Whether the site served may hold pages behind the chronology the plugin holds (an update
        #: in place failed, perhaps after publishing some of its pages, and no whole build has
        #: succeeded since): the next change is then built whole, not in place.
        self.partial = False
        #: The whole build catching up in the background, and where it builds.
        self.catching: tuple[subprocess.Popen[bytes], Path] | None = None
        #: Every build catching up started and not yet waited for (stopped ones among them): each
        #: writes into ``work``, which ``close`` removes only once they have all ended.
        self.started: list[subprocess.Popen[bytes]] = []
        self.lock = threading.Lock()
        self.builds = itertools.count(1)

    def close(self) -> None:
        """Stop every build catching up (the one running and those still ending), and only then
        remove the work folder, which one of them could otherwise write into again once removed."""
        self.stop_catching_up(wait=True)
        with self.lock:
            started = list(self.started)
        for process in started:
            _end(process)
        shutil.rmtree(self.work, ignore_errors=True)

    @property
    def plugin(self) -> ChronologyPlugin | None:
        """The chronology plugin of the last build that succeeded (None before one has)."""
        return chronology_plugin(self.config) if self.config is not None else None

    @contextlib.contextmanager
    def staging(self) -> Iterator[Path]:
        """A new folder for pages rendered again before they are moved into the site, removed on leaving."""
        folder = Path(tempfile.mkdtemp(prefix="pages-", dir=self.work))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def catch_up(self) -> None:
        """Build the whole site again in a process of its own, at the lowest priority, and serve it
        once it is built (``caught_up``): the search index, the data files and the data page then
        follow the in-place updates. Only these pages are announced as changed (the pages updated
        in place are the same in the new site), so no other page reloads."""
        self.stop_catching_up()
        folder = self.work / f"{CAUGHT_UP}{next(self.builds)}"
        folder.mkdir()
        # Started and noted as one step: Ctrl+C or a SIGTERM in between (serve stopped just after
        # an edit) would leave the build unknown to ``close``, writing on into the folder removed.
        with _interruptions_held(), (folder / "build.log").open("wb") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "chronology.serve", str(self.root), str(folder / "site")],
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers and Pagefind are stopped with it
            )
            with self.lock:
                self.started.append(process)
                self.catching = (process, folder)
        threading.Thread(target=self.caught_up, args=(process, folder), daemon=True).start()

    def caught_up(self, process: subprocess.Popen[bytes], folder: Path) -> bool:
        """Wait for the build ``catch_up`` started, then serve its site, unless it was stopped
        meanwhile; whether it was served."""
        code = process.wait()
        with self.lock:
            with contextlib.suppress(ValueError):  # taken out already by ``stop_catching_up``
                self.started.remove(process)
            if self.catching is None or self.catching[0] is not process:
                return False  # stopped: a change came, and its own update starts another
            self.catching = None
            if code != 0:
                lines = (folder / "build.log").read_text("utf-8", "replace").splitlines()
                print(
                    "serve: the search index and the data files could not catch up:\n" + "\n".join(lines[-10:]),
                    file=sys.stderr,
                )
                _remove(folder)
                return False
            old = self.state.site
            directory_urls = self.config.use_directory_urls if self.config is not None else True
            self.state.publish(site=folder / "site", pages=["search.html", url_of(DATA_PAGE, directory_urls)])
            self.behind = False
        if old is not None:
            _remove(_folder_of(old))
        print("serve: the search index and the data files caught up with the last change", file=sys.stderr)
        return True

    def stop_catching_up(self, wait: bool = False) -> None:
        """Stop the build catching up, if one runs (a change came), and remove what it built: in
        the background, so that the change's own update need not wait for either, unless ``wait``."""
        with self.lock:
            catching, self.catching = self.catching, None
        if catching is None:
            return
        process, folder = catching
        with contextlib.suppress(ProcessLookupError):  # ended already
            os.killpg(process.pid, signal.SIGTERM)

        def finish() -> None:
            _end(process)
            with self.lock, contextlib.suppress(ValueError):  # taken out already by ``caught_up``
                self.started.remove(process)
            _remove(folder)

        if wait:
            finish()
        else:
            threading.Thread(target=finish, daemon=True).start()

    def fail(self, messages: str, logged: bool = False) -> None:
        """Show ``messages`` in every page served (and in the terminal, unless already logged there)."""
        shown = "" if logged else f":\n{messages}"
        print(f"serve: the site was not rebuilt; still serving the last one that built{shown}", file=sys.stderr)
        self.state.publish(errors=messages)

    def full(self) -> bool:
        """Build the whole site into a new folder and serve it; False (and the errors shown) if it fails."""
        self.stop_catching_up()
        target = Path(tempfile.mkdtemp(prefix="site-", dir=self.work))
        messages = _Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(messages)
        loaded: MkDocsConfig | None = None
        try:
            config = loaded = load_config(str(self.root / "mkdocs.yml"), site_dir=str(target))
            # The build's check fills the caches the edits' checks read, rather than each reading them from disk.
            plugin = chronology_plugin(config)
            if plugin is not None:
                plugin.memory = self.kept
            build(config)
        except (Abort, ConfigurationError, MkDocsException, TemplateError, OSError) as exc:
            shutil.rmtree(target, ignore_errors=True)
            if isinstance(exc, TemplateError):  # the theme's templates are the project's to edit, as the pages'
                self.fail(template_error(exc))
            elif isinstance(exc, OSError):
                self.fail(f"cannot write {exc.filename or target}: {reason(exc)}")
            else:
                self.fail("\n".join(messages.errors) or str(exc), logged=bool(messages.errors))
            return False
        except BaseException as exc:
            if not isinstance(exc, Exception) and loaded is not None:
                # Interrupted (Ctrl+C, a SIGTERM): MkDocs tells the plugins of an ``Exception`` only,
                # so they are told here; or Pagefind's service would go on indexing, and write its
                # files into the folder ``close`` removes, once removed.
                loaded.plugins.on_build_error(error=Interrupted(type(exc).__name__))
            raise
        finally:
            logger.removeHandler(messages)
        self.warned = messages.warnings
        old = self.state.site
        self.config = config
        self.state.publish(site=target)
        self.behind = self.partial = False
        if old is not None:
            _remove(_folder_of(old))
        # The pages were rendered by worker processes: compile the templates here now, not at the first edit.
        renderer = self.plugin.renderer if self.plugin is not None else None
        if renderer is not None:
            for name in renderer.env.list_templates():
                renderer.env.get_template(name)
        return True

    def warm(self) -> None:
        """Do now, while nothing waits, what the first edit would otherwise do first: render one
        event's page (aside, then thrown away), which sets up what every update uses the first time
        it is used, and a full garbage collection (see below)."""
        plugin = self.plugin
        if plugin is None or plugin.chronology is None or not plugin.chronology.events:
            return
        # Rendered from the chronology the site was built from, which ``rewrite`` keeps as the one
        # the next edit is compared with: a change made during the build still differs from it.
        chronology = plugin.chronology
        with self.staging() as staging:
            self.rewrite(plugin, chronology, {event_path(chronology.events[0].id)}, staging, {})
        # The build held its objects out of the collections and has just let them back in, where
        # the collector does not yet count them: the first edit's objects would soon set off a
        # full collection over all of them (about 0.6 s at 10,000 events). Done now, it counts
        # them, and the next full collection waits until a quarter as many again have lasted.
        gc.collect()

    def update(self, changed: set[Path], times: dict[str, float] | None = None) -> bool:
        """Apply a change: in place when only event files changed (added and removed among them)
        and the rest of the site's structure did not, else by a whole build. False (and the errors
        shown) when the chronology fails its check. ``times`` gets the moment each step ended
        (``time.time()``), by name."""
        start = time.time()
        times = {"settled": start} if times is None else times
        plugin = self.plugin
        data_only = all(p.suffix == ".yaml" and p.parent == self.root / "events" for p in changed)
        if plugin is None or plugin.chronology is None or not data_only or self.partial:
            built = self.full()
            times["full build"] = time.time()
            return built
        result = check_project(self.root, self.kept)
        times["check"] = time.time()
        # The warnings the terminal has shown already are not repeated at every edit.
        warnings = {warning.text() for warning in result.warnings}
        for text in sorted(warnings - self.warned):
            log.warning(text)
        self.warned = warnings
        if result.chronology is None:
            noun = "error" if len(result.errors) == 1 else "errors"
            self.fail(f"the chronology has {len(result.errors)} {noun}:\n" + render(result.errors, "text"))
            times["published"] = time.time()
            return False
        edited = {p.stem for p in changed}
        paths = dependents(plugin.chronology, result.chronology, plugin.config.page_events, edited)
        times["dependents"] = time.time()
        if paths is None:
            built = self.full()
            times["full build"] = time.time()
            return built
        if not paths:  # saved as it was: no page to reload
            if self.state.errors:  # an edit that failed the check, undone: the site served is right
                self.state.publish()
                print("serve: the errors are mended; no page shows anything that changed", file=sys.stderr)
            else:
                print("serve: no page shows anything that changed", file=sys.stderr)
            self.behind = True  # the data files may hold what no page shows
            return True
        # The pages open in a browser first, shown at once; then the others.
        assert self.config is not None
        directory_urls = self.config.use_directory_urls
        open_pages = self.state.open_pages()
        first = {path for path in paths if page_key(url_of(path, directory_urls)) in open_pages} or paths
        urls: list[str] = []
        gone: list[str] = []  # the pages taken out
        # From the first page rendered, the plugin holds the new chronology: until every page is in
        # the site, should anything fail (here, or the whole build after), the next change is built
        # whole (see ``partial``).
        self.partial = True
        for batch, record in ((first, times), (paths - first, {})):
            if not batch:
                continue
            with self.staging() as staging:
                try:
                    written = self.rewrite(plugin, result.chronology, batch, staging, record)
                    if written is not None:
                        self.state.publish(
                            moves=[(source, target) for _, source, target in written if source is not None],
                            pages=[u for u, _, _ in written],
                            removals=[target for _, source, target in written if source is None],
                        )
                except (OSError, TemplateError, MkDocsException) as exc:
                    # A page that could not be rendered or written (a template's error that this
                    # data brings out, a full disk), perhaps after the open pages were published:
                    # the whole build says why, as a build does, and leaves no page behind.
                    print(f"serve: pages not rendered again in place ({type(exc).__name__}: {exc})", file=sys.stderr)
                    written = None
                if written is None:
                    built = self.full()
                    times["full build"] = time.time()
                    return built
                times["published" if record is times else "the other pages"] = time.time()
            if record is times and paths - first:
                # Let the browsers load the pages they show before the others take the process.
                self.state.wait_shown({page_key(url) for url, _, _ in written} & open_pages, SHOWN)
                times["shown"] = time.time()
            urls += [url for url, source, _ in written if source is not None]
            gone += [url for url, source, _ in written if source is None]
        self.partial = False
        names = ", ".join(sorted(urls)) + (f"; taken out: {', '.join(sorted(gone))}" if gone else "")
        took = list(times.values())[-1] - times.get("settled", start)
        steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in durations(times) if name != "settled")
        print(f"serve: rendered again in {took:.2f} s ({steps}): {names}", file=sys.stderr)
        self.behind = True
        return True

    def rewrite(
        self, plugin: ChronologyPlugin, chronology: Chronology, paths: set[str], staging: Path, times: dict[str, float]
    ) -> list[tuple[str, Path | None, Path]] | None:
        """Render the pages at ``paths`` again, into ``staging``: each page's URL, where it was
        written (None for a page the chronology no longer has, to be taken out) and where it goes
        in the site; None when a whole build is needed (no site yet, or a page of the site's
        navigation to add or take out)."""
        config, files, nav, env, renderer = self.config, plugin.files, plugin.nav, plugin.env, plugin.renderer
        assert config is not None and files is not None and nav is not None and env is not None
        assert renderer is not None
        site = self.state.site
        if site is None:
            return None
        renderer.use(chronology)
        pages = renderer.pages_for(paths)
        times["page bodies"] = time.time()
        written: list[tuple[str, Path | None, Path]] = []
        # The pages of what is gone (an event removed, a tag no event has now) leave the site.
        for path in sorted(paths - {page.path for page in pages}):
            file = files.get_file_from_path(path)
            if file is None:
                continue  # never in the site
            if path in NAV_PAGES or not isinstance(file.page, GeneratedPage):
                return None
            files.remove(file)
            plugin.pages.pop(path, None)
            written.append((file.url or "/", None, site / file.dest_uri))
        made = []
        for page in pages:
            file = files.get_file_from_path(page.path)
            if file is None and page.path not in NAV_PAGES:  # an event added, or a tag first given
                file = plugin.add_page(page, config, files)
            # A hand-written page where a page is now generated: the whole build says so.
            if file is None or not isinstance(file.page, GeneratedPage):
                return None
            made.append((page, file, file.page))
        doc_files = files.documentation_pages()
        plugin.chronology = chronology
        for number, (page, file, mkdocs_page) in enumerate(made):
            plugin.pages[page.path] = page
            _populate_page(mkdocs_page, config, files)
            # MkDocs writes the page where the file says: beside the site, to be moved in at once.
            target = Path(file.abs_dest_path)
            staged = staging / f"{number}.html"
            file.abs_dest_path = str(staged)
            try:
                _build_page(mkdocs_page, config, doc_files, nav, env)
            finally:
                file.abs_dest_path = str(target)
            # Into the site served now, which a build catching up may have replaced since MkDocs' files were made.
            written.append((file.url or "/", staged, site / file.dest_uri))
        times["mkdocs pages"] = time.time()
        return written


def _end(process: subprocess.Popen[bytes]) -> None:
    """End a build catching up, and its process group (its workers, Pagefind), and wait for it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):  # ended meanwhile
            os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def _interruptions_held() -> Iterator[None]:
    """Ctrl+C and a SIGTERM held back for the block, then acted on as they would have been, for a
    step that must be done whole. Blocking the signals would not do: the system would hand them to
    another of serve's threads, and Python would still run their handler in this one at once."""
    if threading.current_thread() is not threading.main_thread():  # only it may set a handler
        yield
        return
    came: list[signal.Signals] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, _: came.append(signal.Signals(number))) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        if came:
            handler = previous[came[0]]
            if callable(handler):
                handler(came[0], None)
            else:  # the system's default (or ignored), now that it is back
                signal.raise_signal(came[0])


def _folder_of(site: Path) -> Path:
    """The folder to remove with a served site: a build that caught up has its log beside it."""
    return site.parent if site.parent.name.startswith(CAUGHT_UP) else site


def _remove(folder: Path) -> None:
    """Remove ``folder`` in a process of its own, at the lowest priority: a site is 15,500 files at
    10,000 events, and removing them in a thread of this process would hold back, through Python's
    global lock, the update of the next edit."""
    subprocess.Popen(
        [sys.executable, "-c", _REMOVE, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


_REMOVE = "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)"


def durations(times: dict[str, float]) -> list[tuple[str, float]]:
    """Each step's name and seconds, from ``times``: when each ended, in order."""
    return [(name, times[name] - times[before]) for before, name in itertools.pairwise(times)]


#: What writing to a browser that has gone away raises.
GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


def _handler(state: State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Serves the current site, with the reload script and any errors added to every page."""

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except GONE:
                # The browser went away (a tab closed while its page waited for changes): nothing
                # is wrong, and socketserver would print a traceback for it.
                self.close_connection = True

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/.serve/changes":
                query = parse_qs(url.query)
                since = int(query.get("since", ["-1"])[0] or -1)
                version, reload = state.wait(since, POLL, query.get("page", [None])[0])
                self.send(200, "application/json", json.dumps({"version": version, "reload": reload}).encode())
            elif url.path == "/.serve/reload.js":
                self.send(200, "text/javascript", RELOAD_JS.encode())
            else:
                self.page(unquote(url.path))

        def page(self, path: str) -> None:
            status, body, kind, errors, version = state.read(path)
            if body is None:  # nothing has built yet
                status, kind, body = 503, "text/html", b"<!doctype html><title>Not built</title><body></body>"
            if kind == "text/html":
                body = self.inject(body.decode("utf-8"), errors, version).encode("utf-8")
                kind = "text/html; charset=utf-8"
            self.send(status, kind, body)

        @staticmethod
        def inject(page: str, errors: str, version: int) -> str:
            script = f'<script src="/.serve/reload.js" data-version="{version}"></script>'
            at = page.rfind("</body>")
            page = page[:at] + script + page[at:] if at >= 0 else page + script
            if errors:
                start = page.find("<body")
                end = page.find(">", start) + 1 if start >= 0 else 0
                page = page[:end] + PANEL.format(messages=html.escape(errors)) + page[end:]
            return page

        def send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def counts(root: Path, path: Path) -> bool:
    """Whether a change of ``path`` (under ``root``) may change the site: not one of an editor's
    files, nor one the checker or MkDocs passes by."""
    name = path.name
    if path.parent == root:
        return name == "mkdocs.yml"
    if is_editor_file(name) or name.endswith(TEMPORARY_SUFFIX):
        return False  # an editor's file, or fmt's of the moment: the checker passes them by
    if path.parent.name in DATA and path.parent.parent == root:
        # Only data files count, and a hidden copy of one (the checker refuses it), not a file a
        # program writes for a moment (sed's, or an editor's while it saves).
        return name not in IGNORED_NAMES and path.suffix in (".yaml", ".txt")
    return not name.startswith(".")  # MkDocs leaves hidden files out of the site


class _Changes:
    """Collects the paths of changed files under the watched folders (watchdog's observer)."""

    def __init__(self, root: Path) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        self.root = root
        self.paths: set[Path] = set()
        #: Files written to and not closed yet (the watcher says when a file is closed on Linux only).
        self.writing: set[Path] = set()
        self.first = 0.0
        self.arrived = threading.Event()
        self.lock = threading.Lock()
        changes = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                changes.add(Path(str(event.src_path)), event.event_type)
                if getattr(event, "dest_path", ""):
                    changes.add(Path(str(event.dest_path)), "moved")  # moved into place: written whole

        self.observer = Observer()
        for name in WATCHED:
            path = root / name
            if path.is_dir():
                self.observer.schedule(Handler(), str(path), recursive=True)
        self.observer.schedule(Handler(), str(root), recursive=False)  # mkdocs.yml
        self.observer.start()

    def add(self, path: Path, kind: str = "modified") -> None:
        """Note a change of ``path``: ``kind`` is the watcher's (modified, created, moved, deleted,
        or closed after writing)."""
        if not counts(self.root, path):
            return
        with self.lock:
            if kind == "closed":  # the end of a write already noted (if not, of one already taken)
                self.writing.discard(path)
            else:
                if not self.paths:
                    self.first = time.time()
                self.paths.add(path)
                if kind in ("modified", "created"):
                    self.writing.add(path)
                else:
                    self.writing.discard(path)
        self.arrived.set()

    def take(self) -> tuple[set[Path], dict[str, float]]:
        """Wait for a change, then for a moment of quiet (a short one once every file written has
        been closed); the paths changed, and when the first change came and the quiet began."""
        self.arrived.wait()
        while True:
            self.arrived.clear()
            with self.lock:
                quiet = SETTLE if self.writing else SETTLE_CLOSED
            if not self.arrived.wait(quiet):
                break
        with self.lock:
            paths, self.paths = self.paths, set()
            self.writing.clear()
            first = self.first
        return paths, {"changed": first, "settled": time.time()}

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join()


def serve(root: Path, dev_addr: str) -> int:
    """Build, serve on ``dev_addr`` (host:port) and rebuild on every change until interrupted
    (Ctrl+C, or a SIGTERM, as from a process manager: either way nothing is left behind, neither
    the sites in the temporary folder nor a build catching up)."""
    signal.signal(signal.SIGTERM, interrupt)
    host, _, port = dev_addr.rpartition(":")
    state = State()
    builder = Builder(root, state)
    try:
        server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), _handler(state))
    except (OSError, ValueError) as exc:
        builder.close()
        print(f"build.py: cannot serve on {dev_addr}: {exc}", file=sys.stderr)
        return 1
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    changes = _Changes(root)
    timings = os.environ.get(TIMINGS)
    try:
        builder.full()
        # Before saying so: an edit made as soon as the site is announced would wait for it.
        builder.warm()
        # The address bound, not the one asked for: port 0 asks the system for a free port.
        bound_host, bound_port = server.server_address[:2]
        print(f"serving the site at http://{bound_host!s}:{bound_port}/ (Ctrl+C stops)", file=sys.stderr)
        while True:
            paths, times = changes.take()
            if not paths:  # came in while the last batch was being taken
                continue
            shown = ", ".join(sorted(str(p.relative_to(root)) for p in paths if p.is_relative_to(root)))
            print(f"serve: changed: {shown}", file=sys.stderr)
            cpu = time.process_time()
            builder.stop_catching_up()  # what it builds is out of date now
            try:
                builder.update(paths, times)
                if builder.behind:
                    builder.catch_up()
            except Exception as exc:  # keep serving whatever happens; say what went wrong
                builder.fail(f"internal error while rebuilding: {type(exc).__name__}: {exc}")
            if timings:
                record = {"paths": sorted(str(p) for p in paths), "cpu": time.process_time() - cpu, **times}
                with open(timings, "a", encoding="utf-8") as out:
                    out.write(json.dumps(record) + "\n")
    except KeyboardInterrupt:
        return 0
    finally:
        changes.stop()
        server.shutdown()
        server.server_close()
        builder.close()


def catch_up_main(arguments: list[str]) -> int:
    """``python -m chronology.serve ROOT SITE``: build ROOT's site into SITE at the lowest priority
    (what ``Builder.catch_up`` runs); the build's exit code."""
    from chronology.site import build_site

    os.nice(19)  # the edits being served come first
    root, site = arguments
    # Stopped by serve, which ends its whole process group and removes its folder: at once, as
    # an edit waits for it (a build cleaning up after itself at the lowest priority can take seconds).
    return build_site(Path(root), site_dir=Path(site), stopped_whole=False)


if __name__ == "__main__":
    sys.exit(catch_up_main(sys.argv[1:]))
