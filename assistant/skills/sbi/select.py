"""Choosing the few facts a spoken message needs: one moment, at most two actions and two effects, the lead's ask.

Given every fact, the 1.5B model pasted them all, one after another (80-120-word "fact dumps", and JSON cut off at
the token limit). Code chooses by kind and order instead: what the lead typed as a fact beats a clause of the raw
note (cleaner, and already meant as a fact; the note's version is then left out), earlier beats later, and background
("context") is left out. The rest
is still used to decide what to ask and to check the draft; it is only not offered to the model.
"""

from __future__ import annotations

from assistant.skills.sbi.facts import Analysis, Fact, as_phrase

LIMITS = {"when": 1, "did": 2, "effect": 2, "ask": 1}
# A moment longer than this is a sentence, not a phrase: the model's situation is kept then.
MAX_MOMENT_WORDS = 10


def chosen(analysis: Analysis) -> list[Fact]:
    """The facts offered to the model, in their original order."""
    picked: set[int] = set()
    for kind, limit in LIMITS.items():
        candidates = [i for i, f in enumerate(analysis.facts) if f.tags and f.tags[0] == kind]
        if any(analysis.facts[i].stated for i in candidates):
            # What the lead typed as facts usually restates the note more cleanly; using both said it twice.
            candidates = [i for i in candidates if analysis.facts[i].stated]
        picked.update(candidates[:limit])
    return [fact for i, fact in enumerate(analysis.facts) if i in picked]


def moment(facts: list[Fact]) -> str | None:
    """The situation as code writes it: the chosen moment, when it is a phrase."""
    when = next((f.text for f in facts if f.tags == ["when"]), None)
    return as_phrase(when.strip(" ,.:")) if when and len(when.split()) <= MAX_MOMENT_WORDS else None
