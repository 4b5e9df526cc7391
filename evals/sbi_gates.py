"""The five gates of the feedback coach, computed exactly from an SBI eval report.

`coach eval sbi` gates per evaluator; two gates share an evaluator with other cases, so this script reads the
report's per-case outputs and gives each gate its own figure over the cases it is about:

    python evals/sbi_gates.py [REPORT.json]     # default: the newest sbi report in <data_dir>/eval-reports

Exit 1 when a gate is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.evals.cases import EVALS_DIR, read_yaml
from assistant.evals.models import CaseResult, Report
from assistant.skills.sbi.eval import SBICase, observe
from assistant.skills.sbi.models import SBIResult

GATES = {
    "schema valid": 1.0,
    "no personality label carried": 0.95,
    "four parts + situation anchored": 0.90,
    "no invented facts": 0.95,
    "asks instead of inventing (no-facts cases)": 0.90,
}


def _status(case: CaseResult, name: str) -> str:
    return next((e.status for e in case.evaluators if e.name == name), "skip")


def gate_figures(report: Report, inputs: dict[str, SBICase]) -> dict[str, tuple[int, int]]:
    """(passed, judged) per gate. Cases that errored count as failures of every gate they belong to."""
    tally = {name: [0, 0] for name in GATES}

    def count(gate: str, ok: bool) -> None:
        tally[gate][0] += int(ok)
        tally[gate][1] += 1

    for case in report.cases:
        no_facts = "no-facts" in case.tags
        if case.output is None:
            for gate in GATES:
                count(gate, False)
            continue
        output = SBIResult.model_validate(case.output)
        props = observe(inputs[case.id], output).properties
        count("schema valid", _status(case, "schema") == "pass")
        if no_facts:
            count("asks instead of inventing (no-facts cases)", bool(props["asked"]))
        if output.status == "ready":
            carried = _status(case, "must_not_include") == "fail" or _status(case, "checks") == "fail"
            count("no personality label carried", bool(props["label_free"]) and not carried)
            count("four parts + situation anchored", bool(props["complete"]))
            count("no invented facts", _status(case, "facts") == "pass")
    return {name: (passed, judged) for name, (passed, judged) in tally.items()}


def _latest() -> Path:
    folder = load_settings().data_dir / "eval-reports"
    reports = sorted(folder.glob("sbi-*.json"))
    if not reports:
        raise SystemExit(f"no sbi report in {folder}: run `coach eval sbi` first")
    return reports[-1]


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else _latest()
    report = Report.model_validate_json(path.read_text(encoding="utf-8"))
    raw = read_yaml(EVALS_DIR / "cases" / "sbi.yaml")
    inputs = {c["id"]: SBICase.model_validate(c["input"]) for c in raw["cases"]}
    print(f"{path.name} ({report.mode}, {report.model}, {report.selection})")
    missed = 0
    for name, (passed, judged) in gate_figures(report, inputs).items():
        rate = passed / judged if judged else 1.0
        ok = rate >= GATES[name]
        missed += not ok
        print(f"  {name:<45} {passed:>2}/{judged:<2} {rate:6.1%}  gate {GATES[name]:.0%}  {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
