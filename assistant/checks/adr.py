"""ADR rules (domain.md §5.1): a numbered title, a status from the fixed set, an ISO date, a context that names the
options, a decision phrased "We will…", good and bad consequences, and reciprocal supersede links."""

from __future__ import annotations

import re

from assistant.checks.adr_parse import ISO_DATE_RE, STATUSES, TITLE_RE, Adr, number_from_path, parse_adr
from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.markdown import Section, items, line_at
from assistant.checks.text import make, whole


def _title_span(adr: Adr) -> tuple[int, int]:
    return line_at(adr.text, adr.title_start) if adr.title_start is not None else (0, 0)


def check_title(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    start, end = _title_span(adr)
    fix = "Use '# NNNN. Title', numbered like the file name, e.g. '# 0007. Use PostgreSQL for the ledger'."
    if adr.title_start is None:
        return [whole("adr.title", Severity.WARNING, "The ADR has no '# NNNN. Title' heading.", fix)]
    m = TITLE_RE.match(text[start:end])
    if m is None:
        return [make("adr.title", Severity.WARNING, text, start, end, message="The title is not numbered.", fix=fix)]
    file_number = number_from_path(ctx.path)
    if file_number is not None and file_number != int(m.group("number")):
        msg = f"The title number {m.group('number')} does not match the file name ({file_number:04d})."
        return [make("adr.title", Severity.WARNING, text, start, end, message=msg, fix=fix)]
    return []


def check_status(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    allowed = ", ".join(STATUSES)
    if not adr.status:
        return [
            whole("adr.status", Severity.ERROR, "The ADR has no status.", f"Add '## Status' with one of: {allowed}.")
        ]
    if adr.status in STATUSES:
        return []
    m = re.search(rf"\b{re.escape(adr.status)}\b", text, re.I)
    msg = f"Status '{adr.status}' is not one of {allowed}."
    fix = f"Use one of: {allowed} (a draft is 'Proposed')."
    if m is None:
        return [whole("adr.status", Severity.ERROR, msg, fix)]
    return [make("adr.status", Severity.ERROR, text, m.start(), m.end(), message=msg, fix=fix)]


def check_date(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    fix = "Add 'Date: YYYY-MM-DD' (ISO 8601), e.g. 'Date: 2026-11-23'."
    if adr.date is None:
        return [whole("adr.date", Severity.WARNING, "The ADR has no date.", fix)]
    if ISO_DATE_RE.fullmatch(adr.date.strip().strip("*_ ")):
        return []
    pos = text.find(adr.date)
    msg = f"The date '{adr.date}' is not an ISO date (YYYY-MM-DD)."
    if pos < 0:
        return [whole("adr.date", Severity.WARNING, msg, fix)]
    return [make("adr.date", Severity.WARNING, text, pos, pos + len(adr.date), message=msg, fix=fix)]


_OPTION_WORDS_RE = re.compile(
    r"\b(?:options?|alternatives?|considered|we\s+looked\s+at|compared|evaluated|versus|vs\.?|rather\s+than|"
    r"instead\s+of|choices?)\b",
    re.I,
)


def _names_options(text: str, sec: Section | None) -> bool:
    if sec is None:
        return False
    if len([i for i in items(text, sec.body_start, sec.end) if i.indent == 0]) >= 2:
        return True
    body = text[sec.body_start : sec.end]
    return any(_OPTION_WORDS_RE.search(s) and re.search(r",|\bor\b", s) for s in re.split(r"(?<=[.!?])\s", body))


def check_context(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    if adr.context is None:
        return [
            whole(
                "adr.context",
                Severity.WARNING,
                "The ADR has no Context section.",
                "Add '## Context': the problem, the constraints, and the options you considered.",
            )
        ]
    if _names_options(text, adr.options) or _names_options(text, adr.context):
        return []
    start, end = line_at(text, adr.context.start)
    msg = "The context does not name the options that were considered."
    fix = "List the alternatives (at least two) and why each was rejected, or add '## Considered Options'."
    return [make("adr.context", Severity.WARNING, text, start, end, message=msg, fix=fix)]


def check_decision(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    if adr.decision is None:
        return [
            whole(
                "adr.decision",
                Severity.ERROR,
                "The ADR has no Decision section.",
                "Add '## Decision' stating the choice in full sentences, starting 'We will …'.",
            )
        ]
    return []


def check_decision_phrasing(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    if adr.decision is None:
        return []
    body = text[adr.decision.body_start : adr.decision.end]
    if re.search(r"\bwe\s+will\b|\bwe'll\b|\bchosen\s+option\b", body, re.I):
        return []
    start, end = line_at(text, adr.decision.start)
    msg = "The decision is not phrased as a commitment ('We will …')."
    fix = "State it plainly in active voice: 'We will use PostgreSQL as the ledger's system of record.'"
    return [make("adr.decision_phrasing", Severity.WARNING, text, start, end, message=msg, fix=fix)]


_GOOD_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-*+][ \t]*)?(?:\*\*|__)?(?:positive|good|pros?|benefits?|upsides?|gains?)\b|✓|✅|"
    r"(?:^|\n)[ \t]*\+[ \t]",
    re.I,
)
_BAD_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-*+][ \t]*)?(?:\*\*|__)?(?:negative|bad|cons?|drawbacks?|downsides?|risks?|trade-?offs?|"
    r"costs?)\b|✗|❌|(?:^|\n)[ \t]*[-−][ \t]+(?:\*\*)?(?:negative|bad)",
    re.I,
)


def check_consequences(text: str, ctx: CheckContext) -> list[Finding]:
    adr = parse_adr(text, ctx.path)
    if not adr.consequences:
        return [
            whole(
                "adr.consequences",
                Severity.WARNING,
                "The ADR has no Consequences section.",
                "Add '## Consequences' with what gets better and what gets worse or harder.",
            )
        ]
    body = "\n".join(s.title + "\n" + text[s.body_start : s.end] for s in adr.consequences)
    good, bad = bool(_GOOD_RE.search(body)), bool(_BAD_RE.search(body))
    if good and bad:
        return []
    sec = adr.consequences[0]
    start, end = line_at(text, sec.start)
    missing = "negative" if good else ("positive" if bad else "positive and negative")
    msg = f"The consequences do not list {missing} outcomes."
    fix = "List both: 'Positive:' (what gets better) and 'Negative:' (costs, risks, what gets harder)."
    return [make("adr.consequences", Severity.WARNING, text, start, end, message=msg, fix=fix)]


ADR_RULES = (
    Rule(
        "adr.title",
        Severity.WARNING,
        ("adr",),
        "Numbered, searchable titles that match the file name (L5602).",
        check_title,
    ),
    Rule(
        "adr.status",
        Severity.ERROR,
        ("adr",),
        "Readers must know whether a decision stands: Proposed, Accepted, Deprecated, Superseded or Rejected.",
        check_status,
    ),
    Rule(
        "adr.date",
        Severity.WARNING,
        ("adr",),
        "An ADR captures understanding at one point in time: date it.",
        check_date,
    ),
    Rule(
        "adr.context",
        Severity.WARNING,
        ("adr",),
        "Context lists the alternatives explored and why each was rejected (L5602).",
        check_context,
    ),
    Rule("adr.decision", Severity.ERROR, ("adr",), "An ADR without a decision records nothing.", check_decision),
    Rule(
        "adr.decision_phrasing",
        Severity.WARNING,
        ("adr",),
        "The decision is stated plainly, in active voice, starting 'We will …' (L5602).",
        check_decision_phrasing,
    ),
    Rule(
        "adr.consequences",
        Severity.WARNING,
        ("adr",),
        "Consequences, good and bad, are often the most valuable part (L5602).",
        check_consequences,
    ),
)
