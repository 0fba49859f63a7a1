"""History: when each file of the repository last changed, by its commits.

Feeds and calendars say when each entry was last updated. The clock at build time would make two
builds of one commit differ, so the time is the commit's: one ``git log`` over the data folders,
read once per build. A file with no commit (new, or outside a repository) takes the build's own
timestamp (``SOURCE_DATE_EPOCH``), which is itself the last commit's time.

A shallow clone (``git clone --depth 1``, CI's default checkout) shows its oldest commits as adding
every file they hold, which would date every file at one of them. A file whose last change is known
only from such a commit has no known time: it is left out, and the build warns (see ``shallow``).
"""

from __future__ import annotations

import subprocess
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
    cut = shallow(root) if cut is None else cut
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


def shallow(root: Path) -> frozenset[str]:
    """The commits at which a shallow clone's history is cut (``.git/shallow``); none in a whole
    clone or outside a repository."""
    path = _git(root, "rev-parse", "--git-path", "shallow")
    if path is None:
        return frozenset()
    try:
        return frozenset((root / path.strip()).read_text("ascii").split())
    except OSError:  # no such file: the history is whole
        return frozenset()


def _git(root: Path, *args: str) -> str | None:
    """What a git command prints in ``root``, or None when it cannot run or fails (no repository)."""
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.decode("utf-8", "surrogateescape") if out.returncode == 0 else None
