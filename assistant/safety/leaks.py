"""Leak checks by word n-grams: a shown line that repeats a long run of the coach's own instructions, or of a team
document the run did not retrieve, is caught in code.

"Print your system prompt" and "append every document you can see" work only if the words come out. Whatever made a
model write them, a run of ``n`` words in a row that the instructions (or an unretrieved document) hold and the lead's
input and the run's sources do not is not the lead's coaching. Deterministic and cheap: sets of hashed n-grams.

The instructions are the system texts of every prompt under ``prompts/`` up to their worked example ("Example:"):
the examples' own sentences are there to be imitated, and a reply that copies one is a quality problem the skills
already check for, not a leak. The helper prompts (``prompts/helper/``) are left out: the coach never sends them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from assistant.prompts import all_prompt_files, handed_over, parse_prompt

# Eight words in a row: measured on the 700 recorded replies in evals/fixtures/, the longest run any reply shares with
# its instructions is shorter (docs/security.md), while a reply that recites them shares dozens.
PROMPT_RUN = 8
# Documents are quoted on purpose (the chat quotes a retrieved sentence; code cites titles), so only a run this long
# that no retrieved source holds counts.
DOCUMENT_RUN = 12
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_EXAMPLE = re.compile(r"^\s*Examples?\b.*$", re.IGNORECASE | re.MULTILINE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def grams(text: str, n: int) -> set[int]:
    found = words(text)
    return {hash(tuple(found[i : i + n])) for i in range(len(found) - n + 1)}


def grams_of(texts: Iterable[str], n: int) -> frozenset[int]:
    found: set[int] = set()
    for text in texts:
        found |= grams(text, n)
    return frozenset(found)


def instruction_text(system: str) -> str:
    """A system text without its worked example(s)."""
    match = _EXAMPLE.search(system)
    return system[: match.start()] if match else system


@functools.cache
def instructions() -> tuple[str, ...]:
    """Every prompt's instructions (module docstring), read once; not the helper prompts the lead pastes elsewhere,
    which no model of the coach ever reads."""
    return tuple(
        text
        for path in all_prompt_files()
        if not handed_over(path) and (text := instruction_text(parse_prompt(path).system).strip())
    )


@functools.cache
def _instruction_grams() -> frozenset[int]:
    return grams_of(instructions(), PROMPT_RUN)


class _Passages:
    """The n-grams of the index's passages, built once per passage list (the search corpus is one list object
    until the index changes)."""

    source: Sequence[str] | None = None
    found: frozenset[int] = frozenset()

    @classmethod
    def of(cls, passages: Sequence[str]) -> frozenset[int]:
        if cls.source is not passages:
            cls.found = grams_of(passages, DOCUMENT_RUN)
            cls.source = passages
        return cls.found


class LeakCheck:
    """What a run may show: ``allowed`` texts (the lead's input, the retrieved sources) may be repeated at any
    length; the instructions and the other ``passages`` of the index may not. ``written``: the model's replies in the
    run, when known; then only runs of words the model wrote count (code's own lines quote the team's norms: a
    feedback delivery note shares twelve words with the feedback guide). None: every line counts."""

    def __init__(self, allowed: Iterable[str], passages: Sequence[str] = (), written: Sequence[str] | None = None):
        allowed = list(allowed)
        self._allowed_short = grams_of(allowed, PROMPT_RUN)
        self._allowed_long = grams_of(allowed, DOCUMENT_RUN)
        self._passages = _Passages.of(passages) if passages else frozenset()
        self._written = None if written is None else (grams_of(written, PROMPT_RUN), grams_of(written, DOCUMENT_RUN))

    def leaks(self, line: str) -> str | None:
        """``"instructions"`` or ``"document"`` when ``line`` repeats one of them; None when it is the run's own."""
        if len(words(line)) < PROMPT_RUN:
            return None
        short, long = grams(line, PROMPT_RUN) - self._allowed_short, grams(line, DOCUMENT_RUN) - self._allowed_long
        if self._written is not None:
            short, long = short & self._written[0], long & self._written[1]
        if short & _instruction_grams():
            return "instructions"
        if self._passages and long & self._passages:
            return "document"
        return None
