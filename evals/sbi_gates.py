"""The gates of the feedback coach, computed exactly from an SBI eval report, for all cases and per split.

`coach eval sbi` gates per evaluator; two gates share an evaluator with other cases, so this script reads the
report's per-case outputs and gives each gate its own figure over the cases it is about:

    python evals/sbi_gates.py [REPORT.json]     # default: the newest sbi report in evals/reports or <data_dir>

The first five gates are the original ones; the next six are what a reader of the rewrite notices (issue 11), over
the drafted cases. Each figure is also given for the tuned and the held-out cases (tag ``holdout``) apart. Exit 1
when a gate is missed over all cases.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.evals.models import CaseResult, Report
from assistant.skills.sbi.eval import SBICase, observe
from assistant.skills.sbi.models import SBIResult
from evals.gate_table import Tally, run

GATES = {
    "schema valid": 1.0,
    "no personality label carried": 0.95,
    "four parts + situation anchored": 0.90,
    "no invented facts": 0.95,
    "asks instead of inventing (no-facts cases)": 0.90,
    "no third-person reference to the recipient": 0.98,
    "no copied run from the note's judgement": 1.0,
    "every part present when its facts exist": 0.95,
    "message within the length budget": 0.90,
    "request distinct from behaviour and impact": 0.95,
    "private facts kept out (private cases)": 1.0,
}
READER = {
    "no third-person reference to the recipient": "second_person",
    "no copied run from the note's judgement": "no_copied_judgement",
    "every part present when its facts exist": "parts_filled",
    "message within the length budget": "within_length",
    "request distinct from behaviour and impact": "request_distinct",
}


def _status(case: CaseResult, name: str) -> str:
    return next((e.status for e in case.evaluators if e.name == name), "skip")


def gate_figures(report: Report, inputs: dict[str, SBICase]) -> dict[str, tuple[int, int]]:
    """(passed, judged) per gate. Cases that errored count as failures of every gate they belong to."""
    tally = Tally(GATES)
    count = tally.count
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
        if props["drafted"]:
            carried = _status(case, "must_not_include") == "fail" or _status(case, "checks") == "fail"
            count("no personality label carried", bool(props["label_free"]) and not carried)
            count("four parts + situation anchored", bool(props["complete"]))
            count("no invented facts", _status(case, "facts") == "pass")
            for gate, prop in READER.items():
                count(gate, bool(props[prop]))
            if "private" in case.tags:
                count("private facts kept out (private cases)", bool(props["private_kept_out"]))
    return tally.figures()


def main() -> int:
    return run("sbi", SBICase, GATES, gate_figures)


if __name__ == "__main__":
    raise SystemExit(main())
