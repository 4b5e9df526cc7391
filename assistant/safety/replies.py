"""What the model wrote in a run, kept so the leak checks judge only the model's own words.

Code writes much of what a skill shows (a feedback coach's delivery notes, a status update's labels, an ADR's
related records), often in the team documents' own phrases; only the model could recite instructions or documents it
was never meant to pass on. The service hands each run's graph a ``ReplyLog`` over its model; the skill node reads
``replies`` when it screens the result (assistant/safety/screen.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from assistant.llm.protocol import LLM, Completion, Structured, TokenSink
from assistant.prompts import RenderedPrompt

M = TypeVar("M", bound=BaseModel)


@dataclass
class ReplyLog:
    """The ``LLM`` protocol over ``inner``, keeping the text of every completion."""

    inner: LLM
    replies: list[str] = field(default_factory=list)

    @property
    def model(self) -> str:
        return self.inner.model

    def complete(self, prompt: RenderedPrompt, *, on_token: TokenSink | None = None, **overrides: Any) -> Completion:
        completion = self.inner.complete(prompt, on_token=on_token, **overrides)
        self.replies.append(completion.text)
        return completion

    def structured(self, prompt: RenderedPrompt, schema: type[M], **overrides: Any) -> Structured[M]:
        result = self.inner.structured(prompt, schema, **overrides)
        self.replies.extend(completion.text for completion in result.completions)
        return result


def replies_of(llm: object) -> list[str] | None:
    """The run's replies when its model is a ``ReplyLog``; None (unknown) otherwise."""
    return list(llm.replies) if isinstance(llm, ReplyLog) else None
