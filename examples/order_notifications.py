#!/usr/bin/env python3
"""An order-notification app built on pinpoint-constructs as an installed package.

A Pinpoint project with an SMS channel, an SMS template, a segment, a shipping journey (a
custom resource whose handler is an asset shipped inside the package), a webhook custom channel
(another handler asset) and a service role that may send messages and manage endpoints.
"""

from __future__ import annotations

import os

os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from constructs import Construct

from pinpoint_constructs import (
    AttributeFilter,
    CustomChannel,
    Journey,
    JourneyStart,
    PinpointApp,
    QuietTime,
    Segment,
    SegmentDimensions,
    SendCustom,
    SendSms,
    SmsTemplate,
    Wait,
)


class OrderNotificationsStack(cdk.Stack):
    """Order notifications by SMS and through a partner's webhook."""

    def __init__(self, scope: Construct, id: str, **kwargs: object) -> None:
        super().__init__(scope, id, **kwargs)  # type: ignore[arg-type]
        cdk.Validations.of(self).acknowledge(
            cdk.Acknowledgment(
                id="CloudFormation-Validate::W3696",
                reason="Pinpoint engagement features ended on 2026-10-30; this example keeps "
                "the SMS channel, which continues as AWS End User Messaging",
            )
        )
        app = PinpointApp(
            self, "Orders", app_name="orders", quiet_time=QuietTime(start="21:00", end="08:00")
        )
        app.add_sms_channel(sender_id="OrderShop")
        partner = CustomChannel.webhook(
            self, "PartnerWebhook", app=app, url="https://partner.example.com/order-events"
        )
        shipped = SmsTemplate(
            self,
            "Shipped",
            template_name="order-shipped",
            body="Your order {{Attributes.OrderId}} is on its way.",
            default_substitutions={"Attributes.OrderId": "(unknown)"},
        )
        customers = Segment(
            self,
            "Customers",
            app=app,
            dimensions=SegmentDimensions(
                attributes={"Customer": AttributeFilter.inclusive("true")}
            ),
        )
        Journey(
            self,
            "Shipping",
            app=app,
            journey_name="shipping",
            start=JourneyStart.segment(customers),
            definition=SendSms("Shipped", template=shipped)
            .next(Wait("OneDay", duration=cdk.Duration.days(1)))
            .next(SendCustom("TellPartner", channel=partner, data={"event": "shipped"})),
        )
        service = iam.Role(
            self, "OrderService", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")
        )
        app.grant_send_messages(service)
        app.grant_manage_endpoints(service)


def main() -> None:
    app = cdk.App(outdir=os.environ.get("CDK_OUTDIR", "cdk.out"))
    OrderNotificationsStack(app, "OrderNotifications")
    app.synth()


if __name__ == "__main__":
    main()
