#!/usr/bin/env python3
"""Benchmark: time ``check``, page rendering and the full site build at several sizes.

    .venv/bin/python bench/run.py 1000 10000            # the figures in docs/performance.md
    .venv/bin/python bench/run.py 1000 2000 4000 10000  # the growth curve
    .venv/bin/python bench/run.py 10000 --profile       # also a cProfile of the build

For each N it generates the synthetic chronology (``bench/generate.py``, into ``bench/out/N``) unless
data of the same N, seed and generator is already there, refreshes ``mkdocs.yml``, ``docs/`` and
``templates/`` from the repository, and then measures three stages, each in a fresh Python process
so that neither peak memory nor warm caches carry over from one run, one stage or one N to the next
(the package caches rendered Markdown, so a second build in the same process would be faster than
any real one):

* check: ``chronology.check.check_project(root, model=False)``, what the ``check`` command runs;
* recheck, recheck-tag, recheck-link, recheck-add, recheck-refused, recheck-repaired,
  recheck-refused-actor, recheck-refused-place, recheck-resolved: the same after one edit (see
  ``EDITS``), the last check having run in a process of its own;
* render: ``render_pages(Renderer(chronology, templates))``, the page bodies on every core (after an
  untimed check);
* build: ``chronology.site.build_site(root, site_dir=...)`` into a temporary folder (MkDocs, the
  plugin, which checks and renders again, the theme, search index and sitemap; everything).

Times are wall-clock, with the process's CPU time beside them (steadier on a shared machine). The
commands' stages (check, the rechecks, build) are timed from the start of their process, as Hugo's
build is: Python's start and the imports count; the process's exit does not, since the commands end
without freeing their objects one by one (``chronology.cli.leave``). Render is timed alone. A stage
is run again, each time in a new process (``--repeat``, default 3), while the runs fit in
``--budget`` seconds; the best and the median are reported. Peak memory is reported twice:
``tracemalloc``'s peak of Python allocations during the stage (measured in one more run of its own,
because tracing slows the stage down; not for the build) and the largest maximum resident set size
(``ru_maxrss``) of the timed runs' processes, which for render includes the untimed check before it.

Finally it prints the machine, a table, and the time per event at each N with its ratio to the
smallest N: a ratio near 1 means the stage grows linearly; a ratio that climbs with N means something
grows faster. ``--json FILE`` also writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/ is not a package)
import hugosite  # noqa: E402

STAGES = (
    "check",
    "recheck",
    "recheck-tag",
    "recheck-link",
    "recheck-add",
    "recheck-refused",
    "recheck-repaired",
    "recheck-refused-actor",
    "recheck-refused-place",
    "recheck-resolved",
    "render",
    "build",
)
#: The edit each "check after one change" stage makes to one event: a title (a field only the
#: file's own checks read, answered from the last check's snapshot); a tag added (which the checks
#: across files read, answered from the index the last check kept of the other records); a link's
#: type changed (answered from the index too, with the sequence the links make checked for a new
#: cycle); an event added, a copy of one with another id; an event made unreadable (a list left open
#: in its title), which the check refuses; or that event repaired, the last check having refused it;
#: or an actor or a place made unreadable (a list left open in its name); or an actor added that an
#: event named before it was there (the event's edit made before the last check, which found the
#: reference unknown). Each edit is (before, after), made to the record's text (for an event added,
#: to the copy's).
EDITS = {
    "recheck": (re.compile(rb"^title: (')?", re.M), rb"title: \1Edited: "),
    "recheck-tag": (re.compile(rb"^tags:\n", re.M), b"tags:\n  - bench-edited\n"),
    "recheck-link": (re.compile(rb"^    type: compared-to\n", re.M), b"    type: corroborates\n"),
    "recheck-add": (re.compile(rb"^id: '([^']+)'", re.M), rb"id: '\1-added'"),
    "recheck-refused": (re.compile(rb"^title: ", re.M), b"title: ["),
    "recheck-repaired": (re.compile(rb"^title: ", re.M), b"title: ["),
    "recheck-refused-actor": (re.compile(rb"^name: ", re.M), b"name: ["),
    "recheck-refused-place": (re.compile(rb"^name: ", re.M), b"name: ["),
    "recheck-resolved": (re.compile(rb"^actors:\n", re.M), b"actors:\n  - ref: bench-added-actor\n    role: named\n"),
}
#: The stages whose timed change is a file added that the edit (made before the last check) named:
#: its folder and id; it is a copy of the folder's middle file.
RESOLVES = {"recheck-resolved": ("actors", "bench-added-actor")}
#: The folder of the record each stage edits, where it is not an event.
EDITED_FOLDERS = {"recheck-refused-actor": "actors", "recheck-refused-place": "places"}
#: The stages whose edit is a new file beside the event, rather than the event changed.
ADDS = {"recheck-add"}
#: The stage whose edit is undone before the timed check: the last check read the edited event.
REPAIRS = {"recheck-repaired"}
#: The only error each stage's check may find: the refused event's.
EXPECTED_ERRORS = {
    stage: "yaml-syntax" for stage in ("recheck-refused", "recheck-refused-actor", "recheck-refused-place")
}
#: What the cache keeps between checks (``chronology/cache.py``): removed before a cold stage.
CACHE = ".cache"


# --- the child: one stage of one N in a fresh process ---------------------------------------------------


def _maxrss_mb() -> float:
    """The process's peak resident set in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _traced_peak(run: Any) -> float:
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def child(stage: str, root: Path, mode: str, profile: Path | None) -> dict[str, Any]:
    """One run of one stage in this (fresh) process: timed, traced (``mode``) or profiled."""
    import chronology.cli  # what every command imports before it starts
    from chronology.check import check_project

    if stage == "build":
        import chronology.site  # noqa: F401  (what the build command imports before it starts)
    # A command's figure starts when its process does, as Hugo's does: Python's start and the
    # imports count (with this file's own few imports, a few hundredths of a second).
    started = os.environ.get(STARTED_ENV)
    startup = (time.time() - float(started), time.process_time()) if started and stage in COMMANDS else (0.0, 0.0)
    result: dict[str, Any] = {"stage": stage, "startup_s": startup[0], "startup_cpu_s": startup[1]}
    import shutil

    shutil.rmtree(root / CACHE, ignore_errors=True)  # every stage starts cold
    if stage == "check":

        def run() -> None:
            outcome = check_project(root, model=False)  # what the `check` command runs
            if outcome.errors:
                raise SystemExit(f"check failed with {len(outcome.errors)} errors")

    elif stage in EDITS:
        # A contributor's edit: one record's file changed since the last check, which filled the cache.
        # That check runs in a process of its own, as a contributor's last `check` did, so that
        # nothing it left in this process's memory speeds up the timed one.
        pattern, replacement = EDITS[stage]
        records = sorted((root / EDITED_FOLDERS.get(stage, "events")).glob("*.yaml"))
        # The middle record that has what the edit changes (every event has a title; most have tags).
        edited = next(e for e in records[len(records) // 2 :] + records if pattern.search(e.read_bytes()))
        original = edited.read_bytes()
        changed = pattern.sub(replacement, original, count=1)
        # The contributor's checks before the timed one, each in a process of its own: of the
        # chronology as it was and, before a repair, of the event refused, or, before a file named
        # is added, of the event naming it.
        states = [original, changed] if stage in REPAIRS or stage in RESOLVES else [original]
        try:
            for state in states:
                if state is not original:
                    edited.write_bytes(state)
                    time.sleep(2.1)  # a status the cache trusts (see below)
                subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        "import sys, pathlib; from chronology.check import check_project;"
                        " check_project(pathlib.Path(sys.argv[1]), model=False)",
                        str(root),
                    ],
                    check=True,
                )
        except BaseException:
            edited.write_bytes(original)
            raise
        finally:
            if stage in REPAIRS:
                edited.write_bytes(original)
                changed = original
        time.sleep(2.1)  # the cache trusts a file's status only once it is 2 s old (chronology/cache.py)

        written = edited.with_name(f"{edited.stem}-added.yaml") if stage in ADDS else edited
        if stage in RESOLVES:
            folder, added_id = RESOLVES[stage]
            others = sorted((root / folder).glob("*.yaml"))
            like = others[len(others) // 2].read_bytes()
            written = root / folder / f"{added_id}.yaml"
            changed = re.sub(rb"^id: .*$", b"id: " + added_id.encode(), like, count=1, flags=re.M)

        def run() -> None:
            written.write_bytes(changed)
            try:
                outcome = check_project(root, model=False)
            finally:
                if stage in ADDS or stage in RESOLVES:
                    written.unlink()
                if stage not in ADDS:
                    edited.write_bytes(original)
            errors = [d for d in outcome.errors if d.rule != EXPECTED_ERRORS.get(stage)]
            if errors or (stage in EXPECTED_ERRORS and not outcome.errors):
                raise SystemExit(f"check found {len(outcome.errors)} errors: {outcome.errors[:3]}")

    elif stage == "render":
        from chronology.pages import Renderer, render_pages

        checked = check_project(root)
        assert checked.chronology is not None, "check failed"
        loaded = checked.chronology
        result["rss_after_check_mb"] = _maxrss_mb()
        last: dict[str, Any] = {}

        def run() -> None:
            last.clear()  # so that two runs' pages are never held at once
            last["pages"] = render_pages(Renderer(loaded, root / "templates"))

        result["output"] = {}
    else:
        import logging

        from chronology.site import build_site

        os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # no git subprocess; builds are reproducible
        # Where the parent keeps every build's site until the last pair (see ``measure_stage``).
        kept = os.environ.get(SITE_ENV)
        temp = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="chronology-bench-"))
        temp.mkdir(parents=True, exist_ok=True)
        output: dict[str, int] = {}

        def run() -> None:
            code = build_site(root, site_dir=temp / "site")
            if code != 0:
                raise SystemExit(f"build_site returned {code}")

        result["output"] = output
        # MkDocs logs each build at INFO; keep the benchmark's output to the figures.
        logging.getLogger("mkdocs").setLevel(logging.WARNING)

    try:
        _measure(stage, run, result, mode, profile)
        if stage == "render":  # what the last run rendered, measured outside the timed runs
            sizes = [len(page.body.encode("utf-8")) for page in last["pages"]]
            result["output"] = {"pages": len(sizes), "body_bytes": sum(sizes), "largest_body_bytes": max(sizes)}
        if stage == "build":  # what the last build wrote, measured outside the timed runs
            site = temp / "site"
            files = [p for p in site.rglob("*") if p.is_file()]
            output["files"] = len(files)
            output["bytes"] = sum(p.stat().st_size for p in files)
            output["largest_html"] = max((p.stat().st_size for p in files if p.suffix == ".html"), default=0)
            for name in ("index.html", "sitemap.xml"):
                if (site / name).exists():
                    output[name] = (site / name).stat().st_size
            output.update(search_figures(site))
        return result
    finally:
        if stage == "build" and not kept:
            import shutil

            shutil.rmtree(temp, ignore_errors=True)


