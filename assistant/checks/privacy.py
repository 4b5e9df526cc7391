"""Confidential content (domain.md §4.5, T14): health and personal circumstances, compensation, layoffs, what
someone said in a 1:1, and the performance of someone other than the recipient.

Health, pay and performance words only count when the sentence is about a third person ("Ravi", "he", "her"), so
"health check", "query performance" and "your review" (feedback to its own recipient) stay quiet.
"""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.subjects import is_name
from assistant.checks.text import make, mask_code, sentence_at, words

_HEALTH_RE = re.compile(
    r"\b(?:medical|diagnos\w+|therapy|therapist|surgery|sick\s+leave|sick\s+note|off\s+sick|out\s+sick|illness|"
    r"depress\w+|anxiety|panic\s+attacks?|mental\s+health|pregnan\w+|miscarriage|hospital\w*|chemo\w*|cancer|"
    r"rehab|medication|ADHD|autis\w+|disabilit\w+|burn(?:ed|t)\s+out|burnout|breakdown|divorce\w*|bereave\w+|"
    r"funeral|grieving|health\s+(?:issues?|problems?|condition|scare|reasons))\b",
    re.I,
)
_PAY_RE = re.compile(
    r"\b(?:salary|salaries|pay\s+(?:rise|raise|cut|band|grade)|(?:a|his|her|their)\s+raise|bonus(?:es)?|equity|"
    r"stock\s+options|comp\s+band|compensation|paid\s+(?:more|less)|earns?|earning|counter-?offer|payslip)\b",
    re.I,
)
_LAYOFF_RE = re.compile(
    r"\b(?:lay-?offs?|laid\s+off|lay\s+off\s+(?:people|staff|engineers|\d+)|redundanc(?:y|ies)\s+(?:process|package|"
    r"list|consultation|programme|program)|made\s+redundant|redundancies|(?:was|were|is|are|be|being|getting|get)\s+"
    r"(?:fired|let\s+go)|headcount\s+(?:cuts?|reduction)|reduction\s+in\s+force|(?:org|team|company|department)\s+"
    r"restructur\w*|restructuring\s+of\s+the\s+(?:team|org|department)|reorg)\b",
    re.I,
)
_CONFIDENCE_RE = re.compile(
    r"\b(?:in\s+confidence|off\s+the\s+record|confided|between\s+you\s+and\s+me|privately\s+told\s+me|"
    r"don't\s+tell\s+anyone|keep\s+this\s+(?:quiet|between\s+us))\b",
    re.I,
)
_ONE_ON_ONE_RE = re.compile(r"\b(?:1:1|1-on-1|one-on-one|1on1)s?\b", re.I)
_REPORTED_RE = re.compile(
    r"\b(?:he|she|they|[A-Z][a-z]+)\s+(?:(?:also|even)\s+)?(?:said|told\s+me|mentioned|shared|admitted|confided|"
    r"complained|asked|raised|cried|vented|disclosed)\b"
)
_PERF_RE = re.compile(
    r"\b(?:performance\s+improvement\s+plan|performance\s+plan|underperform\w*|low\s+performer|poor\s+performance|"
    r"performance\s+(?:issues?|problems?|concerns?|review|rating|warning)|written\s+warning|final\s+warning|"
    r"disciplinary|stack\s+rank\w*|on\s+probation|(?:his|her|their|[A-Z][a-z]+(?:'s|’s))\s+performance)\b",
    re.I,
)
_PIP_RE = re.compile(r"\bPIP\b")
_THIRD_PERSON = frozenset({"he", "she", "him", "her", "his", "hers", "he's", "she's", "himself", "herself"})


# How close (in words) a third person must be to the sensitive term: "Ravi is on a PIP" counts, a process note
# such as "he owns the process and will bring in HR if a performance plan becomes necessary" does not.
_WORDS_BEFORE = 7
_WORDS_AFTER = 4


def _third_person(text: str, start: int, end: int) -> bool:
    sent = sentence_at(text, start)
    toks = words(sent.text, sent.start)
    first = next((k for k, w in enumerate(toks) if w.end > start), len(toks))
    last = next((k for k, w in enumerate(toks) if w.start >= end), len(toks))
    near = toks[max(0, first - _WORDS_BEFORE) : first] + toks[last : last + _WORDS_AFTER]
    return any(w.text.lower() in _THIRD_PERSON or is_name(text, w) for w in near)


def check_confidential(text: str, ctx: CheckContext) -> list[Finding]:
    masked = mask_code(text)
    found: list[tuple[re.Match[str], str]] = []
    for pattern, what in ((_HEALTH_RE, "health or personal circumstances"), (_PAY_RE, "compensation")):
        found += [(m, what) for m in pattern.finditer(masked) if _third_person(masked, m.start(), m.end())]
    for pattern, what in ((_PERF_RE, "someone's performance"), (_PIP_RE, "someone's performance")):
        found += [(m, what) for m in pattern.finditer(masked) if _third_person(masked, m.start(), m.end())]
    found += [(m, "layoffs or restructuring") for m in _LAYOFF_RE.finditer(masked)]
    found += [(m, "something said in confidence") for m in _CONFIDENCE_RE.finditer(masked)]
    for m in _ONE_ON_ONE_RE.finditer(masked):
        sent = sentence_at(masked, m.start())
        if _REPORTED_RE.search(sent.text):
            found.append((m, "what someone said in a 1:1"))
    return [
        make(
            "privacy.confidential",
            Severity.ERROR,
            text,
            m.start(),
            m.end(),
            message=f"'{m.group(0)}' shares {what}, which should not be passed on.",
            fix="Remove it; if it matters, discuss it privately with the person or with your manager/HR.",
        )
        for m, what in found
    ]


RULES = (
    Rule(
        "privacy.confidential",
        Severity.ERROR,
        ("note", "sbi", "status"),
        "Never share personal circumstances, pay, layoffs, 1:1 content or others' performance widely (T14).",
        check_confidential,
    ),
)
