"""Reading the lead's note in code: what facts it holds, what is missing, and what to ask.

The embedded model never asks by itself (measured: small-model.md), so "ask or answer" is decided here, before any
drafting: the note and the known facts are split into units, judgements are set aside, and the detectors count time
or place anchors, observable actions and effects. Nothing here calls a model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.detectors import ABSOLUTE_RE, observable_actions, person_labels, time_or_place_anchors
from assistant.checks.text import sentences
from assistant.skills.sbi.models import Polarity, SBIRequest
from assistant.skills.sbi.split import ASK, EFFECT_SPLIT, anchor_phrases, leading_anchor, split_facts, tags_of


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a note read as angry; they are removed from the facts the model sees (defused, not refused).
PROFANITY = _words(
    """fuck fucking fucked fucks shit shitty bullshit crap crappy damn damned goddamn bloody ass asshole arse
    arsehole wtf piss pissed bastard dick dickhead moron morons screw screwed sucks sucked hell"""
)
_PRAISE = _words(
    """great good nice awesome excellent brilliant fantastic amazing impressive outstanding superb solid stellar
    wonderful terrific love loved appreciate appreciated thanks thank kudos proud helpful valuable well"""
)
_CRITIQUE = _words(
    """but however unfortunately should shouldn't must please problem issue late missed didn't wasn't don't doesn't
    never always wrong mistake broke ignored skipped rushed stop again annoying annoyed frustrating frustrated
    disappointing disappointed worried sloppy careless"""
)
_PRAISE_PHRASE = re.compile(
    r"\b(?:keep (?:it|that) up|keep up the good work|keep doing|well done|good job|nice work|thank you)\b", re.I
)
_NEW_TOPIC = re.compile(r"^\s*(?:also|another thing|plus|on top of that|separately|and also|oh and|besides)\b", re.I)
_SPLIT = re.compile(r"\s*(?:;|:\s|,?\s+but\s+|,?\s+however,?\s+|\s+-\s+)\s*", re.IGNORECASE)
_NON_ANSWER = re.compile(
    r"^\s*(?:n/?a|no idea|not sure|don'?t know|dunno|i don'?t remember|can'?t remember|nothing|none|skip|"
    r"always|all the time|every time|constantly|lately|-+|\?+)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_MOMENT_ONLY = re.compile(
    r"^(?:in|on|at|during|after|before|last|this|yesterday|earlier|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"(?!.*\b(?:you|he|she|they)\s+[a-z]+ed\b)",
    re.IGNORECASE,
)
_OTHER_SUBJECT = re.compile(
    r"^(?!(?:You|He|She|They|I|We|It|The|This|That|Last|In|On|At|During)\b)(?P<who>[A-Z][\w'’-]+)\s+(?:also\s+)?"
    r"(?:[a-z]+ed|told|said|spent|lost|had|got|went|took|wrote|made|ran|left|came|saw|sent|gave|asked)\b"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    tags: list[str]

    def line(self) -> str:
        return f"({', '.join(self.tags)}) {self.text}"


class Analysis(BaseModel):
    """What the code found in the note. Stored in the graph state, so JSON-native."""

    model_config = ConfigDict(extra="forbid")

    polarity: Polarity
    facts: list[Fact]
    topics: list[str] = Field(default_factory=list)
    separate: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    profanity: list[str] = Field(default_factory=list)
    has_situation: bool = False
    has_behavior: bool = False
    has_impact: bool = False
    already_good: bool = False  # set once the catalogue has judged the note too

    @property
    def hostile(self) -> bool:
        return bool(self.profanity) or len(self.labels) >= 2

    @property
    def needs_focus(self) -> bool:
        return len(self.topics) > 1

    def fact_texts(self) -> list[str]:
        return [fact.text for fact in self.facts]

    def missing(self) -> list[str]:
        flags = {"situation": self.has_situation, "behavior": self.has_behavior, "impact": self.has_impact}
        return [slot for slot, present in flags.items() if not present]


def _tokens(text: str) -> list[str]:
    return [w.lower().strip("'’") for w in _WORD.findall(text)]


def units(text: str) -> list[str]:
    """Sentences, split again at "but"/"however"/";"/":" so a sandwich's praise and criticism come apart."""
    out: list[str] = []
    for sentence in sentences(text):
        out.extend(part.strip(" ,.") for part in _SPLIT.split(sentence.text) if part.strip(" ,."))
    return out


def tone_of(unit: str) -> str:
    """praise, critique or neutral, by a word count that labels and profanity weigh heavily."""
    words = _tokens(unit)
    praise = sum(w in _PRAISE for w in words) + 2 * len(_PRAISE_PHRASE.findall(unit))
    critique = (
        sum(w in _CRITIQUE for w in words) + 2 * len(person_labels(unit)) + 2 * sum(w in PROFANITY for w in words)
    )
    if praise > critique:
        return "praise"
    return "critique" if critique else "neutral"


