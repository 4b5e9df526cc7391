"""Measure the feedback coach's fact-kind classifier on the labelled sentences in ``evals/cases/fact_kinds.yaml``.

Three readers of each item are scored: code alone (``decide``; an undecided item counts as wrong), the model alone
(``ask_model`` on every item) and the pipeline the coach runs (code, and the model where code cannot decide, its
"did" held to ``theirs``). Each gets accuracy and per-kind recall and precision, for the tuned and the held-out items
apart. The model's replies come from recorded fixtures (``evals/fixtures/fact_kinds/``, the fake provider: offline,
and a miss fails loudly), from the real model while recording misses, or live. The pipeline's figures over the split
named in ``evals/thresholds.yaml`` (``fact_kinds``) are gated.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import ConfigError
from assistant.evals.cases import EVALS_DIR, describe, read_yaml
from assistant.skills.sbi.classify import KINDS, Kind, ask_model, decide, theirs

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.evals.workspace import RecordingGateway
    from assistant.llm.protocol import LLM

DEFAULT_ITEMS = EVALS_DIR / "cases" / "fact_kinds.yaml"
DEFAULT_FIXTURES = EVALS_DIR / "fixtures" / "fact_kinds"
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.yaml"
About = Literal["recipient", "lead", "other"]
Method = Literal["code", "model", "combined"]
RunMode = Literal["replay", "record", "live"]
METHODS: tuple[Method, ...] = ("code", "model", "combined")
SPLITS = ("tuned", "held-out", "all")
MIN_ITEMS = 150


class FactItem(BaseModel):
    """One labelled clause, as the lead typed it (third person: "She merged …"), for the recipient ``name``."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    text: str = Field(min_length=3)
    name: str = Field(min_length=1)
    kind: Kind
    about: About
    holdout: bool = False


class FactSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    items: list[FactItem] = Field(min_length=MIN_ITEMS)

    @model_validator(mode="after")
    def _unique(self) -> FactSet:
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"item id {item.id!r} appears twice")
            seen.add(item.id)
        return self


class FactKindThresholds(BaseModel):
    """The gate on the combined pipeline, over the items of ``split``."""

    model_config = ConfigDict(extra="forbid")

    split: Literal["tuned", "held-out", "all"] = "all"
    min_accuracy: float = Field(ge=0, le=1)
    min_recall: float = Field(ge=0, le=1)  # every kind's


def load_items(path: Path = DEFAULT_ITEMS) -> list[FactItem]:
    raw = read_yaml(path)
    try:
        return FactSet.model_validate(raw).items
    except ValidationError as exc:
        where = describe(exc, raw if isinstance(raw, dict) else {}).replace("'items.", "'")
        raise ConfigError(f"{path}: {where}", hint="see the comment at the top of evals/cases/fact_kinds.yaml") from exc


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> FactKindThresholds:
    raw = read_yaml(path)
    section = raw.get("fact_kinds") if isinstance(raw, dict) else None
    if not isinstance(section, dict):
        raise ConfigError(f"{path} has no 'fact_kinds' section", hint="add fact_kinds: {min_accuracy: 0.9, …}")
    try:
        return FactKindThresholds.model_validate(section)
    except ValidationError as exc:
        raise ConfigError(f"{path}, section 'fact_kinds': {describe(exc, {})}", hint="see docs/evals.md") from exc


def prepared(item: FactItem) -> str:
    """The clause as the coach's reader has it: pronouns for the person turned to "you", profanity and shouting
    taken out (``facts.stated_facts`` does the same to every known fact)."""
    from assistant.skills.sbi.facts import stated_clause

    return stated_clause(item.text, item.name)


@dataclass
class Reading:
    """What each method said about one item."""

    item: FactItem
    code: Kind | None
    model: Kind
    latency_s: float = 0.0

    def kind(self, method: Method) -> Kind | None:
        """Code alone, the model alone, or what the coach runs: code, else the model's kind held to ``theirs``."""
        if method == "code":
            return self.code
        if method == "model":
            return self.model
        return self.code or theirs(self.model, prepared(self.item), self.item.name)


@dataclass
class Scores:
    method: Method
    split: str
    items: int
    correct: int
    to_model: int  # items code could not decide (for "code", they count as wrong)
    recall: dict[str, float]
    precision: dict[str, float]
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.items if self.items else 1.0

    def passes(self, gate: FactKindThresholds) -> bool:
        return self.accuracy >= gate.min_accuracy and all(r >= gate.min_recall for r in self.recall.values())

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method, "split": self.split, "items": self.items, "correct": self.correct,
            "accuracy": round(self.accuracy, 4), "to_model": self.to_model,
            "recall": {k: round(v, 4) for k, v in self.recall.items()},
            "precision": {k: round(v, 4) for k, v in self.precision.items()}, "misses": self.misses,
        }  # fmt: skip


def score(readings: Sequence[Reading], method: Method, split: str) -> Scores:
    chosen = [r for r in readings if split == "all" or r.item.holdout == (split == "held-out")]
    said = [(r.item, r.kind(method)) for r in chosen]
    recall: dict[str, float] = {}
    precision: dict[str, float] = {}
    for kind in KINDS:
        labelled = [got for item, got in said if item.kind == kind]
        predicted = [item.kind for item, got in said if got == kind]
        recall[kind] = sum(got == kind for got in labelled) / len(labelled) if labelled else 1.0
        precision[kind] = sum(k == kind for k in predicted) / len(predicted) if predicted else 1.0
    misses = [f"{item.id}: {item.kind} -> {got or 'undecided'}" for item, got in said if got != item.kind]
    return Scores(
        method=method, split=split, items=len(chosen), correct=sum(got == item.kind for item, got in said),
        to_model=sum(r.code is None for r in chosen), recall=recall, precision=precision, misses=misses,
    )  # fmt: skip


