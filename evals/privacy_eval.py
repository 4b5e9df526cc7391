"""Measure what the privacy filter hides on the labelled notes in evals/cases/privacy/*.yaml, each split apart
(dev: tuned on; heldout: written blind). See docs/privacy.md.

    python evals/privacy_eval.py               # the table: recall per kind, precision, keep words hidden
    python evals/privacy_eval.py --failures    # also every miss, every unlabelled span hidden, every keep word hidden
    python evals/privacy_eval.py --json        # the whole report
    python evals/privacy_eval.py --split dev   # one split only

The held-out split's scores are always shown; its misses and wrongly hidden words only with --heldout-details, so
nobody tunes the detector on the notes that measure it.

Exit 0 when every split meets the targets (roster names >= 0.95, every other kind >= 0.9), 1 when one misses,
2 when the case files are wrong. Offline and deterministic: no model is called.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.errors import ConfigError
from assistant.evals import privacy_eval


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, default=privacy_eval.DEFAULT_DIR, help="folder of *.yaml case files")
    parser.add_argument("--failures", action="store_true", help="list misses and wrongly hidden spans")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--split", choices=privacy_eval.SPLITS, help="score only this split")
    parser.add_argument("--heldout-details", action="store_true", help="also list the held-out split's failures")
    args = parser.parse_args(argv)
    try:
        report = privacy_eval.run(args.cases, split=args.split)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    shown = report if args.heldout_details else privacy_eval.blind(report)
    print(shown.model_dump_json(indent=2) if args.json else privacy_eval.table(shown, failures=args.failures))
    return 1 if report.failed_targets else 0


if __name__ == "__main__":
    raise SystemExit(main())
