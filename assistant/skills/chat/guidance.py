"""The team's own guidance for a question, picked by code: the sentences of the retrieved passages that share the
most content words with the question, quoted exactly with their citation.

Code quotes so the citation is always real and the words are the team's: the embedded model, handed whole chunks,
paraphrased them loosely, cited paths it was not given, and spent most of its 20-second budget reading them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from assistant.skills.chat.roles import NOT_NAMES, Role
from assistant.skills.grounding import Source, content_words

# Words a role makes relevant even when the question does not use them ("my manager" -> the upward feedback section).
ROLE_WORDS: dict[Role, str] = {
    "report": "feedback 1:1 one-on-one behaviour impact expectations",
    "peer": "peer directly feedback",
    "manager": "upward lead manager escalate",
    "other_team": "cross-team stakeholder dependency escalate",
    "stakeholder": "stakeholder audience update product",
    "self": "",
    "none": "",
}
# What leads say, mapped to the words the team's guides use for it ("missed two deadlines" is underperformance in the
# difficult-conversations guide). Used to search and to match sentences, never shown.
TOPIC_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"deadlines?|late\b|slipp\w*|missed|behind|underperform\w*|not delivering|performance",
        "underperformance expectations examples gap",
    ),
    (r"1:1|1-1|one[- ]on[- ]one|one on one", "one-on-one agenda"),
    (r"cancel\w*|reschedul\w*|skipp\w* (?:our|the|my) 1:1|moved (?:our|the) 1:1", "rescheduling cancelling"),
    (r"prais\w*|great job|recogni\w*|thank\w*|shout-?out|kudos", "positive feedback recognition specific"),
    (r"quiet|struggl\w*|withdrawn|disengag\w*|checked out", "wellbeing connection open questions"),
    (r"burn\w*|exhaust\w*|tired|overwork\w*|late at night|working late|weekends?", "burnout workload signals"),
    (r"conflict|argu\w*|fight\w*|clash\w*|don't get along|tension", "conflict peers directly"),
    (r"push(?:ed|ing)? back|pushback|disagree\w*|decision", "pushback decision concern reasoning commit"),
    (r"promot\w*|next level|senior|staff|career", "career ladder level promotion expectations"),
    (r"status update|update for|exec\w*|leadership|red\b|amber", "status update executives headline"),
    (r"delegat\w*|bottleneck|hand(?:ing)? (?:it )?over|handover|ownership|take over", "ownership delegate decisions"),
    (r"merg\w*|pull requests?|\bprs?\b|code reviews?|approv\w*", "review approval pull request"),
    (r"standups?|meetings?|interrupt\w*|talks over|cut\w* (?:in|off)", "meeting norms"),
    (
        r"(?:design|arch\w*) reviews?|planning|retros?|speak(?:s|ing)? up|never says|says nothing|silent",
        "meeting facilitator quieter people space",
    ),
    (r"on-?call|incident|outage|pager|sev\d?", "on-call incident"),
    (r"scope|roadmap|commit\w* dates?|priorit\w*|promis\w*", "stakeholder scope planning priorities"),
    (r"api|broke|breaking|dependency|integration", "dependency escalate stakeholder"),
    (r"feedback|scold\w*|criticis\w*|harsh", "feedback behaviour impact situation"),
    (r"new hire|onboard\w*|first week|joined", "onboarding buddy first"),
)
# Too generic to show that a sentence answers the question.
_WEAK = frozenset(
    {"lead", "engineer", "work", "time", "week", "thing", "say", "ask", "talk", "raise", "feel", "know", "every",
     "really", "actually", "hard", "lot", "keep", "back", "still", "without", "last", "next",
     # Role nouns say who, not what about ("my report" is not the status report section).
     "report", "manager", "peer", "boss", "director", "colleague", "pm",
     # Counts and times of day are everywhere in a team's documents.
     "two", "three", "four", "five", "twice", "day", "days", "night", "today", "month", "year"}
)  # fmt: skip
MAX_QUOTE_WORDS = 45
# A passage counts as covering the question when it shares this many of the question's own content words.
MIN_SHARED = 2
# How much closeness in meaning (cosine, 0-1) counts against shared words (2 points each).
DENSE_WEIGHT = 8.0
# Matters where a loosely related passage is worse than none: pay, visas, the law, health, surveillance, reorgs. The
# quote must name the matter itself ("compensation"), or the answer says the documents do not cover it.
SENSITIVE = re.compile(
    r"\b(?:salar\w*|pay\s?(?:band|rise|raise)s?|compensation|bonus\w*|visas?|work permit|immigration|sponsor\w*|"
    r"legal\w*|lawyer|law|lawsuit|sue|surveil\w*|monitor\w*|track\w* software|keystrokes?|screenshots?|"
    r"medical|diagnos\w*|pregnan\w*|parental leave|maternity|paternity|sick leave|"
    r"reorg\w*|restructur\w*|layoffs?|redundanc\w*)\b",
    re.IGNORECASE,
)


class Guidance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: str
    citation: str
    path: str
    heading: str
    shared: list[str]  # the question's words the quote shares: why this passage was picked


def _plain(text: str) -> str:
    """Markdown to plain sentences: no headings, list marks, emphasis, code ticks or table rules."""
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "|", "---", "```", "<")):
            continue
        unmarked = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", stripped)
        plain = re.sub(r"[*_`]{1,3}([^*_`]+)[*_`]{1,3}", r"\1", unmarked)
        lines.append(plain if re.search(r"[.!?:]$", plain) else plain + ".")
    return " ".join(lines)


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", _plain(text))
    return [p.strip() for p in parts if 5 <= len(p.split()) <= MAX_QUOTE_WORDS]


def topic_words(question: str) -> str:
    """The guides' words for what the question is about."""
    return " ".join(words for cue, words in TOPIC_WORDS if re.search(rf"\b(?:{cue})", question, re.IGNORECASE))


