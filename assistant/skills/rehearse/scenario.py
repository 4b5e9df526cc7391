"""A rehearsal scenario: who the counterpart is, what the lead knows, what the counterpart hides, and the prep sheet.

Scenarios are YAML files in ``prompts/personas/`` (shipped) and ``<data dir>/personas/`` (the user's own; a user file
with a shipped id replaces it). Every field is validated with ``extra="forbid"``, so a typo in a key is an error that
names the file and the field, never a silently ignored line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import InputError
from assistant.yaml_errors import yaml_problem

Trait = Literal["defensive", "quiet", "emotional", "combative", "deflecting"]
TRAITS: tuple[Trait, ...] = ("defensive", "quiet", "emotional", "combative", "deflecting")
Relation = Literal["report", "peer", "manager", "staff", "stakeholder"]

PERSONAS_DIR = Path(__file__).resolve().parents[3] / "prompts" / "personas"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Counterpart(_Strict):
    name: str = Field(min_length=1, max_length=40)
    role: str = Field(min_length=3, max_length=120)  # "backend engineer on your team, three years in"
    relation: Relation  # who they are to the lead: decides the debrief's wording and the guard's role words

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


class SBIPoint(_Strict):
    situation: str
    behavior: str
    impact: str


class Reaction(_Strict):
    reaction: str  # what the counterpart is likely to do or say
    response: str  # a good way for the lead to meet it


class Prep(_Strict):
    goal: str
    opening_line: str
    sbi: list[SBIPoint] = Field(min_length=1)
    questions: list[str] = Field(min_length=2)
    sideways: str  # what to do if it goes badly
    follow_up: str


class Scenario(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    version: int = Field(ge=1)
    title: str
    summary: str  # one line for `coach rehearse list`
    difficulty: int = Field(ge=1, le=3)
    counterpart: Counterpart
    traits: list[Trait] = Field(min_length=1, max_length=3)
    situation: str  # what the lead knows going in; the counterpart's prompt sees it too
    their_view: str  # how the counterpart sees it (their prompt only)
    may_mention: list[str] = Field(min_length=2)  # details they may bring up from the start
    hidden_concern: str  # what is really going on: given to the counterpart only once the lead has earned trust
    greeting: str  # their first line as the meeting starts (scripted: the scene opens instantly)
    reactions: list[Reaction] = Field(min_length=2)
    fallback_lines: list[str] = Field(default_factory=list)  # in-character lines when a reply fails the guard twice
    prep: Prep


def _parse(path: Path) -> Scenario:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read scenario {path}: {exc}", hint="check the file's permissions and encoding"
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(
            f"scenario {path} is not valid YAML {yaml_problem(exc)}", hint="fix the YAML at that line and try again"
        ) from exc
    from pydantic import ValidationError

    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        # A misspelt key is the likeliest mistake, and it also makes its right spelling "missing": list it first.
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        where = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'file'}: {'unknown key' if e['type'] == 'extra_forbidden' else e['msg']}"
            for e in errors[:4]
        ) + (f" (and {len(errors) - 4} more)" if len(errors) > 4 else "")
        raise InputError(
            f"scenario {path.name} is invalid ({where})", hint="see docs/rehearsal.md for the fields"
        ) from exc
    if scenario.id != path.stem:
        raise InputError(
            f"scenario {path.name} has id {scenario.id!r}", hint=f"the id must be the file name: {path.stem}"
        )
    return scenario


class Catalogue(NamedTuple):
    scenarios: dict[str, Scenario]
    broken: dict[str, str]  # file path -> why it could not be read: one bad file does not hide the others


def load_scenarios(*dirs: Path) -> Catalogue:
    """Shipped scenarios, then each extra directory's (a later file with the same id wins)."""
    found: dict[str, Scenario] = {}
    broken: dict[str, str] = {}
    for folder in (PERSONAS_DIR, *dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            try:
                scenario = _parse(path)
            except InputError as exc:
                broken[str(path)] = str(exc)
                continue
            found[scenario.id] = scenario
    return Catalogue(found, broken)
