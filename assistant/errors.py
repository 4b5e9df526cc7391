"""The small error hierarchy. The CLI and UI turn these into readable messages.

Every error carries a ``hint``: the one thing the user can do next. Library code raises these and never prints.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base class for every error the user may see."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class ConfigError(CoachError):
    """Settings are missing or invalid."""


class InputError(CoachError):
    """The user's input cannot be processed (empty, too large, unreadable)."""


class LLMError(CoachError):
    """The model failed, timed out, or returned output that does not validate.

    ``raw`` keeps whatever the model did return so nothing is lost.
    """

    def __init__(self, message: str, *, hint: str = "", raw: str = "") -> None:
        super().__init__(message, hint=hint)
        self.raw = raw


class BrokenReply(LLMError):
    """The model answered, but twice not in the structure asked for (JSON that does not parse or validate)."""


class KnowledgeError(CoachError):
    """Indexing or searching the team's documents failed."""


class SkillError(CoachError):
    """A skill could not complete its work."""