def search_query(question: str, role: Role) -> str:
    return " ".join(part for part in (question, topic_words(question), ROLE_WORDS[role]) if part)


def _common_words(sentence: str) -> set[str]:
    """Content words without the proper nouns: "Because Hannah and Tomás are in Toronto…" is a roster line, and
    sharing a name with the question ("hannah asked me…") does not make it guidance."""
    body = re.sub(r"(?<=[\w,;:)] )[A-Z][\w'’-]*", " ", sentence)
    return content_words(body)


def focus(question: str) -> str:
    """The sentences of the question that ask something ("how do i raise it?"): in a long note, the asking sentence
    says what the lead wants to know; the story before it says why."""
    said = re.split(r"(?<=[.!?])\s+", question.strip())
    asking = [s for s in said if "?" in s or re.match(r"(?i)\s*(?:how|what|should|can|do|is|when|who)\b", s)]
    return " ".join(asking) or question


class _Candidate(NamedTuple):
    score: float
    at: int  # the sentence's index in ``said``
    shared: set[str]
    source: Source
    said: list[str]  # the passage's sentences, split once


def _candidates(source: Source, said: list[str], rank: int, asked: set[str], hinted: set[str]) -> list[_Candidate]:
    """Each sentence of the passage that shares enough with the question, scored."""
    heading_words = content_words(source.heading)
    found = []
    for index, sentence in enumerate(said):
        words = _common_words(sentence)
        shared = asked & (words | heading_words)
        if len(shared) < MIN_SHARED or not asked & words:
            continue
        # The question's own words count most; role words and retrieval rank break ties.
        score = 2 * len(asked & words) + 2 * len(asked & heading_words) + 0.5 * len(hinted & words) - 0.3 * rank
        found.append(_Candidate(score, index, shared, source, said))
    return found


def _quote(said: list[str], index: int, asked: set[str]) -> str:
    """The sentence, and the next one when it fits and shares a word with the question (the concrete half)."""
    quote = said[index]
    follow = said[index + 1] if index + 1 < len(said) else ""
    if follow and len((quote + " " + follow).split()) <= MAX_QUOTE_WORDS and asked & content_words(follow):
        quote = f"{quote} {follow}"
    return quote


Similarity = Callable[[str, Sequence[str]], list[float]]


def pick(
    question: str,
    role: Role,
    sources: Sequence[Source],
    guide_types: Sequence[str] = (),
    similar: Similarity | None = None,
) -> Guidance | None:
    """The best one or two adjacent sentences, or ``None`` when no passage shares enough of the question's words
    (then the answer says the team's documents do not cover it). Passages of ``guide_types`` come first: a status
    report or an ADR that happens to share words is a fact about the team, not advice. ``similar`` (the index's
    embedder) adds how close each sentence is in meaning to what the question asks, so the sentence that answers
    wins over one that only shares more words with a long note's story."""
    # Colleagues' names match roster lines ("Jun Park meets Priya weekly"), not guidance.
    names = content_words(" ".join(w for w in re.findall(r"\b[A-Z][a-z]+\b", question) if w not in NOT_NAMES))
    asked = (content_words(question) - names | content_words(topic_words(question))) - _WEAK
    hinted = content_words(ROLE_WORDS[role]) - asked
    # Guides first; a status report or an ADR only when no guide shares enough (then it is the best the team has).
    ordered = [s for s in sources if not guide_types or s.doc_type in guide_types]
    others = [s for s in sources if guide_types and s.doc_type not in guide_types]
    for group in (ordered, others):
        found = [
            candidate
            for rank, source in enumerate(group)
            for candidate in _candidates(source, sentences(source.text), rank, asked, hinted)
        ]
        if found:
            break
    else:
        return None
    if similar is not None:
        meaning = similar(focus(question), [f"{c.source.heading}: {c.said[c.at]}" for c in found])
        found = [c._replace(score=c.score + DENSE_WEIGHT * m) for c, m in zip(found, meaning, strict=True)]
    best = max(found, key=lambda c: c.score)
    quote, source, shared = _quote(best.said, best.at, asked), best.source, best.shared
    if SENSITIVE.search(question) and not SENSITIVE.search(quote):
        return None
    return Guidance(
        quote=quote, citation=source.citation, path=source.path, heading=source.heading, shared=sorted(shared)
    )
