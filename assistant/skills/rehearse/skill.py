"""Rehearsal as a registered skill: one run is one whole conversation, paused on every lead line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.skills.base import Skill
from assistant.skills.rehearse.graph import build
from assistant.skills.rehearse.models import RehearseInput, RehearseOutput
from assistant.skills.rehearse.nodes import RETRY, TURN
from assistant.skills.rehearse.state import RehearseState

if TYPE_CHECKING:
    from assistant.graph.state import Turn


def start(request: RehearseInput, history: Sequence[Turn]) -> dict[str, Any]:
    return {"scenario_id": request.scenario, "persona": request.persona}


SKILL: Skill[RehearseInput, RehearseOutput] = Skill(
    name="rehearse",
    input_model=RehearseInput,
    result_model=RehearseOutput,
    state=RehearseState,
    build=build,
    start=start,
    eval_adapter="assistant.skills.rehearse.eval",
    retry={TURN: RETRY},
)
