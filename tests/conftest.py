"""Shared helpers: a tiny chronology written inline into a temporary folder, and the checker's output.

``make_project(tmp_path)`` writes a small valid chronology: one source (``seeds/report.txt`` and its
metadata), two actors, two places and one event quoting the source. Every keyword replaces or adds
files in one folder, keyed by id (the file name without ``.yaml``); ``None`` removes a default file.
``files`` writes anything else (text or bytes) at a path relative to the project root.

``check(root)`` runs the checker and returns its diagnostics as the lines a contributor reads.
"""

# ruff: noqa: RUF001  (typographic quote marks and dashes are what these tests are about)

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

from chronology import workers
from chronology.check import Result, check_project

# The property tests time nothing: Hypothesis's deadline (200 ms an example) would only make them
# fail, as "flaky", where an example is slow because the machine is busy (CI's two cores shared with
# a browser and a build), so there is none, here once for every test.
settings.register_profile("chronology", deadline=None)
# In CI they draw the same examples every run (derandomize: from each test's own name), so that a
# landing is never refused by a draw no one has seen before and a failure is had again with CI=1;
# derandomize implies no example database, which a fresh CI machine could not keep anyway. On a
# developer's machine they explore afresh each time, and the database replays what failed.
settings.register_profile("ci", settings.get_profile("chronology"), derandomize=True, print_blob=True)
# A search far wider than a test run's, for hunting what the usual draws miss, before a release or
# after changing an oracle: `pytest --hypothesis-profile=deep -m "not browser" tests/`.
settings.register_profile("deep", settings.get_profile("chronology"), max_examples=2000)
settings.load_profile("ci" if os.environ.get("CI") else "chronology")

ROOT = Path(__file__).resolve().parent.parent

#: The example chronology's source: where it is, the example's data is (its events quote it).
EXAMPLE_SEED = ROOT / "seeds" / "000_9acb625707f65469.yaml"
#: Set (to 1) where the example must be tested: this repository's own CI.
REQUIRE_EXAMPLE = "CHRONOLOGY_REQUIRE_EXAMPLE"
#: Why a test marked ``example`` is skipped in a copy of the tool that holds another chronology.
EXAMPLE_ABSENT = f"the example chronology is not here (no {EXAMPLE_SEED.relative_to(ROOT)}): this test pins its content"


def example_absent() -> bool:
    return not EXAMPLE_SEED.is_file()


def pytest_configure(config: pytest.Config) -> None:
    """Where the example must be tested (``CHRONOLOGY_REQUIRE_EXAMPLE=1``), its absence stops the run."""
    if os.environ.get(REQUIRE_EXAMPLE) == "1" and example_absent():
        raise pytest.UsageError(
            f"{REQUIRE_EXAMPLE}=1, but {EXAMPLE_SEED.relative_to(ROOT)} is absent, so the tests that pin the "
            "example chronology could not run. In a copy that holds a chronology of your own, remove "
            f"{REQUIRE_EXAMPLE} from .github/workflows/pull-request.yml and .ci/run (docs/own-chronology.md)"
        )


