"""What the measurement scripts (fact_kinds.py, turn_tags.py) share: the mode, output and path options, and running
the measurement into a table or JSON with the exit code of the gate (0 at or above it, 1 below, 2 on an error)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import CoachError


def parser(doc: str, module: Any) -> argparse.ArgumentParser:
    """The shared options; ``module`` names the default items, fixtures and thresholds."""
    found = argparse.ArgumentParser(description=doc.split("\n\n", maxsplit=1)[0])
    mode = found.add_mutually_exclusive_group()
    mode.add_argument("--live", action="store_true", help="call the configured model")
    mode.add_argument("--record", action="store_true", help="replay, recording missing replies from the real model")
    found.add_argument("--failures", action="store_true", help="list the misses")
    found.add_argument("--json", action="store_true", help="print the report as JSON")
    found.add_argument("--items", type=Path, default=module.DEFAULT_ITEMS)
    found.add_argument("--fixtures", type=Path, default=module.DEFAULT_FIXTURES)
    found.add_argument("--thresholds", type=Path, default=module.DEFAULT_THRESHOLDS)
    return found


def mode(args: argparse.Namespace) -> str:
    return "live" if args.live else "record" if args.record else "replay"


def finish(measure: Callable[[], Any], table: Callable[..., str], args: argparse.Namespace) -> int:
    try:
        report = measure()
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(table(report, failures=args.failures))
    return 0 if report.passed else 1
