"""A build's log shows at most ten warnings of each rule and counts the rest: a chronology of
thousands of records can have a warning for most of them, which would bury the build's own
messages. ``check`` still lists every one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.diagnostics import Diagnostic, Severity, logged
from chronology.site import build_site
from tests.conftest import commit_all, generated_project


def warning(rule: str, number: int) -> Diagnostic:
    return Diagnostic(f"places/p{number:02}.yaml", 1, 5, Severity.WARNING, rule, f"message {number}")


def test_the_first_of_each_rule_are_shown_in_order_and_the_rest_counted() -> None:
    many = [warning("many", n) for n in range(25)]
    exactly = [warning("exactly", n) for n in range(3)]
    few = [warning("few", n) for n in range(2)]
    # Interleaved, as diagnostics sorted by file are.
    warnings = [w for group in zip(many[:5], [*exactly, *few], strict=True) for w in group] + many[5:]
    lines = logged(warnings, per_rule=3)
    assert lines == [
        many[0].text(),
        exactly[0].text(),
        many[1].text(),
        exactly[1].text(),
        many[2].text(),
        exactly[2].text(),
        few[0].text(),
        few[1].text(),
        "warning[many]: 22 more not shown (25 in all); 'python build.py check' lists every one",
    ]
    assert logged([], per_rule=3) == []
    thousands = [warning("many", n % 100) for n in range(1_400)]
    assert logged(thousands)[-1] == (
        "warning[many]: 1,390 more not shown (1,400 in all); 'python build.py check' lists every one"
    )


def test_a_build_logs_ten_warnings_of_a_rule_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = commit_all(generated_project(tmp_path / "p", 300, 150))
    warnings = check_project(project).warnings
    rules = Counter(w.rule for w in warnings)
    assert rules["place-without-coordinates"] > 10 and 0 < rules["country-without-code"] <= 10
    capsys.readouterr()
    assert build_site(project) == 0
    shown = [line for line in capsys.readouterr().err.splitlines() if "warning[" in line]
    places = [w.text() for w in warnings if w.rule == "place-without-coordinates"]
    countries = [w.text() for w in warnings if w.rule == "country-without-code"]
    assert [line for line in shown if "place-without-coordinates" in line] == [
        *(f"WARNING: {text}" for text in places[:10]),
        f"WARNING: warning[place-without-coordinates]: {len(places) - 10} more not shown ({len(places)} in all); "
        "'python build.py check' lists every one",
    ]
    assert [line for line in shown if "country-without-code" in line] == [f"WARNING: {text}" for text in countries]
    assert len(shown) == 11 + len(countries)


def test_a_strict_build_counts_every_warning_not_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = commit_all(generated_project(tmp_path / "p", 300, 150))
    warnings = check_project(project).warnings
    assert len(logged(warnings)) < len(warnings)
    capsys.readouterr()
    assert build_site(project, strict=True) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"build.py: the site was not built: with --strict, the {len(warnings)} warnings above fail the build "
        "(fix them, or build without --strict); site/ was left as it was"
    )
