"""The optional LLM judge: grades an output against a case's rubric. Only runs when a judge model is configured
(``COACH_JUDGE_MODEL``) and only in live mode, so replay runs stay offline and deterministic. It never gates a case
on its own: its result is reported with ``gating=False``, and only a ``judge`` threshold gates its pass rate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import CoachError
from assistant.evals.models import EvaluatorResult
from assistant.prompts import RenderedPrompt, load_prompt

if TYPE_CHECKING:
    from assistant.llm.gateway import Structured

PROMPT_ID = "eval_judge"


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=1, le=5)
    reason: str


class JudgeModel(Protocol):
    def structured(self, prompt: RenderedPrompt, schema: type[Verdict], **overrides: Any) -> Structured[Verdict]: ...


def judge_prompt(rubric: str, request: str, output: str) -> RenderedPrompt:
    return load_prompt(PROMPT_ID).render(rubric=rubric.strip(), request=request, output=output)


def run_judge(model: JudgeModel, rubric: str, request: str, output: str, pass_score: int) -> EvaluatorResult:
    try:
        verdict = model.structured(judge_prompt(rubric, request, output), Verdict, temperature=0.0).value
    except CoachError as exc:
        # A broken judge must not fail the case it was asked about: say so and move on.
        return EvaluatorResult(name="judge", status="skip", detail=f"judge failed: {exc.message}", gating=False)
    return EvaluatorResult(
        name="judge",
        status="pass" if verdict.score >= pass_score else "fail",
        detail=f"{verdict.score}/5: {verdict.reason}",
        score=float(verdict.score),
        gating=False,
    )
