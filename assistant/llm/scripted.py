"""A scripted model for graph tests and demos: a function from the messages to the reply text.

In the spirit of pydantic-ai's ``FunctionModel``: a test says how the model behaves ("answer the draft prompt with
this JSON, the revise prompt with that") instead of rebuilding production prompts to match fixture hashes. It
implements the ``LLM`` protocol, so it drops into ``CoachContext`` or ``CoachService(llm=…)`` in place of the gateway;
structured output goes through the same validate-and-re-ask rule as the real gateway.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from assistant.errors import LLMError
from assistant.llm.protocol import Completion, Structured, TokenSink, structured_reply
from assistant.prompts import Message, RenderedPrompt

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Call:
    """One request the script answered: which prompt, the messages, and the litellm overrides it came with."""

    prompt_id: str
    messages: tuple[Message, ...]
    overrides: dict[str, Any]
    reply: str

    @property
    def last_user(self) -> str:
        return next((m.content for m in reversed(self.messages) if m.role == "user"), "")


Script = Callable[[RenderedPrompt], str]


@dataclass
class ScriptedLLM:
    """``script(prompt) -> reply``. A script that raises ``LLMError`` (or returns ``None`` via ``replies``) fails
    the call the way a broken model would; every call is kept in ``calls`` for assertions."""

    script: Script
    model: str = "scripted/test"
    calls: list[Call] = field(default_factory=list)

    @classmethod
    def replies(cls, by_prompt: dict[str, Sequence[str]]) -> ScriptedLLM:
        """Replies per prompt id, in order: ``{"sbi/draft": [json], "sbi/revise": [json1, json2]}``. Running out, or
        a prompt id with no replies, fails loudly like a replay miss."""
        queues = {key: list(values) for key, values in by_prompt.items()}

        def script(prompt: RenderedPrompt) -> str:
            pending = queues.get(prompt.id)
            if not pending:
                raise LLMError(f"the scripted model has no reply left for prompt {prompt.id!r}")
            return pending.pop(0)

        return cls(script)

    def complete(self, prompt: RenderedPrompt, *, on_token: TokenSink | None = None, **overrides: Any) -> Completion:
        reply = self.script(prompt)
        self.calls.append(Call(prompt.id, prompt.messages, dict(overrides), reply))
        if on_token is not None:
            for piece in re.findall(r"\S+\s*|\s+", reply):
                on_token(piece)
        return Completion(
            text=reply,
            model=self.model,
            prompt_id=prompt.id,
            prompt_version=prompt.version,
            completion_tokens=len(reply.split()),
        )

    def structured(self, prompt: RenderedPrompt, schema: type[M], **overrides: Any) -> Structured[M]:
        return structured_reply(self.complete, prompt, schema, **overrides)

    def prompt_ids(self) -> list[str]:
        return [call.prompt_id for call in self.calls]
