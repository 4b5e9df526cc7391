"""A whole rehearsal through the service: the scene opens at once, each lead line resumes the paused run, the
counterpart opens up to good questions and not to labels, the debrief quotes the lead, and a session survives a
model failure and a killed process."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.errors import LLMError
from assistant.graph import checkpoint
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from assistant.skills.rehearse.models import MAX_TURN_CHARS, RehearseOutput
from assistant.skills.rehearse.scenario import load_scenarios
from assistant.skills.rehearse.skill import SKILL
from tests.skills.rehearse.helpers import BAD, GOOD, counterpart_script, service

SCENE = load_scenarios().scenarios["missed-deadlines"]


def _rehearse(svc: CoachService, turns: list[str], *, end: bool = True) -> RehearseOutput:
    event = last(svc.run("rehearse", {"scenario": "missed-deadlines"}))
    for turn in turns:
        event = last(svc.resume(event.thread_id, {"turn": turn}))
    if end:
        event = last(svc.resume(event.thread_id, {"turn": "/debrief"}))
    return event.output_as(RehearseOutput)


def test_the_scene_opens_with_the_scripted_greeting_and_waits_for_the_lead() -> None:
    llm = ScriptedLLM(counterpart_script())
    event = last(service(llm).run("rehearse", {"scenario": "missed-deadlines"}))
    assert event.waiting and event.questions[0].id == "turn"
    out = event.output_as(RehearseOutput)
    assert out.status == "waiting" and out.transcript[0].text == SCENE.greeting
    assert llm.calls == []  # no model call before the lead says anything


def test_a_good_conversation_opens_the_counterpart_up_and_scores_high() -> None:
    llm = ScriptedLLM(counterpart_script())
    out = _rehearse(service(llm), GOOD)
    assert out.status == "ended" and out.debrief is not None
    assert out.debrief.revealed and out.openness == "open"
    replies = [line.text for line in out.transcript if line.speaker == "counterpart"]
    assert "Honestly, there is something else going on at home." in replies
    assert out.debrief.total >= 11
    lead_words = {line.text for line in out.lead_lines()}
    for criterion in out.debrief.criteria:
        if criterion.quote:
            assert any(criterion.quote.rstrip("…") in said for said in lead_words), criterion


def test_a_labelling_conversation_closes_the_counterpart_and_scores_low() -> None:
    out = _rehearse(service(ScriptedLLM(counterpart_script())), BAD)
    assert out.debrief is not None and not out.debrief.revealed and out.openness == "closed"
    scores = {c.id: c.score for c in out.debrief.criteria}
    assert scores["labels"] == 0 and scores["questions"] == 0
    labels = next(c for c in out.debrief.criteria if c.id == "labels")
    assert labels.quote.startswith("You always miss")
    good = _rehearse(service(ScriptedLLM(counterpart_script())), GOOD)
    assert good.debrief is not None and good.debrief.total > out.debrief.total


def test_the_trust_and_stress_of_every_line_are_kept_for_the_chart() -> None:
    out = _rehearse(service(ScriptedLLM(counterpart_script())), BAD, end=False)
    trust = [line.trust for line in out.lead_lines()]
    assert trust == sorted(trust, reverse=True) and trust[-1] < SCENE.difficulty + 3


def test_a_summary_that_quotes_words_nobody_said_is_replaced_by_code() -> None:
    llm = ScriptedLLM(counterpart_script(summary='You said "we will fire you" which was harsh.'))
    out = _rehearse(service(llm), GOOD[:2])
    assert out.debrief is not None and out.debrief.summary_source == "code"
    assert "we will fire you" not in out.debrief.summary


def test_a_model_failure_keeps_the_line_and_retry_answers_it() -> None:
    down = {"on": False}
    script = counterpart_script()

    def flaky(prompt: object) -> str:
        if down["on"]:
            raise LLMError("the model timed out")
        return script(prompt)  # type: ignore[arg-type]

    svc = service(ScriptedLLM(flaky))
    event = last(svc.run("rehearse", {"scenario": "missed-deadlines"}))
    down["on"] = True
    event = last(svc.resume(event.thread_id, {"turn": GOOD[0]}))
    out = event.output_as(RehearseOutput)
    assert event.waiting and out.transcript[-1].text == GOOD[0]
    assert "/retry" in out.notes[-1]
    down["on"] = False
    out = last(svc.resume(event.thread_id, {"turn": "/retry"})).output_as(RehearseOutput)
    assert [line.speaker for line in out.transcript] == ["counterpart", "lead", "counterpart"]


def test_an_over_long_line_is_refused_with_a_note_and_nothing_changes() -> None:
    svc = service(ScriptedLLM(counterpart_script()))
    event = last(svc.run("rehearse", {"scenario": "missed-deadlines"}))
    event = last(svc.resume(event.thread_id, {"turn": "x" * (MAX_TURN_CHARS + 1)}))
    out = event.output_as(RehearseOutput)
    assert event.waiting and len(out.transcript) == 1 and "shorter turns" in out.notes[-1]


def test_a_killed_process_resumes_with_the_full_history(tmp_path: object) -> None:
    settings = Settings()
    script = counterpart_script()

    def fresh() -> CoachService:
        saver = checkpoint.open_checkpointer(settings, [SKILL.state])
        return CoachService(settings, llm=ScriptedLLM(script), retriever=None, checkpointer=saver)

    first = fresh()
    event = last(first.run("rehearse", {"scenario": "missed-deadlines"}))
    event = last(first.resume(event.thread_id, {"turn": GOOD[0]}))
    del first  # the process is gone; the SQLite file stays
    second = fresh()
    paused = second.paused(event.thread_id)
    assert paused is not None and paused.waiting
    assert [line.text for line in paused.output_as(RehearseOutput).lead_lines()] == [GOOD[0]]
    out = last(second.resume(event.thread_id, {"turn": GOOD[1]})).output_as(RehearseOutput)
    assert [line.text for line in out.lead_lines()] == GOOD[:2]


def test_a_persona_override_replaces_the_traits() -> None:
    llm = ScriptedLLM(counterpart_script())
    svc = service(llm)
    event = last(svc.run("rehearse", {"scenario": "missed-deadlines", "persona": "quiet"}))
    last(svc.resume(event.thread_id, {"turn": "What happened last sprint?"}))
    prompt = next(c for c in llm.calls if c.prompt_id == "rehearse/counterpart")
    assert "short answers" in prompt.last_user and "justifies" not in prompt.last_user
    assert event.output_as(RehearseOutput).traits == ["quiet"]


def test_an_unknown_scenario_is_a_clear_error() -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError, match="no rehearsal scenario"):
        last(service(ScriptedLLM(counterpart_script())).run("rehearse", {"scenario": "nope"}))


def test_a_summary_that_copies_the_prompts_worked_example_is_replaced_by_code() -> None:
    copied = "You said up front why you wanted to meet and ended with a clear next step and a date."
    out = _rehearse(service(ScriptedLLM(counterpart_script(summary=copied))), GOOD[:2])
    assert out.debrief is not None and out.debrief.summary_source == "code"
