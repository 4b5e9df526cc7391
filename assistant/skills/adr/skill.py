"""ADR drafting as a registered skill: the next record of the team's log from a title and notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.skills.adr.graph import build
from assistant.skills.adr.models import AdrInput, AdrResult
from assistant.skills.adr.state import AdrState
from assistant.skills.base import Skill

if TYPE_CHECKING:
    from assistant.graph.state import Turn


def start(request: AdrInput, history: Sequence[Turn]) -> dict[str, Any]:
    return {"request": request}


SKILL: Skill[AdrInput, AdrResult] = Skill(
    name="adr",
    input_model=AdrInput,
    result_model=AdrResult,
    state=AdrState,
    build=build,
    start=start,
    eval_adapter="assistant.skills.adr.eval",
)
