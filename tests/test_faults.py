"""Faults during a build: killed at any point, run twice at once, or unable to write.

A build killed at any point leaves ``site/`` whole, the old site or the new, never missing; the
next build removes whatever the killed one left behind. Builds of one site take turns. The build
stops at a named point when ``CHRONOLOGY_BUILD_PAUSE`` says so (``site._checkpoint``), so that these
tests can kill it exactly there, and at chosen delays as well.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronology import site
from tests.conftest import EVENT, EVENT_ID, edit, generated_project, make_project
from tests.test_workers import children

ROOT = Path(__file__).resolve().parent.parent
OLD_TITLE = "title: Belarus says it shot down a Ukrainian S-300"
NEW_TITLE = "title: Belarus says it downed a Ukrainian S-300"


def project(folder: Path) -> Path:
    """The tiny chronology with the site's configuration, docs and templates."""
    for part in ("mkdocs.yml", "docs", "templates"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    return make_project(folder)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a site and a digest of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def start(root: Path, pause: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    env.pop("CHRONOLOGY_BUILD_PAUSE", None)
    if pause:
        env["CHRONOLOGY_BUILD_PAUSE"] = pause
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for(process: subprocess.Popen[str], line: str) -> list[str]:
    """The build's log up to and including ``line`` (which it must print)."""
    assert process.stderr is not None
    seen = []
    for got in process.stderr:
        seen.append(got.rstrip("\n"))
        if got.rstrip("\n") == line:
            return seen
    raise AssertionError(f"the build ended without printing {line!r}: {seen}")


def build(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    env.pop("CHRONOLOGY_BUILD_PAUSE", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A project whose site is built (the old site), and the snapshots of the old and the new site."""
    root = project(tmp_path_factory.mktemp("faults"))
    assert build(root).returncode == 0
    old = snapshot(root / "site")
    other = project(tmp_path_factory.mktemp("new"))
    (other / "events" / f"{EVENT_ID}.yaml").write_text(edit(EVENT, OLD_TITLE, NEW_TITLE))
    assert build(other).returncode == 0
    new = snapshot(other / "site")
    assert old != new
    return root, old, new


@pytest.fixture
def fresh(sites: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> Iterator[Path]:
    """A copy of the project with its old site built, and its data changed so that a build makes the new."""
    root = tmp_path / "p"
    shutil.copytree(sites[0], root, symlinks=True)
    (root / "events" / f"{EVENT_ID}.yaml").write_text(edit(EVENT, OLD_TITLE, NEW_TITLE))
    yield root


@pytest.mark.parametrize(
    ("point", "expected"),
    [("staging", "old"), ("built", "old"), ("published", "new")],
)
def test_a_build_killed_at_each_point_leaves_a_whole_site_and_the_next_cleans_up(
    sites: tuple[Path, dict[str, str], dict[str, str]], fresh: Path, point: str, expected: str
) -> None:
    _, old, new = sites
    process = start(fresh, pause=point)
    wait_for(process, f"build.py: paused at {point}")
    process.kill()
    process.wait()
    assert snapshot(fresh / "site") == (old if expected == "old" else new)
    assert leftovers(fresh)  # what the killed build left
    done = build(fresh)
    assert done.returncode == 0, done.stderr
    assert snapshot(fresh / "site") == new
    assert leftovers(fresh) == []


@pytest.mark.parametrize(
    ("point", "code", "expected"),
    [("staging", 130, "old"), ("built", 130, "old"), ("published", 0, "new")],
)
def test_ctrl_c_at_each_point_leaves_a_whole_site_and_an_exit_code_that_says_which(
    sites: tuple[Path, dict[str, str], dict[str, str]], fresh: Path, point: str, code: int, expected: str
) -> None:
    """Ctrl+C before the new site is in place leaves the old one (exit 130); after, the build is
    done (exit 0) and only the old site's removal is stopped, the folder left named."""
    _, old, new = sites
    process = start(fresh, pause=point)
    wait_for(process, f"build.py: paused at {point}")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == code
    assert snapshot(fresh / "site") == (old if expected == "old" else new)
    assert process.stderr is not None
    assert bool(leftovers(fresh)) == (point == "published")  # the old site, its removal stopped
    said = [line for line in process.stderr.read().splitlines() if "is left" in line]
    assert said == [
        f"build.py: the old site was not all removed: {name}/ is left, and the next build removes it"
        for name in leftovers(fresh)
    ]
    assert build(fresh).returncode == 0
    assert leftovers(fresh) == []


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5, 4.0])
def test_a_build_killed_at_any_moment_leaves_a_whole_site(
    sites: tuple[Path, dict[str, str], dict[str, str]], fresh: Path, delay: float
) -> None:
    _, old, new = sites
    process = start(fresh)
    time.sleep(delay)
    process.kill()
    process.wait()
    assert snapshot(fresh / "site") in (old, new)
    assert build(fresh).returncode == 0
    assert snapshot(fresh / "site") == new
    assert leftovers(fresh) == []


def test_where_folders_cannot_be_exchanged_a_build_killed_between_renames_is_repaired(
    sites: tuple[Path, dict[str, str], dict[str, str]], fresh: Path
) -> None:
    # What two renames leave when killed between them: no site/, the old one beside it, and the
    # new build's folder. The next build, even one that fails, puts the old site back first.
    _, old, _ = sites
    (fresh / "site").rename(fresh / ".site-old-12345")
    (fresh / ".site-abcd1234").mkdir()
    (fresh / "events" / "broken.yaml").write_text("id: [\n")
    done = build(fresh)
    assert done.returncode == 1
    assert snapshot(fresh / "site") == old
    assert leftovers(fresh) == []


def test_the_fallback_publishes_with_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site, "_exchange", lambda first, second: False)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old")
    (tmp_path / ".site-new").mkdir()
    (tmp_path / ".site-new" / "new.html").write_text("new")
    site._publish(tmp_path / ".site-new", tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]


def test_interleaved_builds_take_turns_and_leave_one_whole_site(
    sites: tuple[Path, dict[str, str], dict[str, str]], fresh: Path
) -> None:
    _, _, new = sites
    first = start(fresh, pause="built")
    wait_for(first, "build.py: paused at built")
    second = start(fresh)
    wait_for(second, "build.py: another build of this site is running; waiting for it to finish")
    first.kill()
    first.wait()
    assert second.wait(timeout=300) == 0
    assert snapshot(fresh / "site") == new
    assert leftovers(fresh) == []


def test_builds_started_together_all_succeed(sites: tuple[Path, dict[str, str], dict[str, str]], fresh: Path) -> None:
    _, _, new = sites
    processes = [start(fresh) for _ in range(3)]
    assert [p.wait(timeout=300) for p in processes] == [0, 0, 0]
    assert snapshot(fresh / "site") == new
    assert leftovers(fresh) == []


def test_a_project_folder_that_cannot_be_written_is_named(
    sites: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    root = tmp_path / "p"
    shutil.copytree(sites[0], root, symlinks=True)
    # Permissions do not stop root: as root, the build runs without the capabilities that override them.
    command = _without_root_override([sys.executable, str(ROOT / "build.py"), "--root", str(root)])
    root.chmod(0o555)
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        root.chmod(0o755)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"build.py: cannot write the site in {root}: Permission denied\n"


def test_a_temporary_file_of_an_interrupted_fmt_is_ignored_by_check_and_removed_by_fmt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chronology.cli import main
    from tests.conftest import check

    root = make_project(tmp_path)
    stale = root / "events" / f".{EVENT_ID}.yaml.k2j4xv.tmp"
    stale.write_text("id: half-writ")  # what a fmt killed while writing leaves
    assert check(root) == [
        f"events/{stale.name}:0:0: warning[unexpected-file]: a temporary file left by an interrupted 'fmt'; "
        "it is not read (the next 'python build.py fmt' removes it, or delete it)"
    ]
    assert main(["--root", str(root), "fmt"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"events/{stale.name}: removed, left by an interrupted fmt"
    assert not stale.exists()
    assert check(root) == []


def _without_root_override(command: list[str]) -> list[str]:
    """``command`` as it runs for a user whom file permissions stop (root's override dropped)."""
    if os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is not installed to drop root's override")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]


def test_fmt_in_a_folder_that_cannot_be_written_names_each_file(tmp_path: Path) -> None:
    root = make_project(tmp_path, events={EVENT_ID: EVENT.replace("title: Belarus", "title:   Belarus")})
    command = _without_root_override([sys.executable, str(ROOT / "build.py"), "--root", str(root), "fmt"])
    (root / "events").chmod(0o555)
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        (root / "events").chmod(0o755)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == [
        f"events/{EVENT_ID}.yaml: left as it is: cannot write it: Permission denied",
        "actors/alexander-lukashenko.yaml: formatted",
        "actors/belarus.yaml: formatted",
        "places/belarus.yaml: formatted",
        "places/minsk.yaml: formatted",
        "seeds/report.yaml: formatted",
        "fmt: 1 of 6 files could not be written; left as they are",
        "fmt: 5 files formatted, 0 already canonical",
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="reads the processes from /proc")
def test_a_build_terminated_stops_its_workers_and_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    """A SIGTERM (a CI job cancelled, ``timeout``) ends the build as Ctrl+C does: its workers and
    Pagefind stopped with it, none left holding the site's lock, nothing left behind."""
    root = generated_project(tmp_path / "g", events=400, page_events=150)
    process = start(root)
    deadline = time.monotonic() + 120
    while len(started := children(process.pid)) < 2:  # Pagefind and the first workers
        assert process.poll() is None and time.monotonic() < deadline, "no worker was started"
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 130
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in started):
        assert time.monotonic() < deadline, f"left running: {started}"
        time.sleep(0.05)
    with (root / ".site.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: no process holds it
    assert not (root / "site").exists()
    assert leftovers(root) == []
