"""The feedback coach as a registered skill: how a run starts, what it returns, and what it infers up front."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.skills.base import Skill
from assistant.skills.sbi.graph import build
from assistant.skills.sbi.models import Recipient, SBIRequest, SBIResult
from assistant.skills.sbi.state import SBIState

if TYPE_CHECKING:
    from assistant.graph.state import Turn


def guess_recipient(request: SBIRequest) -> SBIRequest:
    """ "Tom is lazy, …" with no recipient given: the note opens with the person's name, so use it."""
    if request.recipient is not None:
        return request
    from assistant.checks.detectors import named_people

    names = named_people(request.raw)
    if not names or names[0].start != 0:
        return request
    return request.model_copy(update={"recipient": Recipient(name=names[0].text)})


def start(request: SBIRequest, history: Sequence[Turn]) -> dict[str, Any]:
    return {"request": request}


SKILL: Skill[SBIRequest, SBIResult] = Skill(
    name="sbi",
    input_model=SBIRequest,
    result_model=SBIResult,
    state=SBIState,
    build=build,
    start=start,
    eval_adapter="assistant.skills.sbi.eval",
    prepare=guess_recipient,
)
