"""The eval reports on disk, read back for the Evals page: one row per run (skill, mode, pass rate, split, gate),
the pass rate per skill over time, and the failing cases of a run with what each evaluator found."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.evals.models import Report


class RunRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str
    skill: str
    mode: str
    model: str
    started_at: str
    cases: int
    passed: int
    pass_rate: float
    held_out: float | None  # the held-out split's pass rate, reported apart (None: the suite has none)
    gate_passed: bool
    selection: str


class FailingCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    held_out: bool
    status: str
    description: str
    found: list[str]  # "evaluator: detail", one per failed evaluator, or the error


class History(BaseModel):
    model_config = ConfigDict(extra="forbid")

    runs: list[RunRow]  # newest first
    unreadable: list[str]  # "name: why", for reports that could not be read (never fatal)


def read_report(path: Path) -> Report:
    return Report.model_validate_json(path.read_text(encoding="utf-8"))


def history(folders: Iterable[Path]) -> History:
    runs: list[RunRow] = []
    unreadable: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                report = read_report(path)
            except (OSError, ValueError, ValidationError) as exc:
                unreadable.append(f"{path.name}: {str(exc).splitlines()[0]}")
                continue
            held = report.splits.get("held-out")
            runs.append(
                RunRow(
                    file=str(path),
                    skill=report.skill,
                    mode=report.mode,
                    model=report.model,
                    started_at=report.started_at,
                    cases=report.summary.total,
                    passed=report.summary.passed,
                    pass_rate=report.summary.pass_rate,
                    held_out=held.pass_rate if held else None,
                    gate_passed=report.gate.passed,
                    selection=report.selection,
                )
            )
    runs.sort(key=lambda r: r.started_at, reverse=True)
    return History(runs=runs, unreadable=unreadable)


def failing_cases(path: Path) -> list[FailingCase]:
    report = read_report(path)
    out = []
    for case in report.cases:
        if case.status == "pass":
            continue
        found = [f"{e.name}: {e.detail}" for e in case.evaluators if e.status == "fail"]
        out.append(
            FailingCase(
                id=case.id,
                held_out="holdout" in case.tags,
                status=case.status,
                description=case.description,
                found=found or [case.error or case.status],
            )
        )
    return out
