"""ADR rules (domain.md §5.1), each record checked against the template it follows (Nygard, MADR 2-4 or a
Y-statement; detected per record, or set in `[adr]`): a title, a status from the fixed set (required for Nygard, and
where the team says so), a date in ISO form when given, the context, the options (MADR), the decision, the
consequences (Nygard). A record that follows its template gets no warning; style advice ("We will …", naming both
good and bad consequences, naming the options in a Nygard context) is ``info``."""

from __future__ import annotations

import re

from assistant.adr_policy import AdrPolicy
from assistant.checks.adr_parse import ISO_DATE_RE, STATUSES, TITLE_RE, Adr, number_from_path, parse_adr
from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.markdown import Section, items, line_at
from assistant.checks.text import make, whole

DEFAULT_POLICY = AdrPolicy()
MIN_INTRO_WORDS = 8
# A heading with only a placeholder under it records nothing.
_PLACEHOLDER_RE = re.compile(r"\A[\s*_>-]*(?:tbd|todo|tbc|n/?a|\.\.\.|…|-)?[\s*_.!]*\Z", re.I)


def policy(ctx: CheckContext) -> AdrPolicy:
    return ctx.adr if ctx.adr is not None else DEFAULT_POLICY


def read(text: str, ctx: CheckContext) -> Adr:
    return parse_adr(text, ctx.path, policy(ctx).template)


def _title_span(adr: Adr) -> tuple[int, int]:
    return line_at(adr.text, adr.title_start) if adr.title_start is not None else (0, 0)


def _empty(text: str, sec: Section) -> bool:
    return bool(_PLACEHOLDER_RE.match(text[sec.body_start : sec.end]))


def _heading(rule: str, severity: Severity, text: str, sec: Section, message: str, *, fix: str) -> Finding:
    start, end = line_at(text, sec.start)
    return make(rule, severity, text, start, end, message=message, fix=fix)


