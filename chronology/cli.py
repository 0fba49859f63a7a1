"""The command line: ``python build.py [build|check|serve|new|fmt]``.

Exit codes: 0 all is well, 1 the data has problems (or the build failed), 2 the command line or
the configuration is wrong. No traceback ever reaches the user: an unexpected failure is reported
as one line naming what failed.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from chronology.check import Result, check_project
from chronology.diagnostics import count, render
from chronology.layout import FOLDERS

FORMATS = ("text", "github", "json")


#: Up to this many sources, the summary names each with its coverage; beyond, the least quoted.
LISTED_SOURCES = 3


def summary(result: Result) -> str:
    """One line: what was checked, how it went, and how much of the sources the quotes cover.

    It names each source while there are few; with more, it gives the sentences quoted in all of
    them and names the least quoted, so that the line stays short whatever the number of sources.
    """
    counts = result.counts
    parts = [
        count(counts.get("event", 0), "event"),
        count(counts.get("actor", 0), "actor"),
        count(counts.get("place", 0), "place"),
        count(counts.get("seed", 0), "source"),
    ]
    verdict = f"{count(len(result.errors), 'error')}, {count(len(result.warnings), 'warning')}"
    line = f"checked {', '.join(parts)}: {verdict}"
    sources = result.coverage
    if not sources:
        return line
    if len(sources) <= LISTED_SOURCES:
        covered = [
            f"{s.source} quoted in {s.quoted}/{s.sentences} sentences ({s.percent}% of its text)" for s in sources
        ]
        return line + "; " + "; ".join(covered)
    quoted = sum(s.quoted for s in sources)
    total = sum(s.sentences for s in sources)
    least = sorted(sources, key=lambda s: (s.percent, s.source))[:LISTED_SOURCES]
    named = ", ".join(f"{s.source} ({s.percent}% of its text)" for s in least)
    return line + f"; the sources quoted in {quoted:,}/{total:,} sentences; least quoted: {named}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Check the chronology and build its site.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check every data file and report every problem")
    check.add_argument("--format", choices=FORMATS, default="text", help="how to print problems")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    build = commands.add_parser("build", help="check, then build the site into site/ (the default)")
    build.add_argument("--strict", action="store_true", help="fail on warnings too (MkDocs' and the checker's)")
    serve = commands.add_parser("serve", help="serve the site, rebuilding when data, templates or docs change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: %(default)s)")
    from chronology import fmt, new  # each command module declares its own arguments

    new.add_arguments(commands.add_parser("new", help="write a new event, actor, place or source file"))
    fmt.add_arguments(commands.add_parser("fmt", help="put every data file in canonical form"))
    return parser


def run_check(root: Path, fmt: str, strict: bool) -> int:
    """``check``: print every diagnostic and the summary; 1 when there are errors (or warnings, if strict)."""
    result = check_project(root, model=False)
    if fmt == "json":
        payload = {
            "summary": summary(result),
            "diagnostics": json.loads(render(result.diagnostics, "json")),
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        if result.diagnostics:
            print(render(result.diagnostics, fmt))
        print(summary(result))
    failed = bool(result.errors) or (strict and bool(result.warnings))
    return 1 if failed else 0


def leave(code: int) -> NoReturn:
    """End the process with ``code``, a command being done, without freeing its objects one by one.

    A build ends holding millions of small objects, and the interpreter's ordinary exit frees them
    one at a time: at 10,000 events about a second of wall-clock time after the site is written
    (a cold ``check`` at 100,000 events, which lets its records go before it ends, about 0.15 s);
    the kernel frees the whole process at once. All the rest of an ordinary exit is still done,
    in its order: the functions registered with ``atexit`` (temporary folders, multiprocessing's
    workers, the logs flushed), then the standard streams. While another thread still runs, the
    ordinary exit is taken, which waits for it.
    """
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # A reader gone (a closed pipe) or a stream closed: nothing more to say, as at Python's exit.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


#: The interruptions (Ctrl+C, a SIGTERM where a build takes it as one) this process was sent
#: while a command ran: noted by ``interrupt``, whatever becomes of the ``KeyboardInterrupt``.
_INTERRUPTED: list[int] = []


def interrupt(signum: int, frame: object) -> None:
    """A signal handler: end as Ctrl+C ends (``KeyboardInterrupt``), the interruption noted."""
    _INTERRUPTED.append(signum)
    raise KeyboardInterrupt


def interruptions() -> int:
    """How many interruptions ``interrupt`` has noted in this process (so far in its command):
    one whose ``KeyboardInterrupt`` was lost still counts."""
    return len(_INTERRUPTED)


@contextlib.contextmanager
def _interruptions_noted() -> Iterator[None]:
    """Ctrl+C noted for the block (see ``_INTERRUPTED``), and never printed: a library that
    catches the ``KeyboardInterrupt`` in C prints it through ``sys.excepthook`` (NumPy, as it
    loads), and Python prints one it cannot raise (in a weakref's callback, as MkDocs' events free
    their locals) through ``sys.unraisablehook``. The handler and the hooks before it restored after."""
    _INTERRUPTED.clear()
    if threading.current_thread() is not threading.main_thread():  # only it may set a handler
        yield
        return
    previous, hook, unraisable = signal.signal(signal.SIGINT, interrupt), sys.excepthook, sys.unraisablehook

    def quiet(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            hook(kind, value, traceback)

    def quiet_unraisable(lost: sys.UnraisableHookArgs) -> None:
        if not isinstance(lost.exc_value, KeyboardInterrupt):
            unraisable(lost)

    sys.excepthook, sys.unraisablehook = quiet, quiet_unraisable
    try:
        yield
    finally:
        sys.excepthook, sys.unraisablehook = hook, unraisable
        signal.signal(signal.SIGINT, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code: 130, with nothing said, on Ctrl+C."""
    try:
        with _interruptions_noted():
            return _command(argv)
    except KeyboardInterrupt:
        return 130


