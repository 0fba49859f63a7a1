#!/usr/bin/env python3
"""Benchmark: the costs a hostile or careless input could make grow, each measured on its own.

    .venv/bin/python bench/hostile.py            # the figures in docs/performance.md

* ``many-matches``: a one-letter quote found 100,000 times in a 200 KB source. Reports the size of
  the built site with the quote and without it: the quote must add about the size of one mark.
* ``mistyped-quote``: one quote with a changed word, against a 4.5 MB source. Reports ``check``'s
  time with the mistyped quote and with the right one: the search for the closest passage.
* ``mistyped-references``: 2,000 events, each with an unknown actor reference. Reports ``check``'s
  time with the references wrong and right: the search for each "did you mean".

Each case is written into a temporary folder from the tiny chronology the tests use, and each
figure is the best of three runs, each in a fresh Python process (wall-clock, ``time.perf_counter``).
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, Files, edit, make_project  # noqa: E402

SENTENCES = 33_000
QUOTE = "there was “absolutely nothing to worry about”"


def project(folder: Path, **files: Files) -> Path:
    folder.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "templates"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    return make_project(folder, **files)


def timed(code: str, root: Path, runs: int = 3) -> float:
    """The best wall-clock time of ``code`` (with ``root`` bound) over fresh Python processes."""
    program = (
        "import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[2]); root = Path(sys.argv[1]);"
        "from chronology.check import check_project; from chronology.site import build_site;"
        f"t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "CHRONOLOGY_NO_CACHE": "1"}
    times = []
    for _ in range(runs):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-c", program, str(root), str(ROOT)], capture_output=True, text=True, env=env, check=True
        )
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return min(times)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def many_matches(work: Path) -> dict[str, float]:
    text = REPORT_TXT + "a " * 100_000 + "\n"
    event = edit(EVENT, f"      - {QUOTE}\n", f"      - {QUOTE}\n      - a\n")
    sizes = {}
    for name, files in (("without", {}), ("with", {"events": {EVENT_ID: event}})):
        root = project(work / f"many-{name}", texts={"report": text}, **files)
        timed("assert build_site(root) == 0", root, runs=1)
        sizes[name] = size(root / "site")
    return {
        "site_bytes_without": sizes["without"],
        "site_bytes_with": sizes["with"],
        "added_bytes": sizes["with"] - sizes["without"],
    }


def mistyped_quote(work: Path) -> dict[str, float]:
    # 4.5 MB of the repository's own report's words in random order (the same every run): English, as
    # the sources are, so that the characters of a quote occur throughout the source.
    vocabulary = sorted({w for p in sorted((ROOT / "seeds").glob("*.txt")) for w in p.read_text("utf-8").split()})
    rng = random.Random(0)
    sentences = (" ".join(rng.choices(vocabulary, k=rng.randrange(8, 30))) + "." for _ in range(SENTENCES))
    text = REPORT_TXT + "\n".join(sentences) + "\n"
    mistyped = edit(EVENT, "absolutely nothing to worry", "absolutely nothing to fret")
    out: dict[str, float] = {"source_bytes": len(text.encode("utf-8"))}
    for name, event in (("right", EVENT), ("mistyped", mistyped)):
        root = project(work / f"quote-{name}", texts={"report": text}, events={EVENT_ID: event})
        out[f"check_seconds_{name}"] = timed("check_project(root)", root)
    out["added_seconds"] = out["check_seconds_mistyped"] - out["check_seconds_right"]
    return out


def mistyped_references(work: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, ref in (("right", "belarus"), ("mistyped", "belaru")):
        events = {
            f"e{i}": edit(edit(EVENT, f"id: {EVENT_ID}", f"id: e{i}"), "  - ref: belarus", f"  - ref: {ref}")
            for i in range(2000)
        }
        actors = {f"actor-number-{i}": f"id: actor-number-{i}\nname: A{i}\nkind: person\n" for i in range(2000)}
        root = project(work / f"refs-{name}", events={EVENT_ID: None, **events}, actors=actors)
        out[f"check_seconds_{name}"] = timed("check_project(root)", root)
    out["added_ms_per_error"] = (out["check_seconds_mistyped"] - out["check_seconds_right"]) / 2000 * 1000
    return out


def main() -> int:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    print(f"commit {commit.strip()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for case in (many_matches, mistyped_quote, mistyped_references):
            print(case.__name__.replace("_", "-"), json.dumps(case(work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
