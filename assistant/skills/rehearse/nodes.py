"""The rehearsal's nodes: open the scene (scripted greeting) -> listen (interrupt: the lead's line) -> respond (tags
and mood in code, the counterpart's line from the model, guarded) -> listen … -> debrief (scores in code, summary from
the model). Every lead line is a resume of the same paused run, so the whole conversation is one checkpointed thread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from assistant.errors import LLMError
from assistant.graph.context import CoachContext
from assistant.llm.protocol import LLM
from assistant.skills.base import Pause, Question
from assistant.skills.rehearse.catalogue import scenario as find_scenario
from assistant.skills.rehearse.counterpart import speak, warm_up
from assistant.skills.rehearse.debrief import debrief
from assistant.skills.rehearse.frame import Framed, split_frame
from assistant.skills.rehearse.models import MAX_LEAD_TURNS, MAX_TURN_CHARS, Line, RehearseOutput
from assistant.skills.rehearse.mood import Mood
from assistant.skills.rehearse.moves import read_with_model
from assistant.skills.rehearse.scenario import Scenario
from assistant.skills.rehearse.state import RehearseState
from assistant.skills.rehearse.summary import summariser
from assistant.skills.rehearse.tags import Reading, read_turn

TURN = "turn"  # the answer key for the lead's next line
END = "end"  # any value: end the conversation and score it
END_COMMANDS = frozenset({"/debrief", "/end", "/done"})
RETRY = "/retry"  # ask the counterpart again for the last line, after the model failed to answer it
# Control characters (a pasted binary, a stray NUL) are nothing anyone says aloud; a line of only those is no line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def output(state: RehearseState, status: Literal["waiting", "ended"]) -> RehearseOutput:
    scenario, mood = state["scenario"], state["mood"]
    return RehearseOutput(
        scenario=scenario.id, title=scenario.title, counterpart=scenario.counterpart.name,
        traits=state["traits"], status=status, openness=mood.openness, transcript=state.get("transcript", []),
        prep=scenario.prep, notes=state.get("notes", []),
    )  # fmt: skip


def open_scene(state: RehearseState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    scenario = find_scenario(runtime.context.settings, state["scenario_id"])
    persona = state.get("persona")
    traits = [persona] if persona else list(scenario.traits)
    mood = Mood.start(scenario.difficulty)
    greeting = Line(
        speaker="counterpart", text=scenario.greeting, source="script", trust=mood.trust, stress=mood.stress
    )
    runtime.stream_writer({"type": "token", "text": scenario.greeting})
    if runtime.context.llm.model.startswith("local/"):
        warm_up(runtime.context.llm, scenario, traits)  # the embedded model only: a hosted one has no prefix to warm
    return {"scenario": scenario, "traits": traits, "mood": mood, "transcript": [greeting], "notes": []}


def _said(answers: Any) -> Mapping[str, str]:
    return {str(k): str(v) for k, v in answers.items()} if isinstance(answers, Mapping) else {TURN: str(answers or "")}


def listen(state: RehearseState) -> dict[str, Any]:
    """Pause for the lead's next line; ``{"turn": text}`` answers it, ``{"end": "1"}`` (or ``/debrief``) ends it."""
    name = state["scenario"].counterpart.first_name
    question = Question(id=TURN, text=f"Your line to {name}", why="type /debrief to end and get scored")
    pause = Pause(questions=[question], partial=output(state, "waiting").model_dump(mode="json"))
    answers = _said(interrupt(pause.model_dump(mode="json")))
    text = _CONTROL.sub("", answers.get(TURN, "")).strip()
    if END in answers or text.lower() in END_COMMANDS:
        return {"ending": True, "pending": ""}
    if text == RETRY and not _unanswered(state):
        return {"pending": "", "notes": [*state.get("notes", []), "Nothing to retry: the last line was answered."]}
    if len(text) > MAX_TURN_CHARS:
        note = f"That line was {len(text)} characters; a turn is at most {MAX_TURN_CHARS}. Say it in shorter turns."
        return {"pending": "", "notes": [*state.get("notes", []), note]}
    return {"pending": text}


