"""``python build.py serve`` serves the site and rebuilds it when the data changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.test_site import ROOT, copy_project

EVENT = "events/2022-11-s300-lands-in-poland.yaml"
URL_PATH = "events/2022-11-s300-lands-in-poland/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, wait_for: str, timeout: float = 30.0) -> str:
    """The page at ``url`` once it contains ``wait_for`` (polling, bounded by ``timeout``)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wait_for in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {wait_for!r}; last body began {last[:200]!r}")


def test_serve_rebuilds_when_an_event_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{URL_PATH}"
        fetch(url, "An S-300 believed to have strayed")
        event = project / EVENT
        event.write_text(
            event.read_text("utf-8").replace("title: An S-300 believed", "title: A changed S-300 believed"), "utf-8"
        )
        fetch(url, "A changed S-300 believed")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.stderr is not None
    assert "Traceback" not in server.stderr.read()
