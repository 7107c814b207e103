"""Each default stack stays under CloudFormation's resource limit with room to grow."""

from __future__ import annotations

CFN_RESOURCE_LIMIT = 500
#: Room to grow: a default stack may use at most half of the limit.
HEADROOM_SHARE = 0.5


def test_each_default_stack_has_room_to_grow(full_app, record_property):
    for stack in full_app.stacks:
        count = len(full_app.template(stack)["Resources"])
        record_property(f"resources[{stack.stack_name}]", count)
        print(f"{stack.stack_name}: {count} resources")
        assert 0 < count <= CFN_RESOURCE_LIMIT * HEADROOM_SHARE, (stack.stack_name, count)
