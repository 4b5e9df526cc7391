"""Measure the rehearsal's turn reader (rules, then the model for lines no rule reads) on
evals/cases/rehearse_turns.yaml, tuned and held-out apart (see docs/evals.md, "Rehearsal").

    python evals/turn_tags.py              # replay: recorded replies in evals/fixtures/turn_tags/ (make test)
    python evals/turn_tags.py --record     # replay, answering and saving missing replies with the real model
    python evals/turn_tags.py --live       # the configured model (COACH_MODEL; default the embedded one)

Options: --failures (list the misses), --json (the whole report). Exit 0 at or above the gate in
evals/thresholds.yaml (turn_tags), 1 below it, 2 when a reply is missing in replay or the setup is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.errors import CoachError
from assistant.evals import turn_tags_eval


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--live", action="store_true", help="call the configured model")
    mode.add_argument("--record", action="store_true", help="replay, recording missing replies from the real model")
    parser.add_argument("--failures", action="store_true", help="list the misses")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--items", type=Path, default=turn_tags_eval.DEFAULT_ITEMS)
    parser.add_argument("--fixtures", type=Path, default=turn_tags_eval.DEFAULT_FIXTURES)
    parser.add_argument("--thresholds", type=Path, default=turn_tags_eval.DEFAULT_THRESHOLDS)
    args = parser.parse_args(argv)
    chosen = "live" if args.live else "record" if args.record else "replay"
    try:
        report = turn_tags_eval.run(
            load_settings(), chosen, items_path=args.items, fixtures=args.fixtures, thresholds_path=args.thresholds
        )
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(turn_tags_eval.table(report, failures=args.failures))
    return 0 if report.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
