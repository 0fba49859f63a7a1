"""History: each data file's last change, read from git, also in a shallow clone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from chronology.history import last_changed, shallow

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """Three commits: a and b at 1000, b changed at 2000, c added at 3000 (with a file outside the data)."""
    root = tmp_path / "origin"
    (root / "events").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "events" / "a.yaml").write_text("a\n")
    (root / "events" / "b.yaml").write_text("b\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "one", when=1000)
    (root / "events" / "b.yaml").write_text("b2\n")
    git(root, "commit", "-q", "-am", "two", when=2000)
    (root / "events" / "c.yaml").write_text("c\n")
    (root / "README.md").write_text("r\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "three", when=3000)
    return root


def clone(origin: Path, depth: int | None) -> Path:
    target = origin.parent / f"clone-{depth}"
    deep = ["--depth", str(depth)] if depth else []
    git(origin.parent, "clone", "-q", *deep, f"file://{origin}", str(target))
    return target


def test_each_file_is_dated_by_its_last_commit(repository: Path) -> None:
    assert last_changed(repository) == {"events/a.yaml": 1000, "events/b.yaml": 2000, "events/c.yaml": 3000}
    assert shallow(repository) == frozenset()


def test_a_shallow_clone_dates_only_what_its_commits_show_changing(repository: Path) -> None:
    # One commit deep, git shows that commit adding every file: a.yaml and b.yaml would be dated
    # 3000. Their last change is not known, so they are left out (and take the build's time).
    one = clone(repository, 1)
    assert len(shallow(one)) == 1
    assert last_changed(one) == {}
    # Two commits deep: c.yaml's change is known; b.yaml's and a.yaml's are seen only at the cut.
    two = clone(repository, 2)
    assert last_changed(two) == {"events/c.yaml": 3000}
    # The whole history gives every file its time again.
    assert last_changed(clone(repository, None)) == last_changed(repository)


def test_outside_a_repository_there_is_no_history(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    assert last_changed(tmp_path) == {}
    assert shallow(tmp_path) == frozenset()


def test_a_build_in_a_shallow_clone_says_the_update_times_are_not_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chronology.site import build_site
    from tests.test_site import copy_project

    origin = copy_project(tmp_path / "origin")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "one", when=1000)
    (origin / "README.md").write_text("r\n")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "two", when=2000)
    whole, cut = clone(origin, None), clone(origin, 1)
    capsys.readouterr()
    assert build_site(whole, strict=True) == 0
    assert "the repository is a shallow clone" not in capsys.readouterr().err
    # Strict, as publication builds: the feeds would date every entry at the clone's one commit.
    assert build_site(cut, strict=True) == 1
    assert "WARNING: the repository is a shallow clone: a data file last changed before its oldest commit" in (
        capsys.readouterr().err
    )
    assert build_site(cut) == 0
