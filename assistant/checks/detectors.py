"""Reusable detectors. The SBI skill calls these in code to decide whether to ask the user or draft an answer:
is there a concrete moment (``time_or_place_anchors``), an observable action (``observable_actions``), an effect
(``impact_phrases``), or a judgement of the person (``person_labels``)?

Each returns spans into the given text, in order of position.
"""

from __future__ import annotations

import re

from assistant.checks.base import Span
from assistant.checks.lexicon import (
    AMBIGUOUS_LABELS,
    LABEL_ADJECTIVES,
    LABEL_NOUNS,
    LABEL_PHRASES,
    NON_OBSERVABLE_VERBS,
    OBSERVABLE_VERBS,
)
from assistant.checks.subjects import is_name, subject_kind
from assistant.checks.text import Segment, mask_code, mask_quotes, phrase_pattern, words

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_EVENT = (
    r"(?:stand-?up|meeting|review|retro|retrospective|planning|call|demo|1:1|one-on-one|1-on-1|incident|channel|"
    r"thread|sync|kick-?off|workshop|interview|all-hands|offsite|sprint|release|PR|pull request|postmortem|"
    r"post-mortem|huddle|session|presentation|refinement|grooming|war room|chat|DM|email|doc|deploy|deployment|"
    r"rollout|launch|hackathon|town hall|showcase|handover|pairing|bridge|rotation|shift|cutover|migration|"
    r"on-call|walkthrough|check-in|update|report|briefing|lunch)"
)
# A specific occurrence ("the design review", "Tuesday's standup"), not a habit ("in meetings", "lately").
_SPECIFIC = (
    rf"(?:the|this|that|last|yesterday(?:'s|’s)|today(?:'s|’s)|tonight(?:'s|’s)|this\s+\w+(?:'s|’s)|"
    rf"{_WEEKDAY}(?:'s|’s)?|our|your|my|his|her|their)"
)
# Sweeping words about how often something happens: the tone.absolute rule, and the SBI skill telling a claimed
# pattern ("you can never count on her") from a fact.
ABSOLUTE_RE = re.compile(
    r"\b(?:always|never|constantly|continually|continuously|forever|every\s+(?:single\s+)?time|each\s+time|"
    r"all\s+the\s+time|without\s+fail|non-?stop|24/7|every\s+(?:single\s+)?(?:day|meeting|standup|stand-up|sprint|"
    r"review|retro|week|release|PR|call|demo))\b",
    re.I,
)
_ANCHOR_RE = re.compile(
    rf"""(?<!\w)(?:yesterday(?:'s|’s)?|today(?:'s|’s)?|this\s+(?:morning|afternoon|evening|week|sprint)(?:'s|’s)?|
    last\s+(?:night|week|sprint|month|{_WEEKDAY})(?:'s|’s)?|tonight|earlier\s+today|
    (?:on\s+)?{_WEEKDAY}(?:'s|’s)?(?:\s+(?:morning|afternoon|evening))?|
    \d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|
    at\s+\d{{1,2}}(?::\d{{2}}|\s*(?:am|pm))|\d{{1,2}}:\d{{2}}|\d{{1,2}}\s*(?:am|pm)|
    (?:in|during|at|on|after|before|from|into|under)\s+{_SPECIFIC}\s+(?:[\w'’:#-]+\s+){{0,4}}?{_EVENT}\b|
    \#[a-z][\w-]+|(?:PR|MR)\s*\#?\d+|\b[A-Z]{{2,}}-\d[\d-]*)""",
    re.IGNORECASE | re.VERBOSE,
)

