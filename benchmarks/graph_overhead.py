"""What the skill machinery costs per run: the parent graph, the skill's subgraph, checkpoints of its typed state and
the service's events, against the same code steps called directly, with a scripted model (no model time at all).

The baseline, measured in this run, is the feedback coach's own work without LangGraph: read the note, check the
draft and compose the result. Each run goes through the service on a fresh thread with the checkpointer named; the
figure that matters is the added milliseconds against a model call of 10-25 s on the embedded model.

    .venv/bin/python benchmarks/graph_overhead.py [--runs 30] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from assistant.skills.sbi import nodes
from assistant.skills.sbi.models import Recipient, SBIDraft, SBIRequest, SBIResult

NOTE = SBIRequest(
    raw="In yesterday's standup you interrupted Aisha twice, so she stopped sharing her update.",
    recipient=Recipient(name="Marcus", role="senior engineer"),
    relationship="peer",
)
DRAFT = json.dumps(
    {
        "situation": {"facts": [1], "text": "In yesterday's standup"},
        "behavior": {"facts": [2], "text": "you interrupted Aisha twice"},
        "impact": {"facts": [3], "text": "She stopped sharing her update"},
        "request": {"facts": [], "text": "Let each person finish their update before you reply."},
        "question": "How did you see it?",
    }
)


def direct() -> float:
    """The same steps the graph runs, called as functions: lint, the prompt, parse, check, compose."""
    start = time.perf_counter()
    analysis, original = nodes.lint(NOTE, {})
    nodes.draft_prompt(NOTE, analysis)
    draft = SBIDraft.model_validate_json(DRAFT)
    state: dict[str, Any] = {"request": NOTE, "analysis": analysis, "original_findings": original}
    best, findings = nodes.review(draft, state)
    nodes.finish_result({**state, "best": best, "best_findings": findings})  # type: ignore[typeddict-item]
    return time.perf_counter() - start


def through_service(service: CoachService, thread: str) -> float:
    start = time.perf_counter()
    out = last(service.run("sbi", NOTE, thread)).output_as(SBIResult)
    assert out.status == "ready"
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embedder="hash")
        llm = ScriptedLLM(lambda prompt: DRAFT)
        services = {
            "memory": CoachService(settings, llm=llm, retriever=None, checkpointer="memory"),
            "sqlite": CoachService(settings, llm=llm, retriever=None),
        }
        for name, service in services.items():  # warm: imports, graph compile, regex caches
            through_service(service, f"warm-{name}")
        direct()
        times: dict[str, list[float]] = {"direct": [], "memory": [], "sqlite": []}
        for i in range(args.runs):  # interleaved, so machine noise hits every path alike
            times["direct"].append(direct())
            for name, service in services.items():
                times[name].append(through_service(service, f"run-{name}-{i}"))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    figures = {
        "runs": args.runs,
        "median_ms": {k: round(v, 2) for k, v in medians.items()},
        "added_ms": {k: round(medians[k] - medians["direct"], 2) for k in ("memory", "sqlite")},
        "ratio_vs_direct": {k: round(medians[k] / medians["direct"], 2) for k in ("memory", "sqlite")},
    }
    print(json.dumps(figures, indent=2))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
