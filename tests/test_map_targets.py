"""The maps' tap targets (``maps.target_boxes``): under each mark an invisible link padded to a
finger's size, no two of which overlap, each covering its own mark's dot and name."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from chronology.maps import HIT, SLIVER, Box, Label, Mark, hit_boxes, mark_box, target_boxes
from tests.site.test_built_maps import Tenths, overlapping, written

#: How far apart, in units, two marks' own boxes may be and still be taken as overlapping: the
#: targets are worked out in whole tenths, each mark's box rounded outward.
SLACK = 0.1


def conflict(a: Box, b: Box) -> bool:
    """Whether two marks' own boxes overlap (within SLACK): no two rectangles can then each cover
    its own box without overlapping."""
    return a[0] < b[2] + SLACK and b[0] < a[2] + SLACK and a[1] < b[3] + SLACK and b[1] < a[3] + SLACK


def check_targets(own: Sequence[Box | None], targets: Sequence[Tenths | None]) -> None:
    """What ``target_boxes`` promises: no two targets overlap; each covers its mark's own box, except
    where that box overlaps another mark's, where it gives up only what lies beyond a line through
    their overlap; only such a mark may be left without a target; a target less than HIT units
    wide (or tall) is hemmed in at both ends, by another mark's target or own box; and a mark whose
    padded box meets no other's keeps a target of HIT units at the least each way."""
    assert len(own) == len(targets)
    assert not overlapping([(str(i), t) for i, t in enumerate(targets) if t is not None])
    for i, (box, target) in enumerate(zip(own, targets, strict=True)):
        others = [j for j, other in enumerate(own) if j != i and other is not None]
        if box is None:
            assert target is None
            continue
        crossing = [j for j in others if conflict(box, own[j])]  # type: ignore[arg-type]
        if target is None:
            assert crossing, f"mark {i} {box} has no target, and its box overlaps no other mark's"
            continue
        edges = [t / 10 for t in target]
        # Each edge: beyond its own box's, or on a line through the overlap with another mark's box.
        for side, (low, high) in enumerate(((0, 2), (1, 3), (0, 2), (1, 3))):
            edge = edges[side]
            if (edge <= box[side]) if side < 2 else (edge >= box[side]):
                continue
            assert any(
                max(box[low], other[low]) - SLACK <= edge <= min(box[high], other[high]) + SLACK
                for other in (own[j] for j in crossing)
                if other is not None
            ), f"mark {i}'s target {target} leaves out part of its box {box} (side {side})"
        # Short of HIT on an axis: something of another mark's at each end, touching it or across it.
        obstacles = [b for j in others for b in (own[j], _units(targets[j])) if b is not None]
        for low, high in ((0, 2), (1, 3)):
            if target[high] - target[low] >= HIT * 10:
                continue
            a_low, a_high = 1 - low, 3 - low
            beside = [b for b in obstacles if b[a_low] < edges[a_high] and edges[a_low] < b[a_high]]
            for end in (edges[low], edges[high]):
                assert any(b[low] - SLACK <= end <= b[high] + SLACK for b in beside), (
                    f"mark {i}'s target {target} is short of {HIT} units, with room at {end}"
                )
        # Alone, a mark has its whole padded box.
        padded = _padded(box)
        if not any(_meets(padded, _padded(own[j])) for j in others):  # type: ignore[arg-type]
            assert target[2] - target[0] >= HIT * 10 and target[3] - target[1] >= HIT * 10, (box, target)


def _units(target: Tenths | None) -> Box | None:
    return None if target is None else (target[0] / 10, target[1] / 10, target[2] / 10, target[3] / 10)


def _padded(box: Box) -> Box:
    """A box grown about its middle to HIT units each way at the least (what ``target_boxes`` starts from)."""
    left, top, right, bottom = box
    grow_x, grow_y = max(0.0, HIT - (right - left)) / 2, max(0.0, HIT - (bottom - top)) / 2
    return left - grow_x, top - grow_y, right + grow_x, bottom + grow_y


def _meets(a: Box, b: Box) -> bool:
    """Whether two padded boxes overlap, or come within the rounding of it."""
    return a[0] < b[2] + 2 * SLACK and b[0] < a[2] + 2 * SLACK and a[1] < b[3] + 2 * SLACK and b[1] < a[3] + 2 * SLACK


def tenths(boxes: Sequence[Box | None]) -> list[Tenths | None]:
    return [
        None if b is None else (round(b[0] * 10), round(b[1] * 10), round(b[2] * 10), round(b[3] * 10)) for b in boxes
    ]


# --- the layout, over boxes of every kind ---------------------------------------------------------

coordinate = st.floats(min_value=-20, max_value=420, allow_nan=False)
extent = st.floats(min_value=0.5, max_value=140, allow_nan=False)


