"""Message templates for Amazon Pinpoint: constructs and Handlebars validation."""
