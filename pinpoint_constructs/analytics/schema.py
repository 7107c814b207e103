"""The Pinpoint event schema as Glue (Hive) column types. Standard library only.

One archived event is one JSON object as Pinpoint writes it to the event stream. The columns
cover the envelope every event shares and the parts the analytics queries read:

- ``event_type``, ``event_timestamp``, ``arrival_timestamp``, ``event_version``;
- ``application``, ``client``, ``client_context``, ``device``, ``session`` (the app, endpoint and
  device the event concerns);
- ``attributes`` (a string map: ``campaign_id``, ``campaign_activity_id``, ``treatment_id``,
  ``journey_id``, ``journey_activity_id``, ``journey_run_id``, SMS ``record_status``,
  ``message_id``, ...) and ``metrics`` (a number map: ``price_in_millicents_usd``, ...);
- ``awsaccountid`` (``awsAccountId``: Athena column names are lower case and the OpenX JSON SerDe
  matches keys case-insensitively);
- ``facets.email_channel.mail_event``: the SES-derived email event (``mail`` with its headers,
  and one of ``send``, ``delivery``, ``bounce``, ``complaint``, ``open``, ``click``, ``reject``,
  ``rendering_failure``, ``unsubscribe``).

Sources: the Amazon Pinpoint developer guide, "Email event data stream", "SMS event data
stream", "Campaign events", "Journey events" and "App events" (field names and sample events);
the SES developer guide, "Contents of event data" (the bounce, complaint, delivery, open and
click objects Pinpoint reports in snake case). Objects whose members the documentation leaves
open (``send``, ``unsubscribe``, ``client_context.custom``) are string maps, so whatever Pinpoint
puts there stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# ---- types -------------------------------------------------------------------------------


class HiveType:
    """A Glue/Hive column type: renders as its type string and checks JSON values against it."""

    def type_string(self) -> str:
        raise NotImplementedError

    def unmapped(self, value: Any, path: str) -> Iterator[str]:
        """The paths in ``value`` (a decoded JSON value) that this type does not declare or
        whose JSON type does not fit."""
        raise NotImplementedError


@dataclass(frozen=True)
class Primitive(HiveType):
    name: str

    def type_string(self) -> str:
        return self.name

    def unmapped(self, value: Any, path: str) -> Iterator[str]:
        if value is None:
            return
        fits = {
            "string": isinstance(value, str),
            "bigint": isinstance(value, int) and not isinstance(value, bool),
            "double": isinstance(value, int | float) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
        }[self.name]
        if not fits:
            yield f"{path} ({type(value).__name__} is not {self.name})"


@dataclass(frozen=True)
class Array(HiveType):
    item: HiveType

    def type_string(self) -> str:
        return f"array<{self.item.type_string()}>"

    def unmapped(self, value: Any, path: str) -> Iterator[str]:
        if value is None:
            return
        if not isinstance(value, list):
            yield f"{path} ({type(value).__name__} is not an array)"
            return
        for index, item in enumerate(value):
            yield from self.item.unmapped(item, f"{path}[{index}]")


@dataclass(frozen=True)
class Map(HiveType):
    value: HiveType

    def type_string(self) -> str:
        return f"map<string,{self.value.type_string()}>"

    def unmapped(self, value: Any, path: str) -> Iterator[str]:
        if value is None:
            return
        if not isinstance(value, dict):
            yield f"{path} ({type(value).__name__} is not an object)"
            return
        for key, item in value.items():
            yield from self.value.unmapped(item, f"{path}[{key!r}]")


@dataclass(frozen=True)
class Struct(HiveType):
    fields: tuple[tuple[str, HiveType], ...]

    def type_string(self) -> str:
        return "struct<" + ",".join(f"{n}:{t.type_string()}" for n, t in self.fields) + ">"

    def field(self, name: str) -> HiveType | None:
        """The type of field ``name`` (matched case-insensitively, as the JSON SerDe does)."""
        for field_name, field_type in self.fields:
            if field_name == name.lower():
                return field_type
        return None

    def unmapped(self, value: Any, path: str) -> Iterator[str]:
        if value is None:
            return
        if not isinstance(value, dict):
            yield f"{path} ({type(value).__name__} is not an object)"
            return
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            field_type = self.field(key)
            if field_type is None:
                yield f"{child} (not declared)"
            else:
                yield from field_type.unmapped(item, child)


def struct(**fields: HiveType) -> Struct:
    return Struct(tuple(fields.items()))


STRING = Primitive("string")
BIGINT = Primitive("bigint")
DOUBLE = Primitive("double")
BOOLEAN = Primitive("boolean")
STRING_MAP = Map(STRING)

# ---- the event ---------------------------------------------------------------------------

_RECIPIENTS = Array(
    struct(email_address=STRING, action=STRING, status=STRING, diagnostic_code=STRING)
)

MAIL_EVENT = struct(
    mail=struct(
        message_id=STRING,
        message_send_timestamp=BIGINT,
        from_address=STRING,
        destination=Array(STRING),
        headers_truncated=BOOLEAN,
        headers=Array(struct(name=STRING, value=STRING)),
        common_headers=struct(
            **{"from": STRING},
            to=Array(STRING),
            subject=STRING,
            message_id=STRING,
            date=STRING,
        ),
    ),
    send=STRING_MAP,
    delivery=struct(
        smtp_response=STRING,
        reporting_mta=STRING,
        recipients=Array(STRING),
        processing_time_millis=BIGINT,
        timestamp=BIGINT,
    ),
    bounce=struct(
        bounce_type=STRING,
        bounce_sub_type=STRING,
        bounced_recipients=_RECIPIENTS,
        timestamp=BIGINT,
        feedback_id=STRING,
        reporting_mta=STRING,
    ),
    complaint=struct(
        complained_recipients=Array(struct(email_address=STRING)),
        timestamp=BIGINT,
        feedback_id=STRING,
        complaint_feedback_type=STRING,
        complaint_sub_type=STRING,
        user_agent=STRING,
        arrival_date=STRING,
    ),
    open=struct(timestamp=BIGINT, user_agent=STRING, ip_address=STRING),
    click=struct(timestamp=BIGINT, user_agent=STRING, ip_address=STRING, link=STRING),
    reject=struct(reason=STRING),
    rendering_failure=struct(error_message=STRING, template_name=STRING),
    unsubscribe=STRING_MAP,
)

#: The table's columns, in order: (name, type, comment).
EVENT_COLUMNS: tuple[tuple[str, HiveType, str], ...] = (
    ("event_type", STRING, "e.g. _email.delivered, _SMS.SUCCESS, _journey.send"),
    ("event_timestamp", BIGINT, "when the event was reported, Unix time in milliseconds"),
    ("arrival_timestamp", BIGINT, "when Pinpoint received it, Unix time in milliseconds"),
    ("event_version", STRING, "version of the event JSON schema"),
    (
        "application",
        struct(
            app_id=STRING,
            cognito_identity_pool_id=STRING,
            package_name=STRING,
            sdk=struct(name=STRING, version=STRING),
            title=STRING,
            version_name=STRING,
            version_code=STRING,
        ),
        "the project (app_id)",
    ),
    ("client", struct(client_id=STRING, cognito_id=STRING), "client_id is the endpoint id"),
    ("client_context", struct(custom=STRING_MAP), "custom.endpoint: the endpoint as JSON"),
    (
        "device",
        struct(
            locale=struct(code=STRING, country=STRING, language=STRING),
            make=STRING,
            model=STRING,
            platform=struct(name=STRING, version=STRING),
        ),
        "the device of app events",
    ),
    (
        "session",
        struct(session_id=STRING, start_timestamp=BIGINT, stop_timestamp=BIGINT),
        "the app session of app events",
    ),
    (
        "attributes",
        STRING_MAP,
        "campaign_id, journey_id, journey_activity_id, treatment_id, record_status, ...",
    ),
    ("metrics", Map(DOUBLE), "e.g. price_in_millicents_usd"),
    ("awsaccountid", STRING, "the account (awsAccountId)"),
    (
        "facets",
        struct(email_channel=struct(mail_event=MAIL_EVENT)),
        "email events: facets.email_channel.mail_event",
    ),
)

#: The partition column: the event's UTC date, ``yyyy-MM-dd``.
PARTITION_COLUMN = "dt"

EVENT_STRUCT = Struct(tuple((name, column_type) for name, column_type, _ in EVENT_COLUMNS))


def unmapped_fields(event: Mapping[str, Any]) -> list[str]:
    """The fields of ``event`` (one decoded Pinpoint event) that no declared column covers, with
    why; empty when every field maps to a column of the right type."""
    return list(EVENT_STRUCT.unmapped(dict(event), ""))
