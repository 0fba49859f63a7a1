"""``python build.py check``: its exit codes, its summary and its three output formats."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chronology.check import check_project
from chronology.cli import main
from chronology.diagnostics import Diagnostic, Severity, render
from tests.conftest import EVENT, EVENT_ID, KYIV_PLACE, REPORT_YAML, ROOT, edit, make_project

EV = f"events/{EVENT_ID}.yaml"
SUMMARY = (
    "checked 1 event, 2 actors, 2 places, 1 source: 0 errors, 0 warnings; "
    "report quoted in 2/2 sentences (73% of its text)"
)
BAD_DATE = edit(EVENT, "date: '2022-12-29'", "date: '2022-02-30'")
DATE_ERROR = "'2022-02-30': February 2022 has no day 30"


def build(*args: str) -> subprocess.CompletedProcess[str]:
    """Run build.py as a contributor does, from the repository, in a fresh Python."""
    return subprocess.run(
        [sys.executable, "build.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_passes_with_a_one_line_summary(project: Path) -> None:
    done = build("--root", str(project), "check")
    assert (done.returncode, done.stdout, done.stderr) == (0, SUMMARY + "\n", "")


def test_check_fails_with_every_diagnostic_then_the_summary(tmp_path: Path) -> None:
    root = make_project(tmp_path, events={EVENT_ID: BAD_DATE, "broken": "title: [\n"})
    done = build("--root", str(root), "check")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{EV}:3:7: error[invalid-date]: {DATE_ERROR} (it has 28 days)",
        "events/broken.yaml:2:1: error[yaml-syntax]: expected a value, but found the end of the file",
        "checked 1 event, 2 actors, 2 places, 1 source: 2 errors, 0 warnings",
    ]
    assert done.stderr == ""


def test_the_summary_stays_one_short_line_however_many_sources(tmp_path: Path) -> None:
    names = [f"extra-{i:02d}" for i in range(40)]
    seeds = {name: REPORT_YAML.replace("id: report", f"id: {name}") for name in names}
    texts = {name: f"Nothing in source {name} is quoted.\nNor here.\n" for name in names}
    root = make_project(tmp_path, seeds=seeds, texts=texts)
    done = build("--root", str(root), "check")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "checked 1 event, 2 actors, 2 places, 41 sources: 0 errors, 0 warnings; "
        "the sources quoted in 2/82 sentences; least quoted: extra-00 (0% of its text), "
        "extra-01 (0% of its text), extra-02 (0% of its text)\n"
    )


@pytest.mark.parametrize(
    "args",
    [["check", "--format", "xml"], ["frobnicate"], ["check", "--no-such-option"], ["check", "extra"]],
    ids=["bad-format", "bad-command", "bad-option", "extra-argument"],
)
def test_a_wrong_command_line_exits_2(project: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--root", str(project), *args])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: build.py")


def test_a_wrong_command_line_exits_2_from_the_shell(project: Path) -> None:
    done = build("--root", str(project), "check", "--format", "xml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1] == (
        "build.py check: error: argument --format: invalid choice: 'xml' (choose from 'text', 'github', 'json')"
    )


def test_a_missing_project_folder_exits_2(tmp_path: Path) -> None:
    done = build("--root", str(tmp_path / "nowhere"), "check")
    assert done.returncode == 2
    assert done.stderr == f"build.py: error: the project folder '{tmp_path / 'nowhere'}' does not exist\n"


def test_format_github(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(
        tmp_path,
        events={EVENT_ID: BAD_DATE},
        places={"kyiv": KYIV_PLACE},
    )
    assert main(["--root", str(root), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"::error file={EV},line=3,col=7,title=invalid-date::{DATE_ERROR} (it has 28 days)",
        "::warning file=places/kyiv.yaml,line=1,col=5,title=unused-place::no event happens at place 'kyiv', "
        "nor at any place within it "
        "(add it to an event's places, or remove the file)",
        "checked 1 event, 2 actors, 3 places, 1 source: 1 error, 1 warning",
    ]


def test_format_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, events={EVENT_ID: BAD_DATE})
    assert main(["--root", str(root), "check", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload == {
        "summary": "checked 1 event, 2 actors, 2 places, 1 source: 1 error, 0 warnings",
        "diagnostics": [
            {
                "path": EV,
                "line": 3,
                "column": 7,
                "severity": "error",
                "rule": "invalid-date",
                "message": DATE_ERROR,
                "hint": "it has 28 days",
            }
        ],
    }


def test_format_json_when_all_is_well(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "check", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"summary": SUMMARY, "diagnostics": []}


def test_strict_turns_warnings_into_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, actors={"russia": "id: russia\nname: Russia\nkind: state\n"})
    warning = (
        "actors/russia.yaml:1:5: warning[unused-actor]: no event or source mentions actor 'russia', "
        "nor any actor that is a member of it "
        "(add it to an event's actors or a source's relays, or remove the file)"
    )
    summary = (
        "checked 1 event, 3 actors, 2 places, 1 source: 0 errors, 1 warning; "
        "report quoted in 2/2 sentences (73% of its text)"
    )
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.splitlines() == [warning, summary]
    assert main(["--root", str(root), "check", "--strict"]) == 1
    assert capsys.readouterr().out.splitlines() == [warning, summary]


def test_strict_passes_without_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "check", "--strict"]) == 0
    assert capsys.readouterr().out == SUMMARY + "\n"


def test_the_repository_passes_strict_check() -> None:
    done = build("check", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("checked ") and ": 0 errors, 0 warnings; " in lines[0]


# --- the formats themselves -------------------------------------------------------------------------


def test_github_annotations_escape_what_would_end_them() -> None:
    diagnostic = Diagnostic("events/a,b:c.yaml", 2, 3, Severity.ERROR, "raw-html", "50% of it\nis <b>", "a, b")
    assert diagnostic.github() == (
        "::error file=events/a%2Cb%3Ac.yaml,line=2,col=3,title=raw-html::50%25 of it%0Ais <b> (a, b)"
    )


def test_github_annotation_of_a_whole_file_has_no_line() -> None:
    diagnostic = Diagnostic("actors", 0, 0, Severity.WARNING, "r", "m")
    assert diagnostic.github() == "::warning file=actors,title=r::m"


def test_render_sorts_by_file_and_position() -> None:
    later = Diagnostic("b.yaml", 1, 1, Severity.ERROR, "r", "m")
    second = Diagnostic("a.yaml", 10, 1, Severity.WARNING, "r", "m")
    first = Diagnostic("a.yaml", 2, 5, Severity.ERROR, "r", "m", "h")
    assert render([later, second, first], "text") == (
        "a.yaml:2:5: error[r]: m (h)\na.yaml:10:1: warning[r]: m\nb.yaml:1:1: error[r]: m"
    )
    assert [d["path"] for d in json.loads(render([later, second, first], "json"))] == ["a.yaml", "a.yaml", "b.yaml"]


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import chronology.cli

    def broken(root: Path, **options: object) -> None:
        raise RuntimeError("something no one foresaw")

    monkeypatch.setattr(chronology.cli, "check_project", broken)
    monkeypatch.delenv("CHRONOLOGY_DEBUG", raising=False)
    assert chronology.cli.main(["--root", str(make_project(tmp_path)), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("build.py: internal error: RuntimeError: something no one foresaw\n")
    assert "Traceback" not in err


def test_ctrl_c_that_a_library_turned_into_its_own_error_ends_as_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C while NumPy loads reaches the command as an ImportError with no link to the
    interruption (NumPy's C code prints it, then raises its own): still exit 130, not an
    internal error. Any other error, with no Ctrl+C, is still one."""
    import chronology.cli

    def loading(root: Path, **options: object) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the handler runs here
        except KeyboardInterrupt:
            sys.excepthook(*sys.exc_info())  # printed, as NumPy's C code prints it (PyErr_Print)
        raise ImportError("numpy._core.multiarray failed to import")

    monkeypatch.setattr(chronology.cli, "check_project", loading)
    monkeypatch.delenv("CHRONOLOGY_DEBUG", raising=False)
    handler = signal.getsignal(signal.SIGINT)
    hook = sys.excepthook
    assert chronology.cli.main(["--root", str(make_project(tmp_path)), "check"]) == 130
    assert capsys.readouterr().err == ""  # neither an internal error nor the interruption's traceback
    assert (signal.getsignal(signal.SIGINT), sys.excepthook) == (handler, hook)  # restored

    def failing(root: Path, **options: object) -> None:
        raise ImportError("numpy._core.multiarray failed to import")

    monkeypatch.setattr(chronology.cli, "check_project", failing)
    assert chronology.cli.main(["--root", str(make_project(tmp_path / "again")), "check"]) == 1
    assert "build.py: internal error: ImportError" in capsys.readouterr().err


