"""Tone rules about how a message is written (domain.md §7.2 T3, T8, T11, T12, T13, T15 and actor-hiding passive).

Vague asks and vague praise are only flagged when nothing concrete follows; a hedge or a deadline is only flagged in
the wording that weakens or pressures (a reason attached to a deadline makes it a shared goal, not a demand).
"""

from __future__ import annotations

import re

from assistant.checks.base import CheckContext, Finding, Rule, Severity
from assistant.checks.detectors import observable_actions, time_or_place_anchors
from assistant.checks.lexicon import CRITIQUE_CUES, PRAISE_WORDS
from assistant.checks.rulekit import matches, next_word, to_findings
from assistant.checks.text import WORD_RE, Segment, make, sentence_at, sentences

_HEDGE_RE = re.compile(
    r"\b(?:maybe|perhaps|possibly|I\s+(?:don't\s+|do\s+not\s+)?think|I\s+guess|I\s+feel\s+like|I\s+suppose|"
    r"sort\s+of|kind\s+of|kinda|somewhat|a\s+tad|you\s+(?:might|may)\s+have|just\s+wondering|I\s+was\s+wondering|"
    r"not\s+(?:entirely\s+)?sure\s+(?:if|whether)|if\s+that\s+makes\s+sense|I\s+(?:might|could)\s+be\s+wrong|"
    r"no\s+big\s+deal|not\s+a\s+big\s+deal|probably\s+nothing|just\s+a\s+(?:thought|small\s+thing)|"
    r"a\s+little\s+bit|I\s+don't\s+know\s+if|it's\s+(?:only|just)\s+a\s+(?:minor|small|tiny)\s+thing)\b",
    re.I,
)
# "what kind of tests", "the sort of issue": noun uses of kind/sort.
_NOUN_KIND_RE = re.compile(r"(?:what|which|this|that|the|any|some|a|one|same|every|each|different|these)\s+$", re.I)


def _hedge_ok(text: str, m: re.Match[str]) -> bool:
    low = m.group(0).lower()
    if low.startswith(("kind", "sort")):
        return not _NOUN_KIND_RE.search(text[max(0, m.start() - 12) : m.start()])
    return True


def check_hedge(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(_HEDGE_RE, text, _hedge_ok),
        text,
        "tone.hedge",
        Severity.WARNING,
        message="'{span}' hedges or downplays the message.",
        fix="Say it directly and kindly: state what happened and what you'd like, without 'maybe' or 'I think'.",
    )


_VAGUE_RE = re.compile(
    r"\b(?:be\s+(?:a\s+bit\s+|much\s+)?more\s+(?:proactive|careful|professional|strategic|visible|engaged|"
    r"responsible|accountable|senior|mature|thoughtful|present|collaborative|organi[sz]ed|reliable|confident|"
    r"assertive|detail-oriented|productive|efficient|responsive|involved|vocal|open|focused|of\s+a\s+leader)|"
    r"step\s+up(?:\s+your\s+game)?|(?:up|raise)\s+your\s+game|improve\s+(?:your|the|our)\s+(?:communication|"
    r"attitude|quality|code|work|performance|game|testing|skills|focus|ownership)|communicate\s+better|"
    r"(?:take|show)\s+(?:more|some)\s+(?:ownership|initiative|leadership|responsibility|accountability)|"
    r"be\s+a\s+(?:better\s+)?team\s+player|do\s+better|pay\s+more\s+attention|work\s+smarter|try\s+harder|"
    r"tighten\s+(?:it|things|this)\s+up|sort\s+(?:it|this|things)\s+out|fix\s+your\s+attitude|"
    r"(?:we|you)\s+(?:really\s+)?need\s+to\s+improve(?:\s+(?:our|your|the)\s+\w+)?|own\s+it\s+more|"
    r"put\s+in\s+more\s+effort|get\s+your\s+act\s+together|raise\s+the\s+bar|"
    r"be\s+better\s+at\s+(?:communicating|communication|planning|testing))\b",
    re.I,
)
_CONCRETE_RE = re.compile(
    r"\b(?:by\s+\w+ing|for\s+example|e\.g\.|for\s+instance|such\s+as|specifically|concretely|that\s+means|"
    r"which\s+means|like\s+\w+ing|starting\s+with|next\s+time\s+(?:you|we|in|before|when)|before\s+(?:you|the|each|"
    r"merging|opening|the)|when\s+you|each\s+time\s+you|every\s+PR)\b|\d|#\w|`",
    re.I,
)


def _vague_ok(text: str, m: re.Match[str]) -> bool:
    sent = sentence_at(text, m.start())
    rest = text[m.end() : sent.end]
    if _CONCRETE_RE.search(rest) or time_or_place_anchors(sent.text):
        return False
    follow = _next_sentence(text, sent)
    return not (
        follow and re.match(r"(?:for\s+example|e\.g\.|concretely|specifically|that\s+means)", follow.text, re.I)
    )


def _next_sentence(text: str, sent: Segment) -> Segment | None:
    return next((s for s in sentences(text) if s.start >= sent.end), None)


def check_vague(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(_VAGUE_RE, text, _vague_ok),
        text,
        "tone.vague",
        Severity.WARNING,
        message="'{span}' is not actionable: it names no behaviour and no next step.",
        fix="Say exactly what to do differently and when, e.g. 'post the rollout risk in the design doc first'.",
    )


