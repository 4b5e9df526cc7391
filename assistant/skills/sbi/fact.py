"""A fact as the feedback coach reads it, and what code found in a note (stored in the run's state)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.skills.private import Withheld
from assistant.skills.sbi.models import Polarity


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    tags: list[str]
    stated: bool = False  # typed by the lead as a known fact or an answer (cleaner than a clause of the note)
    classified: bool = False  # its kind came from the fact classifier (classify.py), so as_theirs leaves it

    def line(self) -> str:
        return f"({', '.join(self.tags)}) {self.text}"


class Analysis(BaseModel):
    """What the code found in the note. Stored in the graph state, so JSON-native."""

    model_config = ConfigDict(extra="forbid")

    polarity: Polarity
    facts: list[Fact]
    topics: list[str] = Field(default_factory=list)
    separate: list[str] = Field(default_factory=list)
    labels: list[str] = Field(default_factory=list)
    profanity: list[str] = Field(default_factory=list)
    has_situation: bool = False
    has_behavior: bool = False
    has_impact: bool = False
    already_good: bool = False  # set once the catalogue has judged the note too
    judging: list[str] = Field(default_factory=list)  # clauses of the note that judge: never facts, never copied
    withheld: list[Withheld] = Field(default_factory=list)  # private facts kept out of the message, with the reason

    @property
    def hostile(self) -> bool:
        return bool(self.profanity) or len(self.labels) >= 2

    @property
    def needs_focus(self) -> bool:
        return len(self.topics) > 1

    def fact_texts(self) -> list[str]:
        return [fact.text for fact in self.facts]

    def missing(self) -> list[str]:
        flags = {"situation": self.has_situation, "behavior": self.has_behavior, "impact": self.has_impact}
        return [slot for slot, present in flags.items() if not present]
