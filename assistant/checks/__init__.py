"""Deterministic checks: tone, privacy, readability, SBI, status-update and ADR structure, and invented facts.

The same code runs after each draft (to drive a revise step), in `coach lint`, and in the eval suite.

    >>> from assistant.checks import run_checks
    >>> [f.rule for f in run_checks("Sam is lazy and always late to standup.", "note")]
    ['tone.label', 'tone.absolute']
"""

from __future__ import annotations

from assistant.checks.base import (
    ArtifactKind,
    Audience,
    CheckContext,
    Finding,
    KindOrOldName,
    Rule,
    Severity,
    Span,
    resolve_kind,
)
from assistant.checks.catalogue import RULES, RULES_BY_ID, has_errors, rules_for, run_checks
from assistant.checks.detectors import impact_phrases, observable_actions, person_labels, time_or_place_anchors
from assistant.checks.facts import unsupported_facts
from assistant.checks.sbi import parse_sbi, sbi_part_offsets

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "ArtifactKind",
    "Audience",
    "CheckContext",
    "Finding",
    "KindOrOldName",
    "Rule",
    "Severity",
    "Span",
    "has_errors",
    "impact_phrases",
    "observable_actions",
    "parse_sbi",
    "person_labels",
    "resolve_kind",
    "rules_for",
    "run_checks",
    "sbi_part_offsets",
    "time_or_place_anchors",
    "unsupported_facts",
]
