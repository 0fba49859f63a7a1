"""Paths and cycles in a directed graph given as each node's list of targets."""

from __future__ import annotations

from collections.abc import Iterable


def components(graph: dict[str, list[str]]) -> dict[str, int]:
    """The strongly connected component of every node (Tarjan's algorithm, without recursion):
    two nodes share one exactly when each can be reached from the other, so a link lies on a
    cycle exactly when its two ends do. Linear in the size of the graph."""
    nodes = sorted({*graph, *(n for targets in graph.values() for n in targets)})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component


def reaches(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    """Whether a path of one link or more leads from ``start`` to ``goal``."""
    stack, seen = list(graph.get(start, [])), set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, []))
    return False


def shortest_path(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The shortest path from ``start`` to ``goal`` along ``graph``'s edges (both ends included), if any."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    for current in queue:
        if current == goal:
            path = [current]
            while (step := previous[path[-1]]) is not None:
                path.append(step)
            return path[::-1]
        for following in graph.get(current, ()):
            if following not in previous:
                previous[following] = current
                queue.append(following)
    return None


def reached(graph: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    """Every node a path of no link or more leads to from one of ``starts`` (``starts`` included)."""
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen
