"""Shared by the rehearsal tests: a scripted counterpart and a service that keeps its checkpoints in memory."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from assistant.config import Settings
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService

CONCERN_CUE = "really going on"


def reply(says: str) -> str:
    return json.dumps({"says": says})


GUARDED = [
    "The staging data was broken for two days. What was I meant to do?",
    "I did post in the channel about it, for what it's worth.",
    "Marcus knew the fallback was late, I told him on Monday.",
    "It's been a long month, that's all.",
    "Okay. I can live with that.",
    "Fine by me, I suppose.",
]
OPENED = [
    "Honestly, there is something else going on at home.",
    "My dad has been in hospital and I've been driving there every evening.",
    "I didn't want it to sound like an excuse, so I kept quiet.",
    "Thanks. That actually helps a lot.",
    "Yes, Thursday works for me.",
]


def counterpart_script(
    says: Sequence[str] = GUARDED,
    *,
    opened: Sequence[str] = OPENED,
    move: str = "neutral",
    summary: str = "You opened with the reason and asked before you told.",
) -> Callable[[RenderedPrompt], str]:
    """The counterpart says the next of ``says`` until its prompt carries the hidden concern, then the next of
    ``opened`` (distinct lines: the guard regenerates a reply that repeats an earlier one)."""
    said = {"guarded": 0, "opened": 0}

    def script(prompt: RenderedPrompt) -> str:
        if prompt.id == "rehearse/counterpart":
            which, lines = ("opened", opened) if CONCERN_CUE in prompt.messages[-1].content else ("guarded", says)
            line = lines[said[which] % len(lines)]
            said[which] += 1
            return reply(line)
        if prompt.id == "rehearse/turn_move":
            return json.dumps({"move": move})
        return json.dumps({"summary": summary})

    return script


def service(llm: ScriptedLLM, checkpointer: object = "memory") -> CoachService:
    return CoachService(Settings(), llm=llm, retriever=None, checkpointer=checkpointer)


GOOD = [
    "Hi Tomás, I wanted to talk about the last two sprints. How have they been for you?",
    "That sounds frustrating, thanks for telling me. What got in the way on the fallback alert?",
    "On 30 October you committed to the alert and it merged on 6 November. What would have helped you flag it sooner?",
    "I hear you. What would make it easier to say early that a date is at risk?",
    "Let's agree you post in the channel when a date looks shaky, and check in next Thursday.",
]
BAD = [
    "You always miss your deadlines and it's really unprofessional.",
    "I don't want excuses. You need to start taking this seriously.",
    "This is on you, the whole team was waiting.",
]


def record_one_turn(fake: Any, said: str, says: str, summary: str, scenario_id: str = "missed-deadlines") -> None:
    """Fixtures for the fake provider: the counterpart's reply to ``said`` as the lead's first line, and the debrief
    summary after it. The prompts are built the way the nodes build them, so any change to them is a replay miss."""
    from assistant.prompts import load_prompt
    from assistant.skills.rehearse.counterpart import build_prompt
    from assistant.skills.rehearse.debrief import criteria
    from assistant.skills.rehearse.models import Line
    from assistant.skills.rehearse.mood import Mood
    from assistant.skills.rehearse.scenario import load_scenarios
    from assistant.skills.rehearse.summary import PROMPT_ID
    from assistant.skills.rehearse.tags import read_turn

    scene = load_scenarios().scenarios[scenario_id]
    start = Mood.start(scene.difficulty)
    reading = read_turn(said, first=True)
    mood = start.after(reading)
    greet = Line(speaker="counterpart", text=scene.greeting, source="script", trust=start.trust, stress=start.stress)
    lead = Line(speaker="lead", text=said, tags=list(reading.tags), trust=mood.trust)
    fake.add(build_prompt(scene, scene.traits, [greet, lead], mood, newly=False), reply(says))
    answer = Line(speaker="counterpart", text=says, source="model")
    found = criteria(scene, [greet, lead, answer])
    scores = "\n".join(f"- {c.name}: {c.score}/2 ({c.evidence})" for c in found)
    name = scene.counterpart.first_name
    opened = f"{name} never opened up about what was really going on."
    fake.add(load_prompt(PROMPT_ID).render(name=name, scores=scores, revealed=opened), json.dumps({"summary": summary}))
