"""Custom resources for what CloudFormation can't create: voice templates, recommender model
configurations and a template's recommender."""