#: The fixtures that load the example chronology itself (test_maps.py's): a test that uses one,
#: however indirectly, pins the example. The site's fixtures (``site_dir``, ``served``, ...) build
#: whatever chronology the repository holds: the tests that use them and pin the example's content
#: are marked one by one, so that the others (the HTML's validity, accessibility, the browser's walk)
#: run on a chronology of another story too.
EXAMPLE_FIXTURES = frozenset({"example_chronology"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``example`` the tests that use a fixture of the example (``EXAMPLE_FIXTURES``); skip
    every test so marked (those that pin the example chronology's content) where it is absent."""
    skip = pytest.mark.skip(reason=EXAMPLE_ABSENT) if example_absent() else None
    for item in items:
        if EXAMPLE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.example)
        if skip is not None and item.get_closest_marker("example") is not None:
            item.add_marker(skip)


def skip_module_without_example() -> None:
    """Skip the calling module, whose own code reads the example's files as it is imported (where a
    mark would come too late), when the example is absent. Call it before the first such read."""
    if example_absent():
        pytest.skip(EXAMPLE_ABSENT, allow_module_level=True)


#: The source: two lines, with a typographic apostrophe, quote marks and a dash, as real reports have.
REPORT_TXT = (
    "Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.\n"
    "Alexander Lukashenko’s officials said there was “absolutely nothing to worry about” – for now.\n"
)

REPORT_YAML = """\
id: report
label: A report on the missile
title: null
publisher: null
url: null
language: en
published: '2022-12-29'
published_basis: The report gives its own date.
"""

BELARUS_ACTOR = """\
id: belarus
name: Belarus
kind: state
"""

LUKASHENKO_ACTOR = """\
id: alexander-lukashenko
name: Alexander Lukashenko
kind: person
member_of:
  - belarus
"""

BELARUS_PLACE = """\
id: belarus
name: Belarus
kind: country
country_code: BLR
coordinates:
  lat: 53.53
  lon: 28.03
  precision: country-centroid
  basis: The centroid of Belarus's bundled shape; outside the report.
"""

#: A place no event mentions.
KYIV_PLACE = """\
id: kyiv
name: Kyiv
kind: city
coordinates: {lat: 50.45, lon: 30.52, precision: settlement, basis: GeoNames 703448}
"""

#: Minsk's coordinates, the last lines of its file (lines 5-9).
MINSK_COORDINATES = """\
coordinates:
  lat: 53.9
  lon: 27.56653
  precision: settlement
  basis: GeoNames 625144; outside the report.
"""

MINSK_PLACE = (
    """\
id: minsk
name: Minsk
kind: city
within: belarus
"""
    + MINSK_COORDINATES
)

#: The one event; tests change it with ``EVENT.replace(...)``. Line numbers, for reading the tests:
#: 1 id, 2 title, 3 date, 4 summary, 5 actors, 6-7 belarus, 8-9 alexander-lukashenko, 10 places,
#: 11 minsk, 12 belarus, 13 sources, 14 seed, 15 quotes, 16 the first quote, 17 the second quote,
#: 18 voice.
EVENT_ID = "2022-12-29-belarus-downs-s300"
EVENT = f"""\
id: {EVENT_ID}
title: Belarus says it shot down a Ukrainian S-300
date: '2022-12-29'
summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.
actors:
  - ref: belarus
    role: claimant
  - ref: alexander-lukashenko
    role: speaker
places:
  - minsk
  - belarus
sources:
  - seed: report
    quotes:
      - Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.
      - there was “absolutely nothing to worry about”
    voice: own
"""

Files = Mapping[str, "str | bytes | None"]


def _write(folder: Path, files: Files, suffix: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / f"{name}{suffix}"
        if content is None:
            path.unlink(missing_ok=True)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def make_project(
    root: Path,
    *,
    events: Files | None = None,
    actors: Files | None = None,
    places: Files | None = None,
    seeds: Files | None = None,
    texts: Files | None = None,
    files: Files | None = None,
) -> Path:
    """Write the tiny chronology into ``root``, with each folder's defaults replaced or extended."""
    _write(root / "events", {EVENT_ID: EVENT, **(events or {})}, ".yaml")
    _write(
        root / "actors", {"belarus": BELARUS_ACTOR, "alexander-lukashenko": LUKASHENKO_ACTOR, **(actors or {})}, ".yaml"
    )
    _write(root / "places", {"belarus": BELARUS_PLACE, "minsk": MINSK_PLACE, **(places or {})}, ".yaml")
    _write(root / "seeds", {"report": REPORT_YAML, **(seeds or {})}, ".yaml")
    _write(root / "seeds", {"report": REPORT_TXT, **(texts or {})}, ".txt")
    for rel, content in (files or {}).items():
        _write((root / rel).parent, {(root / rel).name: content})
    return root


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; fails if ``old`` is not there, so no test edits nothing."""
    assert old in text, f"{old!r} is not in the text"
    return text.replace(old, new)


def run(root: Path) -> Result:
    """The checker's result for the project at ``root``."""
    return check_project(root)


def check(root: Path) -> list[str]:
    """The checker's diagnostics for the project at ``root``, as the lines it prints, in order."""
    from chronology.diagnostics import sort_key

    return [d.text() for d in sorted(run(root).diagnostics, key=sort_key)]


@pytest.fixture(params=["libyaml", "pyyaml"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test run once with LibYAML (where PyYAML has it) and once with PyYAML's own parser
    alone, as on a machine without LibYAML: the loader promises the same reading either way."""
    from chronology import load

    if request.param == "pyyaml":
        monkeypatch.setattr(load, "_FAST_LOADER", None)
    elif load._FAST_LOADER is None:
        pytest.skip("PyYAML has no LibYAML here")
    return str(request.param)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid tiny chronology in a temporary folder."""
    return make_project(tmp_path)


@pytest.fixture
def alone() -> None:
    """This process running no thread but the test's, as workers are forked only from such a process.

    Threads that earlier tests ended (a server's, a browser driver's) may take a moment to leave
    the system's list; one still running after that is a test that left it behind, named here.
    Nothing is pretended: a test of forked workers that forked beside another thread could leave
    a worker waiting for ever on a lock that thread held.
    """
    if not workers.alone_within(10):
        others = [thread.name for thread in threading.enumerate() if thread is not threading.current_thread()]
        pytest.fail(f"{workers.threads() - 1} other threads still run in the test process: {others}")


def bench_module(name: str) -> ModuleType:
    """The module ``name`` of ``bench/`` (which is not a package)."""
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def generated_project(root: Path, events: int, page_events: int) -> Path:
    """A synthetic chronology of ``events`` events (bench/generate.py) with its site's scaffolding in
    ``root``, listing at most ``page_events`` events a page."""
    generate = bench_module("generate")
    generate.generate(events, root)
    generate.copy_scaffolding(root)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  - chronology\n" in text
    config.write_text(
        text.replace("\n  - chronology\n", f"\n  - chronology:\n      page_events: {page_events}\n"), "utf-8"
    )
    return root


def commit_all(root: Path) -> Path:
    """Make ``root`` a git repository with all it holds in one commit, as a clone is: a build of it
    then dates the feeds by its history, and does not warn that there is none (``history.py``)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    env |= {"GIT_AUTHOR_DATE": "@1672531200 +0000", "GIT_COMMITTER_DATE": "@1672531200 +0000"}
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("-c", "commit.gpgsign=false", "commit", "-qm", "data")):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return root
