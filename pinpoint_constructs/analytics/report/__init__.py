"""The offline engagement report: every event source (Pinpoint, SES, AWS End User Messaging,
Amazon Connect) read from a folder of ``.jsonl``/``.gz`` files into one HTML page with
Plotly charts. ``python -m pinpoint_constructs.cli.report FOLDER -o report.html``.

Standard library plus ``plotly`` (the ``report`` extra: ``pip install
pinpoint-constructs[report]``); no aws-cdk-lib.
"""
