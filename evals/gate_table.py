"""What the per-skill gate scripts (sbi_gates.py, rehearse_gates.py) share: the newest report of a skill, a report cut
to one split, and the table of gates over all cases, the tuned and the held-out cases."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from assistant.config import load_settings
from assistant.evals.cases import EVALS_DIR
from assistant.evals.models import Report

Figures = Mapping[str, tuple[int, int]]  # gate -> (passed, judged)


def latest(skill: str) -> Path:
    folders = [EVALS_DIR / "reports", load_settings().data_dir / "eval-reports"]
    reports = sorted((p for f in folders for p in f.glob(f"{skill}-*.json")), key=lambda p: p.stat().st_mtime)
    if not reports:
        raise SystemExit(f"no {skill} report in evals/reports or the data directory: run `coach eval {skill}` first")
    return reports[-1]


def split(report: Report, held_out: bool) -> Report:
    return report.model_copy(update={"cases": [c for c in report.cases if ("holdout" in c.tags) == held_out]})


def print_gates(path: Path, report: Report, gates: Mapping[str, float], figures: Callable[[Report], Figures]) -> int:
    """Print each gate over all cases and per split; the number of gates missed over all cases."""
    width = max(len(name) for name in gates) + 2
    print(f"{path.name} ({report.mode}, {report.model}, {report.selection})")
    tuned, held = figures(split(report, held_out=False)), figures(split(report, held_out=True))
    print(f"  {'gate':<{width}} {'all':>12}  {'tuned':>7} {'held-out':>8}  target")
    missed = 0
    for name, (passed, judged) in figures(report).items():
        rate = passed / judged if judged else 1.0
        ok = rate >= gates[name]
        missed += not ok
        apart = "  ".join(f"{p:>3}/{j:<3}" for p, j in (tuned[name], held[name]))
        verdict = "ok" if ok else "MISSED"
        print(f"  {name:<{width}} {passed:>3}/{judged:<3} {rate:6.1%}  {apart}  {gates[name]:.0%} {verdict}")
    return missed
