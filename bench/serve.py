#!/usr/bin/env python3
"""How long ``serve`` takes to show a one-event edit in the browser, and where that time goes.

    .venv/bin/python bench/serve.py 10000            # three edits on the 10,000-event chronology
    .venv/bin/python bench/serve.py 1000 --edits 5
    .venv/bin/python bench/serve.py 10000 --tag       # each edit adds a tag too
    .venv/bin/python bench/serve.py 10000 --delay 40  # the first edit 40 s after serve is ready
    .venv/bin/python bench/serve.py 10000 --add       # each edit adds an event file

On the chronology ``bench/generate.py`` writes for N events (``bench/out/N``, made if missing), it
runs ``python build.py serve`` and waits for its first build, opens the middle event's page in
Debian's Chromium (through Playwright), then edits that event's YAML: it rewrites the file with a
new title, as an editor saves it, and waits until the page in the browser shows the new title.
With ``--tag``, each edit also adds a tag that other events have, which the checks across files
read (answered against the index the last check kept; see ``chronology/snapshot.py``), and which
puts the event on that tag's pages. With ``--add``, each edit writes a new event file instead: a
copy of the middle event under a new id, with a title that puts it just after that event, so that
the page open in the browser shows it as the next event once ``serve`` has taken it in; the files
added are removed at the end.
Between edits it waits for ``serve`` to be idle again; at the end it puts the file back. The first
edit comes as soon as the page is open, a few seconds after ``serve``'s first build wrote the whole
site, as a contributor's first edit may; ``--delay`` waits that many seconds first.

Each edit's time runs from the moment the file is written to the first paint of the reloaded page
(Chromium's ``first-contentful-paint``, on the same clock), and is broken down into

* what ``serve`` did, from the times it records when ``CHRONOLOGY_SERVE_TIMINGS`` names a file
  (``chronology/serve.py``): until its watcher saw the change, the quiet it waits for after it, the
  check, the pages that depend on the event, their bodies, MkDocs' pages (theme and writing them
  beside the site) and moving them into the site with the new version;
* what the browser did, from Chromium's own timings of its requests: until the page's held request
  for changes was answered, until the reloaded page had arrived, until it was painted.

``serve`` renders the pages a browser is showing first and the other pages that depend on the edit
after them; the time those others take is printed last, apart from the edit's.

The figures are wall-clock times on whatever else the machine is doing; run it on a quiet machine
and compare medians.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/ is not a package)
import yaml  # noqa: E402

#: serve's steps, in order, as it records them (``chronology/serve.py``), with what they are.
SERVE_STEPS = {
    "changed": "the watcher sees the change",
    "settled": "quiet after the change",
    "check": "check_project",
    "dependents": "pages that depend on the event",
    "page bodies": "their bodies (templates)",
    "mkdocs pages": "MkDocs' pages, written aside",
    "published": "moved into the site, new version",
    "full build": "a whole build (not in place)",
}
#: What serve does after the page open in the browser is shown (not part of the edit's time).
AFTER = {"the other pages": "then, once the browser has its page: the other pages that depend on the event"}
#: How the terminal line that sums up an update begins (and began before the steps were timed).
SUMMARY = ("serve: rendered", "serve: checked")
BROWSER_STEPS = {
    "told": "the browser is told",
    "arrived": "the reloaded page has arrived",
    "painted": "first paint of the reloaded page",
}
STEPS = {**SERVE_STEPS, **BROWSER_STEPS, **AFTER}


#: The line ``build.py serve`` prints once the site is ready, with the address it bound.
SERVING = r"^serving the site at "
#: Port 0: the system's choice of a free port, which serve announces. A port chosen here and freed
#: for serve to bind could be taken by another process meanwhile.
DEV_ADDR = "127.0.0.1:0"


def announced_url(line: str) -> str:
    """The site's address in serve's ``serving the site at http://HOST:PORT/`` line."""
    found = re.match(SERVING + r"(http://[^/\s]+:([0-9]+)/)", line)
    if not found or not 0 < int(found.group(2)) < 65536:
        raise ValueError(f"not serve's announcement of its address: {line!r}")
    return found.group(1)


