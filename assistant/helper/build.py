"""Which skills have a helper prompt, building one (optionally with names hidden), and checking a reply.

Hiding names uses the same pseudonymiser the gateway applies before a hosted model (assistant/privacy/): the prompt
carries placeholders, the legend goes to the lead only, and the mapping is kept in the data directory under the
prompt's id so the reply's placeholders can be put back when it is checked (``restore``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from assistant.errors import InputError
from assistant.helper.models import HelperPrompt, Material, ReplyCheck
from assistant.prompts import Message, RenderedPrompt

if TYPE_CHECKING:
    from assistant.privacy import Detector, Pseudonymiser

SKILLS = ("sbi", "chat", "status", "adr")
MAPPINGS = "prompt-names"  # under the data directory: one owner-only JSON file per prompt whose names were hidden
_ID = re.compile(r"^[0-9a-f]{12}$")


def _module(skill: str) -> ModuleType:
    if skill not in SKILLS:
        raise InputError(f"no helper prompt for {skill!r}", hint=f"use one of: {', '.join(SKILLS)}")
    import importlib

    return importlib.import_module(f"assistant.helper.{skill}")


def _parsed(skill: str, request: BaseModel | Mapping[str, Any]) -> BaseModel:
    """The input as the skill's own model, with what the skill infers up front (``prepare``), as a run would have it."""
    from assistant.skills.registry import get_skill

    spec = get_skill(skill)
    parsed: BaseModel = spec.parse(request)
    if spec.prepare is not None:
        parsed = spec.prepare(parsed)
    return parsed


def build(
    skill: str, request: BaseModel | Mapping[str, Any], material: Material, *, detector: Detector | None = None
) -> HelperPrompt:
    """The helper prompt for ``skill``. With a ``detector``, people and personal details are replaced by
    placeholders and the mapping is stored under the prompt's id."""
    module = _module(skill)
    rendered, citations, notes = module.build(_parsed(skill, request), material)
    prompt_id = uuid.uuid4().hex[:12]
    hidden: dict[str, str] = {}
    if detector is not None:
        from assistant.privacy import Pseudonymiser

        mapping = Pseudonymiser(detector)
        rendered = _masked(rendered, mapping.mask)
        hidden = {e["placeholder"]: e["display"] for e in mapping.to_dict()["entities"]}
        if hidden:
            _save(material.settings.data_dir, prompt_id, mapping)
    return HelperPrompt(id=prompt_id, skill=skill, prompt=rendered, citations=citations, notes=notes, hidden=hidden)


def _masked(rendered: RenderedPrompt, mask: Callable[[str], str]) -> RenderedPrompt:
    messages = tuple(Message(role=m.role, content=mask(m.content)) for m in rendered.messages)
    return rendered.model_copy(update={"messages": messages})


def _path(data_dir: Path, prompt_id: str) -> Path:
    if not _ID.match(prompt_id):  # it comes from the command line: never a path of its own
        raise InputError(f"{prompt_id!r} is not a prompt id", hint="use the 12-character id `coach prompt` printed")
    return data_dir / MAPPINGS / f"{prompt_id}.json"


def _save(data_dir: Path, prompt_id: str, mapping: Pseudonymiser) -> None:
    from assistant.atomic import replace_text

    path = _path(data_dir, prompt_id)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    replace_text(path, json.dumps(mapping.to_dict(), ensure_ascii=False))


def restore(data_dir: Path, prompt_id: str, text: str) -> str:
    """``text`` with the placeholders of prompt ``prompt_id`` put back."""
    from assistant.privacy import Detector, Pseudonymiser

    path = _path(data_dir, prompt_id)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        mapping = Pseudonymiser(Detector(), state)
    except FileNotFoundError:
        raise InputError(
            f"no hidden names are kept for prompt {prompt_id}", hint="check the id `coach prompt --private` printed"
        ) from None
    except (OSError, ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        raise InputError(f"the names kept for prompt {prompt_id} cannot be read: {exc}", hint=f"remove {path}") from exc
    return mapping.restore(text)


def check_reply(
    skill: str,
    reply: str,
    request: BaseModel | Mapping[str, Any] | None,
    material: Material,
    *,
    restore_id: str | None = None,
) -> ReplyCheck:
    """The checks the coach runs on its own drafts of ``skill``, on a reply from another tool. ``request``: the
    input the prompt was built from, when the lead gives it again (facts are then checked against it)."""
    module = _module(skill)
    if restore_id is not None:
        reply = restore(material.settings.data_dir, restore_id, reply)
    parsed = _parsed(skill, request) if request is not None else None
    text, findings, notes = module.check(reply, parsed, material)
    return ReplyCheck(skill=skill, text=text, findings=findings, notes=notes, restored=restore_id is not None)