def read_all(llm: LLM, items: Sequence[FactItem], on_item: Callable[[FactItem], None] | None = None) -> list[Reading]:
    """Every item through code and through the model (model-only needs every reply; the pipeline reuses them)."""
    readings = []
    for item in items:
        if on_item:
            on_item(item)
        text = prepared(item)
        started = time.perf_counter()
        model = ask_model(llm, text, item.name)
        readings.append(Reading(item, decide(text, item.name), model, time.perf_counter() - started))
    return readings


@dataclass
class Report:
    scores: list[Scores]
    gate: FactKindThresholds
    mode: str
    model: str
    latency_s: list[float]

    @property
    def gated(self) -> Scores:
        """The combined pipeline over the gate's split (over every item read, when only one split was read)."""
        split = self.gate.split if any(s.items for s in self.scores if s.split == self.gate.split) else "all"
        return next(s for s in self.scores if s.method == "combined" and s.split == split)

    @property
    def passed(self) -> bool:
        return self.gated.passes(self.gate)

    def to_dict(self) -> dict[str, object]:
        calls = self.latency_s
        latency = {"calls": len(calls), "mean_s": round(sum(calls) / len(calls), 3) if calls else 0.0,
                   "max_s": round(max(calls), 3) if calls else 0.0}  # fmt: skip
        return {"mode": self.mode, "model": self.model, "gate": self.gate.model_dump(), "passed": self.passed,
                "latency": latency, "scores": [s.to_dict() for s in self.scores]}  # fmt: skip


def measure(readings: Sequence[Reading], gate: FactKindThresholds, *, mode: str, model: str) -> Report:
    scores = [score(readings, method, split) for split in SPLITS for method in METHODS]
    latency = [r.latency_s for r in readings] if mode != "replay" else []
    return Report(scores, gate, mode, model, latency)


def model_for(settings: Settings, mode: RunMode) -> tuple[RecordingGateway, str]:
    """The gateway the measurement talks to, and how to describe it: the eval harness's fake provider in replay
    (and while recording misses), the configured model live."""
    from assistant.evals import workspace

    if mode == "live":
        return workspace.RecordingGateway(settings), settings.model
    replaying = settings.model_copy(update={"model": workspace.REPLAY_MODEL})
    label = f"{workspace.REPLAY_MODEL} (fixtures)"
    if mode == "record":
        label = f"{workspace.REPLAY_MODEL} (recording from {workspace.record_model(settings)})"
    return workspace.RecordingGateway(replaying), label


def fixture_env(settings: Settings, mode: str, fixtures: Path) -> AbstractContextManager[None]:
    from assistant.evals import workspace

    if mode == "live":
        return nullcontext()
    return workspace.fake_provider_env(fixtures, workspace.record_model(settings) if mode == "record" else None)


def run(
    settings: Settings,
    mode: RunMode = "replay",
    *,
    items_path: Path = DEFAULT_ITEMS,
    fixtures: Path = DEFAULT_FIXTURES,
    thresholds_path: Path = DEFAULT_THRESHOLDS,
    split: str = "all",
    on_item: Callable[[FactItem], None] | None = None,
) -> Report:
    """Read the items (all, or one split while developing) and score them. A recording run over all items prunes
    the replies no item asks for any more (after a prompt change), like `coach eval --record`."""
    from assistant.evals import workspace
    from assistant.llm.fake import fixture_key

    items = [i for i in load_items(items_path) if split == "all" or i.holdout == (split == "held-out")]
    gate = load_thresholds(thresholds_path)
    with fixture_env(settings, mode, fixtures):
        llm, label = model_for(settings, mode)
        readings = read_all(llm, items, on_item)
    if mode == "record" and split == "all":
        workspace.prune_fixtures(fixtures, {fixture_key(llm.model, p.as_dicts()) for p, _ in llm.calls})
    return measure(readings, gate, mode=mode, model=label)


def table(report: Report, *, failures: bool = False, split: str = "all") -> str:
    """The report as plain text: one line per split and method (all splits, or one)."""
    lines = [f"fact kinds ({report.mode}, {report.model})"]
    head = f"  {'split':<9} {'method':<9} {'items':>5} {'acc':>6} {'to model':>8}  "
    lines.append(head + "  ".join(f"{k:>13}" for k in KINDS) + "   (recall/precision)")
    for s in (s for s in report.scores if split in ("all", s.split)):
        kinds = "  ".join(f"{s.recall[k]:>6.2f}/{s.precision[k]:<6.2f}" for k in KINDS)
        lines.append(f"  {s.split:<9} {s.method:<9} {s.items:>5} {s.accuracy:>6.3f} {s.to_model:>8}  {kinds}")
        if failures and s.misses and s.method != "code":
            lines.append(f"      misses: {', '.join(s.misses)}")
    if report.latency_s:
        calls = report.latency_s
        lines.append(f"  model calls: {len(calls)}, mean {sum(calls) / len(calls):.2f} s, max {max(calls):.2f} s")
    gated, gate = report.gated, report.gate
    verdict = "PASS" if report.passed else "FAIL"
    lines.append(
        f"gate (combined, {gated.split} items): accuracy {gated.accuracy:.3f} >= {gate.min_accuracy}, every kind's "
        f"recall >= {gate.min_recall} (lowest {min(gated.recall.values()):.2f}): {verdict}"
    )
    return "\n".join(lines)
