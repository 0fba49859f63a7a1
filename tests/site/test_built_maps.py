"""Every map of the built site: its marks' tap targets never overlap, and they are for the pointer
alone (the caption's list is the way in for the keyboard and the screen reader)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import example_absent

#: A target as written (tenths of a unit, exactly): left, top, right, bottom.
Tenths = tuple[int, int, int, int]


def written(left: str, top: str, width: str, height: str) -> Tenths:
    """A target's rectangle as the page writes it (x, y, width, height), in whole tenths."""
    x, y, w, h = (round(float(value) * 10) for value in (left, top, width, height))
    return x, y, x + w, y + h


def overlapping(targets: Sequence[tuple[str, Tenths]]) -> list[str]:
    """Every pair of (name, rectangle) targets that share some area (touching edges do not)."""
    pairs = []
    for i, (name_a, a) in enumerate(targets):
        for name_b, b in targets[i + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                pairs.append(f"{name_a} {a} and {name_b} {b} (tenths: left, top, right, bottom)")
    return pairs


@dataclass
class Drawing:
    """A map's drawing: its marks' targets (the place, its rectangle in whole tenths, its link's
    tabindex), the places of its marks, and whether it is hidden from assistive technology."""

    hidden: bool
    targets: list[tuple[str, Tenths, str | None]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)


class Drawings(HTMLParser):
    """The drawings of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.drawings: list[Drawing] = []
        self._target: tuple[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "svg":
            self.drawings.append(Drawing(a.get("aria-hidden") == "true" and a.get("focusable") == "false"))
        elif tag == "a" and "place-hit" in classes:
            self._target = (a.get("data-hit-for") or "", a.get("tabindex"))
        elif tag == "a" and "place-mark" in classes:
            self.drawings[-1].marks.append(a.get("data-place") or "")
        elif tag == "rect" and self._target is not None:
            place, tabindex = self._target
            box = written(*(a.get(key) or "" for key in ("x", "y", "width", "height")))
            self.drawings[-1].targets.append((place, box, tabindex))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._target = None


def test_no_two_tap_targets_on_any_map_overlap(site_dir: Path) -> None:
    """A tap where two targets overlap went to whichever came later in the page, not to the mark
    it was nearest: Minsk's target reached over Belarus's name on the summit's pages."""
    found = overlaps = 0
    faults = []
    for page in sorted(site_dir.rglob("*.html")):
        parser = Drawings()
        parser.feed(page.read_text("utf-8"))
        for number, drawing in enumerate(parser.drawings, 1):
            targets = drawing.targets
            if not targets:
                continue
            found += 1
            where = f"{page.relative_to(site_dir)}, map {number}"
            pairs = overlapping([(place, box) for place, box, _ in targets])
            overlaps += len(pairs)
            faults += [f"{where}: {pair}" for pair in pairs]
            # For the pointer alone: no focus stop, in a drawing hidden from assistive technology,
            # each target under a mark of its own place, in the marks' order.
            if not drawing.hidden:
                faults.append(f"{where}: the drawing is not hidden from assistive technology")
            faults += [f"{where}: {place}'s target is a focus stop" for place, _, tab in targets if tab != "-1"]
            targeted = [place for place, _, _ in targets]
            if targeted != [place for place in drawing.marks if place in targeted]:
                faults.append(f"{where}: the targets {targeted} are not those of the marks {drawing.marks}")
    assert not faults, f"{overlaps} overlapping pairs of tap targets, and other faults:\n" + "\n".join(faults)
    if not example_absent():
        assert found, "the example site has no map with tap targets"
