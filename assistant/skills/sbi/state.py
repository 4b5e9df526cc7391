"""The feedback coach's own state: typed, private to one run, started afresh by ``start`` every time."""

from __future__ import annotations

from assistant.checks.base import Finding
from assistant.skills.base import Question
from assistant.skills.grounding import Source
from assistant.skills.loop import LoopFields
from assistant.skills.sbi.classify import Kind
from assistant.skills.sbi.facts import Analysis
from assistant.skills.sbi.models import SBIReply, SBIRequest, SBIResult


class SBIState(LoopFields, total=False):
    request: SBIRequest  # grows with the lead's answers (they become known facts)
    analysis: Analysis  # what code found in the note: tagged facts, gaps, topics
    original_findings: list[Finding]  # the catalogue's findings on the note itself
    questions: list[Question]  # what is missing; asked by interrupting the run
    answered: dict[str, str]  # each answer the lead gave (now a known fact) -> the question id it answered
    kinds: dict[str, Kind]  # a stated fact code could not type -> the model's kind for it (sbi_classify)
    asked: int  # question rounds so far (bounded, so a lead who cannot answer gets an honest stop)
    sources: list[Source]  # norm documents, cited beside the rewrite
    notes: list[str]
    draft: SBIReply | None  # the model's part of the current draft (code writes the rest from the facts)
    best: SBIReply | None  # the least-flagged so far, which the result uses
    result: SBIResult
