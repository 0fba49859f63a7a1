"""Workers: sharing a large job among the machine's cores, in forked processes.

Forked workers start at once and inherit everything already loaded (the chronology, the
templates), so nothing is sent to them but which share of the work is theirs. A process that runs
other threads (``serve``'s web server) is never forked, since a thread holding a lock at the fork
would leave the child waiting for ever: there, and on one core, the work is done in the process.

``share`` splits one job among the cores, each share in a process of its own; ``spread`` hands
many small parts of a job to one worker per core, each taking the next part when done with the
last; ``Forked`` runs a job of its own (the data files) on the other core while this process goes
on with the pages; ``one_core`` starts a program beside them (Pagefind's service) on one core.

Everything alive at the fork is frozen for the cyclic garbage collector first (``gc.freeze``), so
that no worker's collections walk the inherited objects: a walk costs time for objects the worker
cannot free anyway, and writes to each object's header, which makes the system copy every page of
the parent's memory the walk passes through.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from functools import partial
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger("mkdocs.plugins.chronology.workers")


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def threads() -> int:
    """The threads this process runs, as the system counts them: those a library started in its
    own code (a browser driver's, a native extension's) as well as those ``threading`` knows of."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # not on Linux: only the threads Python started can be counted
        return threading.active_count()


#: How long ``can_share`` waits for threads that have ended to leave the system's list.
THREADS_LEAVING_S = 0.1


def can_share() -> bool:
    """Whether work can go to forked workers: more than one core, and no other thread running
    (one holding a lock at the fork, whatever it locks, would leave the worker waiting for ever).

    A thread that Python has joined (a pool's, ``spread``'s) is still in the system's list for a
    moment after, a few milliseconds on a busy machine: where Python knows of no other thread,
    such threads are waited for, briefly, before the answer is no.
    """
    if usable_cores() < 2 or threading.active_count() > 1:
        return False
    if alone_within(THREADS_LEAVING_S):
        return True
    others = threads() - 1
    if others > 0 and not _told_why["one core"]:
        # Threads Python did not start are a surprise (serve's, which it did start, are not): say
        # once why the work is not shared, or the build is merely slow, with no reason given.
        _told_why["one core"] = True
        log.info(
            "work stays on one core: this process runs %d other thread%s, started by a library "
            "(NumPy's OpenBLAS, when loaded before the chronology asked it for none), and a worker "
            "forked beside a thread holding a lock would wait for ever",
            others,
            "" if others == 1 else "s",
        )
    return False


#: Whether ``can_share`` has said why work stays on one core (once a process is enough).
_told_why = {"one core": False}


def alone_within(seconds: float) -> bool:
    """Whether this process runs no other thread, as the system counts them, within ``seconds``
    (threads that have ended leave the system's list a moment after)."""
    deadline = time.monotonic() + seconds
    while threads() > 1:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


class WorkerFailed(Exception):
    """A worker died before it could send its result, or sent one that could not be read back."""


def share(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``function`` applied to every item, each in a worker process of its own, results in order.

    Each item is one core's share of a job (``pages``, ``writing``): every item is forked a worker
    of its own, as many at a time as there are cores, the next forked as soon as one is done. A
    pool's workers would take the items from one queue, and on a loaded machine one of them could
    take two shares, running the job on one core while the other waited. Where work cannot go to
    workers (see ``can_share``), the items are done here, in order. For many small parts, see
    ``spread``.

    Should an item raise, its worker's exception is raised here (or ``WorkerFailed``, should its
    worker die, or the exception not be sent back); the other workers are stopped first. Every
    worker has ended, and been waited for, when this returns or raises.
    """
    waiting = list(enumerate(items))[::-1]
    results: list[R] = [None] * len(waiting)  # type: ignore[list-item]
    running: dict[Connection, tuple[int, Forked[R]]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < usable_cores():
                index, item = waiting.pop()
                job = Forked(partial(function, item))
                if job.connection is None:
                    results[index] = job.result()  # done here
                else:
                    running[job.connection] = (index, job)
            # In the order the workers end: one may be blocked writing a large result into its
            # full pipe until it is read, while another is still at work.
            for ready in wait(list(running)) if running else []:
                index, job = running.pop(cast(Connection, ready))
                done, value = job.outcome()
                if not done:
                    raise value if isinstance(value, Exception) else WorkerFailed(f"the worker of item {index} failed")
                results[index] = value
    finally:
        # All of them, whatever comes: Ctrl+C again, between two, would leave the rest working on.
        with signals_held():
            for _, job in running.values():
                job.stop()
    return results


def spread(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``function`` applied to every item by one worker process per core, results in order.

    For a job in many parts of differing costs (``check``'s files and quotes): each worker takes
    the next part as soon as it is done with the last, so that the cores end together, and what a
    worker has warmed up (its caches, its compiled schemas) serves its next parts, where a process
    of its own for each part (``share``) would warm up again. An item's exception is raised here.
    Should a worker die (killed: out of memory, say), every item is done again here.
    """
    with spread_beside(function, items) as results:
        return results()


