"""Reading the lead's note in code: what facts it holds, what is missing, and what to ask.

The embedded model never asks by itself (measured: small-model.md), so "ask or answer" is decided here, before any
drafting: the note and the known facts are split into units, judgements are set aside, and the detectors count time
or place anchors, observable actions and effects. Nothing here calls a model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.checks.detectors import ABSOLUTE_RE, observable_actions, person_labels, time_or_place_anchors
from assistant.checks.text import sentences
from assistant.skills.private import withhold
from assistant.skills.sbi.classify import Kind, decide
from assistant.skills.sbi.fact import Analysis, Fact
from assistant.skills.sbi.judgement import judging_rules, shouting, strip_judgement
from assistant.skills.sbi.known import as_theirs, fact_clauses, known_tags, own_action, read_stated
from assistant.skills.sbi.models import Polarity, SBIRequest
from assistant.skills.sbi.person import address, preposition_for, resolve_pronouns
from assistant.skills.sbi.split import anchor_phrases, leading_anchor, split_facts

__all__ = ["Analysis", "Fact", "analyse", "as_phrase", "is_answer", "known_tags", "stated_facts", "undecided"]


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
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


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
        if clause and is_judging(clause):
            left, _ = strip_judgement(clause) if not person_labels(clause) else (None, [clause])
            if left and not is_generalisation(left):
                kept.append(left)
            else:
                facts.extend(Fact(text=anchor, tags=["when"]) for anchor in anchor_phrases(clause))
        elif clause and not is_generalisation(clause):
            kept.append(clause)
    facts.extend(Fact(text=text, tags=tags) for text, tags in split_facts(defuse(", ".join(kept))))
    return facts


def is_judging(clause: str) -> bool:
    """A label, blame, sarcasm, shouting, an absolute or a guess at intent: the lead's judgement, not a fact."""
    return bool(person_labels(clause) or judging_rules(clause))


def judging_clauses(units: Sequence[str]) -> list[str]:
    """What judges in the note: whole clauses, or only the phrases taken out where the rest is a fact."""
    out: list[str] = []
    for clause in (c for unit in units for c in _clauses(unit) if c and is_judging(c)):
        out.extend(strip_judgement(clause)[1] if not person_labels(clause) else [clause])
    return out


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


def stated_clause(text: str, name: str) -> str:
    """A clause the lead typed as the reader has it: the person's pronouns turned to "you", profanity and shouting
    taken out. (A known fact is resolved whole, then cut into clauses; for one clause that is the same.)"""
    return shouting(defuse(resolve_pronouns(text, name)))


def _read(request: SBIRequest, answers: Mapping[str, str]) -> list[tuple[list[Fact], str | None]]:
    """Every usable fact the lead typed or answered, a clause at a time: (its facts, the question it answered)."""
    usable, _ = withhold(request.known_facts)
    usable = [resolve_pronouns(known, request.name) for known in usable]
    answers = {resolve_pronouns(text, request.name): slot for text, slot in answers.items()}
    return [(read_stated(shouting(defuse(clause)), request.name, answers.get(known)), answers.get(known))
            for known in usable for clause in fact_clauses(known, answered=known in answers)]  # fmt: skip


def undecided(request: SBIRequest, answers: Mapping[str, str] | None = None) -> list[str]:
    """The stated facts whose kind code cannot decide (``classify.decide``): what the model is asked about. An
    answer has the kind of its question; an effect split off a clause (", which took payouts down") is one by
    position."""
    return [facts[0].text for facts, slot in _read(request, answers or {})
            if slot is None and decide(facts[0].text, request.name) is None]  # fmt: skip


def _typed(facts: list[Fact], slot: str | None, name: str, kinds: Mapping[str, Kind]) -> list[Fact]:
    """One kind per stated fact: code's where it decides, else the model's (``kinds``), else the rules' tags as they
    were (the model failed). Where the kind is the rules' first tag, the fact stays as the rules read it; otherwise
    it gets that kind, keeping a moment the rules saw inside an action as a second tag, so the situation can still
    be found in it."""
    first = facts[0]
    kind = None if slot else decide(first.text, name) or kinds.get(first.text)
    if kind is None or [kind] == [t for t in first.tags if t != "when"][:1]:
        return facts
    moment = ["when"] if "when" in first.tags and kind != "when" else []
    return [first.model_copy(update={"tags": [*moment, kind], "classified": True}), *facts[1:]]


