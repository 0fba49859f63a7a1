"""Search: a MkDocs plugin that builds the site's search index with Pagefind, beside the build.

Pagefind writes a static, chunked index into ``pagefind/`` inside the site, so a reader's browser
fetches only the few chunks a query needs. What it indexes are the records ``search_records.py``
makes from the chronology (an event's title, summary, names and quoted passages; an actor's or a
place's names in every spelling; ...), not the built pages: as soon as the chronology plugin has
checked the chronology, this plugin starts Pagefind's own indexing service (``pagefind
--service``, from the ``pagefind[bin]`` wheel), hands it every record at once, and lets it index
them on another core while the pages render. At the end of the build (``on_post_build``) it waits
for the service to have written the index into the site.

The service is fed through its documented protocol (base64-encoded JSON messages, each ended by a
comma, on its standard input; answers the same way on its standard output) rather than through the
``pagefind`` package's asyncio wrapper, which polls for each answer every 0.1 s: tens of thousands
of records would take minutes. The service ends when its standard input closes, so it never
outlives the build.

Pagefind writes each filter's values in hash-map order, which changes from run to run; so that two
builds of one commit stay byte-identical, ``canonical_filters`` rewrites the filter chunks in sorted
order (same content, so the same search) and renames them, and the index's metadata, by their
content.

The build stays all or nothing: a Pagefind failure (missing binary, an error, a record refused, no
record indexed) is a ``PluginError`` naming what went wrong, and ``site.py`` then keeps the previous
site.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import json
import logging
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from multiprocessing.connection import wait
from pathlib import Path
from typing import IO, Any

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from chronology import workers
from chronology.diagnostics import count
from chronology.model import Chronology
from chronology.plugin import chronology_plugin
from chronology.search_records import Record, records

log = logging.getLogger("mkdocs.plugins.chronology.search")

#: The folder, inside the site, that holds the index and Pagefind's scripts.
BUNDLE = "pagefind"
#: What Pagefind writes into the bundle that the site never loads: its ready-made interfaces (the
#: search page has its own, ``templates/assets/search.js``), the script that highlights a result's
#: words on the page it opens, and its web worker (the search page asks for none). About 480 KB
#: that every copy of the site would otherwise carry.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)


class SearchConfig(Config):
    """The plugin's settings in ``mkdocs.yml``."""

    #: The language every record is indexed as (an ISO 639-1 code), so that one index serves the
    #: whole site whatever language a quoted passage is in.
    language = config_options.Type(str, default="en")
    #: How long Pagefind may take, in seconds, after the pages are written, before the build is failed.
    timeout = config_options.Type(int, default=600)


class PagefindPlugin(BasePlugin[SearchConfig]):
    """Indexes the chronology's records with Pagefind while the site builds; fails the build if it fails."""

    def __init__(self) -> None:
        self.indexer: Indexer | None = None
        self.site_dir = Path()
        self.directory_urls = True
        #: Whether the chronology has anything to search: an empty one (a new project's first
        #: state) builds an index with nothing in it, which Pagefind's script cannot search, so
        #: the search page says there is nothing to search yet instead (``on_env``).
        self.searchable = True

    def on_config(self, config: MkDocsConfig, /) -> MkDocsConfig:
        """Ask the chronology plugin to hand over the chronology as soon as it is checked."""
        self.site_dir = Path(config.site_dir)
        self.directory_urls = config.use_directory_urls
        chronology = chronology_plugin(config)
        if chronology is None:
            raise ConfigurationError(
                "the 'chronology-search' plugin indexes the chronology of the 'chronology' plugin, which "
                "mkdocs.yml does not list: add '- chronology' under plugins, before it"
            )
        listeners = chronology.when_checked
        if self.start not in listeners:
            listeners.append(self.start)
        return config

    def start(self, chronology: Chronology) -> None:
        """Start indexing ``chronology``'s records into the site's ``pagefind/``."""
        self.stop()
        self.searchable = next(records(chronology, self.directory_urls), None) is not None
        self.indexer = Indexer(records(chronology, self.directory_urls), self.site_dir / BUNDLE, self.config.language)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Tell the search page whether there is anything to search (``searchable``)."""
        env.globals["searchable"] = self.searchable
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the index, then make it the same bytes on every build."""
        if self.indexer is None:
            raise PluginError("search: the chronology was never handed to the search index")
        indexer, self.indexer = self.indexer, None
        waited = time.monotonic()
        pages = indexer.finish(self.config.timeout)
        waited = time.monotonic() - waited
        bundle = Path(config.site_dir) / BUNDLE
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
        try:
            canonical_filters(bundle)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            raise PluginError(f"search: Pagefind's index is not in the form this version expects: {exc}") from None
        # How long the build waited for the index once the pages were written: what indexing
        # beside the pages leaves on the build's critical path.
        log.info("search: Pagefind indexed %s (the build waited %.1f s for it)", count(pages, "record"), waited)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no indexing service behind."""
        self.stop()

    def stop(self) -> None:
        """End the indexing service, if one runs."""
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None


def pagefind_binary() -> Path:
    """The Pagefind executable shipped in the ``pagefind[bin]`` wheel (or named by ``PAGEFIND_BINARY_PATH``)."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None or not binary.is_file():
        raise PluginError(
            "search: the Pagefind binary was not found; install the project's dependencies "
            "(pip install -e .), which include pagefind[bin]"
        )
    return binary


