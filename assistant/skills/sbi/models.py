"""Feedback coach: raw feedback in, Situation-Behavior-Impact-Request out, never with an invented situation.

The models here are the skill's contract. ``SBIRequest`` is what the lead gives, ``SBIDraft`` is the only thing the
model writes (slot filling from numbered facts, under a grammar), and ``SBIResult`` is what the lead gets back; code
composes the message, the delivery notes and the explanation of what changed, so the model's job stays small.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.errors import InputError
from assistant.skills.base import Question
from assistant.skills.grounding import Source
from assistant.skills.private import Withheld
from assistant.skills.validation import validated

__all__ = [
    "Change", "Polarity", "Question", "Recipient", "Relationship", "SBIDraft", "SBIReply", "SBIRequest", "SBIResult"
]  # fmt: skip

Relationship = Literal["report", "peer", "manager", "stakeholder"]
Polarity = Literal["improving", "positive"]
SLOTS = ("situation", "behavior", "impact", "request")
_RELATIONSHIP_ALIASES = {
    "direct": "report", "direct report": "report", "report": "report", "reports": "report",
    "peer": "peer", "colleague": "peer", "teammate": "peer",
    "manager": "manager", "boss": "manager", "lead": "manager", "up": "manager", "upward": "manager",
    "stakeholder": "stakeholder", "pm": "stakeholder", "partner": "stakeholder",
}  # fmt: skip


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field_words: ClassVar[dict[str, str]] = {"name": "the name", "role": "the role"}

    name: str = Field(min_length=1, max_length=80)
    role: str = Field("", max_length=120)

    @classmethod
    def parse(cls, text: str) -> Recipient:
        """``"Sam, senior engineer"`` -> name Sam, role senior engineer."""
        name, _, role = text.partition(",")
        if not name.strip():
            raise InputError("the recipient has no name", hint='write it as --to "Sam, senior engineer"')
        return validated(cls, {"name": name.strip(), "role": role.strip()})

    def describe(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


def parse_relationship(text: str) -> Relationship:
    value = _RELATIONSHIP_ALIASES.get(text.strip().lower())
    if value is None:
        raise InputError(f"unknown relationship {text!r}", hint="use one of: report, peer, manager, stakeholder")
    return value  # type: ignore[return-value]


class SBIRequest(BaseModel):
    """What the lead gives. ``focus`` picks one topic when the note covers several (1-based)."""

    model_config = ConfigDict(extra="forbid")
    field_words: ClassVar[dict[str, str]] = {
        "raw": "the feedback",
        "recipient": "the recipient",
        "name": "the name",
        "role": "the role",
        "known_facts": "the known facts",
        "ask": "what you'd like instead",
        "setting": "the setting",
    }
    input_hint: ClassVar[str] = "shorten it, or split a long note into separate pieces of feedback"
    empty_hint: ClassVar[str] = "write what happened, in your own words; the coach asks for any facts it needs"

    raw: str = Field(min_length=1, max_length=5_000)
    recipient: Recipient | None = None
    relationship: Relationship = "report"
    polarity: Polarity | None = None  # inferred from the wording when not given
    known_facts: list[str] = Field(default_factory=list, max_length=20)
    ask: str = Field("", max_length=500, description="what the lead would like instead (or kept), in their words")
    setting: str = Field("", max_length=200, description="where it will be said: 1:1, Slack DM, retro, …")
    focus: int | None = Field(None, ge=1, le=10)

    @field_validator("raw")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the feedback is empty")
        return value.strip()

    @field_validator("known_facts")
    @classmethod
    def _clean_facts(cls, value: list[str]) -> list[str]:
        return [fact.strip() for fact in value if fact.strip()]

    @field_validator("ask")
    @classmethod
    def _clean_ask(cls, value: str) -> str:
        return value.strip()

    @property
    def name(self) -> str:
        return self.recipient.name if self.recipient else "them"


def _all_required(schema: dict[str, Any]) -> None:
    schema["required"] = list(schema.get("properties", {}))


class SBIReply(BaseModel):
    """The model's whole job: the request and one opening question, and an impact only when no fact states one.
    Code writes the situation, behaviour and impact from the lead's facts (``template``)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_all_required)

    impact: str
    request: str
    # The same ask in other words. The model restated the behaviour as its request in 18 of 66 drafts ("Please keep
    # running incident command for the full 38 minutes…"); with a second wording, code keeps whichever is new.
    # Required in the schema (so the grammar makes the model write it: as an optional field it never did), but a
    # reply without it still validates.
    alternative: str = ""
    question: str


class SBIDraft(BaseModel):
    """A full draft: code's parts plus the model's reply, as the checks and the message see it."""

    model_config = ConfigDict(extra="forbid")

    situation: str = ""
    behavior: str = ""
    impact: str = ""
    request: str = ""
    question: str = ""

    def parts(self) -> dict[str, str]:
        return {name: getattr(self, name).strip() for name in SLOTS}


class Change(BaseModel):
    """A finding shown to the lead: the rule, the words it flagged, why it matters and how it was fixed."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    severity: str
    text: str = ""
    field: str | None = None
    start: int | None = None
    end: int | None = None
    why: str
    fix: str


class SBIResult(BaseModel):
    """What the lead gets. ``status`` is ``needs_facts`` when the questions were not answered: nothing is drafted
    then, because the only alternative would be to invent the moment."""

    model_config = ConfigDict(extra="forbid")

    # ready: say it as it is; needs_edits: drafted, but an error is left (see remaining); needs_facts: not drafted.
    status: Literal["ready", "needs_edits", "needs_facts"] = "ready"
    situation: str = ""
    behavior: str = ""
    impact: str = ""
    request: str = ""
    opening_question: str = ""
    message: str = ""
    polarity: Polarity = "improving"
    relationship: Relationship = "report"
    delivery_notes: list[str] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    remaining: list[Change] = Field(default_factory=list)
    separate: list[str] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    withheld: list[Withheld] = Field(default_factory=list)  # facts kept out of the message as private, with why
    sources: list[Source] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    already_good: bool = False
    asked_rounds: int = 0  # rounds of questions put to the lead in this thread, answered or pending
    revisions: int = 0
    thread_id: str = ""

    @property
    def citations(self) -> list[str]:
        return [source.citation for source in self.sources]
