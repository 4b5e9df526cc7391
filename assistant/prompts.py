"""Prompts live as YAML files in ``prompts/`` (one per prompt) so they can be reviewed, versioned and logged.

A prompt declares its variables; loading fails when the templates use an undeclared ``$name`` or leave a declared
one unused, so a typo can never ship a prompt with a literal ``$name`` in it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from string import Template
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import ConfigError
from assistant.yaml_errors import yaml_problem

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"

Role = Literal["system", "user", "assistant"]


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    content: str


class RenderedPrompt(BaseModel):
    """What the gateway sends: the messages plus the prompt's identity, so every call can be logged by id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: int
    messages: tuple[Message, ...]

    def as_dicts(self) -> list[dict[str, str]]:
        return [{"role": m.role, "content": m.content} for m in self.messages]

    def extended(self, *extra: Message) -> RenderedPrompt:
        return self.model_copy(update={"messages": (*self.messages, *extra)})


def _identifiers(template: str) -> set[str]:
    return set(Template(template).get_identifiers())


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(?:/[a-z][a-z0-9_]*)?$")  # a skill's prompts: "<skill>/<name>"
    version: int = Field(ge=1)
    description: str
    variables: tuple[str, ...] = ()
    system: str = ""
    # Worked turns between the system text and the conversation: static, so they are part of the reused prefix. A
    # small model follows an example far better than a rule (asked for steps, it recited the rules as steps).
    examples: tuple[Message, ...] = ()
    # Named snippets code chooses between and passes in as a variable (the chat's playbook per role): prompt text,
    # so it lives here with the prompt rather than in Python.
    parts: dict[str, str] = Field(default_factory=dict)
    user: str = ""

    @model_validator(mode="after")
    def _variables_match(self) -> Prompt:
        if not Template(self.system).is_valid() or not Template(self.user).is_valid():
            raise ValueError("a template has a stray '$' (write '$$' for a literal dollar sign)")
        used = _identifiers(self.system) | _identifiers(self.user)
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"templates use undeclared variables: {sorted(used - declared)}")
        if declared - used:
            raise ValueError(f"declared variables are never used: {sorted(declared - used)}")
        return self

    def render(self, history: tuple[Message, ...] = (), **values: str) -> RenderedPrompt:
        """System first (static, so llama.cpp can reuse the prefix), then the conversation, then this turn."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            wrong = [f"missing {sorted(missing)}"] * bool(missing) + [f"unexpected {sorted(extra)}"] * bool(extra)
            needs = sorted(self.variables)
            raise ConfigError(
                f"prompt {self.id!r} was rendered with {' and '.join(wrong)} variables; it needs {needs}",
                hint="this is a bug in the skill that renders the prompt",
            )
        messages: list[Message] = []
        if self.system.strip():
            messages.append(Message(role="system", content=Template(self.system).substitute(values).strip()))
        messages.extend(self.examples)
        messages.extend(history)
        if self.user:
            messages.append(Message(role="user", content=Template(self.user).substitute(values).strip()))
        return RenderedPrompt(id=self.id, version=self.version, messages=tuple(messages))


def expected_id(path: Path, prompts_dir: Path = PROMPTS_DIR) -> str:
    """A prompt's id is its path under the prompts folder without the suffix (``sbi/draft`` for a skill's prompt in
    ``prompts/sbi/draft.yaml``), or its file name for a file elsewhere."""
    try:
        return path.resolve().relative_to(prompts_dir.resolve()).with_suffix("").as_posix()
    except ValueError:
        return path.stem


def parse_prompt(path: Path) -> Prompt:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read prompt file {path}: {exc}", hint="check the file exists and is UTF-8") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(
            f"prompt file {path} is not valid YAML {yaml_problem(exc)}", hint="fix the YAML syntax at that line"
        ) from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"prompt file {path} must be a mapping", hint="see prompts/chat/answer.yaml for the format")
    try:
        prompt = Prompt.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"prompt file {path} is invalid: {exc}", hint="see docs/prompts.md") from exc
    if prompt.id != expected_id(path):
        raise ConfigError(
            f"prompt id {prompt.id!r} does not match its file {path.name} (expected {expected_id(path)!r})",
            hint="rename one",
        )
    return prompt


@functools.cache
def load_prompt(prompt_id: str, prompts_dir: Path = PROMPTS_DIR) -> Prompt:
    path = prompts_dir / f"{prompt_id}.yaml"
    if not path.is_file():
        raise ConfigError(f"no prompt named {prompt_id!r} in {prompts_dir}", hint="check the prompts/ folder")
    return parse_prompt(path)


# Folders of prompts/ that hold data the prompts are filled from (rehearsal scenarios), not prompts.
DATA_FOLDERS = frozenset({"personas"})


def all_prompt_files(prompts_dir: Path = PROMPTS_DIR) -> list[Path]:
    found = prompts_dir.rglob("*.yaml")
    return sorted(p for p in found if not DATA_FOLDERS & set(p.relative_to(prompts_dir).parts))


# Prompts the lead pastes into another chat tool (`coach prompt`, assistant/helper/): the coach never sends them to a
# model itself, so no reply of its models can recite them.
HELPER_FOLDER = "helper"


def handed_over(path: Path, prompts_dir: Path = PROMPTS_DIR) -> bool:
    try:
        return path.resolve().relative_to(prompts_dir.resolve()).parts[:1] == (HELPER_FOLDER,)
    except ValueError:
        return False
