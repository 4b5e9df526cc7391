"""The feedback coach (SBI) as an eval subject.

A case is an ``SBIRequest`` plus, optionally, the answers the lead would type when asked (keyed by question id).
Without answers, a note that lacks facts must end in questions; with them, the thread is resumed and must end in an
SBI. What the evaluators read:

- ``text``: the message ready to say, or the questions asked instead;
- ``parts``: situation, behavior, impact, request (for the catalogue's ``sbi.*`` rules);
- ``inputs``: everything the lead wrote or answered, the only place names, numbers and dates may come from;
- ``properties``: computed by code (``complete``, ``label_free``, ``asked``, …), so the gates never parse prose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.evals.adapters import Observation, SkillAdapter, SkillRun
from assistant.skills.sbi.models import SBIRequest, SBIResult
from assistant.skills.sbi.reader import READER_PROPERTIES, reader_properties

if TYPE_CHECKING:
    from assistant.service import CoachService

# A draft is complete when the catalogue finds every part and an anchored situation: the ≥ 90 % gate.
_STRUCTURE_RULES = frozenset({"sbi.missing", "sbi.situation"})


class SBICase(SBIRequest):
    """The request plus the lead's answers to any questions (``focus``, ``situation``, ``behavior``, ``impact``)."""

    answers: dict[str, str] = Field(default_factory=dict)

    def request(self) -> SBIRequest:
        return SBIRequest.model_validate(self.model_dump(exclude={"answers"}))


def run(service: CoachService, case: SBICase, thread_id: str) -> SkillRun[SBIResult]:
    result = service.complete("sbi", case.request(), case.answers or None, thread_id=thread_id).output_as(SBIResult)
    metrics = {"revisions": float(result.revisions), "remaining": float(len(result.remaining)),
               "asked_rounds": float(result.asked_rounds)}  # fmt: skip
    return SkillRun(output=result, metrics=metrics)


def _label_words(case: SBICase) -> set[str]:
    from assistant.skills.sbi.facts import analyse
    from assistant.skills.sbi.review import label_words

    return label_words(analyse(case.request()), case.raw)


def label_free(case: SBICase, output: SBIResult) -> bool:
    """No judging word from the note in the message, and no ``tone.label`` on it."""
    from assistant.checks import run_checks

    text = output.message.lower()
    carried = [w for w in _label_words(case) if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    labels = [f for f in run_checks(output.message, "note") if f.rule == "tone.label"]
    return not carried and not labels


def complete(output: SBIResult) -> bool:
    """All four parts present and the situation anchored in a time or place, by the catalogue's own rules."""
    from assistant.checks import run_checks

    parts = _parts(output)
    if not all(value.strip() for value in parts.values()):
        return False
    findings = run_checks(output.message, "sbi", parts=parts)
    return not any(f.rule in _STRUCTURE_RULES for f in findings)


def _parts(output: SBIResult) -> dict[str, str]:
    return {"situation": output.situation, "behavior": output.behavior, "impact": output.impact,
            "request": output.request}  # fmt: skip


def observe(case: SBICase, output: SBIResult) -> Observation:
    drafted = output.status in ("ready", "needs_edits")
    who = [case.recipient.name, case.recipient.role] if case.recipient else []
    text = output.message if drafted else "\n".join(q.text for q in output.questions)
    first_ids = [q.id for q in output.questions] if not drafted else []
    return Observation(
        text=text,
        sources=list(output.sources),
        inputs=[case.raw, *case.known_facts, *case.answers.values(), *who],
        parts=_parts(output) if drafted else {},
        properties={
            "drafted": drafted,
            "ready": output.status == "ready",
            "asked": output.asked_rounds > 0,
            "asks_focus": "focus" in first_ids,
            "complete": drafted and complete(output),
            "label_free": label_free(case, output) if drafted else True,
            "polarity": output.polarity,
            "separate": len(output.separate),
            "already_good": output.already_good,
            "revisions": output.revisions,
            "remaining": len(output.remaining),
            **(reader_properties(case, output) if drafted else {}),
        },
    )


PROPERTIES = frozenset(
    {"drafted", "ready", "asked", "asks_focus", "complete", "label_free", "polarity", "separate", "already_good",
     "revisions", "remaining", *READER_PROPERTIES, "body_words"}
)  # fmt: skip

ADAPTER: SkillAdapter[SBICase, SBIResult] = SkillAdapter(
    name="sbi",
    input_model=SBICase,
    output_model=SBIResult,
    run=run,
    observe=observe,
    properties=PROPERTIES,
    numeric_properties=frozenset({"separate", "revisions", "remaining", "body_words"}),
)
