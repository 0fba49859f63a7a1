"""``fmt``: what it writes for texts another YAML reader would misread, and the files it refuses to
rewrite (leaving them as they are) when its canonical form would not hold what they hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chronology import fmt
from chronology.cli import main
from tests.conftest import MINSK_PLACE, edit, make_project

HEAD = "id: x\nname: X\nkind: state\n"


@pytest.mark.parametrize("value", ["y", "Y", "n", "N", "yes", "No", "on", "OFF", "true", "~", "null", ""])
def test_a_text_a_yaml_1_1_reader_takes_for_a_boolean_or_null_is_written_quoted(value: str) -> None:
    # PyYAML reads y and n as text, but YAML 1.1 makes them booleans: other readers of the data do.
    text = fmt.format_text(f"{HEAD}title: '{value}'\n", "actor")
    assert text.splitlines()[-1] == f"title: '{value}'"


def test_a_plain_text_that_only_starts_like_a_boolean_is_left_plain() -> None:
    for value in ("yy", "Yes, he said", "No one"):
        assert fmt.format_text(f"{HEAD}title: '{value}'\n", "actor").splitlines()[-1] == f"title: {value}"


def run_fmt(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "fmt"])
    return code, capsys.readouterr().out.splitlines()


def test_a_file_whose_comment_the_canonical_form_would_lose_is_refused_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    commented = "# Kept by hand: see the report.\n" + MINSK_PLACE.replace("kind: city\n", "kind: city  # a town?\n")
    root = make_project(tmp_path, places={"minsk": commented})
    before = (root / "places/minsk.yaml").read_bytes()
    real = fmt._emit

    def losing(kind: str, tree: Any, header: list[str], trailing: list[str]) -> str:
        """The canonical form with its end-of-line comments dropped, as a faulty emitter would."""
        return "\n".join(line.split("  #")[0] for line in real(kind, tree, header, trailing).split("\n"))

    monkeypatch.setattr(fmt, "_emit", losing)
    code, out = run_fmt(root, capsys)
    assert code == 1
    assert "places/minsk.yaml: the canonical form would lose a comment; left as it is" in out
    assert (root / "places/minsk.yaml").read_bytes() == before
    assert "events/2022-12-29-belarus-downs-s300.yaml: formatted" in out  # the others are formatted


@pytest.mark.parametrize(("written", "misread"), [("lat: 53.0", "lat: 53"), ("lat: 1.0", "lat: true")])
def test_a_file_whose_value_would_change_type_is_refused_and_left_as_it_is(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    written: str,
    misread: str,
) -> None:
    # 53.0 and 53, 1.0 and true compare equal in Python: only their types tell them apart.
    root = make_project(tmp_path, places={"minsk": edit(MINSK_PLACE, "lat: 53.9", written)})
    before = (root / "places/minsk.yaml").read_bytes()
    assert written in fmt.format_text(before.decode(), "place")
    real = fmt._emit

    def retyping(kind: str, tree: Any, header: list[str], trailing: list[str]) -> str:
        """The canonical form with the value written so that it reads as another type."""
        return real(kind, tree, header, trailing).replace(written, misread)

    monkeypatch.setattr(fmt, "_emit", retyping)
    code, out = run_fmt(root, capsys)
    assert code == 1
    assert "places/minsk.yaml: the canonical form would not hold the same data; left as it is" in out
    assert (root / "places/minsk.yaml").read_bytes() == before
