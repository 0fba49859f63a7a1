#!/usr/bin/env python3
"""What a reader downloads, and how fast ``serve`` shows an edit, on a synthetic chronology.

    python bench/reader.py N [--word WORD] [--skip-build] [--skip-serve]

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
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402

from chronology.search import index_site  # noqa: E402
from chronology.site import build_site  # noqa: E402

LIMIT = 500_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def reader_bytes(site: Path, word: str) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            for label, path, wait in (
                (f"search page, query {word!r}", f"search.html?q={word}", "[data-search-status]:has-text('for')"),
                ("home page", "", None),
                ("an event page", next(p for p in sorted(site.glob("events/*/index.html"))), None),
            ):
                context = browser.new_context()
                got: list[tuple[str, int]] = []

                gzipped: list[tuple[str, int]] = []

                def keep(
                    response: Any, got: list[tuple[str, int]] = got, gzipped: list[tuple[str, int]] = gzipped
                ) -> None:
                    try:
                        body = response.body()
                    except Exception:  # a response without a body (a redirect)
                        body = b""
                    got.append((response.url, len(body)))
                    packed = body.startswith(b"\x1f\x8b") or response.url.endswith(
                        (".pagefind", ".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment")
                    )
                    gzipped.append((response.url, len(body) if packed else len(gzip.compress(body))))

                context.on("response", keep)
                page = context.new_page()
                target = path if isinstance(path, str) else path.parent.relative_to(site).as_posix() + "/"
                started = time.monotonic()
                page.goto(base + target, wait_until="load")
                if wait:
                    page.wait_for_selector(wait, timeout=120_000)
                took = time.monotonic() - started
                page.wait_for_timeout(500)
                total = sum(size for _, size in got)
                # What a host that compresses text (as GitHub Pages does) would send: Pagefind's own
                # data files are compressed already.
                sent = sum(zipped for _, zipped in gzipped)
                search = sum(size for url, size in got if "/pagefind/" in url or url.endswith("search.js"))
                print(
                    f"{label}: {len(got)} responses, {total / 1000:.1f} KB in all ({sent / 1000:.1f} KB gzipped), "
                    f"of which search code and index {search / 1000:.1f} KB; {took:.2f} s"
                )
                if wait:
                    print("  " + page.locator("[data-search-status]").inner_text())
                    for url, size in sorted(got, key=lambda item: -item[1])[:8]:
                        print(f"  {size / 1000:8.1f} KB  {url.removeprefix(base)}")
                context.close()
        finally:
            browser.close()
            server.shutdown()


def serve_edit(root: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert process.stderr is not None
    threading.Thread(target=lambda: lines.extend(line.rstrip() for line in process.stderr), daemon=True).start()
    try:
        started = time.monotonic()
        while not any(line.startswith("serving the site at") for line in lines):
            time.sleep(0.2)
            if process.poll() is not None:
                raise SystemExit("serve stopped:\n" + "\n".join(lines[-20:]))
        print(f"serve: first build {time.monotonic() - started:.1f} s")
        event = sorted((root / "events").glob("*.yaml"))[len(list((root / "events").glob("*.yaml"))) // 2]
        text = event.read_text("utf-8")
        url = f"http://127.0.0.1:{port}/events/{event.stem}/"
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
    args = parser.parse_args()
    root = args.out or REPO / "bench" / "out" / str(args.n)
    if not generate.is_current(root, args.n, 0):
        generate.generate(args.n, root)
    generate.copy_scaffolding(root)
    site = root / "site"
    if not args.skip_build:
        started = time.monotonic()
        assert build_site(root) == 0
        print(f"build: {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        pages = index_site(site)
        print(f"Pagefind alone: {pages} pages indexed in {time.monotonic() - started:.1f} s")
    page_sizes(site)
    reader_bytes(site, args.word)
    if not args.skip_serve:
        serve_edit(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
