"""Amazon Q in Connect message templates the API has and CloudFormation lacks (push, WhatsApp)."""
