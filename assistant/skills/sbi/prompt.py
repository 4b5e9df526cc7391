"""The feedback coach's prompts: the draft prompt filled from numbered, tagged facts, and the revise turns.

Variant instructions go last, in the user message, so the static system prompt stays a prefix llama.cpp can reuse.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.prompts import RenderedPrompt, load_prompt
from assistant.skills.sbi.models import Polarity, Relationship, SBIRequest

# The model writes about 120-200 tokens of JSON; the bound stops a run-on draft without cutting a normal one.
DRAFT_MAX_TOKENS = 350
RELATIONSHIP_WORDS: dict[str, str] = {
    "report": "your direct report",
    "peer": "your peer",
    "manager": "your manager",
    "stakeholder": "a stakeholder you work with",
}
REVISE_PROMPT = "sbi/revise"


def numbered(facts: Sequence[str]) -> str:
    return "\n".join(f"{i}. {fact}" for i, fact in enumerate(facts, 1)) or "(none)"


def build_draft_prompt(request: SBIRequest, facts: Sequence[str], polarity: Polarity, guidance: str) -> RenderedPrompt:
    """Facts only: team documents are cited beside the result, never shown to the model (it copied them)."""
    who = request.recipient.describe() if request.recipient else "the colleague"
    positive = polarity == "positive"
    return load_prompt("sbi/draft").render(
        recipient=who,
        relationship=RELATIONSHIP_WORDS[request.relationship],
        kind=polarity if positive else "improvement",
        request=REQUEST_WORDS[polarity],
        facts=numbered(facts),
        guidance=guidance,
    )


REQUEST_WORDS: dict[str, str] = {
    "positive": "what to keep doing",
    "improving": "one concrete thing to do differently next time",
}
GUIDANCE = {
    "already_good": "These facts are already well phrased: reuse their wording as closely as you can.",
    "no_impact": "No fact states an effect: for impact, say in one sentence why it matters to you, with no new events.",
    "manager": "You are speaking to your manager: be direct and respectful, and speak from your own view.",
}


def guidance_for(*, already_good: bool, has_impact: bool, relationship: Relationship) -> str:
    """Variant instructions go last, in the user message, so the static system prompt stays a reusable prefix."""
    lines = []
    if already_good:
        lines.append(GUIDANCE["already_good"])
    if not has_impact:
        lines.append(GUIDANCE["no_impact"])
    if relationship == "manager":
        lines.append(GUIDANCE["manager"])
    return "\n".join(lines)
