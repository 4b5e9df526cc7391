"""The status update's helper prompt and the checks on an update pasted back.

The notes are read by the skill's own ``gathered`` step: private lines out, relative dates made absolute, the title,
the workstream names and the source from the team's last update, the next update's date from the notes or the
cadence. The status skill searches no index; the past update it reads is its retrieval.
"""

from __future__ import annotations

from typing import Any

from assistant.checks.base import Finding
from assistant.helper.common import bullets, fence, part, prompt_of
from assistant.helper.models import Material
from assistant.prompts import RenderedPrompt
from assistant.skills.status.models import AUDIENCE_NAMES, StatusInput


def _gathered(request: StatusInput, material: Material) -> dict[str, Any]:
    from assistant.skills.status.nodes import day_of, gathered

    return gathered(request, day_of(request, lambda: material.today), material.settings)


def _render(request: StatusInput, got: dict[str, Any]) -> RenderedPrompt:
    from assistant.checks.status import DEFAULT_BUDGET, WORD_BUDGETS
    from assistant.skills.status.nodes import marked

    prompt = prompt_of("status")
    known = got["known"]
    return prompt.render(
        audience=AUDIENCE_NAMES[request.audience],
        guidance=part(prompt, request.audience),
        budget=str(WORD_BUDGETS.get(request.audience, DEFAULT_BUDGET)),
        title=fence(got["title"]),
        date=got["date"],
        next_update=got["next_update"] or part(prompt, "no_next_update"),
        streams=", ".join(fence(name) for name in known.names) or part(prompt, "no_streams"),
        house=", ".join(f"[{source}]" for source in got["sources"]) or part(prompt, "no_house"),
        notes=bullets([marked(line) for line in known.lines], ""),
    )


def build(request: StatusInput, material: Material) -> tuple[RenderedPrompt, list[str], list[str]]:
    got = _gathered(request, material)
    return _render(request, got), list(got["sources"]), list(got["lead_notes"])


def check(reply: str, request: StatusInput | None, material: Material) -> tuple[str, list[Finding], list[str]]:
    """`coach lint --kind status` for the audience; with the notes, also invented facts (against everything the
    prompt gave) and the words of a private line said anyway."""
    from assistant.checks import run_checks

    text = reply.strip()
    if request is None:
        return text, run_checks(text, "status"), ["Pass the notes file too to check the facts against it."]
    from assistant.skills.private import private_lines

    got = _gathered(request, material)
    given = [m.content for m in _render(request, got).messages if m.role == "user"]
    found = run_checks(text, "status", audience=request.audience, sources=given)
    return text, [*found, *private_lines(text, got["known"].withheld, rule="status.private")], []
