"""Lambda handler of the webhook custom channel.

Forwards Pinpoint custom-channel invocations to an HTTPS webhook, one POST per endpoint.
"""
