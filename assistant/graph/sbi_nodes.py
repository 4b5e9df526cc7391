"""The feedback coach's nodes: lint the note -> ask (interrupt) when facts are missing -> retrieve norms -> draft ->
check -> revise (at most twice) -> finish with whatever findings remain.

"Ask or answer" is decided here in code, never by the model: the embedded model does not ask by itself. Nodes return
partial dicts of JSON-native values; routers are pure functions returning ``Literal`` names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from assistant.checks.base import Finding
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState
from assistant.prompts import RenderedPrompt
from assistant.skills.grounding import Source
from assistant.skills.sbi import (
    DRAFT_MAX_TOKENS,
    Question,
    SBIDraft,
    SBIRequest,
    SBIResult,
    build_draft_prompt,
    build_revise_prompt,
    guidance_for,
)
from assistant.skills.sbi_delivery import delivery_notes
from assistant.skills.sbi_facts import Analysis, analyse
from assistant.skills.sbi_questions import apply_answers, questions_for
from assistant.skills.sbi_review import (
    badness,
    check_draft,
    check_original,
    compose,
    is_already_good,
    needs_revision,
    repair,
    revise_problems,
    to_change,
)

MAX_REVISIONS = 2
MAX_ASK_ROUNDS = 2
# Norms, not status reports or ADRs: the feedback guide, working agreements, the career ladder.
NORM_DOC_TYPES = ["guide", "agreement", "ladder", "handbook"]
NORM_CHUNKS = 2
# Temperature low: the draft should restate the lead's facts, not be creative with them.
DRAFT_TEMPERATURE = 0.1
_QUERY_HINTS = {
    "report": "feedback situation behavior impact requested change",
    "peer": "peer feedback directly",
    "manager": "upward feedback leads",
    "stakeholder": "feedback stakeholder",
}
_REQUEST_FIELDS = frozenset(SBIRequest.model_fields)
NO_IMPACT_NOTE = (
    "Your note does not say what it caused, so the impact line is only a suggestion: replace it with the effect "
    "you actually saw before you say it."
)


def request_of(state: CoachState) -> SBIRequest:
    """The request, without the retrieval keys (query, doc_types, top_k) the shared retrieve node reads."""
    return SBIRequest.model_validate({k: v for k, v in state["skill_input"].items() if k in _REQUEST_FIELDS})


def analysis_of(state: CoachState) -> Analysis:
    return Analysis.model_validate(state["analysis"])


def sources_of(state: CoachState) -> list[Source]:
    return [Source.model_validate(s) for s in state.get("sources", [])][:NORM_CHUNKS]


def _step(runtime: Runtime[CoachContext], node: str, label: str) -> None:
    runtime.stream_writer({"type": "step", "node": node, "label": label})


def _dump(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in findings]


def lint(request: SBIRequest, answered: Mapping[str, str]) -> tuple[Analysis, list[Finding]]:
    """What code finds in the note: facts, gaps, topics, and the catalogue's findings on the original."""
    analysis = analyse(request, answered)
    original = check_original(request)
    analysis.already_good = is_already_good(analysis, original)
    return analysis, original


def draft_prompt(request: SBIRequest, analysis: Analysis) -> RenderedPrompt:
    guidance = guidance_for(
        already_good=analysis.already_good, has_impact=analysis.has_impact, relationship=request.relationship
    )
    facts = [fact.line() for fact in analysis.facts]
    return build_draft_prompt(request, facts, analysis.polarity, guidance)


