"""Score every scripted pair of rehearsal (evals/cases/rehearse_pairs.yaml) with a stand-in counterpart: the rubric
and the trust rules on all 30 pairs, offline and deterministic, tuned and held-out apart (docs/evals.md, "Rehearsal").

    python evals/rehearse_rubric.py [--failures]

The debrief's scores and the trust that decides whether the hidden concern is said are computed by code from the
lead's lines; the counterpart's words only change the talk ratio. So each pair runs through the real service with a
stand-in that answers every turn with a distinct line of about fifteen words, and the turn reader runs on rules alone
(the stand-in reads every line the rules cannot as neutral). evals/cases/rehearse.yaml runs 4 of the pairs on the
real model. Gates (issue 12): the good script scores higher in >= 90% of pairs, and the concern surfaces in the good
conversation and not in the bad one in >= 90%. Exit 1 below a gate over all pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.evals.cases import EVALS_DIR, read_yaml
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import RenderedPrompt
from assistant.service import CoachService
from assistant.skills.rehearse.eval import RehearseCase, observe, run

PAIRS = EVALS_DIR / "cases" / "rehearse_pairs.yaml"
GATES = {"good_higher": 0.9, "concern_only_in_good": 0.9}
_WORDS = (
    "staging", "planning", "the alert", "my week", "the review", "Marcus", "the ticket", "on-call", "the dates",
    "the channel", "last sprint", "the migration", "the tests", "the rollout", "my notes",
)  # fmt: skip


def stand_in() -> ScriptedLLM:
    """A counterpart that says a new fifteen-word line each time, a neutral reading, and a plain summary."""
    count = {"n": 0}

    def script(prompt: RenderedPrompt) -> str:
        if prompt.id == "rehearse/turn_move":
            return json.dumps({"move": "neutral"})
        if prompt.id == "rehearse/debrief":
            return json.dumps({"summary": "Stand-in summary."})
        count["n"] += 1
        n = count["n"]
        topic = _WORDS[n % len(_WORDS)]
        return json.dumps({"says": f"Line {n}: I keep thinking about {topic}, and number {n * 7} is on my mind today."})

    return ScriptedLLM(script)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", action="store_true", help="list the pairs that miss a gate")
    args = parser.parse_args()
    raw = read_yaml(PAIRS)
    service = CoachService(load_settings(), llm=stand_in(), retriever=None, checkpointer="memory")
    rows = []
    for case in raw["cases"]:
        request = RehearseCase.model_validate(case["input"])
        props = observe(request, run(service, request, f"rubric-{case['id']}").output).properties
        rows.append({
            "id": case["id"], "holdout": "holdout" in case.get("tags", []),
            "good": props["total"], "bad": props["compare_total"],
            "good_higher": bool(props["good_higher"]),
            "concern_only_in_good": bool(props["revealed"]) and not props["compare_revealed"],
        })  # fmt: skip
    missed = 0
    print(f"rehearsal rubric on {len(rows)} scripted pairs (stand-in counterpart, rules-only turn reader)")
    print(f"  {'gate':<24} {'all':>9} {'tuned':>7} {'held-out':>9}  target")
    for gate, target in GATES.items():
        figures = []
        for chosen in (rows, [r for r in rows if not r["holdout"]], [r for r in rows if r["holdout"]]):
            figures.append(f"{sum(r[gate] for r in chosen)}/{len(chosen)}")
        rate = sum(r[gate] for r in rows) / len(rows)
        ok = rate >= target
        missed += not ok
        print(f"  {gate:<24} {figures[0]:>9} {figures[1]:>7} {figures[2]:>9}  {target:.0%} {'ok' if ok else 'MISSED'}")
    print("  scores (good/bad): " + ", ".join(f"{r['id'].removeprefix('pair-')} {r['good']}/{r['bad']}" for r in rows))
    if args.failures:
        for r in rows:
            if not (r["good_higher"] and r["concern_only_in_good"]):
                print(f"  miss: {r}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
