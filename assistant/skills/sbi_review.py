"""Judging the note and the draft with the shared rule catalogue, and composing what the lead sees.

The same ``run_checks`` that powers `coach lint` runs on the original (to explain what was wrong with it) and on
every draft (to drive the revise turn). ``unsupported_facts`` adds the one check the catalogue cannot do alone: every
name, number and date in the draft must occur in what the lead wrote or in a retrieved document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.checks import run_checks
from assistant.checks.base import Finding, Severity
from assistant.checks.detectors import person_labels
from assistant.checks.facts import unsupported_facts
from assistant.skills.grounding import Source
from assistant.skills.sbi import SLOTS, Change, SBIDraft, SBIRequest
from assistant.skills.sbi_facts import Analysis

# Warnings worth a revise turn: the words the feedback guide tells leads to avoid. Others are reported, not chased,
# because each revise costs 5-8 s on the embedded model.
REVISE_WARNINGS = frozenset({"tone.absolute", "tone.hedge", "tone.sarcasm", "tone.blame", "tone.vague_praise"})
# Rules about the note as a whole that say nothing useful about a draft the code composed itself.
_DRAFT_IGNORED = frozenset({"tone.sandwich", "readability.hard", "tone.sentiment"})


def check_original(request: SBIRequest) -> list[Finding]:
    return run_checks(request.raw, "feedback")


def to_change(finding: Finding) -> Change:
    span = finding.span
    return Change(
        rule=finding.rule,
        severity=finding.severity.value,
        text=span.text if span else "",
        field=span.field if span else None,
        start=span.start if span else None,
        end=span.end if span else None,
        why=finding.message,
        fix=finding.fix,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def compose(parts: dict[str, str], question: str) -> str:
    """The message ready to say: "<situation>, <behaviour>. <impact> <request> <question>"."""
    situation = parts.get("situation", "").strip()
    behavior = parts.get("behavior", "").strip()
    if situation and behavior and situation[-1] not in ".!?":
        lowered = behavior[0].lower() + behavior[1:] if re.match(r"(?:You|Your)\b", behavior) else behavior
        opening = f"{situation.rstrip(',')}, {lowered}"
    else:
        opening = " ".join(p for p in (situation, behavior) if p)
    rest = [parts.get("impact", ""), parts.get("request", ""), question]
    return " ".join(_sentence(p) for p in (opening, *rest) if p.strip())


def allowed_sources(request: SBIRequest, analysis: Analysis, sources: Sequence[Source]) -> list[str]:
    """The texts a draft may take names, numbers and dates from: the lead's words, the answers, the documents."""
    who = [request.recipient.name, request.recipient.role] if request.recipient else []
    return [request.raw, *analysis.facts, *request.known_facts, *who, *(s.text for s in sources)]


def carried_labels(analysis: Analysis, message: str) -> list[Finding]:
    """A label from the note that survived into the draft, even where the catalogue's grammar misses it."""
    found = []
    for label in analysis.labels:
        word = label.split()[-1]
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", message, re.IGNORECASE):
            found.append(
                Finding(
                    rule="sbi.carried_label",
                    severity=Severity.ERROR,
                    span={"start": match.start(), "end": match.end(), "text": match.group(0)},  # type: ignore[arg-type]
                    message=f"'{match.group(0)}' is the label from your note; it judges the person.",
                    fix="Replace it with what they did, from the facts.",
                )
            )
    return found


def check_draft(draft: SBIDraft, request: SBIRequest, analysis: Analysis, sources: Sequence[Source]) -> list[Finding]:
    parts = draft.parts()
    message = compose(parts, draft.question)
    findings = [f for f in run_checks(message, "sbi", parts=parts) if f.rule not in _DRAFT_IGNORED]
    findings += unsupported_facts(message, allowed_sources(request, analysis, sources))
    findings += carried_labels(analysis, message)
    if not any(person_labels(message)) and not findings:
        return []
    return _dedupe(findings)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.span.text.lower() if f.span else "")
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def needs_revision(findings: Sequence[Finding]) -> bool:
    return any(f.severity == Severity.ERROR or f.rule in REVISE_WARNINGS for f in findings)


def revise_problems(findings: Sequence[Finding]) -> list[str]:
    """One line per problem, naming the part and the offending words: naming the words is what fixed most
    label failures in the measurements (8/12 -> 11/12)."""
    lines = []
    for f in findings:
        if f.severity != Severity.ERROR and f.rule not in REVISE_WARNINGS:
            continue
        where = f"{f.span.field}: " if f.span and f.span.field in SLOTS else ""
        words = f' "{f.span.text}"' if f.span and f.span.text and len(f.span.text) < 80 else ""
        lines.append(f"{where}{words.strip()} {f.message} Fix: {f.fix}".strip())
    return lines
