"""What the graph needs from a model, as a protocol: the gateway implements it over litellm, and tests can script it.

``structured_reply`` holds the one validate-and-re-ask rule for structured output, over any ``complete`` function, so
the real gateway and a scripted test model behave alike when a reply does not match its schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import BrokenReply
from assistant.prompts import Message, RenderedPrompt, load_prompt

M = TypeVar("M", bound=BaseModel)
TokenSink = Callable[[str], None]


class Completion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    model: str
    prompt_id: str
    prompt_version: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    attempts: int = 1


class Structured(BaseModel, Generic[M]):
    """A validated value plus the completion(s) it came from, so callers can report tokens and latency."""

    value: M
    completions: list[Completion]


class LLM(Protocol):
    """The model as the graph sees it. ``overrides`` are litellm parameters (max_tokens, temperature, …)."""

    @property
    def model(self) -> str: ...

    def complete(
        self, prompt: RenderedPrompt, *, on_token: TokenSink | None = None, **overrides: Any
    ) -> Completion: ...

    def structured(self, prompt: RenderedPrompt, schema: type[M], **overrides: Any) -> Structured[M]: ...


def parse_json_reply(text: str, schema: type[M]) -> M:
    """Accept the JSON object even when a model wraps it in fences or prose; raise ValueError with a short reason."""
    cleaned = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start < 0 or end < start:
        raise ValueError("the reply contains no JSON object")
    try:
        data = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"the JSON is malformed ({exc.msg} at character {exc.pos})") from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'object'}: {e['msg']}" for e in exc.errors()[:4])
        raise ValueError(f"the JSON does not match the schema ({problems})") from exc


def response_format_for(schema: type[BaseModel]) -> dict[str, Any]:
    # OpenAI's shape: litellm maps it for hosted providers; the local provider turns it into a llama.cpp grammar.
    return {
        "type": "json_schema",
        "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False},
    }


def structured_reply(
    complete: Callable[..., Completion], prompt: RenderedPrompt, schema: type[M], **overrides: Any
) -> Structured[M]:
    """Ask for JSON in ``schema``; on a reply that does not validate, re-ask once quoting the error, then give up
    with a ``BrokenReply`` (an ``LLMError``) that keeps the raw text."""
    overrides.setdefault("response_format", response_format_for(schema))
    first = complete(prompt, **overrides)
    try:
        return Structured[M](value=parse_json_reply(first.text, schema), completions=[first])
    except ValueError as error:
        repair = load_prompt("json_repair").render(error=str(error))
        retry_prompt = prompt.extended(Message(role="assistant", content=first.text), *repair.messages)
        second = complete(retry_prompt, **overrides)
        try:
            return Structured[M](value=parse_json_reply(second.text, schema), completions=[first, second])
        except ValueError as again:
            raise BrokenReply(
                f"the model's reply did not match the expected structure twice: {again}",
                hint="try again, or use a larger model (COACH_MODEL)",
                raw=second.text,
            ) from again
