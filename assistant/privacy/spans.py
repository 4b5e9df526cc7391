"""What the detectors return: a span of the text, its kind, and the key that says which entity it is.

The key is what makes placeholders stable: "Tomás", "tomas" and "Tomás Herrera" share the key of the roster entry,
so they all become the same ``Person_N``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

EntityKind = Literal["person", "email", "phone", "url_token", "employee_id"]
KINDS: tuple[EntityKind, ...] = ("person", "email", "phone", "url_token", "employee_id")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: EntityKind
    key: str  # the entity's identity: equal keys get the same placeholder

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def fold_char(char: str) -> str:
    """One character lower-cased without its accents ("É" -> "e"); combining marks fold to nothing."""
    if unicodedata.combining(char):
        return ""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.lower()


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


class Folded:
    """The text folded for matching, with a map back to the original's offsets, so a match found in "tomas" hides
    exactly the original "Tomás" (whatever its Unicode form)."""

    def __init__(self, text: str) -> None:
        self.source = text
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            for part in fold_char(char):
                chars.append(part)
                origin.append(index)
        self.text = "".join(chars)
        self._origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded ``[start, end)``, with any combining marks after it."""
        first = self._origin[start]
        last = self._origin[end - 1] + 1
        while last < len(self.source) and unicodedata.combining(self.source[last]):
            last += 1
        return first, last


def resolve(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, in text order. Structured kinds win over names (the "ravi.menon" inside an email is
    part of the email), and a longer span wins over a shorter one of the same rank."""
    rank = {"email": 0, "url_token": 0, "employee_id": 1, "phone": 1, "person": 2}
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (rank[s.kind], -(s.end - s.start), s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)
