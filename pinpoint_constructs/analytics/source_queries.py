"""Athena (Trino SQL) queries over the SES and SMS/voice tables of an
:class:`~pinpoint_constructs.EventArchive` (:mod:`pinpoint_constructs.analytics.sources`).
Standard library only; tests parse every query with sqlglot's Trino dialect.

They answer the questions the Pinpoint queries (:mod:`.queries`) answer, across the sources
that replaced Pinpoint's event stream:

- ``all_message_status``: each email or SMS message's latest event and outcome;
- ``email_bounces_and_complaints``: with bounce type, SMTP diagnostic and feedback type;
- ``email_engagement_by_campaign`` / ``email_engagement_by_journey``: sends, deliveries, opens,
  clicks, bounces, complaints, unsubscribes, from the ``campaign_id`` / ``journey_id``
  message tags (SES ``EmailTags``; or ``pinpoint_campaign_id`` / ``pinpoint_journey_id``,
  which the template renderer sets);
- ``sms_voice_delivery``: per day, status and country, with the price; AWS End User Messaging has no
  opt-out *event* (the opt-out list records them; a send to an opted-out number is refused
  by the API), so SMS opt-outs are the ``BLOCKED``/``OPTED_OUT`` statuses that appear;
- ``connect_campaign_contacts``: Amazon Connect outbound campaign contacts per campaign and
  day (initiated, connected, disconnected), from the contact events;
- ``daily_email_rates_ses``: the SES review lines (5% bounces, 0.1% complaints), bounces
  counted as SES does (``Permanent`` bounces over sends).

``dt`` is the day the message was sent, so each query's window holds whole messages.
"""

from __future__ import annotations

from .queries import BOUNCE_REVIEW_LINE, COMPLAINT_REVIEW_LINE, DAILY_RATES, EventQuery, _window


def _tag(name: str) -> str:
    """The first value of the message tag ``name``, or of ``pinpoint_<name>`` (the tags the
    template renderer sets); SES ``mail.tags`` maps a tag to a list of values."""
    return (
        f"coalesce(element_at(element_at(mail.tags, '{name}'), 1), "
        f"element_at(element_at(mail.tags, 'pinpoint_{name}'), 1))"
    )


def _engagement() -> str:
    return """
  count_if(eventtype = 'Send') AS sends,
  count_if(eventtype = 'Delivery') AS deliveries,
  count_if(eventtype = 'Open') AS opens,
  count(DISTINCT CASE WHEN eventtype = 'Open' THEN mail.messageid END) AS unique_opens,
  count_if(eventtype = 'Click') AS clicks,
  count(DISTINCT CASE WHEN eventtype = 'Click' THEN mail.messageid END) AS unique_clicks,
  count_if(eventtype = 'Bounce') AS bounces,
  count_if(eventtype = 'Complaint') AS complaints,
  count_if(eventtype = 'Subscription') AS subscription_changes,
  round(CAST(count(DISTINCT CASE WHEN eventtype = 'Open' THEN mail.messageid END) AS double)
    / nullif(count_if(eventtype = 'Delivery'), 0), 4) AS open_rate,
  round(CAST(count(DISTINCT CASE WHEN eventtype = 'Click' THEN mail.messageid END) AS double)
    / nullif(count_if(eventtype = 'Delivery'), 0), 4) AS click_rate"""


def source_queries(
    database: str,
    ses_table: str,
    sms_voice_table: str,
    *,
    connect_table: str | None = None,
    lookback_days: int = 30,
) -> list[EventQuery]:
    """The named queries over ``database.ses_table`` and ``database.sms_voice_table`` (and,
    given ``connect_table``, the Amazon Connect contact events)."""
    ses = f'"{database}"."{ses_table}"'
    sms = f'"{database}"."{sms_voice_table}"'
    queries = _email_and_sms_queries(ses, sms, lookback_days)
    if connect_table is not None:
        queries.append(_campaign_contacts(f'"{database}"."{connect_table}"', lookback_days))
    return queries


def _campaign_contacts(source: str, lookback_days: int) -> EventQuery:
    return EventQuery(
        "connect_campaign_contacts",
        "Amazon Connect outbound campaign contacts per campaign and day: contacts initiated, "
        "connected (to the system or an agent) and disconnected, by channel",
        f"""SELECT
  detail.campaign.campaignid AS campaign_id,
  dt AS day,
  detail.channel AS channel,
  count(DISTINCT CASE WHEN detail.eventtype = 'INITIATED' THEN detail.contactid END)
    AS initiated,
  count(DISTINCT CASE WHEN detail.eventtype IN ('CONNECTED_TO_SYSTEM', 'CONNECTED_TO_AGENT')
    THEN detail.contactid END) AS connected,
  count(DISTINCT CASE WHEN detail.eventtype = 'DISCONNECTED' THEN detail.contactid END)
    AS disconnected
FROM {source}
WHERE {_window(lookback_days)}
  AND detail.campaign.campaignid IS NOT NULL
GROUP BY detail.campaign.campaignid, dt, detail.channel
ORDER BY campaign_id, day""",
    )


