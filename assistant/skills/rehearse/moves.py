"""The model's reading of a lead line the rules cannot read: one grammar-constrained call (an enum, ~8 tokens) naming
the line's main move, turned into the same tags the rules give. Only for lines of four words or more where no rule
fired ("ok", "hm" are flat by rule): most lines never reach the model, so most turns pay nothing for it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.errors import LLMError
from assistant.llm.fake_marker import FAKE_MISS_MARKER
from assistant.llm.protocol import LLM
from assistant.prompts import load_prompt
from assistant.skills.grounding import neutralise
from assistant.skills.rehearse.models import TurnTag
from assistant.skills.rehearse.tags import WEIGHTS, Reading

PROMPT_ID = "rehearse/turn_move"
Move = Literal[
    "open_question", "acknowledgement", "fact", "judgement", "brushing_aside", "telling_the_fix", "next_step", "neutral"
]  # fmt: skip
MOVE_TAGS: dict[Move, tuple[TurnTag, ...]] = {
    "open_question": ("open_question",),
    "acknowledgement": ("acknowledgement",),
    "fact": ("sbi_fact",),
    "judgement": ("label",),
    "brushing_aside": ("interruption",),
    "telling_the_fix": ("premature_solution",),
    "next_step": ("next_step",),
    "neutral": (),
}
MIN_WORDS = 4
MAX_TOKENS = 16


class TurnMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    move: Move


def undecided(text: str, reading: Reading) -> bool:
    return not reading.tags and len(text.split()) >= MIN_WORDS


def ask_move(llm: LLM, line: str, before: str) -> Move:
    """One call at temperature 0: the same line always gets the same move. Raises ``LLMError`` as the model does."""
    prompt = load_prompt(PROMPT_ID).render(before=_one_line(before), line=_one_line(line))
    return llm.structured(prompt, TurnMove, max_tokens=MAX_TOKENS, temperature=0.0).value.move


def _one_line(text: str) -> str:
    return neutralise(" ".join(text.split())).replace('"', "'")


def as_reading(move: Move) -> Reading:
    tags = MOVE_TAGS[move]
    why: dict[TurnTag, str] = {tag: f"the model read the line as {move.replace('_', ' ')}" for tag in tags}
    return Reading(tags=tags, why=why, delta=sum(WEIGHTS.get(tag, 0) for tag in tags))


def read_with_model(llm: LLM, line: str, before: str, reading: Reading) -> tuple[Reading, bool]:
    """The rules' reading, or the model's where the rules found nothing; ``True`` when the model decided. A model
    error keeps the rules' (flat) reading: a rehearsal turn never fails for this. A replay miss is raised."""
    if not undecided(line, reading):
        return reading, False
    try:
        return as_reading(ask_move(llm, line, before)), True
    except LLMError as error:
        if FAKE_MISS_MARKER in error.message:
            raise
        return reading, False
