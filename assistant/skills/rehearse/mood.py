"""The counterpart's state, kept in code: trust and stress on a 0-10 scale, moved by the tags of each lead line.

The state, not the model, decides how open the counterpart is and when the hidden concern is said: the counterpart's
prompt gets one line saying how they feel now, and the concern only once trust has been earned. A prompt that never
held the concern cannot leak it, whatever the lead types.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assistant.skills.rehearse.models import Openness, TurnTag
from assistant.skills.rehearse.tags import Reading

# Where trust has to get before the counterpart says what is really going on.
REVEAL_AT = 6.0
# One line can move trust by at most this much either way: a single good question does not undo a bad start.
MAX_STEP_UP, MAX_STEP_DOWN = 2.0, 3.0
_STRESS: dict[TurnTag, float] = {
    "label": 2.0,
    "blame": 2.0,
    "interruption": 1.0,
    "premature_solution": 1.0,
    "acknowledgement": -1.0,
    "open_question": -0.5,
}


class Mood(BaseModel):
    model_config = ConfigDict(extra="forbid")

    trust: float
    stress: float
    revealed: bool = False

    @classmethod
    def start(cls, difficulty: int) -> Mood:
        """Harder scenarios start more guarded and more stressed."""
        return cls(trust=5.0 - difficulty, stress=3.0 + difficulty)

    def after(self, reading: Reading) -> Mood:
        step = max(-MAX_STEP_DOWN, min(MAX_STEP_UP, float(reading.delta)))
        trust = _bounded(self.trust + step)
        stress = _bounded(self.stress + sum(_STRESS.get(tag, 0.0) for tag in reading.tags))
        return Mood(trust=trust, stress=stress, revealed=self.revealed or trust >= REVEAL_AT)

    @property
    def openness(self) -> Openness:
        if self.trust >= REVEAL_AT:
            return "open"
        if self.trust >= 5:
            return "opening"
        if self.trust >= 3:
            return "guarded"
        return "closed"


def _bounded(value: float) -> float:
    return max(0.0, min(10.0, value))
