"""Amazon Q in Connect message templates: the successor of Pinpoint's message templates."""
