"""The coaching chat as a registered skill: the only one that carries conversation history on its thread."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.skills.base import Skill
from assistant.skills.chat.graph import build
from assistant.skills.chat.models import ChatInput, ChatOutput
from assistant.skills.chat.state import ChatState

if TYPE_CHECKING:
    from assistant.graph.state import Turn


def start(request: ChatInput, history: Sequence[Turn]) -> dict[str, Any]:
    return {"question": request.message, "history": list(history)}


def turns(request: ChatInput, output: ChatOutput) -> list[Turn]:
    return [{"role": "user", "content": request.message}, {"role": "assistant", "content": output.answer}]


SKILL: Skill[ChatInput, ChatOutput] = Skill(
    name="chat",
    input_model=ChatInput,
    result_model=ChatOutput,
    state=ChatState,
    build=build,
    start=start,
    eval_adapter="assistant.skills.chat.eval",
    turns=turns,
)
