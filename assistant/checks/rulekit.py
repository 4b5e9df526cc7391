"""Helpers for writing rules: run a compiled pattern, keep the matches a predicate accepts, make findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.checks.base import Finding, Severity
from assistant.checks.lexicon import HUMAN_VERBS
from assistant.checks.subjects import subject_kind
from assistant.checks.text import WORD_RE, make, mask_quotes

Predicate = Callable[[str, re.Match[str]], bool]


def matches(pattern: re.Pattern[str], text: str, keep: Predicate | None = None) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text`` with inline code and URLs blanked out, filtered by ``keep``."""
    masked = mask_quotes(text)
    return [m for m in pattern.finditer(masked) if keep is None or keep(masked, m)]


def to_findings(
    found: Iterable[re.Match[str]],
    text: str,
    rule: str,
    severity: Severity,
    *,
    message: str,
    fix: str,
) -> list[Finding]:
    """One finding per match. ``message`` may contain ``{span}``, replaced by the matched text."""
    out = []
    for m in found:
        out.append(make(rule, severity, text, m.start(), m.end(), message=message.format(span=m.group(0)), fix=fix))
    return out


def about_person(text: str, m: re.Match[str], *, allow_after: bool = False) -> bool:
    """The match is said about a person: "you", "he", "Sam", "the new hire", or "they" followed by a human verb."""
    kind = subject_kind(text, m.start(), allow_after=allow_after)
    if kind == "person":
        return True
    return kind == "they" and next_word(text, m.end()) in HUMAN_VERBS


def next_word(text: str, pos: int, skip: frozenset[str] = frozenset({"not", "just", "even", "really"})) -> str:
    for w in WORD_RE.finditer(text, pos):
        low = w.group(0).lower()
        if low not in skip:
            return low
    return ""


def negated_before(text: str, pos: int, window: int = 30) -> bool:
    """A negation shortly before ``pos`` in the same sentence ("not about blame", "no blame")."""
    before = re.split(r"[.!?\n]", text[max(0, pos - window) : pos])[-1]
    return bool(re.search(r"\b(?:no|not|without|never|nor|nobody|none)\b|\bno\s+one\b|n't\b", before, re.IGNORECASE))
