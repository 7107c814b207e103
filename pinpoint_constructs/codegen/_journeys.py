"""Journeys."""


def journey(g, item):
    raise NotImplementedError
