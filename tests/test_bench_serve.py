"""The serve benchmarks (``bench/serve.py``, ``bench/reader.py``) serve on the port serve announces.

Each asks ``build.py serve`` for port 0, the system's choice of a free port, and reads the port
from serve's announcement: a port chosen by the benchmark and freed for serve to bind could be taken
by another process meanwhile.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.conftest import bench_module
from tests.test_site import copy_project


def test_the_address_is_read_from_serve_s_announcement() -> None:
    serve = bench_module("serve")
    line = "serving the site at http://127.0.0.1:40123/ (Ctrl+C stops)"
    assert serve.announced_url(line) == "http://127.0.0.1:40123/"
    assert serve.announced_url("serving the site at http://localhost:8000/") == "http://localhost:8000/"
    for other in (
        "serving the site at http://127.0.0.1:0/ (Ctrl+C stops)",  # the port asked for, not the one bound
        "serving the site at http://127.0.0.1:99999/",
        "INFO: serving the site at http://127.0.0.1:8000/",
        "build.py: cannot serve on 127.0.0.1:0: [Errno 98] Address already in use",
    ):
        with pytest.raises(ValueError, match="not serve's announcement"):
            serve.announced_url(other)
    # Both benchmarks ask for port 0 and read the same announcement.
    assert serve.DEV_ADDR.endswith(":0")
    assert bench_module("reader").serving is serve


def test_the_benchmark_serves_where_serve_says(tmp_path: Path) -> None:
    serve = bench_module("serve")
    server = serve.Serve(copy_project(tmp_path / "project"), tmp_path / "timings.jsonl")
    try:
        url = server.ready()
        assert url == server.url and not url.endswith(":0/")
        with urllib.request.urlopen(url, timeout=60) as response:
            assert response.status == 200
    finally:
        server.stop()
