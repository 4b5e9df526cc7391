"""Tech Lead Coach: an offline coaching assistant for engineering tech leads."""

__version__ = "0.1.0"
