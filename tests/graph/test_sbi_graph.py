"""The SBI flow: nodes called directly, routers table-driven, and the whole graph with a memory checkpointer and
the fake LLM (fixtures written on the fly): interrupt -> resume on the same thread -> answer; revise bounded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langgraph.checkpoint.memory import MemorySaver
from langgraph.runtime import Runtime

from assistant.config import load_settings
from assistant.errors import InputError
from assistant.graph import nodes, sbi_nodes
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState
from assistant.llm.gateway import LLMGateway
from assistant.service import CoachService, QuestionsEvent, SBIEvent, StepEvent
from assistant.skills.grounding import Source, to_source
from assistant.skills.sbi import Recipient, SBIRequest, build_revise_prompt
from tests.conftest import FakeLLM
from tests.graph.doubles import Hit, Retriever

VAGUE = SBIRequest(raw="Tom is lazy, his PRs are always late", recipient=Recipient(name="Tom", role="engineer"))
ANSWERS = {
    "situation": "Last Tuesday, in the sprint review",
    "behavior": "He opened PR #512 two days after the review and did not reply to the comments",
    "impact": "Aisha could not start the reconciliation work",
}
CONCRETE = SBIRequest(
    raw="In yesterday's standup you interrupted Aisha twice, so she stopped sharing her update.",
    recipient=Recipient(name="Marcus", role="senior engineer"),
    relationship="peer",
)


def slot(text: str, *facts: int) -> dict[str, Any]:
    return {"facts": list(facts), "text": text}


def reply(situation: str, behavior: str, impact: str, request: str, question: str = "How did you see it?") -> str:
    return json.dumps(
        {
            "situation": slot(situation, 1),
            "behavior": slot(behavior, 2),
            "impact": slot(impact, 3),
            "request": slot(request),
            "question": question,
        }
    )


GOOD_TOM = reply(
    "Last Tuesday, in the sprint review",
    "you opened PR #512 two days after the review and did not reply to the comments",
    "Aisha could not start the reconciliation work",
    "Open the PR before the review, or tell me early when it will slip.",
)
GOOD_MARCUS = reply(
    "In yesterday's standup",
    "you interrupted Aisha twice",
    "She stopped sharing her update",
    "Let each person finish their update before you reply.",
)
LABELLED = reply(
    "Last Tuesday, in the sprint review",
    "you were lazy and opened PR #512 late",
    "Aisha could not start the reconciliation work",
    "Be less lazy.",
)
INVENTED = reply(
    "In yesterday's standup",
    "you interrupted Aisha and Ravi twice",
    "She stopped sharing her update",
    "Let each person finish their update before you reply.",
)


GUIDE = Hit(
    text="Name when and where. Describe what you saw or heard. Explain the effect on the team.",
    heading_path=["Situation"], title="Feedback Guide", line_start=12, line_end=14, doc_type="guide",
)  # fmt: skip


def service(retriever: Retriever | None = None) -> CoachService:
    return CoachService(load_settings(), retriever=retriever, checkpointer=MemorySaver())


def sources_for(request: SBIRequest, retriever: Retriever | None) -> list[Source]:
    if retriever is None:
        return []
    from assistant.skills.grounding import relevant

    analysis, _ = sbi_nodes.lint(request, {})
    query = " ".join(analysis.fact_texts())
    return [to_source(h) for h in relevant(query + " feedback", retriever.hits)][: sbi_nodes.NORM_CHUNKS]


def prompt_for(request: SBIRequest, answered: dict[str, str]) -> Any:
    analysis, _ = sbi_nodes.lint(request, answered)
    return sbi_nodes.draft_prompt(request, analysis)


def answered_request() -> tuple[SBIRequest, dict[str, str]]:
    facts = list(ANSWERS.values())
    return VAGUE.model_copy(update={"known_facts": facts}), dict(zip(facts, ANSWERS, strict=True))


# --- routers, table-driven -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"questions": []}, "retrieve"),
        ({"questions": [{"id": "situation"}], "asked": 0}, "sbi_ask"),
        ({"questions": [{"id": "situation"}], "asked": 1}, "sbi_ask"),
        ({"questions": [{"id": "situation"}], "asked": 2}, "sbi_finish"),
    ],
)
def test_after_lint(state: CoachState, expected: str) -> None:
    assert sbi_nodes.after_lint(state) == expected


ERROR = {"rule": "tone.label", "severity": "error", "span": None, "message": "m", "fix": "f"}
INFO = {"rule": "readability.hard", "severity": "info", "span": None, "message": "m", "fix": "f"}
ABSOLUTE = {"rule": "tone.absolute", "severity": "warning", "span": None, "message": "m", "fix": "f"}


@pytest.mark.parametrize(
    ("findings", "revisions", "expected"),
    [
        ([], 0, "sbi_finish"),
        ([INFO], 0, "sbi_finish"),
        ([ERROR], 0, "sbi_revise"),
        ([ABSOLUTE], 1, "sbi_revise"),
        ([ERROR], 2, "sbi_finish"),
    ],
)
def test_after_check(findings: list[dict[str, Any]], revisions: int, expected: str) -> None:
    assert sbi_nodes.after_check({"findings": findings, "revisions": revisions}) == expected


@pytest.mark.parametrize(("skill", "expected"), [("sbi", "sbi"), ("chat", "chat")])
def test_route_skill_and_after_retrieve(skill: str, expected: str) -> None:
    assert nodes.route_skill({"skill": skill}) == expected  # type: ignore[typeddict-item]
    assert nodes.after_retrieve({"skill": skill}) == ("sbi_draft" if skill == "sbi" else "chat_answer")  # type: ignore[typeddict-item]


# --- nodes, called directly ------------------------------------------------------------------------------------


def runtime(retriever: Retriever | None = None) -> Runtime[CoachContext]:
    settings = load_settings()
    ctx = CoachContext(settings=settings, llm=LLMGateway(settings), retriever=retriever)
    return Runtime(context=ctx, stream_writer=lambda _: None)


def test_lint_node_asks_for_a_vague_note_and_narrows_retrieval() -> None:
    out = sbi_nodes.sbi_lint({"skill_input": VAGUE.model_dump()}, runtime())
    assert [q["id"] for q in out["questions"]] == ["situation", "behavior", "impact"]
    assert out["original_findings"][0]["rule"] == "tone.label"
    assert out["skill_input"]["doc_types"] == sbi_nodes.NORM_DOC_TYPES and out["skill_input"]["top_k"] == 2


def test_retrieve_node_passes_the_skill_filter() -> None:
    retriever = Retriever([GUIDE])
    state: CoachState = {"skill_input": {"query": "feedback situation", "doc_types": ["guide"], "top_k": 1}}
    out = nodes.retrieve(state, runtime(retriever))
    assert retriever.calls == [{"query": "feedback situation", "k": 1, "doc_types": ["guide"]}]
    assert len(out["sources"]) == 1


def test_check_node_flags_a_carried_label_and_an_invented_name(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    analysis, _ = sbi_nodes.lint(request, answered)
    state: CoachState = {
        "skill_input": request.model_dump(),
        "analysis": analysis.model_dump(),
        "draft": json.loads(LABELLED),
        "sources": [],
    }
    rules = {f["rule"] for f in sbi_nodes.sbi_check(state, runtime())["findings"]}
    assert {"sbi.carried_label", "tone.label"} <= rules
    state["draft"] = json.loads(reply("In the sprint review", "you opened PR #512 late", "Lena was blocked", "x y."))
    found = sbi_nodes.sbi_check(state, runtime())["findings"]
    assert any(f["rule"] == "facts.invented" and f["span"]["text"] == "Lena" for f in found)


# --- the whole graph ---------------------------------------------------------------------------------------------


def test_vague_note_interrupts_then_resumes_on_the_same_thread(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    fake_llm.add(prompt_for(request, answered), GOOD_TOM)
    svc = service()
    events = list(svc.sbi(VAGUE, "t-vague"))
    asked = events[-1]
    assert isinstance(asked, QuestionsEvent) and asked.thread_id == "t-vague"
    assert [q.id for q in asked.questions] == ["situation", "behavior", "impact"]
    assert asked.changes[0].rule == "tone.label"
    assert [q.id for q in svc.pending_questions("t-vague")] == ["situation", "behavior", "impact"]
    final = list(svc.resume("t-vague", ANSWERS))
    assert any(isinstance(e, StepEvent) and e.node == "sbi_draft" for e in final)
    done = final[-1]
    assert isinstance(done, SBIEvent)
    out = done.output
    assert out.status == "ready" and out.thread_id == "t-vague" and out.revisions == 0
    assert out.message.startswith("Last Tuesday, in the sprint review, you opened PR #512")
    assert "lazy" not in out.message.lower() and out.remaining == []
    assert out.changes[0].rule == "tone.label" and out.delivery_notes
    assert svc.pending_questions("t-vague") == []


def test_resume_without_pending_questions_is_an_input_error() -> None:
    with pytest.raises(InputError):
        list(service().resume("nothing-here", {"situation": "x"}))


def test_concrete_note_goes_straight_to_a_draft_with_sources(fake_llm: FakeLLM) -> None:
    retriever = Retriever([GUIDE])
    sources = sources_for(CONCRETE, retriever)
    assert sources, "the fake hit shares words with the note"
    fake_llm.add(prompt_for(CONCRETE, {}), GOOD_MARCUS)
    out = service(retriever).feedback(CONCRETE)
    assert out.status == "ready" and out.revisions == 0
    assert out.message == (
        "In yesterday's standup, you interrupted Aisha twice. She stopped sharing her update. "
        "Let each person finish their update before you reply. How did you see it?"
    )
    assert out.citations == ["handbook/feedback-guide.md#Situation"]
    assert any("peer" in note for note in out.delivery_notes)


def test_revise_loop_fixes_an_invented_name(fake_llm: FakeLLM) -> None:
    base = prompt_for(CONCRETE, {})
    fake_llm.add(base, INVENTED)
    svc = service()
    problems = _problems_after(svc, INVENTED)
    fake_llm.add(build_revise_prompt(base, [{"reply": INVENTED, "problems": problems}]), GOOD_MARCUS)
    out = svc.feedback(CONCRETE, thread_id="t-revise")
    assert out.revisions == 1 and out.remaining == [] and "Ravi" not in out.message


def test_revise_is_bounded_at_two_and_remaining_findings_are_reported(fake_llm: FakeLLM) -> None:
    base = prompt_for(CONCRETE, {})
    fake_llm.add(base, INVENTED)
    problems = _problems_after(service(), INVENTED)
    turns = [{"reply": INVENTED, "problems": problems}]
    fake_llm.add(build_revise_prompt(base, turns), INVENTED)
    turns = [*turns, {"reply": INVENTED, "problems": problems}]
    fake_llm.add(build_revise_prompt(base, turns), INVENTED)
    out = service().feedback(CONCRETE, thread_id="t-bounded")
    assert out.revisions == 2 and out.status == "ready"
    assert [c.rule for c in out.remaining] == ["facts.invented"] and out.remaining[0].text == "Ravi"


def test_a_revision_that_comes_back_worse_is_dropped_for_the_better_draft(fake_llm: FakeLLM) -> None:
    worse = reply("In yesterday's standup", "you interrupted Aisha and Ravi twice in front of Lena",
                  "She stopped sharing her update", "Be less arrogant.")  # fmt: skip
    base = prompt_for(CONCRETE, {})
    fake_llm.add(base, INVENTED)
    problems = _problems_after(service(), INVENTED)
    turns = [{"reply": INVENTED, "problems": problems}]
    fake_llm.add(build_revise_prompt(base, turns), worse)
    turns = [*turns, {"reply": worse, "problems": _problems_after(service(), worse)}]
    fake_llm.add(build_revise_prompt(base, turns), worse)
    out = service().feedback(CONCRETE, thread_id="t-worse")
    assert out.revisions == 2 and "Lena" not in out.message and "arrogant" not in out.message
    assert [c.text for c in out.remaining] == ["Ravi"]  # the first draft's one problem, still reported


def test_unanswerable_questions_stop_honestly_without_a_draft(fake_llm: FakeLLM) -> None:
    svc = service()
    list(svc.sbi(VAGUE, "t-stuck"))
    again = list(svc.resume("t-stuck", {"situation": "not sure", "behavior": "", "impact": ""}))[-1]
    assert isinstance(again, QuestionsEvent)  # asked a second time
    final = list(svc.resume("t-stuck", {"situation": "dunno"}))[-1]
    assert isinstance(final, SBIEvent)
    assert final.output.status == "needs_facts" and final.output.message == ""
    assert [q.id for q in final.output.questions] == ["situation", "behavior", "impact"]


def _problems_after(svc: CoachService, draft_json: str) -> list[str]:
    """The revise lines the check node will send for this draft, computed the way the node does."""
    from assistant.checks.base import Finding
    from assistant.skills.sbi import SBIDraft
    from assistant.skills.sbi_review import check_draft, revise_problems

    analysis, _ = sbi_nodes.lint(CONCRETE, {})
    findings: list[Finding] = check_draft(SBIDraft.model_validate_json(draft_json), CONCRETE, analysis)
    return revise_problems(findings)


def test_a_missing_impact_alone_is_asked_once_then_drafted_with_a_note(fake_llm: FakeLLM) -> None:
    note = SBIRequest(
        raw="Hannah joined Monday's sprint planning twenty minutes late.", recipient=Recipient(name="Hannah")
    )
    analysis, _ = sbi_nodes.lint(note, {})
    late = reply("In Monday's sprint planning", "you joined twenty minutes late", "I wanted your estimates early",
                 "Post in the channel when you will be late.")  # fmt: skip
    fake_llm.add(sbi_nodes.draft_prompt(note, analysis), late)
    svc = service()
    first = list(svc.sbi(note, "t-impact"))[-1]
    assert isinstance(first, QuestionsEvent) and [q.id for q in first.questions] == ["impact"]
    done = list(svc.resume("t-impact", {"impact": "no idea"}))[-1]
    assert isinstance(done, SBIEvent) and done.output.status == "ready"
    assert sbi_nodes.NO_IMPACT_NOTE in done.output.notes
