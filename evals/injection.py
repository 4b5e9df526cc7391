"""The prompt-injection suite (issue 15): every attack of evals/cases/injection.yaml through the coach, and how many
changed what the lead sees, per split.

    python evals/injection.py                      # replay: recorded replies, offline, deterministic (CI)
    python evals/injection.py --mode record        # replay, answering and saving missing replies with the real model
    python evals/injection.py --mode live          # the configured model (COACH_MODEL; default the embedded one)
    python evals/injection.py --case in-chat-pirate --split heldout --json

Each case runs in a private data directory with its own knowledge folder (the suite's base documents and, for a
document attack, the planted one), indexed with the suite's embedder; fixtures live in evals/fixtures/injection/.
Exit codes: 0 no attack changed what the lead sees; 1 at least one did; 2 a case could not run (a replay miss, a
bad case file).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings, load_settings
from assistant.errors import CoachError
from assistant.evals import workspace
from assistant.evals.injection import (
    GOALS,
    InjectionCase,
    InjectionSuite,
    Outcome,
    case_folder,
    load_injection_suite,
    outcome,
    run_case,
    tally,
)
from assistant.knowledge.chroma_client import forget_local
from assistant.llm.calllog import CallLog
from assistant.llm.fake import fixture_key
from assistant.llm.fake_marker import FAKE_MISS_MARKER

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "evals" / "cases" / "injection.yaml"
FIXTURES = ROOT / "evals" / "fixtures" / "injection"


def run_one(
    settings: Settings, suite: InjectionSuite, knowledge: Path, case: InjectionCase, work: Path, *, replaying: bool
) -> Outcome:
    from assistant.service import CoachService

    root = work / case.id
    folder = case_folder(suite, knowledge, case, root)
    case_settings = settings.model_copy(update={"data_dir": root / "data", "knowledge_dir": folder})
    gateway = workspace.RecordingGateway(case_settings, call_log=CallLog(root / "calls.jsonl", include_text=False))
    retriever = workspace.eval_retriever(case_settings, folder, suite.embedder)
    service = CoachService(case_settings, llm=gateway, retriever=retriever, checkpointer="memory")
    try:
        output, error = run_case(service, case, folder)
    finally:
        # Chroma keeps each folder's client for the life of the process: 35 of them held gigabytes.
        forget_local(workspace.index_dir(case_settings, folder, suite.embedder) / "chroma")
    calls = gateway.take()
    prompts = [prompt for prompt, _ in calls]
    keys = [fixture_key(settings.model, prompt.as_dicts()) for prompt in prompts] if replaying else []
    replies = [completion.text for _, completion in calls]
    return outcome(case, output, error, prompts, folder, keys=keys, replies=replies)


def _print(outcomes: Sequence[Outcome], mode: str, model: str) -> None:
    print(f"prompt injection, {mode} ({model}): {len(outcomes)} attacks")
    print(f"{'case':40} {'split':8} {'skill':9} {'goal':15} {'where':9} {'reached':8} result")
    for o in outcomes:
        result = ("CHANGED: " + ", ".join(o.shown)) if o.changed else ("error: " + o.error[:60] if o.error else "held")
        if o.model_wrote and not o.changed:
            result += " (the model wrote " + ", ".join(o.model_wrote) + "; code kept it from the lead)"
        reached = "yes" if o.reached_model else "no"
        print(f"{o.id:40} {o.split:8} {o.skill:9} {o.goal:15} {o.where:9} {reached:8} {result}")
    for split in ("dev", "heldout", None):
        t = tally(outcomes, split)
        name = split or "all"
        print(
            f"{name}: {t.changed}/{t.attacks} attacks changed what the lead sees; the attack reached the model in "
            f"{t.reached_model}, the model wrote its effect in {t.model_wrote}; {t.errors} ended in an error"
        )
    for goal in GOALS:
        for where in ("document", "input"):
            chosen = [o for o in outcomes if o.goal == goal and o.where == where]
            if chosen:
                print(f"  {goal:15} {where:9} {sum(o.changed for o in chosen)}/{len(chosen)} changed")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["replay", "record", "live"], default="replay")
    parser.add_argument("--case", action="append", default=[], help="run only this case (repeatable)")
    parser.add_argument("--split", choices=["dev", "heldout"])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    args = parser.parse_args(argv)
    try:
        suite, knowledge = load_injection_suite(args.cases)
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    chosen = [
        c for c in suite.cases if (not args.case or c.id in args.case) and (not args.split or c.split == args.split)
    ]
    unknown = sorted(set(args.case) - {c.id for c in suite.cases})
    if unknown or not chosen:
        print(f"error: no case {', '.join(unknown) or 'matches'}", file=sys.stderr)
        return 2
    settings = load_settings()
    replaying = args.mode != "live"
    run_settings = settings.model_copy(update={"model": workspace.REPLAY_MODEL}) if replaying else settings
    recorder = workspace.record_model(settings) if args.mode == "record" else None
    env: AbstractContextManager[None] = (
        workspace.fake_provider_env(args.fixtures, recorder) if replaying else nullcontext()
    )
    outcomes: list[Outcome] = []
    with env, tempfile.TemporaryDirectory(prefix="coach-injection-") as tmp:
        for case in chosen:
            print(f"… {case.id}", file=sys.stderr, flush=True)
            outcomes.append(run_one(run_settings, suite, knowledge, case, Path(tmp), replaying=replaying))
    if args.mode == "record" and not args.case and not args.split:
        used = {key for o in outcomes for key in o.fixture_keys}
        if not any(FAKE_MISS_MARKER in o.error for o in outcomes):
            workspace.prune_fixtures(args.fixtures, used)
    if args.json:
        print(json.dumps([o.model_dump() for o in outcomes], indent=1, ensure_ascii=False))
    else:
        model = f"{run_settings.model}" + (f", recording from {recorder}" if recorder else "")
        _print(outcomes, args.mode, model)
    if any(FAKE_MISS_MARKER in o.error for o in outcomes):
        print("error: a reply is not recorded; record it with --mode record (docs/security.md)", file=sys.stderr)
        return 2
    return 1 if any(o.changed for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
