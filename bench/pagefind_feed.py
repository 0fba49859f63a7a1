#!/usr/bin/env python3
"""Benchmark: what Pagefind's service costs for each way of handing it the search records.

    .venv/bin/python bench/pagefind_feed.py                         # 12,500, 25,000 and 50,000 records
    .venv/bin/python bench/pagefind_feed.py --counts 12505 --ways records,directory --repeat 3 --write

The records are the real ones of the generated 10,000-event chronology (``bench/out/10000``, made
by ``bench/generate.py`` if missing), made by ``chronology/search_records.py``; larger counts repeat
them with a suffix on each address (``/events/x-1/``), so that addresses keep the lengths and the
common beginnings of real ones. Each run starts ``pagefind --service``, sends a new index and the
records one of three ways, and waits for the last answer. The service runs on one core, as the
build runs it (``--every-core``: on all of them, as it was run before the build did so):

* ``records``: one ``AddRecord`` request per record, what ``chronology/search.py`` sends;
* ``file``: one ``AddFile`` request per record, the record written as a small HTML page (its
  metadata, filters and sort key as ``data-pagefind-*[content]`` tags);
* ``directory``: those pages written as ``<address>/index.html`` into a temporary folder (on
  ``$TMPDIR``), and one ``AddDir`` request for the folder.

Without ``--write`` the last request only stands for the end of the adding (a second, empty index),
so the figures are those of adding alone; with it, the last request writes the index. Reported: the
Pagefind process's CPU time (user and system, from ``wait4``) and its peak resident set; the
feeding process's CPU time (making the requests, writing and removing the pages). The ways are run
alternately, ``--repeat`` times each, because the machine may be shared.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from chronology.check import check_project
from chronology.search import _message, pagefind_binary, start_service
from chronology.search_records import Record, records

WAYS = ("records", "file", "directory")


def real_records(events: int) -> list[Record]:
    """The records of the generated chronology of ``events`` events."""
    root = Path(__file__).resolve().parent / "out" / str(events)
    if not generate.is_current(root, events, 0, None):
        generate.generate(events, root, 0, None)
    result = check_project(root)
    if result.chronology is None:
        raise SystemExit(f"{root}: the generated chronology has errors")
    return list(records(result.chronology))


def scaled(base: list[Record], count: int) -> list[Record]:
    """``count`` records: ``base`` over and over, each copy's addresses suffixed ``-1``, ``-2``, ..."""
    out = []
    for number in range(count):
        copy, record = divmod(number, len(base))
        one = base[record]
        out.append(one if copy == 0 else replace(one, url=f"{one.url.rstrip('/')}-{copy}/"))
    return out


def page(record: Record) -> str:
    """``record`` as an HTML page from which Pagefind takes the same text, metadata, filters and sort."""

    def tag(kind: str, name: str, value: str) -> str:
        return f'<meta data-pagefind-{kind}="{name}[content]" content="{html.escape(value)}">'

    head = [tag("meta", k, v) for k, v in record.meta.items()]
    head += [tag("filter", k, v) for k, values in record.filters.items() for v in values]
    head += [tag("sort", k, v) for k, v in record.sort.items()]
    body = html.escape(record.content, quote=False)
    return f'<!DOCTYPE html><html lang="en"><head>{"".join(head)}</head><body><p>{body}</p></body></html>'


def requests(way: str, batch: list[Record], folder: Path) -> list[bytes]:
    """The requests after ``NewIndex`` that hand Pagefind ``batch`` the ``way`` named."""
    if way == "records":
        return [
            _message(
                number,
                {
                    "type": "AddRecord",
                    "index_id": 0,
                    "url": r.url,
                    "content": r.content,
                    "language": "en",
                    "meta": r.meta,
                    "filters": r.filters,
                    "sort": r.sort,
                },
            )
            for number, r in enumerate(batch, 1)
        ]
    if way == "file":
        return [
            _message(number, {"type": "AddFile", "index_id": 0, "url": r.url, "file_contents": page(r)})
            for number, r in enumerate(batch, 1)
        ]
    for r in batch:
        where = folder / r.url.strip("/")
        where.mkdir(parents=True, exist_ok=True)
        (where / "index.html").write_text(page(r), "utf-8")
    return [_message(1, {"type": "AddDir", "index_id": 0, "path": str(folder), "glob": None})]


