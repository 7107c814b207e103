"""Opt-out lists (``AWS::SMSVOICE::OptOutList``): where STOP replies land."""

from __future__ import annotations

from typing import Protocol

from aws_cdk import ArnFormat, IResource, Resource, Stack
from aws_cdk import aws_smsvoice as smsvoice
from constructs import Construct

from .._props import checked_props
from ._rules import check_name


class IOptOutList(IResource, Protocol):
    """An opt-out list, defined in this app or imported."""

    @property
    def opt_out_list_name(self) -> str:
        """The list's name."""
        ...

    @property
    def opt_out_list_arn(self) -> str:
        """``arn:<partition>:sms-voice:<region>:<account>:opt-out-list/<name>``."""
        ...


class _ImportedOptOutList(Resource):
    def __init__(self, scope: Construct, id: str, *, name: str, arn: str) -> None:
        super().__init__(scope, id, environment_from_arn=arn)
        self._name = name
        self._arn = arn

    @property
    def opt_out_list_name(self) -> str:
        return self._name

    @property
    def opt_out_list_arn(self) -> str:
        return self._arn


@checked_props
class OptOutList(Resource):
    """An opt-out list (``AWS::SMSVOICE::OptOutList``, construct id ``Resource``).

    A phone number or pool that uses the list adds a recipient to it by itself when they reply
    STOP (or another ``OPT_OUT`` keyword), unless self-managed opt-outs are enabled; sending to a
    number on the list then fails with ``DESTINATION_PHONE_NUMBER_OPTED_OUT``. Nothing has to
    process events for that, unlike Pinpoint's ``_SMS.OPTOUT`` events and endpoint ``OptOut``.

    Example::

        opt_outs = OptOutList(self, "OptOuts", opt_out_list_name="marketing")
    """

    def __init__(self, scope: Construct, id: str, *, opt_out_list_name: str | None = None) -> None:
        """
        :param opt_out_list_name: 1 to 64 letters, digits, underscores or hyphens (schema and
            API ``OptOutListName``). Default: a name CloudFormation generates.
        """
        super().__init__(scope, id)
        check_name("opt_out_list_name", opt_out_list_name)
        self._resource = smsvoice.CfnOptOutList(
            self, "Resource", opt_out_list_name=opt_out_list_name
        )
        self.opt_out_list_name: str = self._resource.ref
        """The list's name (``Ref``)."""
        self.opt_out_list_arn: str = self._resource.attr_arn
        """The list's ARN."""

    @staticmethod
    def from_opt_out_list_name(scope: Construct, id: str, opt_out_list_name: str) -> IOptOutList:
        """Import an opt-out list of this stack's account and region by its name."""
        check_name("opt_out_list_name", opt_out_list_name)
        arn = Stack.of(scope).format_arn(
            service="sms-voice",
            resource="opt-out-list",
            resource_name=opt_out_list_name,
            arn_format=ArnFormat.SLASH_RESOURCE_NAME,
        )
        return _ImportedOptOutList(scope, id, name=opt_out_list_name, arn=arn)
