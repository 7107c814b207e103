"""Journeys on Amazon Connect: :class:`ConnectJourney` and its steps (the flow of a
``JOURNEY`` campaign). Public names are listed in ``__init__.pyi`` and imported on first use."""

from ..._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
