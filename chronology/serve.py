"""Serve: the site on a local address while it is being written, rebuilt as its files change.

``python build.py serve`` builds the whole site once, serves it, and watches the project's files.
After a change it checks the chronology again, then:

* if the check (or the build) fails, the terminal gets the messages, the site stays the last one
  that built, and every page shows the messages in a panel on top until a check passes again;
* if only events changed, and none was added or removed, only the pages that show something of
  them are rendered again, in place (``depends.py`` says which), and the terminal names them;
* otherwise a whole new build replaces the site.

Every page served carries a small script that waits on ``/.serve/changes`` and reloads the page
when the site (or its list of errors) has changed. The search index and the data files are made
by whole builds only: after an in-place update they lag until the next one.
"""

from __future__ import annotations

import html
import json
import logging
import mimetypes
import shutil
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from chronology.check import check_project
from chronology.depends import dependents
from chronology.diagnostics import render
from chronology.model import Chronology
from chronology.plugin import ChronologyPlugin

log = logging.getLogger("mkdocs.serve")

#: Folders whose files are data: an edit there may be applied in place.
DATA = ("events", "actors", "places", "seeds")
#: The project's files a change to which rebuilds the site.
WATCHED = (*DATA, "templates", "docs", "mkdocs.yml")
#: Seconds of quiet after a change before rebuilding (an editor may write a file in steps).
SETTLE = 0.1
#: The longest a browser's request for changes is held open, in seconds.
POLL = 25.0

RELOAD_JS = """\
// Reloads the page when the site being served changes (python build.py serve).
(function () {
  "use strict";
  var version = document.currentScript.getAttribute("data-version");
  function wait() {
    fetch("/.serve/changes?since=" + version, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.version) !== version) { window.location.reload(); } else { wait(); }
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


class State:
    """What is being served: the site's folder, its version, and the errors of the last attempt."""

    def __init__(self) -> None:
        self.site: Path | None = None
        self.version = 0
        self.errors = ""
        self.changed = threading.Condition()

    def publish(self, site: Path | None = None, errors: str = "") -> None:
        """A new site (or the same with other errors): wake every browser waiting for a change."""
        with self.changed:
            if site is not None:
                self.site = site
            self.errors = errors
            self.version += 1
            self.changed.notify_all()

    def wait(self, since: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != since, timeout=timeout)
            return self.version


