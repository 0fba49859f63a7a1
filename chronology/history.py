"""History: when each file of the repository last changed, by its commits.

Feeds and calendars say when each entry was last updated. The clock at build time would make two
builds of one commit differ, so the time is the commit's: one ``git log`` over the data folders,
read once per build. A file with no commit (new, or outside a repository) takes the build's own
timestamp (``SOURCE_DATE_EPOCH``), which is itself the last commit's time.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

#: What ``git log`` prints before each commit's time, so commits and file names cannot be confused.
_MARK = "\x01"


def last_changed(root: Path, folders: tuple[str, ...] = ("events", "actors", "places", "seeds")) -> dict[str, int]:
    """The time (seconds since the epoch) of the last commit that changed each file under ``folders``,
    by its path relative to ``root`` (e.g. ``events/x.yaml``); empty when there is no history."""
    try:
        out = subprocess.run(
            ["git", "log", f"--format={_MARK}%ct", "--name-only", "--relative", "--no-renames", "-z", "--", *folders],
            cwd=root,
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    changed: dict[str, int] = {}
    when = 0
    # Newest commit first: a file's first appearance is its last change.
    for field in out.stdout.decode("utf-8", "surrogateescape").split("\x00"):
        for part in field.split("\n"):
            if part.startswith(_MARK):
                when = int(part[1:])
            elif part:
                changed.setdefault(part, when)
    return changed
