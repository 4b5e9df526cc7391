"""The answer as the lead reads it, put together by code: the team's guidance first (quoted, with its citation) or a
plain statement that the documents do not cover the question, then at most three numbered steps."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.graph.retrieve import NOT_INDEXED
from assistant.skills.chat.guidance import Guidance

NOT_COVERED = "Your team's documents don't cover this, so these steps are general practice."
NOT_INDEXED_LINE = (
    "Your team's documents are not indexed yet (run `coach ingest`), so these steps are general practice."
)


def opening(guidance: Guidance | None, notes: Sequence[str]) -> str:
    if guidance is not None:
        quote = guidance.quote.replace('"', "'")  # one pair of double quotes, so the quote's own quotes do not end it
        return f'Your team\'s guidance ({guidance.heading}): "{quote}" [{guidance.citation}]'
    return NOT_INDEXED_LINE if NOT_INDEXED in notes else NOT_COVERED


def _ended(step: str) -> str:
    """One full stop at the end: the model sometimes stops at a colon it meant to continue ("…why it helped:")."""
    step = step.rstrip(" :;,–-")
    return step if step.endswith((".", "?", "!")) else step + "."


def steps_text(steps: Sequence[str]) -> str:
    lines = [f"{n}. {_ended(step)}" for n, step in enumerate(steps, 1)]
    return "\n\nNext steps:\n" + "\n".join(lines) if lines else ""
