"""What to do with a fact the model still invented after its revisions (the facts check's ``facts.invented``
findings): the sentence or item that holds it is left out of what the lead sees, and the words are listed instead.
Shared by the drafting skills whose output a lead sends on (status updates, ADRs)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.checks.base import Finding

_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


def invented_words(found: Sequence[Finding]) -> list[str]:
    return sorted({f.span.text for f in found if f.rule == "facts.invented" and f.span and f.span.text})


def holds(text: str, words: Sequence[str]) -> bool:
    """``text`` names one of ``words`` as a word of its own ("12" is not in "2026-12-04")."""
    return any(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) for word in words)


def clean_sentences(text: str, words: Sequence[str]) -> str:
    """``text`` without the sentences that name one of ``words``."""
    return " ".join(s for s in _SENTENCES.split(" ".join(text.split())) if not holds(s, words))


def left_out(words: Sequence[str]) -> str:
    return f"Left out what the notes do not hold: {', '.join(words)}."
