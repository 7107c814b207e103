"""Programs larger than one stack: spread templates, campaigns and the rest over nested (or
sibling) stacks, so that no template exceeds CloudFormation's limits.

CloudFormation quotas (AWS CloudFormation User Guide, "AWS CloudFormation quotas"): at most
500 resources per stack, a template body of at most 1 MB when read from Amazon S3 (which is
how the CDK deploys templates), 200 parameters and 200 outputs per template. The CDK fails
the synth of a stack with more than 500 resources and warns
(``@aws-cdk/core:Stack.templateSize``) for a template over 1 MB.

:class:`StackSpreader` hands out stacks with room: each call to :meth:`StackSpreader.scope_for`
says how many resources and about how many bytes the next construct adds, and gets the stack
to create it in, a new one when the current stack of that group would go over budget.
References between the stacks are the CDK's own: a nested stack reads the parent's app id as
a parameter, a sibling stack through an export, and a campaign that sends a template of
another stack depends on that stack.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Final

from aws_cdk import Environment, NestedStack, Stack
from constructs import Construct

from ._props import checked_props
from ._validation import check_int, is_unresolved, require_bool, require_str

#: CloudFormation's limit of resources per stack.
CFN_MAX_RESOURCES: Final = 500
#: CloudFormation's limit of a template body read from Amazon S3, in bytes (1 MB).
CFN_MAX_TEMPLATE_BYTES: Final = 1_000_000
#: What a resource adds to a template besides its strings: logical id, type, property
#: names, CDK metadata and indentation (an upper bound for Pinpoint templates and campaigns).
RESOURCE_OVERHEAD_BYTES: Final = 1_500

_GROUP: Final = re.compile(r"[A-Za-z][A-Za-z0-9]{0,63}")


@checked_props
def estimate_size(*values: str | None) -> int:
    """Bytes that a resource with the string properties ``values`` adds to a template: the
    strings as JSON writes them (quotes, escaped newlines and quotes) plus
    :data:`RESOURCE_OVERHEAD_BYTES`.

    Example: ``estimate_size(subject, html, text)`` for an ``EmailTemplate``.
    """
    return RESOURCE_OVERHEAD_BYTES + sum(len(json.dumps(v)) for v in values if v is not None)


@dataclass
class _Part:
    stack: Stack
    resources: int = 0
    size: int = 0


@checked_props
class StackSpreader(Construct):
    """Spreads a large program over stacks of bounded size.

    Example, 300 email templates and 1,000 campaigns under one parent stack::

        spreader = StackSpreader(parent, "Program")
        templates = []
        for i, (subject, html) in enumerate(contents):
            scope = spreader.scope_for("Templates", size=estimate_size(subject, html))
            templates.append(EmailTemplate(scope, f"Template{i}", subject=subject, html=html))
        for i in range(1000):
            scope = spreader.scope_for("Campaigns")
            Campaign(scope, f"Campaign{i}", app=app, segment=segment, ...)

    Each group (``"Templates"``, ``"Campaigns"``) fills its own stacks, ``Templates1``,
    ``Templates2``...: templates, which are large, and campaigns, which are many, don't share
    a budget. Construct ids inside the stacks stay yours; the stack a construct lands in
    depends on the order of the calls, so keep that order stable (append new items at the
    end) or a deployment moves resources between stacks, which CloudFormation does as a
    delete and a create.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        max_resources: int = 400,
        max_template_bytes: int = 800_000,
        nested: bool = True,
    ) -> None:
        """
        :param scope: Where the spreader lives; must be inside a stack (the parent).
        :param max_resources: Resources per stack before a new one is started, 1 to
            ``CFN_MAX_RESOURCES`` (500). Default: 400, which leaves room for what the CDK adds
            (the nested stacks' parameters are not resources, but ``CDKMetadata`` is).
        :param max_template_bytes: Estimated template bytes per stack before a new one is
            started, 1 to ``CFN_MAX_TEMPLATE_BYTES`` (1 MB). Default: 800,000, a margin for
            estimates (see :func:`estimate_size`).
        :param nested: ``True``: ``NestedStack`` children of the spreader, deployed with the
            parent as one unit. ``False``: sibling stacks next to the parent stack (same
            environment), deployed on their own (``cdk deploy --all``); the CDK wires their
            references to the parent with exports. Default: ``True``.
        """
        check_int("max_resources", max_resources, 1, CFN_MAX_RESOURCES)
        check_int("max_template_bytes", max_template_bytes, 1, CFN_MAX_TEMPLATE_BYTES)
        require_bool("nested", nested, show_type=False)
        super().__init__(scope, id)
        self._parent = Stack.of(self)
        self._max_resources = max_resources
        self._max_bytes = max_template_bytes
        self._nested = nested
        self._current: dict[str, _Part] = {}
        self._counts: dict[str, int] = {}
        self._stacks: list[Stack] = []

    @property
    def stacks(self) -> list[Stack]:
        """The stacks created so far, in order of creation."""
        return list(self._stacks)

    def scope_for(self, group: str = "Part", *, resources: int = 1, size: int = 0) -> Stack:
        """The stack of ``group`` to create the next construct in.

        :param group: Which stacks to fill: a construct-id-safe name; each group gets its
            own stacks, ``<group>1``, ``<group>2``... Default: ``"Part"``.
        :param resources: CloudFormation resources the construct adds (a template or a
            campaign without hooks: 1). Default: 1.
        :param size: Template bytes it adds, e.g. :func:`estimate_size` of its strings.
            Default: 0 (count resources only).
        :raises ValueError: for a construct bigger than one stack's budget.
        """
        require_str("group", group, optional=False)
        if not _GROUP.fullmatch(group):
            raise ValueError(
                f"group must be a letter followed by letters and digits (it names stacks), "
                f"got {group!r}"
            )
        check_int("resources", resources, 1, optional=False)
        check_int("size", size, 0, optional=False)
        if resources > self._max_resources or size > self._max_bytes:
            raise ValueError(
                f"a construct of {resources} resources and {size} bytes does not fit in one "
                f"stack: the budget is max_resources={self._max_resources} and "
                f"max_template_bytes={self._max_bytes}"
            )
        part = self._current.get(group)
        if (
            part is None
            or part.resources + resources > self._max_resources
            or part.size + size > self._max_bytes
        ):
            part = self._current[group] = _Part(self._new_stack(group))
        part.resources += resources
        part.size += size
        return part.stack

    def _new_stack(self, group: str) -> Stack:
        number = self._counts[group] = self._counts.get(group, 0) + 1
        name = f"{group}{number}"
        stack: Stack
        if self._nested:
            stack = NestedStack(self, name)
        else:
            parent = self._parent
            scope = parent.node.scope
            assert isinstance(scope, Construct)
            agnostic = is_unresolved(parent.account) or is_unresolved(parent.region)
            stack = Stack(
                scope,
                f"{parent.node.id}-{self.node.id}-{name}",
                env=None if agnostic else Environment(account=parent.account, region=parent.region),
            )
        self._stacks.append(stack)
        return stack


__all__ = [
    "CFN_MAX_RESOURCES",
    "CFN_MAX_TEMPLATE_BYTES",
    "RESOURCE_OVERHEAD_BYTES",
    "StackSpreader",
    "estimate_size",
]
