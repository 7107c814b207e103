"""Amazon Connect constructs: the services that carry a Pinpoint engagement program after
Pinpoint's end of support.

- the instance pieces: :class:`ConnectInstance` (outbound and high-volume outbound on, a
  Customer Profiles domain), :class:`ConnectPhoneNumber`, :class:`ConnectEmailAddress`, each
  with an import, and :class:`OutboundCampaignsOnboarding` (the instance's onboarding to
  outbound campaigns, a custom resource);
- Amazon Q in Connect message templates (``connect.message_templates``):
  :class:`MessageTemplateKnowledgeBase`, :class:`EmailMessageTemplate`,
  :class:`SmsMessageTemplate`, :class:`PushMessageTemplate`, :class:`WhatsAppMessageTemplate`,
  and the conversion of Pinpoint templates;
- outbound campaigns: :class:`OutboundCampaign` with :class:`CampaignChannel`, and the values a
  campaign and a journey share (:class:`CampaignSchedule`, :class:`CampaignSource`,
  :class:`CommunicationLimits`, :class:`CommunicationTime`, :class:`EntryLimits`, ...);
- journeys (``connect.journeys``).

Public names are listed in ``__init__.pyi`` and imported on first use (see
``pinpoint_constructs._lazy``), so the template conversion and the preview command import no
aws-cdk-lib."""

from .._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
