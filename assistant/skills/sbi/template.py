"""The situation, behaviour and impact written by code from the chosen facts; the model writes only the request and
the opening question (and an impact when no fact states one).

Measured on notes written the way leads write them (third-person facts, several per note), the 1.5B model filling
all four parts pasted facts one after another, doubled the moment ("On Tuesday, On Tuesday 17 Nov you merged…"),
kept the note's hearsay and ran past 90 words; none of that is what it is good at. The facts are already single-
purpose, in the second person and free of the note's judgement, so joining the few chosen ones reads as speech.
"""

from __future__ import annotations

import re

from assistant.skills.sbi.facts import Analysis, Fact, as_phrase
from assistant.skills.sbi.select import chosen, moment
from assistant.skills.sbi.split import anchor_phrases

# Spoken filler in typed notes: "basically just said 'all quiet'", "after like 2 min".
_FILLER = re.compile(r"\s*\b(?:basically|literally|honestly|actually|totally|kinda|sort of|kind of|like(?=\s+\d))\b",
                     re.IGNORECASE)  # fmt: skip
_LABELLED_MOMENT = re.compile(r"^(?P<moment>[^:]{3,70}):\s+(?P<rest>.+)$")
_LEADING = re.compile(
    r"^(?P<moment>(?:in|on|during|at|after|before|last|this|yesterday|earlier|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|\d{1,2}\s+[a-z]{3,9}\b)\b[^,]{0,50}?)"
    r"(?:,\s*|\s+(?=(?:you|your|we|I)\b))(?P<rest>.+)$",
    re.IGNORECASE,
)


# A fact this long is a run-on ("Jun picks up the shift and has no idea, and tuesday morning the lag is at 90k …"):
# said aloud, only its first clause is kept.
MAX_FACT_WORDS = 28


def _clean(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", _FILLER.sub("", text).strip(" ,;"))
    if len(text.split()) > MAX_FACT_WORDS:
        first = re.split(r",\s+and\s+|;\s+|,\s+so\s+|\s+and\s+(?=\w+\s+(?:spends?|is|was|has|had)\b)", text)[0]
        if len(first.split()) >= 6:
            return first.strip(" ,;")
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def split_moment(text: str) -> tuple[str | None, str]:
    """(the moment a fact opens with, the rest): "Sprint planning (Mon 16 Nov): you agreed …" and "On Tuesday 17 Nov
    you merged …". Only an opening moment: a trailing "by Tuesday" is a deadline, not when it happened."""
    labelled = _LABELLED_MOMENT.match(text)
    if labelled and anchor_phrases(labelled.group("moment")):
        return as_phrase(labelled.group("moment").strip()), labelled.group("rest")
    leading = _LEADING.match(text)
    if leading and anchor_phrases(leading.group("moment")):
        return as_phrase(leading.group("moment").strip(" :;-–")), leading.group("rest")
    return None, text


def _part(facts: list[Fact]) -> str:
    return " ".join(_sentence(_clean(f.text)) for f in facts)


def code_parts(analysis: Analysis) -> dict[str, str]:
    """Situation, behaviour and impact from the chosen facts ("" where there is no fact of that kind)."""
    facts = chosen(analysis)
    did = [f for f in facts if f.tags and f.tags[0] == "did"]
    effects = [f for f in facts if f.tags and f.tags[0] == "effect"]
    situation = moment(facts)
    if did:
        opening, rest = split_moment(did[0].text)
        if opening:
            # The action carries its own moment: it wins over a moment found elsewhere in the note, once.
            situation = opening
            did = [did[0].model_copy(update={"text": rest}), *did[1:]]
    if not situation:
        # No moment of its own: the first one named inside what happened ("… emailed her the calendar on 4 Nov").
        inside = [a for f in [*did, *effects] for a in anchor_phrases(f.text)]
        situation = as_phrase(inside[0]) if inside else None
    return {"situation": situation or "", "behavior": _part(did), "impact": _part(effects)}
