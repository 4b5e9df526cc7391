"""ADR drafting: the lead's title and notes in, the next record of the team's log out, in the log's own template.

``AdrInput`` is what the lead gives; ``AdrDraft`` is the only part the model writes (short fields under a grammar);
code numbers the record, dates it, decides whether the notes hold a decision (no decision: a Proposed record with
options and open questions, never a made-up choice), finds the related records and possible conflicts in the log,
and renders the markdown, which the ADR lint then checks like any other record.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.adr_policy import Template

DraftStatus = Literal["proposed", "accepted"]
MAX_NOTES_CHARS = 20_000


class AdrInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field_words: ClassVar[dict[str, str]] = {"title": "the title", "notes": "the notes"}
    input_hint: ClassVar[str] = 'give a title and notes: coach adr new "Use X for Y" --context notes.md'

    title: str = Field(min_length=3, max_length=120)
    notes: str = Field(min_length=20, max_length=MAX_NOTES_CHARS)
    template: Template | None = None  # None: the setting, else the template most of the log uses
    status: DraftStatus | None = None  # None: accepted when the notes record a decision, else proposed
    log_dir: str | None = None  # None: the `[adr] dir` setting, `.adr-dir`, docs/adr, … knowledge/adr
    date: str | None = None  # ISO; None: today

    @field_validator("title", "notes", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class OptionDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    good: str = Field("", max_length=240)
    bad: str = Field("", max_length=240)


class AdrDraft(BaseModel):
    """What the model writes from the notes: a few short fields. Code writes the rest."""

    model_config = ConfigDict(extra="forbid")

    context: str = Field(min_length=1, max_length=900)
    options: list[OptionDraft] = Field(default_factory=list, max_length=5)
    decision: str = Field("", max_length=400)  # "" when the notes decide nothing
    good: list[str] = Field(default_factory=list, max_length=4)
    bad: list[str] = Field(default_factory=list, max_length=4)
    open_questions: list[str] = Field(default_factory=list, max_length=4)


class Related(BaseModel):
    """A record of the log the draft relates to, cited by file name; ``conflict`` when it is accepted and decides the
    same subject, so the new record may replace it (`coach adr supersede OLD NEW`)."""

    model_config = ConfigDict(extra="forbid")

    number: int | None
    title: str
    file: str
    status: str | None
    score: float
    conflict: bool = False


class AdrResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int
    file_name: str
    log_dir: str
    template: Template
    status: str
    date: str
    decided: bool  # the notes record a decision; otherwise the record is Proposed with options and open questions
    markdown: str
    related: list[Related] = Field(default_factory=list)
    conflicts: list[Related] = Field(default_factory=list)
    findings: list[str] = Field(default_factory=list)  # what the ADR lint and the facts check still flag
    notes: list[str] = Field(default_factory=list)
    revisions: int = 0
