"""Each data file's own check for a whole project: from the cache when the file and the checker
are unchanged, otherwise checked (in worker processes when there are many) and cached.
"""

from __future__ import annotations

import os
import pickle
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
    if not known and store.is_empty():
        return _check_first(root, files, store)
    statuses: dict[str, tuple[tuple[int, ...], str]] = {}
    keys: list[str | None] = []
    prefix = len(str(root)) + 1
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
        for i, (result, checked_key, _) in zip(batch, checked, strict=True):
            results[i] = result
            # Cache only what was checked from the very content the key was made from.
            if checked_key and keys[i] == checked_key:
                store.put(checked_key, result)
    store.save()
    if statuses != known:
        store.remember_files(statuses)
    return [(r, key) for r, key in zip(results, keys, strict=True) if r is not None]


def _check_first(root: Path, files: list[tuple[str, Path]], store: cache.Cache) -> list[tuple[FileResult, str | None]]:
    """``check_files`` with nothing cached (a first check): no file is read or even looked at
    here. The files go out by their cache shard (``cache.shard_of``, known from their paths), and
    whoever checks a shard's files writes the shard: the workers, in parallel, where this process
    would write every shard alone after them (2.2 s of one core at 100,000 files)."""
    prefix = len(str(root)) + 1
    by_shard: dict[str, list[int]] = {}
    for i, (kind, path) in enumerate(files):
        by_shard.setdefault(cache.shard_of(kind, str(path)[prefix:]), []).append(i)
    shards = sorted(by_shard)
    share = len(files) >= PARALLEL_FROM and workers.can_share()
    # Many small tasks rather than one per core (see check_files); a task is whole shards.
    size = max(50, len(files) // (workers.usable_cores() * 32)) if share else len(files)
    tasks: list[list[str]] = [[]]
    in_task = 0  # files in the last task
    for shard in shards:
        if in_task >= size:
            tasks.append([])
            in_task = 0
        tasks[-1].append(shard)
        in_task += len(by_shard[shard])
    store.prepare()
    jobs = [(root, [(shard, [files[i] for i in by_shard[shard]]) for shard in task]) for task in tasks]
    done = workers.spread(_check_shards, jobs) if share else [_check_shards(job) for job in jobs]
    results: list[tuple[FileResult, str | None]] = [None] * len(files)  # type: ignore[list-item]
    statuses: dict[str, tuple[tuple[int, ...], str]] = {}
    written = False
    for task, checked_shards in zip(tasks, done, strict=True):
        for shard, (made, checked) in zip(task, checked_shards, strict=True):
            store.taken(shard, made.entries)
            written = written or bool(made.entries)
            keyed = iter(made.entries.items())  # in the order of the shard's files
            for i, each in zip(by_shard[shard], checked, strict=True):
                if isinstance(each, FileResult):
                    results[i] = each, None
                    continue
                key, result = next(keyed)
                results[i] = result, key
                if each is not None:
                    statuses[str(files[i][1])[prefix:]] = (each, key)
    if written:
        store.prune()  # as ``save`` does when it writes a shard
    if statuses:
        store.remember_files(statuses)
    return results


class _Shard:
    """A shard's entries, sent from the worker that wrote the shard as the very pickle it wrote:
    pickled again, it is sent as those bytes, and read back by the pool's own reading of the
    results, while the workers go on, rather than by this process alone after them."""

    def __init__(self, entries: dict[str, FileResult], payload: bytes | None = None) -> None:
        self.entries = entries
        self.payload = payload

    def __reduce__(self) -> tuple[Callable[[bytes], _Shard], tuple[bytes]]:
        assert self.payload is not None  # only the workers' are sent
        return _read_shard, (self.payload,)


def _read_shard(payload: bytes) -> _Shard:
    return _Shard(pickle.loads(payload))


def _check_shards(task: tuple[Path, list[tuple[str, list[tuple[str, Path]]]]]) -> list[tuple[_Shard, list[_Checked]]]:
    """The files of some cache shards checked (see ``_check_first``), and each shard written: for
    each shard, its entries (the results of the files that have a key, by key, in the files'
    order), and for each file its status, or its result if it has no key (it could not be read, and
    is never cached). Each key is sent once, in the entries: 100,000 keys sent twice are 9 MiB more."""
    root, shards = task
    store = cache.Cache(root, "check", cache.code_version())
    made = []
    for shard, batch in shards:
        checked = _check_batch((root, batch))
        entries = {key: result for result, key, _ in checked if key is not None}
        each: list[_Checked] = [current if key is not None else result for result, key, current in checked]
        made.append((_Shard(entries, store.write_made(shard, entries)), each))
    return made


#: What a first check's worker sends for each file besides its shard's entries: the file's status
#: (see ``file_status``), or, for a file without a key, its result.
_Checked = tuple[int, ...] | None | FileResult


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
