"""The judging parts of a note: clauses that carry a label, blame, sarcasm, shouting, an absolute or a guess at
intent. They are never used as facts (a time or place inside them is), and no five-word run of them may reach the
message: seen, "Their API broke our checkout AGAIN and nobody told us" was pasted into the behaviour whole."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.checks import run_checks
from assistant.checks.base import Finding, Severity, Span
from assistant.checks.text import word_runs

JUDGING_RULES = frozenset(
    {"tone.label", "tone.blame", "tone.sarcasm", "tone.absolute", "tone.shouting", "tone.intent", "tone.exaggeration",
     "tone.fixed_mindset", "tone.hedge", "tone.defensive"}
)  # fmt: skip
RUN = 5


# Guesses about how someone felt or why ("she was probably exhausted", "I get that weekends are rough"): the lead's
# reading, not something seen; the catalogue's intent rule only knows motives.
_SPECULATION = re.compile(
    r"\b(?:probably|must\s+have\s+been|i\s+guess|i\s+get\s+that|i\s+bet|i\s+assume|i\s+suspect|seems?\s+like|"
    r"imo|imho|tbh)\b",
    re.IGNORECASE,
)


# Judgements of the whole clause: nothing in it is a fact. Other rules flag a phrase ("AGAIN", "for the third time")
# that can be taken out, leaving the action the lead saw.
WHOLE_CLAUSE = frozenset({"tone.label", "tone.intent", "tone.blame", "tone.defensive", "tone.fixed_mindset"})
_TRAILING = re.compile(r"^\s*(?:in\s+a\s+row|running|again|now)\b", re.IGNORECASE)
_THEIRS = re.compile(r"\b(?:you|your|he|she|his)\b", re.IGNORECASE)


def strip_judgement(clause: str) -> tuple[str | None, list[str]]:
    """(what is left of the clause as a fact, or None; the judging words taken out). A clause keeps its fact when
    only phrases judge ("This week you moved our 1:1 for the third time in a row" -> "This week you moved our 1:1")
    and it still says what the person did; a label, a guessed motive or blame drops the whole clause."""
    findings = [f for f in run_checks(clause, "note") if f.rule in JUDGING_RULES | WHOLE_CLAUSE and f.span]
    speculation = _SPECULATION.search(clause)
    if speculation or any(f.rule in WHOLE_CLAUSE for f in findings):
        return None, [clause]
    kept, removed = clause, []
    for span in sorted((f.span for f in findings if f.span), key=lambda sp: -sp.start):
        end = span.end + (m.end() if (m := _TRAILING.match(clause[span.end :])) else 0)
        removed.append(clause[span.start : end])
        kept = kept[: span.start] + kept[end:]
    kept = re.sub(r"\s{2,}", " ", kept).strip(" ,;")
    if len(kept.split()) >= 4 and _THEIRS.search(kept):
        return kept, removed
    return None, [clause]


def judging_rules(clause: str) -> set[str]:
    found = {f.rule for f in run_checks(clause, "note") if f.rule in JUDGING_RULES}
    return found | ({"speculation"} if _SPECULATION.search(clause) else set())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    return word_runs(text, n)


def copied_judgement(parts: dict[str, str], judging: Sequence[str], stated: Iterable[str]) -> list[Finding]:
    """A part holding five words in a row from a judging clause of the note. Runs the lead also gave as plain facts
    (known facts, answers) are theirs to use."""
    allowed = set().union(*(runs(text) for text in stated))
    bad = set().union(*(runs(text) for text in judging)) - allowed
    found = []
    for field, text in parts.items():
        shared = runs(text) & bad
        if shared:
            words = " ".join(sorted(shared)[0])
            found.append(
                Finding(
                    rule="sbi.copied_judgement",
                    severity=Severity.ERROR,
                    span=Span(start=0, end=len(text), text=text, field=field),
                    message=f'"{words}" is copied from the judging part of your note.',
                    fix="Say what happened from the facts, in new words, without the judgement.",
                )
            )
    return found


def shouting(text: str) -> str:
    """Capitals used for emphasis put back in ordinary case ("AGAIN" -> "again"), acronyms kept."""
    spans = [f.span for f in run_checks(text, "note") if f.rule == "tone.shouting" and f.span]
    for span in sorted(spans, key=lambda s: -s.start):
        text = text[: span.start] + span.text.lower() + text[span.end :]
    return text
