"""The chat prompt: static system text first, then the recent conversation, then this turn's documents and question,
so llama.cpp reuses the prefix between turns."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.graph.state import Turn
from assistant.prompts import Message, RenderedPrompt, load_prompt
from assistant.skills.grounding import Source, format_documents

PROMPT_ID = "chat/answer"
# Older turns are dropped first: the embedded model has a 4k context and reads prompts slowly.
MAX_HISTORY_TURNS = 6


def build_prompt(question: str, history: Sequence[Turn], sources: Sequence[Source]) -> RenderedPrompt:
    turns = tuple(Message(role=t["role"], content=t["content"]) for t in list(history)[-MAX_HISTORY_TURNS:])
    return load_prompt(PROMPT_ID).render(history=turns, documents=format_documents(sources), question=question)
