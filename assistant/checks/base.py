"""The contract every deterministic check follows.

A check reads text (and, for structured artifacts, its parts) and returns findings. The same code runs after each
draft (to drive a revise step), in `coach lint`, and in the eval suite, so a finding must be explainable on its own:
which rule, how serious, which span, why, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict

from assistant.adr_policy import AdrPolicy

ArtifactKind = Literal["note", "sbi", "status", "adr"]
Audience = Literal["exec", "product", "team", "other_team"]

# "note" (free-form feedback text) used to be called "feedback"; the old name is still accepted where a kind comes in
# (``run_checks``, `coach lint --kind`, case files) and means "note".
OLD_KIND_NAMES: dict[str, ArtifactKind] = {"feedback": "note"}
KindOrOldName = ArtifactKind | Literal["feedback"]


def resolve_kind(kind: KindOrOldName) -> ArtifactKind:
    """The kind's current name: ``"feedback"`` becomes ``"note"``; any other kind is returned as it is."""
    if kind == "feedback":
        return OLD_KIND_NAMES[kind]
    return kind


def _current_kind_name(value: object) -> object:
    return OLD_KIND_NAMES.get(value, value) if isinstance(value, str) else value


# A kind read from a file (case files, suite files): the old name is accepted and stored as the current one.
ArtifactKindField = Annotated[ArtifactKind, BeforeValidator(_current_kind_name)]


class Severity(str, Enum):  # noqa: UP042 - the contract other modules import; str() output stays as it was
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Span(BaseModel):
    """Character offsets into the checked text; ``end`` is exclusive. ``field`` names the part of a structured
    artifact (e.g. ``impact``) when the span is inside it; offsets are then relative to that part."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int
    end: int
    text: str
    field: str | None = None


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    severity: Severity
    span: Span | None
    message: str
    fix: str


@dataclass(frozen=True)
class CheckContext:
    """What a rule may know besides the text: the artifact kind, the audience and, for structured artifacts, the
    named parts (``situation``, ``behavior``, … for SBI).

    Optional extras: ``documents`` maps a name (file name or path) to the text of sibling records, so an ADR can be
    checked for reciprocal supersede links; ``sources`` holds the texts a generated draft may draw facts from (the
    ``facts.invented`` rule is silent without them); ``path`` is the checked file's name, when there is one, so an
    ADR's number can be compared with its file name."""

    kind: ArtifactKind = "note"
    audience: Audience | None = None
    parts: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    path: str | None = None
    adr: AdrPolicy | None = None  # the team's ADR conventions (`[adr]`); None: the defaults


CheckFn = Callable[[str, CheckContext], list[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue: ``id`` (e.g. ``tone.label``), default severity, the kinds it applies to, a one-line
    rationale for `coach lint --explain`, and the function that finds violations."""

    id: str
    severity: Severity
    kinds: tuple[ArtifactKind, ...]
    rationale: str
    check: CheckFn