def test_ctrl_c_that_python_cannot_raise_is_not_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C whose handler runs in a weakref's callback (as MkDocs' events free their locals) is an
    exception Python cannot raise: it prints it, with a traceback, through ``sys.unraisablehook``.
    A command keeps that quiet, and passes on anything else Python could not raise."""
    import weakref

    import chronology.cli

    class Local:
        """What a function leaves behind as it returns."""

    def freed_with(callback: Callable[[], object]) -> None:
        local = Local()
        freed = weakref.ref(local, lambda _: callback())
        del local  # the callback runs now, and what it raises is lost
        assert freed() is None

    def checking(root: Path, **options: Any) -> Any:
        freed_with(lambda: chronology.cli.interrupt(signal.SIGINT, None))
        freed_with(lambda: 1 / 0)
        return check_project(root, **options)

    printed: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", printed.append)
    monkeypatch.setattr(chronology.cli, "check_project", checking)
    assert chronology.cli.main(["--root", str(make_project(tmp_path)), "check"]) == 0
    assert [type(lost.exc_value) for lost in printed] == [ZeroDivisionError]
    assert sys.unraisablehook == printed.append  # restored


#: A program that ends through ``leave`` holding what an ordinary exit would finish off: output
#: still buffered for a pipe, a function registered with ``atexit``, a temporary folder left to its
#: finalizer, a log handler's buffer, and (when told to) a thread that is still working.
LEAVING = """
import atexit, logging, sys, tempfile, threading, time
from pathlib import Path
from chronology.cli import leave

