"""The coaching chat as a registered skill: the only one that carries conversation history on its thread."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assistant.skills.base import Skill
from assistant.skills.chat.models import ChatInput, ChatOutput
from assistant.skills.chat.state import ChatState

if TYPE_CHECKING:
    from assistant.graph.state import Turn


def start(request: ChatInput, history: Sequence[Turn]) -> dict[str, Any]:
    return {"question": request.message, "history": list(history)}


def finish(state: Mapping[str, Any]) -> ChatOutput:
    result: ChatOutput = state["result"]
    return result


def turns(request: ChatInput, output: ChatOutput) -> list[Turn]:
    return [{"role": "user", "content": request.message}, {"role": "assistant", "content": output.answer}]


def _build() -> Any:
    from assistant.skills.chat.graph import build

    return build()


SKILL: Skill[ChatInput, ChatOutput] = Skill(
    name="chat",
    summary="Coaching chat: questions answered from the team's documents, with citations.",
    input_model=ChatInput,
    result_model=ChatOutput,
    state=ChatState,
    build=_build,
    start=start,
    finish=finish,
    eval_adapter="assistant.skills.chat.eval",
    turns=turns,
)
