"""The engagement metrics handler: sample events in, EMF documents out."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from engagement_metrics import index
from engagement_metrics.classify import FAILURE_REASONS, failure_reason
from engagement_metrics.logic import Config, count_records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"
APP_ID = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"
CONFIG = Config(APP_ID, "Test/Engagement")
CAMPAIGN = "52dc44b35c4742c98c5935269example"
JOURNEY = "546401670c5547b08811ac6a9example"


def fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def record(payload: dict[str, Any] | bytes, sequence_number: str = "1") -> dict[str, Any]:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return {"kinesis": {"sequenceNumber": sequence_number, "data": base64.b64encode(raw).decode()}}


def by_dimensions(documents: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
    result = {}
    for doc in documents:
        (directive,) = doc["_aws"]["CloudWatchMetrics"]
        key = tuple(tuple(s) for s in directive["Dimensions"])
        result[key] = doc
    return result


def test_counts_per_project_campaign_and_journey_in_emf():
    records = [
        record(fixture(name), str(i))
        for i, name in enumerate(
            ["email_send", "email_open", "email_click", "email_softbounce", "journey_send"]
        )
    ]
    result = count_records(records, CONFIG, timestamp_ms=1_700_000_000_000)
    docs = by_dimensions(result.documents)
    campaign = docs[(("ApplicationId",), ("ApplicationId", "CampaignId"))]
    assert campaign["CampaignId"] == CAMPAIGN
    assert (campaign["EmailSends"], campaign["EmailOpens"], campaign["EmailClicks"]) == (1, 1, 1)
    assert campaign["_aws"]["Timestamp"] == 1_700_000_000_000
    assert campaign["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Test/Engagement"
    assert {m["Unit"] for m in campaign["_aws"]["CloudWatchMetrics"][0]["Metrics"]} == {"Count"}
    journey = docs[(("ApplicationId",), ("ApplicationId", "JourneyId"))]
    assert journey["JourneyId"] == JOURNEY
    assert (journey["EmailSoftBounces"], journey["JourneySends"]) == (1, 1)
    failures = docs[(("ApplicationId", "FailureReason"),)]
    assert failures["FailureReason"] == "Bounce/Transient/MailboxFull" and failures["Failures"] == 1
    assert result.summary() == {
        "records": 5,
        "malformed": 0,
        "other_application": 0,
        "counted": 5,
        "failures": 1,
    }


def test_per_campaign_off_publishes_project_totals_only():
    config = Config(APP_ID, "Test/Engagement", per_campaign=False, per_journey=False)
    result = count_records([record(fixture("email_open"))], config, timestamp_ms=0)
    (doc,) = result.documents
    assert doc["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["ApplicationId"]]
    assert "CampaignId" not in doc


def test_malformed_and_foreign_records_are_counted_not_failed():
    foreign = fixture("email_open")
    foreign["application"]["app_id"] = "another"
    records = [
        record(b"not json", "1"),
        record({"no": "type"}, "2"),
        record(foreign, "3"),
        {"x": 1},
        record(b"[" * 100_000, "4"),  # nested deeper than the recursion limit
    ]
    result = count_records(records, CONFIG, timestamp_ms=0)
    assert result.documents == []
    assert result.summary()["malformed"] == 4 and result.summary()["other_application"] == 1


@pytest.mark.parametrize("value", [["UNREACHABLE"], {"status": "UNREACHABLE"}, 7])
def test_a_field_of_another_type_is_classified_as_other_not_an_error(value):
    """Another producer on the stream may write lists or objects where Pinpoint writes strings:
    such an event counts under the Other reason, it doesn't fail the batch."""
    sms = fixture("sms_failure")
    sms["attributes"]["record_status"] = value
    bounce = fixture("email_hardbounce")
    bounce["facets"]["email_channel"]["mail_event"]["bounce"]["bounce_type"] = value
    assert failure_reason(sms) == "Sms/Other"
    assert failure_reason(bounce) == "Bounce/Other"
    result = count_records([record(sms, "1"), record(bounce, "2")], CONFIG, timestamp_ms=0)
    reasons = {doc.get("FailureReason") for doc in result.documents} - {None}
    assert reasons == {"Sms/Other", "Bounce/Other"}


def test_free_text_never_becomes_a_dimension():
    event = fixture("sms_failure")
    event["attributes"]["record_status"] = "something the carrier said"
    event["attributes"]["campaign_id"] = "a campaign id with spaces"
    assert failure_reason(event) == "Sms/Other"
    result = count_records([record(event)], CONFIG, timestamp_ms=0)
    values = {v for doc in result.documents for k, v in doc.items() if k.endswith(("Id", "Reason"))}
    assert values == {APP_ID, "Sms/Other"}


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.json")))
def test_every_failure_reason_is_in_the_closed_set(name):
    reason = failure_reason(fixture(name))
    assert reason is None or reason in FAILURE_REASONS


def test_config_from_env_and_its_errors():
    env = {"APPLICATION_ID": "a", "METRICS_NAMESPACE": "n", "PER_JOURNEY": "false"}
    assert Config.from_env(env) == Config("a", "n", True, False)
    with pytest.raises(ValueError, match="METRICS_NAMESPACE must be set, got ''"):
        Config.from_env({"APPLICATION_ID": "a"})
    with pytest.raises(ValueError, match="PER_CAMPAIGN must be true or false, got 'yes'"):
        Config.from_env({**env, "PER_CAMPAIGN": "yes"})


def test_handler_prints_one_emf_line_per_document_and_a_summary(monkeypatch, capsys):
    monkeypatch.setenv("APPLICATION_ID", APP_ID)
    monkeypatch.setenv("METRICS_NAMESPACE", "Test/Engagement")
    response = index.handler({"Records": [record(fixture("email_hardbounce"))]}, None)
    assert response == {"batchItemFailures": []}
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [("_aws" in line) for line in lines] == [True, True, False]
    assert lines[-1]["summary"] == "engagement_metrics" and lines[-1]["counted"] == 1