def defuse(text: str) -> str:
    """Drop profanity and tidy the spaces it leaves, keeping every other word the lead wrote."""
    kept = re.sub(r"[A-Za-z]+", lambda m: "" if m.group(0).lower() in PROFANITY else m.group(0), text)
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.!?])", r"\1", kept)).strip(" ,")


def unit_facts(unit: str) -> list[Fact]:
    """The facts in one unit. Clauses that judge the person are dropped ("Tom is lazy, his PRs are late" keeps
    "his PRs are late"), but a time or place inside them is kept ("Aisha was dismissive in Wednesday's review")."""
    facts: list[Fact] = []
    kept = []
    for clause in _clauses(unit):
        if clause and person_labels(clause):
            facts.extend(Fact(text=anchor, tags=["when"]) for anchor in anchor_phrases(clause))
        elif clause and not is_generalisation(clause):
            kept.append(clause)
    facts.extend(Fact(text=text, tags=tags) for text, tags in split_facts(defuse(", ".join(kept))))
    return facts


def _clauses(unit: str) -> list[str]:
    return [c.strip() for c in re.split(r",\s*|\s+and\s+(?=(?:he|she|they|you|his|her|their)\b)", unit)]


def is_generalisation(clause: str) -> bool:
    """ "you can never count on her", "he always ships late": an absolute with no moment is a pattern claimed, not
    a fact; the questions ask for one occurrence instead (seen: the model wrote it into the behaviour)."""
    return bool(ABSOLUTE_RE.search(clause)) and not time_or_place_anchors(clause)


def _topics(critique: Sequence[str]) -> list[list[str]]:
    """Group units into topics: a new one starts at "also …" or with a different time or place up front ("On
    Wednesday he …"). A time or place later in a sentence ("… in her product update") stays with its topic."""
    topics: list[list[str]] = []
    anchor: str | None = None
    for unit in critique:
        leading = leading_anchor(unit)
        starts_new = bool(_NEW_TOPIC.match(unit)) or (anchor is not None and leading not in (None, anchor))
        if topics and not starts_new:
            topics[-1].append(unit)
        else:
            topics.append([unit])
        anchor = leading or anchor
    # A topic with neither an action nor an anchor is commentary on its neighbour, not a separate topic.
    merged: list[list[str]] = []
    for topic in topics:
        text = " ".join(topic)
        if merged and not (observable_actions(text) or time_or_place_anchors(text)):
            merged[-1].extend(topic)
        else:
            merged.append(topic)
    return merged


def _facts(chosen: Sequence[str], request: SBIRequest, answers: Mapping[str, str]) -> list[Fact]:
    """Units of the note that hold something concrete, then everything the lead stated as a fact or answer.
    Bare generalisations ("his PRs are always late") are left out: they are what the questions replace."""
    per_unit = [unit_facts(unit) for unit in chosen]
    stated = [Fact(text=defuse(known), tags=known_tags(known, request.name, answers.get(known)))
              for known in request.known_facts]  # fmt: skip
    if any(f.tags == ["when"] for f in stated):
        # A moment from a sentence with no action in it ("Ravi was amazing this sprint") is weaker than one the lead
        # stated; seen: "This sprint" won the situation over "During last week's card network outage".
        per_unit = [[f for f in found if f.tags != ["when"]] if not any("did" in f.tags for f in found) else found
                    for found in per_unit]  # fmt: skip
    facts = [fact for found in per_unit for fact in found] + stated
    if request.ask:
        # The lead's own request beats any the model would write (measured: its own are often generic, or ask for
        # the criticised behaviour again).
        facts.append(Fact(text=defuse(request.ask), tags=["ask"]))
    if not any(f.tags == ["when"] for f in facts):
        # The moment is only inside a longer fact ("Hannah joined Monday's sprint planning late"): name it on its
        # own too, or the model copies the whole sentence into the situation.
        found = [Fact(text=_as_phrase(a), tags=["when"]) for f in facts if "when" in f.tags
                 for a in anchor_phrases(f.text)]  # fmt: skip
        facts = found[:1] + facts
    facts = [Fact(text=to_second_person(f.text, request.name), tags=f.tags) if _about_them(f) else f for f in facts]
    if any(f.tags == ["when"] for f in facts):
        # One job per fact where possible: "(when, did) You kept the timeline …" reads to the model as a situation.
        facts = [Fact(text=f.text, tags=[t for t in f.tags if t != "when"]) if len(f.tags) > 1 else f for f in facts]
    return facts


