"""One-click examples about the sample team (assistant/data/examples.yaml), shared by the Home page cards and the
empty states of the skill pages, so a new user sees each skill work before typing anything."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import ConfigError

FILE = Path(__file__).resolve().parent / "data" / "examples.yaml"


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    blurb: str
    fields: dict[str, str]


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")

    chat: Example
    feedback: Example
    rehearse: Example
    status: Example
    adr: Example


@cache
def examples() -> Examples:
    try:
        return Examples.model_validate(yaml.safe_load(FILE.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"cannot read the examples in {FILE}: {exc}", hint="reinstall, or fix the file") from exc
