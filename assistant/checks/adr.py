"""ADR rules (domain.md §5.1), each record checked against the template it follows (Nygard, MADR 2-4 or a
Y-statement; detected per record, or set in `[adr]`): a title, a status from the fixed set (required for Nygard, and
where the team says so), a date in ISO form when given, the context, the options (MADR), the decision, the
consequences (Nygard). A record that follows its template gets no warning; style advice ("We will …", naming both
good and bad consequences, naming the options in a Nygard context) is ``info``.

Each rule reads the record as it renders (``Adr.text``: HTML comments blanked out, same offsets) and points its
findings into the file as written. A section holding only the template's text (placeholders, prompts, "TBD") is
empty, and so is each of the template's other sections left empty (Decision Drivers, Pros and Cons, Confirmation)."""

from __future__ import annotations

import re

from assistant.adr_policy import AdrPolicy
from assistant.checks import adr_lang
from assistant.checks.adr_meta import iso_date
from assistant.checks.adr_options import chooses, listed, names_options, says_open
from assistant.checks.adr_parse import STATUSES, TITLE_RE, Adr, is_section_name, number_from_path, parse_adr
from assistant.checks.adr_unfilled import unfilled
from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.markdown import Section, heading_words, line_at, sections
from assistant.checks.text import make, whole

DEFAULT_POLICY = AdrPolicy()
MIN_INTRO_WORDS = 8


def policy(ctx: CheckContext) -> AdrPolicy:
    return ctx.adr if ctx.adr is not None else DEFAULT_POLICY


def read(text: str, ctx: CheckContext) -> Adr:
    return parse_adr(text, ctx.path, policy(ctx).template)


def _title_span(adr: Adr) -> tuple[int, int]:
    return line_at(adr.text, adr.title_start) if adr.title_start is not None else (0, 0)


def _empty(text: str, sec: Section) -> bool:
    """A heading with nothing but the template's text under it records nothing (``text`` as it renders). A heading
    of the same level right after it that names no section is its content, put a level too high ("## Pros and
    Cons of the Options" then "## Use YAML front matter", in MADR's own log)."""
    if not unfilled(text[sec.body_start : sec.end]):
        return False
    after = next((s for s in sections(text, bold=True) if s.start >= sec.end), None)
    return after is None or after.level < sec.level or is_section_name(heading_words(after.title))


def _empty_more(rule: str, severity: Severity, text: str, adr: Adr) -> list[Finding]:
    """The first of the template's other sections that ``rule`` reads (MORE_SECTIONS) left empty."""
    sec = next((s for s in adr.more.get(rule, []) if _empty(adr.text, s)), None)
    if sec is None:
        return []
    name = sec.title.strip("*_: ")
    msg = f"The '{name}' section is empty."
    return [_heading(rule, severity, text, sec, msg, fix="Fill it in, or remove the heading if it does not apply.")]


def _heading(rule: str, severity: Severity, text: str, sec: Section, message: str, *, fix: str) -> Finding:
    start, end = line_at(text, sec.start)
    return make(rule, severity, text, start, end, message=message, fix=fix)


