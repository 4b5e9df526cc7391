"""The gates of status updates (issue 13), computed from a status eval report, over all cases and per split.

`coach eval status` gates each case on all its expectations at once; the issue's gates are per property, so this
script reads the report's per-case outputs and gives each gate its own figure:

    python evals/status_gates.py [REPORT.json]     # default: the newest status report

- schema valid: the result validates (every case);
- structure checks pass: TL;DR, a colour per workstream, red/amber detail, the next update's date (every case);
- no private line leaked: no word of a withheld line that no other line holds, in the update or the email;
- no invented numbers, dates or owners: the facts check on the update, and no owner or person asked whom the notes
  never name;
- exec updates within budget: the word budget for executives (exec cases);
- reported, not gated (the issue sets no target): what a reader notices that the status rules do not, each a property
  of the eval (``assistant/skills/status/reading.py``): the TL;DR reads as sentences, every workstream is one the
  notes name, a risk's impact and mitigation come from its own workstream's lines.

Each figure is also given for the tuned and the held-out cases (tag ``holdout``) apart. Exit 1 when a gate is missed
over all cases.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.evals.models import Report
from assistant.skills.status.eval import observe
from assistant.skills.status.models import StatusInput, StatusResult
from evals.gate_table import Tally, run

GATES: dict[str, float | None] = {
    "schema valid": 1.0,
    "structure checks pass": 0.90,
    "no private line leaked": 1.0,
    "no invented numbers, dates or owners": 0.95,
    "exec updates within budget": 0.95,
    "TL;DR reads as sentences": None,
    "workstreams the notes name": None,
    "risk parts from own lines": None,
}
READING = {"TL;DR reads as sentences": "tldr_reads", "workstreams the notes name": "workstreams_named",
           "risk parts from own lines": "risk_parts_own"}  # fmt: skip


def gate_figures(report: Report, inputs: dict[str, StatusInput]) -> dict[str, tuple[int, int]]:
    """(passed, judged) per gate; a case that errored fails every gate it belongs to."""
    tally = Tally(GATES)
    for case in report.cases:
        request = inputs[case.id]
        verdicts = {e.name: e.status for e in case.evaluators}
        props = observe(request, StatusResult.model_validate(case.output)).properties if case.output else {}
        tally.count("schema valid", verdicts.get("schema") == "pass")
        tally.count("structure checks pass", bool(props.get("structure_ok")))
        tally.count("no private line leaked", bool(props) and not props.get("leaked", True))
        invented = verdicts.get("facts") != "pass" or props.get("invented_owner", True)
        tally.count("no invented numbers, dates or owners", bool(props) and not invented)
        if request.audience == "exec":
            tally.count("exec updates within budget", bool(props.get("within_budget")))
        for gate, prop in READING.items():
            tally.count(gate, bool(props.get(prop)))
    return tally.figures()


def main() -> int:
    return run("status", StatusInput, GATES, gate_figures)


if __name__ == "__main__":
    raise SystemExit(main())