def stated_facts(
    request: SBIRequest, answers: Mapping[str, str] | None = None, kinds: Mapping[str, Kind] | None = None
) -> list[Fact]:
    """Everything the lead stated as a fact or answer, as single-purpose typed facts (before they speak to the
    person)."""
    return [fact for facts, slot in _read(request, answers or {})
            for fact in _typed(facts, slot, request.name, kinds or {})]  # fmt: skip


def _facts(
    chosen: Sequence[str], request: SBIRequest, answers: Mapping[str, str], kinds: Mapping[str, Kind]
) -> list[Fact]:
    """Units of the note that hold something concrete, then everything the lead stated as a fact or answer.
    Bare generalisations ("his PRs are always late") are left out: they are what the questions replace."""
    per_unit = [unit_facts(unit) for unit in chosen]
    stated = stated_facts(request, answers, kinds)
    if any(f.tags == ["when"] for f in stated):
        # A moment from a sentence with no action in it ("Ravi was amazing this sprint") is weaker than one the lead
        # stated; seen: "This sprint" won the situation over "During last week's card network outage".
        per_unit = [[f for f in found if f.tags != ["when"]] if not any("did" in f.tags for f in found) else found
                    for found in per_unit]  # fmt: skip
    facts = [fact for found in per_unit for fact in found] + stated
    if request.ask:
        # The lead's own request beats any the model would write (measured: its own are often generic, or ask for
        # the criticised behaviour again).
        facts.append(Fact(text=defuse(request.ask), tags=["ask"], stated=True))
    if not any(f.tags == ["when"] for f in facts):
        # The moment is only inside a longer fact ("Hannah joined Monday's sprint planning late"): name it on its
        # own too, or the model copies the whole sentence into the situation.
        found = [Fact(text=as_phrase(a), tags=["when"]) for f in facts if "when" in f.tags
                 for a in anchor_phrases(f.text)]  # fmt: skip
        facts = found[:1] + facts
    # Speak to the person in every fact, not only their actions: "Daniel's team deployed …" -> "your team deployed …".
    facts = [f.model_copy(update={"text": address(own_action(f, request.name), request.name)}) for f in facts]
    facts = [as_theirs(f) for f in facts]
    if any(f.tags == ["when"] for f in facts):
        # One job per fact where possible: "(when, did) You kept the timeline …" reads to the model as a situation.
        facts = [f.model_copy(update={"tags": [t for t in f.tags if t != "when"]}) if len(f.tags) > 1 else f
                 for f in facts]  # fmt: skip
    return facts


def as_phrase(anchor: str) -> str:
    """ "Monday's sprint planning" -> "In Monday's sprint planning", so the situation reads as a place in time."""
    starts = r"(?:in|on|at|during|after|before|yesterday|today|tonight|last|this|earlier)\b"
    if re.match(starts, anchor, re.IGNORECASE):
        return anchor
    return f"{preposition_for(anchor)} {anchor}"


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


def analyse(
    request: SBIRequest, answers: Mapping[str, str] | None = None, kinds: Mapping[str, Kind] | None = None
) -> Analysis:
    """Split the note into facts and topics, decide the polarity, and flag the missing SBI parts.

    ``answers`` maps each answer the lead gave (now among the known facts) to the question it answered; ``kinds``
    maps a stated fact code could not type (``undecided``) to the model's kind for it. Pure: no model call here."""
    answers = answers or {}
    note_units, private_units = withhold(units(resolve_pronouns(request.raw, request.name)))
    polarity, chosen, separate = _split_sandwich(note_units, request.polarity)
    topics = _topics(chosen) if polarity == "improving" else [chosen]
    if len(topics) > 1 and request.focus and request.focus <= len(topics):
        chosen = topics[request.focus - 1]
        topics = [chosen]
    facts = _facts(chosen, request, answers, kinds or {})
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
        judging=judging_clauses(note_units),
        withheld=[*private_units, *withhold(request.known_facts)[1]],
    )


def is_answer(text: str) -> bool:
    """An answer the lead actually gave, as opposed to "not sure" or "always"."""
    return len(_tokens(text)) >= 2 and not _NON_ANSWER.match(text)
