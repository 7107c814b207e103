"""Imported (static) segment: a Pinpoint import job that defines a segment from an S3 file."""
