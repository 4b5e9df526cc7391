"""The rehearsal's input and result: the scene, every line said (with the tags and mood behind it), the prep sheet,
and, once the lead ends it, the scored debrief."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.skills.rehearse.scenario import Prep, Trait

# A turn is something said aloud in a 1:1: a pasted essay is not a line of dialogue, and it would crowd the embedded
# model's 4k context out of the transcript.
MAX_TURN_CHARS = 1_500
MAX_LEAD_TURNS = 24

TurnTag = Literal[
    "purpose",
    "open_question",
    "acknowledgement",
    "sbi_fact",
    "label",
    "blame",
    "interruption",
    "premature_solution",
    "next_step",
]
Direction = Literal["up", "down", "flat"]
Source = Literal["script", "model", "retry", "fallback"]
Openness = Literal["closed", "guarded", "opening", "open"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RehearseInput(_Model):
    field_words: ClassVar[dict[str, str]] = {"scenario": "the scenario id", "persona": "the trait"}
    input_hint: ClassVar[str] = "list the scenarios with `coach rehearse list`"

    scenario: str = Field(min_length=1, max_length=80)
    persona: Trait | None = None  # replaces the scenario's traits ("what if Marek were quiet instead?")
    thread_id: str | None = None

    @field_validator("scenario", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


class Line(_Model):
    speaker: Literal["lead", "counterpart"]
    text: str
    tags: list[TurnTag] = Field(default_factory=list)  # lead lines: what the rules read in it
    direction: Direction | None = None  # lead lines: which way it moved trust
    read_by: Literal["rules", "model"] | None = None  # lead lines: the model reads only lines no rule could
    feels: str | None = None  # counterpart lines: the emotion the reply was written with
    source: Source | None = None  # counterpart lines: scripted greeting, model, regenerated once, or fallback
    guard: list[str] = Field(default_factory=list)  # why a reply was regenerated or replaced
    trust: float = 0.0  # after this line
    stress: float = 0.0
    # Lead lines: what the counterpart heard, when part of the line was words to the tool ("are you an AI?"), which
    # the scene, the turn reader and the debrief leave out (rehearse/frame.py). None: the whole line was heard.
    heard: str | None = None

    @property
    def spoken(self) -> str:
        return self.text if self.heard is None else self.heard


class Criterion(_Model):
    id: str
    name: str
    score: int = Field(ge=0, le=2)
    evidence: str  # what code counted
    quote: str  # the lead's own words it is about ("" when there is nothing to quote)
    better: str  # a better alternative


class Debrief(_Model):
    criteria: list[Criterion]
    total: int
    out_of: int
    talk_ratio: float  # the lead's share of the words said
    revealed: bool  # whether the counterpart got to say what was really going on
    summary: str
    summary_source: Literal["model", "code"]


class RehearseOutput(_Model):
    thread_id: str = ""
    scenario: str
    title: str
    counterpart: str
    traits: list[Trait]
    status: Literal["waiting", "ended"]
    openness: Openness = "guarded"
    transcript: list[Line] = Field(default_factory=list)
    prep: Prep
    debrief: Debrief | None = None
    notes: list[str] = Field(default_factory=list)

    def lead_lines(self) -> list[Line]:
        return [line for line in self.transcript if line.speaker == "lead"]
