"""The contributor's first commands: ``python build.py`` without an activated environment, ``make site``
installing only what the site needs, the Python versions the README promises, and ``--strict`` saying why."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import KYIV_PLACE, commit_all, make_project

ROOT = Path(__file__).resolve().parent.parent
#: A Python without the project's packages: the one the virtual environment was made from.
BASE_PYTHON = Path(sys.base_prefix) / "bin" / "python3"


def _without_packages() -> Path:
    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests do not run in a virtual environment, so no Python here lacks the packages")
    done = subprocess.run([str(BASE_PYTHON), "-c", "import markdown"], capture_output=True, check=False)
    if done.returncode == 0:
        pytest.skip(f"{BASE_PYTHON} has the project's packages installed, so it cannot show their absence")
    return BASE_PYTHON


def test_build_py_runs_under_the_project_environment_without_activating_it(tmp_path: Path) -> None:
    python = _without_packages()
    assert (ROOT / ".venv" / "bin" / "python").is_file()
    done = subprocess.run(
        [str(python), "build.py", "--root", str(make_project(tmp_path)), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("checked 1 event, 2 actors, 2 places, 1 source: 0 errors, 0 warnings")


def test_build_py_without_the_packages_or_an_environment_says_what_to_do(tmp_path: Path) -> None:
    python = _without_packages()
    clone = tmp_path / "clone"
    clone.mkdir()
    shutil.copy2(ROOT / "build.py", clone / "build.py")
    shutil.copy2(ROOT / "pyproject.toml", clone / "pyproject.toml")
    shutil.copytree(ROOT / "chronology", clone / "chronology")
    done = subprocess.run(
        [str(python), "build.py", "check"], cwd=clone, capture_output=True, text=True, check=False, env={}
    )
    assert (done.returncode, done.stdout) == (2, "")
    missing = re.fullmatch(
        rf"build\.py: error: the packages the chronology needs are not installed for {re.escape(str(python))} "
        rf"\(missing: (.*)\); run 'make site' in {re.escape(str(clone))} first, which sets them up in \.venv\n",
        done.stderr,
    )
    assert missing is not None, done.stderr
    assert "markdown" in missing.group(1).split(", ")


def test_build_py_looks_for_every_package_the_site_needs() -> None:
    spec = importlib.util.spec_from_file_location("build_script", ROOT / "build.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    needed = script._needed()
    assert {"jinja2", "markdown", "yaml", "ruamel.yaml", "mkdocs", "jsonschema", "tzdata"} <= set(needed)
    for name in needed:  # each is a module this environment has
        assert importlib.util.find_spec(name) is not None, name


def _run_make(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``make ARGS`` in the project, without the directory lines a make run under make prints."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, check=check
    )


def _make(target: str, tmp_path: Path) -> list[str]:
    """The commands ``make TARGET`` would run on a fresh clone (no environment yet)."""
    done = _run_make("-n", target, f"VENV={tmp_path / '.venv'}")
    return [line for line in done.stdout.splitlines() if "pip install" in line]


def test_make_site_installs_only_what_the_site_needs(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    assert _make("site", tmp_path) == [
        f"{venv}/bin/python -m pip install --quiet --upgrade pip",
        f"{venv}/bin/python -m pip install --quiet -e .",
    ]


def test_make_test_installs_the_test_tools_too(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    assert _make("test", tmp_path) == [
        f"{venv}/bin/python -m pip install --quiet --upgrade pip",
        f"{venv}/bin/python -m pip install --quiet -e .",
        f"{venv}/bin/python -m pip install --quiet -e '.[dev]'",
    ]


def _fake_python(tmp_path: Path, name: str, version: str) -> Path:
    """A Python that says it is ``version`` when asked (``-c``) and is this one otherwise."""
    path = tmp_path / name
    path.write_text(f'#!/bin/sh\nif [ "$1" = "-c" ]; then echo "{version}"; else exec {sys.executable} "$@"; fi\n')
    path.chmod(0o755)
    return path


@pytest.mark.parametrize(
    ("made_with", "asked_for", "made_again"), [("3.11.7", "3.12.1", True), ("3.12.1", "3.12.1", False)]
)
def test_make_site_makes_the_environment_again_with_the_python_asked_for(
    tmp_path: Path, made_with: str, asked_for: str, made_again: bool
) -> None:
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    _fake_python(venv / "bin", "python", made_with)
    wanted = _fake_python(tmp_path, "python3.x", asked_for)
    done = _run_make("-n", "site", f"VENV={venv}", f"PYTHON={wanted}")
    renewed = [f"rm -rf {venv}", f"{wanted} -m venv {venv}"]
    assert (done.stdout.splitlines()[:2] == renewed) == made_again, done.stdout
    assert (f"{wanted} -m venv" in done.stdout) == made_again


def test_make_site_with_a_python_that_cannot_run_stops_and_keeps_the_environment(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    _fake_python(venv / "bin", "python", "3.11.7")
    done = _run_make("site", f"VENV={venv}", f"PYTHON={tmp_path / 'python3.99'}", check=False)
    assert done.returncode == 2
    assert f"PYTHON={tmp_path / 'python3.99'} cannot be run: give a Python 3.11, 3.12 or 3.13" in done.stderr
    assert (venv / "bin" / "python").exists()


def test_the_readme_states_the_python_versions_pyproject_allows() -> None:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"]
    assert requires == ">=3.11,<3.14"
    assert "Python 3.11, 3.12 or 3.13" in (ROOT / "README.md").read_text("utf-8")
    assert sys.version_info[:2] in ((3, 11), (3, 12), (3, 13))


def test_a_strict_build_refused_for_warnings_says_so(tmp_path: Path) -> None:
    root = make_project(tmp_path, places={"kyiv": KYIV_PLACE})
    for part in ("mkdocs.yml", "docs", "templates"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    commit_all(root)  # a clone: the one warning is the data's
    done = subprocess.run(
        [sys.executable, "build.py", "--root", str(root), "build", "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert (
        "WARNING: places/kyiv.yaml:1:5: warning[unused-place]: no event happens at place 'kyiv', "
        "nor at any place within it "
        "(add it to an event's places, or remove the file)"
    ) in lines
    assert lines[-1] == (
        "build.py: the site was not built: with --strict, the 1 warning above fails the build (fix it, or build "
        "without --strict); site/ was left as it was"
    )
    assert not (root / "site").exists()


def test_the_readme_names_every_module_of_the_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `chronology/` |"))
    modules = {path.stem for path in (ROOT / "chronology").glob("*.py")} - {"__init__"}
    assert modules <= set(re.findall(r"`(\w+)`", row))
