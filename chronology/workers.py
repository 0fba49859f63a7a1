"""Workers: sharing a large job among the machine's cores, in forked processes.

Forked workers start at once and inherit everything already loaded (the chronology, the
templates), so nothing is sent to them but which share of the work is theirs. A process that runs
other threads (``serve``'s web server) is never forked, since a thread holding a lock at the fork
would leave the child waiting for ever: there, and on one core, the work is done in the process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_share() -> bool:
    """Whether work can go to forked workers: more than one core, and no other thread running."""
    return usable_cores() > 1 and threading.active_count() == 1


def share(function: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``function`` applied to every item, by one worker process per core, results in order."""
    items = list(items)
    with ProcessPoolExecutor(usable_cores(), mp_context=get_context("fork")) as pool:
        return list(pool.map(function, items))
