"""The tests that pin the example chronology (marked ``example``) skip, saying why, in a copy of
the tool whose data is another chronology; where ``CHRONOLOGY_REQUIRE_EXAMPLE=1`` (this
repository's CI) the example's absence stops the run instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_SEED, ROOT

TESTS = """\
import pytest

@pytest.mark.example
def test_marked() -> None:
    pass

def test_loaded(example_chronology: str) -> None:
    pass

def test_tool() -> None:
    pass
"""

SITE_CONFTEST = """\
import pytest

@pytest.fixture
def example_chronology() -> str:
    return "the example, loaded"
"""


def copy_without_the_example(root: Path) -> Path:
    """The repository's test set-up (pytest's settings, tests/conftest.py) beside three tests: one
    marked, one using a fixture that loads the example, one of the tool alone; and no example."""
    (root / "tests" / "site").mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy2(ROOT / "tests" / "conftest.py", root / "tests" / "conftest.py")
    (root / "tests" / "__init__.py").write_text("", "utf-8")
    (root / "tests" / "site" / "__init__.py").write_text("", "utf-8")
    (root / "tests" / "site" / "conftest.py").write_text(SITE_CONFTEST, "utf-8")
    (root / "tests" / "site" / "test_some.py").write_text(TESTS, "utf-8")
    return root


def pytest_in(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "CHRONOLOGY_REQUIRE_EXAMPLE"} | env
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-p", "no:randomly"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.example
def test_the_example_is_here() -> None:
    assert EXAMPLE_SEED.is_file()


def test_without_the_example_its_tests_skip_saying_why(tmp_path: Path) -> None:
    done = pytest_in(copy_without_the_example(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    reason = "the example chronology is not here (no seeds/000_9acb625707f65469.yaml): this test pins its content"
    assert f"SKIPPED [1] tests/site/test_some.py:3: {reason}" in done.stdout
    assert f"SKIPPED [1] tests/site/test_some.py: {reason}" in done.stdout  # the fixture's test
    assert "1 passed, 2 skipped" in done.stdout


def test_without_the_example_where_it_is_required_the_run_stops(tmp_path: Path) -> None:
    done = pytest_in(copy_without_the_example(tmp_path), CHRONOLOGY_REQUIRE_EXAMPLE="1")
    assert done.returncode == 4, done.stdout + done.stderr
    assert (
        "ERROR: CHRONOLOGY_REQUIRE_EXAMPLE=1, but seeds/000_9acb625707f65469.yaml is absent, so the tests that "
        "pin the example chronology could not run. In a copy that holds a chronology of your own, remove "
        "CHRONOLOGY_REQUIRE_EXAMPLE from .github/workflows/pull-request.yml and .ci/run (docs/own-chronology.md)"
    ) in done.stderr
    assert "passed" not in done.stdout


@pytest.mark.example
def test_with_the_example_where_it_is_required_its_tests_run(tmp_path: Path) -> None:
    root = copy_without_the_example(tmp_path)
    (root / "seeds").mkdir()
    shutil.copy2(EXAMPLE_SEED, root / "seeds" / EXAMPLE_SEED.name)
    done = pytest_in(root, CHRONOLOGY_REQUIRE_EXAMPLE="1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout and "skipped" not in done.stdout
