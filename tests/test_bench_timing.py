"""What the benchmark's figure for a command covers: the command's whole process, from its start.

Hugo's build is timed as a whole command, its start included; ours must be timed the same way, or
the ratio between them flatters ours by Python's start and the imports. A child told it started
five seconds ago reports a command's time with those five seconds in it, and render's (a part of a
build, not a command) without.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, generated_project


def _child(stage: str, root: Path, started: float) -> dict[str, float]:
    env = {**os.environ, "CHRONOLOGY_BENCH_STARTED": repr(started)}
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--child", stage, "--root", str(root), "--mode", "time"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize(("stage", "counted"), [("check", True), ("build", True), ("render", False)])
def test_a_commands_time_starts_with_its_process(tmp_path: Path, stage: str, counted: bool) -> None:
    root = generated_project(tmp_path / "data", events=30, page_events=150)
    result = _child(stage, root, time.time() - 5)
    assert (result["time_s"] >= 5) == counted
    assert (result["startup_s"] >= 5) == counted
    assert result["time_s"] - result["startup_s"] < 5


@pytest.mark.parametrize(
    ("stage", "folder"),
    [
        ("recheck-refused", "events"),
        ("recheck-repaired", "events"),
        ("recheck-refused-actor", "actors"),
        ("recheck-refused-place", "places"),
        ("recheck-resolved", "events"),
        ("recheck-resolved", "actors"),
    ],
)
def test_a_refused_record_s_stages_time_the_check_and_leave_the_record_as_it_was(
    tmp_path: Path, stage: str, folder: str
) -> None:
    root = generated_project(tmp_path / "data", events=30, page_events=150)
    before = {path.name: path.read_bytes() for path in (root / folder).glob("*.yaml")}
    result = _child(stage, root, time.time())
    assert result["time_s"] > 0  # the child checked what it expected (else it exits with the errors)
    assert {path.name: path.read_bytes() for path in (root / folder).glob("*.yaml")} == before
