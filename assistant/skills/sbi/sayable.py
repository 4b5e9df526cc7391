"""Checks on what a listener notices, beyond the rule catalogue: who is addressed, words lifted from the note's
judgement or from private facts, and length. All of them feed the revise loop, and an error left on the final draft
keeps the result from being called ready."""

from __future__ import annotations

import re

from assistant.checks.base import Finding, Severity, Span
from assistant.skills.private import private_lines
from assistant.skills.sbi.facts import Analysis
from assistant.skills.sbi.judgement import copied_judgement, runs
from assistant.skills.sbi.models import SBIRequest
from assistant.skills.sbi.person import third_person

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


def distinct_request(request: str, alternative: str, parts: dict[str, str], *, positive: bool = False) -> str:
    """The model's request, or its other wording when only that one says something new: of two wordings of the same
    ask, the one that does not restate what happened (the fewest copied runs; the first on a tie). A request that
    still restates a trailing phrase of what happened loses that phrase (``trim_copied``). Praise whose request can
    only say the behaviour again asks to keep it up in a few words: the behaviour was just said."""
    if not alternative.strip() or not request.strip():
        chosen = trim_copied(request or alternative, parts)
    else:
        chosen = trim_copied(min((request, alternative), key=lambda text: len(_copied(text, parts))), parts)
    if positive and _copied(chosen, parts):
        return KEEP_IT_UP
    return chosen


# Praise's request when the model's only repeats the behaviour (seen: "Please keep the backfill throttled to 5,000
# rows per second and move..." right after the same words).
KEEP_IT_UP = "Please keep doing it this way; it is exactly what the team needs."


# Where a phrase that only says where, when or what about begins: "the load test | before the release".
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "from", "with", "before", "after", "during", "for", "to", "into", "about", "of", "by"}
)
# What may follow the cut phrase and still read: the end, a new clause, or another phrase of time or place.
_CLAUSE = frozenset({"and", "so", "but", "if", "when", "because", "then", "every", "each", "within"} | _PREPOSITIONS)


def trim_copied(request: str, parts: dict[str, str]) -> str:
    """ "Next time, please run the load test before the release." after "You skipped the load test before the
    release." is a change said in the behaviour's words: drop the copied phrase from its first preposition to the end
    of the copied words ("Next time, please run the load test."), when that leaves at least three words of the ask
    and the copy ends the sentence or a clause. Otherwise, or when words would still be copied, the request is kept as
    it is (the check then sends it back to the model)."""
    copied = _copied(request, parts)
    if not copied:
        return request
    tokens = list(re.finditer(r"[A-Za-z0-9']+", request))
    lowered = [t.group().lower() for t in tokens]
    covered = [False] * len(tokens)
    for start in range(len(tokens) - 5):
        if tuple(lowered[start : start + 6]) in copied:
            covered[start : start + 6] = [True] * 6
    end = max(i for i, inside in enumerate(covered) if inside)
    start = end
    while start > 0 and covered[start - 1]:
        start -= 1
    after = request[tokens[end].end() :]
    if end + 1 < len(tokens) and lowered[end + 1] not in _CLAUSE and not re.match(r"\s*[,;.]", after):
        return request
    cut = next((i for i in range(start + 1, end + 1) if lowered[i] in _PREPOSITIONS and i >= 3), None)
    if cut is None:
        return request
    trimmed = (request[: tokens[cut - 1].end()] + request[tokens[end].end() :]).strip()
    return request if _copied(trimmed, parts) else trimmed


def reader_checks(parts: dict[str, str], message: str, request: SBIRequest, analysis: Analysis) -> list[Finding]:
    stated = [*request.known_facts, request.ask]
    return [
        *third_person(parts, request.name),
        *copied_judgement(parts, analysis.judging, stated),
        *private_lines(message, analysis.withheld),
        *too_long(parts),
        *request_copies(parts),
    ]
