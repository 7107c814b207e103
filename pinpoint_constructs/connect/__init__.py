"""Amazon Connect constructs: the Connect instance pieces, Amazon Q in Connect message
templates (``message_templates``), outbound campaigns and journeys, the services that carry a
Pinpoint engagement program after Pinpoint's end of support."""
