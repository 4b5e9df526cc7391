"""The status-update run's own state: typed, private to one run, started afresh by ``start`` every time."""

from __future__ import annotations

from assistant.skills.loop import LoopFields
from assistant.skills.status.known import Known
from assistant.skills.status.models import ExecDraft, StatusDraft, StatusInput, StatusResult


class StatusState(LoopFields, total=False):
    request: StatusInput
    date: str
    known: Known  # the lines the model sees (private ones removed, dates made absolute), the past update's names
    title: str
    sources: list[str]  # past updates cited
    next_update: str | None
    lead_notes: list[str]  # what code decided, told to the lead
    answers: dict[str, str]  # the lead's answers to the gap questions, by question id
    # ExecDraft is named so the checkpoint serializer may rebuild it after a pause (it allows only the state's types).
    draft: StatusDraft | ExecDraft | None
    best: StatusDraft | ExecDraft | None
    result: StatusResult
