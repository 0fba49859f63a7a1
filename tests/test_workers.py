"""Work shared among the cores gives what the same work done in order gives, errors included."""

from __future__ import annotations

import _thread
import contextlib
import gc
import io
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.process
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from chronology import bodies, pages, plugin, search, workers
from chronology.check import check_project
from chronology.site import build_site
from tests.test_site import ROOT, copy_project


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, alone: None) -> None:
    """Every page rendered by two worker processes, however few there are."""
    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)


@pytest.mark.example
def test_pages_rendered_by_workers_are_those_rendered_in_order(shared: None, monkeypatch: pytest.MonkeyPatch) -> None:
    shares: list[int] = []
    real = workers.share

    def spy(function: Any, items: Any) -> Any:
        done = real(function, items)
        shares.append(len(done))
        return done

    monkeypatch.setattr(workers, "share", spy)
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    renderer = pages.Renderer(chronology, ROOT / "templates")
    in_order = list(renderer.pages())
    assert len(in_order) > 50
    assert pages.render_pages(renderer) == in_order
    assert shares == [2]  # rendered by the two workers, not again in order after a failure


#: While set, the second process forked from now on waits this long before it goes on: a worker
#: started late, as on a loaded machine.
_LATE: list[float] = []
_FORKS = [0]


def _count_fork() -> None:
    _FORKS[0] += 1


def _start_late() -> None:
    if _LATE and _FORKS[0] == 2:
        time.sleep(_LATE[0])


os.register_at_fork(before=_count_fork, after_in_child=_start_late)


def children(pid: int | str = "self") -> set[int]:
    """A process's child processes (this one's by default), zombies (ended but not waited for) included."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # a thread that has just ended
            found.update(int(child) for child in (task / "children").read_text().split())
    return found


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch, alone: None) -> Iterator[None]:
    """Work shared between two cores; no child process left behind by ``share``."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    before = children()
    yield
    assert children() <= before


def _whose(item: int) -> tuple[int, int, int]:
    return item, os.getpid(), os.getppid()


def test_each_item_is_done_by_a_process_of_its_own_even_one_started_late(two_cores: None) -> None:
    _FORKS[0] = 0
    _LATE.append(0.5)
    try:
        done = workers.share(_whose, [0, 1])
    finally:
        _LATE.clear()
    assert [(item, parent) for item, _, parent in done] == [(0, os.getpid()), (1, os.getpid())]
    pids = {pid for _, pid, _ in done}
    assert len(pids) == 2 and os.getpid() not in pids


def _after(item: tuple[float, str]) -> tuple[str, int]:
    time.sleep(item[0])
    return item[1], os.getpid()


def test_results_are_in_the_items_order_whichever_worker_ends_first(two_cores: None) -> None:
    items = [(0.4, "a"), (0.0, "b"), (0.3, "c"), (0.0, "d"), (0.1, "e")]
    done = workers.share(_after, items)
    assert [name for name, _ in done] == ["a", "b", "c", "d", "e"]
    assert len({pid for _, pid in done} | {os.getpid()}) == 6


def _fails_or_waits(item: int) -> None:
    if item == 1:
        raise ValueError("no such template: pages/x.html")
    time.sleep(600)


def test_an_item_that_raises_raises_here_and_the_other_workers_are_stopped(two_cores: None) -> None:
    with pytest.raises(ValueError) as raised:
        workers.share(_fails_or_waits, [0, 1, 2])
    assert str(raised.value) == "no such template: pages/x.html"


class _Unpicklable(Exception):
    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}")


def _dies_or_raises(item: int) -> None:
    if item == 0:
        os._exit(3)
    raise _Unpicklable("x.html", "cannot be read back")


def test_a_worker_that_dies_or_sends_what_cannot_be_read_back_fails_the_share(two_cores: None) -> None:
    with pytest.raises(workers.WorkerFailed) as raised:
        workers.share(_dies_or_raises, [0])
    assert str(raised.value) == "the worker of item 0 failed"
    with pytest.raises(workers.WorkerFailed) as raised:
        workers.share(_dies_or_raises, [1])
    assert str(raised.value) == "the worker of item 0 failed"


