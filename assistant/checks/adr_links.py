"""Reciprocal supersede links between ADRs (domain.md §5.1 "write a new ADR and mark the old one superseded with a
pointer"): when this record says "Superseded by 0007" the linked record, if available, must say "Supersedes" this
one, and the other way round. Sibling records come from ``CheckContext.documents``."""

from __future__ import annotations

from assistant.checks.adr_parse import Adr, parse_adr
from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.text import whole


def _siblings(ctx: CheckContext) -> dict[int, Adr]:
    out: dict[int, Adr] = {}
    for name, body in ctx.documents.items():
        if ctx.path is not None and name == ctx.path:
            continue
        adr = parse_adr(body, name)
        if adr.number is not None:
            out.setdefault(adr.number, adr)
    return out


def _finding(message: str, fix: str) -> Finding:
    return whole("adr.supersede", Severity.WARNING, message, fix)


def check_supersede(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    out: list[Finding] = []
    if adr.status == "Superseded" and not adr.successor_named:
        out.append(_finding("The status is Superseded but no successor is named.", "Add 'Superseded by NNNN'."))
    if adr.number is None:
        return out
    siblings = _siblings(ctx)
    me = f"{adr.number:04d}"
    for number in adr.superseded_by:
        other = siblings.get(number)
        if other is not None and adr.number not in other.supersedes:
            out.append(
                _finding(
                    f"ADR {number:04d} does not say it supersedes {me}.", f"Add 'Supersedes {me}' to {number:04d}."
                )
            )
    for number in adr.supersedes:
        other = siblings.get(number)
        if other is not None and adr.number not in other.superseded_by:
            out.append(
                _finding(
                    f"ADR {number:04d} is not marked 'Superseded by {me}'.",
                    f"Set {number:04d}'s status to 'Superseded by {me}'.",
                )
            )
    out += _claims_by_others(adr, siblings, me)
    return out


def _claims_by_others(adr: Adr, siblings: dict[int, Adr], me: str) -> list[Finding]:
    """Links written only in the other record: "0009 supersedes this" or "0002 is superseded by this"."""
    out = []
    for number, other in sorted(siblings.items()):
        if adr.number in other.supersedes and number not in adr.superseded_by:
            msg = f"ADR {number:04d} supersedes this record, but this record does not say so."
            out.append(_finding(msg, f"Set the status to 'Superseded by {number:04d}'."))
        if adr.number in other.superseded_by and number not in adr.supersedes:
            msg = f"ADR {number:04d} says it is superseded by this record, but this record does not say so."
            out.append(_finding(msg, f"Add 'Supersedes {number:04d}' to {me}."))
    return out


RULES = (
    Rule(
        "adr.supersede",
        Severity.WARNING,
        ("adr",),
        "Superseded records point to their successor and back, so readers land on the decision that stands.",
        check_supersede,
    ),
)
