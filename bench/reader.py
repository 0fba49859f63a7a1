#!/usr/bin/env python3
"""What a reader downloads, and how fast ``serve`` shows an edit, on a synthetic chronology.

    python bench/reader.py N [--word WORD] [--skip-build] [--skip-serve] [--index-only]

On the chronology ``bench/generate.py`` writes for N events (``bench/out/N``, made if missing), it

* builds the site (``build_site``) and times it, then times Pagefind's indexing of it again alone;
* reports the largest pages and every page over 500 KB;
* serves the site on loopback and, in Debian's Chromium (Playwright), opens the search page with a
  one-word query, counting the bytes of every response until the results are listed (everything:
  the page, its styles and scripts, Pagefind's library, WebAssembly and index chunks), and the
  search code (Pagefind's files and ``search.js``) an event page and the home page load;
* runs ``build.py serve`` on the chronology, edits one event's title and times how long until the
  event's page, fetched over HTTP, shows the new title (the edit-to-visible time).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402
import serve as serving  # noqa: E402  (bench/serve.py: how serve says where it serves)

from chronology.search import Indexer, pagefind_binary  # noqa: E402
from chronology.search_records import records  # noqa: E402
from chronology.site import build_site  # noqa: E402

LIMIT = 500_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def page_sizes(site: Path) -> None:
    sizes = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    print(f"pages: {len(sizes)}; largest:")
    for size, path in sizes[:5]:
        print(f"  {size / 1000:8.1f} KB  {path}")
    over = [path for size, path in sizes if size > LIMIT]
    print(f"pages over {LIMIT // 1000} KB: {len(over)}" + ("".join(f"\n  {p}" for p in over[:20]) if over else ""))


#: What each response a search fetches is, by the start of its path in the site.
KINDS = (
    ("pagefind/pagefind.js", "Pagefind's library"),
    ("pagefind/pagefind-worker.js", "Pagefind's worker"),
    ("pagefind/pagefind-entry.json", "Pagefind's entry"),
    ("pagefind/wasm.", "Pagefind's WebAssembly"),
    ("pagefind/pagefind.", "Pagefind's metadata (pf_meta)"),
    ("pagefind/index/", "index chunks"),
    ("pagefind/filter/", "filter chunks"),
    ("pagefind/fragment/", "result fragments"),
    ("assets/search.js", "search.js"),
)


def kind_of(path: str) -> str:
    """What a fetched file is, for the breakdown of a search's bytes."""
    return next((kind for prefix, kind in KINDS if path.startswith(prefix)), "the page and its styles and scripts")


def fetched(site: Path, path: str, wait: str | None = None) -> tuple[list[tuple[str, int, int]], float, str]:
    """Open ``path`` of ``site`` in Chromium, served on loopback: every response's path, its bytes as
    sent here (no compression) and as a host that compresses text would send them (Pagefind's data
    files are compressed already), the seconds until ``wait`` showed, and the search status line."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    got: list[tuple[str, int, int]] = []

    def keep(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # a response without a body (a redirect)
            body = b""
        packed = body.startswith(b"\x1f\x8b")
        got.append((response.url.removeprefix(base), len(body), len(body) if packed else len(gzip.compress(body))))

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            try:
                context = browser.new_context()
                context.on("response", keep)
                page = context.new_page()
                started = time.monotonic()
                page.goto(base + path, wait_until="load")
                if wait:
                    page.wait_for_selector(wait, timeout=120_000)
                took = time.monotonic() - started
                page.wait_for_timeout(500)  # anything fetched after the results show counts too
                status = page.locator("[data-search-status]").inner_text() if wait else ""
                context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    return got, took, status


def search_bytes(site: Path, word: str) -> tuple[list[tuple[str, int, int]], float, str]:
    """What a reader's browser fetches to search ``site`` for ``word`` (see ``fetched``)."""
    return fetched(site, f"search.html?q={word}", "[data-search-status]:has-text('for')")


def by_kind(got: list[tuple[str, int, int]]) -> dict[str, tuple[int, int, int]]:
    """The responses summed by what they are: (files, bytes, compressed bytes)."""
    kinds: dict[str, tuple[int, int, int]] = {}
    for path, size, packed in got:
        files, total, zipped = kinds.get(kind_of(path), (0, 0, 0))
        kinds[kind_of(path)] = (files + 1, total + size, zipped + packed)
    return kinds


