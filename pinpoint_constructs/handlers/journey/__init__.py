"""Custom resource for a Pinpoint journey (CloudFormation has no journey resource)."""
