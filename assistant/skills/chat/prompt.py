"""The chat prompt: static system text first, then the recent conversation, then who is who, the team's guidance
(one quote, not whole chunks) and the question, so llama.cpp reuses the prefix between turns and reads little."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.graph.state import Turn
from assistant.prompts import Message, RenderedPrompt, load_prompt
from assistant.skills.chat.guidance import SENSITIVE, Guidance
from assistant.skills.chat.roles import OWN_SLIP, PRAISE, Role, who_line
from assistant.skills.grounding import neutralise

PROMPT_ID = "chat/answer"
# Older turns are dropped first: the embedded model has a 4k context and reads prompts slowly.
MAX_HISTORY_TURNS = 4
NO_GUIDANCE = "(the team's documents say nothing about this)"


def build_prompt(
    question: str, role: Role, guidance: Guidance | None, history: Sequence[Turn], name: str | None = None
) -> RenderedPrompt:
    turns = tuple(Message(role=t["role"], content=t["content"]) for t in list(history)[-MAX_HISTORY_TURNS:])
    quoted = neutralise(guidance.quote) if guidance else NO_GUIDANCE
    prompt = load_prompt(PROMPT_ID)
    play = prompt.parts[playbook(question, role)]
    return prompt.render(
        history=turns, who=who_line(role, name), playbook=play, guidance=quoted, question=neutralise(question)
    )


# Someone who seems worn out: a workload problem to solve together before it is a performance one.
WELLBEING = re.compile(
    r"\b(?:burn(?:ed|t|ing)?\s*out|burnout|exhausted|worn\s+out|working\s+late|late\s+every\s+night|"
    r"overwork\w*|snapp\w*|stressed|not\s+(?:himself|herself|themselves))\b",
    re.IGNORECASE,
)


def playbook(question: str, role: Role) -> str:
    """Which of the prompt's playbooks fits: pay, the law, visas, health and reorgs first (HR's matters), then the
    lead's own slip, then praise or signs of strain in someone on the team, then the relationship."""
    if SENSITIVE.search(question):
        return "sensitive"
    if role in {"self", "manager", "stakeholder", "peer", "other_team"} and OWN_SLIP.search(question):
        return "self"
    if role in {"report", "peer"} and PRAISE.search(question):
        return "praise"
    if role in {"report", "peer", "none"} and WELLBEING.search(question):
        return "wellbeing"
    return role
