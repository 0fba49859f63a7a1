"""Property tests: whatever is in a data file, the loader and the checker report diagnostics and
never raise, and every diagnostic names a file of the project and a line and column from 1.

Inputs: random bytes and text, random YAML-shaped data, and the repository's own data files broken
in the ways editing breaks them (characters and lines deleted, duplicated or swapped) or a hostile
contributor would (anchors, aliases, merge keys, tags, tabs, deep nesting, huge numbers, NUL bytes,
invalid UTF-8). The tests write only into temporary folders, and Hypothesis keeps no example
database here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.check import Result, check_project
from chronology.diagnostics import Collector, Diagnostic, Severity
from chronology.layout import FOLDERS
from chronology.load import parse_yaml
from chronology.schema import field_order
from tests.conftest import EVENT_ID, make_project

ROOT = Path(__file__).resolve().parent.parent
REAL_FILES = {
    path: path.read_bytes()
    for folder in ("events", "actors", "places", "seeds")
    for path in sorted((ROOT / folder).glob("*.yaml"))
}
REAL_EVENTS = [path for path in REAL_FILES if path.parent.name == "events"]

#: What a hostile or careless edit inserts.
SPECIALS = [
    "&a ",
    "*a",
    "<<: ",
    "<<: *a\n",
    "- &x [1]\n- *x\n",
    "!!python/object:os.system ",
    "!!python/object/apply:os.system ['true'] ",
    "!!binary ",
    "!local ",
    "!<tag:yaml.org,2002:str> ",
    "\t",
    "[" * 60,
    "{" * 60,
    "- " * 50,
    "a:\n" + "  " * 40 + "b: c\n",
    "9" * 5000,
    "-1e999",
    ".nan",
    ".inf",
    "0x" + "f" * 3000,
    "\x00",
    "\x07",
    "---\n",
    "...\n",
    "? ",
    ": ",
    "'",
    '"',
    "|\n",
    ">-\n",
    "#",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "\ufeff",
    "\u2028",
    "\x85",
    "\r",
    "\r\n",
    "~",
    "null",
    "no",
    "on",
    "2022-13-45",
    "'../..'",
    "'2022-02-30'",
    "'25:00'",
    "<script>",
    "[x](javascript:y)",
    "![i](https://x/i.png)",
    "\\",
    "\U0001f600",
    "@",
    "`",
    "%",
]
#: What Python-Markdown reads slowly (its time grows with the square of the '[') or cannot read at all.
MARKDOWN_SPECIALS = ["[" * 3000, "[a](" * 1000, "- " * 1500 + "x"]
SPECIALS += MARKDOWN_SPECIALS
#: Byte sequences that are not UTF-8, or are only just.
BAD_BYTES = [
    b"\xff",
    b"\xfe\xff",
    b"\xc3",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x80",
    b"\xef\xbb\xbf",
    b"\x00\x00",
]

#: The loader is fast: many examples. A whole check takes 50-200 ms: fewer, to keep the module under 30 s.
#: Short test ids for the specials (one is 5,000 characters long).
SPECIAL_IDS = [repr(s) if len(s) <= 24 else f"{s[:6]!r}...({len(s)} chars)" for s in SPECIALS]

FUZZ = settings(
    max_examples=200,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_CHECK = settings(FUZZ, max_examples=40)
FUZZ_REAL = settings(FUZZ, max_examples=30)  # each check reads the repository's 34 actors, places and sources


# --- what must hold of every result --------------------------------------------------------------


def assert_reported(diagnostics: list[Diagnostic], allowed_paths: set[str] | None = None) -> None:
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert isinstance(diagnostic.path, str) and diagnostic.path
        assert not diagnostic.path.startswith("/") and "\\" not in diagnostic.path and ".." not in diagnostic.path
        if allowed_paths is not None:
            assert diagnostic.path in allowed_paths, diagnostic.text()
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic.text()
        assert isinstance(diagnostic.severity, Severity)
        assert diagnostic.rule and diagnostic.message
        assert diagnostic.hint is None or isinstance(diagnostic.hint, str)
        assert diagnostic.text().startswith(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: ")
        assert diagnostic.github().startswith(("::error file=", "::warning file="))


def assert_result(result: Result, root: Path) -> None:
    project_paths = {p.relative_to(root).as_posix() for p in root.rglob("*")}
    project_paths |= set(FOLDERS.values())
    assert_reported(result.diagnostics, project_paths)
    assert (result.chronology is None) == bool(result.errors)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` with its size and modification time, to show the check changed nothing
    (but its own cache, in ``.cache/``)."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != ".cache"
    }


def check_file(root: Path, rel: str, content: bytes) -> Result:
    """Check the project with one file's content replaced; the project is left as it was."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content)
    try:
        before = snapshot(root)
        result = check_project(root)
        assert snapshot(root) == before
        assert_result(result, root)
        return result
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


