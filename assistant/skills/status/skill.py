"""Status updates as a registered skill: an update for one audience from the lead's notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.skills.base import Skill
from assistant.skills.status.graph import build
from assistant.skills.status.models import StatusInput, StatusResult
from assistant.skills.status.state import StatusState

if TYPE_CHECKING:
    from assistant.graph.state import Turn


def start(request: StatusInput, history: Sequence[Turn]) -> dict[str, Any]:
    return {"request": request}


SKILL: Skill[StatusInput, StatusResult] = Skill(
    name="status",
    input_model=StatusInput,
    result_model=StatusResult,
    state=StatusState,
    build=build,
    start=start,
    eval_adapter="assistant.skills.status.eval",
)