def _email_and_sms_queries(ses: str, sms: str, lookback_days: int) -> list[EventQuery]:
    window = _window(lookback_days)
    event_time = "from_iso8601_timestamp(mail.timestamp)"
    return [
        EventQuery(
            "all_message_status",
            "Status per message across email (SES) and SMS/voice (End User Messaging): the "
            "latest event, and whether it was delivered, opened, clicked, bounced, complained "
            "about or blocked",
            f"""SELECT
  'email' AS channel,
  mail.messageid AS message_id,
  arbitrary(element_at(mail.destination, 1)) AS recipient,
  arbitrary({_tag("campaign_id")}) AS campaign_id,
  arbitrary({_tag("journey_id")}) AS journey_id,
  max_by(eventtype, coalesce(
    from_iso8601_timestamp(coalesce(delivery.timestamp, bounce.timestamp, complaint.timestamp,
      open.timestamp, click.timestamp, deliverydelay.timestamp, subscription.timestamp)),
    {event_time})) AS latest_event,
  count_if(eventtype = 'Delivery') > 0 AS delivered,
  count_if(eventtype = 'Open') > 0 AS opened,
  count_if(eventtype = 'Click') > 0 AS clicked,
  count_if(eventtype IN ('Bounce', 'Reject', 'Rendering Failure')) > 0 AS failed,
  count_if(eventtype = 'Complaint') > 0 AS complained
FROM {ses}
WHERE {window}
GROUP BY mail.messageid
UNION ALL
SELECT
  CASE WHEN arbitrary(eventtype) LIKE 'VOICE%' THEN 'voice' ELSE 'sms' END AS channel,
  messageid AS message_id,
  arbitrary(destinationphonenumber) AS recipient,
  arbitrary(element_at(context, 'campaign_id')) AS campaign_id,
  arbitrary(element_at(context, 'journey_id')) AS journey_id,
  max_by(messagestatus, eventtimestamp) AS latest_event,
  count_if(messagestatus IN ('DELIVERED', 'COMPLETED', 'ANSWERED')) > 0 AS delivered,
  false AS opened,
  false AS clicked,
  count_if(isfinal AND messagestatus NOT IN ('DELIVERED', 'COMPLETED', 'ANSWERED',
    'SUCCESSFUL')) > 0 AS failed,
  false AS complained
FROM {sms}
WHERE {window}
GROUP BY messageid""",
        ),
        EventQuery(
            "email_bounces_and_complaints",
            "Email bounces and complaints with their reasons: bounce type and subtype, the SMTP "
            "diagnostic of each recipient, the complaint feedback type",
            f"""SELECT
  from_iso8601_timestamp(coalesce(bounce.timestamp, complaint.timestamp)) AS event_time,
  eventtype,
  mail.messageid AS message_id,
  {_tag("campaign_id")} AS campaign_id,
  {_tag("journey_id")} AS journey_id,
  array_join(mail.destination, ', ') AS destination,
  bounce.bouncetype AS bounce_type,
  bounce.bouncesubtype AS bounce_sub_type,
  array_join(transform(bounce.bouncedrecipients,
    r -> concat(r.emailaddress, ': ', coalesce(r.diagnosticcode, r.status, ''))), '; ')
    AS smtp_reasons,
  complaint.complaintfeedbacktype AS complaint_feedback_type,
  complaint.complaintsubtype AS complaint_sub_type
FROM {ses}
WHERE {window}
  AND eventtype IN ('Bounce', 'Complaint')
ORDER BY event_time DESC""",
        ),
        EventQuery(
            "email_engagement_by_campaign",
            "Email sends, deliveries, opens, clicks, bounces and complaints per campaign (the "
            "campaign_id message tag), with open and click rates over deliveries",
            f"""SELECT
  {_tag("campaign_id")} AS campaign_id,{_engagement()}
FROM {ses}
WHERE {window}
  AND {_tag("campaign_id")} IS NOT NULL
GROUP BY {_tag("campaign_id")}
ORDER BY sends DESC""",
        ),
        EventQuery(
            "email_engagement_by_journey",
            "Email engagement per journey and activity (the journey_id and "
            "journey_activity_id message tags)",
            f"""SELECT
  {_tag("journey_id")} AS journey_id,
  {_tag("journey_activity_id")} AS journey_activity_id,{_engagement()}
FROM {ses}
WHERE {window}
  AND {_tag("journey_id")} IS NOT NULL
GROUP BY {_tag("journey_id")}, {_tag("journey_activity_id")}
ORDER BY journey_id, sends DESC""",
        ),
        EventQuery(
            "sms_voice_delivery",
            "SMS and voice per day, status and country: messages (final statuses), blocked "
            "and opted-out numbers, price and carrier fees in USD",
            f"""SELECT
  dt AS day,
  messagestatus AS status,
  coalesce(isocountrycode, '') AS country,
  count(DISTINCT messageid) AS messages,
  count_if(messagestatus IN ('BLOCKED', 'CARRIER_BLOCKED', 'OPTED_OUT')) AS blocked_or_opted_out,
  round(sum(coalesce(totalmessageprice, 0)), 5) AS price_usd,
  round(sum(coalesce(totalcarrierfee, 0)), 5) AS carrier_fee_usd
FROM {sms}
WHERE {window}
  AND isfinal
GROUP BY dt, messagestatus, isocountrycode
ORDER BY day, messages DESC""",
        ),
        EventQuery(
            "daily_email_rates_ses",
            f"Daily email bounce and complaint rates against the SES review lines "
            f"({BOUNCE_REVIEW_LINE:.0%} bounces, {COMPLAINT_REVIEW_LINE:.1%} complaints, over "
            f"sends; bounces are Permanent bounces, as SES counts them)",
            f"""WITH daily AS (
  SELECT
    dt AS day,
    count_if(eventtype = 'Send') AS sends,
    count_if(eventtype = 'Delivery') AS deliveries,
    count_if(eventtype = 'Bounce' AND bounce.bouncetype = 'Permanent') AS hard_bounces,
    count_if(eventtype = 'Bounce' AND bounce.bouncetype <> 'Permanent') AS soft_bounces,
    count_if(eventtype = 'Complaint') AS complaints
  FROM {ses}
  WHERE {window}
  GROUP BY dt
)
{DAILY_RATES}""",
        ),
    ]


__all__ = ["source_queries"]