# --- projects -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny valid chronology of conftest.py."""
    return make_project(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the repository's actors, places and sources, with one of its events."""
    root = tmp_path_factory.mktemp("real")
    for folder in ("actors", "places", "seeds"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "events").mkdir()
    yield root


# --- mutations ----------------------------------------------------------------------------------------


def mutate(data: bytes, operations: list[tuple[Any, ...]]) -> bytes:
    """Apply edits to a file's bytes; positions wrap around the current length."""
    for operation in operations:
        kind = operation[0]
        if kind == "set_value":  # the value after 'key: ' or '- ' on one line, the way an editor changes it
            lines = data.split(b"\n")
            i = operation[1] % len(lines)
            for marker in (b": ", b"- "):
                if marker in lines[i]:
                    lines[i] = lines[i][: lines[i].index(marker) + 2] + operation[2]
                    break
            data = b"\n".join(lines)
            continue
        if kind in ("delete_line", "duplicate_line", "swap_lines"):
            lines = data.split(b"\n")
            i, j = operation[1] % len(lines), operation[2] % len(lines)
            if kind == "delete_line":
                del lines[i]
            elif kind == "duplicate_line":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
            continue
        position = operation[1] % (len(data) + 1)
        if kind == "delete":
            data = data[:position] + data[position + operation[2] :]
        elif kind == "duplicate":
            data = data[:position] + data[position : position + operation[2]] * 2 + data[position + operation[2] :]
        elif kind == "swap" and position + 1 < len(data):
            pair = data[position : position + 2]
            data = data[:position] + pair[::-1] + data[position + 2 :]
        elif kind == "insert":
            data = data[:position] + operation[2] + data[position:]
        elif kind == "replace":
            data = data[:position] + operation[2] + data[position + len(operation[2]) :]
    return data


positions = st.integers(min_value=0, max_value=1 << 16)
insertions = st.one_of(st.sampled_from(SPECIALS).map(lambda s: s.encode("utf-8")), st.sampled_from(BAD_BYTES))
operation = st.one_of(
    st.tuples(st.sampled_from(["delete", "duplicate"]), positions, st.integers(1, 40)),
    st.tuples(st.just("swap"), positions),
    st.tuples(st.sampled_from(["delete_line", "duplicate_line", "swap_lines"]), positions, positions),
    st.tuples(st.sampled_from(["insert", "replace", "set_value"]), positions, insertions),
)
operations = st.lists(operation, min_size=1, max_size=6)


# --- the loader alone ---------------------------------------------------------------------------------


def load(text: str) -> None:
    diagnostics = Collector()
    document = parse_yaml(text, "events/x.yaml", diagnostics)
    assert_reported(diagnostics.items, {"events/x.yaml"})
    assert (document is None) == bool(diagnostics.errors)


yaml_tokens = st.sampled_from([*"ab1:-[]{}&*!|>'\"#%@`,?.~\\ \n\t\r", "<<", "---", "...", "\x00", "é"])
yaml_like_text = st.lists(yaml_tokens, max_size=200).map("".join)


@FUZZ
@given(st.one_of(st.text(max_size=400), yaml_like_text))
def test_loader_on_random_text(text: str) -> None:
    load(text)


@FUZZ
@given(st.sampled_from(list(REAL_FILES)), operations)
def test_loader_on_mutated_real_files(path: Path, edits: list[tuple[Any, ...]]) -> None:
    load(mutate(REAL_FILES[path], edits).decode("utf-8", errors="replace"))


# --- the whole checker --------------------------------------------------------------------------------


@FUZZ_CHECK
@given(st.binary(max_size=600))
def test_checker_on_random_bytes(tiny: Path, content: bytes) -> None:
    check_file(tiny, f"events/{EVENT_ID}.yaml", content)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2022-12-29",
            "../2022-12-19",
            "10:00/11:00",
            "Europe/Minsk",
            "belarus",
            "minsk",
            "report",
            "follows",
            "<b>x</b>",
            "[x](javascript:y)",
        ]
    ),
)
keys = st.one_of(
    st.sampled_from([*field_order("event"), "ref", "role", "seed", "quotes", "type"]), st.text(max_size=10)
)
yaml_data = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6), max_leaves=15
)


