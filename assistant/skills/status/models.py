"""Status updates: the lead's raw notes in, an update for one audience out (markdown, chat text and email).

``StatusInput`` is what the lead gives. ``StatusDraft`` is the only part the model writes (short fields under a
grammar). Code removes private lines before the model sees the notes, keeps the colours the lead wrote, drops owners
and dates that are not in the notes (an explicit gap instead), works out the overall colour, and renders the update.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.skills.private import Withheld

Audience = Literal["exec", "product", "team", "other_team"]
Rag = Literal["red", "amber", "green"]
# How bad a colour is, for "the worst colour" wherever the update needs one.
RAG_RANK: dict[Rag, int] = {"green": 0, "amber": 1, "red": 2}
MAX_NOTES_CHARS = 20_000
AUDIENCE_NAMES: dict[str, str] = {"exec": "Executive", "product": "Product", "team": "Team",
                                  "other_team": "Partner teams"}  # fmt: skip


class StatusInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field_words: ClassVar[dict[str, str]] = {"notes": "the notes", "audience": "the audience"}
    input_hint: ClassVar[str] = "give your notes and an audience: coach status notes.md --audience exec"

    notes: str = Field(min_length=20, max_length=MAX_NOTES_CHARS)
    audience: Audience = "exec"
    period: str | None = Field(None, max_length=80)  # e.g. "week of 2026-11-30"; shown as given
    date: str | None = None  # ISO; None: today
    merged: list[str] = Field(default_factory=list, max_length=200)  # merged work read from git (--from-git)
    ask: bool = False  # pause and ask for the owners, impacts, dates the notes leave out (else they stay gaps)

    @field_validator("audience", mode="before")
    @classmethod
    def _audience(cls, value: object) -> object:
        # "other-team" is how people type it; the checks and the word budgets use "other_team".
        return value.strip().lower().replace("-", "_") if isinstance(value, str) else value

    @field_validator("notes", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class StreamDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=60)
    note: str = Field("", max_length=160)


class RiskDraft(BaseModel):
    """Bad news as the model words it: what happens if nothing changes, and what is being done. Code adds the issue
    (the workstream's note), the colour, the owner check and the ask."""

    model_config = ConfigDict(extra="forbid")

    stream: str = Field(min_length=1, max_length=60)
    impact: str = Field("", max_length=200)
    mitigation: str = Field("", max_length=200)
    owner: str = Field("", max_length=40)


class AskDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    what: str = Field(min_length=1, max_length=200)
    who: str = Field("", max_length=60)
    by: str = Field("", max_length=40)


class StatusDraft(BaseModel):
    """What the model writes from the notes: short fields, and no colours (code reads those from the notes)."""

    model_config = ConfigDict(extra="forbid")

    tldr: str = Field(min_length=1, max_length=400)
    streams: list[StreamDraft] = Field(default_factory=list, max_length=6)
    risks: list[RiskDraft] = Field(default_factory=list, max_length=4)
    asks: list[AskDraft] = Field(default_factory=list, max_length=4)
    done: list[str] = Field(default_factory=list, max_length=6)
    next: list[str] = Field(default_factory=list, max_length=5)


class ExecDraft(StatusDraft):
    """Executives get at most two wins and no next steps: the grammar does not let the model write more."""

    done: list[str] = Field(default_factory=list, max_length=2)
    next: list[str] = Field(default_factory=list, max_length=0)


class Stream(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    rag: Rag
    note: str = ""
    why: str = ""  # where the colour came from: "you wrote red", "'blocked' in your notes", "no risk in your notes"


class Risk(BaseModel):
    """A red or amber item as the update frames bad news: issue, impact, mitigation, owner, ask ("" is a gap)."""

    model_config = ConfigDict(extra="forbid")

    stream: str
    rag: Rag
    issue: str
    impact: str = ""
    mitigation: str = ""
    owner: str = ""
    ask: str = ""


class StatusBody(BaseModel):
    """The update's content after code's part: colours, risk blocks for every red or amber workstream, owners and
    dates checked against the notes, the asks the notes make. What is rendered."""

    model_config = ConfigDict(extra="forbid")

    tldr: str
    streams: list[Stream] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    asks: list[AskDraft] = Field(default_factory=list)
    done: list[str] = Field(default_factory=list)
    next: list[str] = Field(default_factory=list)
    also: list[str] = Field(default_factory=list)  # lines of the notes the rest leaves out (details, dates)


class StatusResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    audience: Audience
    date: str
    title: str
    overall: Rag
    body: StatusBody  # what the rendered update says
    next_update: str | None  # an absolute date, or None: a gap the lead fills in
    markdown: str
    text: str  # for chat tools: no tables, no markdown
    email: str  # a subject line and a plain body
    words: int  # of the markdown, against the audience's budget
    budget: int
    withheld: list[Withheld] = Field(default_factory=list)  # private lines removed before the model saw the notes
    gaps: list[str] = Field(default_factory=list)  # questions for the lead: what the notes and answers do not say
    answers: dict[str, str] = Field(default_factory=dict)  # what the lead answered when asked, by question id
    sources: list[str] = Field(default_factory=list)  # past updates that set the house format and names
    house_streams: list[str] = Field(default_factory=list)  # the workstream names read from them
    findings: list[str] = Field(default_factory=list)  # what the status checks and the facts check still flag
    notes: list[str] = Field(default_factory=list)  # what code decided, for the lead (colours kept, cadence used)
    revisions: int = 0
