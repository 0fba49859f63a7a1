"""History: when each file of the repository last changed, by its commits.

Feeds and calendars say when each entry was last updated. The clock at build time would make two
builds of one commit differ, so the time is the commit's: one ``git log`` over the data folders,
read once per build. A file with no commit (new, or not yet committed) takes the build's own
timestamp (``SOURCE_DATE_EPOCH``), which is itself the last commit's time.

A shallow clone (``git clone --depth 1``, CI's default checkout) shows its oldest commits as adding
every file they hold, which would date every file at one of them. A file whose last change is known
only from such a commit has no known time: it is left out, and the build warns (see ``shallow``).
Outside a repository (a copy without ``.git``, such as an unpacked archive) no file's last change is
known: every one is left out, the build's timestamp is the data files' newest modification time
(``newest_change``), and the build warns too. So it is inside a repository none of whose commits
holds a data file (a project copied into a folder of another repository and not committed there):
that repository's history is not the data's.
"""

from __future__ import annotations

import subprocess
from contextlib import suppress
from pathlib import Path

from chronology.layout import FOLDERS

#: What ``git log`` prints before each commit's time, so commits and file names cannot be confused.
_MARK = "\x01"


def last_changed(
    root: Path, folders: tuple[str, ...] = tuple(FOLDERS.values()), cut: frozenset[str] | None = None
) -> dict[str, int]:
    """The time (seconds since the epoch) of the last commit that changed each file under ``folders``,
    by its path relative to ``root`` (e.g. ``events/x.yaml``); empty when there is no history. A
    file seen only in a shallow clone's oldest commits is left out: its last change is not known.
    ``cut``: those commits (``shallow``), when the caller has asked for them already."""
    log = ("log", f"--format={_MARK}%H %ct", "--name-only", "--relative", "--no-renames", "-z")
    out = _git(root, *log, "--", *folders)
    if out is None:
        return {}
    cut = (shallow(root) or frozenset()) if cut is None else cut
    changed: dict[str, int | None] = {}  # None: seen first at the cut, so not known
    when: int | None = 0
    # Newest commit first: a file's first appearance is its last change.
    for field in out.split("\x00"):
        for part in field.split("\n"):
            if part.startswith(_MARK):
                commit, time = part[1:].split(" ")
                when = None if commit in cut else int(time)
            elif part and part not in changed:
                changed[part] = when
    return {path: time for path, time in changed.items() if time is not None}


def shallow(root: Path, folders: tuple[str, ...] = tuple(FOLDERS.values())) -> frozenset[str] | None:
    """The commits at which a shallow clone's history is cut (``.git/shallow``); none in a whole
    clone; None where there is no history of the data: outside a repository (or where git cannot be
    run), or in one with no commit of any file under ``folders`` (see ``committed``)."""
    path = _git(root, "rev-parse", "--git-path", "shallow")
    if path is None or not committed(root, folders):
        return None
    try:
        return frozenset((root / path.strip()).read_text("ascii").split())
    except OSError:  # no such file: the history is whole
        return frozenset()


def toplevel(root: Path) -> Path | None:
    """The top folder of the repository git finds from ``root``; None outside one (or where git cannot be run)."""
    out = _git(root, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out and out.strip() else None


def committed(root: Path, folders: tuple[str, ...] = tuple(FOLDERS.values())) -> bool:
    """Whether a commit of the repository git finds from ``root`` holds a file under ``folders``: not
    in a repository whose history is another project's, the data copied into one of its folders and
    not committed there (untracked, or only added), where that project's last commit would date
    every file. False outside a repository."""
    return bool(_git(root, "log", "-1", "--format=%H", "--", *folders))


def newest_change(root: Path, folders: tuple[str, ...] = tuple(FOLDERS.values())) -> int:
    """The newest modification time (seconds since the epoch) of the files under ``folders``, for a
    build with no history to date it: an archive made by git (GitHub's "Download ZIP" among them)
    gives every file its commit's time. Hidden files (an editor's, the desktop's) are passed by; 0
    when there is no other file."""
    newest = 0
    for folder in folders:
        for path in (root / folder).rglob("*"):
            with suppress(OSError):  # removed meanwhile, or unreadable: it dates nothing
                if path.is_file() and not path.name.startswith("."):
                    newest = max(newest, int(path.stat().st_mtime))
    return newest


def _git(root: Path, *args: str) -> str | None:
    """What a git command prints in ``root``, or None when it cannot run or fails (no repository)."""
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.decode("utf-8", "surrogateescape") if out.returncode == 0 else None
