"""The update cut to its audience's word budget in code, least useful detail first: the details and dates the notes
add, then what was done, what is next, long workstream notes, then the risks' issue lines. The TL;DR, the colours,
the red and amber blocks' labels and the asks are never cut. The lead is told what was cut."""

from __future__ import annotations

from collections.abc import Callable

from assistant.checks.status_dates import word_count
from assistant.skills.status import render
from assistant.skills.status.models import StatusBody

SHORT_NOTE_WORDS = 10


def _short(text: str, words: int = SHORT_NOTE_WORDS) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


_CUTS: tuple[tuple[str, Callable[[StatusBody], StatusBody]], ...] = (
    ("the details from the notes", lambda c: c.model_copy(update={"also": []})),
    ("what was done", lambda c: c.model_copy(update={"done": []})),
    ("the next steps", lambda c: c.model_copy(update={"next": []})),
    ("long workstream notes", lambda c: c.model_copy(
        update={"streams": [s.model_copy(update={"note": _short(s.note)}) for s in c.streams]})),
    ("long issue lines", lambda c: c.model_copy(
        update={"risks": [r.model_copy(update={"issue": _short(r.issue, 15)}) for r in c.risks]})),
)  # fmt: skip


def fit_budget(content: StatusBody, frame: render.Frame, budget: int) -> tuple[StatusBody, list[str]]:
    """The body, cut until its markdown fits ``budget`` words (or nothing is left to cut); what was cut."""
    cut: list[str] = []
    for what, step in _CUTS:
        if word_count(render.markdown(frame, content)) <= budget:
            break
        shorter = step(content)
        if shorter != content:
            content = shorter
            cut.append(what)
    return content, ([f"Cut to fit the {budget}-word budget: {', '.join(cut)}."] if cut else [])
