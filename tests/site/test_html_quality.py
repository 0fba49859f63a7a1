"""The built site's HTML is valid and accessible.

- Valid: the Nu HTML Checker (``vnu-jar`` from npm, run with Java) reports no error on any page
  of the built site, checked in one run; nor on a tiny site whose data is full of characters that
  HTML gives a meaning to.
- Accessible: axe-core (from npm), injected into Debian's Chromium, reports no violation of WCAG
  2.0/2.1/2.2 A and AA (target size included) or of its best practices on one page of every kind,
  in the light and the dark colour scheme.

The tools come from ``npm ci`` (``make setup`` runs it). Without them, or without Java or Chromium,
these tests skip saying what is missing; in CI (``CHRONOLOGY_REQUIRE_BROWSER=1``) they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: What axe checks: WCAG 2.0, 2.1 and 2.2, levels A and AA (target size included), and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _unavailable(reason: str) -> None:
    """Skip with the reason, except in CI, where a missing tool is a failure."""
    if os.environ.get("CHRONOLOGY_REQUIRE_BROWSER"):
        pytest.fail(f"the HTML checks are required here, but {reason}")
    pytest.skip(reason)


def _npm_missing(path: Path) -> str | None:
    if path.is_file():
        return None
    return f"{path.relative_to(ROOT)} is missing: run `npm ci` here (`make setup` does)"


# --- valid HTML -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML Checker."""
    java = shutil.which("java")
    if java is None:
        _unavailable(
            "`java` is not installed, and the Nu HTML Checker (vnu.jar) runs on Java "
            "(apt-get install default-jre-headless)"
        )
    missing = _npm_missing(VNU_JAR)
    if missing:
        _unavailable(missing)
    return [str(java), "-jar", str(VNU_JAR)]


#: Text from YAML with the characters HTML gives a meaning to (the checker refuses "<" before a
#: letter as raw HTML). MkDocs renders the theme without autoescaping, so the theme and the page
#: templates must escape such text wherever it lands, in attributes above all.
AWKWARD = "\"Quoted\" & 'single', 5 < 6 > 4, AT&T"


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny chronology whose title, summary and names carry AWKWARD, built with the real theme."""
    from chronology.site import build_site
    from tests.conftest import EVENT, EVENT_ID, LUKASHENKO_ACTOR, edit, make_project

    root = tmp_path_factory.mktemp("awkward")
    for part in ("mkdocs.yml", "docs", "templates"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    quoted = json.dumps(AWKWARD)  # a JSON string is a YAML string
    event = edit(EVENT, "title: Belarus says it shot down a Ukrainian S-300", f"title: {quoted}")
    event = edit(
        event,
        "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.",
        f"summary: {json.dumps(AWKWARD + '. More follows.')}",
    )
    actor = edit(LUKASHENKO_ACTOR, "name: Alexander Lukashenko", f"name: {quoted}")
    make_project(root, events={EVENT_ID: event}, actors={"alexander-lukashenko": actor})
    # No event on a list page: every list is split into periods, so their pages are checked too.
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("\n  - chronology\n", "\n  - chronology:\n      page_events: 0\n"), "utf-8"
    )
    assert build_site(root, site_dir=root / "site") == 0
    assert (root / "site" / "timeline" / "2022-12" / "index.html").is_file()
    assert (root / "site" / "actors" / "alexander-lukashenko" / "2022-12" / "index.html").is_file()
    return root / "site"


@pytest.fixture(scope="module")
def vnu_errors(vnu: list[str], site_dir: Path, awkward_site: Path) -> dict[Path, list[str]]:
    """The Nu HTML Checker's errors on every HTML file of both sites, and on the site's CSS and SVG:
    a located line each, by site.

    One JVM checks every file (it takes seconds to start). ``--stdout`` keeps the JSON report apart
    from anything the JVM itself says on stderr.
    """
    sites = (site_dir, awkward_site)
    files = [page for site in sites for page in sorted(site.rglob("*.html"))]
    files += sorted(site_dir.rglob("*.css")) + sorted(site_dir.rglob("*.svg"))
    # TimelineJS's own stylesheet and icons are a pinned third-party copy, not the site's to mend.
    files = [f for f in files if not f.is_relative_to(site_dir / "assets" / "timelinejs")]
    options = ["--format", "json", "--errors-only", "--stdout"]
    options += ["--also-check-css", "--also-check-svg"]
    result = subprocess.run(
        [*vnu, *options, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu.jar did not report in JSON (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    errors: dict[Path, list[str]] = {site: [] for site in sites}
    # With --errors-only every message is an error ("error", or "non-document-error" when a file
    # could not be read); "info" would only be a warning let in by some other option.
    for message in report["messages"]:
        if message.get("type") == "info":
            continue
        path = Path(str(message.get("url", "")).removeprefix("file:"))
        site = next((s for s in sites if path.is_relative_to(s)), site_dir)
        errors[site].append(_vnu_line(message, site))
    if result.returncode != 0 and not any(errors.values()):
        pytest.fail(f"vnu.jar failed ({result.returncode}) saying:\n{result.stderr[-2000:]}")
    return errors


def test_every_page_is_valid_html(site_dir: Path, vnu_errors: dict[Path, list[str]]) -> None:
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 10, f"the built site has only {len(pages)} HTML files"
    lines = vnu_errors[site_dir]
    assert not lines, f"the Nu HTML Checker found {len(lines)} errors:\n" + "\n".join(lines)


class _Head(HTMLParser):
    """The title and the description of a page, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.description: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.description = dict(attrs).get("content")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_only_the_timeline_view_loads_its_styles(site_dir: Path) -> None:
    """The Timeline view's styles (some 8 KB) are fetched by its page alone: the search page, whose
    reader's one-word query has a budget of 300 KB in all (docs/performance.md), and every other
    page would fetch them for nothing."""
    pages = sorted(site_dir.rglob("*.html"))
    loading = {p.relative_to(site_dir).as_posix() for p in pages if "timelinejs-site.css" in p.read_text("utf-8")}
    assert loading == {"timelinejs/index.html"}
    assert (site_dir / "assets" / "timelinejs-site.css").is_file()


