"""General coaching chat: a question in, a grounded answer out, with its sources attached by code."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.skills.grounding import Source

MAX_MESSAGE_CHARS = 20_000


class ChatInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field_words: ClassVar[dict[str, str]] = {"message": "the message"}
    input_hint: ClassVar[str] = (
        "type a question; put long material in the knowledge folder and run `coach ingest` instead of pasting it"
    )

    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    thread_id: str | None = None  # eval cases may pin a thread; the service's thread wins otherwise

    @field_validator("message", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class ChatOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str
    sources: list[Source]
    notes: list[str] = []
    invalid_citations: list[str] = []
    thread_id: str