out = Path(sys.argv[1])
atexit.register(lambda: (out / "atexit").write_text("ran"))
folder = tempfile.TemporaryDirectory(dir=out)
(out / "folder").write_text(folder.name)
logging.basicConfig(stream=open(out / "log", "w"), level=logging.INFO)
logging.info("logged before leaving")
if sys.argv[2] == "thread":
    threading.Thread(target=lambda: (time.sleep(0.3), (out / "thread").write_text("done"))).start()
for line in range(20000):
    print(f"line {line}")
leave(3)
"""


def buffered(*command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` from the repository with its output buffered, as Python buffers a pipe
    unless told otherwise (this environment may tell it otherwise: PYTHONUNBUFFERED)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("thread", ["thread", "none"])
def test_leaving_finishes_what_an_ordinary_exit_would(tmp_path: Path, thread: str) -> None:
    done = buffered(sys.executable, "-c", LEAVING, str(tmp_path), thread)
    assert (done.returncode, done.stderr) == (3, "")
    assert done.stdout.splitlines() == [f"line {line}" for line in range(20000)]
    assert (tmp_path / "atexit").read_text() == "ran"
    assert not Path((tmp_path / "folder").read_text()).exists()
    assert (tmp_path / "log").read_text() == "INFO:root:logged before leaving\n"
    assert (tmp_path / "thread").exists() == (thread == "thread")


def test_a_command_that_leaves_early_still_prints_every_diagnostic(tmp_path: Path) -> None:
    # Thousands of lines through a pipe, the whole of them there, and the exit code the check's.
    events = {f"e{n:04d}": edit(EVENT, "date: '2022-12-29'", "date: '2022-02-30'") for n in range(300)}
    root = make_project(tmp_path, events=events)
    done = buffered(sys.executable, "build.py", "--root", str(root), "check", "--format", "github")
    assert done.returncode == 1
    assert sum(DATE_ERROR in line for line in done.stdout.splitlines()) == 300
    assert done.stdout.splitlines()[-1].startswith("checked 301 events")


#: build.py run as a contributor runs it, its command ``chronology.cli.main`` wrapped so that
#: Ctrl+C comes again at a given moment of its end: ``returning`` (as the command returns, once it
#: has put back Python's own handler), or ``leaving`` (as the process ends: in an ``atexit``
#: function, with the check's output printed and its exit code chosen).
AGAIN = """
import atexit, runpy, signal, sys
import chronology.cli

command = chronology.cli.main
moment = sys.argv.pop()
sys.argv = sys.argv[1:]  # as build.py's own: the script, then its arguments


def main():
    code = command()
    if moment == "returning":
        signal.raise_signal(signal.SIGINT)
    else:
        atexit.register(signal.raise_signal, signal.SIGINT)
    return code


chronology.cli.main = main
runpy.run_path("build.py", run_name="__main__")
"""


@pytest.mark.parametrize(("moment", "code"), [("returning", 130), ("leaving", 0)])
def test_ctrl_c_as_a_command_ends_prints_no_traceback(project: Path, moment: str, code: int) -> None:
    """A second Ctrl+C, pressed as the command ends: exit 130 if it has not returned its code,
    its own code if the process is already ending, and never Python's traceback over its output."""
    done = buffered(sys.executable, "-c", AGAIN, "build.py", "--root", str(project), "check", moment)
    assert (done.returncode, done.stdout, done.stderr) == (code, SUMMARY + "\n", "")
