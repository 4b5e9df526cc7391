"""The names of the skills that have an eval adapter. Plain strings, so the CLI can list them without importing any
skill code (`coach --help` must stay fast)."""

from __future__ import annotations

# name -> (module defining ADAPTER, one-line help). A new skill adds one line here and one adapter module.
ADAPTERS: dict[str, tuple[str, str]] = {
    "chat": ("assistant.evals.adapters.chat", "Eval the general coaching chat (evals/cases/chat.yaml)."),
    "sbi": ("assistant.evals.adapters.sbi", "Eval the feedback coach (SBI rewrites; evals/cases/sbi.yaml)."),
}


def skill_names() -> tuple[str, ...]:
    return tuple(ADAPTERS)


def skill_help(name: str) -> str:
    return ADAPTERS[name][1]
