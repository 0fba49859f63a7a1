"""Each data file's own check for a whole project: from the cache when the file and the checker
are unchanged, otherwise checked (in worker processes when there are many) and cached.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chronology import cache, workers
from chronology.file_check import FileResult, check_one
from chronology.load import (
    MAX_DATA_BYTES,
)

#: Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_FROM = 400


def open_cache(root: Path, name: str, kept: dict[str, cache.Cache]) -> cache.Cache:
    """The project's named cache, the one kept in ``kept`` (made on first use), so that a process
    that checks the project again and again (``serve``) reads it from disk only once."""
    if name not in kept:
        kept[name] = cache.Cache(root, name, cache.code_version())
    return kept[name]


def check_files(
    root: Path,
    files: list[tuple[str, Path]],
    kept: dict[str, cache.Cache],
    shed: Callable[[Any], None] | None = None,
) -> list[tuple[FileResult, str | None]]:
    """Each file's own check, with its cache key (None: its content could not be read), in the order
    given: from the cache when the file's content and the checker are unchanged, otherwise checked
    (in worker processes when there are many) and cached.
    ``shed``: what to drop from each cached result as it is read (see ``cache.Cache.shed``)."""
    store = open_cache(root, "check", kept)
    store.shed = shed
    known = store.files()
    # With nothing cached (a first check), no file is read or even looked at here: the workers take
    # each file's status and make its key from the bytes they check.
    cold = not known and store.is_empty()
    statuses: dict[str, tuple[tuple[int, ...], str]] = {}
    keys: list[str | None] = []
    prefix = len(str(root)) + 1
    if cold:
        keys = [None] * len(files)
    else:
        now = time.time_ns()
        for kind, path in files:
            rel = str(path)[prefix:]  # as relative_to() gives it, for paths made under root
            current = file_status(path, now)
            last = known.get(rel)
            if current is not None and last is not None and last[0] == current:
                key: str | None = last[1]  # unchanged since its key was made: not read again
            else:
                key = store.key(kind, rel, read_data(path))
            keys.append(key)
            if key is not None and current is not None:
                statuses[rel] = (current, key)
    results: list[FileResult | None] = [store.get(key) if key else None for key in keys]
    missing = [i for i, result in enumerate(results) if not isinstance(result, FileResult)]
    if len(missing) >= PARALLEL_FROM and workers.can_share():
        # Many small batches rather than one per core: the cores end together, within a small batch
        # of each other, where with a few large ones one could work on alone for seconds at the end.
        size = max(50, len(missing) // (workers.usable_cores() * 32))
        batches = [missing[i : i + size] for i in range(0, len(missing), size)]
        done = workers.spread(_check_batch, [(root, [files[i] for i in batch]) for batch in batches])
    else:
        batches = [missing]
        done = [_check_batch((root, [files[i] for i in missing]))]
    for batch, checked in zip(batches, done, strict=True):
        for i, (result, checked_key, current) in zip(batch, checked, strict=True):
            results[i] = result
            key = keys[i]
            if cold and checked_key is not None:
                key = keys[i] = checked_key  # made by the worker from the bytes it checked
                if current is not None:
                    statuses[str(files[i][1])[prefix:]] = (current, key)
            # Cache only what was checked from the very content the key was made from.
            if key and key == checked_key:
                store.put(key, result)
    store.save()
    if statuses != known:
        store.remember_files(statuses)
    return [(r, key) for r, key in zip(results, keys, strict=True) if r is not None]


def file_status(path: Path, now: int) -> tuple[int, ...] | None:
    """What tells that a regular file is unchanged without reading it (see ``cache.status``);
    None for one that cannot be looked at, is not a regular file, or changed too recently."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return cache.status(info, now) if stat.S_ISREG(info.st_mode) else None


def _check_batch(
    task: tuple[Path, list[tuple[str, Path]]],
) -> list[tuple[FileResult, str | None, tuple[int, ...] | None]]:
    """Each file's own check, with the cache key of the very bytes it checked (None when it could
    not read them: see ``read_data``) and the file's status, taken before they were read (see
    ``file_status``): looked at, read and hashed once, here, in the worker (see ``check_files``)."""
    root, batch = task
    store = cache.Cache(root, "check", cache.code_version())  # for its keys: nothing is read or written
    checked = []
    prefix = len(str(root)) + 1
    for kind, path in batch:
        # Taken before the file is read: a change between the two is then seen by the next check,
        # as a status that no longer matches, rather than kept with a key of the content before it.
        current = file_status(path, time.time_ns())
        raw = read_data(path)
        result = check_one(root, kind, path, raw)
        # The path's text under the root, as check_files makes it for the keys it looks up.
        checked.append((result, store.key(kind, str(path)[prefix:], raw), current))
    return checked


def read_data(path: Path) -> bytes | None:
    """A data file's bytes, for its check and its cache key; None (never cached, and read again by
    the check, which says why) when it cannot be read or is too large."""
    return read_regular(path, MAX_DATA_BYTES)


def read_regular(path: Path, limit: int | None) -> bytes | None:
    """A file's bytes; None when it cannot be read, is not a regular file, or is larger than
    ``limit`` (None: of any size)."""
    try:
        # Opened without waiting for a writer (a pipe would), and read only if a regular file: one
        # opening and one status, where pathlib's stat() and read_bytes() take two of each.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or (limit is not None and status.st_size > limit):
            return None  # a pipe would never end; what is refused is refused again each time
        chunks = []
        while chunk := os.read(descriptor, status.st_size + 1):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)
