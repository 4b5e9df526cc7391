"""Shared by the SBI tests (graph, CLI, UI): notes, answers, and model replies as the draft schema's JSON."""

from __future__ import annotations

import json

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


def reply(request: str, question: str = "How did you see it?", impact: str = "") -> str:
    """The model's JSON: code writes the situation, behaviour and impact from the facts."""
    return json.dumps({"impact": impact, "request": request, "question": question})


GOOD_TOM = reply("Open the PR before the review, or tell me early when it will slip.")
GOOD_MARCUS = reply("Let each person finish their update before you reply.")
LABELLED = reply("Be less lazy with your PRs.")
INVENTED = reply("Let Aisha and Ravi finish their updates before you reply.")


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