_PRAISE_RE = re.compile(
    r"\b(?:great|good|nice|awesome|amazing|excellent|fantastic|brilliant|solid|stellar)\s+(?:job|work|stuff|"
    r"effort|one)|well\s+done|keep\s+it\s+up|keep\s+up\s+the\s+(?:good|great)\s+work|you\s+rock|"
    r"(?:you're|you\s+are)\s+doing\s+(?:great|amazing|awesome|well)|doing\s+a\s+(?:great|good|fantastic)\s+job|"
    r"love\s+it|kudos|you\s+communicate\s+well|rock\s*star|nailed\s+it|crushed\s+it|killing\s+it|"
    r"thanks\s+for\s+(?:everything|all\s+(?:your|the)\s+(?:hard\s+)?work)|great\s+team\s+player",
    re.I,
)
_NEGATIVE_EVENT = frozenset(
    [
        "breaking",
        "crashing",
        "missing",
        "forgetting",
        "deleting",
        "ignoring",
        "taking",
        "wiping",
        "nuking",
        "losing",
        "skipping",
    ]
)
_SPECIFIC_OBJECT_RE = re.compile(
    r"\s*(?:on|for|with|in)\s+(?:the|your|our|this|that|[\w]+(?:'s|’s))\s+(?!work\b|stuff\b|things\b|job\b|"
    r"effort\b|project\b|everything\b|lately\b)[\w-]+",
    re.I,
)


# "this sprint" or "today" dates the praise but does not say what was good.
_BARE_PERIOD_RE = re.compile(
    r"(?:this|last)\s+(?:week|sprint|month|quarter)|today|yesterday|tonight|lately|recently", re.I
)


def _praise_is_vague(text: str, m: re.Match[str]) -> bool:
    if next_word(text, m.end()) in _NEGATIVE_EVENT:
        return False  # "Great job breaking prod" is sarcasm, not praise
    if _SPECIFIC_OBJECT_RE.match(text, m.end()):
        return False
    sent = sentence_at(text, m.start())
    follow = _next_sentence(text, sent)
    window = sent.text + (" " + follow.text if follow else "")
    window_wo = window.replace(m.group(0), " ")
    anchors = [a for a in time_or_place_anchors(window_wo) if not _BARE_PERIOD_RE.fullmatch(a.text)]
    return not (anchors or observable_actions(window_wo) or re.search(r"\d", window_wo))


def check_vague_praise(text: str, ctx: CheckContext) -> list[Finding]:
    return to_findings(
        matches(_PRAISE_RE, text, _praise_is_vague),
        text,
        "tone.vague_praise",
        Severity.WARNING,
        message="'{span}' is praise with nothing specific attached, so it teaches nothing and can sound insincere.",
        fix="Name what they did, when, and why it helped, e.g. 'your runbook on Thursday let Aisha fix it in a day'.",
    )


_CONTRAST_RE = re.compile(r"\b(?:but|however|although|though|that\s+said|having\s+said\s+that)\b", re.I)
_CONTRAST_WORDS = frozenset({"but", "however", "although", "though"})
_REQUEST_RE = re.compile(
    r"\b(?:could\s+you|would\s+you|can\s+you|would\s+be\s+good|it'd\s+be\s+good|next\s+time|going\s+forward|"
    r"in\s+future|please|I'd\s+like|I\s+need)\b",
    re.I,
)


def _chunk_label(chunk: str, after_contrast: bool) -> str:
    tokens = {w.lower() for w in WORD_RE.findall(chunk)} - _CONTRAST_WORDS
    critique = bool(tokens & CRITIQUE_CUES) or bool(_REQUEST_RE.search(chunk))
    praise = bool(tokens & PRAISE_WORDS) and not (tokens <= {"thanks", "thank", "you"})
    if praise and not critique:
        return "P"  # "But overall I really appreciate…" closes with praise even after a contrast word
    return "C" if critique or after_contrast else "-"


def _chunks(text: str) -> list[str]:
    labels = []
    for sent in sentences(text):
        pieces = _CONTRAST_RE.split(sent.text)
        for k, piece in enumerate(pieces):
            label = _chunk_label(piece, after_contrast=k > 0)
            if label != "-":
                labels.append(label)
    return labels


def check_sandwich(text: str, ctx: CheckContext) -> list[Finding]:
    labels = _chunks(text)
    if len(labels) >= 3 and labels[0] == "P" and labels[-1] == "P" and "C" in labels[1:-1]:
        msg = "Praise, then criticism, then praise: the sandwich dilutes the point and makes praise sound insincere."
        fix = "Give the improvement feedback on its own with SBI; give praise separately, when it is specific."
        return [make("tone.sandwich", Severity.WARNING, text, 0, len(text.rstrip()), message=msg, fix=fix)]
    return []


RULES = (
    Rule(
        "tone.hedge",
        Severity.WARNING,
        ("note", "sbi"),
        "Be clear: drop 'maybe', 'I think', 'sort of' (T3).",
        check_hedge,
    ),
    Rule(
        "tone.vague",
        Severity.WARNING,
        ("note", "sbi"),
        "'Be more proactive' names no behaviour and no next step (T8).",
        check_vague,
    ),
    Rule(
        "tone.vague_praise",
        Severity.WARNING,
        ("note", "sbi"),
        "Praise follows the same rules as criticism: specific, timely, sincere (T15).",
        check_vague_praise,
    ),
    Rule(
        "tone.sandwich",
        Severity.WARNING,
        ("note",),
        "The praise-criticism-praise sandwich dilutes the message and sounds insincere (T11).",
        check_sandwich,
    ),
)
