"""Every skill, registered once. The parent graph, the service, `coach eval <skill>` and the docs read this table.

Entries are plain strings so the CLI can list skills without importing any skill code (`coach --help` stays fast);
``get_skill`` imports a skill's module on first use. Adding a skill adds one line to ``SKILLS`` and its name to
``SkillName`` (a test keeps the two equal).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.skills.base import Skill

SkillName = Literal["adr", "chat", "rehearse", "sbi", "status"]


class Entry(NamedTuple):
    module: str  # defines SKILL
    help: str  # one line, for `coach eval <skill>` and the docs


SKILLS: dict[str, Entry] = {
    "adr": Entry(
        "assistant.skills.adr.skill",
        "ADR drafting: the next record of the team's log in its template, citing related records "
        "(evals/cases/adr.yaml).",
    ),
    "chat": Entry(
        "assistant.skills.chat.skill", "Coaching chat grounded in the team's documents (evals/cases/chat.yaml)."
    ),
    "rehearse": Entry(
        "assistant.skills.rehearse.skill",
        "Rehearse a hard 1:1 with an in-character counterpart, then a scored debrief (evals/cases/rehearse.yaml).",
    ),
    "sbi": Entry(
        "assistant.skills.sbi.skill", "Feedback coach: SBI rewrites that ask for facts (evals/cases/sbi.yaml)."
    ),
    "status": Entry(
        "assistant.skills.status.skill",
        "Status updates for an audience (exec, product, team, other team), private lines removed in code "
        "(evals/cases/status.yaml).",
    ),
}


def skill_names() -> tuple[str, ...]:
    return tuple(SKILLS)


def get_skill(name: str) -> Skill[Any, Any]:
    """The skill called ``name``; an unknown name is an error, never a silent fall-through to chat."""
    entry = SKILLS.get(name)
    if entry is None:
        raise InputError(f"unknown skill {name!r}", hint=f"known skills: {', '.join(SKILLS)}")
    skill: Skill[Any, Any] = importlib.import_module(entry.module).SKILL
    return skill


def all_skills() -> list[Skill[Any, Any]]:
    return [get_skill(name) for name in SKILLS]