def check_title(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    if adr.template == "ystatement" and adr.title_start is None:
        return []  # a Y-statement is one sentence: a heading is optional
    start, end = _title_span(adr)
    numbered = adr.template == "nygard"
    fix = (
        "Use '# NNNN. Title', numbered like the file name, e.g. '# 0007. Use PostgreSQL for the ledger'."
        if numbered
        else "Start with a '# Title' heading that names the decision."
    )
    if adr.title_start is None:
        return [whole("adr.title", Severity.WARNING, "The ADR has no title heading.", fix)]
    m = TITLE_RE.match(text[start:end])
    if m is None:
        if not numbered:
            return []  # MADR titles are deliberately unnumbered
        return [make("adr.title", Severity.WARNING, text, start, end, message="The title is not numbered.", fix=fix)]
    file_number = number_from_path(ctx.path)
    if file_number is not None and file_number != int(m.group("number")):
        msg = f"The title number {m.group('number')} does not match the file name ({file_number:04d})."
        return [make("adr.title", Severity.WARNING, text, start, end, message=msg, fix=fix)]
    return []


def check_status(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    allowed = ", ".join(STATUSES)
    if not adr.status:
        if not policy(ctx).status_required(adr.template):
            return []
        fix = f"Add '## Status' with one of: {allowed}."
        return [whole("adr.status", Severity.ERROR, "The ADR has no status.", fix)]
    if adr.status in STATUSES:
        return []
    fix = f"Use one of: {allowed}."
    if adr.template != "nygard":
        # MADR leaves its status list open ("proposed | accepted | … "): another word is advice, not a defect.
        msg = f"Status '{adr.status_text}' is not one of the usual {allowed}."
        return [whole("adr.status", Severity.INFO, msg, fix)]
    m = re.search(rf"\b{re.escape(adr.status)}\b", text, re.I)
    msg = f"Status '{adr.status}' is not one of {allowed}."
    if m is None:
        return [whole("adr.status", Severity.ERROR, msg, fix)]
    return [make("adr.status", Severity.ERROR, text, m.start(), m.end(), message=msg, fix=fix)]


def check_date(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    fix = "Use an ISO date, e.g. 'Date: 2026-11-23'."
    if adr.date is None:
        if not policy(ctx).require_date:
            return []
        return [whole("adr.date", Severity.WARNING, "The ADR has no date.", fix)]
    value = adr.date.strip().strip("*_ ")
    if ISO_DATE_RE.fullmatch(value) and _real_date(value):
        return []
    pos = text.find(adr.date)
    msg = f"The date '{adr.date}' is not an ISO date (YYYY-MM-DD)."
    if pos < 0:
        return [whole("adr.date", Severity.WARNING, msg, fix)]
    return [make("adr.date", Severity.WARNING, text, pos, pos + len(adr.date), message=msg, fix=fix)]


def _real_date(value: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_OPTION_WORDS_RE = re.compile(
    r"\b(?:options?|alternatives?|considered|we\s+looked\s+at|compared|evaluated|versus|vs\.?|rather\s+than|"
    r"instead\s+of|choices?)\b",
    re.I,
)


def _listed(text: str, sec: Section) -> int:
    """How many options a section lists: top-level list items, or one sub-heading per option (MADR's pros and
    cons)."""
    top = [i for i in items(text, sec.body_start, sec.end) if i.indent == 0]
    subheads = re.findall(r"^#{3,6}[ \t]+\S", text[sec.body_start : sec.end], re.M)
    return max(len(top), len(subheads))


def _names_options(text: str, sec: Section | None) -> bool:
    if sec is None:
        return False
    if _listed(text, sec) >= 2:
        return True
    body = text[sec.body_start : sec.end]
    return any(_OPTION_WORDS_RE.search(s) and re.search(r",|\bor\b", s) for s in re.split(r"(?<=[.!?])\s", body))


def _y_clauses(rule: str, adr: Adr, clauses: dict[str, str], fix: str) -> list[Finding]:
    """A warning naming the Y-statement clauses (of ``clauses``: name -> how it reads) the record lacks."""
    missing = [shown for name, shown in clauses.items() if not adr.clauses.get(name)]
    if not missing:
        return []
    return [whole(rule, Severity.WARNING, f"The Y-statement has no {' and '.join(missing)} clause.", fix)]


def check_context(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    if adr.template == "ystatement":
        fix = "Say where the decision applies ('In the context of …') and the concern behind it ('facing …')."
        return _y_clauses("adr.context", adr, {"context": "'In the context of …'", "facing": "'facing …'"}, fix)
    heading = "## Context and Problem Statement" if adr.template == "madr" else "## Context"
    if adr.context is None and adr.template == "madr" and len(adr.intro.split()) >= MIN_INTRO_WORDS:
        return []  # MADR 1-2: the problem statement is the paragraph under the title
    if adr.context is None:
        msg = "The ADR has no context section."
        return [whole("adr.context", Severity.WARNING, msg, f"Add '{heading}': the problem and its constraints.")]
    if _empty(text, adr.context):
        msg = "The context section is empty."
        return [
            _heading("adr.context", Severity.WARNING, text, adr.context, msg, fix="Describe the problem and forces.")
        ]
    return []


def check_options(text: str, ctx: CheckContext) -> list[Finding]:
    """MADR lists the options it considered; Nygard asks for them in the context only as advice (info)."""
    adr = read(text, ctx)
    if adr.template == "ystatement":
        return []
    fix = "List the alternatives (at least two) under '## Considered Options'."
    if adr.template == "nygard":
        if adr.context is None or _empty(text, adr.context):
            return []  # adr.context reports it
        if _names_options(text, adr.options) or _names_options(text, adr.context):
            return []
        msg = "The context does not name the options that were considered."
        return [_heading("adr.options", Severity.INFO, text, adr.context, msg, fix=fix)]
    if adr.options is None:
        return [whole("adr.options", Severity.WARNING, "The ADR has no 'Considered Options' section.", fix)]
    count = _listed(text, adr.options)
    if count >= 2:
        return []
    msg = "The considered options list only one option." if count == 1 else "The considered options list is empty."
    return [_heading("adr.options", Severity.WARNING, text, adr.options, msg, fix=fix)]


# "We will come back to this" defers the decision; "we will use X" makes it. Shared with the drafting skill's reading
# of a lead's notes (assistant/skills/adr/decided.py), which adds its own verbs.
DEFERRING_VERBS = ("come back", "revisit", "reconsider", "decide", "discuss", "look", "wait", "return", "think", "see",
                   "talk")  # fmt: skip


def not_deferring(*more: str) -> str:
    """A lookahead that fails when a deferring verb ("come back", "revisit", … and ``more``) follows."""
    return r"(?!\s+(?:" + "|".join((*DEFERRING_VERBS, *more)) + r")\b)"


_DEFER = not_deferring("continue")
_CHOSEN_RE = re.compile(
    r"\bchosen\b|\bwe(?:'ve| have)? (?:chose|choose|decided|selected|picked|opted|went|adopt)\b|"
    rf"\bwe(?:'ll| will| go){_DEFER}\b|\bdecided\b|\bdecision is\b|\bselected\b|\bgoing with\b",
    re.I,
)


def check_decision(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    if adr.template == "ystatement":
        if adr.clauses.get("decided"):
            return []
        fix = "Say what was decided: 'we decided for …'."
        return [whole("adr.decision", Severity.ERROR, "The Y-statement has no 'we decided for …' clause.", fix)]
    madr = adr.template == "madr"
    heading = "## Decision Outcome" if madr else "## Decision"
    if adr.decision is None:
        fix = f"Add '{heading}' stating the choice" + (", e.g. 'Chosen option: \"…\", because …'." if madr else ".")
        return [whole("adr.decision", Severity.ERROR, "The ADR has no decision section.", fix)]
    if _empty(text, adr.decision):
        return [_heading("adr.decision", Severity.ERROR, text, adr.decision, "The decision section is empty.",
                         fix="State the choice in full sentences.")]  # fmt: skip
    if madr and not _CHOSEN_RE.search(text[adr.decision.body_start : adr.decision.end]):
        msg = "The decision outcome does not say which option was chosen."
        fix = "Start it with 'Chosen option: \"…\", because …'."
        return [_heading("adr.decision", Severity.WARNING, text, adr.decision, msg, fix=fix)]
    return []


def check_decision_phrasing(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    if adr.template != "nygard" or adr.decision is None or _empty(text, adr.decision):
        return []
    body = text[adr.decision.body_start : adr.decision.end]
    if re.search(r"\bwe\s+will\b|\bwe'll\b|\bchosen\s+option\b", body, re.I):
        return []
    msg = "The decision is not phrased as a commitment ('We will …')."
    fix = "State it plainly in active voice: 'We will use PostgreSQL as the ledger's system of record.'"
    return [_heading("adr.decision_phrasing", Severity.INFO, text, adr.decision, msg, fix=fix)]


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
    adr = read(text, ctx)
    if adr.template == "ystatement":
        fix = "Say what the decision buys ('to achieve …') and what it costs ('accepting …')."
        return _y_clauses("adr.consequences", adr, {"achieve": "'to achieve …'", "accepting": "'accepting …'"}, fix)
    if not adr.consequences:
        if adr.template == "madr":
            return []  # optional in MADR
        fix = "Add '## Consequences': what gets better and what gets worse or harder."
        return [whole("adr.consequences", Severity.WARNING, "The ADR has no Consequences section.", fix)]
    sec = adr.consequences[0]
    if all(_empty(text, s) for s in adr.consequences):
        msg = "The consequences section is empty."
        return [_heading("adr.consequences", Severity.WARNING, text, sec, msg, fix="Say what gets better and worse.")]
    body = "\n".join(s.title + "\n" + text[s.body_start : s.end] for s in adr.consequences)
    good, bad = bool(_GOOD_RE.search(body)), bool(_BAD_RE.search(body))
    if good and bad:
        return []
    lacking = "negative" if good else ("positive" if bad else "positive and negative")
    msg = f"The consequences do not list {lacking} outcomes."
    fix = "List both: 'Positive:' (what gets better) and 'Negative:' (costs, risks, what gets harder)."
    return [_heading("adr.consequences", Severity.INFO, text, sec, msg, fix=fix)]


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
    Rule(
        "adr.options",
        Severity.WARNING,
        ("adr",),
        "The options that were weighed show why the choice won (MADR lists them; in Nygard, advice only).",
        check_options,
    ),
    Rule("adr.decision", Severity.ERROR, ("adr",), "An ADR without a decision records nothing.", check_decision),
    Rule(
        "adr.decision_phrasing",
        Severity.INFO,
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