@contextmanager
def spread_beside(function: Callable[[T], R], items: Iterable[T]) -> Iterator[Callable[[], list[R]]]:
    """``spread``, with this process going on beside the workers: the block runs while they work,
    and the function it is given waits for their results. Leaving the block by an exception ends
    the workers first (the items not yet begun dropped); leaving it without the results waits for
    the workers to end.

    For work of this process that needs none of the results (``check``'s references and links,
    beside the search for its quotes): on two cores, the workers would otherwise leave one idle
    while it is done after them. The block must fork no worker itself: the pool's thread runs
    beside it (``can_share`` says no).
    """
    items = list(items)
    context = get_context("fork")
    # Raised when the spread ends early, for the workers (which inherit it) to drop the parts they
    # have not begun. The pool's own cancelling cannot reach those already queued for them.
    ending = context.RawValue(ctypes.c_bool, False)
    pool = ProcessPoolExecutor(
        usable_cores(), mp_context=context, initializer=_as_spread_worker, initargs=(os.getpid(), ending)
    )
    taken: list[list[R]] = []
    mapped: Iterator[R | None] | None = None

    def results() -> list[R]:
        if not taken:
            done: list[R] | None = None
            with suppress(BrokenProcessPool):
                done = None if mapped is None else cast(list[R], list(mapped))  # None: broken as sent
            # None: a worker died (killed: out of memory, say), and every item is done again here.
            taken.append(done if done is not None else [function(item) for item in items])
        return taken[0]

    with _frozen():
        try:
            # The pool forks its workers when the first item is sent to them, all sent here.
            with signals_held():
                try:
                    mapped = pool.map(partial(_part, function), items)
                except BrokenProcessPool:  # a worker died before all were sent: see results
                    ending.value = True
                    _end(pool, cancel=True)
            yield results
        except BaseException:
            # Interrupted (a signal held back during the forks is raised as they end), or an item
            # raised, or the block did: the items not yet begun are dropped, where the pool's own
            # ending would first do every one of them.
            ending.value = True
            _end(pool, cancel=True)
            raise
        _end(pool)


#: In a ``spread``'s worker, the flag its process raises when the spread ends early (``spread``).
_spread_ending: ctypes.c_bool | None = None


def _as_spread_worker(parent: int, ending: ctypes.c_bool) -> None:
    """In a ``spread``'s worker, first: ``_as_worker``, and the spread's flag kept."""
    global _spread_ending
    _as_worker(parent)
    _spread_ending = ending


def _part(function: Callable[[T], R], item: T) -> R | None:
    """In a ``spread``'s worker: ``function(item)``, unless the spread has ended early (interrupted,
    or another item raised), when nothing is done: nothing will take the result.

    The pool queues parts ahead for its workers (one more than it has workers), and its
    ``shutdown`` cancels only those not yet queued: without this, Ctrl+C waited for up to two more
    rounds of parts after those begun."""
    if _spread_ending is not None and _spread_ending.value:
        return None
    return function(item)


