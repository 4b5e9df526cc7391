"""Cutting a sentence of the lead's note into single-purpose facts: when, what was done, what it caused.

The embedded model fills SBI slots far better from one-job facts than from a sentence that holds all three (seen:
it copied a whole sentence into the situation). So code pulls a time or place phrase off the edge of a clause and
splits effects off at "which", "so", "meant", and each piece is tagged by the shared detectors.
"""

from __future__ import annotations

import re

from assistant.checks.detectors import impact_phrases, observable_actions, time_or_place_anchors

# A work product the person made is observable too ("your write-up of the reject codes"), mostly in praise.
WORK_PRODUCT = re.compile(
    r"\b(?:(?i:your|his|her|their)|[A-Z][a-z]+'s)\s+(?:[\w-]+\s+){0,2}?(?:write-?up|doc|docs|documentation|runbook|"
    r"review|reviews|PR|pull request|presentation|demo|talk|design|proposal|RFC|ADR|post-?mortem|analysis|fix|"
    r"patch|tests?|summary|notes|plan|update|pairing|mentoring|handover|investigation|dashboard|script)\b"
)
# Where a cause turns into its effect. The connector is dropped; a leading "which" becomes "it".
EFFECT_SPLIT = re.compile(
    r"\s*,\s*(?=which\b)|,?\s+and\s+(?=(?:I|we)\s)|,\s+and\s+(?=(?:on|then|since\s+then|after\s+that)\b)|"
    r",?\s+and\s+(?=(?:it|[A-Z][a-z]+|the\s+team|QA|support|customers|merchants)\s+(?:had\s+to|spent|lost|"
    r"could(?:n't|\s+not)?|was|were|got|broke|went|fell|rose|took|[a-z]+ed)\b)|"
    r",?\s+and\s+(?=(?:took\s+[\w-]+\s+down|broke|crashed|paged)\b)|"
    r",\s+and\s+(?=(?:(?:one|two|three|four|five|several|some|most|all|half)\s+of\s+)?(?:my|our)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:[a-z]+ed|asked|said|told|had|were|was|could|couldn't|spent|lost|got|went|took|came|stopped)\b)|"
    r",?\s+and\s+(?=(?:[a-z]+\s+){1,2}(?:doubled|tripled|dropped|spiked|broke|failed|crashed|stopped|fell|rose)\b)|"
    r",\s+so\s+|,?\s+(?:which\s+meant(?:\s+that)?|that\s+meant|meaning(?:\s+that)?|as\s+a\s+result,?|and\s+so|so\s+that|"
    r"so(?=\s+(?:the|we|i|she|he|they|our|nobody|no one|everyone|it)\b)|meant(?:\s+that)?)\s*",
    re.IGNORECASE,
)
# The anchor detector stops at the first event word; "the incident call" should not become "the incident".
_EVENT_NOUN = (
    r"(?:call|meeting|review|channel|thread|sync|session|standup|stand-up|retro|demo|planning|bridge|update|room|"
    r"kick-?off|handover|shift|rotation|outage|incident|release|deploy|deployment|migration|presentation|workshop|"
    r"1:1|one-on-one)"
)
_EVENT_TAIL = re.compile(rf"(?:(?:\s+[\w'’-]+){{0,2}}?\s+{_EVENT_NOUN}\b)+", re.IGNORECASE)
# Identifiers (PR #512, INC-2026-041, #channel) anchor a moment but belong inside the behaviour, so they stay put.
_IDENTIFIER = re.compile(r"^(?:(?:PR|MR)\s*#?\d+|#[\w-]+|[A-Z]{2,}-\d[\d-]*)$")
# "Ravi volunteered", "you gave": a person doing something in the past tense, beyond the detector's verb list.
_ACTOR_VERB = re.compile(
    r"^(?:you|he|she|they|[A-Z][a-z]+)\s+(?:also\s+|then\s+|just\s+)?(?:[a-z]+ed|said|wrote|took|gave|made|ran|led|"
    r"spoke|sent|left|came|went|built|kept|brought|told|put|set|cut|met|found|saw|began|caught|taught|"
    r"stood|sat|held|shared|drew|broke|forgot|hid|chose)\b"
)
# Only a time can be lifted off the end of a clause; "… without a message in the channel" must keep its place.
_TIME_LIKE = re.compile(
    r"^(?:on\s+|at\s+|by\s+)?(?:yesterday|today|tonight|last|this|earlier|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"\d)",
    re.IGNORECASE,
)
# What the lead asks for ("Next time, …", "Please keep doing that"): the request slot's fact, kept whole.
ASK = re.compile(
    r"^(?:next\s+time|going\s+forward|in\s+(?:the\s+)?future|from\s+now\s+on|please|could\s+you|can\s+you|"
    r"would\s+you|i'?d\s+like\s+you\s+to|i\s+would\s+like\s+you\s+to|keep\s+doing|keep\s+\w+ing)\b",
    re.IGNORECASE,
)
# "During Tuesday night's payout outage you kept …": an opening phrase up to the subject, when it holds a time.
_LEAD_PHRASE = re.compile(
    r"^(?:in|on|during|at|after|before)\s+[^,]{3,60}?(?=\s*,|\s+(?:you|he|she|they|we|I)\b)", re.IGNORECASE
)
_CONNECTOR = re.compile(r"^(?:(?:but|and|so|also|anyway|still|plus|then|oh)\b,?\s*)+", re.IGNORECASE)
# Outcomes the shared impact detector does not list ("took checkout down", "was paged").
_OUTCOME = re.compile(
    r"\b(?:took\s+[\w-]+\s+down|went\s+down|broke|outage|paged|rolled\s+back|reverted|rework|escalated)\b", re.I
)
_LEAD_SUBJECT = re.compile(r"^(?:I|we|the\s+team)\s", re.IGNORECASE)
_SLOT_TAGS = {"situation": "when", "behavior": "did", "impact": "effect"}


