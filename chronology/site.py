"""Site: build the site with MkDocs into ``site/``, all or nothing, the same bytes every time.

MkDocs builds into a fresh folder beside ``site/``; only a build that succeeds replaces ``site/``,
in one step, so a failed or killed build leaves the previous site exactly as it was and ``site/``
is always one whole site, old or new (see ``_publish``). A lock makes builds of one site take
turns, and each build first removes what killed builds left behind. Builds are reproducible: MkDocs
dates its sitemap from ``SOURCE_DATE_EPOCH``, which is set from the last commit when the caller
has not set it (outside a repository, from the data files' newest modification time), so two builds
of one commit are byte-identical.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path

from jinja2 import TemplateError
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

from chronology.cli import interrupt, interruptions
from chronology.diagnostics import count
from chronology.history import committed, newest_change
from chronology.pages import template_error
from chronology.plugin import chronology_plugin
from chronology.workers import signals_held

#: How MkDocs ends a strict build that logged warnings ("Aborted with 2 warnings in strict mode!").
_STRICT_ABORT = re.compile(r"Aborted with ([0-9]+) warnings? in strict mode")
CONFIG = "mkdocs.yml"
SITE = "site"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced, e.g. by a test)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _setup_logging() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def source_date_epoch(root: Path) -> str:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` if set, else the last commit's time, else (no
    repository: an unpacked archive; or one with no commit of the data, whose history is another
    project's) the data files' newest modification time (``history.newest_change``)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    if not committed(root):
        return str(newest_change(root))
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        out = None
    value = out.stdout.strip() if out is not None and out.returncode == 0 else ""
    return value if value.isascii() and value.isdigit() else str(newest_change(root))


def build_site(root: Path, strict: bool = False, site_dir: Path | None = None, *, stopped_whole: bool = True) -> int:
    """Check the chronology and build the site; the exit code (0 built, 1 failed, 2 bad configuration).
    ``stopped_whole``: a SIGTERM ends the build as Ctrl+C does, cleaning up (else at once, the
    system's way, for a caller that ends the build's whole process group and cleans up itself)."""
    _setup_logging()
    root = root.resolve()
    config_file = root / CONFIG
    target = (site_dir or root / SITE).resolve()
    if not config_file.is_file():
        print(f"build.py: error: no {CONFIG} in {root}", file=sys.stderr)
        return 2
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = _lock(target)
    except OSError as exc:
        print(f"build.py: cannot write the site in {target.parent}: {reason(exc)}", file=sys.stderr)
        return 1
    with lock, _terminated_as_interrupted() if stopped_whole else nullcontext():
        noted = interruptions()
        try:
            _remove_leftovers(target)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        except OSError as exc:
            print(f"build.py: cannot write the site in {target.parent}: {reason(exc)}", file=sys.stderr)
            return 1
        code = None
        try:
            code = _build(config_file, staging, target, strict, noted)
            return code
        finally:
            if code != 0:  # a build published has put its site in place and removed the old one
                _remove(staging, "the unfinished site")


def _remove(folder: Path, what: str) -> None:
    """Remove ``folder``, a site no longer wanted. Ctrl+C while it is removed (seconds, for a large
    site) stops the removal, as asked; whatever is left is said, and the next build removes it
    (``_remove_leftovers``). The ``KeyboardInterrupt`` goes on."""
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        _say_if_left(folder, what)


def _say_if_left(folder: Path, what: str) -> None:
    if folder.exists():
        left = f"{folder.name}/ is left, and the next build removes it"
        print(f"build.py: {what} was not all removed: {left}", file=sys.stderr)


def _not_valid(exc: Exception) -> int:
    """Say that ``mkdocs.yml`` is not valid, and why; the exit code of a wrong configuration."""
    print(f"build.py: {CONFIG} is not valid: {exc}", file=sys.stderr)
    return 2


def _build(config_file: Path, staging: Path, target: Path, strict: bool, noted: int) -> int:
    """Build into ``staging`` and publish it as ``target``; the exit code. ``noted``: the
    interruptions noted before the build began (``cli.interruptions``)."""
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
    except (ConfigurationError, Abort) as exc:
        # MkDocs has already logged each configuration problem; this names the outcome.
        return _not_valid(exc)
    _checkpoint("staging")
    try:
        build(config)
    except ConfigurationError as exc:  # found by a plugin as the build began: mkdocs.yml, as above
        return _not_valid(exc)
    except (PluginError, Abort, MkDocsException) as exc:
        # MkDocs has logged the cause (every diagnostic, for a chronology that fails its check).
        warnings = _STRICT_ABORT.match(str(exc))
        if warnings:
            # MkDocs counts the lines logged; the chronology's warnings past the first of each rule
            # were logged as one line counting them.
            plugin = chronology_plugin(config)
            number = int(warnings.group(1)) + (plugin.unlogged if plugin is not None else 0)
            detail = (
                f": with --strict, the {count(number, 'warning')} above fail{'s' if number == 1 else ''} the build "
                f"(fix {'it' if number == 1 else 'them'}, or build without --strict)"
            )
        elif isinstance(exc, Abort):  # MkDocs' own words ('Aborted with a BuildError!') say nothing more
            detail = " (the error above says why)"
        else:
            detail = f": {exc}"
        print(f"build.py: the site was not built{detail}; {target.name}/ was left as it was", file=sys.stderr)
        return 1
    except TemplateError as exc:
        # The theme's templates (templates/main.html, ...) are the project's to edit, like the pages'.
        print(
            f"build.py: the site was not built: {template_error(exc)}; {target.name}/ was left as it was",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(
            f"build.py: the site was not built: cannot write {exc.filename or staging}: {reason(exc)}; "
            f"{target.name}/ was left as it was",
            file=sys.stderr,
        )
        return 1
    except BaseException as exc:
        if not isinstance(exc, Exception):
            # Interrupted (Ctrl+C, a SIGTERM): MkDocs tells the plugins of an ``Exception`` only,
            # so they are told here, before the unfinished site is removed; or Pagefind's service
            # would go on indexing, and write its files where the staging folder was.
            config.plugins.on_build_error(error=Interrupted(type(exc).__name__))
        raise
    _checkpoint("built")
    if interruptions() > noted:
        # Ctrl+C or a SIGTERM came, but its ``KeyboardInterrupt`` was lost: Python ignores one
        # raised where a signal's handler may run but nothing can take an exception (a weakref's
        # callback, as MkDocs' events free their locals; a ``__del__``), and the build went on.
        # It was still asked to stop: the site it made is not published.
        raise KeyboardInterrupt
    try:
        _publish(staging, target)
    except OSError as exc:
        print(f"build.py: cannot put the new site in place of {target}: {reason(exc)}", file=sys.stderr)
        return 1
    print(f"built the site into {target}", file=sys.stderr)
    return 0


class Interrupted(Exception):
    """What plugins' ``on_build_error`` is given when the build was interrupted (the name of what
    interrupted it), so that they clean up as they do after a failure."""


def reason(exc: OSError) -> str:
    """What went wrong, in the system's words."""
    return exc.strerror or str(exc)


