"""The rehearsal's own state for one run: the whole conversation lives here, so the checkpointer keeps it between
turns and across a killed process (``coach rehearse --resume ID``)."""

from __future__ import annotations

from typing import TypedDict

from assistant.skills.rehearse.models import Line, RehearseOutput
from assistant.skills.rehearse.mood import Mood
from assistant.skills.rehearse.scenario import Scenario, Trait


class RehearseState(TypedDict, total=False):
    scenario_id: str
    persona: Trait | None
    scenario: Scenario
    traits: list[Trait]
    transcript: list[Line]
    mood: Mood
    newly_revealed: bool  # trust crossed the line on this turn: the counterpart says the concern now
    pending: str  # the lead's line waiting to be answered
    ending: bool  # the lead asked for the debrief
    notes: list[str]
    result: RehearseOutput
