"""Tone rules about framing: exaggeration (T13), demands (T12), actor-hiding passive voice, and jargon for
non-technical audiences (T9)."""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.rulekit import matches, to_findings
from assistant.checks.subjects import subject_kind
from assistant.checks.text import make, mask_code, phrase_pattern, sentence_at
from assistant.checks.vocab import BUSINESS_ACRONYMS, JARGON_TERMS

_EXAGGERATION_RE = re.compile(
    r"\b(?:catastroph\w*|disastrous|disaster(?![\s-]+recovery)|(?:complete|total|absolute|utter|huge|massive)\s+"
    r"(?:disaster|failure|mess|nightmare|chaos|shambles|train\s*wreck|fiasco)|nightmare|apocalyp\w*|meltdown|"
    r"dumpster\s+fire|train\s*wreck|everything\s+is\s+(?:broken|on\s+fire|failing|falling\s+apart)|nothing\s+works|"
    r"(?:completely|totally|utterly)\s+(?:broken|useless|unusable)|worst\s+(?:\w+\s+)?ever|"
    r"(?:will|is\s+going\s+to)\s+never\s+ship|zero\s+risk|no\s+risk\s+(?:at\s+all|whatsoever)|"
    r"100\s*%\s+(?:safe|sure|certain|guaranteed|risk-free)|risk-free|nothing\s+can\s+(?:possibly\s+)?go\s+wrong|"
    r"can't\s+possibly\s+(?:fail|break|go\s+wrong)|guaranteed\s+to\s+(?:work|succeed|fix|ship)|"
    r"nothing\s+to\s+worry\s+about|insanely|a\s+million\s+times|everyone\s+is\s+(?:furious|panicking|livid)|"
    r"the\s+sky\s+is\s+falling|on\s+fire|literally\s+(?:everything|nobody|no\s+one|dying|on\s+fire|every))\b",
    re.I,
)


def check_exaggeration(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(_EXAGGERATION_RE, text),
        text,
        "tone.exaggeration",
        Severity.WARNING,
        message="'{span}' exaggerates or plays down the risk.",
        fix="State the facts and the likely impact (who, how many, how long) and what you're doing about it.",
    )


_DEMAND_ALWAYS_RE = re.compile(
    r"\b(?:no\s+excuses|non-negotiable|I\s+don't\s+care\s+how|whatever\s+it\s+takes|drop\s+everything|or\s+else|"
    r"(?:this|it)\s+is\s+not\s+optional|not\s+up\s+for\s+(?:discussion|debate)|make\s+it\s+happen|"
    r"failure\s+is\s+not\s+an\s+option|I\s+(?:expect|want|need)\s+(?:this|it|that|them)\s+(?:done|fixed|finished|"
    r"shipped|merged|on\s+my\s+desk)\s+(?:by|today|tonight|now|asap|immediately|before)|"
    r"(?:need|want)\s+(?:this|it)\s+(?:done|fixed|finished)\s+yesterday)\b",
    re.I,
)
_DEMAND_DEADLINE_RE = re.compile(
    r"\b(?:(?:you|you'll|you\s+will|the\s+team|everyone|[A-Z][a-z]+)\s+(?:must|have\s+to|has\s+to|need\s+to|"
    r"needs\s+to|will\s+need\s+to|(?:are|is)\s+expected\s+to)|I\s+(?:need|want|expect)\s+(?:you|everyone|the\s+team)"
    r"\s+to)\b[^.!?\n]*?\b(?:by\s+(?:\w+day|tomorrow|tonight|today|noon|midnight|EOD|EOW|COB|end\s+of|the\s+end|"
    r"next\s+\w+|this\s+\w+|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|lunch|then)|before\s+(?:\w+day|tomorrow|tonight|the\s+weekend|EOD|end\s+of)|today|tonight|"
    r"asap|right\s+now|immediately|this\s+weekend|over\s+the\s+weekend|EOD|end\s+of\s+(?:the\s+)?day)\b",
    re.I,
)
_REASON_RE = re.compile(
    r"\b(?:because|so\s+that|so\s+(?:we|the|they|our|it|Finance|that)|since|as\s+the|otherwise|to\s+unblock|"
    r"in\s+order\s+to|given\s+that|which\s+(?:lets|gives|means)|for\s+the\s+\S+\s+(?:launch|release|audit|demo))\b",
    re.I,
)


