"""Snapshot: what the last whole check found, kept so that the next check can answer from it.

Most edits change what only the edited file's own checks read: a title, a summary, a comment. The
checks across files read none of that (the fields the schemas mark ``x-local``), so after such an
edit their diagnostics are the same as before, save the lines and columns in the edited file. The
snapshot keeps, for every data file, its status, a digest of what the checks across files read of
it (``facts``) and its own diagnostics, and every diagnostic found across files with the file and
field it points at; ``check`` then checks the changed files alone, and answers from the snapshot
when their facts are unchanged.

When a record's facts changed (a tag, a reference, a quote, a date, a link), the checks across
files that read one record at a time are run again for that record alone, against the ``Index`` the
last check kept of what they read of all the others: the ids of each kind, how many events mention
each actor and place, which events link to each event and the sequence the links make, what each
actor is a member of, what each place is within and where it is, and each source's quoted spans.
The diagnostics of the other records that such an edit can change (an actor no longer mentioned, a
link whose dates no longer agree or that is now said twice, a place now within another country, a
source's coverage) are found again from it; so is a record added to a chronology without error
(where no reference was left unknown that it could now resolve), or an event, actor or place
removed from one when no other record refers to it. An event file refused (a contributor's slip
of the YAML, or a field its schema refuses) in a chronology whose only errors are refused files' is
answered as that event removed, which a whole check makes of it, with every warning of an unused
actor or place dropped, as a whole check drops them while an event cannot be read; the event
repaired, as if added, the warnings found again; the links other events make to it are kept, and
checked again with no date for it, then with its date once repaired. Anything else (another kind
of file refused, a record removed that others refer to, a source removed, an id changed, a
source's text touched, links, memberships or places that make a cycle) is checked whole, as
always, and the snapshot made again.

It is kept in the project's cache (see ``cache``), under the checker's code version, so a snapshot
is never read by another version of the checker.
"""

from __future__ import annotations

import dataclasses
import hashlib
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronology import cache
from chronology.diagnostics import Diagnostic
from chronology.load import DataPath

#: The name of the snapshot in the project's cache.
NAME = "snapshot"


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one source its quotes cover, as the check's summary gives it."""

    source: str
    sentences: int
    quoted: int
    percent: int


@dataclass(frozen=True, slots=True)
class Located:
    """A diagnostic found across files, with the field it points at in its file (to be located
    again when that file changes) and the other file whose position its hint gives, if any."""

    diagnostic: Diagnostic
    field: DataPath
    other: str | None = None
    #: The check that found it (``file_check.FileChecker.stage``).
    check: str = ""


@dataclass(slots=True)
class Snapshot:
    """What a whole check found, by file. It is read by every ``check`` and must load fast at
    100,000 files, so what there is one of per file is packed into bytes, in the files' order."""

    #: Every data file's path, in the order discovered.
    files: list[str]
    #: Each file's status when checked (``STATUS``; zeros: changed too recently to tell).
    statuses: bytes
    #: Each file's facts (``FACTS`` bytes, see ``file_check.facts``; zeros: the file was refused).
    facts: bytes
    #: Each file's own diagnostics, for the files that have any.
    own: dict[str, list[Diagnostic]]
    #: The status and digest of each source's text file, by the source's metadata file, the status
    #: taken before the check read the text (None when it could not be read: a whole check follows
    #: once it can).
    texts: dict[str, tuple[bytes, bytes] | None]
    #: The diagnostics found across files, by the file they point at.
    located: dict[str, list[Located]]
    #: Diagnostics about a source's text file, by the source's metadata file.
    about_texts: dict[str, list[Diagnostic]]
    counts: dict[str, int]
    #: Whether it found no error (only then does it have the sources' coverage).
    clean: bool
    coverage: tuple[Coverage, ...] = field(default_factory=tuple)
    #: Each file's cache key (``KEY`` bytes, see ``cache.Cache.key``; zeros: not known), by which the
    #: record the last check read is found again when its facts change.
    keys: bytes = b""

    def errors(self) -> bool:
        """Whether the check it holds found an error (``clean`` is the last whole check's)."""
        found = (*self.own.values(), *self.about_texts.values())
        return any(d.severity.value == "error" for listed in found for d in listed) or any(
            entry.diagnostic.severity.value == "error" for listed in self.located.values() for entry in listed
        )


