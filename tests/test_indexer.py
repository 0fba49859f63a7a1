"""The build's hold on Pagefind's service: a time limit that holds while the records are sent, a
sender that dies sending (never sent twice), and answers that are not answers.

A stand-in service (``PAGEFIND_BINARY_PATH``, which Pagefind's own package honours) plays each
fault; the real service is tested with the whole build (``tests/test_site.py``).
"""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from chronology import search, workers
from chronology.search_records import Record

#: Enough text that the requests overflow the pipe to a service that never reads them.
RECORDS = [Record(url=f"/events/{i}/", content="words " * 400, meta={"title": str(i)}) for i in range(200)]


@pytest.fixture(params=["forked", "here"])
def sender(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, alone: None) -> str:
    """The records sent by a forked worker, and from a thread of this process (``serve``, one core)."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2 if request.param == "forked" else 1)
    return str(request.param)


def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """A stand-in for Pagefind's service: ``script``, run by the shell."""
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\n" + script)
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))


def answer(message_id: int | None, payload: object) -> str:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()).decode() + ","


def test_a_service_that_stops_reading_fails_the_build_within_the_time_limit(
    sender: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service(tmp_path, monkeypatch, "exec sleep 60\n")
    indexer = search.Indexer(RECORDS, tmp_path / "bundle", "en")
    assert (indexer.here is None) == (sender == "forked")
    started = time.monotonic()
    with pytest.raises(PluginError, match="Pagefind did not take the records in time; the site was not indexed"):
        indexer.finish(timeout=1)
    assert time.monotonic() - started < 15  # the limit, and stopping the service (not its 60 s)
    assert indexer.process.poll() is not None


def _dies_sending(service_input, records, bundle, language):  # type: ignore[no-untyped-def]
    service_input.write(b"eyJtZXNzYWdlX2lk")  # a request cut off: its first bytes only
    service_input.flush()
    os._exit(1)


def test_a_sender_that_dies_sending_fails_the_build_and_sends_nothing_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setattr(search, "_send", _dies_sending)
    received = tmp_path / "received"
    service(tmp_path, monkeypatch, f"cat > {received}\n")
    indexer = search.Indexer(RECORDS, tmp_path / "bundle", "en")
    assert indexer.here is None  # sent by a forked worker
    with pytest.raises(PluginError, match="ended before it had sent them all; the site was not indexed"):
        indexer.finish(timeout=30)
    assert received.read_bytes() == b"eyJtZXNzYWdlX2lk"  # what the worker sent, once


def test_what_is_not_an_answer_is_passed_over(sender: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A service whose input ended mid-request writes ``null`` until it ends: not answers."""
    records = RECORDS[:2]  # requests 0 (the index), 1 and 2 (the records), 3 (writing it)
    null = base64.b64encode(b"null").decode() + ","
    answers = [null, answer(1, {"type": "IndexedFile"}), null, answer(2, {"type": "IndexedFile"})]
    written = answer(3, {"type": "WriteFiles", "output_path": "x"})
    # The service answers at once (two records' requests wait in the pipe), then reads until stopped.
    service(tmp_path, monkeypatch, f"printf '%s' '{''.join(answers)}{written}{null}{null}'\nexec cat > /dev/null\n")
    indexer = search.Indexer(records, tmp_path / "bundle", "en")
    assert indexer.finish(timeout=30) == 2