def _checkpoint(name: str) -> None:
    """Where the build can be made to stop, for the tests that kill it there (``tests/test_faults.py``).

    With ``CHRONOLOGY_BUILD_PAUSE`` set to ``name`` the build says it has reached the point, then
    waits to be killed. Unset (always, outside those tests) this does nothing.
    """
    if os.environ.get("CHRONOLOGY_BUILD_PAUSE") == name:
        print(f"build.py: paused at {name}", file=sys.stderr, flush=True)
        time.sleep(600)


@contextmanager
def _terminated_as_interrupted() -> Iterator[None]:
    """A SIGTERM (a CI job cancelled, ``timeout``, a process manager) ends the build in the block as
    Ctrl+C does, with the workers stopped, the staging folder removed and the site left as it was;
    the system's default would end this process alone, with its workers working on."""
    if threading.current_thread() is not threading.main_thread():  # only it may set a handler
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Lock:
    """An exclusive lock on the site, held for a whole build: two builds never interleave.

    ``flock`` is released by the system when the process ends, however it ends, so a killed build
    never leaves the lock held.
    """

    def __init__(self, path: Path) -> None:
        self.handle = path.open("a")

    def __enter__(self) -> _Lock:
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("build.py: another build of this site is running; waiting for it to finish", file=sys.stderr)
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _lock(target: Path) -> _Lock:
    return _Lock(target.with_name(f".{target.name}.lock"))


def _remove_leftovers(target: Path) -> None:
    """Remove what killed builds left beside ``target`` (staging folders, an old site not yet removed).

    Only under the lock: no other build is using them. Where the system cannot swap folders in one
    step (see ``_publish``), a build killed between its two renames leaves no site but the old one
    intact beside it: that is put back first.
    """
    leftovers = sorted(target.parent.glob(f".{target.name}-*"))
    if not target.exists() and not target.is_symlink():
        for old in leftovers:
            if old.name.startswith(f".{target.name}-old-") and old.is_dir():
                old.rename(target)
                leftovers.remove(old)
                break
    for leftover in leftovers:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _publish(new: Path, target: Path) -> None:
    """Put the new build in place of the old so that ``target`` is always one whole site, old or new.

    On Linux the two folders are exchanged in one step (``renameat2`` with ``RENAME_EXCHANGE``):
    ``site/`` stays a real folder, which every tool that reads it expects (a symbolic link swapped
    in its place would be just as atomic, but some uploaders and servers do not follow links), and
    there is no moment without it. Elsewhere, or on a file system that cannot exchange, two renames
    are used; a build killed between them is repaired by the next (``_remove_leftovers``).
    """
    new.chmod(0o755)  # mkdtemp makes the folder private; a site is for reading
    # Once the new site is in place the build is done: Ctrl+C from then on stops only the old
    # site's removal, not the build (whose exit code would say the site was left as it was).
    with signals_held():
        if not target.exists() and not target.is_symlink():
            new.rename(target)
            return
        if _exchange(new, target):
            old = new
        else:
            old = target.with_name(f".{target.name}-old-{os.getpid()}")
            target.rename(old)
            new.rename(target)
    with suppress(KeyboardInterrupt):  # the build is done: Ctrl+C stops only the old site's removal
        _checkpoint("published")
        shutil.rmtree(old, ignore_errors=True)
    _say_if_left(old, "the old site")


#: renameat2's flag that swaps two paths (linux/fs.h), and "relative to the working directory".
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where this system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def serve_site(root: Path, dev_addr: str) -> int:
    """Serve the site, rebuilding whenever the data, the templates or the docs change (see ``serve.py``)."""
    from chronology.serve import serve

    _setup_logging()
    root = root.resolve()
    if not (root / CONFIG).is_file():
        print(f"build.py: error: no {CONFIG} in {root}", file=sys.stderr)
        return 2
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    return serve(root, dev_addr)
