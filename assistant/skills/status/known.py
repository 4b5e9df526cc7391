"""What the notes hold, read in code before the model drafts: the lines it may see, the past update's workstream
names, the day, the audience, what was withheld and whom the notes address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.text import WORD_RE
from assistant.skills.private import Withheld
from assistant.skills.status.models import (
    Audience,
)
from assistant.skills.status.notes import NoteLine


class Known(BaseModel):
    """What the notes hold, read in code before the draft (kept in the run's state, so a pydantic model)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lines: list[NoteLine]  # the lines the model saw, dates made absolute
    names: list[str] = Field(default_factory=list)  # workstream names of the past update
    today: dt.date
    audience: Audience
    withheld: list[Withheld] = Field(default_factory=list)
    addressee: str = ""  # "Lena" of notes that open "Hi Lena,"

    @property
    def text(self) -> str:
        return "\n".join([*(f"- {line.text}" for line in self.lines), *self.names])

    def holds(self, value: str, lines: Sequence[NoteLine] | None = None) -> bool:
        """Every word of ``value`` is in the notes (or in ``lines``): an owner, a person asked, a date."""
        text = "\n".join(line.text for line in (self.lines if lines is None else lines))
        words = {w.lower() for w in WORD_RE.findall(text)}
        wanted = [w.lower() for w in WORD_RE.findall(value)]
        return bool(wanted) and all(w in words for w in wanted)