def sbi_lint(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    _step(runtime, "sbi_lint", "Checking the feedback")
    request = request_of(state)
    analysis, original = lint(request, state.get("answered", {}))
    query = " ".join([*analysis.fact_texts(), _QUERY_HINTS[request.relationship]])
    if analysis.polarity == "positive":
        query += " positive feedback praise"
    return {
        "analysis": analysis.model_dump(),
        "original_findings": _dump(original),
        "questions": [q.model_dump() for q in questions_for(analysis, request, state.get("asked", 0))],
        "skill_input": {**request.model_dump(), "query": query, "doc_types": NORM_DOC_TYPES, "top_k": NORM_CHUNKS},
    }


def after_lint(state: CoachState) -> Literal["sbi_ask", "retrieve", "sbi_finish"]:
    if not state.get("questions"):
        return "retrieve"
    return "sbi_ask" if state.get("asked", 0) < MAX_ASK_ROUNDS else "sbi_finish"


def _as_mapping(answers: Any, questions: Sequence[Question]) -> Mapping[str, str]:
    if isinstance(answers, Mapping):
        return {str(k): str(v) for k, v in answers.items()}
    if isinstance(answers, list | tuple):
        return {q.id: str(a) for q, a in zip(questions, answers, strict=False)}
    return {questions[0].id: str(answers)} if questions and answers else {}


def sbi_ask(state: CoachState) -> dict[str, Any]:
    """Pause the thread with the questions; resumed with ``Command(resume=answers)``, it re-runs from here."""
    questions = [Question.model_validate(q) for q in state.get("questions", [])]
    answers = interrupt({"questions": [q.model_dump() for q in questions]})
    request, answered = apply_answers(request_of(state), questions, _as_mapping(answers, questions))
    return {
        "skill_input": {**state["skill_input"], **request.model_dump()},
        "answered": {**state.get("answered", {}), **answered},
        "asked": state.get("asked", 0) + 1,
    }


def _draft_prompt(state: CoachState) -> RenderedPrompt:
    return draft_prompt(request_of(state), analysis_of(state))


def sbi_draft(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    _step(runtime, "sbi_draft", f"Drafting with {ctx.settings.model}")
    result = ctx.llm.structured(
        _draft_prompt(state), SBIDraft, max_tokens=DRAFT_MAX_TOKENS, temperature=DRAFT_TEMPERATURE
    )
    reply = result.completions[-1].text
    # A new draft starts afresh, also when a second note comes on the same thread.
    turns = [{"reply": reply, "problems": []}]
    return {"draft": result.value.model_dump(), "draft_turns": turns, "revisions": 0, "best": {}}


def sbi_check(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    _step(runtime, "sbi_check", "Checking the draft")
    draft = repair(SBIDraft.model_validate(state["draft"]))
    findings = check_draft(draft, request_of(state), analysis_of(state))
    update: dict[str, Any] = {"draft": draft.model_dump(), "findings": _dump(findings)}
    best = state.get("best")
    if not best or badness(findings) < badness([Finding.model_validate(f) for f in best["findings"]]):
        update["best"] = {"draft": update["draft"], "findings": update["findings"]}
    return update


def after_check(state: CoachState) -> Literal["sbi_revise", "sbi_finish"]:
    findings = [Finding.model_validate(f) for f in state.get("findings", [])]
    if needs_revision(findings) and state.get("revisions", 0) < MAX_REVISIONS:
        return "sbi_revise"
    return "sbi_finish"


def sbi_revise(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    revision = state.get("revisions", 0) + 1
    _step(runtime, "sbi_revise", f"Revising the draft ({revision}/{MAX_REVISIONS})")
    findings = [Finding.model_validate(f) for f in state.get("findings", [])]
    turns = [dict(t) for t in state.get("draft_turns", [])]
    turns[-1]["problems"] = revise_problems(findings)
    prompt = build_revise_prompt(_draft_prompt(state), turns)
    result = ctx.llm.structured(prompt, SBIDraft, max_tokens=DRAFT_MAX_TOKENS, temperature=DRAFT_TEMPERATURE)
    turns.append({"reply": result.completions[-1].text, "problems": []})
    return {"draft": result.value.model_dump(), "draft_turns": turns, "revisions": revision}


def sbi_finish(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    _step(runtime, "sbi_finish", "Preparing the feedback")
    result = finish_result(state)
    return {"skill_output": result.model_dump(mode="json"), "answer": result.message}


def finish_result(state: CoachState) -> SBIResult:
    request, analysis = request_of(state), analysis_of(state)
    original = [to_change(Finding.model_validate(f)) for f in state.get("original_findings", [])]
    common: dict[str, Any] = {
        "polarity": analysis.polarity,
        "relationship": request.relationship,
        "changes": original,
        "facts": analysis.fact_texts(),
        "separate": analysis.separate,
        "already_good": analysis.already_good,
        "notes": list(state.get("notes", [])),
        "asked_rounds": state.get("asked", 0),
    }
    if state.get("best"):
        state = {**state, "draft": state["best"]["draft"], "findings": state["best"]["findings"]}
    if "draft" not in state or not state["draft"]:
        questions = [Question.model_validate(q) for q in state.get("questions", [])]
        note = "Not drafted: SBI needs a specific moment and what was done; writing it now would mean inventing them."
        return SBIResult(status="needs_facts", questions=questions, **{**common, "notes": [*common["notes"], note]})
    draft = SBIDraft.model_validate(state["draft"])
    parts = draft.parts()
    remaining = [to_change(Finding.model_validate(f)) for f in state.get("findings", [])]
    if analysis.already_good:
        common["notes"].append("Your feedback was already specific and behavioural; it was only split into parts.")
    if not analysis.has_impact:
        common["notes"].append(NO_IMPACT_NOTE)
    return SBIResult(
        **parts,
        opening_question=draft.question.strip(),
        message=compose(parts, draft.question),
        delivery_notes=delivery_notes(request, analysis),
        remaining=remaining,
        sources=sources_of(state),
        revisions=state.get("revisions", 0),
        **common,
    )
