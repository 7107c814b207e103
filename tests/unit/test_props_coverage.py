"""Every public construct, props class, factory and function checks its props
(``pinpoint_constructs._props.checked_props``), and every annotation it checks resolves.

The public names come from the root ``__init__.pyi``, so a new construct without
``@checked_props`` fails here.
"""

from __future__ import annotations

import pytest
from public_api import public_callables

from pinpoint_constructs._props import MARK, plan_of

CALLABLES = {label: function for label, function, _ in public_callables()}


def test_the_walk_finds_the_public_api() -> None:
    assert "CustomChannel.webhook" in CALLABLES
    assert "PinpointApp.__init__" in CALLABLES
    assert "PinpointApp.from_app_id" in CALLABLES
    assert "Schedule.daily" in CALLABLES
    assert "estimate_size" in CALLABLES
    assert len(CALLABLES) > 250


@pytest.mark.parametrize("label", sorted(CALLABLES))
def test_public_callable_checks_its_props(label: str) -> None:
    function = CALLABLES[label]
    assert hasattr(function, MARK), (
        f"{label} does not check its props: put @checked_props (from "
        "pinpoint_constructs._props) above its class or function"
    )
    plan = plan_of(function)
    assert plan is not None
    assert plan.unresolved == [], f"{label}: annotations that can't be checked: {plan.unresolved}"
