"""The AWS pages each mapping of the migration rests on (see also the repository's research
notes on the successor services)."""

from __future__ import annotations

from ._report import MIGRATE_PAGE

_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"

SEGMENT_DEFINITION = _CFN + "aws-resource-customerprofiles-segmentdefinition.html"
CALCULATED_ATTRIBUTE = _CFN + "aws-resource-customerprofiles-calculatedattributedefinition.html"
OBJECT_TYPE = _CFN + "aws-resource-customerprofiles-objecttype.html"
EVENT_TRIGGER = _CFN + "aws-resource-customerprofiles-eventtrigger.html"
MESSAGE_TEMPLATE = _CFN + "aws-resource-wisdom-messagetemplate.html"
CAMPAIGN = _CFN + "aws-resource-connectcampaignsv2-campaign.html"
CAMPAIGNS_API = (
    "https://docs.aws.amazon.com/connect/latest/adminguide/create-campaigns-api-cli.html"
)
EVENT_TRIGGERS = (
    "https://docs.aws.amazon.com/connect/latest/adminguide/"
    "how-to-create-campaigns-using-event-triggers.html"
)
JOURNEYS = (
    "https://docs.aws.amazon.com/connect/latest/adminguide/"
    "create-a-multi-step-and-multi-channel-journey.html"
)
PUSH = "https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-push.html"
SES_IDENTITY = _CFN + "aws-resource-ses-emailidentity.html"
SES_CONFIGURATION_SET = _CFN + "aws-resource-ses-configurationset.html"
SES_CONTACT_LIST = _CFN + "aws-resource-ses-contactlist.html"
SES_EVENT_DESTINATION = _CFN + "aws-resource-ses-configurationseteventdestination.html"
SMS_CONFIGURATION_SET = _CFN + "aws-resource-smsvoice-configurationset.html"

__all__ = [
    "CALCULATED_ATTRIBUTE",
    "CAMPAIGN",
    "CAMPAIGNS_API",
    "EVENT_TRIGGER",
    "EVENT_TRIGGERS",
    "JOURNEYS",
    "MESSAGE_TEMPLATE",
    "MIGRATE_PAGE",
    "OBJECT_TYPE",
    "PUSH",
    "SEGMENT_DEFINITION",
    "SES_CONFIGURATION_SET",
    "SES_CONTACT_LIST",
    "SES_EVENT_DESTINATION",
    "SES_IDENTITY",
    "SMS_CONFIGURATION_SET",
]
