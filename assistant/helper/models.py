"""What `coach prompt` builds and checks: the prompt with what the lead should know about it, and a reply's findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.base import Finding, Severity
from assistant.prompts import RenderedPrompt

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.graph.context import Retriever


@dataclass(frozen=True)
class Material:
    """What a helper prompt is filled from besides the input: the settings (ADR policy, status cadence, knowledge
    folder), the team's index (None when nothing is indexed) and the day (for status dates)."""

    settings: Settings
    retriever: Retriever | None
    today: date


class HelperPrompt(BaseModel):
    """A helper prompt, ready to paste. ``notes`` and ``hidden`` are for the lead only (printed on stderr): what was
    left out of the prompt and why, and which placeholder stands for whom; neither is ever part of the messages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # names the stored placeholder mapping when names were hidden
    skill: str
    prompt: RenderedPrompt
    citations: list[str] = Field(default_factory=list)  # the team passages the prompt carries
    notes: list[str] = Field(default_factory=list)
    hidden: dict[str, str] = Field(default_factory=dict)  # placeholder -> what it hides

    def messages(self) -> list[dict[str, str]]:
        """The messages as an OpenAI-style chat API takes them."""
        return self.prompt.as_dicts()

    def text(self) -> str:
        """One block to paste into a chat box (most chat tools have no separate place for a system message): the
        instructions, a rule, then the material."""
        return "\n\n---\n\n".join(m.content for m in self.prompt.messages) + "\n"

    def markdown(self) -> str:
        """Each message under a heading with its role, for a document or an issue."""
        blocks = [f"## {m.role}\n\n{m.content}" for m in self.prompt.messages]
        return f"# {self.prompt.id} (version {self.prompt.version})\n\n" + "\n\n".join(blocks) + "\n"


class ReplyCheck(BaseModel):
    """A pasted reply as checked: ``text`` is what was checked (placeholders restored, chatter around the answer
    trimmed), ``findings`` the same rules the coach runs on its own drafts."""

    model_config = ConfigDict(extra="forbid")

    skill: str
    text: str
    findings: list[Finding] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    restored: bool = False

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)
