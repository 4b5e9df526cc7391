"""The team's status-update conventions, `[status]` in coach.toml: how often updates go out (the next update's date
when the notes give none), and the title when the knowledge base holds no past update to take it from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class StatusPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cadence_days: int | None = Field(
        14, ge=1, le=90, description="days between updates; unset: the next update's date is left for you to fill in"
    )
    title: str | None = Field(None, max_length=60, description="e.g. 'Payments Platform'; unset: from past updates")