#: The environment variable naming the folder a build child writes its site into and leaves.
SITE_ENV = "CHRONOLOGY_BENCH_SITE"
#: The environment variable giving the time (``time.time``) a child was started at.
STARTED_ENV = "CHRONOLOGY_BENCH_STARTED"
#: The stages that are a command a person runs (``check`` and ``build``), timed from their process's
#: start; ``render`` is a part of a build, timed alone.
COMMANDS = frozenset(STAGES) - {"render"}

#: The word the reader's search is measured with: in most of the generated events' text.
SEARCH_WORD = "statement"


def search_figures(site: Path) -> dict[str, Any]:
    """The search index's size, and what a reader's browser fetches for a one-word query (Debian's
    Chromium through Playwright, as ``bench/reader.py`` measures it), or why that was not measured."""
    bundle = site / "pagefind"
    figures: dict[str, Any] = {"search_index_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())}
    if not Path("/usr/bin/chromium").exists():
        figures["search_fetch"] = "not measured: no /usr/bin/chromium"
        return figures
    try:
        import reader  # bench/reader.py, which needs Playwright
    except ImportError as exc:
        figures["search_fetch"] = f"not measured: {exc}"
        return figures
    got, _, status = reader.search_bytes(site, SEARCH_WORD)
    figures["search_fetch"] = {
        "word": SEARCH_WORD,
        "status": status,
        "bytes": sum(g[1] for g in got),
        "compressed_bytes": sum(g[2] for g in got),
        "by_kind": reader.by_kind(got),
    }
    return figures


def _measure(stage: str, run: Any, result: dict[str, Any], mode: str, profile: Path | None) -> dict[str, Any]:
    if profile is not None:
        import cProfile
        import io
        import pstats

        # The default (wall-clock) timer: a CPU-time timer costs a system call per function call,
        # which slows a profiled build down eight-fold. On a shared machine, compare runs made at
        # quiet times, or compare call counts (which no contention changes).
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(run)
        result["profiled_s"] = time.perf_counter() - start
        profiler.dump_stats(str(profile))
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text).strip_dirs()
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        profile.with_suffix(".txt").write_text(text.getvalue(), encoding="utf-8")
        return result

    if mode == "trace":
        result["tracemalloc_peak_mb"] = _traced_peak(run)
        return result
    start, start_cpu, start_children = time.perf_counter(), time.process_time(), _children_cpu()
    run()
    result["time_s"] = time.perf_counter() - start + result["startup_s"]
    # The worker processes' CPU time too: the stage uses every core it can.
    result["cpu_time_s"] = time.process_time() - start_cpu + _children_cpu() - start_children + result["startup_cpu_s"]
    result["rss_mb"] = _maxrss_mb()
    result["workers_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- the parent: generate, run the children, report -------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import jinja2
    import markdown
    import mkdocs
    import yaml

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 2**20, 1)
    usable: int | None
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gib": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "jinja2": jinja2.__version__,
        "markdown": markdown.__version__,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def ensure_data(n: int, seed: int, out: Path, sources: int | None = None) -> dict[str, Any]:
    if generate.is_current(out, n, seed, sources):
        generated = False
        took = 0.0
    else:
        start = time.perf_counter()
        generate.generate(n, out, seed, sources)
        took = time.perf_counter() - start
        generated = True
    generate.copy_scaffolding(out)  # the current templates, docs and mkdocs.yml
    stamp = json.loads((out / generate.STAMP).read_text("utf-8"))
    return {**stamp, "generated_now": generated, "generate_s": round(took, 2)}


