"""SBI structure (domain.md §2.3): a situation anchored in time or place, an observable behaviour, an impact on people
or work, and a requested change or a "keep doing". Labels anywhere are caught by ``tone.label``, which also runs on
SBI text.

Parts come from ``CheckContext.parts`` or are parsed from lines such as ``Situation: …``. Structure findings carry
``span.field`` with offsets relative to that part.
"""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity, Span
from assistant.checks.detectors import impact_phrases, named_people, observable_actions, time_or_place_anchors
from assistant.checks.text import whole

PARTS = ("situation", "behavior", "impact", "request")
_HEADING_RE = re.compile(
    r"^[ \t]*(?:[-*•][ \t]*)?(?:\*\*|__)?(?P<name>situation|behaviou?r|impact|requested\s+change|expected\s+change|"
    r"request|next\s+time|next|change|keep\s+doing|ask)(?:\*\*|__)?[ \t]*(?:[:：—–-]|\*\*:)[ \t]*(?:\*\*|__)?",
    re.IGNORECASE | re.MULTILINE,
)


def _part_name(heading: str) -> str:
    low = heading.lower()
    if low.startswith("behavio"):
        return "behavior"
    if low in ("situation", "impact"):
        return low
    return "request"


def sbi_part_offsets(text: str) -> dict[str, tuple[int, int]]:
    """Where each part's content lies in ``text`` (start, end), for parts written as ``Name: content`` lines.
    A part runs until the next heading; a repeated heading keeps the first occurrence."""
    heads = list(_HEADING_RE.finditer(text))
    out: dict[str, tuple[int, int]] = {}
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        content = text[m.end() : end]
        lead = len(content) - len(content.lstrip())
        start = m.end() + lead
        out.setdefault(_part_name(m.group("name")), (start, start + len(content.strip())))
    return out


def parse_sbi(text: str) -> dict[str, str]:
    """The SBI parts found in ``text``: keys among situation, behavior, impact, request (request also covers
    ``Next:``, ``Change:`` and ``Keep doing:``). Missing parts are absent."""
    return {name: text[s:e] for name, (s, e) in sbi_part_offsets(text).items() if text[s:e].strip()}


def _parts(text: str, ctx: CheckContext) -> dict[str, str]:
    return {k: v for k, v in (ctx.parts or parse_sbi(text)).items() if v.strip()}


def _part_finding(rule: str, severity: Severity, part: str, value: str, *, message: str, fix: str) -> Finding:
    span = Span(start=0, end=len(value), text=value, field=part)
    return Finding(rule=rule, severity=severity, span=span, message=message, fix=fix)


def check_missing(text: str, ctx: CheckContext) -> list[Finding]:
    parts = _parts(text, ctx)
    return [
        whole(
            "sbi.missing",
            Severity.ERROR,
            f"The {name} is missing.",
            f"Add a '{name.capitalize()}:' line. " + _MISSING_HINTS[name],
        )
        for name in ("situation", "behavior", "impact")
        if name not in parts
    ]


_MISSING_HINTS = {
    "situation": "Say when and where, e.g. 'In Tuesday's design review for the payout retries'.",
    "behavior": "Say what the person did or said, as a camera would have recorded it.",
    "impact": "Say what it changed for you, the team, customers or the work.",
}


def check_situation(text: str, ctx: CheckContext) -> list[Finding]:
    value = _parts(text, ctx).get("situation")
    if value is None or time_or_place_anchors(value):
        return []
    return [
        _part_finding(
            "sbi.situation",
            Severity.ERROR,
            "situation",
            value,
            message="The situation is not anchored in a specific time or place.",
            fix="Name the moment: 'in yesterday's planning meeting', 'on the 14 March incident call', 'in PR #482'.",
        )
    ]


def check_behavior(text: str, ctx: CheckContext) -> list[Finding]:
    value = _parts(text, ctx).get("behavior")
    if value is None or observable_actions(value):
        return []
    return [
        _part_finding(
            "sbi.behavior",
            Severity.ERROR,
            "behavior",
            value,
            message="The behaviour is not an observable action; it reads as a trait, feeling or guess.",
            fix="Describe what they did or said: 'you merged the migration with one approval', 'you interrupted Lena'.",
        )
    ]


# An impact that only judges ("It was not acceptable.") says nothing about what changed.
_EVALUATION_ONLY_RE = re.compile(
    r"\W*(?:it|this|that|which)\s+(?:was|is|'s|were|felt|seemed|looked)\s+(?:(?:not|really|very|quite|just|so|pretty|"
    r"a\s+bit|totally|completely)\s+)*(?:acceptable|unacceptable|ok|okay|good|great|bad|fine|a\s+problem|an\s+issue|"
    r"wrong|poor|unprofessional|disappointing|annoying|frustrating|awful|terrible|inappropriate|rude|a\s+shame|"
    r"concerning|not\s+great|not\s+ideal)\W*",
    re.IGNORECASE,
)
_AFFECTED_RE = re.compile(
    r"\b(?:I|me|my|we|us|our|you|your|she|he|they|them|her|him|his|their|team|teammates?|customers?|sellers?|"
    r"merchants?|users?|support|on-call|release|deploy\w*|plan|schedule|sprint|deadline|launch|project|work|review|"
    r"meeting|incident|roadmap|estimates?|tests?|build|pipeline|code|table|service|migration|data|rollout)\b",
    re.IGNORECASE,
)


def _impact_is_empty(value: str) -> bool:
    if len(value.split()) < 3 or _EVALUATION_ONLY_RE.fullmatch(value.strip()):
        return True
    return not impact_phrases(value) and not named_people(value) and not _AFFECTED_RE.search(value)


def check_impact(text: str, ctx: CheckContext) -> list[Finding]:
    value = _parts(text, ctx).get("impact")
    if value is None or not _impact_is_empty(value):
        return []
    return [
        _part_finding(
            "sbi.impact",
            Severity.WARNING,
            "impact",
            value,
            message="The impact does not say what changed for people or for the work.",
            fix="Say the effect on you, the team, customers or the schedule: 'Ravi spent his evening checking lag'.",
        )
    ]


def check_request(text: str, ctx: CheckContext) -> list[Finding]:
    if "request" in _parts(text, ctx):
        return []
    return [
        whole(
            "sbi.request",
            Severity.WARNING,
            "There is no requested change or 'keep doing'.",
            "Add 'Request:' with the behaviour you'd like next time, or 'Keep doing:' for positive feedback.",
        )
    ]


RULES = (
    Rule("sbi.missing", Severity.ERROR, ("sbi",), "SBI needs a situation, a behaviour and an impact.", check_missing),
    Rule(
        "sbi.situation",
        Severity.ERROR,
        ("sbi",),
        "The situation says when and where, so there is no doubt which moment (L2636).",
        check_situation,
    ),
    Rule(
        "sbi.behavior",
        Severity.ERROR,
        ("sbi",),
        "Behaviour is only what could be observed, never intent or traits (L2640).",
        check_behavior,
    ),
    Rule(
        "sbi.impact",
        Severity.WARNING,
        ("sbi",),
        "Impact says the effect on you and on the team, project or organisation (L2644).",
        check_impact,
    ),
    Rule(
        "sbi.request",
        Severity.WARNING,
        ("sbi",),
        "Say what you'd like next time, or what to keep doing (SBI + expected change, 004:229).",
        check_request,
    ),
)
