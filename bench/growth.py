#!/usr/bin/env python3
"""Which functions grow faster than the chronology: compare cProfile runs at several sizes.

    .venv/bin/python bench/run.py 1000 4000 10000 --stages build --profile   # writes the profiles
    .venv/bin/python bench/growth.py build 1000 4000 10000                     # compares them

For every function it prints its own time (tottime) and its time including callees (cumtime) at the
largest N, its share of the whole run there, and the growth of its time per event from the smallest
N to the largest ("x1.00" is linear; "x2.50" means each event costs 2.5 times as much at the largest
N, i.e. the function grows faster than linearly). Functions are listed by the extra time their
superlinear growth costs at the largest N, then by their own time.
"""

from __future__ import annotations

import argparse
import pstats
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def load(path: Path) -> tuple[dict[str, tuple[int, float, float]], float]:
    """A profile as {function: (calls, tottime, cumtime)}, keyed by file and name but not line, so
    that runs compare even when the code was edited in between (others edit chronology/ meanwhile)."""
    stats = pstats.Stats(str(path))
    table: dict[str, tuple[int, float, float]] = {}
    for func, (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = name(func)
        if key in table:  # two functions of one name in one file (template macros): add them up
            old = table[key]
            table[key] = (old[0] + nc, old[1] + tt, max(old[2], ct))
        else:
            table[key] = (nc, tt, ct)
    return table, stats.total_tt  # type: ignore[attr-defined]


def name(func: tuple[str, int, str]) -> str:
    file, _line, function = func
    parts = Path(file).parts
    if "templates" in parts:  # bench/out/N/templates/pages/x.html: the same template at every N
        file = "/".join(parts[parts.index("templates") :])
    else:
        for anchor in ("site-packages", "chronology", "lib"):
            if anchor in parts:
                index = len(parts) - 1 - parts[::-1].index(anchor)
                file = "/".join(parts[index + (1 if anchor != "chronology" else 0) :])
                break
    if function == "macro":
        function = f"macro@{_line}"  # a template's macros differ only by line
    return f"{file}({function})" if file != "~" else function


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare cProfile runs of a stage at several sizes.")
    parser.add_argument("stage", choices=("check", "render", "build"))
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sources", type=int, help="compare the runs made with --sources K")
    parser.add_argument("--min-share", type=float, default=0.3, help="hide functions under this %% of the run")
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    suffix = f"-sources{args.sources}" if args.sources else ""
    runs = {n: load(args.out / f"profile-{args.stage}-{n}{suffix}.pstats") for n in sizes}
    small, large = sizes[0], sizes[-1]
    table_small, _ = runs[small]
    table_large, total_large = runs[large]
    rows = []
    for func, (nc, tt, ct) in table_large.items():
        share = ct / total_large * 100
        if share < args.min_share and tt / total_large * 100 < args.min_share:
            continue
        growth = {}
        for n in sizes:
            entry = runs[n][0].get(func)
            growth[n] = (entry[2] / n) / (ct / large) if entry and ct else None
        base = table_small.get(func)
        ratio = ((ct / large) / (base[2] / small)) if base and base[2] else float("inf")
        calls_ratio = ((nc / large) / (base[0] / small)) if base and base[0] else float("inf")
        # The time at the largest N beyond what linear growth from the smallest N would give.
        excess = ct - (base[2] * large / small if base else 0.0)
        rows.append((excess if ratio > 1.15 else 0.0, tt, func, nc, ct, share, ratio, calls_ratio))
    rows.sort(key=lambda r: (-r[0], -r[1]))
    print(
        f"stage {args.stage}: total {runs[small][1]:.1f} s at N={small:,}, {total_large:.1f} s at N={large:,} "
        f"(x{(total_large / large) / (runs[small][1] / small):.2f} per event)"
    )
    print(f"{'excess s':>8} {'tottime':>8} {'cumtime':>8} {'share':>6} {'ct/event':>8} {'calls/ev':>8}  function")
    for excess, tt, func, nc, ct, share, ratio, calls_ratio in rows[: args.top]:
        print(
            f"{excess:>8.1f} {tt:>8.2f} {ct:>8.2f} {share:>5.1f}% {f'x{ratio:.2f}':>8} {f'x{calls_ratio:.2f}':>8}  "
            f"{func} [{nc:,} calls]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
