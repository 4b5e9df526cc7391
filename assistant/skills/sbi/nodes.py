"""The feedback coach's nodes: type the stated facts code cannot (one small model call each) -> lint the note -> ask
(interrupt) when facts are missing -> retrieve norms -> the draft loop (draft -> check -> revise, at most twice) ->
finish with whatever findings remain.

"Ask or answer" is decided here in code, never by the model: the embedded model does not ask by itself. Nodes read
and return typed values (``SBIState``); routers are pure functions returning ``Literal`` names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from assistant.checks.base import Finding
from assistant.graph.context import CoachContext
from assistant.graph.retrieve import RetrievalSpec
from assistant.prompts import RenderedPrompt
from assistant.skills.base import Pause, Question
from assistant.skills.sbi.classify import Kind, classify_undecided
from assistant.skills.sbi.delivery import delivery_notes
from assistant.skills.sbi.facts import Analysis, analyse, undecided
from assistant.skills.sbi.models import Change, SBIDraft, SBIReply, SBIRequest, SBIResult
from assistant.skills.sbi.person import address
from assistant.skills.sbi.prompt import build_prompt, guidance_for
from assistant.skills.sbi.questions import apply_answers, questions_for
from assistant.skills.sbi.review import check_draft, check_original, compose, is_already_good, repair, to_change
from assistant.skills.sbi.sayable import distinct_request
from assistant.skills.sbi.select import chosen
from assistant.skills.sbi.state import SBIState
from assistant.skills.sbi.template import code_parts

MAX_ASK_ROUNDS = 2
# Norms, not status reports or ADRs: the feedback guide, working agreements, the career ladder.
NORM_DOC_TYPES = ("guide", "agreement", "ladder", "handbook")
NORM_CHUNKS = 2
_QUERY_HINTS = {
    "report": "feedback situation behavior impact requested change",
    "peer": "peer feedback directly",
    "manager": "upward feedback leads",
    "stakeholder": "feedback stakeholder",
}
NO_IMPACT_NOTE = (
    "Your note does not say what it caused, so the impact line is only a suggestion: replace it with the effect "
    "you actually saw before you say it."
)
NOT_DRAFTED = "Not drafted: SBI needs a specific moment and what was done; writing it now would mean inventing them."


def _step(runtime: Runtime[CoachContext], node: str, label: str) -> None:
    runtime.stream_writer({"type": "step", "node": node, "label": label})


def lint(
    request: SBIRequest, answered: Mapping[str, str], kinds: Mapping[str, Kind] | None = None
) -> tuple[Analysis, list[Finding]]:
    """What code finds in the note: facts, gaps, topics, and the catalogue's findings on the original. ``kinds`` are
    the model's kinds for the stated facts code could not type (``sbi_classify``)."""
    analysis = analyse(request, answered, kinds)
    original = check_original(request)
    analysis.already_good = is_already_good(analysis, original)
    return analysis, original


def draft_prompt(request: SBIRequest, analysis: Analysis) -> RenderedPrompt:
    parts = written_parts(request, analysis)
    guidance = guidance_for(has_impact=bool(parts["impact"]), relationship=request.relationship)
    asks = [fact.text for fact in chosen(analysis) if fact.tags == ["ask"]]
    return build_prompt(request, parts, asks, analysis.polarity, guidance)


def written_parts(request: SBIRequest, analysis: Analysis) -> dict[str, str]:
    """Situation, behaviour and impact as code writes them, spoken to the person."""
    return {part: address(text, request.name) for part, text in code_parts(analysis).items()}


def full_draft(reply: SBIReply, parts: dict[str, str], *, positive: bool = False) -> SBIDraft:
    """Code's parts (``written_parts``) plus the model's request and question (and its impact, only where no fact
    gave one)."""
    impact = parts["impact"] or reply.impact
    request = distinct_request(reply.request, reply.alternative, {**parts, "impact": impact}, positive=positive)
    return SBIDraft(**{**parts, "impact": impact}, request=request, question=reply.question)


def state_prompt(state: Mapping[str, Any]) -> RenderedPrompt:
    return draft_prompt(state["request"], state["analysis"])


def review(reply: SBIReply, state: Mapping[str, Any]) -> tuple[SBIReply, list[Finding]]:
    """The whole draft is checked, since the model's request must fit what code wrote; the loop keeps the reply."""
    request, analysis = state["request"], state["analysis"]
    positive = analysis.polarity == "positive"
    draft = repair(full_draft(reply, written_parts(request, analysis), positive=positive), request.name)
    checked = reply.model_copy(update={"request": draft.request, "question": draft.question, "impact": reply.impact})
    return checked, check_draft(draft, request, analysis)


def retrieval(state: SBIState) -> RetrievalSpec:
    """One or two short norms about giving this kind of feedback: every chunk costs seconds on the embedded model."""
    request, analysis = state["request"], state["analysis"]
    query = " ".join([*analysis.fact_texts(), _QUERY_HINTS[request.relationship]])
    if analysis.polarity == "positive":
        query += " positive feedback praise"
    return RetrievalSpec(query=query, doc_types=NORM_DOC_TYPES, k=NORM_CHUNKS)


