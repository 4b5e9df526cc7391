"""General coaching chat: grounded in the team's documents, streamed, with its sources attached by code."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.graph.state import Turn
from assistant.prompts import Message, RenderedPrompt, load_prompt
from assistant.skills.grounding import Source, format_documents

PROMPT_ID = "chat"
# Older turns are dropped first: the embedded model has a 4k context and reads prompts slowly.
MAX_HISTORY_TURNS = 6
NOTHING_FOUND = "No team document matched this question, so this answer draws on general practice only."


class ChatInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(min_length=1, max_length=20_000)
    thread_id: str | None = None


class ChatOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str
    sources: list[Source]
    notes: list[str] = []
    invalid_citations: list[str] = []
    thread_id: str


def build_prompt(question: str, history: Sequence[Turn], sources: Sequence[Source]) -> RenderedPrompt:
    turns = tuple(Message(role=t["role"], content=t["content"]) for t in list(history)[-MAX_HISTORY_TURNS:])
    return load_prompt(PROMPT_ID).render(history=turns, documents=format_documents(sources), question=question)
