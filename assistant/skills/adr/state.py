"""The ADR drafting run's own state: typed, private to one run, started afresh by ``start`` every time."""

from __future__ import annotations

from assistant.adr_policy import Template
from assistant.skills.adr.models import AdrDraft, AdrInput, AdrResult, Related
from assistant.skills.loop import LoopFields


class AdrState(LoopFields, total=False):
    request: AdrInput
    log_dir: str
    template: Template
    number: int
    date: str
    status: str
    decided: bool  # the notes record a decision (rules, decided.py)
    related: list[Related]
    notes: list[str]
    draft: AdrDraft | None
    best: AdrDraft | None
    result: AdrResult
