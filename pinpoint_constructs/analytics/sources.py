"""The event sources after Pinpoint, as Glue (Hive) column types. Standard library only.

Pinpoint's event stream stopped with Pinpoint; the events now come from configuration sets:

- **Amazon SES** (``ses``): one JSON record per event, ``eventType`` plus ``mail`` and one
  object named after the event. Sources: SES Developer Guide, "Contents of event data that
  Amazon SES publishes to Firehose" (fields) and "Examples of event data that Amazon SES
  publishes to Firehose" (records; the fixtures in ``tests/fixtures/events/ses/``).
- **AWS End User Messaging SMS and voice** (``sms_voice``): one flat JSON record per event
  (``eventType`` ``TEXT_*``/``VOICE_*``/``MEDIA_*``, ``messageStatus``, prices...). Source:
  AWS End User Messaging SMS User Guide, "Example AWS End User Messaging SMS event data"
  (``configuration-sets-event-format.html``) and "Monitoring with EventBridge" (the
  ``detail`` of its events has the same shape, with ``carrierName``, ``isInternationalSend``
  and ``protectConfiguration``).

Athena column names are lower case and the OpenX JSON SerDe matches keys case-insensitively,
so ``eventType`` is the column ``eventtype`` and ``bounce.bounceType`` the field
``bounce.bouncetype``. Both sources arrive through one Direct PUT delivery stream of the
:class:`~pinpoint_constructs.EventArchive`, partitioned by source and by the day the message
was sent (:data:`SOURCES_PARTITION_QUERY`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from .schema import (
    BIGINT,
    BOOLEAN,
    DOUBLE,
    STRING,
    STRING_MAP,
    Array,
    HiveType,
    Map,
    Struct,
    struct,
)

_TAGS = Map(Array(STRING))

SES_MAIL = struct(
    timestamp=STRING,
    messageid=STRING,
    source=STRING,
    sourcearn=STRING,
    sendingaccountid=STRING,
    destination=Array(STRING),
    headerstruncated=BOOLEAN,
    headers=Array(struct(name=STRING, value=STRING)),
    commonheaders=struct(
        **{"from": Array(STRING)},
        to=Array(STRING),
        messageid=STRING,
        subject=STRING,
    ),
    tags=_TAGS,
)

_TOPIC_PREFERENCES = struct(
    unsubscribeall=BOOLEAN,
    topicsubscriptionstatus=Array(struct(topicname=STRING, subscriptionstatus=STRING)),
)

#: The SES table's columns: (name, type, comment).
SES_COLUMNS: Final[tuple[tuple[str, HiveType, str], ...]] = (
    (
        "eventtype",
        STRING,
        "Send, Delivery, Bounce, Complaint, Open, Click, Reject, Rendering Failure, "
        "DeliveryDelay, Subscription",
    ),
    ("mail", SES_MAIL, "the message: messageId, destination, headers, tags (message tags)"),
    (
        "bounce",
        struct(
            bouncetype=STRING,
            bouncesubtype=STRING,
            bouncedrecipients=Array(
                struct(emailaddress=STRING, action=STRING, status=STRING, diagnosticcode=STRING)
            ),
            timestamp=STRING,
            feedbackid=STRING,
            reportingmta=STRING,
        ),
        "bounceType Permanent/Transient/Undetermined; diagnosticCode is the SMTP reason",
    ),
    (
        "complaint",
        struct(
            complainedrecipients=Array(struct(emailaddress=STRING)),
            timestamp=STRING,
            feedbackid=STRING,
            complaintsubtype=STRING,
            useragent=STRING,
            complaintfeedbacktype=STRING,
            arrivaldate=STRING,
        ),
        "complaintFeedbackType: abuse, auth-failure, fraud, not-spam, other, virus",
    ),
    (
        "delivery",
        struct(
            timestamp=STRING,
            processingtimemillis=BIGINT,
            recipients=Array(STRING),
            smtpresponse=STRING,
            reportingmta=STRING,
        ),
        "the receiving server accepted the message",
    ),
    ("send", STRING_MAP, "always empty: SES accepted the request"),
    ("reject", struct(reason=STRING), "reason: Bad content (a virus)"),
    ("open", struct(ipaddress=STRING, timestamp=STRING, useragent=STRING), "an open"),
    (
        "click",
        struct(ipaddress=STRING, timestamp=STRING, useragent=STRING, link=STRING, linktags=_TAGS),
        "a click: link and its ses:tags",
    ),
    ("failure", struct(templatename=STRING, errormessage=STRING), "a rendering failure"),
    (
        "deliverydelay",
        struct(
            delaytype=STRING,
            delayedrecipients=Array(
                struct(emailaddress=STRING, status=STRING, diagnosticcode=STRING)
            ),
            expirationtime=STRING,
            reportingmta=STRING,
            timestamp=STRING,
        ),
        "SES is still trying: delayType, the recipients' SMTP status",
    ),
    (
        "subscription",
        struct(
            contactlist=STRING,
            timestamp=STRING,
            source=STRING,
            newtopicpreferences=_TOPIC_PREFERENCES,
            oldtopicpreferences=_TOPIC_PREFERENCES,
        ),
        "a contact changed its subscriptions (list management)",
    ),
)

#: The SMS and voice table's columns: (name, type, comment).
SMS_VOICE_COLUMNS: Final[tuple[tuple[str, HiveType, str], ...]] = (
    ("eventtype", STRING, "TEXT_DELIVERED, TEXT_BLOCKED, VOICE_COMPLETED, ..."),
    ("eventversion", STRING, "version of the event JSON schema"),
    ("eventtimestamp", BIGINT, "when the event was reported, Unix time in milliseconds"),
    ("isfinal", BOOLEAN, "true for the message's final status"),
    ("originationphonenumber", STRING, "the number or sender ID it was sent from"),
    ("destinationphonenumber", STRING, "the recipient"),
    ("isocountrycode", STRING, "the recipient's country (ISO 3166-1 alpha-2)"),
    ("isinternationalsend", BOOLEAN, "sent from another country's number"),
    ("mcc", STRING, "mobile country code"),
    ("mnc", STRING, "mobile network code"),
    ("carriername", STRING, "the recipient's carrier"),
    ("messageid", STRING, "the id SendTextMessage returned"),
    ("messagerequesttimestamp", BIGINT, "when the send was requested, Unix ms"),
    ("messageencoding", STRING, "GSM, UCS2"),
    ("messagetype", STRING, "TRANSACTIONAL or PROMOTIONAL"),
    ("messagestatus", STRING, "SUCCESSFUL, DELIVERED, BLOCKED, SPAM, UNKNOWN, ..."),
    ("messagestatusdescription", STRING, "the status in words"),
    ("context", STRING_MAP, "the Context of the send call (campaign_id, journey_id, ...)"),
    ("totalmessageparts", BIGINT, "message parts billed"),
    ("totalmessageprice", DOUBLE, "price in USD"),
    ("totalcarrierfee", DOUBLE, "carrier fee in USD"),
    (
        "protectconfiguration",
        struct(protectconfigurationid=STRING, protectstatus=STRING),
        "the protect configuration that checked the message",
    ),
)


#: The Amazon Connect contact event table's columns (EventBridge envelope and ``detail``).
#: ``detail-type`` is read into ``detail_type`` (a SerDe mapping: Hive names have no ``-``).
CONNECT_COLUMNS: Final[tuple[tuple[str, HiveType, str], ...]] = (
    ("version", STRING, "EventBridge envelope version"),
    ("id", STRING, "the EventBridge event id"),
    ("detail_type", STRING, "detail-type: Amazon Connect Contact Event"),
    ("source", STRING, "aws.connect"),
    ("account", STRING, "the account"),
    ("time", STRING, "when the event happened, ISO 8601"),
    ("region", STRING, "the Region"),
    ("resources", Array(STRING), "the contact's and instance's ARNs"),
    (
        "detail",
        struct(
            eventtype=STRING,
            contactid=STRING,
            initialcontactid=STRING,
            previouscontactid=STRING,
            channel=STRING,
            instancearn=STRING,
            initiationmethod=STRING,
            queueinfo=struct(queuearn=STRING, queuetype=STRING),
            agentinfo=struct(agentarn=STRING, routingprofilearn=STRING),
            campaign=struct(campaignid=STRING),
        ),
        "eventType INITIATED/QUEUED/CONNECTED_TO_AGENT/DISCONNECTED...; campaign of campaign "
        "contacts",
    ),
)


@dataclass(frozen=True)
class EventSource:
    """One event source: its partition value (``source=<name>`` under ``events/``), its
    default table name and its columns."""

    name: str
    table_name: str
    description: str
    columns: tuple[tuple[str, HiveType, str], ...]
    #: JSON keys read into columns of another name (OpenX JSON SerDe ``mapping.<column>``).
    mappings: tuple[tuple[str, str], ...] = ()

    @property
    def struct(self) -> Struct:
        return Struct(tuple((name, column_type) for name, column_type, _ in self.columns))

    def unmapped_fields(self, event: Mapping[str, Any]) -> list[str]:
        """The fields of ``event`` that no column covers (or whose JSON type doesn't fit)."""
        keys = {key: column for column, key in self.mappings}
        renamed = {keys.get(key, key): value for key, value in dict(event).items()}
        return list(self.struct.unmapped(renamed, ""))


SES_SOURCE: Final = EventSource(
    "ses", "ses_events", "Amazon SES email events (configuration-set event publishing)", SES_COLUMNS
)
SMS_VOICE_SOURCE: Final = EventSource(
    "sms_voice",
    "sms_voice_events",
    "AWS End User Messaging SMS, MMS and voice events (configuration-set event destinations)",
    SMS_VOICE_COLUMNS,
)
CONNECT_SOURCE: Final = EventSource(
    "connect",
    "connect_contact_events",
    "Amazon Connect contact events (EventBridge), outbound campaign contacts included",
    CONNECT_COLUMNS,
    mappings=(("detail_type", "detail-type"),),
)
EVENT_SOURCES: Final = (SES_SOURCE, SMS_VOICE_SOURCE, CONNECT_SOURCE)

#: Firehose's jq (1.6) expression for the sources stream's partition keys: ``source`` from the
#: record's shape (an SES record has ``mail``; a Connect contact event's ``source`` is
#: ``aws.connect``; an SMS/voice record's ``eventType`` starts with ``TEXT_``, ``VOICE_``,
#: ``MEDIA_`` or ``RCS_``; anything else is ``other``, kept, not dropped) and ``dt``, the UTC
#: day the message was sent: SES ``mail.timestamp`` (ISO 8601), the Connect event's ``time``,
#: SMS/voice ``messageRequestTimestamp`` (or ``eventTimestamp``; Unix ms). A message's events
#: share its send day's partition, so a query over a window of days sees each message whole. A
#: record without a time fails partitioning and goes to the error prefix, unchanged.
SOURCES_PARTITION_QUERY: Final = (
    '{source: (if (.mail | type) == "object" then "ses" '
    'elif .source == "aws.connect" then "connect" '
    'elif ((.eventType | type) == "string" and ((.eventType | startswith("TEXT_")) '
    'or (.eventType | startswith("VOICE_")) or (.eventType | startswith("MEDIA_")) '
    'or (.eventType | startswith("RCS_")))) then "sms_voice" else "other" end), '
    'dt: (if (.mail | type) == "object" then .mail.timestamp[0:10] '
    'elif .source == "aws.connect" then .time[0:10] '
    "else ((.messageRequestTimestamp // .eventTimestamp) / 1000 | floor "
    '| strftime("%Y-%m-%d")) end)}'
)


def leaf_paths(column_type: HiveType, path: str) -> Iterator[str]:
    """Every leaf path a type declares (``bounce.bouncedrecipients[].diagnosticcode``)."""
    if isinstance(column_type, Struct):
        for name, child in column_type.fields:
            yield from leaf_paths(child, f"{path}.{name}" if path else name)
    elif isinstance(column_type, Array):
        yield from leaf_paths(column_type.item, f"{path}[]")
    else:
        yield path


def value_paths(value: Any, path: str) -> Iterator[str]:
    """Every leaf path of a decoded JSON value, keys lower-cased as the SerDe reads them; map
    keys (and an empty object, a map with no entries) end the path."""
    if isinstance(value, dict) and value and not _is_map_path(path):
        for key, item in value.items():
            yield from value_paths(item, f"{path}.{key.lower()}" if path else key.lower())
    elif isinstance(value, list):
        for item in value:
            yield from value_paths(item, f"{path}[]")
    else:
        yield path


# Paths whose value is a map (its keys are data, not fields).
_MAP_PATHS: Final = frozenset({"mail.tags", "click.linktags", "send", "context"})


def _is_map_path(path: str) -> bool:
    return path in _MAP_PATHS


__all__ = [
    "CONNECT_COLUMNS",
    "CONNECT_SOURCE",
    "EVENT_SOURCES",
    "SES_COLUMNS",
    "SES_SOURCE",
    "SMS_VOICE_COLUMNS",
    "SMS_VOICE_SOURCE",
    "SOURCES_PARTITION_QUERY",
    "EventSource",
    "leaf_paths",
    "value_paths",
]
