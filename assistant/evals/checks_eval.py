"""Score the rule catalogue against the labelled cases in ``evals/cases/checks.yaml``.

Each case lists every rule that should fire (``expect``); any other rule that fires on it is a false positive.
A rule is scored only on cases whose kind it applies to. Precision and recall are gated (``evals/thresholds.yaml``)
for every rule with at least ``MIN_POSITIVES`` positive cases; rules with fewer are reported as "too few cases".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.checks.base import ArtifactKindField, Audience
from assistant.errors import InputError

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CASES = REPO_ROOT / "evals" / "cases" / "checks.yaml"
DEFAULT_THRESHOLDS = REPO_ROOT / "evals" / "thresholds.yaml"
MIN_POSITIVES = 3
Split = Literal["dev", "heldout"]


class Case(BaseModel):
    """One labelled snippet. ``sources``, ``documents`` and ``path`` feed the optional ``CheckContext`` fields;
    ``split`` marks the held-out cases written after the rules stabilised."""

    model_config = ConfigDict(extra="forbid")

    id: str
    kind: ArtifactKindField  # the old name "feedback" is read as "note"
    audience: Audience | None = None
    text: str = Field(min_length=1)
    expect: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    documents: dict[str, str] = Field(default_factory=dict)
    path: str | None = None
    split: Split = "dev"
    note: str | None = None


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cases: list[Case]

    @model_validator(mode="after")
    def _consistent(self) -> CaseFile:
        from assistant.checks import RULES_BY_ID

        seen: set[str] = set()
        for case in self.cases:
            if case.id in seen:
                raise ValueError(f"duplicate case id {case.id}")
            seen.add(case.id)
            if set(case.expect) & set(case.ignore):
                raise ValueError(f"case {case.id}: a rule cannot be both expected and ignored")
            for rule_id in case.expect + case.ignore:
                rule = RULES_BY_ID.get(rule_id)
                if rule is None:
                    raise ValueError(f"case {case.id}: unknown rule {rule_id}")
                if case.kind not in rule.kinds:
                    raise ValueError(f"case {case.id}: rule {rule_id} does not apply to kind {case.kind}")
        return self


class ChecksThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_precision: float = Field(ge=0, le=1)
    min_recall: float = Field(ge=0, le=1)


def precision(tp: int, fp: int) -> float:
    """Share of firings that were expected; 1.0 when nothing fired (no false alarm to count)."""
    return tp / (tp + fp) if tp + fp else 1.0


def recall(tp: int, fn: int) -> float:
    """Share of expected firings that happened; 1.0 when nothing was expected (nothing to miss)."""
    return tp / (tp + fn) if tp + fn else 1.0


@dataclass
class RuleScore:
    rule: str
    positives: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return precision(self.tp, self.fp)

    @property
    def recall(self) -> float:
        return recall(self.tp, self.fn)

    @property
    def gated(self) -> bool:
        return self.positives >= MIN_POSITIVES

    def passes(self, gate: ChecksThresholds) -> bool:
        return not self.gated or (self.precision >= gate.min_precision and self.recall >= gate.min_recall)


@dataclass
class Report:
    rules: list[RuleScore]
    cases: int
    gate: ChecksThresholds
    split: str

    @property
    def tp(self) -> int:
        return sum(r.tp for r in self.rules)

    @property
    def fp(self) -> int:
        return sum(r.fp for r in self.rules)

    @property
    def fn(self) -> int:
        return sum(r.fn for r in self.rules)

    @property
    def precision(self) -> float:
        return precision(self.tp, self.fp)

    @property
    def recall(self) -> float:
        return recall(self.tp, self.fn)

    @property
    def failing(self) -> list[RuleScore]:
        return [r for r in self.rules if not r.passes(self.gate)]

    @property
    def too_few(self) -> list[RuleScore]:
        return [r for r in self.rules if not r.gated]

    @property
    def passed(self) -> bool:
        return not self.failing

    def to_dict(self) -> dict[str, object]:
        rules = [
            {
                "rule": r.rule,
                "positives": r.positives,
                "tp": r.tp,
                "fp": r.fp,
                "fn": r.fn,
                "precision": round(r.precision, 4),
                "recall": round(r.recall, 4),
                "status": "too few cases" if not r.gated else ("pass" if r.passes(self.gate) else "fail"),
                "false_positives": r.false_positives,
                "false_negatives": r.false_negatives,
            }
            for r in self.rules
        ]
        totals = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4)}
        totals["recall"] = round(self.recall, 4)
        gate = self.gate.model_dump() | {"min_positives": MIN_POSITIVES}
        return {"split": self.split, "cases": self.cases, "gate": gate, "passed": self.passed, "totals": totals,
                "rules": rules}  # fmt: skip


def _read_yaml(path: Path, what: str) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no {what} file at {path}", hint="pass the path with --cases/--thresholds") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path} is not valid YAML: {exc}", hint="fix the YAML syntax") from exc


def load_cases(path: Path = DEFAULT_CASES) -> list[Case]:
    try:
        return CaseFile.model_validate(_read_yaml(path, "cases")).cases
    except ValidationError as exc:
        raise InputError(f"{path} does not match the case format: {exc}", hint="see docs/checks.md") from exc


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> ChecksThresholds:
    data = _read_yaml(path, "thresholds")
    section = data.get("checks") if isinstance(data, dict) else None
    if section is None:
        raise InputError(f"{path} has no 'checks' section", hint="add checks: {min_precision: 0.9, min_recall: 0.9}")
    try:
        return ChecksThresholds.model_validate(section)
    except ValidationError as exc:
        raise InputError(f"{path}: invalid 'checks' thresholds: {exc}", hint="see docs/checks.md") from exc


def fired_rules(case: Case) -> set[str]:
    from assistant.checks import run_checks

    found = run_checks(
        case.text, case.kind, audience=case.audience, documents=case.documents, sources=case.sources, path=case.path
    )
    return {f.rule for f in found}


def score(cases: Sequence[Case], gate: ChecksThresholds, *, split: str = "all") -> Report:
    from assistant.checks import RULES

    scores = {rule.id: RuleScore(rule.id) for rule in RULES}
    selected = [c for c in cases if split in ("all", c.split)]
    for case in selected:
        fired = fired_rules(case)
        for rule in RULES:
            if case.kind not in rule.kinds or rule.id in case.ignore:
                continue
            s, expected, got = scores[rule.id], rule.id in case.expect, rule.id in fired
            s.positives += expected
            s.tp += expected and got
            s.fn += expected and not got
            s.fp += got and not expected
            if expected and not got:
                s.false_negatives.append(case.id)
            if got and not expected:
                s.false_positives.append(case.id)
    return Report(list(scores.values()), len(selected), gate, split)


def evaluate(
    cases_path: Path = DEFAULT_CASES, thresholds_path: Path = DEFAULT_THRESHOLDS, *, split: str = "all"
) -> Report:
    return score(load_cases(cases_path), load_thresholds(thresholds_path), split=split)


def markdown(report: Report) -> str:
    """The run for people (a CI job summary): the gate, the totals, and every rule that had a case to score."""
    gate = report.gate
    failing = ", ".join(r.rule for r in report.failing)
    lines = [
        f"# Eval `checks` ({report.split}: {report.cases} cases)",
        "",
        f"- **gate: {'passed' if report.passed else 'FAILED'}**" + (f" (below the gate: {failing})" if failing else ""),
        f"- gate: every rule with at least {MIN_POSITIVES} expected cases at precision ≥ {gate.min_precision} "
        f"and recall ≥ {gate.min_recall}",
        f"- total: precision {report.precision:.3f}, recall {report.recall:.3f} "
        f"(true positives {report.tp}, false positives {report.fp}, missed {report.fn})",
        "",
        "| rule | expected | caught | false positives | missed | precision | recall | status |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in report.rules:
        if not (r.positives or r.fp):  # a rule none of the cases is about: nothing to show
            continue
        status = "too few cases" if not r.gated else ("pass" if r.passes(gate) else "**FAIL**")
        lines.append(
            f"| {r.rule} | {r.positives} | {r.tp} | {r.fp} | {r.fn} | {r.precision:.2f} | {r.recall:.2f} | {status} |"
        )
    misses = [
        f"- {r.rule}: false positives {', '.join(r.false_positives) or '-'}; "
        f"missed {', '.join(r.false_negatives) or '-'}"
        for r in report.rules
        if r.false_positives or r.false_negatives
    ]
    if misses:
        lines += ["", "## Cases behind the misses", "", *misses]
    return "\n".join(lines) + "\n"


def junit(report: Report) -> ET.Element:
    """JUnit XML for CI test widgets: one test case per rule the cases are about; a rule below the gate fails."""
    scored = [r for r in report.rules if r.positives or r.fp]
    root = ET.Element("testsuites", name="coach eval checks")
    suite = ET.SubElement(
        root, "testsuite", name=f"eval.checks.{report.split}", tests=str(len(scored)),
        failures=str(sum(not r.passes(report.gate) for r in scored)), errors="0",
        skipped=str(sum(not r.gated for r in scored)),
    )  # fmt: skip
    for r in scored:
        case = ET.SubElement(suite, "testcase", classname="eval.checks", name=r.rule)
        if not r.gated:
            ET.SubElement(case, "skipped", message=f"too few cases ({r.positives} < {MIN_POSITIVES})")
        elif not r.passes(report.gate):
            message = f"precision {r.precision:.2f}, recall {r.recall:.2f}"
            detail = (
                f"false positives: {', '.join(r.false_positives) or '-'}\nmissed: {', '.join(r.false_negatives) or '-'}"
            )
            ET.SubElement(case, "failure", message=message).text = detail
    return root
