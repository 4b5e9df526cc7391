"""The chat skill's own state for one turn. The conversation history comes in read-only; the new turns go out
through the skill's ``turns`` hook, so nothing else of a turn stays on the thread."""

from __future__ import annotations

from typing import TypedDict

from assistant.graph.state import Turn
from assistant.skills.chat.guidance import Guidance
from assistant.skills.chat.models import ChatOutput
from assistant.skills.chat.roles import Role
from assistant.skills.grounding import Source


class ChatState(TypedDict, total=False):
    question: str
    history: list[Turn]
    role: Role
    counterpart: str | None  # their first name, when the team's documents know them
    sources: list[Source]
    notes: list[str]
    guidance: Guidance | None
    result: ChatOutput