_COPULA = (
    r"(?:(?<=[a-z])(?:'s|’s|'re|’re)|(?<![\w-])(?:is|are|was|were|am|be|been|being|seems?|seemed|"
    r"comes?\s+across\s+as|came\s+across\s+as|"
    r"sounds?|sounded|looks?|looked|acts?|acted|acting|gets?|got|getting|can\s+be|could\s+be|keeps?\s+being|"
    r"kept\s+being|remains?|remained|becomes?|became|stop\s+being|quit\s+being|don't\s+be|do\s+not\s+be))"
)
_INTENSIFIER = (
    r"(?:so|too|very|really|pretty|quite|just|a\s+bit|kind\s+of|sort\s+of|a\s+little|incredibly|extremely|super|"
    r"rather|totally|completely|always|often|sometimes|constantly|still|being|getting|such|becoming|also|genuinely|"
    r"honestly|clearly|simply|a|an|the|most|more|plain|downright|utterly|absolutely|increasingly|kinda|frankly|"
    r"bit|such\s+an?|not\s+only)"
)
_LABEL_WORD = "|".join(sorted((re.escape(w) for w in LABEL_ADJECTIVES | LABEL_NOUNS), key=len, reverse=True))
_LABEL_AFTER_COPULA_RE = re.compile(
    rf"{_COPULA}\s+(?:{_INTENSIFIER}\s+){{0,4}}(?P<label>{_LABEL_WORD})(?![\w-])", re.IGNORECASE
)
_INDIVIDUAL = (
    r"(?:person|people|engineers?|developers?|devs?|colleagues?|teammates?|hires?|interns?|contractors?|"
    r"reviewers?|managers?|leads?|guys?|attitude|personality|character|mindset|behaviou?r)"
)
_LABEL_BEFORE_PERSON_RE = re.compile(rf"(?<![\w-])(?P<label>{_LABEL_WORD})\s+{_INDIVIDUAL}\b", re.IGNORECASE)
_LABEL_PHRASE_RE = phrase_pattern(LABEL_PHRASES)
_PRONOUN_BEFORE_RE = re.compile(r"\b(?:he|she|you)\s*$", re.IGNORECASE)
_STOP_BEING_RE = re.compile(r"\b(?:stop|quit)\s+being|don't\s+be|do\s+not\s+be", re.IGNORECASE)
# "difficult to operate" describes a thing; "difficult to work with" describes a person.
_TO_THING_RE = re.compile(r"\s+to\s+(?!work\b|deal\b|talk\b|reach\b|manage\b|get\s+along\b|be\s+around\b)\w+", re.I)

_DID_NOT_RE = re.compile(r"\b(?:did\s+not|didn't|didn’t|never)\s+(?P<verb>[a-z]+)", re.IGNORECASE)
_LATE_RE = re.compile(r"\b(?:was|were|arrived|came|joined|showed\s+up)\s+(?:\w+\s+)?(?:late|early|on\s+time)\b", re.I)
_SUBJECT_ED_RE = re.compile(r"\b(?:you|he|she|they|I)\s+(?:also\s+|then\s+|just\s+)?(?P<verb>[a-z]+ed)\b", re.I)

