"""Saving settings from the Settings page into coach.toml: only the keys the page changes, the rest of the file
kept, and the result validated before it replaces the file (a bad value never leaves a config the app cannot
read). Environment variables still win over the file, so the page says which keys they hide."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.atomic import replace_text
from assistant.config import Settings, config_file
from assistant.errors import ConfigError

# What the page may write: secrets stay in the environment (COACH_API_KEY), never in a file in the repo.
EDITABLE = ("model", "api_base", "temperature", "data_dir")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str | Path):
        return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise ConfigError(f"cannot write {value!r} to {config_file()}", hint="edit the file by hand")


def dumps(data: Mapping[str, Any]) -> str:
    """TOML for a flat table with one level of sub-tables ([adr], [status]): all coach.toml holds."""
    top = [f"{key} = {_value(v)}" for key, v in data.items() if not isinstance(v, dict)]
    tables = [
        "\n".join([f"[{name}]", *(f"{key} = {_value(v)}" for key, v in table.items())])
        for name, table in data.items()
        if isinstance(table, dict)
    ]
    return "\n\n".join(part for part in ["\n".join(top), *tables] if part) + "\n"


def hidden_by_env() -> list[str]:
    """Editable keys an environment variable sets: saving them to the file changes nothing until it is unset."""
    return [key for key in EDITABLE if os.environ.get(f"COACH_{key.upper()}")]


def save(changes: Mapping[str, Any], path: Path | None = None) -> Settings:
    """Write ``changes`` (keys of EDITABLE; None removes a key) into the TOML file and return the settings the file
    gives on its own (environment variables may still override them: ``hidden_by_env``). Invalid values raise
    ConfigError and the file is left as it was."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ConfigError(f"these settings cannot be changed here: {', '.join(unknown)}", hint="edit coach.toml")
    target = path or config_file()
    try:
        current = tomllib.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {target}: {exc}", hint="fix or remove the file") from exc
    merged = {k: v for k, v in {**current, **changes}.items() if v is not None and v != ""}
    text = dumps(merged)
    try:
        saved = Settings.model_validate(merged)  # the whole file, as the app will read it: fails before the write
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid settings: {problems}", hint="nothing was saved") from exc
    replace_text(target, text)
    return saved
