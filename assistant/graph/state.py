"""The parent graph's state: which skill runs, its input and result (JSON, so any checkpointer stores them), and
the conversation history that is meant to carry from one run to the next on a thread. Everything else a skill
works with lives in its own subgraph state and ends with the run."""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal, TypedDict


class Turn(TypedDict):
    role: Literal["user", "assistant"]
    content: str


class CoachState(TypedDict, total=False):
    skill: str  # a name from assistant.skills.registry.SKILLS
    request: dict[str, Any]  # the skill's input model, dumped
    result: dict[str, Any]  # the skill's result model, dumped
    history: Annotated[list[Turn], operator.add]  # grows by reducer: a run returns only its new turns
