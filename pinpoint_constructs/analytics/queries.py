"""The Athena (Trino SQL) queries over an :class:`~pinpoint_constructs.EventArchive` table.

Standard library only: :func:`event_queries` returns the SQL the archive saves as named queries,
so it can be read, tested (tests parse every query with sqlglot's Trino dialect) and run
elsewhere. Each query reads the last ``lookback_days`` date partitions (``dt``, the event's UTC
date) so that it scans only those.

Notes on the SQL: map lookups use ``element_at`` (Trino's ``map['key']`` fails on a missing
key); email fields live under ``facets.email_channel.mail_event``; SES computes its account
bounce rate from hard bounces over sends, and the review lines are
``BOUNCE_RATE_REVIEW_THRESHOLD`` (5%) and ``COMPLAINT_RATE_REVIEW_THRESHOLD`` (0.1%), the
constants the deliverability alarms use.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._props import checked_props

#: SES places an account under review at a 5% bounce rate (same value as
#: ``pinpoint_constructs.BOUNCE_RATE_REVIEW_THRESHOLD``; kept here so this module needs no CDK).
BOUNCE_REVIEW_LINE = 0.05
#: SES places an account under review at a 0.1% complaint rate.
COMPLAINT_REVIEW_LINE = 0.001

#: The rates over a ``daily`` CTE of sends, deliveries, hard and soft bounces and complaints per
#: ``day``, with the review-line flags: the tail of every daily-rates query, whatever the source.
DAILY_RATES = f"""SELECT
  day,
  sends,
  deliveries,
  hard_bounces,
  soft_bounces,
  complaints,
  round(CAST(hard_bounces AS double) / nullif(sends, 0), 5) AS bounce_rate,
  round(CAST(complaints AS double) / nullif(sends, 0), 5) AS complaint_rate,
  CAST(hard_bounces AS double) / nullif(sends, 0) >= {BOUNCE_REVIEW_LINE}
    AS bounce_rate_at_review_line,
  CAST(complaints AS double) / nullif(sends, 0) >= {COMPLAINT_REVIEW_LINE}
    AS complaint_rate_at_review_line
FROM daily
ORDER BY day"""

_MAIL = "facets.email_channel.mail_event"


@checked_props
@dataclass(frozen=True)
class EventQuery:
    """One saved query: its name (also the name of the view you may create from it), what it
    answers, and its SQL."""

    name: str
    description: str
    sql: str


def _window(lookback_days: int) -> str:
    return f"dt >= date_format(current_date - INTERVAL '{lookback_days}' DAY, '%Y-%m-%d')"


def _attr(key: str) -> str:
    return f"element_at(attributes, '{key}')"


def event_queries(database: str, table: str, *, lookback_days: int = 30) -> list[EventQuery]:
    """The named queries of an archive whose events are in ``database.table``."""
    source = f'"{database}"."{table}"'
    window = _window(lookback_days)
    message_id = f"coalesce({_MAIL}.mail.message_id, {_attr('message_id')})"
    engagement = f"""
  count_if(event_type = '_email.send') AS email_sends,
  count_if(event_type = '_email.delivered') AS email_deliveries,
  count_if(event_type = '_email.open') AS email_opens,
  count(DISTINCT CASE WHEN event_type = '_email.open' THEN {message_id} END) AS unique_opens,
  count_if(event_type = '_email.click') AS email_clicks,
  count(DISTINCT CASE WHEN event_type = '_email.click' THEN {message_id} END) AS unique_clicks,
  count_if(event_type IN ('_email.hardbounce', '_email.softbounce')) AS email_bounces,
  count_if(event_type = '_email.complaint') AS email_complaints,
  count_if(event_type = '_email.unsubscribe') AS email_unsubscribes,
  count_if(event_type = '_SMS.SUCCESS') AS sms_successes,
  count_if(event_type = '_SMS.FAILURE') AS sms_failures,
  count_if(event_type = '_SMS.OPTOUT') AS sms_opt_outs,
  round(CAST(count(DISTINCT CASE WHEN event_type = '_email.open' THEN {message_id} END) AS double)
    / nullif(count_if(event_type = '_email.delivered'), 0), 4) AS open_rate,
  round(CAST(count(DISTINCT CASE WHEN event_type = '_email.click' THEN {message_id} END) AS double)
    / nullif(count_if(event_type = '_email.delivered'), 0), 4) AS click_rate"""

    return [
        EventQuery(
            "message_status",
            "Status per message: the latest event of each email or SMS message, and whether it "
            "was delivered, opened, clicked, bounced or complained about",
            f"""SELECT
  {message_id} AS message_id,
  arbitrary(split_part(event_type, '.', 1)) AS channel,
  arbitrary(client.client_id) AS endpoint_id,
  arbitrary({_attr("campaign_id")}) AS campaign_id,
  arbitrary({_attr("journey_id")}) AS journey_id,
  max_by(event_type, event_timestamp) AS latest_event,
  from_unixtime(max(event_timestamp) / 1000) AS latest_event_at,
  count_if(event_type IN ('_email.delivered', '_SMS.SUCCESS')) > 0 AS delivered,
  count_if(event_type = '_email.open') AS opens,
  count_if(event_type = '_email.click') AS clicks,
  count_if(event_type IN ('_email.hardbounce', '_email.softbounce')) > 0 AS bounced,
  count_if(event_type = '_email.complaint') > 0 AS complained,
  max_by({_attr("record_status")}, event_timestamp) AS sms_record_status
