"""Delivery advice for an SBI rewrite: timing and privacy, chosen by code from the relationship, the polarity, the
setting and the tone of the note (domain: say it soon, in private when it is about improvement; ask how someone
likes recognition; speak for yourself to a peer; ask first when it goes upward)."""

from __future__ import annotations

import re

from assistant.skills.sbi.facts import Analysis
from assistant.skills.sbi.models import SBIRequest

_PUBLIC = re.compile(r"\b(?:retro|standup|stand-up|channel|all-hands|demo|meeting|public|team|group|#\w+)", re.I)


def delivery_notes(request: SBIRequest, analysis: Analysis) -> list[str]:
    """Timing and privacy advice, chosen by code from the relationship, polarity and setting."""
    name = request.name
    notes: list[str] = []
    if analysis.hostile:
        notes.append(
            "Your note reads as angry. Wait until you can say this in a calm voice; the same words said "
            "heatedly will be heard as an attack."
        )
    if analysis.polarity == "positive":
        notes.append(
            f"Say it soon, while the moment is fresh. Ask {name} whether they prefer public recognition "
            "(for example in the Friday demo) or a private message."
        )
    else:
        notes.append(
            "Say it soon (within a day or two of the moment) and in private: a 1:1 or a direct message, "
            "never in front of the group."
        )
        if request.setting and _PUBLIC.search(request.setting):
            notes.append(f"You planned to say this in '{request.setting}'. Improvement feedback belongs in private.")
    notes.append(_RELATIONSHIP_NOTES[request.relationship].format(name=name))
    if analysis.separate:
        notes.append(
            "Your note wrapped criticism in praise. The praise is listed separately: give it on its own "
            "day, so neither message dilutes the other."
        )
    return notes


_RELATIONSHIP_NOTES = {
    "report": "After you say it, stop and listen. Agree on one next step together and note a follow-up in about two "
    "weeks; reinforce it when you see the change.",
    "peer": "Speak as a peer, for yourself: give it to {name} directly rather than through your lead, and offer to "
    "help if it is useful.",
    "manager": "Ask {name} first whether they are open to an observation, then speak to the effect on you and the "
    "team. Managers need this feedback and rarely get it.",
    "stakeholder": "Frame it around the goal you share and the work, not their role; suggest one change you can try "
    "together.",
}
