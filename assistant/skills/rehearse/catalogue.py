"""Which scenarios a user has: the shipped ones and their own (``<data dir>/personas/*.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import InputError
from assistant.skills.rehearse.scenario import Catalogue, Scenario, load_scenarios

if TYPE_CHECKING:
    from assistant.config import Settings

USER_FOLDER = "personas"


def catalogue(settings: Settings) -> Catalogue:
    return load_scenarios(settings.data_dir / USER_FOLDER)


def scenario(settings: Settings, scenario_id: str) -> Scenario:
    found, broken = catalogue(settings)
    unreadable = [why for path, why in broken.items() if Path(path).stem == scenario_id]
    if scenario_id not in found and unreadable:
        # The file's own error carries the hint that fits it (the YAML line, the fields); keep it.
        message, _, hint = unreadable[0].partition("\n  hint: ")
        raise InputError(message, hint=hint or "fix the file, or pick another scenario")
    if scenario_id not in found:
        raise InputError(
            f"no rehearsal scenario called {scenario_id!r}",
            hint=f"known scenarios: {', '.join(sorted(found))} (`coach rehearse list`)",
        )
    return found[scenario_id]