FROM {source}
WHERE {window}
  AND {message_id} IS NOT NULL
GROUP BY {message_id}
ORDER BY latest_event_at DESC""",
        ),
        EventQuery(
            "bounces_and_complaints",
            "Bounces and complaints with their SMTP reasons (diagnostic codes), bounce types and "
            "complaint feedback types",
            f"""SELECT
  from_unixtime(event_timestamp / 1000) AS event_time,
  event_type,
  client.client_id AS endpoint_id,
  {_attr("campaign_id")} AS campaign_id,
  {_attr("journey_id")} AS journey_id,
  {_MAIL}.mail.message_id AS message_id,
  array_join({_MAIL}.mail.destination, ', ') AS destination,
  {_MAIL}.bounce.bounce_type AS bounce_type,
  {_MAIL}.bounce.bounce_sub_type AS bounce_sub_type,
  array_join(transform({_MAIL}.bounce.bounced_recipients, r -> r.diagnostic_code), '; ')
    AS smtp_reasons,
  {_MAIL}.complaint.complaint_feedback_type AS complaint_feedback_type
FROM {source}
WHERE {window}
  AND event_type IN ('_email.hardbounce', '_email.softbounce', '_email.complaint')
ORDER BY event_time DESC""",
        ),
        EventQuery(
            "engagement_by_campaign",
            "Sends, deliveries, opens, clicks, bounces, complaints and opt-outs per campaign, "
            "with open and click rates over deliveries",
            f"""SELECT
  {_attr("campaign_id")} AS campaign_id,{engagement}
FROM {source}
WHERE {window}
  AND {_attr("campaign_id")} IS NOT NULL
GROUP BY {_attr("campaign_id")}
ORDER BY email_sends DESC""",
        ),
        EventQuery(
            "engagement_by_journey",
            "Sends, deliveries, opens, clicks, bounces, complaints and opt-outs per journey and "
            "journey activity, with open and click rates over deliveries",
            f"""SELECT
  {_attr("journey_id")} AS journey_id,
  {_attr("journey_activity_id")} AS journey_activity_id,{engagement}
FROM {source}
WHERE {window}
  AND {_attr("journey_id")} IS NOT NULL
GROUP BY {_attr("journey_id")}, {_attr("journey_activity_id")}
ORDER BY journey_id, email_sends DESC""",
        ),
        EventQuery(
            "sms_delivery",
            "SMS delivery per day: successes, failures by record status, opt-outs, by country, "
            "with the price in USD",
            f"""SELECT
  dt AS day,
  event_type,
  coalesce({_attr("record_status")}, '') AS record_status,
  coalesce({_attr("iso_country_code")}, '') AS country,
  count(*) AS messages,
  round(sum(coalesce(element_at(metrics, 'price_in_millicents_usd'), 0)) / 100000, 5)
    AS price_usd
FROM {source}
WHERE {window}
  AND starts_with(event_type, '_SMS.')
GROUP BY dt, event_type, {_attr("record_status")}, {_attr("iso_country_code")}
ORDER BY day, event_type, messages DESC""",
        ),
        EventQuery(
            "daily_email_rates",
            f"Daily email bounce and complaint rates against the SES review lines "
            f"({BOUNCE_REVIEW_LINE:.0%} hard bounces, {COMPLAINT_REVIEW_LINE:.1%} complaints, "
            f"over sends)",
            f"""WITH daily AS (
  SELECT
    dt AS day,
    count_if(event_type = '_email.send') AS sends,
    count_if(event_type = '_email.delivered') AS deliveries,
    count_if(event_type = '_email.hardbounce') AS hard_bounces,
    count_if(event_type = '_email.softbounce') AS soft_bounces,
    count_if(event_type = '_email.complaint') AS complaints
  FROM {source}
  WHERE {window}
    AND starts_with(event_type, '_email.')
  GROUP BY dt
)
{DAILY_RATES}""",
        ),
    ]
