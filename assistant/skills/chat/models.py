"""General coaching chat: a question in, a grounded answer out, with its sources attached by code."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from assistant.skills.chat.guidance import Guidance
from assistant.skills.chat.roles import Role
from assistant.skills.grounding import Source

MAX_MESSAGE_CHARS = 20_000
MAX_STEPS = 3
# About 30 words: three steps and the quote stay within the 150-word answer.
MAX_STEP_CHARS = 180

# First person outside quotation marks: the model speaking as the lead ("I missed the deadline"), the failure that
# made the old chat unusable. A suggested line in quotes ('Say: "I noticed…"') is fine.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']{12,}'")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")


# A label the model put before a step ("Situation: …", "Step 2 - …"): copied from an SBI passage, not said aloud.
_LABEL = re.compile(r"^(?:step\s*\d+|situation|behaviou?r|impact|request(?:ed change)?)\s*[:\-–]\s*", re.IGNORECASE)


def speaks_as_lead(text: str) -> bool:
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))


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


class ChatSteps(BaseModel):
    """The model's reply. The grammar bounds the count and length; the validator drops steps that speak as the lead
    and fails (so the reply is re-asked once) only when none is left."""

    model_config = ConfigDict(extra="forbid")

    steps: list[Annotated[str, StringConstraints(min_length=8, max_length=MAX_STEP_CHARS)]] = Field(
        min_length=1, max_length=MAX_STEPS
    )

    @field_validator("steps")
    @classmethod
    def _in_role(cls, steps: list[str]) -> list[str]:
        kept = list(dict.fromkeys(_LABEL.sub("", s.strip().lstrip("0123456789.)- ")).strip() for s in steps))
        kept = [s for s in kept if s and not speaks_as_lead(s)]
        if not kept:
            raise ValueError('every step speaks as the lead ("I", "my"); write to the lead as "you"')
        return kept


class ChatOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: str
    sources: list[Source]
    notes: list[str] = []
    invalid_citations: list[str] = []
    thread_id: str
    role: Role = "none"  # who the lead is raising it with, as code read the question
    counterpart: str | None = None  # their first name, when the team's documents know them
    guidance: Guidance | None = None  # the team's passage the answer starts with; None when the docs do not cover it
    steps: list[str] = []
