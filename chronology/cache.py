"""Cache: results of checking each file, kept in ``.cache/`` and keyed by what they were made from.

A key is a hash of the file's path and content and of the checker's own code (``code_version``):
change either and the key changes, so an entry never outlives what it was made from. Entries live
in shard files (``.cache/NAME/VERSION/xx.pickle``, by the key's first two hex digits, which come
from the file's path: see ``shard_of``), each with a checksum, written whole to a temporary file
and renamed into place, so a run that is interrupted or runs beside another never leaves a
half-written shard. A shard that is unreadable, truncated or fails its checksum is ignored, never
trusted: its files are simply checked again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

#: The folder, in the project, of every cache (git-ignored).
FOLDER = ".cache"
_MAGIC = b"chronology-cache-1\n"
_DIGEST = 32


@cache
def code_version() -> str:
    """A hash of the package's code and schemas, Python's version, and the libraries a check uses."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("schemas/*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(sys.version.encode())
    for name in ("pyyaml", "jsonschema", "fastjsonschema", "markdown", "tzdata"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


#: A file changed less than this long before its status is taken may change again within the
#: same timestamp without its size changing: its status is not kept, so it is read again next time.
SETTLED_NS = 2_000_000_000


def status(info: os.stat_result, now_ns: int) -> tuple[int, ...] | None:
    """What tells that a file is unchanged without reading it: its size, inode, and modification
    and status-change times (the latter no program can set back); None for a file changed too
    recently for them to tell (see ``SETTLED_NS``)."""
    if now_ns - max(info.st_mtime_ns, info.st_ctime_ns) < SETTLED_NS:
        return None
    return (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)


class Cache:
    """One named cache of a project, for one version of the code that fills it."""

    def __init__(self, root: Path, name: str, version: str) -> None:
        self.base = root / FOLDER / name
        self.folder = self.base / version
        self.version = version
        self.shards: dict[str, dict[str, Any]] = {}
        self.used: dict[str, dict[str, Any]] = {}  # what this run read or wrote, by shard
        self.dirty: set[str] = set()
        self.statuses: dict[str, tuple[tuple[int, ...], str]] | None = None  # see files()
        #: Called on each entry of a shard as it is read, for a run that needs less of each entry
        #: than is kept (``shed``); a shard so read is read again from disk before it is written.
        self.shed: Callable[[Any], None] | None = None
        self.added: dict[str, dict[str, Any]] = {}  # what this run wrote, by shard
        self.shedded: set[str] = set()

    def key(self, kind: str, rel: str, content: bytes | None) -> str | None:
        """The key of a file's result; None when there is no content to key it by. Its first two
        hex digits, which name its shard, are the file's own (``shard_of``): its content is in the rest."""
        if content is None:
            return None
        digest = hashlib.blake2b(digest_size=19)
        digest.update(_named(kind, rel) + b"\0")
        digest.update(content)
        return shard_of(kind, rel) + digest.hexdigest()

    def get(self, key: str) -> Any:
        """The entry under ``key``, or None."""
        shard = key[:2]
        if shard not in self.shards:
            self.shards[shard] = self._load(shard)
            if self.shed is not None:
                for entry in self.shards[shard].values():
                    self.shed(entry)
                self.shedded.add(shard)
        value = self.shards[shard].get(key)
        if value is not None:
            self.used.setdefault(shard, {})[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key`` (written by ``save``, and found by ``get`` from now on, by
        this cache and by a process that keeps it from check to check)."""
        if key[:2] in self.shards:
            self.shards[key[:2]][key] = value
        self.used.setdefault(key[:2], {})[key] = value
        self.added.setdefault(key[:2], {})[key] = value
        self.dirty.add(key[:2])

    def add(self, key: str, value: Any) -> None:
        """``put`` for a run that does not look at every file: the other entries of the shard are
        kept too when it is written, not dropped as unused."""
        shard = key[:2]
        if shard not in self.shards:
            self.shards[shard] = self._load(shard)
        self.used.setdefault(shard, {}).update(self.shards[shard])
        self.put(key, value)

    def save(self) -> None:
        """Write the shards that gained entries (with only the entries this run used, so that
        stale ones go), and remove the caches of other versions of the code. Failing to write a
        cache never fails the check: the next run just has less in it."""
        if not self.dirty:
            return
        try:
            self._prepare()
            for shard in sorted(self.dirty):
                entries = self.used[shard]
                if shard in self.shedded:  # what this run kept of its entries is not all there is
                    whole = self._load(shard)
                    entries = {key: whole[key] for key in entries if key in whole} | self.added.get(shard, {})
                self._write(shard, entries)
            self._prune()
        except OSError:
            pass
        self.dirty.clear()
        self.added.clear()

    def write_made(self, shard: str, entries: dict[str, Any]) -> bytes:
        """Write ``entries`` as the whole of ``shard``, for a process other than the one that keeps
        the cache (a first check's worker: see ``file_results.check_files``); the shard's pickle,
        from which the keeping process takes the entries (``taken``). Failing to write never fails a
        check."""
        payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        if entries:  # as ``save`` writes no shard that gained nothing
            with suppress(OSError):
                self._write(shard, payload)
        return payload

    def taken(self, shard: str, entries: dict[str, Any]) -> None:
        """Count ``entries``, written by another process as the whole of ``shard`` (``write_made``),
        as this run's own, as ``put`` would, without writing them again."""
        if shard in self.used:
            self.used[shard].update(entries)
        else:
            self.used[shard] = entries  # not copied: a large first check's would be 100,000 entries more

    def prepare(self) -> None:
        """Make the cache's folder, for other processes to write shards in (``write_made``)."""
        with suppress(OSError):
            self._prepare()

    def prune(self) -> None:
        """Remove what other versions of the code kept under this cache's name."""
        with suppress(OSError):
            self._prune()

    def is_empty(self) -> bool:
        """True when nothing is kept for this version of the code."""
        try:
            return not any(self.folder.iterdir())
        except OSError:
            return True

    def files(self) -> dict[str, tuple[tuple[int, ...], str]]:
        """What ``remember_files`` kept: each file's last known status (see ``status``) and key."""
        if self.statuses is None:
            self.statuses = {
                rel: entry
                for rel, entry in self._load("files").items()
                if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], str)
            }
        return self.statuses

    def remember_files(self, entries: dict[str, tuple[tuple[int, ...], str]]) -> None:
        """Keep the status and key of each file (written at once, whole), so that the next run can
        take the key of a file whose status is unchanged without reading the file."""
        self.statuses = entries
        try:
            self._prepare()
            self._write("files", entries)
        except OSError:
            pass

    def read_whole(self, name: str) -> Any:
        """What ``write_whole`` kept under ``name``, or None."""
        return self._load(name).get(name)

    def write_whole(self, name: str, value: Any) -> None:
        """Keep ``value`` whole under ``name`` (None: remove what was kept), and remove what other
        versions of the code kept; failing to write never fails a check."""
        try:
            if value is None:
                (self.folder / f"{name}.pickle").unlink(missing_ok=True)
                return
            self._prepare()
            self._write(name, {name: value})
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        """Remove what other versions of the code kept under this cache's name."""
        for other in self.base.iterdir():
            if other.name != self.version:
                shutil.rmtree(other, ignore_errors=True)

    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.base.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")

    def _load(self, shard: str) -> dict[str, Any]:
        try:
            raw = (self.folder / f"{shard}.pickle").read_bytes()
        except OSError:
            return {}
        start = len(_MAGIC) + _DIGEST
        head, digest, payload = raw[: len(_MAGIC)], raw[len(_MAGIC) : start], raw[start:]
        if head != _MAGIC or hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
            return {}
        try:
            entries = pickle.loads(payload)
        except Exception:  # a shard from elsewhere that still passed its checksum: ignore it too
            return {}
        return entries if isinstance(entries, dict) else {}

    def _write(self, shard: str, entries: dict[str, Any] | bytes) -> None:
        """Write a shard (its entries, or their pickle) whole, under a temporary name renamed into place."""
        handle, temporary = tempfile.mkstemp(prefix=f".{shard}-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                # Pickled straight into the file, its checksum made on the way and written in the
                # place kept for it: a large shard is never held in memory as one string of bytes.
                out.write(_MAGIC + bytes(_DIGEST))
                summing = _Summing(out)
                if isinstance(entries, bytes):
                    summing.write(entries)
                else:
                    pickle.dump(entries, summing, protocol=pickle.HIGHEST_PROTOCOL)
                out.seek(len(_MAGIC))
                out.write(summing.digest.digest())
            os.replace(temporary, self.folder / f"{shard}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


#: How many shards a cache has. A first check's worker sends what it checked as the pickle of a
#: shard (see ``file_results.check_files``), and the texts a shard's files share (ids, roles,
#: tags) are one object each in it: shards for about 1,600 files each at 100,000 files keep those
#: texts as few objects as the workers' batches did; a quarter as large ones took 44 MiB more.
SHARDS = 64


def shard_of(kind: str, rel: str) -> str:
    """The shard of a file's entry (the first two hex digits of its key): made of the file's kind
    and path alone, so that which files share a shard is known before any is read, and a first
    check's workers can each check and write whole shards (see ``file_results.check_files``)."""
    return f"{hashlib.blake2b(_named(kind, rel), digest_size=1).digest()[0] % SHARDS:02x}"


def _named(kind: str, rel: str) -> bytes:
    # A name that is not UTF-8 holds the bytes Python could not decode as surrogates: encoded back.
    return kind.encode() + b"\0" + rel.encode("utf-8", "surrogateescape")


class _Summing:
    """A file to write to that keeps the checksum of what was written."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.digest = hashlib.blake2b(digest_size=_DIGEST)

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.out.write(data)