class _ErrorLog(logging.Handler):
    """Keeps the messages MkDocs logs as errors during a build (the checker's, a template's)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class Builder:
    """Builds the site whole, or updates it in place, and publishes the result to ``state``."""

    def __init__(self, root: Path, state: State) -> None:
        self.root = root
        self.state = state
        self.work = Path(tempfile.mkdtemp(prefix="chronology-serve-"))
        self.config: MkDocsConfig | None = None

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def fail(self, messages: str, logged: bool = False) -> None:
        """Show ``messages`` in every page served (and in the terminal, unless already logged there)."""
        shown = "" if logged else f":\n{messages}"
        print(f"serve: the site was not rebuilt; still serving the last one that built{shown}", file=sys.stderr)
        self.state.publish(errors=messages)

    def full(self) -> bool:
        """Build the whole site into a new folder and serve it; False (and the errors shown) if it fails."""
        target = Path(tempfile.mkdtemp(prefix="site-", dir=self.work))
        errors = _ErrorLog()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(errors)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(target))
            build(config)
        except (Abort, ConfigurationError, MkDocsException) as exc:
            shutil.rmtree(target, ignore_errors=True)
            self.fail("\n".join(errors.messages) or str(exc), logged=bool(errors.messages))
            return False
        finally:
            logger.removeHandler(errors)
        old = self.state.site
        self.config = config
        self.state.publish(site=target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return True

    def update(self, changed: set[Path]) -> bool:
        """Apply a change: in place when only event files changed and the site's structure did not,
        else by a whole build. False (and the errors shown) when the chronology fails its check."""
        plugin = cast(ChronologyPlugin, self.config.plugins["chronology"]) if self.config is not None else None
        data_only = all(p.suffix == ".yaml" and p.parent == self.root / "events" for p in changed)
        if plugin is None or plugin.chronology is None or not data_only:
            return self.full()
        started = time.monotonic()
        result = check_project(self.root)
        for warning in result.warnings:
            log.warning(warning.text())
        if result.chronology is None:
            noun = "error" if len(result.errors) == 1 else "errors"
            self.fail(f"the chronology has {len(result.errors)} {noun}:\n" + render(result.errors, "text"))
            return False
        checked = time.monotonic() - started
        paths = dependents(plugin.chronology, result.chronology, plugin.config.page_events)
        if paths is None:
            return self.full()
        written = self.rewrite(plugin, result.chronology, paths)
        if written is None:
            return self.full()
        took = time.monotonic() - started
        names = ", ".join(sorted(written))
        print(
            f"serve: checked in {checked:.2f} s; rendered again in {took - checked:.2f} s: {names}",
            file=sys.stderr,
        )
        self.state.publish()
        return True

    def rewrite(self, plugin: ChronologyPlugin, chronology: Chronology, paths: set[str]) -> list[str] | None:
        """Render the pages at ``paths`` again into the served site; the URLs written, or None when
        one of them is not in the site (a whole build is needed)."""
        config, files, nav, env, renderer = self.config, plugin.files, plugin.nav, plugin.env, plugin.renderer
        assert config is not None and files is not None and nav is not None and env is not None
        assert renderer is not None
        renderer.use(chronology)
        pages = renderer.pages_for(paths)
        doc_files = files.documentation_pages()
        written: list[str] = []
        plugin.chronology = chronology
        for page in pages:
            file = files.get_file_from_path(page.path)
            if file is None or file.page is None:
                return None
            plugin.pages[page.path] = page
            file.content_string = plugin.front_matter(page)
            _populate_page(file.page, config, files)
            _build_page(file.page, config, doc_files, nav, env)
            written.append(file.url or "/")
        return written


def _handler(state: State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Serves the current site, with the reload script and any errors added to every page."""

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/.serve/changes":
                since = int(parse_qs(url.query).get("since", ["-1"])[0] or -1)
                version = state.wait(since, POLL)
                self.send(200, "application/json", json.dumps({"version": version}).encode())
            elif url.path == "/.serve/reload.js":
                self.send(200, "text/javascript", RELOAD_JS.encode())
            else:
                self.page(unquote(url.path))

        def page(self, path: str) -> None:
            site = state.site
            status = 200
            body: bytes | None = None
            if site is not None:
                target = (site / path.lstrip("/")).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_relative_to(site.resolve()) or not target.is_file():
                    status, target = 404, site / "404.html"
                if target.is_file():
                    body = target.read_bytes()
                    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if body is None:  # nothing has built yet
                status, kind, body = 503, "text/html", b"<!doctype html><title>Not built</title><body></body>"
            if kind == "text/html":
                body = self.inject(body.decode("utf-8"), state.errors, state.version).encode("utf-8")
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


class _Changes:
    """Collects the paths of changed files under the watched folders (watchdog's observer)."""

    def __init__(self, root: Path) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        self.root = root
        self.paths: set[Path] = set()
        self.arrived = threading.Event()
        self.lock = threading.Lock()
        changes = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type in ("opened", "closed", "closed_no_write"):
                    return
                for raw in (event.src_path, getattr(event, "dest_path", "")):
                    if raw:
                        changes.add(Path(str(raw)))

        self.observer = Observer()
        for name in WATCHED:
            path = root / name
            if path.is_dir():
                self.observer.schedule(Handler(), str(path), recursive=True)
        self.observer.schedule(Handler(), str(root), recursive=False)  # mkdocs.yml
        self.observer.start()

    def add(self, path: Path) -> None:
        name = path.name
        if name.startswith(".") or name.endswith(("~", ".tmp", ".swp")):
            return
        if path.parent == self.root and name != "mkdocs.yml":
            return
        # In the data folders only data files count, not an editor's (or sed's) temporary files.
        if path.parent.name in DATA and path.parent.parent == self.root and path.suffix not in (".yaml", ".txt"):
            return
        with self.lock:
            self.paths.add(path)
        self.arrived.set()

    def take(self) -> set[Path]:
        """Wait for a change, then for a moment of quiet; the paths changed."""
        self.arrived.wait()
        while True:
            self.arrived.clear()
            if not self.arrived.wait(SETTLE):
                break
        with self.lock:
            paths, self.paths = self.paths, set()
        return paths

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join()


def serve(root: Path, dev_addr: str) -> int:
    """Build, serve on ``dev_addr`` (host:port) and rebuild on every change until interrupted."""
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
    try:
        builder.full()
        print(f"serving the site at http://{dev_addr}/ (Ctrl+C stops)", file=sys.stderr)
        while True:
            paths = changes.take()
            shown = ", ".join(sorted(str(p.relative_to(root)) for p in paths if p.is_relative_to(root)))
            print(f"serve: changed: {shown}", file=sys.stderr)
            try:
                builder.update(paths)
            except Exception as exc:  # keep serving whatever happens; say what went wrong
                builder.fail(f"internal error while rebuilding: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        return 0
    finally:
        changes.stop()
        server.shutdown()
        server.server_close()
        builder.close()
