"""The rule catalogue and the one function that runs it."""

from __future__ import annotations

from typing import Any

from assistant.checks import (
    adr,
    adr_links,
    facts,
    privacy,
    readability,
    sbi,
    shouting,
    status,
    status_dates,
    tone_framing,
    tone_person,
    tone_style,
)
from assistant.checks.base import (
    ArtifactKind,
    Audience,
    CheckContext,
    Finding,
    KindOrOldName,
    Rule,
    Severity,
    resolve_kind,
)

RULES: tuple[Rule, ...] = (
    *tone_person.RULES,
    *tone_style.RULES,
    *tone_framing.RULES,
    *shouting.RULES,
    *privacy.RULES,
    *readability.RULES,
    *sbi.RULES,
    *status.STATUS_RULES,
    *status_dates.STATUS_DATE_RULES,
    *adr.ADR_RULES,
    *adr_links.RULES,
    *facts.RULES,
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


def rules_for(kind: ArtifactKind) -> tuple[Rule, ...]:
    """The rules that apply to an artifact kind, in catalogue order."""
    return tuple(rule for rule in RULES if kind in rule.kinds)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _position(finding: Finding, offsets: dict[str, tuple[int, int]]) -> int:
    span = finding.span
    if span is None:
        return -1
    if span.field is None:
        return span.start
    base = offsets.get(span.field)
    return base[0] + span.start if base else 10**9 + span.start


def _dedupe(findings: list[Finding], offsets: dict[str, tuple[int, int]]) -> list[Finding]:
    """Sort by position and drop a finding whose span lies inside an earlier one of the same rule."""
    ordered = sorted(findings, key=lambda f: (_position(f, offsets), -(f.span.end if f.span else 0)))
    out: list[Finding] = []
    for f in ordered:
        if any(_same_place(f, g) for g in out):
            continue
        out.append(f)
    return out


def _same_place(a: Finding, b: Finding) -> bool:
    if a.rule != b.rule:
        return False
    if a.span is None or b.span is None:
        return a.span is None and b.span is None and a.message == b.message
    return a.span.field == b.span.field and b.span.start <= a.span.start and a.span.end <= b.span.end


def run_checks(
    text: str,
    kind: KindOrOldName,
    *,
    audience: Audience | None = None,
    parts: dict[str, str] | None = None,
    **ctx_extras: Any,
) -> list[Finding]:
    """Run every rule for ``kind`` over ``text``; findings sorted by position, de-duplicated.

    ``kind`` may be given by its old name (``"feedback"`` for ``"note"``). ``ctx_extras`` fills the optional
    ``CheckContext`` fields: ``documents`` (sibling ADR texts by name), ``sources`` (texts a draft may take facts
    from) and ``path`` (the checked file's name)."""
    kind = resolve_kind(kind)
    if "sources" in ctx_extras:
        ctx_extras["sources"] = tuple(ctx_extras["sources"])
    if kind == "sbi" and parts is None:
        parts = sbi.parse_sbi(text)
    ctx = CheckContext(kind=kind, audience=audience, parts=dict(parts or {}), **ctx_extras)
    findings = [finding for rule in rules_for(kind) for finding in rule.check(text, ctx)]
    offsets = sbi.sbi_part_offsets(text) if kind == "sbi" else {}
    return _dedupe(findings, offsets)
