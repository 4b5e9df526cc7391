"""Skill adapters: what the harness needs to know to eval one skill, so the harness itself stays skill-agnostic.

An adapter names the case-input model, runs the skill through the service, and says which texts the evaluators
read (the answer, its structured parts, the retrieved sources, the input the facts may come from). Adding a skill
to the eval means an ``eval`` module in the skill's package, named by its ``Skill.eval_adapter``; the CLI grows a
`coach eval <skill>` command from the skill registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from assistant.evals.models import PropertyValue
    from assistant.service import CoachService
    from assistant.skills.grounding import Source

InT = TypeVar("InT", bound=BaseModel)
OutT = TypeVar("OutT", bound=BaseModel)


@dataclass(frozen=True)
class SkillRun(Generic[OutT]):
    """One skill call: the output model plus any skill-specific metrics (e.g. revisions); the harness adds latency,
    tokens and prompt ids itself."""

    output: OutT
    metrics: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Observation:
    """What the evaluators read, in skill-neutral terms.

    ``text`` is the user-visible result (an answer, a draft, or the questions asked instead); ``parts`` are the
    named fields of a structured artifact for the checks; ``inputs`` are texts facts may legitimately come from.
    """

    text: str
    sources: list[Source] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)
    properties: dict[str, PropertyValue] = field(default_factory=dict)
    audience: str | None = None
    # Why a property is what it is ("a fragment with no verb: '7 pages.'"), shown when a case's expectation fails:
    # "tldr_reads is False" alone sends the reader to the output to find out why.
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SkillAdapter(Generic[InT, OutT]):
    name: str
    input_model: type[InT]
    output_model: type[OutT]
    run: Callable[[CoachService, InT, str], SkillRun[OutT]]  # (service, case input, thread id)
    observe: Callable[[InT, OutT], Observation]
    properties: frozenset[str]  # names a case may require; numeric ones also take min_/max_ prefixes
    numeric_properties: frozenset[str] = frozenset()


def get_adapter(name: str) -> SkillAdapter[Any, Any]:
    from assistant.skills.registry import get_skill

    module = importlib.import_module(get_skill(name).eval_adapter)
    adapter: SkillAdapter[Any, Any] = module.ADAPTER
    return adapter
