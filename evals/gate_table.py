"""What the per-skill gate scripts (sbi_gates.py, rehearse_gates.py) share: the newest report of a skill, a report cut
to one split, a tally of (passed, judged) per gate, the table of gates over all cases, the tuned and the held-out
cases, and the script's whole run (report in, table out, exit code)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from assistant.config import load_settings
from assistant.evals.cases import EVALS_DIR, read_yaml
from assistant.evals.models import Report

Figures = Mapping[str, tuple[int, int]]  # gate -> (passed, judged)
Targets = Mapping[str, float | None]  # gate -> the rate to reach; None: reported, not gated
C = TypeVar("C", bound=BaseModel)  # a skill's case input


class Tally:
    """(passed, judged) per gate, counted one case at a time."""

    def __init__(self, gates: Targets) -> None:
        self._counts = {name: [0, 0] for name in gates}

    def count(self, gate: str, ok: bool) -> None:
        self._counts[gate][0] += int(ok)
        self._counts[gate][1] += 1

    def figures(self) -> dict[str, tuple[int, int]]:
        return {name: (passed, judged) for name, (passed, judged) in self._counts.items()}


def latest(skill: str) -> Path:
    folders = [EVALS_DIR / "reports", load_settings().data_dir / "eval-reports"]
    reports = sorted((p for f in folders for p in f.glob(f"{skill}-*.json")), key=lambda p: p.stat().st_mtime)
    if not reports:
        raise SystemExit(f"no {skill} report in evals/reports or the data directory: run `coach eval {skill}` first")
    return reports[-1]


def split(report: Report, held_out: bool) -> Report:
    return report.model_copy(update={"cases": [c for c in report.cases if ("holdout" in c.tags) == held_out]})


def print_gates(path: Path, report: Report, gates: Targets, figures: Callable[[Report], Figures]) -> int:
    """Print each gate over all cases and per split; the number of gates missed over all cases (a figure with no
    target is printed, never missed)."""
    width = max(len(name) for name in gates) + 2
    print(f"{path.name} ({report.mode}, {report.model}, {report.selection})")
    tuned, held = figures(split(report, held_out=False)), figures(split(report, held_out=True))
    print(f"  {'gate':<{width}} {'all':>12}  {'tuned':>7} {'held-out':>8}  target")
    missed = 0
    for name, (passed, judged) in figures(report).items():
        rate = passed / judged if judged else 1.0
        target = gates[name]
        ok = target is None or rate >= target
        missed += not ok
        apart = "  ".join(f"{p:>3}/{j:<3}" for p, j in (tuned[name], held[name]))
        verdict = "(reported)" if target is None else f"{target:.0%} {'ok' if ok else 'MISSED'}"
        print(f"  {name:<{width}} {passed:>3}/{judged:<3} {rate:6.1%}  {apart}  {verdict}")
    return missed


def run(skill: str, case_model: type[C], gates: Targets,
        figures: Callable[[Report, dict[str, C]], Figures]) -> int:  # fmt: skip
    """A gate script's main: the report named on the command line (default: the skill's newest), its cases' inputs
    from ``evals/cases/<skill>.yaml``, the table; exit 1 when a gate is missed over all cases."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else latest(skill)
    report = Report.model_validate_json(path.read_text(encoding="utf-8"))
    raw = read_yaml(EVALS_DIR / "cases" / f"{skill}.yaml")
    inputs = {c["id"]: case_model.model_validate(c["input"]) for c in raw["cases"]}
    return 1 if print_gates(path, report, gates, lambda cut: figures(cut, inputs)) else 0
