"""The command lines: ``python -m pinpoint_constructs.cli.preview`` renders a template against
a sample endpoint or profile; ``python -m pinpoint_constructs.cli.report`` turns exported
engagement events into an offline HTML report. Neither needs aws-cdk-lib at run time."""