class Serve:
    """``build.py serve`` on ``root``, its terminal collected, its timings written to a file."""

    def __init__(self, root: Path, timings: Path) -> None:
        #: The site's address, once serve has announced it (``ready``).
        self.url = ""
        self.timings = timings
        env = {**os.environ, "CHRONOLOGY_SERVE_TIMINGS": str(timings)}
        command = [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve"]
        self.process = subprocess.Popen(
            [*command, "--dev-addr", DEV_ADDR],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        assert self.process.stderr is not None
        stream = self.process.stderr
        threading.Thread(target=lambda: self.lines.extend(line.rstrip("\n") for line in stream), daemon=True).start()

    def wait_line(self, pattern: str, after: int = 0, timeout: float = 1800) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines[after:]:
                if re.search(pattern, line):
                    return line
            if self.process.poll() is not None:
                raise SystemExit("serve stopped:\n" + "\n".join(self.lines[-20:]))
            time.sleep(0.05)
        raise SystemExit(f"serve printed no line matching {pattern!r} in {timeout} s")

    def ready(self) -> str:
        """The site's address, once serve has built the site and announced where it serves it."""
        self.url = announced_url(self.wait_line(SERVING))
        return self.url

    def updates(self) -> list[dict[str, Any]]:
        try:
            text = self.timings.read_text("utf-8")
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def wait_update(self, count: int, timeout: float) -> dict[str, Any]:
        """The ``count``-th update's timings, once serve has recorded it; none from a ``serve`` that
        does not record them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            updates = self.updates()
            if len(updates) >= count:
                return updates[count - 1]
            time.sleep(0.05)
        return {}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def browser_times(page: Any, told: dict[str, float]) -> dict[str, float]:
    """When (seconds since the epoch) the page's request for changes was answered, the reloaded page
    arrived, and was first painted, from Chromium's own timings."""
    paint = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          return {
            origin: performance.timeOrigin,
            arrived: nav ? nav.responseEnd : null,
            painted: fcp ? fcp.startTime : (nav ? nav.domContentLoadedEventEnd : null),
          };
        }"""
    )
    times = dict(told)
    for name in ("arrived", "painted"):
        if paint[name] is not None:
            times[name] = (paint["origin"] + paint[name]) / 1000
    return times


def _tags(event: Path) -> str:
    """The event's list of tags, as written."""
    found = re.search(r"^tags:\n((?:  - .*\n)*)", event.read_text("utf-8"), flags=re.M)
    return found.group(1) if found else ""


def run(root: Path, edits: int, tag: bool = False, delay: float = 0.0, add: bool = False) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    events = sorted((root / "events").glob("*.yaml"))
    # The middle event (with tags, for --tag).
    event = next(e for e in events[len(events) // 2 :] + events if not tag or "\ntags:\n" in e.read_text("utf-8"))
    original = event.read_text("utf-8")
    # Tags other events have and this one has not: a tag new to the chronology would add a page,
    # which is a whole build (chronology/depends.py).
    used = {tag for e in events[:200] for tag in re.findall(r"^  - (\S+)$", _tags(e), flags=re.M)}
    others = sorted(used - set(re.findall(r"^  - (\S+)$", _tags(event), flags=re.M))) or ["bench-edited"]
    url_path = f"events/{event.stem}/"
    own_title = yaml.safe_load(original)["title"]
    added_files: list[Path] = []
    results: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as work:
        server = Serve(root, Path(work) / "timings.jsonl")
        started = time.monotonic()
        try:
            server.ready()
            print(f"serve: first build {time.monotonic() - started:.1f} s; editing {event.relative_to(root)}")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = browser.new_page()
                told: dict[str, float] = {}

                def finished(request: Any) -> None:
                    if "/.serve/changes" in request.url and "told" not in told:  # the first answer only
                        timing = request.timing
                        told["told"] = (timing["startTime"] + timing["responseStart"]) / 1000

                page.on("requestfinished", finished)
                page.goto(server.url + url_path)
                time.sleep(delay)
                try:
                    for n in range(edits):
                        title = f"An edit timed by the benchmark, number {n + 1}"
                        if add:  # on the event's day and time, its title next, before those added already
                            title = f"{own_title} (added by the benchmark, {edits - n:04d})"
                        line = f"title: {json.dumps(title)}"  # in YAML's double quotes, which JSON's are
                        edited, count = re.subn(r"^title: .*$", line, original, count=1, flags=re.M)
                        assert count == 1, f"{event}: no title line"
                        if tag:
                            added = f"tags:\n  - {others[n % len(others)]}\n"
                            edited, count = re.subn(r"^tags:\n", added, edited, count=1, flags=re.M)
                            assert count == 1, f"{event}: no tags"
                        told.clear()
                        seen_lines = len(server.lines)
                        written = time.time()
                        if add:
                            new_id = f"{event.stem}-added-{n + 1}"
                            added_files.append(event.with_name(f"{new_id}.yaml"))
                            edited, count = re.subn(r"^id: .*$", f"id: '{new_id}'", edited, count=1, flags=re.M)
                            assert count == 1, f"{event}: no id line"
                            added_files[-1].write_text(edited, "utf-8")
                            # The page open shows the event after it (of the last edit, first) by its title.
                            page.get_by_text(title).first.wait_for(timeout=600_000)
                        else:
                            event.write_text(edited, "utf-8")
                            page.locator("h1", has_text=title).wait_for(timeout=600_000)
                        seen = time.time()
                        update = server.wait_update(n + 1, timeout=10)
                        times = {"written": written, **{k: v for k, v in update.items() if k in SERVE_STEPS}}
                        times.update(browser_times(page, told))
                        if "cpu" in update:
                            times["cpu"] = update["cpu"]
                        if "the other pages" in update and "published" in update:
                            began = update.get("shown", update["published"])
                            times["the other pages"] = update["the other pages"] - began
                        times["seen"] = seen
                        results.append(times)
                        report(n + 1, times)
                        said = [line for line in server.lines[seen_lines:] if line.startswith(SUMMARY)]
                        print(f"  serve said: {said[-1][:200] if said else '(nothing yet)'}")
                        time.sleep(1)
                finally:
                    browser.close()
        finally:
            for added_file in added_files:
                added_file.unlink(missing_ok=True)
            if not add:
                event.write_text(original, "utf-8")
            server.wait_update(len(results) + 1, timeout=120)
            server.stop()
    return results


def steps(times: dict[str, float]) -> list[tuple[str, float]]:
    """Each step's name and seconds, in the order they ended, then what serve did afterwards."""
    order = ["written", *SERVE_STEPS, *BROWSER_STEPS]
    present = [name for name in order if name in times]
    chain = [(name, times[name] - times[before]) for before, name in itertools.pairwise(present)]
    return chain + [(name, times[name]) for name in AFTER if name in times]


def cpu(times: dict[str, float]) -> str:
    """serve's CPU time for the update, when it says."""
    return f"; serve's CPU for the whole update {times['cpu']:.2f} s" if "cpu" in times else ""


def total(times: dict[str, float]) -> float:
    return times.get("painted", times["seen"]) - times["written"]


def report(number: int, times: dict[str, float]) -> None:
    print(f"edit {number}: {total(times):.2f} s from writing the file to the new title painted{cpu(times)}")
    for name, seconds in steps(times):
        print(f"  {seconds:7.3f} s  {STEPS[name]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="events in the synthetic chronology")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default: %(default)s)")
    parser.add_argument("--tag", action="store_true", help="each edit adds a tag as well as changing the title")
    parser.add_argument("--add", action="store_true", help="each edit adds an event file rather than editing one")
    parser.add_argument("--root", type=Path, help="the chronology (default: bench/out/N, generated if missing)")
    parser.add_argument(
        "--delay", type=float, default=0.0, help="seconds to wait, once the page is open, before the first edit"
    )
    args = parser.parse_args()
    root = args.root or BENCH / "out" / str(args.n)
    if args.root is None:
        if not generate.is_current(root, args.n, 0):
            generate.generate(args.n, root)
        generate.copy_scaffolding(root)
    results = run(root, args.edits, args.tag, args.delay, args.add)
    if len(results) > 1:
        median = statistics.median(total(t) for t in results)
        cpus = [t["cpu"] for t in results if "cpu" in t]
        print(f"median of {len(results)} edits: {median:.2f} s{cpu({'cpu': statistics.median(cpus)} if cpus else {})}")
        names = [name for name, _ in steps(results[0])]
        for name in names:
            values = [dict(steps(t)).get(name, 0.0) for t in results]
            print(f"  {statistics.median(values):7.3f} s  {STEPS[name]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
