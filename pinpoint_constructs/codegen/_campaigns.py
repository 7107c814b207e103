"""Campaigns."""


def campaign(g, item):
    raise NotImplementedError
