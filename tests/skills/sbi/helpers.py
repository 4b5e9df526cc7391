"""Shared by the SBI tests (graph, CLI, UI): notes, answers, and model replies as the draft schema's JSON."""

from __future__ import annotations

import json
from typing import Any

from assistant.prompts import RenderedPrompt
from assistant.skills.sbi.models import Recipient, SBIRequest
from assistant.skills.sbi.nodes import draft_prompt, lint
from tests.doubles import hit

VAGUE = SBIRequest(raw="Tom is lazy, his PRs are always late", recipient=Recipient(name="Tom", role="engineer"))
ANSWERS = {
    "situation": "Last Tuesday, in the sprint review",
    "behavior": "He opened PR #512 two days after the review and did not reply to the comments",
    "impact": "Aisha could not start the reconciliation work",
}
CONCRETE = SBIRequest(
    raw="In yesterday's standup you interrupted Aisha twice, so she stopped sharing her update.",
    recipient=Recipient(name="Marcus", role="senior engineer"),
    relationship="peer",
)


def slot(text: str, *facts: int) -> dict[str, Any]:
    return {"facts": list(facts), "text": text}


def reply(situation: str, behavior: str, impact: str, request: str, question: str = "How did you see it?") -> str:
    return json.dumps(
        {
            "situation": slot(situation, 1),
            "behavior": slot(behavior, 2),
            "impact": slot(impact, 3),
            "request": slot(request),
            "question": question,
        }
    )


GOOD_TOM = reply(
    "Last Tuesday, in the sprint review",
    "you opened PR #512 two days after the review and did not reply to the comments",
    "Aisha could not start the reconciliation work",
    "Open the PR before the review, or tell me early when it will slip.",
)
GOOD_MARCUS = reply(
    "In yesterday's standup",
    "you interrupted Aisha twice",
    "She stopped sharing her update",
    "Let each person finish their update before you reply.",
)
LABELLED = reply(
    "Last Tuesday, in the sprint review",
    "you were lazy and opened PR #512 late",
    "Aisha could not start the reconciliation work",
    "Be less lazy.",
)
INVENTED = reply(
    "In yesterday's standup",
    "you interrupted Aisha and Ravi twice",
    "She stopped sharing her update",
    "Let each person finish their update before you reply.",
)


GUIDE = hit(
    text="Name when and where. Describe what you saw or heard. Explain the effect on the team.",
    heading_path=["Situation"], title="Feedback Guide", line_start=12, line_end=14, doc_type="guide",
)  # fmt: skip


def prompt_for(request: SBIRequest, answered: dict[str, str]) -> RenderedPrompt:
    analysis, _ = lint(request, answered)
    return draft_prompt(request, analysis)


def answered_request() -> tuple[SBIRequest, dict[str, str]]:
    facts = list(ANSWERS.values())
    return VAGUE.model_copy(update={"known_facts": facts}), dict(zip(facts, ANSWERS, strict=True))