def _command(argv: Sequence[str] | None) -> int:
    """The command line ``argv`` parsed, its project found, and its command run; the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # Whatever a data file holds, printing it must not fail (a lone surrogate cannot be encoded).
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    root: Path = args.root
    if not root.is_dir():
        print(f"build.py: error: the project folder '{root}' does not exist", file=sys.stderr)
        return 2
    if args.command in (None, "build", "check", "fmt") and not any((root / f).is_dir() for f in FOLDERS.values()):
        # Checking a folder with no data would report success on nothing.
        print(
            f"build.py: error: '{root}' is not a chronology project: it has no events/, actors/, places/ or seeds/ "
            "folder (run the command in the project folder, or give --root)",
            file=sys.stderr,
        )
        return 2
    try:
        if args.command == "check":
            return run_check(root, args.format, args.strict)
        if args.command in (None, "build"):
            from chronology.site import build_site

            return build_site(root, strict=getattr(args, "strict", False))
        if args.command == "serve":
            from chronology.site import serve_site

            return serve_site(root, args.dev_addr)
        if args.command == "new":
            from chronology import new

            return new.run(args, root)
        if args.command == "fmt":
            from chronology import fmt

            return fmt.run(args, root)
    except Exception as exc:  # the promise: no traceback reaches the user, whatever happens
        if _INTERRUPTED:
            # An interruption that a library turned into an error of its own: while NumPy loads (Shapely
            # brings it as the build starts), it prints the KeyboardInterrupt and raises
            # "ImportError: numpy._core.multiarray failed to import", with no link between them.
            return 130
        if os.environ.get("CHRONOLOGY_DEBUG"):
            raise
        print(
            f"build.py: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in the chronology tool, not in your data; set CHRONOLOGY_DEBUG=1 to see where it happened.",
            file=sys.stderr,
        )
        return 1
    print(f"build.py: error: unknown command {args.command!r}", file=sys.stderr)
    return 2