def check_title(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    if adr.template == "ystatement" and adr.title is None:
        # The template is one sentence and needs no heading, but a record in a log is found by its title.
        msg = "The Y-statement has no title; a log's index lists records by their title."
        return [whole("adr.title", Severity.INFO, msg, "Add a '# Title' heading that names the decision.")]
    start, end = _title_span(adr)
    numbered = adr.template == "nygard"
    fix = (
        "Use '# NNNN. Title', numbered like the file name, e.g. '# 0007. Use PostgreSQL for the ledger'."
        if numbered
        else "Start with a '# Title' heading that names the decision."
    )
    if adr.title is None:
        return [whole("adr.title", Severity.WARNING, "The ADR has no title heading.", fix)]
    m = TITLE_RE.match(adr.title)
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
    if adr.status_unfilled:
        msg = f"The status is still the template's placeholder ('{adr.status_text}')."
        severity = Severity.ERROR if policy(ctx).status_required(adr.template) else Severity.WARNING
        return [whole("adr.status", severity, msg, f"Use one of: {allowed}.")]
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
    # The status as written ("In progress", not "In"), found where it is written: not in a comment listing the
    # statuses (Adr.text has them blanked), nor as a word of the prose.
    written = adr.status_text or adr.status
    m = re.search(rf"(?<!\w){re.escape(written)}(?!\w)", adr.text, re.I) or re.search(
        rf"\b{re.escape(adr.status)}\b", adr.text, re.I
    )
    msg = f"Status '{written}' is not one of {allowed}."
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
    if iso_date(adr.date):
        return []
    pos = adr.text.find(adr.date)
    msg = f"The date '{adr.date}' is not an ISO date (YYYY-MM-DD)."
    if pos < 0:
        return [whole("adr.date", Severity.WARNING, msg, fix)]
    return [make("adr.date", Severity.WARNING, text, pos, pos + len(adr.date), message=msg, fix=fix)]


def _y_clauses(rule: str, adr: Adr, clauses: dict[str, str], fix: str) -> list[Finding]:
    """A warning naming the Y-statement clauses (of ``clauses``: name -> how it reads) the record lacks."""
    missing = [shown for name, shown in clauses.items() if not adr.clauses.get(name)]
    if not missing:
        return []
    return [whole(rule, Severity.WARNING, f"The Y-statement has no {' and '.join(missing)} clause.", fix)]


def check_context(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    return _context(text, adr) or _empty_more("adr.context", Severity.WARNING, text, adr)


def _context(text: str, adr: Adr) -> list[Finding]:
    if adr.template == "ystatement":
        fix = "Say where the decision applies ('In the context of …') and the concern behind it ('facing …')."
        return _y_clauses("adr.context", adr, {"context": "'In the context of …'", "facing": "'facing …'"}, fix)
    heading = "## Context and Problem Statement" if adr.template == "madr" else "## Context"
    if adr.context is None and adr.template == "madr" and len(adr.intro.split()) >= MIN_INTRO_WORDS:
        return []  # MADR 1-2: the problem statement is the paragraph under the title
    if adr.context is None:
        msg = "The ADR has no context section."
        return [whole("adr.context", Severity.WARNING, msg, f"Add '{heading}': the problem and its constraints.")]
    if _empty(adr.text, adr.context):
        msg = "The context section is empty."
        return [
            _heading("adr.context", Severity.WARNING, text, adr.context, msg, fix="Describe the problem and forces.")
        ]
    return []


def check_options(text: str, ctx: CheckContext) -> list[Finding]:
    """MADR lists the options it considered; Nygard asks for them in the context only as advice (info). An options
    section a record keeps but leaves empty is unfinished in any template."""
    adr = read(text, ctx)
    found = _options(text, adr)
    if any(f.severity is not Severity.INFO for f in found):
        return found
    return _empty_more("adr.options", Severity.WARNING, text, adr) or found


def _options(text: str, adr: Adr) -> list[Finding]:
    seen = adr.text
    fix = "List the alternatives (at least two) under '## Considered Options'."
    if adr.options is not None and adr.template != "madr" and _empty(seen, adr.options):
        msg = "The options section is empty."
        return [_heading("adr.options", Severity.WARNING, text, adr.options, msg, fix=fix)]
    if adr.template == "ystatement":
        return []
    if adr.template == "nygard":
        if adr.context is None or _empty(seen, adr.context):
            return []  # adr.context reports it
        if names_options(seen, adr.options) or names_options(seen, adr.context, options_section=False):
            return []
        msg = "The context does not name the options that were considered."
        return [_heading("adr.options", Severity.INFO, text, adr.context, msg, fix=fix)]
    if adr.options is None:
        return [whole("adr.options", Severity.WARNING, "The ADR has no 'Considered Options' section.", fix)]
    count = listed(seen, adr.options)
    if count >= 2:
        return []
    msg = "The considered options list only one option." if count == 1 else "The considered options list is empty."
    return [_heading("adr.options", Severity.WARNING, text, adr.options, msg, fix=fix)]


def check_decision(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    return _decision(text, adr) or _empty_more("adr.decision", Severity.WARNING, text, adr)


def _decision(text: str, adr: Adr) -> list[Finding]:
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
    if _empty(adr.text, adr.decision):
        return [_heading("adr.decision", Severity.ERROR, text, adr.decision, "The decision section is empty.",
                         fix="State the choice in full sentences.")]  # fmt: skip
    outcome = adr.text[adr.decision.body_start : adr.decision.end]
    if madr and not chooses(outcome):
        msg = "The decision outcome does not say which option was chosen."
        fix = "Start it with 'Chosen option: \"…\", because …'."
        # A proposed record that says the choice is still open is honest, not broken (the drafter writes these for
        # undecided notes): a reminder for when it is decided, at info.
        honest = (adr.status or "").lower() == "proposed" and says_open(outcome)
        severity = Severity.INFO if honest else Severity.WARNING
        return [_heading("adr.decision", severity, text, adr.decision, msg, fix=fix)]
    return []


def check_decision_phrasing(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    if adr.template != "nygard" or adr.decision is None or _empty(adr.text, adr.decision):
        return []
    body = adr.text[adr.decision.body_start : adr.decision.end]
    if re.search(r"\bwe\s+will\b|\bwe'll\b|\bchosen\s+option\b", body, re.I):
        return []
    if adr_lang.languages(body):
        return []  # "We will …" is English; a decision written in the team's language is not told to use it
    msg = "The decision is not phrased as a commitment ('We will …')."
    fix = "State it plainly in active voice: 'We will use PostgreSQL as the ledger's system of record.'"
    return [_heading("adr.decision_phrasing", Severity.INFO, text, adr.decision, msg, fix=fix)]


# Both sides, also in the team's language (MADR's "Gut, weil" / "Schlecht, weil" bullets, read in a held-out log).
_GOOD_RE = re.compile(
    rf"(?:^|\n)[ \t]*(?:[-*+][ \t]*)?(?:\*\*|__)?(?:positive|good|pros?|benefits?|upsides?|gains?|{adr_lang.GOOD})\b|"
    r"✓|✅|"
    r"(?:^|\n)[ \t]*\+[ \t]",
    re.I,
)
_BAD_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-*+][ \t]*)?(?:\*\*|__)?(?:negative|bad|cons?|drawbacks?|downsides?|risks?|trade-?offs?|"
    rf"costs?|{adr_lang.BAD})\b|✗|❌|(?:^|\n)[ \t]*[-−][ \t]+(?:\*\*)?(?:negative|bad)",
    re.I,
)


def check_consequences(text: str, ctx: CheckContext) -> list[Finding]:
    adr = read(text, ctx)
    seen = adr.text
    if adr.template == "ystatement":
        fix = "Say what the decision buys ('to achieve …') and what it costs ('accepting …')."
        return _y_clauses("adr.consequences", adr, {"achieve": "'to achieve …'", "accepting": "'accepting …'"}, fix)
    if not adr.consequences:
        if adr.template == "madr":
            return []  # optional in MADR
        fix = "Add '## Consequences': what gets better and what gets worse or harder."
        return [whole("adr.consequences", Severity.WARNING, "The ADR has no Consequences section.", fix)]
    # Any one left empty: "### Negative Consequences" with nothing under it is as unfinished as no section at all.
    empty = next((s for s in adr.consequences if _empty(seen, s)), None)
    if empty is not None:
        msg = "The consequences section is empty." if len(adr.consequences) == 1 else f"'{empty.title}' is empty."
        return [_heading("adr.consequences", Severity.WARNING, text, empty, msg, fix="Say what gets better and worse.")]
    body = "\n".join(s.title + "\n" + seen[s.body_start : s.end] for s in adr.consequences)
    good, bad = bool(_GOOD_RE.search(body)), bool(_BAD_RE.search(body))
    if good and bad:
        return []
    lacking = "negative" if good else ("positive" if bad else "positive and negative")
    msg = f"The consequences do not list {lacking} outcomes."
    fix = "List both: 'Positive:' (what gets better) and 'Negative:' (costs, risks, what gets harder)."
    sec = adr.consequences[0]
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
