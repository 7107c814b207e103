"""Walks of the activity graph: reachable activities, cycles and precedence."""

from __future__ import annotations

from collections.abc import Iterator

from .activities import Activity


def walk(start: Activity, *, without: Activity | None = None) -> list[Activity]:
    """Every activity reachable from ``start``, depth first in branch order, each once (by
    identity); ``without`` is treated as absent."""
    seen: set[int] = set()
    order: list[Activity] = []
    stack = [start]
    while stack:
        activity = stack.pop()
        if activity is without or id(activity) in seen:
            continue
        seen.add(id(activity))
        order.append(activity)
        stack.extend(reversed(activity._successors()))
    return order


def find_cycle(start: Activity) -> list[Activity] | None:
    """A path that returns to one of its activities (first and last entries are the same
    activity), or None when the graph from ``start`` has no cycle."""
    done: set[int] = set()
    path: list[Activity] = []
    on_path: dict[int, int] = {}

    def visit(activity: Activity) -> list[Activity] | None:
        on_path[id(activity)] = len(path)
        path.append(activity)
        for successor in activity._successors():
            if id(successor) in on_path:
                return [*path[on_path[id(successor)] :], successor]
            if id(successor) not in done:
                cycle = visit(successor)
                if cycle is not None:
                    return cycle
        path.pop()
        del on_path[id(activity)]
        done.add(id(activity))
        return None

    return visit(start)


def precedes_everywhere(start: Activity, first: Activity, then: Activity) -> bool:
    """Whether every path from ``start`` to ``then`` passes through ``first``."""
    return all(a is not then for a in walk(start, without=first))


def by_id(activities: list[Activity]) -> Iterator[tuple[str, list[Activity]]]:
    """Activities grouped by id, in first-seen order."""
    groups: dict[str, list[Activity]] = {}
    for activity in activities:
        groups.setdefault(activity.id, []).append(activity)
    yield from groups.items()