def known_tags(text: str, name: str, slot: str | None = None) -> list[str]:
    """Tags of a fact the lead typed or answered. A bare moment ("During last week's outage") is only a "when", and
    what someone else did ("Support closed the tickets") is an effect: the behaviour is the recipient's alone (seen:
    both were tagged as effects and actions, and the model put support's work in the behaviour)."""
    if slot:
        return tags_of(text, slot)
    if ASK.match(text):
        return ["ask"]  # "Please bring scope changes to planning": the request, in the lead's words
    if _MOMENT_ONLY.match(text) and time_or_place_anchors(text) and len(text.split()) <= 12:
        return ["when"]
    other = _OTHER_SUBJECT.match(text)
    if other and not re.fullmatch(_their_names(name), other.group("who"), re.IGNORECASE):
        return ["effect"]
    tags = tags_of(text) or ["context"]
    own = re.match(rf"^(?:you|he|she|{_their_names(name)})\b", text, re.IGNORECASE)
    if own and "did" in tags and not EFFECT_SPLIT.search(text):
        return ["did"]  # their own action; words like "merchant" or "page" must not make it an effect too
    return tags


def _as_phrase(anchor: str) -> str:
    """ "Monday's sprint planning" -> "In Monday's sprint planning", so the situation reads as a place in time."""
    starts = r"(?:in|on|at|during|after|before|yesterday|today|tonight|last|this|earlier)\b"
    return anchor if re.match(starts, anchor, re.IGNORECASE) else f"In {anchor}"


def _about_them(fact: Fact) -> bool:
    return "did" in fact.tags


def _their_names(name: str) -> str:
    """The recipient's name parts as a regex alternation ("Ravi Shah" -> "Ravi|Shah"); never matches without one."""
    parts = [re.escape(part) for part in name.split() if part != "them"]
    return "|".join(parts) or r"(?!)"


def to_second_person(text: str, name: str) -> str:
    """ "Hannah joined …" / "He was late" -> "You joined …" / "You were late": the message speaks to the person,
    and a 1.5B model turned a named subject into a third party ("communicate with Hannah") when left to do it."""
    subject = f"he|she|{_their_names(name)}"
    match = re.match(rf"^(?:{subject})\b(?!['’])(?P<adverbs>(?:\s+(?:never|always|also|just|then|often|still))*)"
                     r"\s+(?P<verb>[A-Za-z']+)", text, flags=re.IGNORECASE)  # fmt: skip
    if not match:
        return text
    return f"You{match.group('adverbs')} {_agree(match.group('verb'))}{text[match.end() :]}"


# Third person to second: "was" -> "were", "listens" -> "listen" (past tenses are the same).
_AGREEMENT = {"was": "were", "is": "are", "has": "have", "does": "do", "doesn't": "don't", "wasn't": "weren't",
              "isn't": "aren't", "hasn't": "haven't", "goes": "go"}  # fmt: skip


def _agree(verb: str) -> str:
    low = verb.lower()
    if low in _AGREEMENT:
        return _AGREEMENT[low]
    if low.endswith(("shes", "ches", "sses", "xes", "zes")):
        return verb[:-2]
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    return verb[:-1] if re.fullmatch(r"[a-z]+[^su']s", low) else verb


def _split_sandwich(parts: list[str], polarity: Polarity | None) -> tuple[Polarity, list[str], list[str]]:
    """(polarity, units to use, praise to give separately)."""
    tones = [tone_of(p) for p in parts]
    praise = [p for p, t in zip(parts, tones, strict=True) if t == "praise"]
    has_critique = "critique" in tones
    chosen: Polarity = polarity or ("positive" if praise and not has_critique else "improving")
    if chosen == "improving" and praise and has_critique:
        # A sandwich: the praise is real, so it is given on its own rather than as padding.
        return chosen, [p for p, t in zip(parts, tones, strict=True) if t != "praise"], praise
    return chosen, parts, []


def analyse(request: SBIRequest, answers: Mapping[str, str] | None = None) -> Analysis:
    """Split the note into facts and topics, decide the polarity, and flag the missing SBI parts.

    ``answers`` maps each answer the lead gave (now among the known facts) to the question it answered."""
    answers = answers or {}
    polarity, chosen, separate = _split_sandwich(units(request.raw), request.polarity)
    topics = _topics(chosen) if polarity == "improving" else [chosen]
    if len(topics) > 1 and request.focus and request.focus <= len(topics):
        chosen = topics[request.focus - 1]
        topics = [chosen]
    facts = _facts(chosen, request, answers)
    tags = {tag for fact in facts for tag in fact.tags}
    return Analysis(
        polarity=polarity,
        facts=facts,
        topics=[" ".join(t) for t in topics] if len(topics) > 1 else [],
        separate=separate,
        labels=[s.text for s in person_labels(request.raw)],
        profanity=sorted({w for w in _tokens(request.raw) if w in PROFANITY}),
        has_situation="when" in tags,
        has_behavior="did" in tags,
        has_impact="effect" in tags,
    )


def is_answer(text: str) -> bool:
    """An answer the lead actually gave, as opposed to "not sure" or "always"."""
    return len(_tokens(text)) >= 2 and not _NON_ANSWER.match(text)
