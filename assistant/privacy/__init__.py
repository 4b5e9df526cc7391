"""Pseudonymisation before text goes to a model that is not on this machine (docs/privacy.md).

People (the team's roster and other names), emails, phone numbers, URLs carrying a secret and employee ids become
placeholders ("Person_1", "Email_1") that stay the same for the whole conversation, and the reply gets the originals
back. The gateway applies it when ``Settings.privacy_applies``; the service says what a run hid.
"""

from assistant.privacy.detect import Detector
from assistant.privacy.mapping import PLACEHOLDER, Pseudonymiser, StreamRestorer
from assistant.privacy.run import Hidden, Shield, current, shielded
from assistant.privacy.spans import KINDS, EntityKind, Span

__all__ = [
    "KINDS",
    "PLACEHOLDER",
    "Detector",
    "EntityKind",
    "Hidden",
    "Pseudonymiser",
    "Shield",
    "Span",
    "StreamRestorer",
    "current",
    "shielded",
]