def test_text_with_html_characters_is_escaped_everywhere(awkward_site: Path, vnu_errors: dict[Path, list[str]]) -> None:
    lines = vnu_errors[awkward_site]
    assert not lines, f"the Nu HTML Checker found {len(lines)} errors:\n" + "\n".join(lines)
    head = _Head()
    head.feed(next(awkward_site.glob("events/*/index.html")).read_text(encoding="utf-8"))
    assert head.title.startswith(AWKWARD + " · "), head.title
    assert head.description == AWKWARD + ".", head.description


def _vnu_line(message: dict[str, Any], site_dir: Path) -> str:
    path = str(message.get("url", "?")).removeprefix("file:")
    if Path(path).is_relative_to(site_dir):
        path = str(Path(path).relative_to(site_dir))
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", "?")
    extract = str(message.get("extract", "")).replace("\n", "⏎")
    text = f"{path}:{line}:{column}: {message.get('type')}: {message.get('message')}"
    return text + (f"\n    {extract}" if extract else "")


# --- accessible -----------------------------------------------------------------------------------


def _first(site_dir: Path, folder: str, wanted: Callable[[str], bool] = lambda html: True) -> str:
    """The URL (in the site) of the first page in ``folder`` (not its index) that is wanted."""
    for index in sorted((site_dir / folder).glob("*/index.html")):
        if wanted(index.read_text(encoding="utf-8")):
            return f"{folder}/{index.parent.name}/"
    raise AssertionError(f"the built site has no page in {folder}/ of the kind this test needs")


def _event_with_claim_and_time(html: str) -> bool:
    return 'class="claim-banner"' in html and re.search(r"\bUTC\)", html) is not None


def _event_with_differing_figures(html: str) -> bool:
    return 'class="figures"' in html and 'rowspan="2"' in html


def _actor_with_events(html: str) -> bool:
    return 'class="event-item"' in html


def _place_with_places_within(html: str) -> bool:
    return 'id="within"' in html


