"""Measure the rehearsal's turn reader on the labelled lead lines in ``evals/cases/rehearse_turns.yaml``.

Two readers are scored: the rules alone (``read_turn``) and what a rehearsal runs (the rules, and the model for the
lines no rule could read). Each gets the share of lines whose trust direction (up, down, flat) matches the label,
and per-tag recall and precision, for the tuned and the held-out lines apart. Each line is read on its own, as the
first line when it was labelled so and with no open question before it (the set has no history). The model's
replies come from recorded fixtures (``evals/fixtures/turn_tags/``: offline, a miss fails loudly), from the real
model while recording misses, or live. The combined reader's direction agreement over the gate's split is gated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from assistant.errors import ConfigError
from assistant.evals.cases import EVALS_DIR, read_yaml
from assistant.skills.rehearse.models import Direction, TurnTag

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.llm.protocol import LLM

DEFAULT_ITEMS = EVALS_DIR / "cases" / "rehearse_turns.yaml"
DEFAULT_FIXTURES = EVALS_DIR / "fixtures" / "turn_tags"
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.yaml"
TAGS: tuple[TurnTag, ...] = get_args(TurnTag)
Method = Literal["rules", "combined"]
METHODS: tuple[Method, ...] = ("rules", "combined")
SPLITS = ("tuned", "holdout", "all")
MIN_ITEMS = 80


class TurnItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["tuned", "holdout"]
    scenario: str
    first: bool
    before: str
    message: str = Field(min_length=1)
    tags: list[TurnTag]
    trust: Direction


class TurnThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    split: Literal["tuned", "holdout", "all"] = "all"
    min_direction: float = Field(ge=0, le=1)


def load_items(path: Path = DEFAULT_ITEMS) -> list[TurnItem]:
    raw = read_yaml(path)
    try:
        items = TypeAdapter(list[TurnItem]).validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise ConfigError(f"{path}: item {where}: {first['msg']}", hint="see docs/evals.md (turn tags)") from exc
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids) or len(items) < MIN_ITEMS:
        raise ConfigError(f"{path}: ids must be unique and there must be {MIN_ITEMS}+ items", hint="fix the file")
    return items


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> TurnThresholds:
    raw = read_yaml(path)
    section = raw.get("turn_tags") if isinstance(raw, dict) else None
    if not isinstance(section, dict):
        raise ConfigError(f"{path} has no 'turn_tags' section", hint="add turn_tags: {min_direction: 0.9}")
    return TurnThresholds.model_validate(section)


@dataclass
class Reading:
    item: TurnItem
    rules: tuple[tuple[TurnTag, ...], Direction]
    combined: tuple[tuple[TurnTag, ...], Direction]
    asked_model: bool


@dataclass
class Scores:
    method: Method
    split: str
    items: int
    agree: int
    to_model: int
    recall: dict[str, float]
    precision: dict[str, float]
    misses: list[str] = field(default_factory=list)

    @property
    def direction(self) -> float:
        return self.agree / self.items if self.items else 1.0

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method, "split": self.split, "items": self.items, "agree": self.agree,
            "direction": round(self.direction, 4), "to_model": self.to_model,
            "recall": {k: round(v, 4) for k, v in self.recall.items()},
            "precision": {k: round(v, 4) for k, v in self.precision.items()}, "misses": self.misses,
        }  # fmt: skip


def read_all(llm: LLM, items: Sequence[TurnItem]) -> list[Reading]:
    from assistant.skills.rehearse.moves import read_with_model
    from assistant.skills.rehearse.tags import read_turn

    readings = []
    for item in items:
        rules = read_turn(item.message, first=item.first, asked_before=False)
        combined, asked = read_with_model(llm, item.message, item.before, rules)
        readings.append(Reading(item, (rules.tags, rules.direction), (combined.tags, combined.direction), asked))
    return readings


def score(readings: Sequence[Reading], method: Method, split: str) -> Scores:
    chosen = [r for r in readings if split in {"all", r.item.split}]
    said = [(r.item, getattr(r, method)) for r in chosen]
    recall: dict[str, float] = {}
    precision: dict[str, float] = {}
    for tag in TAGS:
        labelled = [tags for item, (tags, _) in said if tag in item.tags]
        predicted = [item for item, (tags, _) in said if tag in tags]
        recall[tag] = sum(tag in tags for tags in labelled) / len(labelled) if labelled else 1.0
        precision[tag] = sum(tag in item.tags for item in predicted) / len(predicted) if predicted else 1.0
    misses = [f"{item.id}: {item.trust} -> {way}" for item, (_, way) in said if way != item.trust]
    return Scores(
        method=method, split=split, items=len(chosen), agree=sum(way == item.trust for item, (_, way) in said),
        to_model=sum(r.asked_model for r in chosen), recall=recall, precision=precision, misses=misses,
    )  # fmt: skip


@dataclass
class Report:
    scores: list[Scores]
    gate: TurnThresholds
    mode: str
    model: str

    @property
    def gated(self) -> Scores:
        return next(s for s in self.scores if s.method == "combined" and s.split == self.gate.split)

    @property
    def passed(self) -> bool:
        return self.gated.direction >= self.gate.min_direction

    def to_dict(self) -> dict[str, object]:
        return {"mode": self.mode, "model": self.model, "gate": self.gate.model_dump(), "passed": self.passed,
                "scores": [s.to_dict() for s in self.scores]}  # fmt: skip


def run(
    settings: Settings,
    mode: Literal["replay", "record", "live"] = "replay",
    *,
    items_path: Path = DEFAULT_ITEMS,
    fixtures: Path = DEFAULT_FIXTURES,
    thresholds_path: Path = DEFAULT_THRESHOLDS,
) -> Report:
    """Read every item and score it; a recording run prunes the replies no item asks for any more."""
    from assistant.evals import workspace
    from assistant.evals.fact_kinds_eval import fixture_env, model_for
    from assistant.llm.fake import fixture_key

    items = load_items(items_path)
    gate = load_thresholds(thresholds_path)
    with fixture_env(settings, mode, fixtures):
        llm, label = model_for(settings, mode)
        readings = read_all(llm, items)
    if mode == "record":
        workspace.prune_fixtures(fixtures, {fixture_key(llm.model, p.as_dicts()) for p, _ in llm.calls})
    scores = [score(readings, method, split) for split in SPLITS for method in METHODS]
    return Report(scores, gate, mode, label)


def table(report: Report, *, failures: bool = False) -> str:
    lines = [f"turn tags ({report.mode}, {report.model})"]
    lines.append(f"  {'split':<8} {'method':<9} {'items':>5} {'direction':>9} {'to model':>8}  lowest tag recall")
    for s in report.scores:
        low = min(s.recall, key=lambda t: s.recall[t])
        lines.append(
            f"  {s.split:<8} {s.method:<9} {s.items:>5} {s.direction:>9.3f} {s.to_model:>8}  {low} {s.recall[low]:.2f}"
        )
        if failures and s.misses and s.split != "all":
            lines.append(f"      misses: {', '.join(s.misses)}")
    gated = report.gated
    verdict = "PASS" if report.passed else "FAIL"
    lines.append(
        f"gate (combined, {gated.split}): direction agreement {gated.direction:.3f} >= {report.gate.min_direction}: "
        f"{verdict}"
    )
    return "\n".join(lines)
