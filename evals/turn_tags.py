"""Measure the rehearsal's turn reader (rules, then the model for lines no rule reads) on
evals/cases/rehearse_turns.yaml, tuned and held-out apart (see docs/evals.md, "Rehearsal").

    python evals/turn_tags.py              # replay: recorded replies in evals/fixtures/turn_tags/ (make test)
    python evals/turn_tags.py --record     # replay, answering and saving missing replies with the real model
    python evals/turn_tags.py --live       # the configured model (COACH_MODEL; default the embedded one)

Options: --failures (list the misses), --json (the whole report). Exit 0 at or above the gate in
evals/thresholds.yaml (turn_tags), 1 below it, 2 when a reply is missing in replay or the setup is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.evals import turn_tags_eval
from evals import measure_cli


def main(argv: list[str] | None = None) -> int:
    args_parser = measure_cli.parser(__doc__, turn_tags_eval)
    args = args_parser.parse_args(argv)
    paths = {"items_path": args.items, "fixtures": args.fixtures, "thresholds_path": args.thresholds}
    return measure_cli.finish(
        lambda: turn_tags_eval.run(load_settings(), measure_cli.mode(args), **paths), turn_tags_eval.table, args
    )


if __name__ == "__main__":
    raise SystemExit(main())
