"""The benchmark's synthetic chronology gives figures as real ones do.

Without them, everything the accounts hang on (a count's figures side by side on an event's page,
revisions, accounts that differ, the checker's figure checks, figures.csv and counts.csv) would
never be timed at scale, and a slow path there would go unseen. So the generated data must hold
figures of every shape the schema allows, and counts that were revised, that conflict, and that
differ without conflict, some of them across a link between two events.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from chronology.check import check_project
from chronology.model import Count
from chronology.schema import schema
from tests.conftest import bench_module

#: What a chronology being written lacks, and all the generator's data may be warned of.
EXPECTED_WARNINGS = {"place-without-coordinates", "country-without-code"}


def _shapes() -> set[tuple[str, ...]]:
    """Every set of numbers a figure may give: a value alone, or any of low, best and high."""
    bounds = ("low", "best", "high")
    return {("value",)} | {combo for k in (1, 2, 3) for combo in combinations(bounds, k)}


def test_the_generated_chronology_has_figures_of_every_shape_and_every_kind_of_count(tmp_path: Path) -> None:
    bench_module("generate").generate(200, tmp_path)
    checked = check_project(tmp_path)
    assert not checked.errors, checked.errors[:3]
    assert {d.rule for d in checked.diagnostics} <= EXPECTED_WARNINGS
    chronology = checked.chronology
    assert chronology is not None

    with_figures = [e for e in chronology.events if e.figures]
    assert 0.15 < len(with_figures) / len(chronology.events) < 0.35  # about a quarter
    assert all(1 <= len({f.counts for f in e.figures}) <= 3 for e in with_figures)
    figures = [f for e in with_figures for f in e.figures]
    shapes = {tuple(k for k in ("value", "low", "best", "high") if getattr(f, k) is not None) for f in figures}
    assert shapes == _shapes()
    declared = schema("event")["properties"]["figures"]["items"]["properties"]
    assert {f.qualifier for f in figures} - {None} == set(declared["qualifier"]["enum"])
    assert {f.voice for f in figures} == set(declared["voice"]["enum"])
    assert {f.timing for f in figures} - {None} == set(declared["timing"]["enum"])
    # An attributed figure is given by the event's own actors.
    by_id = chronology.events_by_id
    for event in with_figures:
        for figure in event.figures:
            assert set(figure.attributed_to) <= {p.actor for p in by_id[event.id].actors}

    counts: list[Count] = [count for event in chronology.events for count in chronology.counts(event)]

    def across(count: Count) -> bool:
        """The count weighs figures of two events: one brought onto the other's page by a link."""
        return len({a.event for a in count.accounts}) > 1

    assert any(count.revised for count in counts)
    assert any(count.conflict and across(count) for count in counts)
    assert any(count.differ and not count.conflict and across(count) for count in counts)
    assert any(not count.differ and across(count) for count in counts)  # two accounts that agree


def test_the_generated_figures_are_the_same_at_every_run(tmp_path: Path) -> None:
    generate = bench_module("generate")
    for name in ("a", "b"):
        generate.generate(120, tmp_path / name)
    for path in sorted((tmp_path / "a").rglob("*.yaml")) + sorted((tmp_path / "a" / "seeds").glob("*.txt")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path