def snapshot_code(out: Path) -> tuple[Path, str]:
    """Copy the chronology package, so that every N of one run measures the same code even while
    others edit chronology/; the children import it first (PYTHONPATH). Its folder (one of this
    run's own, so that two runs at once never import each other's copy; removed by ``main`` at
    the end) and a hash."""
    import hashlib

    target = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=out))
    shutil.copytree(REPO / "chronology", target / "chronology", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    digest = hashlib.sha256()
    for path in sorted((target / "chronology").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(target).as_posix().encode() + b"\0" + path.read_bytes())
    return target, digest.hexdigest()[:12]


def git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "chronology", "templates"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}{' with uncommitted changes to chronology/ or templates/' if dirty else ''}"


def measure_stage(stage: str, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Time a stage in fresh processes while the runs fit in the budget, then trace it once."""
    if args.profile and stage in args.profile:
        return run_child(stage, out, args, "profile")
    if stage != "build":
        return _measure_runs(stage, out, args, None)
    # No build may follow the removal of many files: on a file system that keeps recently deleted
    # inodes from being reused (ext4 without a journal, as on this project's machines, for 60 s,
    # or 360 s while their table is not yet written back), making files just after removing
    # thousands costs several times the CPU, and a build makes 15,500 folders and pages. So every
    # build, ours and Hugo's, writes into a folder of its own, all removed after the last pair,
    # and the first build waits out the window after whatever was removed before the run.
    sites = Path(tempfile.mkdtemp(prefix="chronology-bench-sites-", dir=out.parent))
    try:
        os.sync()
        time.sleep(args.settle)
        return _measure_runs(stage, out, args, sites)
    finally:
        shutil.rmtree(sites, ignore_errors=True)


def _measure_runs(stage: str, out: Path, args: argparse.Namespace, sites: Path | None) -> dict[str, Any]:
    """The timed runs of a stage (a build's sites, ours and Hugo's, kept in ``sites``), then its trace."""
    runs: list[dict[str, Any]] = []
    hugo_runs: list[dict[str, float]] = []
    paired = stage == "build" and not args.no_hugo
    hugo_site = out
    while len(runs) < args.repeat:
        # Paired with Hugo and alternating (ours, Hugo, ours, Hugo, ...), so that whatever else
        # the machine is doing weighs on both alike. Each build starts with nothing left to write
        # back to disk from the one before it.
        if paired:
            os.sync()
        site = sites / f"ours-{len(runs)}" if sites is not None else None
        run = run_child(stage, out, args, "time", site)
        if "error" in run:
            return run
        runs.append(run)
        if paired:
            assert sites is not None
            os.sync()
            hugo_site = sites / f"hugo-{len(hugo_runs)}"
            hugo_runs.append(time_hugo(out, hugo_site))
        times = [r["time_s"] + (h["time_s"] if paired else 0) for r, h in zip(runs, hugo_runs or runs, strict=True)]
        if len(runs) >= (2 if paired else 1) and sum(times) + times[-1] > args.budget:
            break
    times, cpu = [r["time_s"] for r in runs], [r["cpu_time_s"] for r in runs]
    result: dict[str, Any] = {
        "stage": stage,
        "times_s": times,
        "cpu_s": cpu,
        "best_s": min(times),
        "median_s": statistics.median(times),
        "best_cpu_s": min(cpu),
        "median_cpu_s": statistics.median(cpu),
        "rss_mb": max(r["rss_mb"] for r in runs),
        "workers_rss_mb": max(r.get("workers_rss_mb", 0.0) for r in runs),
        "output": runs[-1].get("output"),
        "process_s": round(sum(r["process_s"] for r in runs), 2),
    }
    if paired:
        hugo_times, hugo_cpu = [h["time_s"] for h in hugo_runs], [h["cpu_time_s"] for h in hugo_runs]
        result["hugo"] = {
            "times_s": hugo_times,
            "cpu_s": hugo_cpu,
            "median_s": statistics.median(hugo_times),
            "median_cpu_s": statistics.median(hugo_cpu),
            "output": hugo_output(hugo_site),
        }
        result["ratio"] = result["median_s"] / result["hugo"]["median_s"]
        # Against Hugo with the search ours has: Pagefind's command run on Hugo's pages after it.
        with_search = [h["time_s"] + h["pagefind_s"] for h in hugo_runs]
        with_search_cpu = [h["cpu_time_s"] + h["pagefind_cpu_s"] for h in hugo_runs]
        result["hugo"]["pagefind_median_s"] = statistics.median(h["pagefind_s"] for h in hugo_runs)
        result["hugo"]["pagefind_median_cpu_s"] = statistics.median(h["pagefind_cpu_s"] for h in hugo_runs)
        result["hugo"]["with_search_median_s"] = statistics.median(with_search)
        result["hugo"]["with_search_median_cpu_s"] = statistics.median(with_search_cpu)
        result["ratio_with_search"] = result["median_s"] / result["hugo"]["with_search_median_s"]
        result["ratio_with_search_cpu"] = result["median_cpu_s"] / result["hugo"]["with_search_median_cpu_s"]
        result["pair_ratios_with_search"] = [ours / hugo for ours, hugo in zip(times, with_search, strict=True)]
        result["ratio_cpu"] = result["median_cpu_s"] / result["hugo"]["median_cpu_s"]
        # Each pair's own ratio too: on a shared machine the two builds of a pair ran under the
        # most alike conditions.
        result["pair_ratios"] = [ours / hugo for ours, hugo in zip(times, hugo_times, strict=True)]
    if "rss_after_check_mb" in runs[-1]:
        result["rss_after_check_mb"] = max(r["rss_after_check_mb"] for r in runs)
    if not args.no_trace and stage != "build":  # the build's peak is its RSS: tracing would double it
        traced = run_child(stage, out, args, "trace")
        if "error" in traced:
            return traced
        result["tracemalloc_peak_mb"] = traced["tracemalloc_peak_mb"]
    return result


def hugo_project(out: Path) -> Path:
    """Where the Hugo project of the chronology in ``out`` is written."""
    return out.parent / f"hugo-{out.name}"


def time_hugo(out: Path, site: Path) -> dict[str, float]:
    """One full Hugo build of the equivalent site into ``site`` (a new folder, as ours builds into),
    then Pagefind's command on the pages it wrote, as a Hugo site gets its search: each timed like
    ours, wall-clock and CPU time."""
    took, cpu = _timed(lambda: hugosite.build(hugo_project(out), site))
    searched, searched_cpu = _timed(lambda: hugosite.index(site))
    return {"time_s": took, "cpu_time_s": cpu, "pagefind_s": searched, "pagefind_cpu_s": searched_cpu}


def _timed(run: Any) -> tuple[float, float]:
    """The wall-clock time ``run()`` took, and the CPU time of the child processes it ran."""
    start, children = time.perf_counter(), _children_cpu()
    run()
    return time.perf_counter() - start, _children_cpu() - children


def hugo_output(site: Path) -> dict[str, int]:
    """What a Hugo build wrote into ``site``."""
    files = [p for p in site.rglob("*") if p.is_file()]
    output = {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}
    output["largest_html"] = max((p.stat().st_size for p in files if p.suffix == ".html"), default=0)
    for name in ("index.html", "sitemap.xml"):
        if (site / name).exists():
            output[name] = (site / name).stat().st_size
    return output


def run_child(stage: str, out: Path, args: argparse.Namespace, mode: str, site: Path | None = None) -> dict[str, Any]:
    """One run of a stage in a new Python process: ``time``, ``trace`` or ``profile``; a build
    writes its site into ``site`` (kept) when given, else into a folder it removes."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", stage, "--root", str(out), "--mode", mode]
    if mode == "profile":
        command += ["--profile-to", str(out.parent / f"profile-{stage}-{out.name}.pstats")]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if site is not None:
        env[SITE_ENV] = str(site)
    if args.snapshot_dir:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(args.snapshot_dir), env.get("PYTHONPATH")) if p)
    start = time.perf_counter()
    env[STARTED_ENV] = repr(time.time())
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.timeout, env=env, check=False, cwd=str(args.out)
        )
    except subprocess.TimeoutExpired:
        return {"stage": stage, "error": f"timed out after {args.timeout} s"}
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        return {"stage": stage, "error": f"exit {done.returncode}:\n{tail}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - start, 2)
    return result


def fmt_s(value: float | None) -> str:
    return "-" if value is None else (f"{value:.2f}" if value < 100 else f"{value:.0f}")


def report(machine_info: dict[str, Any], runs: dict[int, dict[str, Any]]) -> str:
    lines = [
        f"Code: {machine_info.get('code', 'unknown')}"
        + (f" (measured from a copy, hash {machine_info['code_hash']})" if machine_info.get("code_hash") else ""),
        f"Run on {machine_info['date']}: {machine_info['cpu']}, {machine_info['cores']} cores "
        f"({machine_info['usable_cores']} usable), {machine_info['memory_gib']} GiB; {machine_info['os']}",
        f"Python {machine_info['python']}, MkDocs {machine_info['mkdocs']}, Jinja2 {machine_info['jinja2']}, "
        f"Markdown {machine_info['markdown']}, PyYAML {machine_info['pyyaml']} (LibYAML "
        f"{'available' if machine_info['libyaml'] else 'not available'})",
        "",
    ]
    header = (
        f"{'events':>7} {'actors':>6} {'places':>6} {'src KiB':>7} | {'check s':>8} {'render s':>8} "
        f"{'build s':>8} | {'chk MiB':>7} {'rnd MiB':>7} | {'RSS chk':>7} {'RSS rnd':>7} {'RSS bld':>7} | "
        f"{'pages':>6} {'siteMiB':>7} {'srchMiB':>7}"
    )
    lines += [header, "-" * len(header)]
    for _n, run in sorted(runs.items()):
        data, stages = run["data"], run["stages"]

        def get(stage: str, key: str, stages: dict[str, Any] = stages) -> Any:
            return stages.get(stage, {}).get(key)

        def mb(value: float | None) -> str:
            return "-" if value is None else f"{value:.0f}"

        built = get("build", "output") or {}
        site, search = built.get("bytes"), built.get("search_index_bytes")
        lines.append(
            f"{data['events']:>7,} {data['actors']:>6,} {data['places']:>6,} {data['source_bytes'] / 1024:>7,.0f} | "
            f"{fmt_s(get('check', 'best_s')):>8} {fmt_s(get('render', 'best_s')):>8} "
            f"{fmt_s(get('build', 'best_s')):>8} | "
            f"{mb(get('check', 'tracemalloc_peak_mb')):>7} {mb(get('render', 'tracemalloc_peak_mb')):>7} | "
            f"{mb(get('check', 'rss_mb')):>7} {mb(get('render', 'rss_mb')):>7} {mb(get('build', 'rss_mb')):>7} | "
            f"{(get('render', 'output') or {}).get('pages', '-'):>6} {mb(site / 2**20 if site else None):>7} "
            f"{mb(search / 2**20 if search else None):>7}"
        )
        for stage in STAGES:
            if "error" in stages.get(stage, {}):
                lines.append(f"        {stage} FAILED: {stages[stage]['error']}")
    lines += [
        "",
        "Times are wall-clock seconds, the best of the repeats (times_s in --json has them all).",
        "chk MiB / rnd MiB: tracemalloc peak during check / render; RSS: the process's maximum resident",
        "set in MiB (for render it includes the untimed check before it); siteMiB: the built site;",
        "srchMiB: its search index (pagefind/), of which a reader's browser fetches only a few files.",
        "",
    ]
    smallest = min(runs)
    for key, words in (("best_s", "wall-clock"), ("best_cpu_s", "CPU")):
        lines.append(f"Time per event in ms ({words}), and its ratio to the smallest N (x1.00 = linear):")
        header = f"{'events':>7} | " + " | ".join(f"{stage:>16}" for stage in STAGES)
        lines += [header, "-" * len(header)]
        for n, run in sorted(runs.items()):
            cells = []
            for stage in STAGES:
                best = run["stages"].get(stage, {}).get(key)
                base = runs[smallest]["stages"].get(stage, {}).get(key)
                if best is None or base is None:
                    cells.append(f"{'-':>16}")
                    continue
                per_event = best / n * 1000
                ratio = per_event / (base / smallest * 1000)
                cells.append(f"{per_event:>9.2f} x{ratio:>5.2f}")
            lines.append(f"{n:>7,} | " + " | ".join(cells))
        lines.append("")
    return "\n".join(lines).rstrip()


def search_cell(output: dict[str, Any]) -> str:
    """The search figures of one build for the issue's table."""
    if "search_index_bytes" not in output:
        return "none"
    fetch = output.get("search_fetch", "not measured")
    if isinstance(fetch, dict):
        fetch = (
            f"{fetch['bytes'] / 1000:.0f} KB ({fetch['compressed_bytes'] / 1000:.0f} KB compressed) "
            f"for “{fetch['word']}”"
        )
    return f"{output['search_index_bytes'] / 2**20:.1f} MiB; {fetch}"


def issue_table(machine_info: dict[str, Any], runs: dict[int, dict[str, Any]]) -> str:
    """The figures of the scale issue, one column per N, as a Markdown table."""
    sizes = sorted(runs)

    def cell(n: int, stage: str, show: Callable[[dict[str, Any]], object]) -> str:
        got = runs[n]["stages"].get(stage)
        if not got or "error" in got or "median_s" not in got:
            return "-"
        try:
            return str(show(got))
        except KeyError:  # a figure this run did not take (Hugo's, with --no-hugo)
            return "-"

    def mib(value: float) -> str:
        return f"{value / 2**20:.1f} MiB"

    repeats = {n: len(runs[n]["stages"].get("build", {}).get("times_s", [])) for n in sizes}
    hugo = machine_info.get("hugo", "Hugo").split("-")[0].replace("hugo v", "Hugo ")
    rows: list[tuple[str, Callable[[int], str]]] = [
        (
            "full build, ours (paired with Hugo, median)",
            lambda n: cell(n, "build", lambda g: f"{g['median_s']:.1f} s ({g['median_cpu_s']:.1f} s CPU)"),
        ),
        (
            f"full build, {hugo}, same event, actor, place, tag and home pages",
            lambda n: cell(
                n, "build", lambda g: f"{g['hugo']['median_s']:.1f} s ({g['hugo']['median_cpu_s']:.1f} s CPU)"
            ),
        ),
        (
            "ratio ours / Hugo (wall-clock; CPU)",
            lambda n: cell(
                n,
                "build",
                lambda g: (
                    f"{g['ratio']:.2f}; {g['ratio_cpu']:.2f} (pairs: {', '.join(f'{r:.2f}' for r in g['pair_ratios'])})"
                ),
            ),
        ),
        (
            f"{hugo}, then Pagefind's command on its pages (how a Hugo site gets the search ours has)",
            lambda n: cell(
                n,
                "build",
                lambda g: (
                    f"{g['hugo']['with_search_median_s']:.1f} s ({g['hugo']['with_search_median_cpu_s']:.1f} s CPU), "
                    f"Pagefind {g['hugo']['pagefind_median_s']:.1f} s ({g['hugo']['pagefind_median_cpu_s']:.1f} s CPU)"
                ),
            ),
        ),
        (
            "ratio ours / (Hugo and Pagefind) (wall-clock; CPU)",
            lambda n: cell(
                n,
                "build",
                lambda g: (
                    f"{g['ratio_with_search']:.2f}; {g['ratio_with_search_cpu']:.2f} "
                    f"(pairs: {', '.join(f'{r:.2f}' for r in g['pair_ratios_with_search'])})"
                ),
            ),
        ),
        ("runs of each (alternating)", lambda n: str(repeats[n] or "-")),
        (
            "home page (timeline) HTML; largest page",
            lambda n: cell(
                n, "build", lambda g: f"{mib(g['output']['index.html'])}; {mib(g['output']['largest_html'])}"
            ),
        ),
        (
            "search index (pagefind/); what a one-word query fetches in all",
            lambda n: cell(n, "build", lambda g: search_cell(g["output"])),
        ),
        (
            "`check` from cold (median); peak memory",
            lambda n: cell(
                n,
                "check",
                lambda g: (
                    f"{g['median_s']:.1f} s ({g['median_cpu_s']:.1f} s CPU); {g['rss_mb']:.0f} MiB "
                    f"(workers {g['workers_rss_mb']:.0f} MiB)"
                ),
            ),
        ),
        (
            "`check` after one event's title changed (median)",
            lambda n: cell(n, "recheck", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
        (
            "`check` after a tag added to one event (median)",
            lambda n: cell(n, "recheck-tag", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
        (
            "`check` after a link's type changed in one event (median)",
            lambda n: cell(n, "recheck-link", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
        (
            "`check` after an event added (median)",
            lambda n: cell(n, "recheck-add", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
        (
            "`check` after an event made unreadable (median)",
            lambda n: cell(n, "recheck-refused", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
        (
            "`check` after that event repaired (median)",
            lambda n: cell(n, "recheck-repaired", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
        (
            "`check` after an actor made unreadable (median)",
            lambda n: cell(
                n, "recheck-refused-actor", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"
            ),
        ),
        (
            "`check` after a place made unreadable (median)",
            lambda n: cell(
                n, "recheck-refused-place", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"
            ),
        ),
        (
            "`check` after the actor an event named was added (median)",
            lambda n: cell(n, "recheck-resolved", lambda g: f"{g['median_s']:.2f} s ({g['median_cpu_s']:.2f} s CPU)"),
        ),
    ]
    lines = [
        "| what | " + " | ".join(f"{n:,} events" for n in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for label, value in rows:
        lines.append(f"| {label} | " + " | ".join(value(n) for n in sizes) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark check, rendering and the site build.")
    parser.add_argument(
        "sizes",
        nargs="*",
        type=int,
        default=[1000, 10000],
        help="numbers of events (default: 1000 10000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="the generator's random seed (default: %(default)s)")
    parser.add_argument(
        "--sources",
        type=int,
        help="a stress case: exactly K sources sharing the quotes evenly (data in bench/out/N-sourcesK)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each stage at most, each in a new process (default: %(default)s)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="repeat a stage only while its runs fit in this many seconds (default: %(default)s)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=65.0,
        help="seconds to wait before the first build, after syncing, so that no build follows the removal "
        "of many files (default: %(default)s; see measure_stage)",
    )
    parser.add_argument("--stages", default=",".join(STAGES), help="which stages, comma-separated (default: all)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run (faster)")
    parser.add_argument(
        "--no-hugo", action="store_true", help="time our build alone, not paired with Hugo's of the same site"
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="build",
        default="",
        help="profile these stages (comma-separated; default: build) with cProfile instead of "
        "timing them: bench/out/profile-STAGE-N.{pstats,txt}",
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up on a stage after this many seconds")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="where the data go (default: bench/out)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="import chronology/ live in each stage instead of a copy taken at the start",
    )
    # Internal: one stage in a fresh process.
    parser.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=("time", "trace", "profile"), default="time", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        result = child(args.child, args.root, args.mode, args.profile_to)
        print(json.dumps(result))
        return 0

    args.profile = [s for s in args.profile.split(",") if s]
    stages = [s for s in args.stages.split(",") if s]
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    info = machine()
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    info["code"] = git_state()
    args.snapshot_dir = None
    if not args.no_snapshot:
        args.snapshot_dir, info["code_hash"] = snapshot_code(args.out)
    try:
        return _run(args, info, stages)
    finally:
        if args.snapshot_dir is not None:
            shutil.rmtree(args.snapshot_dir, ignore_errors=True)


def _run(args: argparse.Namespace, info: dict[str, Any], stages: list[str]) -> int:
    """Every stage of every N, then the reports; the exit status."""
    print(
        f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, MkDocs {info['mkdocs']}; "
        f"code {info['code']}" + (f", measured from a copy (hash {info['code_hash']})" if args.snapshot_dir else ""),
        file=sys.stderr,
    )
    if "build" in stages and not args.no_hugo:
        info["hugo"] = hugosite.version()
    runs: dict[int, dict[str, Any]] = {}
    # Generate (if needed) and copy the templates for every N first, so that all of them are
    # measured with the same templates even while others edit them.
    for n in args.sizes:
        out = args.out / (f"{n}-sources{args.sources}" if args.sources else str(n))
        data = ensure_data(n, args.seed, out, args.sources)
        note = f"generated in {data['generate_s']} s" if data["generated_now"] else "already generated"
        print(
            f"N={n}: {data['events']} events, {data['actors']} actors, {data['places']} places, "
            f"{data['sources']} sources ({data['source_bytes'] / 1024:,.0f} KB), {note}",
            file=sys.stderr,
        )
        runs[n] = {"data": data, "stages": {}}
        if "build" in stages and not args.no_hugo:
            hugosite.write(out, hugo_project(out))
    for n in args.sizes:
        out = args.out / (f"{n}-sources{args.sources}" if args.sources else str(n))
        print(f"N={n}:", file=sys.stderr)
        for stage in stages:
            result = measure_stage(stage, out, args)
            runs[n]["stages"][stage] = result
            shown = result.get("error") or (
                f"profiled in {result['profiled_s']:.1f} s -> {out.parent}/profile-{stage}-{out.name}.txt"
                if "profiled_s" in result
                else f"best {result['best_s']:.2f} s of {len(result['times_s'])}, RSS {result['rss_mb']:.0f} MiB"
                + (
                    f", tracemalloc peak {result['tracemalloc_peak_mb']:.0f} MiB"
                    if "tracemalloc_peak_mb" in result
                    else ""
                )
            )
            print(f"  {stage}: {shown}", file=sys.stderr)
    print()
    print(report(info, runs))
    print()
    print(issue_table(info, runs))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "runs": runs}, indent=2) + "\n", encoding="utf-8")
    failed = any("error" in s for run in runs.values() for s in run["stages"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
