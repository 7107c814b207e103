"""The template-rendering custom channel: renders Pinpoint templates per endpoint and sends
them through SES v2 (email) and AWS End User Messaging (SMS)."""
