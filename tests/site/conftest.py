"""Fixtures for tests of the built site: the repository's chronology built once, and served on loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronology.site import build_site
from tests.test_site import copy_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's chronology, built into a temporary folder (once per test session)."""
    target = tmp_path_factory.mktemp("built") / "site"
    assert build_site(ROOT, site_dir=target) == 0
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


#: Events on a page of the timeline for ``period_site_dir``: fewer than the chronology's, so that
#: its timeline is split into pages of periods.
PERIOD_EVENTS = 5


@pytest.fixture(scope="session")
def period_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's chronology built with at most PERIOD_EVENTS events a page, so that the
    timeline is a page per period (once per test session)."""
    root = copy_project(tmp_path_factory.mktemp("periods") / "project")
    config = root / "mkdocs.yml"
    plugin = f"\n  - chronology:\n      page_events: {PERIOD_EVENTS}\n"
    config.write_text(config.read_text("utf-8").replace("\n  - chronology\n", plugin, 1), "utf-8")
    assert build_site(root, site_dir=root / "site") == 0
    return root / "site"


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """``directory`` served over HTTP on 127.0.0.1 (a free port): its address while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# The servers and the browser end with this folder's tests, their threads with them: the tests after
# it fork workers, which is done only from a process with no other thread (see ``alone``).
@pytest.fixture(scope="package")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a free port), as a reader's browser would see it."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="package")
def period_site_url(period_site_dir: Path) -> Iterator[str]:
    """The site of ``period_site_dir`` served as ``site_url`` serves the site."""
    with serving(period_site_dir) as url:
        yield url


def browser_missing_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (make setup installs it)"
    return None


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Skips with the reason when it cannot run, except in CI
    (CHRONOLOGY_REQUIRE_BROWSER=1), where a missing browser is a failure, never a skip."""
    reason = browser_missing_reason()
    if reason:
        if os.environ.get("CHRONOLOGY_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests are required here, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield instance
        finally:
            instance.close()
