"""Checks on what a listener notices, beyond the rule catalogue: who is addressed, words lifted from the note's
judgement or from private facts, and length. All of them feed the revise loop, and an error left on the final draft
keeps the result from being called ready."""

from __future__ import annotations

from assistant.checks.base import Finding, Severity, Span
from assistant.skills.sbi.facts import Analysis
from assistant.skills.sbi.judgement import copied_judgement, runs
from assistant.skills.sbi.models import SBIRequest
from assistant.skills.sbi.person import third_person
from assistant.skills.sbi.private import private_lines

# About 60-90 words for one behaviour said aloud (half a minute); the opening question comes on top.
MAX_BODY_WORDS = 90
LENGTH_RULE = "sbi.length"
REQUEST_RULE = "sbi.request_copies"


def too_long(parts: dict[str, str]) -> list[Finding]:
    body = " ".join(parts.get(k, "") for k in ("situation", "behavior", "impact", "request"))
    count = len(body.split())
    if count <= MAX_BODY_WORDS:
        return []
    return [
        Finding(
            rule=LENGTH_RULE,
            severity=Severity.WARNING,
            span=Span(start=0, end=len(body), text=body[:80]),
            message=f"The message runs to {count} words; said aloud it should stay under about {MAX_BODY_WORDS}.",
            fix="Keep the one moment, the one action and the main effect; leave the rest out.",
        )
    ]


def request_copies(parts: dict[str, str]) -> list[Finding]:
    """A request that restates the behaviour or the impact (six words in a row) asks for nothing new: seen, "Please
    switch fraud-scorer to the v3 feature set with the planned canary step" after the same words as the behaviour."""
    request = parts.get("request", "")
    shared = _copied(request, parts)
    if not shared:
        return []
    words = " ".join(sorted(shared)[0])
    return [
        Finding(
            rule=REQUEST_RULE,
            severity=Severity.WARNING,
            span=Span(start=0, end=len(request), text=request, field="request"),
            message=f'The request repeats "{words}" from what happened instead of asking for a change.',
            fix="Ask for one thing to do differently next time, in new words.",
        )
    ]


def _copied(request: str, parts: dict[str, str]) -> set[tuple[str, ...]]:
    """The request's six-word runs that come from the behaviour or the impact."""
    return runs(request, 6) & (runs(parts.get("behavior", ""), 6) | runs(parts.get("impact", ""), 6))


def distinct_request(request: str, alternative: str, parts: dict[str, str]) -> str:
    """The model's request, or its other wording when only that one says something new: of two wordings of the same
    ask, the one that does not restate what happened (the fewest copied runs; the first on a tie)."""
    if not alternative.strip() or not request.strip():
        return request or alternative
    return min((request, alternative), key=lambda text: len(_copied(text, parts)))


def reader_checks(parts: dict[str, str], message: str, request: SBIRequest, analysis: Analysis) -> list[Finding]:
    stated = [*request.known_facts, request.ask]
    return [
        *third_person(parts, request.name),
        *copied_judgement(parts, analysis.judging, stated),
        *private_lines(message, analysis.withheld),
        *too_long(parts),
        *request_copies(parts),
    ]
