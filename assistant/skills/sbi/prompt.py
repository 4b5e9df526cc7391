"""The feedback coach's prompt: what code wrote from the facts, for the model to add the request and a question.

Variant instructions go last, in the user message, so the static system prompt stays a prefix llama.cpp can reuse.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.prompts import RenderedPrompt, load_prompt
from assistant.skills.sbi.models import Polarity, Relationship, SBIRequest

# The model writes about 40-80 tokens of JSON; the bound stops a run-on reply without cutting a normal one.
DRAFT_MAX_TOKENS = 200
RELATIONSHIP_WORDS: dict[str, str] = {
    "report": "your direct report",
    "peer": "your peer",
    "manager": "your manager",
    "stakeholder": "a stakeholder you work with",
}
PROMPT = "sbi/request"
REVISE_PROMPT = "sbi/revise"


def build_prompt(
    request: SBIRequest, parts: dict[str, str], asks: Sequence[str], polarity: Polarity, guidance: str
) -> RenderedPrompt:
    """What code wrote, and the lead's own ask: team documents are cited beside the result, never shown to the model
    (it copied them)."""
    who = request.recipient.describe() if request.recipient else "the colleague"
    positive = polarity == "positive"
    return load_prompt(PROMPT).render(
        recipient=who,
        relationship=RELATIONSHIP_WORDS[request.relationship],
        kind=polarity if positive else "improvement",
        request=REQUEST_WORDS[polarity],
        situation=parts.get("situation") or "(none)",
        behavior=parts.get("behavior") or "(none)",
        impact=parts.get("impact") or "(none)",
        facts=" ".join(asks) or "(none)",
        guidance=guidance,
    )


REQUEST_WORDS: dict[str, str] = {
    "positive": "what to keep doing",
    "improving": "one concrete thing to do differently next time",
}
GUIDANCE = {
    "no_impact": "The impact is (none): write it, in one sentence on why it matters to you, with no new events.",
    "manager": "You are speaking to your manager: be direct and respectful, and speak from your own view.",
}


def guidance_for(*, has_impact: bool, relationship: Relationship) -> str:
    """Variant instructions go last, in the user message, so the static system prompt stays a reusable prefix."""
    lines = []
    if not has_impact:
        lines.append(GUIDANCE["no_impact"])
    if relationship == "manager":
        lines.append(GUIDANCE["manager"])
    return "\n".join(lines)
