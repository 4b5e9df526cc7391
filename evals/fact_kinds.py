"""Measure the feedback coach's fact-kind classifier: code only, model only, and the two combined (what the coach
runs), on evals/cases/fact_kinds.yaml, tuned and held-out apart (see docs/evals.md, "Fact kinds").

    python evals/fact_kinds.py              # replay: recorded replies in evals/fixtures/fact_kinds/ (make test)
    python evals/fact_kinds.py --record     # replay, answering and saving missing replies with the real model
    python evals/fact_kinds.py --live       # the configured model (COACH_MODEL; default the embedded one)

Options: --failures (list the misses), --json (the whole report), --split tuned|held-out (read only those items,
while developing; the gate is then over them). A recording run over all items also prunes the replies no item uses.
Exit 0 at or above the gate in evals/thresholds.yaml (fact_kinds), 1 below it, 2 when a reply is missing in replay
or the setup is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.evals import fact_kinds_eval
from evals import measure_cli


def main(argv: list[str] | None = None) -> int:
    args_parser = measure_cli.parser(__doc__, fact_kinds_eval)
    args_parser.add_argument("--split", choices=fact_kinds_eval.SPLITS, default="all", help="print only this split")
    args = args_parser.parse_args(argv)
    paths = {"items_path": args.items, "fixtures": args.fixtures, "thresholds_path": args.thresholds}
    return measure_cli.finish(
        lambda: fact_kinds_eval.run(load_settings(), measure_cli.mode(args), **paths, split=args.split),
        fact_kinds_eval.table,
        args,
    )


if __name__ == "__main__":
    raise SystemExit(main())
