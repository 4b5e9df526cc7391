"""The team's ADR conventions, `[adr]` in coach.toml: which template the log follows (or "auto", per record), and
whether a status and a date are required. Each record is checked against its own template, so a log that another
team wrote gets no finding for following the template it chose."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Template = Literal["nygard", "madr", "ystatement"]
TemplateSetting = Literal["auto", "nygard", "madr", "ystatement"]

# Nygard's records exist to say whether a decision stands, so a status is part of the template; MADR and
# Y-statements make it optional (MADR's own log leaves it out). Neither template requires a date.
_STATUS_REQUIRED: dict[Template, bool] = {"nygard": True, "madr": False, "ystatement": False}


class AdrPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    template: TemplateSetting = Field("auto", description="auto (detected per record), nygard, madr or ystatement")
    require_status: bool | None = Field(None, description="unset: required for Nygard, optional for MADR")
    require_date: bool = Field(False, description="every record carries a date")
    dir: Path | None = Field(None, description="the ADR log; unset: knowledge/adr, docs/adr or docs/decisions")

    def status_required(self, template: Template) -> bool:
        return _STATUS_REQUIRED[template] if self.require_status is None else self.require_status