def _demand_without_reason(text: str, m: re.Match[str]) -> bool:
    sent = sentence_at(text, m.start())
    return not _REASON_RE.search(sent.text) and not sent.text.rstrip().endswith("?")


def check_demand(text: str, ctx: CheckContext) -> list[Finding]:
    found = matches(_DEMAND_ALWAYS_RE, text) + matches(_DEMAND_DEADLINE_RE, text, _demand_without_reason)
    return to_findings(
        found,
        text,
        "tone.demand",
        Severity.WARNING,
        message="'{span}' is a demand with no reason or trade-off.",
        fix="Present the deadline as a shared goal with its reason, and ask what would make it possible.",
    )


_NEG_PARTICIPLES = (
    "missed|dropped|skipped|ignored|broken|overlooked|forgotten|rushed|dismissed|mishandled|botched|"
    "neglected|violated|bypassed|leaked|misconfigured|miscommunicated|deleted|wiped|misunderstood|mislabell?ed"
)
_OWED_STEPS = frozenset(
    [
        "tested",
        "reviewed",
        "communicated",
        "updated",
        "documented",
        "followed",
        "checked",
        "approved",
        "shared",
        "announced",
        "escalated",
        "flagged",
        "reported",
        "fixed",
        "addressed",
        "completed",
        "verified",
        "merged",
        "deployed",
        "rolled",
        "told",
        "sent",
        "done",
        "written",
        "run",
        "monitored",
        "signed",
    ]
)
_PASSIVE_RE = re.compile(
    rf"\b(?:was|were|has\s+been|have\s+been|had\s+been|got|gets|is\s+being|are\s+being)\s+"
    rf"(?:(?P<neg>not|never)\s+)?(?:\w+ly\s+)?(?P<pp>{_NEG_PARTICIPLES}|\w+ed|made|done|sent|told|left|written|"
    rf"given|taken|shown|built|run|said|seen|known)\b"
    rf"|\b(?:wasn't|weren't|hasn't\s+been|haven't\s+been)\s+(?:\w+ly\s+)?(?P<pp2>\w+ed|done|sent|told|written|run)\b",
    re.I,
)
_HIDDEN_DECISION_RE = re.compile(r"\bit\s+(?:was|has\s+been)\s+(?:decided|agreed|determined|felt)\b", re.I)
_MISTAKES_MADE_RE = re.compile(r"\b(?:mistakes|errors|bad\s+calls|assumptions)\s+(?:were|have\s+been)\s+made\b", re.I)
_BY_AGENT_RE = re.compile(r"\s+(?:\w+\s+){0,3}?by\s+(?:[A-Z]\w+|me|us|you|him|her|them|the\s+\w+|our|my|his|their)")


def _actor_hidden(text: str, m: re.Match[str]) -> bool:
    if _BY_AGENT_RE.match(text, m.end()):
        return False
    if subject_kind(text, m.start()) == "self":
        return False  # "I was blocked", "we were delayed": the writer is the subject
    pp = (m.group("pp") or "").lower()
    pp = pp or (m.group("pp2") or "").lower()
    negated = bool(m.group("neg")) or bool(m.group("pp2"))
    failure = bool(re.fullmatch(_NEG_PARTICIPLES, pp))
    # Negation only hides an actor for steps someone owed: "the runbook wasn't updated", not "it wasn't discussed".
    negated = negated and pp in _OWED_STEPS
    without = bool(re.match(r"\s+without\b", text[m.end() :]))
    return failure or negated or without


