"""The chat skill's own state for one turn. The conversation history comes in read-only; the new turns go out
through the skill's ``turns`` hook, so nothing else of a turn stays on the thread."""

from __future__ import annotations

from typing import TypedDict

from assistant.graph.state import Turn
from assistant.skills.chat.models import ChatOutput
from assistant.skills.grounding import Source


class ChatState(TypedDict, total=False):
    question: str
    history: list[Turn]
    sources: list[Source]
    notes: list[str]
    result: ChatOutput
