"""Reading the lead's note in code: what facts it holds, what is missing, and what to ask.

The embedded model never asks by itself (measured: small-model.md), so "ask or answer" is decided here, before any
drafting: the note and the known facts are split into units, judgements are set aside, and the detectors count time
or place anchors, observable actions and effects. Nothing here calls a model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.detectors import impact_phrases, observable_actions, person_labels, time_or_place_anchors
from assistant.checks.text import sentences
from assistant.skills.sbi import Polarity, Question, SBIRequest

# Words that make a note read as angry; they are removed from the facts the model sees (defused, not refused).
PROFANITY = frozenset(
    """fuck fucking fucked fucks shit shitty bullshit crap crappy damn damned goddamn bloody ass asshole arse
    arsehole wtf piss pissed bastard dick dickhead moron morons screw screwed sucks sucked""".split()
)
_PRAISE = frozenset(
    """great good nice awesome excellent brilliant fantastic amazing impressive outstanding superb solid stellar
    wonderful terrific love loved appreciate appreciated thanks thank kudos proud helpful valuable well""".split()
)
_CRITIQUE = frozenset(
    """but however unfortunately should shouldn't must please problem issue late missed didn't wasn't don't doesn't
    never always wrong mistake broke ignored skipped rushed stop again annoying annoyed frustrating frustrated
    disappointing disappointed worried sloppy careless instead""".split()
)
_NEW_TOPIC = re.compile(r"^\s*(?:also|another thing|plus|on top of that|separately|and also|oh and|besides)\b", re.I)
_SPLIT = re.compile(r"\s*(?:;|,?\s+but\s+|,?\s+however,?\s+|\s+-\s+)\s*", re.IGNORECASE)
_NON_ANSWER = re.compile(
    r"^\s*(?:n/?a|no idea|not sure|don'?t know|dunno|i don'?t remember|can'?t remember|nothing|none|skip|"
    r"always|all the time|every time|constantly|lately|-+|\?+)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class Analysis(BaseModel):
    """What the code found in the note. Stored in the graph state, so JSON-native."""

    model_config = ConfigDict(extra="forbid")

    polarity: Polarity
    facts: list[str]
    topics: list[str] = Field(default_factory=list)
    separate: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    profanity: list[str] = Field(default_factory=list)
    has_situation: bool = False
    has_behavior: bool = False
    has_impact: bool = False

    @property
    def hostile(self) -> bool:
        return bool(self.profanity) or len(self.labels) >= 2

    @property
    def needs_focus(self) -> bool:
        return len(self.topics) > 1

    def missing(self) -> list[str]:
        flags = {"situation": self.has_situation, "behavior": self.has_behavior, "impact": self.has_impact}
        return [slot for slot, present in flags.items() if not present]


def _tokens(text: str) -> list[str]:
    return [w.lower().strip("'’") for w in _WORD.findall(text)]


def units(text: str) -> list[str]:
    """Sentences, split again at "but"/"however"/";" so a sandwich's praise and criticism come apart."""
    out: list[str] = []
    for sentence in sentences(text):
        out.extend(part.strip(" ,.") for part in _SPLIT.split(sentence.text) if part.strip(" ,."))
    return out


def tone_of(unit: str) -> str:
    """praise, critique or neutral, by a word count that labels and profanity weigh heavily."""
    words = _tokens(unit)
    praise = sum(w in _PRAISE for w in words)
    critique = sum(w in _CRITIQUE for w in words) + 2 * len(person_labels(unit)) + 2 * sum(w in PROFANITY for w in words)
    if praise > critique:
        return "praise"
    return "critique" if critique else "neutral"


def defuse(text: str) -> str:
    """Drop profanity and tidy the spaces it leaves, keeping every other word the lead wrote."""
    kept = re.sub(r"[A-Za-z]+", lambda m: "" if m.group(0).lower() in PROFANITY else m.group(0), text)
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.!?])", r"\1", kept)).strip(" ,")


def without_labels(unit: str) -> str:
    """The unit minus clauses that only judge the person ("Tom is lazy, his PRs are late" -> "his PRs are late")."""
    clauses = [c.strip() for c in re.split(r",\s*|\s+and\s+(?=(?:he|she|they|you|his|her|their)\b)", unit)]
    kept = [c for c in clauses if c and not person_labels(c)]
    return ", ".join(kept)


def _topics(critique: Sequence[str]) -> list[list[str]]:
    """Group units into topics: a new one starts at "also …" or at a different time or place anchor."""
    topics: list[list[str]] = []
    anchor: str | None = None
    for unit in critique:
        found = [s.text.lower() for s in time_or_place_anchors(unit)]
        starts_new = bool(_NEW_TOPIC.match(unit)) or (anchor is not None and bool(found) and found[0] != anchor)
        if topics and not starts_new:
            topics[-1].append(unit)
        else:
            topics.append([unit])
        anchor = found[0] if found else anchor
    # A topic with neither an action nor an anchor is commentary on its neighbour, not a separate topic.
    merged: list[list[str]] = []
    for topic in topics:
        text = " ".join(topic)
        if merged and not (observable_actions(text) or time_or_place_anchors(text)):
            merged[-1].extend(topic)
        else:
            merged.append(topic)
    return merged


def _fact_flags(facts: Sequence[str], answered: Sequence[str]) -> dict[str, bool]:
    text = "\n".join(facts)
    return {
        "situation": bool(time_or_place_anchors(text)) or "situation" in answered,
        "behavior": bool(observable_actions(text)) or "behavior" in answered,
        "impact": bool(impact_phrases(text)) or "impact" in answered,
    }


def analyse(request: SBIRequest, answered: Sequence[str] = ()) -> Analysis:
    """Split the note into facts and topics, decide the polarity, and flag the missing SBI parts."""
    parts = units(request.raw)
    tones = [tone_of(p) for p in parts]
    praise = [p for p, t in zip(parts, tones, strict=True) if t == "praise"]
    critique = [p for p, t in zip(parts, tones, strict=True) if t != "praise"]
    has_critique = any(t == "critique" for t in tones)
    polarity: Polarity = request.polarity or ("positive" if praise and not has_critique else "improving")
    separate: list[str] = []
    if polarity == "improving" and praise and has_critique:
        separate = praise  # a sandwich: the praise is real, so it is given on its own, not as padding
        chosen = critique
    else:
        chosen = parts
    topics = _topics(chosen) if polarity == "improving" else [chosen]
    if len(topics) > 1 and request.focus and request.focus <= len(topics):
        chosen = topics[request.focus - 1]
        topics = [chosen]
    facts = [defuse(without_labels(u)) for u in chosen]
    facts = [f[0].upper() + f[1:] for f in facts if len(_tokens(f)) >= 2] + list(request.known_facts)
    flags = _fact_flags(facts, answered)
    return Analysis(
        polarity=polarity,
        facts=facts,
        topics=[" ".join(t) for t in topics] if len(topics) > 1 else [],
        separate=separate,
        labels=[s.text for s in person_labels(request.raw)],
        profanity=sorted({w for w in _tokens(request.raw) if w in PROFANITY}),
        has_situation=flags["situation"],
        has_behavior=flags["behavior"],
        has_impact=flags["impact"],
    )


def is_answer(text: str) -> bool:
    """An answer the lead actually gave, as opposed to "not sure" or "always"."""
    return len(_tokens(text)) >= 2 and not _NON_ANSWER.match(text)