def _end(pool: ProcessPoolExecutor, cancel: bool = False) -> None:
    """The pool's workers ended (after the items they began), with signals held back meanwhile.

    The pool's thread tells the workers to end, and ``shutdown`` waits for that thread. Python
    3.11's ``Thread.join``, interrupted (Ctrl+C again while the workers finish their items), takes
    the thread for ended although it runs on; the process's exit then closes the pool's queue
    before the thread has sent the workers their word to end, and waits for ever for workers that
    wait for it. A signal held back is raised as the workers have ended, which is as soon as the
    process could end anyway: it waits for its workers (they ignore Ctrl+C, see ``_as_worker``).

    A worker still alive after that is stopped. Where a worker died (killed: out of memory, say),
    Python 3.11's pool can fail to end the others: its thread, ending the futures, meets one that
    was cancelled and raises (``InvalidStateError``), and a worker left waiting for an item that
    will never come kept the process from ending, after the items were done here.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    with signals_held():
        pool.shutdown(wait=True, cancel_futures=cancel)
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()


#: Whether objects are left out of the garbage collections now, by ``hold_out`` or a ``_frozen``
#: block: noted here because the collector counts them (``gc.get_freeze_count``) by walking them
#: all, about 0.05 s for each fork's question in a build of 10,000 events, in the build's process.
_holding = {"held out": False, "blocks": 0}


@contextmanager
def _frozen() -> Iterator[None]:
    """The objects alive now left out of this process's garbage collections, and so out of those of
    the workers forked meanwhile (which keep them so); this process's taken back on leaving, unless
    it held objects out already (see ``hold_out``), in which case they stay out until it lets go."""
    held = _holding["held out"] or _holding["blocks"] > 0
    gc.freeze()
    _holding["blocks"] += 1
    try:
        yield
    finally:
        _holding["blocks"] -= 1
        if not held:
            gc.unfreeze()


@contextmanager
def one_core() -> Iterator[None]:
    """Programs started in the block run on one core (the last this process may use): a child
    inherits its parent's cores. This process gets all of them back on leaving.

    For Pagefind, which runs beside the build: given every core, its service writes its index
    from about a hundred threads and spends much of its time on their contention (waking one
    another, the file system's locks); on one core it does the same work in less time, with about
    a second less CPU at 10,000 events and 40 s less at 100,000 (see docs/performance.md), which
    the pages' workers get. Where this process may not choose its cores, the program gets them all.
    """
    try:
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {max(cores)})
    except (AttributeError, OSError):  # not on Linux, or not allowed here: the program gets every core
        yield
        return
    try:
        yield
    finally:
        # Giving back cores this process had a moment ago can fail only if the system took them
        # away meanwhile, and then it has the ones left.
        with suppress(OSError):
            os.sched_setaffinity(0, cores)


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, and as it was after it: for work that makes
    millions of short-lived objects holding no cycle (a check, the pages, the data files), where the
    collector's passes over them grow with the chronology and free nothing. Workers forked in the
    block inherit it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def hold_out() -> None:
    """Leave every object alive now out of this process's garbage collections, until ``let_go``.

    A build's process holds hundreds of thousands of objects that live as long as the build (the
    chronology, MkDocs' pages): each full collection walks them all, about half a second at
    10,000 events, and frees none of them.
    """
    gc.freeze()
    _holding["held out"] = True


def let_go() -> None:
    """Take back into this process's garbage collections every object ``hold_out`` left out."""
    gc.unfreeze()
    _holding["held out"] = False


class Forked(Generic[R]):
    """``function()`` run in a forked worker from now on, its result taken with ``result``.

    Where work cannot go to a worker (see ``can_share``) it runs in this process when its result
    is asked for. Should the worker fail (or raise), the function is run again here, so that an
    error is raised in this process as it would be without a worker. Used as a context manager,
    a worker whose result was not taken (the build failed meanwhile) is stopped on leaving.
    """

    def __init__(self, function: Callable[[], R]) -> None:
        self.function = function
        self.connection: Connection | None = None
        if not can_share():
            return
        context = get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        self.process = context.Process(target=_run_and_send, args=(function, sending, os.getpid()), daemon=True)
        try:
            with _frozen(), signals_held():
                try:
                    self.process.start()
                except OSError:  # no process to be had (out of memory, or at the limit): done here instead
                    receiving.close()
                    sending.close()
                    return
                sending.close()  # the worker holds its own end; this one's is not needed here
                self.connection = receiving
        except BaseException:
            # A signal held back during the fork is raised as the block ends, before the caller
            # has this job to stop: the worker is stopped here, or it would work on alone.
            self.stop()
            raise

    @property
    def forked(self) -> bool:
        """Whether the function runs in a worker (until its result is taken)."""
        return self.connection is not None

    def result(self) -> R:
        """The function's result: the worker's, or computed here."""
        if self.connection is None:
            return self.function()
        done, value = self.outcome()
        return value if done else self.function()

    def outcome(self) -> tuple[bool, R]:
        """What the worker sent, once it has ended: ``(True, result)``; ``(False, exception)``
        should the function raise one that could be sent back; else ``(False, None)``."""
        assert self.connection is not None
        try:
            outcome: tuple[bool, R] = self.connection.recv()
        except Exception:  # the worker died before it could send, or sent what cannot be read back
            outcome = (False, None)  # type: ignore[assignment]
        except BaseException:  # interrupted here: the worker may be blocked writing the rest
            self.stop()
            raise
        self.connection.close()
        self.connection = None
        self.process.join()
        return outcome

    def __enter__(self) -> Forked[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the worker if its result was not taken: ended and waited for, signals held back
        meanwhile (a moment: it ends at the SIGTERM), so that Ctrl+C again cannot leave it running."""
        if self.connection is not None:
            with signals_held():
                self.process.terminate()
                self.process.join()
                self.connection.close()
                self.connection = None


def _run_and_send(function: Callable[[], R], connection: Connection, parent: int) -> None:
    _as_worker(parent)
    try:
        try:
            outcome: tuple[bool, object] = (True, function())
        except Exception as exc:  # raised again by ``share``; ``Forked`` runs the function again
            outcome = (False, exc)
        except BaseException:  # exiting (SystemExit), or a KeyboardInterrupt the function raised
            outcome = (False, None)
        try:
            connection.send(outcome)
        except Exception:  # a result or an exception that cannot be pickled (nothing was sent)
            connection.send((False, None))
    finally:
        connection.close()


#: Linux's ``prctl`` option that has the system send a process a signal when its parent ends.
_PR_SET_PDEATHSIG = 1


#: The signals held back at a fork (see ``signals_held``).
_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back (left pending) in this thread for the block, and in the workers
    forked in it until each has set its own handlers (``_as_worker``); raised as it ends. For a
    step that must be done whole once begun: a fork, workers stopped, a site put in place.

    A worker starts as a copy of this process, its handlers and its stack included. A signal that
    reached it in the moment after the fork (``terminate`` from a ``share`` that another worker's
    error is ending; Ctrl+C, sent to every process of the terminal's group) would run this
    process's handler there, which raises ``KeyboardInterrupt`` into the copied stack: the worker
    would then do what the build does when interrupted, removing the unfinished site the build
    itself is still writing, and could go on to wait for ever for what only the build gets.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        # A signal that came meanwhile is handled here, now, as it would have been.
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _as_worker(parent: int) -> None:
    """In a worker, first: end with the process that forked it, however that ends (killed, even),
    rather than work on alone holding what it inherited (the site's lock, Pagefind's input); end at
    once when stopped (``terminate``), whatever the build's process does on a SIGTERM; leave Ctrl+C
    to the build's process, which stops its workers; then take the signals held back at the fork.

    Ctrl+C reaches every process of the terminal's group: a worker that took it would raise
    ``KeyboardInterrupt`` wherever it was (before its job had begun, or waiting for a pool's next
    item), and print its traceback over the build's own message.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it ended before the signal was asked for
            os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