_IMPACT_RE = re.compile(
    r"""\b(?:which\s+meant|that\s+meant|meant\s+that|meant|as\s+a\s+result|led\s+to|leads\s+to|caused|causes|
    resulted\s+in|so\s+(?:the|we|I|she|he|they|our|nobody|no\s+one)|I\s+felt|I\s+feel|I\s+was\s+\w+|
    made\s+it\s+(?:hard|harder|easier|difficult|possible|impossible)|made\s+(?:me|us|the\s+team|them|her|him)|
    had\s+to|has\s+had\s+to|spent|lost|delayed|delays|blocked|blocks|took\s+(?:longer|\w+\s+(?:hours?|days?|weeks?|
    minutes?))|couldn't|could\s+not|confused|confusion|hesitated|stopped|saved|saves|helped|helps|unblocked|
    let\s+\w+|allowed|enabled|slowed|slipped|missed\s+the|rework|redo|redid|frustrat\w*|worried|concerned|
    relieved|morale|trust|customers?|users?|merchants?|sellers?|the\s+team|teammates|on-call|pages?|paged|
    hours?|days?|weeks?|affected|impacted|disrupted|derailed|broke|outage|quieter|less|fewer|more\s+\w+)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _span(seg: Segment | re.Match[str], group: int | str = 0) -> Span:
    if isinstance(seg, Segment):
        return Span(start=seg.start, end=seg.end, text=seg.text)
    return Span(start=seg.start(group), end=seg.end(group), text=seg.group(group))


def _ordered(spans: list[Span]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if any(a <= s.start and s.end <= b for a, b in seen):
            continue
        seen.add((s.start, s.end))
        out.append(s)
    return out


def time_or_place_anchors(text: str) -> list[Span]:
    """When or where something happened: "yesterday", "in Tuesday's standup", "during the 14 March release",
    "on the incident call", "in #payments", "PR #482"."""
    return _ordered([_span(m) for m in _ANCHOR_RE.finditer(mask_code(text))])


def person_labels(text: str) -> list[Span]:
    """Character judgements about a person: "Sam is lazy", "you're being so negative", "a sloppy engineer",
    "not a team player". Words describing things ("lazy loading", "a difficult migration") are not labels."""
    masked = mask_quotes(text)
    spans = [_span(m) for m in _LABEL_PHRASE_RE.finditer(masked)]
    spans += [_span(m, "label") for m in _LABEL_BEFORE_PERSON_RE.finditer(masked) if _attributive_ok(m)]
    for m in _LABEL_AFTER_COPULA_RE.finditer(masked):
        label = m.group("label").lower()
        if label in AMBIGUOUS_LABELS and _TO_THING_RE.match(masked, m.end()):
            continue
        stop = _STOP_BEING_RE.match(masked, m.start())
        # "Tell him he is lazy": the pronoun right before the verb is the subject, whatever opens the clause.
        right_before = _PRONOUN_BEFORE_RE.search(masked, 0, m.start()) or _name_before(masked, m.start())
        kind = "person" if stop or right_before else subject_kind(masked, m.start())
        if kind == "person" or (kind == "they" and label not in AMBIGUOUS_LABELS):
            spans.append(_span(m, "label"))
    return _ordered(spans)


def _name_before(text: str, pos: int) -> bool:
    """A name right before the verb is its subject, whatever opens the clause ("Agree that Marcus is unreliable")."""
    before = words(text[:pos])
    return bool(before) and is_name(text, before[-1])


def _attributive_ok(m: re.Match[str]) -> bool:
    return m.group("label").lower() not in AMBIGUOUS_LABELS or m.group(0).lower().endswith(("person", "people"))


def observable_actions(text: str) -> list[Span]:
    """Verbs of observable behaviour: what a camera would have recorded ("interrupted", "merged", "skipped",
    "arrived late", "didn't reply"). Inner states ("wanted", "felt", "didn't care") are not actions."""
    masked = mask_code(text)
    spans = [_span(w) for w in words(masked) if w.text.lower() in OBSERVABLE_VERBS]
    spans += [_span(m) for m in _LATE_RE.finditer(masked)]
    for m in _DID_NOT_RE.finditer(masked):
        if m.group("verb").lower() not in NON_OBSERVABLE_VERBS and m.group("verb").lower() not in {"bother", "seem"}:
            spans.append(_span(m))
    for m in _SUBJECT_ED_RE.finditer(masked):
        if m.group("verb").lower() not in NON_OBSERVABLE_VERBS:
            spans.append(_span(m, "verb"))
    return _ordered(spans)


def impact_phrases(text: str) -> list[Span]:
    """Effects on people or work: "which meant", "the team had to", "I was worried", "delayed", "customers",
    "took two extra days", "helped", "saved"."""
    return _ordered([_span(m) for m in _IMPACT_RE.finditer(mask_code(text))])


def named_people(text: str) -> list[Span]:
    """Capitalised words that look like people's names."""
    return [_span(w) for w in words(text) if is_name(text, w)]