def after_listen(state: RehearseState) -> Literal["respond", "debrief", "listen"]:
    lead_turns = sum(1 for line in state.get("transcript", []) if line.speaker == "lead")
    if state.get("ending") or lead_turns >= MAX_LEAD_TURNS:
        return "debrief"
    return "respond" if state.get("pending") else "listen"


def _lead_line(llm: LLM, text: str, framed: Framed, earlier: Sequence[Line], mood: Mood) -> tuple[Line, Mood]:
    """The lead's line, read: only the words meant for the scene (``framed.heard``) are read; words to the tool move
    nothing."""
    lead = [line for line in earlier if line.speaker == "lead"]
    asked = any("open_question" in line.tags for line in lead)
    before = earlier[-1].spoken if earlier else ""
    reading, by_model = Reading(tags=(), why={}, delta=0), False
    if framed.heard:
        first = not any(line.spoken for line in lead)
        rules = read_turn(framed.heard, first=first, asked_before=asked)
        reading, by_model = read_with_model(llm, framed.heard, before, rules)
    after = mood.after(reading)
    line = Line(speaker="lead", text=text, tags=list(reading.tags), direction=reading.direction,
                read_by="model" if by_model else "rules", trust=after.trust, stress=after.stress,
                heard=None if framed.whole else framed.heard)  # fmt: skip
    return line, after


def _offstage_note(name: str, offstage: str) -> str | None:
    if not offstage:
        return None
    shown = offstage if len(offstage) <= 80 else offstage[:77] + "..."
    return (
        f'Kept out of the scene, as words to the coach rather than to {name}: "{shown}". It was not scored. '
        "Type /prep for the prep sheet, or /debrief to end and get scored."
    )


def _unanswered(state: RehearseState) -> bool:
    transcript = state.get("transcript", [])
    return bool(transcript) and transcript[-1].speaker == "lead"


def respond(state: RehearseState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    scenario, before = state["scenario"], state["mood"]
    if state["pending"] == RETRY and _unanswered(state):
        lines, mood, newly = list(state["transcript"]), before, bool(state.get("newly_revealed"))
        offstage = ""  # the line was read, and any note given, when it was first said
    else:
        framed = split_frame(state["pending"])
        line, mood = _lead_line(runtime.context.llm, state["pending"], framed, state["transcript"], before)
        lines = [*state["transcript"], line]
        newly = mood.revealed and not before.revealed
        offstage = framed.offstage
    name = scenario.counterpart.first_name
    notes = list(state.get("notes", []))
    if (aside := _offstage_note(name, offstage)) is not None:
        notes.append(aside)
    runtime.stream_writer({"type": "step", "node": "respond", "label": f"{name} is answering"})
    try:
        spoken = speak(runtime.context.llm, scenario, state["traits"], lines, mood, newly=newly)
    except LLMError as exc:
        # The model is down or timed out: the lead's line stays in the transcript (nothing typed is lost) and the
        # run pauses as usual, so `/retry` asks again and the session survives a restart.
        note = f"{name} did not answer ({exc.message}). Your line is kept: type /retry to ask again."
        notes.append(note)
        return {"transcript": lines, "mood": mood, "pending": "", "newly_revealed": newly, "notes": notes}
    runtime.stream_writer({"type": "token", "text": spoken.says})
    reply = Line(speaker="counterpart", text=spoken.says, feels=spoken.feels, source=spoken.source,
                 guard=spoken.guard, trust=mood.trust, stress=mood.stress)  # fmt: skip
    return {"transcript": [*lines, reply], "mood": mood, "pending": "", "newly_revealed": newly, "notes": notes}


def debrief_node(state: RehearseState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    scenario: Scenario = state["scenario"]
    runtime.stream_writer({"type": "step", "node": "debrief", "label": "Scoring the conversation"})
    notes = list(state.get("notes", []))
    if not any(line.speaker == "lead" for line in state.get("transcript", [])):
        notes.append("You ended before saying anything, so there is little to score.")
    result = debrief(scenario, state.get("transcript", []), state["mood"].revealed, summariser(runtime.context.llm))
    out = output({**state, "notes": notes}, "ended").model_copy(update={"debrief": result})
    return {"result": out, "notes": notes}
