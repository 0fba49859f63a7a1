"""History: each data file's last change, read from git, also in a shallow clone."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from chronology.history import last_changed, newest_change, shallow

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
    assert len(shallow(one) or ()) == 1
    assert last_changed(one) == {}
    # Two commits deep: c.yaml's change is known; b.yaml's and a.yaml's are seen only at the cut.
    two = clone(repository, 2)
    assert last_changed(two) == {"events/c.yaml": 3000}
    # The whole history gives every file its time again.
    assert last_changed(clone(repository, None)) == last_changed(repository)


def test_outside_a_repository_there_is_no_history(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    assert last_changed(tmp_path) == {}
    assert shallow(tmp_path) is None


def test_outside_a_repository_the_build_time_is_the_data_files_newest_change(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "seeds").mkdir()
    assert newest_change(tmp_path) == 0
    for name, when in (("events/a.yaml", 5000), ("seeds/s.txt", 7000), ("events/.a.yaml.swp", 9000)):
        (tmp_path / name).write_text("x\n")
        os.utime(tmp_path / name, (when, when))
    (tmp_path / "README.md").write_text("not data\n")  # newer, but not a data file
    assert newest_change(tmp_path) == 7000


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


@pytest.mark.example
def test_a_build_outside_a_repository_says_no_update_time_is_known_and_dates_nothing_at_1970(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An unpacked archive ("Download ZIP"): no .git. Git archives give every file the commit's time.
    from chronology.site import build_site
    from tests.test_site import copy_project

    project = copy_project(tmp_path / "unpacked")
    for path in project.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("CHRONOLOGY_SITE_URL", "https://example.org/chronology/")
    capsys.readouterr()
    assert build_site(project, strict=True) == 1
    warning = "WARNING: not a git repository (or git cannot be run): no data file's last change is known"
    assert warning in capsys.readouterr().err
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_site(project, site_dir=tmp_path / "one") == 0
    assert capsys.readouterr().err.count(warning) == 1
    site = tmp_path / "one"
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/chronology/about/</loc>" in sitemap
    assert "<lastmod>" not in sitemap
    atom = (site / "data" / "atom.xml").read_text("utf-8")
    feed = json.loads((site / "data" / "feed.json").read_text("utf-8"))
    calendar = (site / "data" / "chronology.ics").read_text("utf-8")
    # Every entry takes the build's time, as in a shallow clone: the data files' newest change, not 1970.
    assert set(re.findall(r"<updated>([^<]*)</updated>", atom)) == {"2023-11-14T22:13:20Z"}
    assert {item["date_modified"] for item in feed["items"]} == {"2023-11-14T22:13:20Z"}
    assert set(re.findall(r"DTSTAMP:(\S*)", calendar)) == {"20231114T221320Z"}
    # And two builds of it are the same bytes.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_site(project, site_dir=tmp_path / "two") == 0
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(tmp_path / "two")) for p in (tmp_path / "two").rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(site, tmp_path / "two", files, shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.example
@pytest.mark.parametrize("staged", [False, True])
def test_a_project_uncommitted_in_another_repository_has_no_history_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, staged: bool
) -> None:
    """A chronology copied into a folder of an unrelated repository, not committed there (not even
    added, or only added): that repository's last commit says nothing of when its files changed. It
    is built as outside a repository: the data files' newest change, a warning, a strict build failing."""
    from chronology.site import build_site, source_date_epoch
    from tests.test_site import copy_project

    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    (other / "README.md").write_text("another project\n")
    git(other, "add", ".")
    git(other, "commit", "-q", "-m", "its own", when=1000)
    project = copy_project(other / "vendored" / "chronology")
    for path in project.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    if staged:
        git(other, "add", ".")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("CHRONOLOGY_SITE_URL", "https://example.org/chronology/")
    assert shallow(project) is None
    assert last_changed(project) == {}
    assert source_date_epoch(project) == "1700000000"  # not the other repository's 1000
    capsys.readouterr()
    assert build_site(project, strict=True) == 1
    warning = (
        f"WARNING: the git repository {other.resolve()} has no commit of the data files (a copy not committed there)"
    )
    assert f"{warning}: no data file's last change is known" in capsys.readouterr().err
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_site(project, site_dir=tmp_path / "site") == 0
    atom = (tmp_path / "site" / "data" / "atom.xml").read_text("utf-8")
    assert set(re.findall(r"<updated>([^<]*)</updated>", atom)) == {"2023-11-14T22:13:20Z"}
    assert "<lastmod>" not in (tmp_path / "site" / "sitemap.xml").read_text("utf-8")
    # Once committed there, it is that repository's history: dated by its commit, no warning.
    git(other, "add", ".")
    git(other, "commit", "-q", "-m", "the chronology", when=2000)
    assert shallow(project) == frozenset()
    assert set(last_changed(project).values()) == {2000}
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # set by the build
    assert source_date_epoch(project) == "2000"