@dataclass(slots=True)
class Index:
    """What the checks across files read of every record, kept beside the snapshot so that an edit
    of one record's facts can be checked against the others without reading them (see above)."""

    #: The ids of the valid records, and the names of the files refused, by kind.
    valid: dict[str, set[str]]
    broken: dict[str, set[str]]
    #: The kinds with a file that could not be loaded or validated.
    failed: set[str]
    #: How many events mention each actor ('actor') and happen at each place ('place').
    mentions: dict[str, Counter[str]]
    #: Which events link to each event.
    linkers: dict[str, list[str]]
    #: The sequence the links make (see ``across.Across.check_links``): each event's id, with the
    #: events its links put after it.
    sequence: dict[str, list[str]]
    #: What each actor is a member of.
    members: dict[str, list[str]]
    #: What each place is within, its country's code and its point (each None when not given).
    places: dict[str, tuple[str | None, str | None, dict[str, Any] | None]]
    #: The actors each source relays.
    relays: dict[str, list[str]]
    #: Each source's quoted spans (start, end), with how many times each is quoted.
    spans: dict[str, Counter[tuple[int, int]]]
    #: The digest of the facts of the snapshot it was made with (see ``digest``): an index is only
    #: read with that snapshot, never with one it was not brought up to date with.
    facts: bytes = b""


#: A file's status (``cache.status``) packed: size, inode, modification and status-change times.
STATUS = struct.Struct("<QQqq")
#: The length of a file's facts.
FACTS = 16
#: The length of a file's cache key, as bytes.
KEY = 20
#: The name of the index in the project's cache.
INDEX = "index"


def pack(status: tuple[int, ...] | None) -> bytes:
    """A status packed for a snapshot; zeros for None (a status no file has)."""
    return STATUS.pack(*status) if status is not None else bytes(STATUS.size)


def reshaped(last: Snapshot, files: list[str]) -> Snapshot:
    """``last`` for ``files``, every file there is now: with nothing known of those added since (a
    status, facts and key of zeros), and nothing of those removed."""
    where = {rel: i for i, rel in enumerate(last.files)}
    # The files that follow one another in both lists are copied as one run: a file or two added
    # or removed among 100,000 leaves a few runs, where copying each file's bytes alone took a
    # third of a second.
    runs: list[tuple[int, int] | None] = []  # (first, end) in the last snapshot; None: a file added
    for rel in files:
        i = where.pop(rel, None)
        if i is None:
            runs.append(None)
        elif runs and (run := runs[-1]) is not None and run[1] == i:
            runs[-1] = (run[0], i + 1)
        else:
            runs.append((i, i + 1))
    sizes = {"statuses": STATUS.size, "facts": FACTS, "keys": KEY if last.keys else 0}
    joined = {
        name: b"".join(
            getattr(last, name)[run[0] * size : run[1] * size] if run is not None else bytes(size) for run in runs
        )
        for name, size in sizes.items()
    }
    return dataclasses.replace(
        last, files=files, statuses=joined["statuses"], facts=joined["facts"], keys=joined["keys"]
    )


def digest(facts: bytes) -> bytes:
    """What ties an index to its snapshot: a digest of the snapshot's facts."""
    return hashlib.blake2b(facts, digest_size=16).digest()


def load(root: Path) -> Snapshot | None:
    """The project's snapshot for this version of the checker, or None."""
    kept = cache.Cache(root, NAME, cache.code_version()).read_whole(NAME)
    return kept if isinstance(kept, Snapshot) else None


def save(root: Path, snapshot: Snapshot | None, index: Index | None = None) -> None:
    """Keep ``snapshot`` for the next check (None: forget the one kept, which no longer holds), and
    ``index`` with it (None: keep the one kept, which still holds)."""
    kept = cache.Cache(root, NAME, cache.code_version())
    if snapshot is None or index is not None:
        kept.write_whole(INDEX, index if snapshot is not None else None)
    kept.write_whole(NAME, snapshot)


def load_index(root: Path) -> Index | None:
    """The index kept with the project's snapshot, or None."""
    kept = cache.Cache(root, NAME, cache.code_version()).read_whole(INDEX)
    return kept if isinstance(kept, Index) else None