def sbi_classify(state: SBIState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    """The kind of each stated fact code cannot decide, from the model: one grammar-constrained call per fact, none
    when code decides them all (most runs). Kinds already known (an earlier round) are not asked again; a model
    error leaves the rest to the rules' tags."""
    request, known = state["request"], state.get("kinds", {})
    pending = [text for text in undecided(request, state.get("answered", {})) if text not in known]
    if not pending:
        return {"kinds": known}
    _step(runtime, "sbi_classify", "Reading the facts")
    return {"kinds": {**known, **classify_undecided(runtime.context.llm, pending, request.name)}}


def sbi_lint(state: SBIState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    _step(runtime, "sbi_lint", "Checking the feedback")
    request = state["request"]
    analysis, original = lint(request, state.get("answered", {}), state.get("kinds", {}))
    return {
        "analysis": analysis,
        "original_findings": original,
        "questions": questions_for(analysis, request, state.get("asked", 0)),
    }


def after_lint(state: SBIState) -> Literal["sbi_ask", "retrieve", "sbi_finish"]:
    if not state.get("questions"):
        return "retrieve"
    return "sbi_ask" if state.get("asked", 0) < MAX_ASK_ROUNDS else "sbi_finish"


def _as_mapping(answers: Any, questions: Sequence[Question]) -> Mapping[str, str]:
    if isinstance(answers, Mapping):
        return {str(k): str(v) for k, v in answers.items()}
    if isinstance(answers, list | tuple):
        return {q.id: str(a) for q, a in zip(questions, answers, strict=False)}
    return {questions[0].id: str(answers)} if questions and answers else {}


def pending_result(state: SBIState) -> SBIResult:
    """What a caller that cannot ask gets while the run waits: the questions and what is wrong with the note."""
    return SBIResult(
        status="needs_facts",
        questions=state.get("questions", []),
        changes=[to_change(f) for f in state.get("original_findings", [])],
        asked_rounds=state.get("asked", 0) + 1,
        polarity=state["analysis"].polarity,
        relationship=state["request"].relationship,
    )


def sbi_ask(state: SBIState) -> dict[str, Any]:
    """Pause the run with the questions; resumed with ``Command(resume=answers)``, it re-runs from here."""
    questions = state.get("questions", [])
    pause = Pause(questions=questions, partial=pending_result(state).model_dump(mode="json"))
    answers = interrupt(pause.model_dump(mode="json"))
    request, answered = apply_answers(state["request"], questions, _as_mapping(answers, questions))
    return {
        "request": request,
        "answered": {**state.get("answered", {}), **answered},
        "asked": state.get("asked", 0) + 1,
    }


def sbi_finish(state: SBIState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    _step(runtime, "sbi_finish", "Preparing the feedback")
    return {"result": finish_result(state)}


def _error_line(change: Change) -> str:
    return f"{change.field or 'message'}: '{change.text[:60]}' ({change.rule})" if change.text else change.rule


def finish_result(state: SBIState) -> SBIResult:
    request, analysis = state["request"], state["analysis"]
    common: dict[str, Any] = {
        "polarity": analysis.polarity,
        "relationship": request.relationship,
        "changes": [to_change(f) for f in state.get("original_findings", [])],
        "facts": analysis.fact_texts(),
        "separate": analysis.separate,
        "already_good": analysis.already_good,
        "notes": list(state.get("notes", [])),
        "asked_rounds": state.get("asked", 0),
    }
    best = state.get("best")
    if best is None:
        notes = [*common.pop("notes"), NOT_DRAFTED]
        return SBIResult(
            status="needs_facts",
            questions=state.get("questions", []),
            notes=notes,
            withheld=analysis.withheld,
            **common,
        )
    written = written_parts(request, analysis)
    draft = repair(full_draft(best, written, positive=analysis.polarity == "positive"), request.name)
    parts = draft.parts()
    remaining = [to_change(f) for f in state.get("best_findings") or []]
    errors = [c for c in remaining if c.severity == "error"]
    if errors:
        # Never "ready" with an error on it: the lead is told what to fix before saying it.
        common["notes"].append("Not ready to say as it is: fix " + "; ".join(_error_line(c) for c in errors[:3]) + ".")
    if analysis.withheld:
        common["notes"].append(f"Left out as private ({len(analysis.withheld)}): see 'withheld'.")
    if analysis.already_good and not errors:
        common["notes"].append("Your feedback was already specific and behavioural; it was only split into parts.")
    if not written["impact"]:
        common["notes"].append(NO_IMPACT_NOTE)
    return SBIResult(
        **parts,
        status="needs_edits" if errors else "ready",
        opening_question=draft.question.strip(),
        message=compose(parts, draft.question),
        delivery_notes=delivery_notes(request, analysis),
        remaining=remaining,
        withheld=analysis.withheld,
        sources=state.get("sources", [])[:NORM_CHUNKS],
        revisions=state.get("revisions", 0),
        **common,
    )