@st.composite
def own_boxes(draw: st.DrawFn) -> list[Box | None]:
    """Marks' own boxes anywhere, of any size, overlapping or not, some repeated (places drawn at one
    point), some missing (marks not drawn)."""
    boxes: list[Box | None] = []
    for _ in range(draw(st.integers(min_value=0, max_value=14))):
        choice = draw(st.integers(min_value=0, max_value=9))
        if choice == 0:
            boxes.append(None)
        elif choice == 1 and boxes:
            boxes.append(draw(st.sampled_from(boxes)))
        else:
            x, y, w, h = draw(coordinate), draw(coordinate), draw(extent), draw(extent)
            boxes.append((x, y, x + w, y + h))
    return boxes


@given(own_boxes())
def test_no_two_targets_overlap_and_each_covers_its_mark(boxes: list[Box | None]) -> None:
    check_targets(boxes, tenths(target_boxes(boxes)))


# --- whole marks, as the page writes their targets -------------------------------------------------


@st.composite
def marks(draw: st.DrawFn) -> list[Mark]:
    """Marks as maps draw them: a dot (a ring round some), a name beside it or none, or a country's
    name alone; near one another, as on a crowded map."""
    drawn = []
    for index in range(draw(st.integers(min_value=1, max_value=12))):
        x, y = draw(st.floats(min_value=0, max_value=400)), draw(st.floats(min_value=0, max_value=260))
        radius = draw(st.sampled_from([1.5, 4.0, 5.5, 6.0, 9.2]))
        ring = draw(st.sampled_from(["", f"{radius + 7:.1f}"]))
        text = draw(st.sampled_from(["Minsk", "Belarus", "Gorbakha", "Kyiv", "3", "Lomelistan-Vartalava"]))
        anchor = draw(st.sampled_from(["start", "end", "middle"]))
        kind = draw(st.sampled_from(["point", "point", "area", "none"]))
        label = Label(text, f"{x + 8:.1f}", f"{y + 4:.1f}", anchor) if draw(st.booleans()) or kind == "area" else None
        dot = (f"{x:.1f}", f"{y:.1f}", f"{radius:.1f}") if kind == "point" else ("", "", "")
        drawn.append(Mark(f"p{index}", text, kind, *dot, "context", ring if kind == "point" else "", label, ""))
    return drawn


@given(marks())
def test_the_written_targets_of_marks_never_overlap_and_cover_each_mark(drawn: list[Mark]) -> None:
    targets = [None if box is None else written(*box) for box in hit_boxes(drawn)]
    check_targets([mark_box(mark) for mark in drawn], targets)


# --- how the padding is shared ---------------------------------------------------------------------


def test_neighbours_share_the_padding_between_them_at_the_middle() -> None:
    # Two names side by side, 4 units apart, each 25 wide and 20 tall: grown to 34 each way about
    # its middle, each would reach 4.5 units into the other's side. The line runs at the middle of
    # the gap, and each makes up the width it gave up on its other side, where there is room.
    left, right = (100.0, 100.0, 125.0, 120.0), (129.0, 100.0, 154.0, 120.0)
    assert target_boxes([left, right]) == [(93.0, 93.0, 127.0, 127.0), (127.0, 93.0, 161.0, 127.0)]
    # A name above another (as Belarus's above Minsk's), padded 9.5 and 8.5 units up and down: the
    # line at the middle of where their padding overlaps, each as wide as it was, and as tall.
    upper, lower = (160.0, 100.0, 200.0, 115.0), (170.0, 121.0, 220.0, 138.0)
    assert target_boxes([upper, lower]) == [(160.0, 84.5, 200.0, 118.5), (170.0, 118.5, 220.0, 152.5)]
    # Hemmed in above and below, a name keeps what lies between its neighbours' lines.
    top, middle, bottom = (160.0, 80.0, 200.0, 95.0), upper, (160.0, 125.0, 200.0, 140.0)
    assert target_boxes([top, middle, bottom])[1] == (160.0, 97.5, 200.0, 120.0)


def test_marks_far_apart_keep_their_whole_padded_targets() -> None:
    assert target_boxes([(10.0, 10.0, 20.0, 20.0), (300.0, 200.0, 310.0, 204.0)]) == [
        (-2.0, -2.0, 32.0, 32.0),
        (288.0, 185.0, 322.0, 219.0),
    ]


def test_marks_at_one_point_share_it_out_and_a_sliver_is_no_target() -> None:
    """Places drawn at one point (villages at their district's centre): their dots are one, so no
    two rectangles can each cover theirs; each keeps its side of a line through the dot. Many at one
    small dot leave some of them slivers, which are left out: such a mark, a link drawn over the
    targets, still answers a tap on itself."""
    dot = (100.0, 100.0, 108.0, 108.0)
    two = target_boxes([dot, dot])
    assert two == [(70.0, 87.0, 104.0, 121.0), (104.0, 87.0, 138.0, 121.0)]
    check_targets([dot, dot], tenths(two))
    small = [(100.0, 100.0, 103.0, 103.0)] * 12
    many = target_boxes(small)
    assert None in many and many[:2] == [(66.0, 84.5, 100.0, 118.5), (103.0, 84.5, 137.0, 118.5)]
    assert all(t is None or (t[2] - t[0] >= SLIVER and t[3] - t[1] >= SLIVER) for t in many)
    check_targets(small, tenths(many))
