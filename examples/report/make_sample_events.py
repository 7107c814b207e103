"""Write a folder of sample engagement events (SES, AWS End User Messaging and Pinpoint shapes)
for the offline report: two weeks, two campaigns (one an A/B test), a journey, SMS in two
countries, and one day whose bounce rate crosses SES's 5% review line at a volume that makes
it meaningful. Deterministic (seeded), standard library only.

    python examples/report/make_sample_events.py sample-events/
    python -m pinpoint_constructs.cli.report sample-events/ -o report.html
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

START = datetime(2026, 11, 20, 9, tzinfo=UTC)
CAMPAIGNS = [
    ("c-winter-sale", "Winter sale", ["A", "B"]),
    ("c-newsletter", "December newsletter", ["-"]),
]
JOURNEY = ("j-onboarding", "Onboarding")


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def ses_events(rng: random.Random) -> list[dict]:
    events = []
    for day in range(14):
        sends = 260 if day == 9 else rng.randint(120, 180)
        for n in range(sends):
            at = START + timedelta(days=day, minutes=n)
            if n % 5 == 0:
                tags = {"journey_id": [JOURNEY[0]], "journey_name": [JOURNEY[1]]}
            else:
                campaign, name, treatments = CAMPAIGNS[n % 2]
                tags = {
                    "campaign_id": [campaign],
                    "campaign_name": [name],
                    "treatment_id": [rng.choice(treatments)],
                }
            mail = {
                "timestamp": _iso(at),
                "messageId": f"m-{day}-{n}",
                "destination": [f"user{n}@example.com"],
                "tags": tags,
            }
            events.append({"eventType": "Send", "mail": mail, "send": {}})
            bounce_odds = 0.07 if day == 9 else 0.012
            if rng.random() < bounce_odds:
                events.append(
                    {
                        "eventType": "Bounce",
                        "mail": mail,
                        "bounce": {
                            "bounceType": "Permanent",
                            "bounceSubType": "General",
                            "bouncedRecipients": [
                                {
                                    "emailAddress": mail["destination"][0],
                                    "diagnosticCode": rng.choice(
                                        [
                                            "smtp; 550 5.1.1 user unknown",
                                            "smtp; 550 5.7.1 blocked by policy",
                                        ]
                                    ),
                                }
                            ],
                        },
                    }
                )
                continue
            events.append({"eventType": "Delivery", "mail": mail, "delivery": {}})
            treatment_b = tags.get("treatment_id") == ["B"]
            if rng.random() < (0.42 if treatment_b else 0.3):
                events.append({"eventType": "Open", "mail": mail, "open": {}})
                if rng.random() < (0.25 if treatment_b else 0.15):
                    events.append({"eventType": "Click", "mail": mail, "click": {}})
            if rng.random() < 0.0008:
                events.append(
                    {
                        "eventType": "Complaint",
                        "mail": mail,
                        "complaint": {"complaintFeedbackType": "abuse"},
                    }
                )
    return events


def sms_events(rng: random.Random) -> list[dict]:
    events = []
    for n in range(400):
        at = int((START + timedelta(hours=n)).timestamp() * 1000)
        country = "US" if n % 3 else "CA"
        status = rng.choices(
            ["DELIVERED", "UNREACHABLE", "CARRIER_BLOCKED", "OPTED_OUT"], [92, 4, 3, 1]
        )[0]
        events.append(
            {
                "eventType": f"TEXT_{status}",
                "eventVersion": "1.0",
                "eventTimestamp": at + 2000,
                "isFinal": True,
                "isoCountryCode": country,
                "messageId": f"s-{n}",
                "messageRequestTimestamp": at,
                "messageStatus": status,
                "context": {"campaign_id": "c-winter-sale", "campaign_name": "Winter sale"},
                "totalMessagePrice": 0.00581,
                "totalCarrierFee": 0.003,
            }
        )
    return events


def main(folder: str) -> None:
    rng = random.Random(27)
    out = Path(folder)
    (out / "ses").mkdir(parents=True, exist_ok=True)
    (out / "sms_voice").mkdir(parents=True, exist_ok=True)
    ses = ses_events(rng)
    with gzip.open(out / "ses" / "part-0001.gz", "wt", encoding="utf-8") as stream:
        stream.writelines(json.dumps(e) + "\n" for e in ses)
    sms = sms_events(rng)
    (out / "sms_voice" / "part-0001.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in sms) + "{truncated by a failed upload\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sample-events")