def check_passive(text: str, ctx: CheckContext) -> list[Finding]:
    found = matches(_PASSIVE_RE, text, _actor_hidden) + matches(_HIDDEN_DECISION_RE, text)
    found += matches(_MISTAKES_MADE_RE, text)
    return to_findings(
        found,
        text,
        "tone.passive",
        Severity.WARNING,
        message="'{span}' hides who did what, which reads as evasive.",
        fix="Name the actor in active voice ('I missed the deadline', 'we decided in Tuesday's review').",
    )


_ACRONYM_RE = re.compile(r"(?<![\w/;-])[A-Z][A-Z&]{1,5}s?(?![\w;-])")
_SERVICE_RE = re.compile(r"\b[a-z]+(?:-[a-z0-9]+)*-(?:api|service|svc|worker|scorer|db|relay|gateway|proxy|job)\b")
_JARGON_RE = phrase_pattern(tuple(JARGON_TERMS))
_EXPLAINED_RE = re.compile(r"\s*(?:\(|,\s+(?:which|i\.e\.|meaning|that\s+is)|—|–|:\s+(?:the|a|an)\b)")


def _jargon_spans(text: str, *, exec_audience: bool) -> list[tuple[int, int]]:
    masked = mask_code(text)
    spans: list[tuple[int, int]] = []
    if exec_audience:
        # The team template: no service names for executives unless explained ("the payout system", not payout-api).
        spans += [(m.start(), m.end()) for m in re.finditer(r"`[^`\n]+`", text)]
        spans += [(m.start(), m.end()) for m in _SERVICE_RE.finditer(masked)]
    spans += [(m.start(), m.end()) for m in _JARGON_RE.finditer(masked)]
    for m in _ACRONYM_RE.finditer(masked):
        word = m.group(0).rstrip("s") if m.group(0).endswith("s") and len(m.group(0)) > 2 else m.group(0)
        if word.lower() not in BUSINESS_ACRONYMS and m.group(0).lower() not in BUSINESS_ACRONYMS:
            spans.append((m.start(), m.end()))
    return sorted(spans)


def check_jargon(text: str, ctx: CheckContext) -> list[Finding]:
    if ctx.audience not in ("exec", "product"):
        return []
    out: list[Finding] = []
    seen: set[str] = set()
    for start, end in _jargon_spans(text, exec_audience=ctx.audience == "exec"):
        term = text[start:end].strip("`").lower()
        defined = re.search(rf"\(\s*{re.escape(text[start:end])}\s*\)", text) is not None
        if term in seen or defined or _EXPLAINED_RE.match(text, end):
            continue
        seen.add(term)
        out.append(
            make(
                "tone.jargon",
                Severity.WARNING,
                text,
                start,
                end,
                message=f"'{text[start:end]}' is jargon for a {ctx.audience} audience.",
                fix="Say what it means for them in plain words (outcome, risk, cost, timing), or explain it once.",
            )
        )
    return out


RULES = (
    Rule(
        "tone.exaggeration",
        Severity.WARNING,
        ("note", "status"),
        "Risk talk is factual: don't exaggerate and don't play it down (T13).",
        check_exaggeration,
    ),
    Rule(
        "tone.demand",
        Severity.WARNING,
        ("note", "status"),
        "Deadlines land better as shared goals with a reason than as demands (T12).",
        check_demand,
    ),
    Rule(
        "tone.passive",
        Severity.WARNING,
        ("note", "sbi", "status"),
        "Actor-hiding passive ('mistakes were made') reads as evasive; name who did what.",
        check_passive,
    ),
    Rule(
        "tone.jargon",
        Severity.WARNING,
        ("note", "status"),
        "Executives and product need outcome, risk, cost and timing in plain language (T9).",
        check_jargon,
    ),
)