#: One page of every kind: a name, and how to find its URL in the built site.
PAGES: dict[str, Callable[[Path], str]] = {
    "home": lambda site: "",
    "home-filtered": lambda site: "?tag=" + _first(site, "tags").split("/")[1],
    "event": lambda site: _first(site, "events", _event_with_claim_and_time),
    "event-figures": lambda site: _first(site, "events", _event_with_differing_figures),
    "actor": lambda site: _first(site, "actors", _actor_with_events),
    "place": lambda site: _first(site, "places", _place_with_places_within),
    "source": lambda site: _first(site, "sources"),
    "tag": lambda site: _first(site, "tags"),
    "actors": lambda site: "actors/",
    "places": lambda site: "places/",
    "tags": lambda site: "tags/",
    "sources": lambda site: "sources/",
    "about": lambda site: "about/",
    "method": lambda site: "method/",
    "contributing": lambda site: "contributing/",
    "data-format": lambda site: "format/",
    "performance": lambda site: "performance/",
    "search": lambda site: "search.html?q=Lukashenko",
    "data": lambda site: "data/",
    "timeline-view": lambda site: "timelinejs/",
    "404": lambda site: "404.html",
}


@pytest.fixture(scope="session")
def axe_script() -> Path:
    missing = _npm_missing(AXE_JS)
    if missing:
        _unavailable(missing)
    return AXE_JS


#: The pages of PAGES that only the example chronology is sure to have: an event with a claim and a
#: time, a search for one of its names.
EXAMPLE_PAGES = frozenset({"event", "search"})


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "kind", [pytest.param(kind, marks=pytest.mark.example) if kind in EXAMPLE_PAGES else kind for kind in PAGES]
)
def test_page_has_no_accessibility_violations(
    kind: str, scheme: str, site_dir: Path, site_url: str, browser: Any, axe_script: Path
) -> None:
    url = site_url + PAGES[kind](site_dir)
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url, wait_until="load")
        if kind == "search":
            # The search page asks Pagefind for the query in the URL, lists the results, then says
            # how many there are (templates/assets/search.js); the filters' values load when opened.
            page.wait_for_selector("[data-search-status]:has-text('results for')", timeout=15_000)
            page.locator("[data-search-filters] summary").click()
            page.wait_for_selector("#search-actor option:nth-child(2)", state="attached", timeout=5_000)
        if kind == "home-filtered":
            page.wait_for_selector("li.event-item[hidden]", state="attached", timeout=5_000)
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    finally:
        context.close()
    assert not errors, f"{url} raised in the browser: {errors}"
    violations = results["violations"]
    assert not violations, f"axe-core found {len(violations)} violations on {url} ({scheme} scheme):\n" + "\n".join(
        _axe_lines(v) for v in violations
    )


def _axe_lines(violation: dict[str, Any]) -> str:
    head = f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
    lines = [f"{head} <{violation['helpUrl']}>"]
    nodes = violation["nodes"]
    for node in nodes[:10]:
        # A target is a CSS selector, or a list of them into shadow roots and frames.
        parts = node["target"]
        target = " ".join(" >> ".join(p) if isinstance(p, list) else p for p in parts)
        summary = " ".join(str(node.get("failureSummary", "")).split())
        lines.append(f"    {target}: {summary}")
    if len(nodes) > 10:
        lines.append(f"    ... and {len(nodes) - 10} more")
    return "\n".join(lines)


@pytest.mark.example
@pytest.mark.browser
def test_period_pages_have_no_accessibility_violations(
    period_site_dir: Path, period_site_url: str, browser: Any, axe_script: Path
) -> None:
    # A period's page has its list of periods folded and a second way on at its foot.
    timeline = sorted(period_site_dir.glob("timeline/*/index.html"))[1]
    record = sorted(period_site_dir.glob("actors/*/*/index.html"))[0]
    for path in (timeline, record):
        url = period_site_url + path.parent.relative_to(period_site_dir).as_posix() + "/"
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url, wait_until="load")
            page.add_script_tag(path=str(axe_script))
            results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        finally:
            context.close()
        violations = results["violations"]
        assert not violations, f"axe-core found {len(violations)} violations on {url}:\n" + "\n".join(
            _axe_lines(v) for v in violations
        )
