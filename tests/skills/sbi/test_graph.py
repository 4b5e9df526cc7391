"""The SBI flow: nodes called directly, routers table-driven, and the whole graph through the service with a memory
checkpointer and a scripted model (replies by prompt id, no prompt hashes): interrupt -> resume on the same thread
-> answer; the draft loop's revisions bounded, the best draft kept."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langgraph.runtime import Runtime

from assistant.checks.base import Finding
from assistant.config import load_settings
from assistant.errors import InputError
from assistant.graph.context import CoachContext
from assistant.graph.retrieve import retrieve_node
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, ResultEvent, StepEvent, last
from assistant.skills.base import Pause
from assistant.skills.loop import DraftTurn, build_revise_prompt
from assistant.skills.sbi import nodes
from assistant.skills.sbi.graph import draft_loop
from assistant.skills.sbi.models import Recipient, SBIReply, SBIRequest, SBIResult
from assistant.skills.sbi.prompt import REVISE_PROMPT
from assistant.skills.sbi.review import check_draft, revise_problems
from tests.doubles import Retriever
from tests.skills.sbi.helpers import (
    ANSWERS,
    CONCRETE,
    GOOD_MARCUS,
    GOOD_TOM,
    GUIDE,
    INVENTED,
    LABELLED,
    VAGUE,
    answered_request,
    prompt_for,
    reply,
)


def service(llm: ScriptedLLM | None = None, retriever: Retriever | None = None) -> CoachService:
    return CoachService(load_settings(), llm=llm or ScriptedLLM.replies({}), retriever=retriever, checkpointer="memory")


def scripted(*drafts: str) -> ScriptedLLM:
    """The first reply answers the draft prompt; the rest answer the revise turns, in order."""
    return ScriptedLLM.replies({"sbi/request": drafts[:1], REVISE_PROMPT: drafts[1:]})


def sbi(svc: CoachService, request: SBIRequest, thread: str) -> ResultEvent:
    return last(svc.run("sbi", request, thread))


def result(event: ResultEvent) -> SBIResult:
    return event.output_as(SBIResult)


# --- routers, table-driven -------------------------------------------------------------------------------------

Q = [{"id": "situation", "text": "When?", "why": "w"}]


@pytest.mark.parametrize(
    ("questions", "asked", "expected"),
    [([], 0, "retrieve"), (Q, 0, "sbi_ask"), (Q, 1, "sbi_ask"), (Q, 2, "sbi_finish")],
)
def test_after_lint(questions: list[dict[str, str]], asked: int, expected: str) -> None:
    assert (
        nodes.after_lint({"questions": [Pause.model_validate({"questions": questions}).questions][0], "asked": asked})
        == expected
    )


ERROR = Finding.model_validate({"rule": "tone.label", "severity": "error", "span": None, "message": "m", "fix": "f"})
INFO = Finding.model_validate(
    {"rule": "readability.hard", "severity": "info", "span": None, "message": "m", "fix": "f"}
)
ABSOLUTE = Finding.model_validate(
    {"rule": "tone.absolute", "severity": "warning", "span": None, "message": "m", "fix": "f"}
)


@pytest.mark.parametrize(
    ("findings", "revisions", "expected"),
    [([], 0, "__end__"), ([INFO], 0, "__end__"), ([ERROR], 0, "revise"), ([ABSOLUTE], 1, "revise"),
     ([ERROR], 2, "__end__")],
)  # fmt: skip
def test_after_check(findings: list[Finding], revisions: int, expected: str) -> None:
    assert draft_loop().after_check({"findings": findings, "revisions": revisions}) == expected


# --- nodes, called directly ------------------------------------------------------------------------------------


def runtime(retriever: Retriever | None = None) -> Runtime[CoachContext]:
    ctx = CoachContext(settings=load_settings(), llm=ScriptedLLM.replies({}), retriever=retriever)
    return Runtime(context=ctx, stream_writer=lambda _: None)


def test_lint_node_asks_for_a_vague_note() -> None:
    out = nodes.sbi_lint({"request": VAGUE}, runtime())
    assert [q.id for q in out["questions"]] == ["situation", "behavior", "impact"]
    assert out["original_findings"][0].rule == "tone.label"


def test_retrieval_spec_narrows_to_a_few_norms_and_the_node_passes_it() -> None:
    analysis, _ = nodes.lint(CONCRETE, {})
    spec = nodes.retrieval({"request": CONCRETE, "analysis": analysis})
    assert spec.doc_types == nodes.NORM_DOC_TYPES and spec.k == nodes.NORM_CHUNKS
    assert "interrupted Aisha twice" in spec.query and "peer feedback" in spec.query
    retriever = Retriever([GUIDE])
    out = retrieve_node(nodes.retrieval)({"request": CONCRETE, "analysis": analysis}, runtime(retriever))
    assert retriever.calls == [{"query": spec.query, "k": 2, "doc_types": nodes.NORM_DOC_TYPES}]
    assert [s.citation for s in out["sources"]] == ["handbook/feedback-guide.md#Situation"]


def test_check_flags_a_carried_label_and_an_invented_name() -> None:
    request, answered = answered_request()
    analysis, _ = nodes.lint(request, answered)
    state: dict[str, Any] = {"request": request, "analysis": analysis}
    _, found = nodes.review(SBIReply.model_validate_json(LABELLED), state)
    assert "sbi.carried_label" in {f.rule for f in found}
    other = reply("Ask Lena to review your next PR before the sprint review.")
    _, found = nodes.review(SBIReply.model_validate_json(other), state)
    assert any(f.rule == "facts.invented" and f.span and f.span.text == "Lena" for f in found)


# --- the whole graph ---------------------------------------------------------------------------------------------


def test_vague_note_interrupts_then_resumes_on_the_same_thread() -> None:
    llm = scripted(GOOD_TOM)
    svc = service(llm)
    asked = sbi(svc, VAGUE, "t-vague")
    assert asked.waiting and asked.thread_id == "t-vague" and llm.calls == []
    assert [q.id for q in asked.questions] == ["situation", "behavior", "impact"]
    paused = result(asked)
    assert paused.status == "needs_facts" and paused.changes[0].rule == "tone.label" and paused.asked_rounds == 1
    assert [q.id for q in svc.pending("t-vague")] == ["situation", "behavior", "impact"]
    final = list(svc.resume("t-vague", ANSWERS))
    assert any(isinstance(e, StepEvent) and e.node == "draft" for e in final)
    done = final[-1]
    assert isinstance(done, ResultEvent) and not done.waiting
    out = result(done)
    assert out.status == "ready" and out.thread_id == "t-vague" and out.revisions == 0
    assert out.message.startswith("Last Tuesday, in the sprint review, you opened PR #512")
    assert "lazy" not in out.message.lower() and out.remaining == []
    assert out.changes[0].rule == "tone.label" and out.delivery_notes
    assert svc.pending("t-vague") == []
    # The draft prompt carried the answers as facts: the same prompt the eval fixtures were recorded with.
    request, answered = answered_request()
    assert llm.calls[0].messages == prompt_for(request, answered).messages


def test_resume_without_pending_questions_is_an_input_error() -> None:
    with pytest.raises(InputError):
        list(service().resume("nothing-here", {"situation": "x"}))


def test_unknown_skill_is_an_error_not_chat() -> None:
    with pytest.raises(InputError, match="unknown skill"):
        list(service().run("rehersal", {"message": "hi"}))


def test_concrete_note_goes_straight_to_a_draft_with_sources() -> None:
    retriever = Retriever([GUIDE])
    out = result(sbi(service(scripted(GOOD_MARCUS), retriever), CONCRETE, "t-concrete"))
    assert out.status == "ready" and out.revisions == 0
    assert out.message == (
        "In yesterday's standup, you interrupted Aisha twice. She stopped sharing her update. "
        "Let each person finish their update before you reply. How did you see it?"
    )
    assert out.citations == ["handbook/feedback-guide.md#Situation"]
    assert any("peer" in note for note in out.delivery_notes)


def _problems(draft_json: str) -> list[str]:
    """The revise lines the loop sends for this draft, computed the way the check node does."""
    analysis, _ = nodes.lint(CONCRETE, {})
    draft = nodes.full_draft(SBIReply.model_validate_json(draft_json), nodes.written_parts(CONCRETE, analysis))
    return revise_problems(check_draft(draft, CONCRETE, analysis))


def test_revise_loop_fixes_an_invented_name_and_replays_the_exchange() -> None:
    llm = scripted(INVENTED, GOOD_MARCUS)
    out = result(sbi(service(llm), CONCRETE, "t-revise"))
    assert out.revisions == 1 and out.remaining == [] and "Ravi" not in out.message
    assert llm.prompt_ids() == ["sbi/request", REVISE_PROMPT]
    base = prompt_for(CONCRETE, {})
    expected = build_revise_prompt(base, [DraftTurn(reply=INVENTED, problems=_problems(INVENTED))], REVISE_PROMPT)
    assert llm.calls[1].messages == expected.messages
    assert llm.calls[0].overrides["max_tokens"] == 200 and llm.calls[0].overrides["temperature"] == 0.1


def test_revise_is_bounded_at_two_and_remaining_findings_are_reported() -> None:
    llm = scripted(INVENTED, INVENTED, INVENTED, GOOD_MARCUS)
    out = result(sbi(service(llm), CONCRETE, "t-bounded"))
    assert out.revisions == 2 and len(llm.calls) == 3
    assert [c.rule for c in out.remaining] == ["facts.invented"] and out.remaining[0].text == "Ravi"
    # An error left on the best draft: drafted, but never called ready, and the note says what to fix.
    assert out.status == "needs_edits" and any("Ravi" in note and "fix" in note for note in out.notes)
    assert not any("already specific" in note for note in out.notes)


def test_a_revision_that_comes_back_worse_is_dropped_for_the_better_draft() -> None:
    worse = reply("Let Aisha, Ravi and Lena finish, and be less arrogant.")
    out = result(sbi(service(scripted(INVENTED, worse, worse)), CONCRETE, "t-worse"))
    assert out.revisions == 2 and "Lena" not in out.message and "arrogant" not in out.message
    assert [c.text for c in out.remaining] == ["Ravi"]  # the first draft's one problem, still reported


def test_broken_json_twice_is_an_llm_error_and_the_thread_stays_usable() -> None:
    from assistant.errors import LLMError

    llm = ScriptedLLM(lambda prompt: "still not json {")
    svc = service(llm)
    with pytest.raises(LLMError, match="did not match"):
        sbi(svc, CONCRETE, "t-broken")
    svc._llm = scripted(GOOD_MARCUS)
    assert result(sbi(svc, CONCRETE, "t-broken")).status == "ready"


def test_a_revision_in_broken_json_keeps_the_checked_draft_and_says_so() -> None:
    llm = scripted(INVENTED, "not json {", "still not json {")
    events = list(service(llm).run("sbi", CONCRETE, "t-broken-revision"))
    out = result(last(events))
    # The first draft (one invented name) survives with its finding; no second revision is tried.
    assert out.revisions == 1 and len(llm.calls) == 3
    assert [c.text for c in out.remaining] == ["Ravi"] and "Ravi" in out.message
    assert any(isinstance(e, StepEvent) and "revision failed" in e.label for e in events)


def test_a_replay_miss_in_a_revision_still_fails_loudly() -> None:
    from assistant.errors import LLMError

    with pytest.raises(LLMError, match="no reply left"):
        sbi(service(scripted(INVENTED)), CONCRETE, "t-miss")


def test_unanswerable_questions_stop_honestly_without_a_draft() -> None:
    svc = service()
    sbi(svc, VAGUE, "t-stuck")
    again = last(svc.resume("t-stuck", {"situation": "not sure", "behavior": "", "impact": ""}))
    assert again.waiting and result(again).asked_rounds == 2  # asked a second time
    final = last(svc.resume("t-stuck", {"situation": "dunno"}))
    assert not final.waiting
    out = result(final)
    assert out.status == "needs_facts" and out.message == ""
    assert [q.id for q in out.questions] == ["situation", "behavior", "impact"]


def test_a_missing_impact_alone_is_asked_once_then_drafted_with_a_note() -> None:
    note = SBIRequest(
        raw="Hannah joined Monday's sprint planning twenty minutes late.", recipient=Recipient(name="Hannah")
    )
    late = reply("Post in the channel when you will be late.", impact="I wanted your estimates early.")
    svc = service(scripted(late))
    first = sbi(svc, note, "t-impact")
    assert first.waiting and [q.id for q in first.questions] == ["impact"]
    done = last(svc.resume("t-impact", {"impact": "no idea"}))
    assert not done.waiting and result(done).status == "ready"
    assert nodes.NO_IMPACT_NOTE in result(done).notes


def test_the_recipient_is_guessed_from_a_note_that_opens_with_a_name() -> None:
    llm = scripted(GOOD_TOM)
    svc = service(llm)
    sbi(svc, SBIRequest(raw="Tom is lazy, his PRs are always late"), "t-guess")
    asked = svc.pending("t-guess")
    assert "Tom" in asked[1].text  # the question names the person


# --- leaks between runs on one thread (issue 10) -------------------------------------------------------------


def test_a_vague_second_note_after_a_drafted_one_never_comes_back_with_the_first_message() -> None:
    svc = service(scripted(GOOD_MARCUS))
    assert result(sbi(svc, CONCRETE, "t-reuse")).status == "ready"
    second = sbi(svc, VAGUE, "t-reuse")
    assert second.waiting and result(second).message == ""
    last(svc.resume("t-reuse", {"situation": "not sure"}))
    final = result(last(svc.resume("t-reuse", {"situation": "dunno"})))
    assert final.status == "needs_facts" and final.message == "" and final.revisions == 0
    assert "Aisha" not in json.dumps(final.model_dump())


def test_a_new_note_while_questions_are_pending_starts_afresh() -> None:
    svc = service(scripted(GOOD_MARCUS))
    assert sbi(svc, VAGUE, "t-pending").waiting
    out = result(sbi(svc, CONCRETE, "t-pending"))
    assert out.status == "ready" and out.asked_rounds == 0 and "Tom" not in out.message
    assert svc.pending("t-pending") == []