def reader_bytes(site: Path, word: str) -> None:
    got, took, status = search_bytes(site, word)
    total, sent = sum(g[1] for g in got), sum(g[2] for g in got)
    print(
        f"search page, query {word!r}: {len(got)} responses, {total / 1000:.1f} KB in all "
        f"({sent / 1000:.1f} KB compressed); {took:.2f} s\n  {status}"
    )
    for kind, (files, size, packed) in sorted(by_kind(got).items(), key=lambda item: -item[1][1]):
        plural = "s" * (files != 1)
        print(f"  {size / 1000:8.1f} KB ({packed / 1000:6.1f} KB compressed)  {kind} ({files} file{plural})")
    for label, path in (
        ("home page", ""),
        ("an event page", sorted(site.glob("events/*/index.html"))[0].parent.relative_to(site).as_posix() + "/"),
    ):
        got, took, _ = fetched(site, path)
        search = sum(size for url, size, _ in got if kind_of(url) != "the page and its styles and scripts")
        print(
            f"{label}: {len(got)} responses, {sum(g[1] for g in got) / 1000:.1f} KB in all, "
            f"of which search code and index {search / 1000:.1f} KB; {took:.2f} s"
        )


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def index_alone(root: Path, site: Path) -> None:
    """Time the search index alone, both ways: Pagefind's service fed the chronology's records (as
    the build does it, beside the pages) and Pagefind's command run over the built site's HTML (as
    builds did it before, after the pages), each into a folder of its own; wall-clock and CPU time
    (this process's and Pagefind's)."""
    from chronology.check import check_project

    chronology = check_project(root).chronology
    assert chronology is not None
    with tempfile.TemporaryDirectory() as temp:
        wall, cpu, children = time.monotonic(), time.process_time(), _cpu_children()
        indexer = Indexer(records(chronology), Path(temp) / "records", "en")
        handed = time.monotonic() - wall
        pages = indexer.finish(600)
        print(
            f"Pagefind's service on the records: {pages} records in {time.monotonic() - wall:.1f} s "
            f"(handed over in {handed:.1f} s); CPU {time.process_time() - cpu:.1f} s here, "
            f"{_cpu_children() - children:.1f} s Pagefind"
        )
        wall, children = time.monotonic(), _cpu_children()
        done = subprocess.run(
            [str(pagefind_binary()), "--site", str(site), "--output-path", str(Path(temp) / "html")],
            capture_output=True,
            text=True,
            check=True,
        )
        indexed = re.search(r"Indexed ([0-9]+) page", done.stdout)
        print(
            f"Pagefind's command on the built site: {indexed.group(1) if indexed else '?'} pages in "
            f"{time.monotonic() - wall:.1f} s; CPU {_cpu_children() - children:.1f} s Pagefind"
        )


def serve_edit(root: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--dev-addr", serving.DEV_ADDR],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    stderr = process.stderr
    assert stderr is not None
    threading.Thread(target=lambda: lines.extend(line.rstrip() for line in stderr), daemon=True).start()
    try:
        started = time.monotonic()
        while not (announced := [line for line in lines if re.match(serving.SERVING, line)]):
            time.sleep(0.2)
            if process.poll() is not None:
                raise SystemExit("serve stopped:\n" + "\n".join(lines[-20:]))
        base = serving.announced_url(announced[0])
        print(f"serve: first build {time.monotonic() - started:.1f} s")
        event = sorted((root / "events").glob("*.yaml"))[len(list((root / "events").glob("*.yaml"))) // 2]
        text = event.read_text("utf-8")
        url = f"{base}events/{event.stem}/"
        for n in range(3):
            title = f"An edit to time number {n}"
            edited = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
            started = time.monotonic()
            event.write_text(edited, "utf-8")
            while True:
                with urllib.request.urlopen(url, timeout=60) as response:
                    if title in response.read().decode("utf-8"):
                        break
                time.sleep(0.05)
            print(f"serve: edit {n + 1} visible after {time.monotonic() - started:.2f} s")
            time.sleep(1)
        print("\n".join(line[:300] for line in lines if line.startswith("serve: checked")))
        event.write_text(text, "utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--word", default="statement")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--index-only", action="store_true", help="only time the search index, both ways")
    args = parser.parse_args()
    root = args.out or REPO / "bench" / "out" / str(args.n)
    if not generate.is_current(root, args.n, 0):
        generate.generate(args.n, root)
    generate.copy_scaffolding(root)
    site = root / "site"
    if args.index_only:
        index_alone(root, site)
        return 0
    if not args.skip_build:
        started = time.monotonic()
        assert build_site(root) == 0
        print(f"build: {time.monotonic() - started:.1f} s")
        index_alone(root, site)
    page_sizes(site)
    reader_bytes(site, args.word)
    if not args.skip_serve:
        serve_edit(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