@FUZZ_CHECK
@given(st.dictionaries(keys, yaml_data, max_size=10))
def test_checker_on_random_yaml_data(tiny: Path, data: dict[str, Any]) -> None:
    check_file(tiny, f"events/{EVENT_ID}.yaml", yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@FUZZ_REAL
@given(st.sampled_from(REAL_EVENTS), operations)
def test_checker_on_mutated_real_events(real: Path, path: Path, edits: list[tuple[Any, ...]]) -> None:
    check_file(real, f"events/{path.name}", mutate(REAL_FILES[path], edits))


@FUZZ_REAL
@given(st.sampled_from([p for p in REAL_FILES if p.parent.name != "events"]), operations)
def test_checker_on_mutated_real_actors_places_and_sources(
    real: Path, path: Path, edits: list[tuple[Any, ...]]
) -> None:
    check_file(real, f"{path.parent.name}/{path.name}", mutate(REAL_FILES[path], edits))


def test_the_unmutated_real_event_passes(real: Path) -> None:
    # The mutations start from valid data: with no edit, an event is accepted (warnings aside).
    path = REAL_EVENTS[0]
    result = check_file(real, f"events/{path.name}", REAL_FILES[path])
    assert [d.text() for d in result.errors if d.rule != "unknown-reference"] == []


# --- every special in every kind of place, deterministically -------------------------------------------
# Random positions rarely land a special exactly where a value starts; these always do.


@pytest.mark.example
@pytest.mark.parametrize("special", SPECIALS[: -len(MARKDOWN_SPECIALS)], ids=SPECIAL_IDS[: -len(MARKDOWN_SPECIALS)])
def test_loader_with_a_special_as_each_value_of_a_real_file(special: str) -> None:
    for path in (REAL_EVENTS[0], ROOT / "places" / "gorbakha.yaml"):
        lines = REAL_FILES[path].decode("utf-8").split("\n")
        for index in range(len(lines)):
            changed = mutate(lines[index].encode(), [("set_value", 0, special.encode())]).decode("utf-8")
            load("\n".join([*lines[:index], changed, *lines[index + 1 :]]))


@pytest.mark.parametrize("special", SPECIALS, ids=SPECIAL_IDS)
def test_checker_with_a_special_as_texts_a_number_and_a_reference(tmp_path: Path, special: str) -> None:
    value = special.replace("\n", " ")
    root = make_project(tmp_path)
    event = (root / "events" / f"{EVENT_ID}.yaml").read_text(encoding="utf-8")
    event = event.replace("title: Belarus says", f"title: {value} Belarus says", 1)
    event = event.replace("summary: Belarus said", f"summary: {value} Belarus said", 1)
    event = event.replace("  - minsk\n", f"  - {value}\n", 1)
    minsk = (root / "places" / "minsk.yaml").read_text(encoding="utf-8")
    minsk += f"coordinates:\n  lat: {value}\n  lon: 27.5\n  precision: settlement\n"
    (root / "events" / f"{EVENT_ID}.yaml").write_text(event, encoding="utf-8")
    (root / "places" / "minsk.yaml").write_text(minsk, encoding="utf-8")
    assert_result(check_project(root), root)