def last_answer(answers: int, size: int) -> dict[str, Any] | None:
    """The last whole answer in the answers file, if any."""
    tail = os.pread(answers, 8192, max(0, size - 8192)).rpartition(b",")[0].rpartition(b",")[2]
    try:
        answer: dict[str, Any] = json.loads(base64.b64decode(tail))
    except ValueError:
        return None
    return answer


def run(
    way: str, batch: list[Record], write: bool, bundle: Path | None = None, every_core: bool = False
) -> dict[str, Any]:
    """One run of the service over ``batch``; its figures. With ``write``, the index is written
    into ``bundle`` (by default a temporary folder, removed with the pages). The service runs on one
    core, as the build runs it (``search.start_service``), or with ``every_core`` on all of them."""
    fed = time.process_time()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "pages"
        sent = [_message(0, {"type": "NewIndex", "config": {"force_language": "en"}})]
        sent += requests(way, batch, folder)
        last = len(sent)
        end = {"type": "WriteFiles", "index_id": 0, "output_path": str(bundle or Path(scratch) / "bundle")}
        sent.append(_message(last, end if write else {"type": "NewIndex", "config": {}}))
        data = b"".join(sent)
        fed = time.process_time() - fed
        with tempfile.TemporaryFile() as answers:
            service = start_service(pagefind_binary(), answers, every_core=every_core)
            assert service.stdin is not None
            service.stdin.write(data)
            service.stdin.flush()
            while (answer := last_answer(answers.fileno(), os.fstat(answers.fileno()).st_size)) is None or answer.get(
                "message_id"
            ) != last:
                if service.poll() is not None:
                    raise SystemExit(f"Pagefind ended (exit {service.returncode}) before answering")
                time.sleep(0.2)
            service.stdin.close()
            _, _, usage = os.wait4(service.pid, 0)
            errors = [a for a in answers_in(answers.fileno()) if a["payload"].get("type") == "Error"]
        removed = time.process_time()
    fed += time.process_time() - removed  # removing the pages is part of feeding them
    if errors:
        raise SystemExit(f"Pagefind refused what it was given: {errors[:3]}")
    return {
        "way": way,
        "records": len(batch),
        "pagefind_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "pagefind_user_s": round(usage.ru_utime, 2),
        "pagefind_peak_mib": round(usage.ru_maxrss / 1024),
        "feeding_cpu_s": round(fed, 2),
    }


def answers_in(answers: int) -> list[dict[str, Any]]:
    whole = os.pread(answers, 1 << 30, 0).rpartition(b",")[0]
    return [json.loads(base64.b64decode(a)) for a in whole.split(b",") if a]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pagefind's cost for each way of handing it the records.")
    parser.add_argument("--counts", default="12500,25000,50000", help="record counts (default: %(default)s)")
    parser.add_argument("--ways", default=",".join(WAYS), help="comma-separated, of: " + ", ".join(WAYS))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each way at each count (default: 1)")
    parser.add_argument("--write", action="store_true", help="also write the index (default: adding only)")
    parser.add_argument(
        "--every-core", action="store_true", help="run the service on every core (default: on one, as the build does)"
    )
    parser.add_argument("--events", type=int, default=10000, help="the generated chronology's size (default: 10000)")
    args = parser.parse_args(argv)
    ways = args.ways.split(",")
    if unknown := sorted(set(ways) - set(WAYS)):
        parser.error(f"unknown ways: {', '.join(unknown)}")
    base = real_records(args.events)
    print(f"{len(base)} records of {args.events} events; Pagefind at {pagefind_binary()}", flush=True)
    for count in (int(c) for c in args.counts.split(",")):
        batch = scaled(base, count)
        for _ in range(args.repeat):
            for way in ways:
                print(json.dumps(run(way, batch, args.write, every_core=args.every_core)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
