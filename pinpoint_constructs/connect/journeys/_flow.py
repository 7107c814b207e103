"""The journey's graph: the checks made at synth and the flow-language document it renders."""

from __future__ import annotations

import json
from typing import Any

from .steps import (
    END_ACTION_ID,
    CheckCommunicationStatusStep,
    EndFlowStep,
    SendEmailStep,
    SendSmsStep,
    SplitStep,
    Step,
    WaitStep,
)

#: The flow language version every documented flow declares.
FLOW_VERSION = "2019-10-30"
#: The longest flow content CloudFormation takes (``AWS::Connect::ContactFlow`` ``Content``:
#: maxLength 256000). Amazon Connect documents no count of blocks per flow; the content size
#: is the limit a journey reaches.
CONTENT_MAX_LENGTH = 256000
#: What an unresolved token (an ARN) may take once deployed, for the size check: the longest
#: ARN the schemas around a flow accept (``ContactFlowArn``: maxLength 500).
TOKEN_ALLOWANCE = 500


def walk(start: Step) -> list[Step]:
    """Every step reachable from ``start``, depth first in branch order, each once."""
    seen: set[int] = set()
    order: list[Step] = []
    stack = [start]
    while stack:
        step = stack.pop()
        if id(step) in seen:
            continue
        seen.add(id(step))
        order.append(step)
        stack.extend(reversed(step._successors()))
    return order


def find_cycle_without_wait(start: Step) -> list[Step] | None:
    """A loop with no :class:`WaitStep` on it (first and last entries are the same step), or
    None. A loop that waits is allowed: a flow may return to an earlier action."""
    path: list[Step] = []
    on_path: dict[int, int] = {}
    done: set[int] = set()

    def visit(step: Step) -> list[Step] | None:
        on_path[id(step)] = len(path)
        path.append(step)
        for successor in step._successors():
            if id(successor) in on_path:
                cycle = [*path[on_path[id(successor)] :], successor]
                if not any(isinstance(s, WaitStep) for s in cycle):
                    return cycle
                continue
            if id(successor) not in done:
                found = visit(successor)
                if found is not None:
                    return found
        path.pop()
        del on_path[id(step)]
        done.add(id(step))
        return None

    return visit(start)


def _sends_before(start: Step, check: Step) -> bool:
    """Whether every path from ``start`` to ``check`` passes a send step."""
    seen: set[int] = set()
    stack = [start]
    while stack:
        step = stack.pop()
        if step is check:
            return False
        if id(step) in seen or isinstance(step, SendEmailStep | SendSmsStep):
            continue
        seen.add(id(step))
        stack.extend(step._successors())
    return True


def graph_errors(start: Step) -> list[str]:
    """What is wrong with the journey starting at ``start``, each message naming the step."""
    errors: list[str] = []
    steps = walk(start)
    owners: dict[str, Step] = {}
    for step in steps:
        for identifier in step._action_ids():
            if identifier == END_ACTION_ID and not isinstance(step, EndFlowStep):
                errors.append(
                    f"step {step.id!r}: the action identifier {END_ACTION_ID!r} is the journey's "
                    "closing EndFlowExecution action; choose another id"
                )
            other = owners.setdefault(identifier, step)
            if other is not step:
                errors.append(
                    f"step {step.id!r}: the action identifier {identifier!r} is used twice (by "
                    f"{type(other).__name__} and {type(step).__name__}); identifiers must be "
                    "unique within a flow"
                )
    for step in steps:
        if isinstance(step, SplitStep):
            if step.default_step is None:
                errors.append(
                    f"split {step.id!r} has no default branch: call otherwise(...) (profiles no "
                    "condition matches take it, the NoMatchingCondition error)"
                )
            if not step._branches:
                errors.append(f"split {step.id!r} has no branch: add one with when()/branch()")
        if isinstance(step, CheckCommunicationStatusStep) and not _sends_before(start, step):
            errors.append(
                f"split {step.id!r} checks the status of the latest communication, but a path "
                "reaches it without sending anything first"
            )
    cycle = find_cycle_without_wait(start)
    if cycle is not None:
        errors.append(
            "the journey loops without waiting: "
            + " -> ".join(repr(s.id) for s in cycle)
            + "; put a WaitStep on the loop"
        )
    return errors


def render(start: Step) -> dict[str, Any]:
    """The flow-language document: ``Version``, ``StartAction``, ``Actions`` (each step's
    actions in walk order, then the closing ``EndFlowExecution``)."""
    from .steps import end_action

    def target(step: Step | None) -> str:
        return END_ACTION_ID if step is None else step.id

    actions: list[dict[str, Any]] = []
    steps = walk(start)
    for step in steps:
        actions.extend(step._render(target))
    if not any(isinstance(s, EndFlowStep) and s.id == END_ACTION_ID for s in steps):
        actions.append(end_action(END_ACTION_ID))
    return {"Version": FLOW_VERSION, "StartAction": start.id, "Actions": actions}


def estimated_length(flow: dict[str, Any], is_token: Any) -> int:
    """The flow's JSON length, counting each unresolved token as :data:`TOKEN_ALLOWANCE`."""
    total = 0

    def visit(value: Any) -> None:
        nonlocal total
        if isinstance(value, dict):
            for key, item in value.items():
                total += len(json.dumps(key)) + 2
                visit(item)
        elif isinstance(value, list):
            for item in value:
                total += 1
                visit(item)
        elif isinstance(value, str) and is_token(value):
            total += TOKEN_ALLOWANCE
        else:
            total += len(json.dumps(value))

    visit(flow)
    return total