def _waits(item: int) -> None:
    time.sleep(600)


def test_an_interrupted_share_stops_its_workers(two_cores: None) -> None:
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(KeyboardInterrupt):
            workers.share(_waits, [0, 1])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _fails_first(item: int) -> int:
    if item == 0:
        raise ValueError("the first share fails")
    time.sleep(60)
    return item


def test_ctrl_c_again_while_a_share_stops_its_workers_still_stops_every_one(
    two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One share fails and the others are stopped; Ctrl+C pressed just then, as the first is
    stopped, waits until the last is: none is left working on (writing pages into a site that is
    being removed)."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 3)
    terminate = multiprocessing.process.BaseProcess.terminate
    pressed: list[int] = []

    def pressing(process: multiprocessing.process.BaseProcess) -> None:
        if not pressed:
            pressed.append(process.pid or 0)
            os.kill(os.getpid(), signal.SIGINT)
        terminate(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "terminate", pressing)
    with pytest.raises(KeyboardInterrupt):
        workers.share(_fails_first, [0, 1, 2])
    assert pressed  # and ``two_cores`` finds no worker left


def _large(item: int) -> bytes:
    return bytes([item]) * 30_000_000


def test_large_results_from_several_workers_are_all_received(two_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 3)

    def stuck(signum: int, frame: object) -> None:
        raise AssertionError("share is stuck")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    try:
        done = workers.share(_large, [0, 1, 2, 3])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [len(result) for result in done] == [30_000_000] * 4
    assert [result[0] == result[-1] == item for item, result in enumerate(done)] == [True] * 4


def _part(item: int) -> tuple[int, int]:
    if item == 7:
        raise ValueError("no such source: seeds/x.md")
    return item, os.getpid()


def test_many_parts_are_spread_over_one_worker_a_core_results_in_order(two_cores: None) -> None:
    done = workers.spread(_part, range(6))
    assert [item for item, _ in done] == list(range(6))
    pids = {pid for _, pid in done}
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids
    with pytest.raises(ValueError) as raised:
        workers.spread(_part, range(9))
    assert str(raised.value) == "no such source: seeds/x.md"


def _slow_part(item: int) -> tuple[int, int]:
    time.sleep(0.05)
    return _part(item)


def test_a_spread_beside_runs_its_workers_while_the_block_goes_on(two_cores: None) -> None:
    with workers.spread_beside(_slow_part, range(6)) as results:
        working = multiprocessing.active_children()  # forked as the block begins
        here = os.getpid()
        done = results()
    assert len(working) == workers.usable_cores() and here == os.getpid()
    assert [item for item, _ in done] == list(range(6)) and here not in {pid for _, pid in done}
    assert results() is done  # taken once
    assert multiprocessing.active_children() == []  # every worker ended with the block


def test_a_block_that_raises_ends_the_spread_beside_it(two_cores: None) -> None:
    began = time.monotonic()
    with pytest.raises(KeyError), workers.spread_beside(_slow_part, range(200)):
        raise KeyError("the block's own error")
    # Its workers ended at once, the items not yet begun dropped (all 200 take 5 s of sleep).
    assert multiprocessing.active_children() == []
    assert time.monotonic() - began < 3


#: A spread of many items whose worker dies on the first (killed, as by the system when out of
#: memory): run in a process of its own, whose exit is what is tested.
DYING_WORKER = """
import os, sys
from chronology import workers
workers.usable_cores = lambda: 2
MAIN = os.getpid()

def double(item):
    if item == 0 and os.getpid() != MAIN:
        os._exit(3)
    return item * 2

done = workers.spread(double, range(int(sys.argv[1])))
assert done == [item * 2 for item in range(int(sys.argv[1]))]
print("done")
"""


@pytest.mark.parametrize("items", [3, 9_000, 36_000])
def test_a_spread_whose_worker_dies_is_done_here_and_its_process_ends(items: int) -> None:
    # With many items, the pool could break while they were still being sent, and its thread fail
    # to end the other worker, which then kept the process from ending, its work done.
    run = subprocess.run(
        [sys.executable, "-c", DYING_WORKER, str(items)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert (run.returncode, run.stdout) == (0, "done\n"), run.stderr


def test_items_are_done_here_when_work_cannot_be_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    assert workers.share(_whose, [0, 1]) == [(0, os.getpid(), os.getppid()), (1, os.getpid(), os.getppid())]


@pytest.mark.parametrize("start", ["threading", "_thread"])
def test_work_is_shared_only_with_several_cores_and_no_other_thread(
    monkeypatch: pytest.MonkeyPatch, alone: None, start: str
) -> None:
    """Any other thread keeps the work in the process: one ``threading`` started, and one it does
    not know of (as a library's own code starts them: a browser driver's, a native extension's)."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    assert workers.can_share()
    stop, ended = threading.Event(), threading.Event()

    def wait() -> None:
        stop.wait()
        ended.set()

    if start == "threading":
        thread = threading.Thread(target=wait)
        thread.start()
    else:
        _thread.start_new_thread(wait, ())
    try:
        assert threading.active_count() == (2 if start == "threading" else 1)
        assert workers.threads() == 2
        assert not workers.can_share()
    finally:
        stop.set()
        assert ended.wait(5)
        if start == "threading":
            thread.join()
    # Ended (joined, or about to end unknown to Python): work is shared again at once.
    assert workers.can_share()
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    assert not workers.can_share()


def test_work_is_shared_right_after_a_pool_of_workers_ends(monkeypatch: pytest.MonkeyPatch, alone: None) -> None:
    """``spread``'s pool has threads of its own, joined as it ends but still in the system's list for
    a moment: the work that comes next still goes to workers (the data files after a check)."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    for _ in range(10):
        assert workers.spread(_pid, [1, 2]) != [os.getpid()] * 2
        with workers.Forked(_pid) as job:
            assert job.result() != os.getpid()


def test_why_work_stays_on_one_core_is_said_once_when_a_library_runs_threads(
    monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    """A thread Python did not start (a native library's) keeps the work on one core: the build
    says so, once, rather than being merely slow."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    monkeypatch.setitem(workers._told_why, "one core", False)
    said: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    level = workers.log.level
    workers.log.addHandler(handler)
    workers.log.setLevel(logging.INFO)
    stop, ended = threading.Event(), threading.Event()

    def wait() -> None:
        stop.wait()
        ended.set()

    _thread.start_new_thread(wait, ())
    try:
        assert not workers.can_share()
        assert not workers.can_share()
    finally:
        stop.set()
        assert ended.wait(5)
        workers.log.removeHandler(handler)
        workers.log.setLevel(level)
    assert len(said) == 1
    assert said[0].startswith("work stays on one core: this process runs 1 other thread, started by a library")


def test_a_users_openblas_setting_does_not_keep_the_build_on_one_core() -> None:
    """NumPy (brought by Shapely) loads OpenBLAS, which starts as many threads as a user's
    ``OPENBLAS_NUM_THREADS`` asks, set for other programs: the chronology asks it for none."""
    loads = "import chronology.maps, numpy; from chronology import workers; print(workers.threads())"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "4"}
    ran = subprocess.run([sys.executable, "-c", loads], env=env, capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "1"


def test_a_template_error_in_a_worker_is_reported_with_its_place(
    shared: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "p")
    template = project / "templates" / "pages" / "actor.html"
    template.write_text(template.read_text("utf-8") + "{{ no_such_thing.at_all }}\n", "utf-8")
    assert build_site(project) == 1
    err = capsys.readouterr().err
    assert "templates/pages/actor.html:" in err and "template error" in err and "no_such_thing" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()


def _fails() -> None:
    raise ValueError("two exports would be written to data/x.json")


def test_a_forked_job_runs_in_another_process_and_gives_its_result(
    monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    with workers.Forked(lambda: (os.getpid(), ["bytes"] * 3)) as job:
        pid, value = job.result()
    assert pid != os.getpid()
    assert value == ["bytes", "bytes", "bytes"]


def test_a_forked_job_that_raises_raises_here(monkeypatch: pytest.MonkeyPatch, alone: None) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    with workers.Forked(_fails) as job, pytest.raises(ValueError) as raised:
        job.result()
    assert str(raised.value) == "two exports would be written to data/x.json"


#: While it holds an item, each process forked is sent a SIGTERM the moment it starts (an at-fork
#: hook cannot be removed once registered, so it is registered once and does nothing otherwise).
_TERMINATED_AT_FORK: list[bool] = []


def _terminate_if_asked() -> None:
    if _TERMINATED_AT_FORK:
        os.kill(os.getpid(), signal.SIGTERM)


os.register_at_fork(after_in_child=_terminate_if_asked)


#: While it holds an item, this process sends itself a SIGINT just before each fork (Ctrl+C at
#: that moment): held back during the fork, it is raised as the fork's block ends.
_INTERRUPTED_AT_FORK: list[bool] = []


def _interrupt_if_asked() -> None:
    if _INTERRUPTED_AT_FORK:
        os.kill(os.getpid(), signal.SIGINT)


os.register_at_fork(before=_interrupt_if_asked)


def test_a_job_interrupted_as_it_is_forked_leaves_no_worker(alone: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    before = children()
    _INTERRUPTED_AT_FORK.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            workers.Forked(lambda: time.sleep(60))
    finally:
        _INTERRUPTED_AT_FORK.clear()
    assert children() <= before  # stopped and waited for, not left sleeping


def _pid(_: object = None) -> int:
    return os.getpid()


def _noted(item: tuple[int, str]) -> int:
    """Part ``number`` of a job, noted in ``folder`` as it is done."""
    number, folder = item
    time.sleep(0.05)
    (Path(folder) / str(number)).touch()
    return number


def _begun(item: tuple[int, str]) -> int:
    """Part ``number`` of a job, noted in ``folder`` as it begins; it takes a second."""
    number, folder = item
    (Path(folder) / str(number)).touch()
    time.sleep(1)
    return number


@pytest.mark.parametrize(
    ("part", "parts", "most"),
    [
        # Dropped rather than done as the pool ends, which would do every one (100 of 0.05 s).
        (_noted, 100, 9),
        # The pool queues parts ahead for its workers, and its shutdown cannot cancel those: the
        # workers drop them, so that Ctrl+C waits only for the parts begun.
        (_begun, 20, 2),
    ],
)
def test_a_spread_interrupted_as_its_workers_are_forked_drops_the_parts_not_begun(
    two_cores: None, tmp_path: Path, part: Callable[[tuple[int, str]], int], parts: int, most: int
) -> None:
    """Ctrl+C (or a SIGTERM) held back during the pool's forks is raised as they end: the build
    stops then, once the parts begun are done."""
    _INTERRUPTED_AT_FORK.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            workers.spread(part, [(number, str(tmp_path)) for number in range(parts)])
    finally:
        _INTERRUPTED_AT_FORK.clear()
    assert len(list(tmp_path.iterdir())) <= most


#: While it holds an item, each process forked is sent a SIGINT the moment it starts (Ctrl+C,
#: which reaches every process of the terminal's group, in the moment after a fork).
_CTRL_C_AT_FORK: list[bool] = []


def _ctrl_c_if_asked() -> None:
    if _CTRL_C_AT_FORK:
        os.kill(os.getpid(), signal.SIGINT)


os.register_at_fork(after_in_child=_ctrl_c_if_asked)


@pytest.mark.parametrize("way", ["Forked", "share", "spread"])
def test_ctrl_c_reaching_a_worker_is_left_to_this_process(
    two_cores: None, capfd: pytest.CaptureFixture[str], way: str
) -> None:
    """A worker leaves Ctrl+C to the build's process, which stops its workers: it goes on with its
    job, and prints no traceback over the build's own message."""
    _CTRL_C_AT_FORK.append(True)
    try:
        if way == "Forked":
            with workers.Forked(_pid) as job:
                done = [job.result()]
        elif way == "share":
            done = workers.share(_pid, [1, 2])
        else:
            done = workers.spread(_pid, [1, 2, 3])
    finally:
        _CTRL_C_AT_FORK.clear()
    assert os.getpid() not in done  # done by the workers, not again here after they failed
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err


@pytest.mark.parametrize("way", ["Forked", "share", "spread"])
def test_a_signal_at_the_fork_never_runs_this_process_handler_in_a_worker(
    monkeypatch: pytest.MonkeyPatch, alone: None, tmp_path: Path, way: str
) -> None:
    """A worker stopped the moment it is forked ends as stopped: it does not run the handler it
    inherited (the build's, which would remove the site being built from the worker)."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    ran = tmp_path / "ran"

    def handler(signum: int, frame: object) -> None:
        ran.write_text(f"{os.getpid()}")
        os._exit(3)  # not to go on, in a worker, with this test's own stack

    previous = signal.signal(signal.SIGTERM, handler)
    _TERMINATED_AT_FORK.append(True)
    try:
        if way == "Forked":
            with workers.Forked(_pid) as job:
                assert job.result() == os.getpid()  # the worker ended: the job was done here
        elif way == "share":
            with pytest.raises(workers.WorkerFailed):
                workers.share(_pid, [1, 2])
        else:
            assert workers.spread(_pid, [1, 2, 3]) == [os.getpid()] * 3  # the pool broke: done here
    finally:
        _TERMINATED_AT_FORK.clear()
        signal.signal(signal.SIGTERM, previous)
    assert not ran.exists(), f"the handler ran in process {ran.read_text()}, not {os.getpid()}"


def test_a_forked_job_runs_here_when_work_cannot_be_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    with workers.Forked(os.getpid) as job:
        assert job.result() == os.getpid()


def test_a_forked_job_whose_result_is_not_taken_is_stopped(monkeypatch: pytest.MonkeyPatch, alone: None) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    with workers.Forked(lambda: time.sleep(60)) as job:
        process = job.process
        assert process.is_alive()
    assert not process.is_alive()


def _frozen_in_worker(_: object) -> int:
    return gc.get_freeze_count()


def test_workers_leave_what_they_inherit_out_of_their_garbage_collections(
    monkeypatch: pytest.MonkeyPatch, alone: None
) -> None:
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    inherited = [[n] for n in range(1000)]  # tracked by the collector, alive at the fork
    assert gc.get_freeze_count() == 0
    shared = workers.share(_frozen_in_worker, [1, 2])
    assert all(frozen > len(inherited) for frozen in shared)
    spread = workers.spread(_frozen_in_worker, [1, 2, 3])
    assert all(frozen > len(inherited) for frozen in spread)
    assert gc.get_freeze_count() == 0
    with workers.Forked(gc.get_freeze_count) as job:
        assert gc.get_freeze_count() == 0  # this process's own collections take them back at once
        assert job.result() > len(inherited)
    assert gc.get_freeze_count() == 0


def test_objects_left_out_for_a_fork_stay_out_while_an_outer_hold_lasts() -> None:
    inherited = [[n] for n in range(1000)]
    with workers._frozen():
        with workers._frozen():
            pass
        assert gc.get_freeze_count() > len(inherited)  # the outer block still holds them out
    assert gc.get_freeze_count() == 0
    workers.hold_out()
    try:
        with workers._frozen():
            pass
        assert gc.get_freeze_count() > len(inherited)  # held out until let go
    finally:
        workers.let_go()
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_its_objects_out_of_its_collections_until_it_ends(
    shared: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "p")
    frozen: list[int] = []
    real = pages.render_pages

    def spy(*args: Any, **kwargs: Any) -> Any:
        frozen.append(gc.get_freeze_count())  # the checked chronology, left out
        done = real(*args, **kwargs)
        frozen.append(gc.get_freeze_count())  # still out after the workers' forks took theirs back
        return done

    monkeypatch.setattr(plugin, "render_pages", spy)
    assert build_site(project) == 0
    assert frozen[0] > 10_000 and frozen[1] >= frozen[0]
    assert gc.get_freeze_count() == 0  # all taken back when the build ended
    event = next((project / "events").glob("*.yaml"))
    event.write_text(event.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    assert build_site(project) == 1  # a failed check
    assert gc.get_freeze_count() == 0
    template = project / "templates" / "main.html"
    event.write_text(event.read_text("utf-8").replace("titel:", "title:", 1), "utf-8")
    template.write_text(template.read_text("utf-8") + "{{ no_such_thing.at_all }}", "utf-8")
    assert build_site(project) == 1  # a failed page
    assert gc.get_freeze_count() == 0


def test_bodies_written_out_by_the_workers_read_back_as_rendered(shared: None, tmp_path: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    renderer = pages.Renderer(chronology, ROOT / "templates")
    in_order = list(renderer.pages())
    spool = bodies.Spool(tmp_path / "site")
    kept = pages.render_pages(renderer, keep=spool.keep)
    assert all(isinstance(page, bodies.SpooledPage) and page.body == "" for page in kept)
    assert len({page.spool for page in kept if isinstance(page, bodies.SpooledPage)}) == 2  # a file per worker
    assert [(p.path, p.title, p.kind, p.data_file, p.description) for p in kept] == [
        (p.path, p.title, p.kind, p.data_file, p.description) for p in in_order
    ]
    assert [spool.body(page) for page in kept] == [page.body for page in in_order]
    assert not list((tmp_path / "site").rglob("*.html"))  # nothing a site's indexer would take for a page
    assert any(not page.body.isascii() for page in in_order)
    spool.close()
    assert not (tmp_path / "site" / bodies.FOLDER).exists()


def test_the_pages_that_list_events_are_rendered_by_workers_of_their_own(shared: None, tmp_path: Path) -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    renderer = pages.Renderer(chronology, ROOT / "templates")
    spool = bodies.Spool(tmp_path / "site")
    kinds: dict[str, set[str]] = {}
    for page in pages.render_pages(renderer, keep=spool.keep):
        assert isinstance(page, bodies.SpooledPage)
        kinds.setdefault(page.spool, set()).add(page.kind)
    spool.close()
    assert sorted(sorted(kinds_of_one) for kinds_of_one in kinds.values()) == [
        ["actor", "place", "tag", "timeline"],
        ["actors", "event", "places", "reference", "source", "sources", "tags"],
    ]


def test_a_built_site_keeps_none_of_the_bodies(shared: None, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / bodies.FOLDER).exists()
    assert not list(project.glob(f"**/{bodies.FOLDER}"))


CHOOSES_CORES = pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="cores are chosen on Linux only")
MANY_CORES = pytest.mark.skipif(workers.usable_cores() < 2, reason="one core: nothing to narrow")


@CHOOSES_CORES
@MANY_CORES
def test_a_program_started_on_one_core_leaves_this_process_all_of_them() -> None:
    every = os.sched_getaffinity(0)
    report = "import os; print(sorted(os.sched_getaffinity(0)))"
    with workers.one_core():
        started = subprocess.run([sys.executable, "-c", report], capture_output=True, text=True, check=True)
    assert started.stdout.strip() == str([max(every)])
    assert os.sched_getaffinity(0) == every
    with pytest.raises(RuntimeError), workers.one_core():
        raise RuntimeError("the block failed")
    assert os.sched_getaffinity(0) == every


@CHOOSES_CORES
def test_a_program_is_started_on_every_core_where_cores_cannot_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    every = os.sched_getaffinity(0)

    def refused(pid: int, cores: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "sched_setaffinity", refused)
    report = "import os; print(sorted(os.sched_getaffinity(0)))"
    with workers.one_core():
        started = subprocess.run([sys.executable, "-c", report], capture_output=True, text=True, check=True)
    assert started.stdout.strip() == str(sorted(every))


@CHOOSES_CORES
@MANY_CORES
def test_pagefind_indexes_on_one_core_while_the_build_keeps_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = os.sched_getaffinity(0)
    seen: list[tuple[set[int], set[int]]] = []
    start = search.Indexer.__init__

    def started(indexer: search.Indexer, *args: Any, **kwargs: Any) -> None:
        start(indexer, *args, **kwargs)
        seen.append((os.sched_getaffinity(indexer.process.pid), os.sched_getaffinity(0)))

    monkeypatch.setattr(search.Indexer, "__init__", started)
    project = copy_project(tmp_path / "p")
    assert build_site(project) == 0
    assert seen == [({max(every)}, every)]
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()


def test_a_job_that_cannot_have_a_process_is_done_here(monkeypatch: pytest.MonkeyPatch, alone: None) -> None:
    """Out of memory, or at the limit of processes: the work is done, here, rather than failed."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)

    def refused(self: object, process: object) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "_Popen", refused)
    with workers.Forked(os.getpid) as job:
        assert not job.forked
        assert job.result() == os.getpid()
    assert workers.share(_pid_and, [1, 2, 3]) == [(os.getpid(), 1), (os.getpid(), 2), (os.getpid(), 3)]


def _pid_and(item: int) -> tuple[int, int]:
    return os.getpid(), item


@pytest.mark.skipif(sys.platform != "linux", reason="the parent's death signal is Linux's")
def test_a_worker_ends_with_the_process_that_forked_it_however_that_ends(tmp_path: Path) -> None:
    """A build killed outright (the out-of-memory killer, a SIGKILL) takes its workers with it:
    none works on alone, holding the site's lock or Pagefind's input."""
    script = (
        "import sys, threading, time\n"
        "from chronology import workers\n"
        "workers.usable_cores = lambda: 2\n"
        "job = workers.Forked(lambda: time.sleep(120))\n"
        "print(job.process.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    assert _alive(worker)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(worker):
        assert time.monotonic() < deadline, "the worker outlived the process that forked it"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a process that ended but was not yet waited for does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


#: The test process: a worker forked from it has another id.
_TESTS = os.getpid()


def _dies_in_a_worker(item: int) -> int:
    if os.getpid() != _TESTS:
        os._exit(1)  # as the out-of-memory killer would end it
    return item * 2


def test_parts_spread_to_a_worker_that_dies_are_done_here(two_cores: None) -> None:
    assert workers.spread(_dies_in_a_worker, [1, 2, 3]) == [2, 4, 6]


class _Full(io.FileIO):
    """A file on a file system that takes only part of what is written (it is full)."""

    def write(self, data: Any) -> int:
        return super().write(bytes(data)[: len(data) // 2])


def test_a_body_the_file_system_takes_only_part_of_fails_rather_than_reads_back_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spool = bodies.Spool(tmp_path / "site")
    page = pages.Page("events/x.md", "X", "event", "<p>" + "x" * 1000 + "</p>")
    monkeypatch.setattr(Path, "open", lambda self, mode, buffering=-1: _Full(self, mode.replace("b", "")))
    with pytest.raises(OSError, match="No space left on device"):
        spool.keep(page)
    spool.close()


def test_ctrl_c_twice_while_a_spread_ends_its_workers_still_ends_the_process(tmp_path: Path) -> None:
    """A second Ctrl+C while the pool waits for the parts its workers began (a contributor pressing
    again) does not leave the process waiting for ever: the workers are still told to end before
    the process's exit closes the pool's queue."""
    script = (
        "import os, signal, sys, time\n"
        "from chronology import workers\n"
        "workers.usable_cores = lambda: 2\n"
        "def part(item):\n"
        "    time.sleep(2)\n"
        "    return item\n"
        "build = os.getpid()\n"
        "if os.fork() == 0:  # the contributor: Ctrl+C, and again half a second later\n"
        "    for _ in range(2):\n"
        "        time.sleep(0.5)\n"
        "        os.kill(build, signal.SIGINT)\n"
        "    os._exit(0)\n"
        "try:\n"
        "    workers.spread(part, range(6))\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()  # its workers end with it (``_as_worker``)
        pytest.fail("the process still waited 30 s after the second Ctrl+C")
    assert (process.returncode, out, err) == (0, "interrupted\n", "")