def tags_of(text: str, slot: str | None = None) -> list[str]:
    """What a fact can fill: "when" (a time or place), "did" (an observable action or work product), "effect".
    An answer gets only the tag of the question it answered: the lead said what it is, and one tag per fact keeps
    the model from pouring an effect into the behaviour."""
    if slot in _SLOT_TAGS:
        return [_SLOT_TAGS[slot]]
    if _LEAD_SUBJECT.match(text):
        return ["effect"]  # "I had to roll it back", "we re-planned": what it did to the lead or the team
    tags = []
    if time_or_place_anchors(text):
        tags.append("when")
    if observable_actions(text) or WORK_PRODUCT.search(text) or _ACTOR_VERB.search(text):
        tags.append("did")
    if impact_phrases(text) or _OUTCOME.search(text):
        tags.append("effect")
    return tags


def _anchors(text: str) -> list[tuple[int, int]]:
    """Time or place phrases, without identifiers, each extended over a trailing event noun."""
    out = []
    for span in time_or_place_anchors(text):
        if not _IDENTIFIER.match(span.text):
            tail = _EVENT_TAIL.match(text[span.end :])
            out.append((span.start, span.end + (tail.end() if tail else 0)))
    return out


def anchor_phrases(text: str) -> list[str]:
    return [_capital(text[start:end]) for start, end in _anchors(text)]


def leading_anchor(unit: str) -> str | None:
    """The time or place a unit opens with ("Also on Wednesday he …" -> "on wednesday"), if any."""
    body = _CONNECTOR.sub("", unit)
    spans = _anchors(body)
    return body[: spans[0][1]].lower() if spans and spans[0][0] == 0 else None


def _edge_anchor(clause: str) -> tuple[str, str]:
    """(anchor, rest) when a time or place phrase opens the clause, or a time closes it; ("", clause) otherwise.
    A phrase in the middle stays, because cutting it out would break the sentence."""
    lead = _LEAD_PHRASE.match(clause)
    if lead and _anchors(lead.group(0)):
        return lead.group(0), clause[lead.end() :].strip(" ,")
    for start, end in _anchors(clause):
        phrase = clause[start:end]
        before, after = clause[:start].strip(" ,"), clause[end:].strip(" ,.")
        if not before and after:
            return phrase, after
        if not after and before and _TIME_LIKE.match(phrase):
            return phrase, before
    return "", clause


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def split_facts(sentence: str) -> list[tuple[str, list[str]]]:
    """``"In yesterday's call you restarted the pods, which reset the metrics"`` ->
    ``[("In yesterday's call", ["when"]), ("You restarted the pods", ["did"]), ("It reset the metrics", ["effect"])]``.
    """
    sentence = _CONNECTOR.sub("", sentence.strip())
    if ASK.match(sentence):
        return [(_capital(sentence.strip(" ,.;")), ["ask"])]
    pieces = [p.strip(" ,.;") for p in EFFECT_SPLIT.split(sentence) if p and p.strip(" ,.;")]
    out: list[tuple[str, list[str]]] = []
    for index, piece in enumerate(pieces):
        rest = piece
        for _ in range(3):  # "Yesterday at 5pm he pushed …": two times, one after the other
            anchor, rest = _edge_anchor(rest)
            if not anchor:
                break
            out.append((_capital(anchor), ["when"]))
        rest = re.sub(r"^which\b", "it", _CONNECTOR.sub("", rest), flags=re.IGNORECASE)
        rest = re.sub(r"^(?=(?:took|broke|crashed|paged|caused)\b)", "it ", rest, flags=re.IGNORECASE)
        # After "so" or "which meant" a piece is an effect by position, whoever its subject is ("so she skipped").
        tags = tags_of(rest) if index == 0 else ["effect"]
        if tags and len(rest.split()) >= 2:
            out.append((_capital(rest), tags))
    return out
