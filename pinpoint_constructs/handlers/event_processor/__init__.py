"""Engagement event processor: opts endpoints out on hard bounces, complaints and opt-outs."""