def start_service(
    binary: Path, answers: IO[bytes], errors: IO[bytes] | None = None, every_core: bool = False
) -> subprocess.Popen[bytes]:
    """Pagefind's service, reading requests from its stdin and writing answers to ``answers``: on
    one core (``workers.one_core``), unless ``every_core``."""
    with contextlib.nullcontext() if every_core else workers.one_core():
        return subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=answers, stderr=errors)


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request to the service: base64 of its JSON, ended by a comma."""
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


class Indexer:
    """One run of Pagefind's indexing service over ``records``, writing the index into ``bundle``.

    The records are made, and sent to the service, by a forked worker (``workers.Forked``): at
    10,000 events that is about a second the build's own process would otherwise spend before it
    could start on the pages. Where work cannot go to a worker they are made and sent here, from a
    thread, so that ``finish``'s time limit holds however the service fares. A worker that fails
    is not run again: it may have sent part of the records, and the service would read the rest
    twice; its exception is raised here, or the build fails saying the records were not all sent.
    """

    def __init__(self, records: Iterable[Record], bundle: Path, language: str) -> None:
        binary = pagefind_binary()
        # Answers go to files, not pipes: nothing reads them until the end of the build, and a
        # full pipe would stall the service's answers (never its indexing, but still).
        self.answers: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (open until finish)
        self.errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (open until finish)
        try:
            self.process = start_service(binary, self.answers, self.errors)
        except OSError as exc:
            self.close_files()
            raise PluginError(f"search: Pagefind could not be run: {exc}") from None
        assert self.process.stdin is not None
        self.read, self.pending, self.answers_so_far = 0, b"", list[dict[str, Any]]()
        send = partial(_send, self.process.stdin, records, bundle, language)
        self.last = -1  # the id of the last request (WriteFiles), once they are all sent
        self.sending: workers.Forked[int] | None = None  # the worker sending the records, or
        self.here: _Sending | None = None  # the thread of this process sending them
        try:
            self.sending = workers.Forked(send)
            self.here = None if self.sending.forked else _Sending(send)
        except BaseException:
            self.stop()
            raise

    def sent(self, deadline: float | None = None) -> int:
        """The id of the last request, once every request is sent. Raises ``PluginError`` should
        they not all be sent by ``deadline`` (``time.monotonic()``'s; None: no limit)."""
        if self.last >= 0:
            return self.last
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        if self.here is not None:
            self.last = self.here.result(left)
            return self.last
        sending = self.sending
        assert sending is not None and sending.connection is not None  # forked: made in __init__
        if not wait([sending.connection], left):
            raise PluginError(f"search: Pagefind did not take the records in time; {NOT_INDEXED}")
        done, value = sending.outcome()
        if not done:
            if isinstance(value, Exception):
                raise value
            raise PluginError(
                f"search: the process sending the records to Pagefind ended before it had sent them all; {NOT_INDEXED}"
            )
        self.last = value
        return self.last

    def finish(self, timeout: float) -> int:
        """Wait for the index to be written; the number of records indexed. Raises ``PluginError``."""
        deadline = time.monotonic() + timeout
        try:
            last = self.sent(deadline)
            seen = 0
            while True:
                answers = self.read_answers()
                if any(answer.get("message_id") == last for answer in answers[seen:]):
                    break
                seen = len(answers)
                if self.process.poll() is not None:
                    output = (self.errors_text() + "\n" + self.errors_in(answers)).strip()
                    raise PluginError(f"search: Pagefind failed (exit {self.process.returncode}):\n{_problems(output)}")
                if time.monotonic() > deadline:
                    raise PluginError(f"search: Pagefind did not finish within {timeout} s; {NOT_INDEXED}")
                time.sleep(0.05)
            refused = self.errors_in(answers)
            if refused:
                raise PluginError(f"search: Pagefind refused what it was given:\n{refused}")
            pages = sum(1 for answer in answers if answer["payload"].get("type") == "IndexedFile")
            # The requests are the new index, each record, and the request to write it (``_send``):
            # records were sent, yet none indexed, is Pagefind failing; none sent is an empty
            # chronology, whose search page says there is nothing to search yet.
            if pages == 0 and last > 1:
                raise PluginError(f"search: Pagefind indexed none of the {count(last - 1, 'record')} it was sent")
            return pages
        finally:
            self.stop()

    def read_answers(self) -> list[dict[str, Any]]:
        """Every whole answer the service has written so far. Read with ``pread``, which leaves the
        file's offset alone: the service writes at that offset, which it shares with this process."""
        while chunk := os.pread(self.answers.fileno(), 1 << 20, self.read):
            self.read += len(chunk)
            self.pending += chunk
        whole, _, self.pending = self.pending.rpartition(b",")
        for text in whole.split(b","):
            answer = json.loads(base64.b64decode(text)) if text else None
            # Only answers: a service whose input was cut off mid-request writes nulls until it ends.
            if isinstance(answer, dict) and isinstance(answer.get("payload"), dict):
                self.answers_so_far.append(answer)
        return self.answers_so_far

    @staticmethod
    def errors_in(answers: list[dict[str, Any]]) -> str:
        """The service's error answers, one a line, at most ten."""
        errors = [a["payload"].get("message", "") for a in answers if a["payload"].get("type") == "Error"]
        more = f"\n(and {len(errors) - 10} more)" if len(errors) > 10 else ""
        return "\n".join(errors[:10]) + more

    def errors_text(self) -> str:
        return os.pread(self.errors.fileno(), 1 << 16, 0).decode("utf-8", "replace")

    def stop(self) -> None:
        """Close the service's input (it ends on that), and make sure it has ended."""
        if self.sending is not None:
            self.sending.stop()  # a worker still sending is stopped
        here = self.here
        if here is not None and here.is_alive():
            # Still writing to a service that does not read: its input cannot be closed under the
            # thread, so the service is ended first, which ends the thread's write.
            self.process.kill()
            here.join()
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.close_files()

    def close_files(self) -> None:
        self.answers.close()
        self.errors.close()


#: How a failed indexing ends its message.
NOT_INDEXED = "the site was not indexed"


class _Sending(threading.Thread):
    """``send()`` run in a thread of this process, its result (or exception) taken with ``result``."""

    def __init__(self, send: Callable[[], int]) -> None:
        super().__init__(daemon=True)  # blocked writing to a service that stopped reading: let go at exit
        self.send = send
        self.value: int | None = None
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.value = self.send()
        except BaseException as exc:  # raised in the thread that asks
            self.error = exc

    def result(self, timeout: float | None) -> int:
        self.join(timeout)
        if self.is_alive():
            raise PluginError(f"search: Pagefind did not take the records in time; {NOT_INDEXED}")
        if self.error is not None:
            raise self.error
        assert self.value is not None
        return self.value


def _send(service: IO[bytes], records: Iterable[Record], bundle: Path, language: str) -> int:
    """Send the service a new index, every record, and the request to write the index into
    ``bundle``; the id of that last request."""
    config: dict[str, Any] = {"force_language": language} if language else {}
    requests = [_message(0, {"type": "NewIndex", "config": config})]
    for number, record in enumerate(records, 1):
        payload = {
            "type": "AddRecord",
            "index_id": 0,
            "url": record.url,
            "content": record.content,
            "language": language or "en",
            "meta": record.meta,
            "filters": record.filters,
            "sort": record.sort,
        }
        requests.append(_message(number, payload))
    last = len(requests)
    requests.append(_message(last, {"type": "WriteFiles", "index_id": 0, "output_path": str(bundle)}))
    with contextlib.suppress(BrokenPipeError):  # the service ended already: finish() says why
        service.write(b"".join(requests))
        service.flush()
    return last


#: What begins every decompressed Pagefind data file; CBOR follows.
_MAGIC = b"pagefind_dcd"


def _read(path: Path) -> Any:
    import cbor2

    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise ValueError(f"{path.name} does not begin with {_MAGIC!r}")
    return cbor2.loads(data[len(_MAGIC) :])


def _write(folder: Path, prefix: str, suffix: tuple[str, str], length: int, value: Any) -> str:
    """Write ``value`` as Pagefind does, named by its content; the name's hash part (``en_1a2b3c4``)."""
    import cbor2

    data = _MAGIC + cbor2.dumps(value)
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{suffix[0]}{name}{suffix[1]}").write_bytes(gzip.compress(data, mtime=0))
    return name


def canonical_filters(bundle: Path) -> None:
    """Sort the values of every filter chunk and the filter list, renaming what changes by its content.

    The index's metadata (``pagefind.<hash>.pf_meta``) is a CBOR list whose fourth item lists the
    filters as ``[name, chunk]``; each chunk (``filter/<chunk>.pf_filter``) is ``[name, [[value,
    [page, ...]], ...]]``. Only order changes here, which Pagefind's search does not depend on.
    """
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    for language, info in entry["languages"].items():
        meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_file)
        filters = []
        for name, chunk in meta[3]:
            chunk_file = bundle / "filter" / f"{chunk}.pf_filter"
            content = _read(chunk_file)
            content[1] = sorted(content[1], key=lambda value: str(value[0]))
            chunk_file.unlink()
            filters.append([name, _write(bundle / "filter", f"{language}_", ("", ".pf_filter"), 7, content)])
        meta[3] = sorted(filters)
        meta_file.unlink()
        info["hash"] = _write(bundle, f"{language}_", ("pagefind.", ".pf_meta"), 10, meta)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _problems(output: str) -> str:
    """Pagefind's own error lines, or the end of its output when it names none."""
    lines = [line for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.casefold()]
    return "\n".join(errors or lines[-10:]) or "(no output)"
