"""Graph state: JSON-native values only, so any checkpointer (SQLite, Postgres) can store it unchanged."""

from __future__ import annotations

import operator
from typing import Annotated, Any, Literal, TypedDict

SkillName = Literal["chat", "sbi"]


class Turn(TypedDict):
    role: Literal["user", "assistant"]
    content: str


class CoachState(TypedDict, total=False):
    skill: SkillName
    question: str  # this turn's user text
    history: Annotated[list[Turn], operator.add]  # grows by reducer: nodes return only the new turns
    sources: list[dict[str, Any]]  # Source.model_dump() of the retrieved chunks used this turn
    answer: str
    notes: list[str]  # honest remarks added by code (e.g. nothing relevant found)
    # Skill-specific payloads (e.g. the SBI request, draft and findings) live under their own keys.
    skill_input: dict[str, Any]
    skill_output: dict[str, Any]
    findings: list[dict[str, Any]]
    revisions: int
    questions: list[dict[str, Any]]  # Question.model_dump(): asked instead of inventing (interrupt payload)
    error: str
    # SBI working data: what code found in the note, the lead's answers, and the draft turns so far.
    analysis: dict[str, Any]
    original_findings: list[dict[str, Any]]
    answered: dict[str, str]  # each answer the lead gave (now a known fact) -> the question id it answered
    asked: int  # question rounds so far (bounded, so a lead who cannot answer gets an honest stop)
    draft: dict[str, Any]
    draft_turns: list[dict[str, Any]]  # {"reply": raw model text, "problems": [...]} per draft, for the revise turn
    best: dict[str, Any]  # {"draft": ..., "findings": [...]}: the least-flagged draft so far, which the answer uses
