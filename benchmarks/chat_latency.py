"""End-to-end latency of one coaching-chat answer on the embedded model, split into its parts.

Claim checked (docs/benchmarks.md, "Chat"): the example question of issue 11 ("My report missed two deadlines. How do
I raise it in our 1:1?") is answered in under 20 s, and the model's share dominates; code's reading, retrieval and the
guidance pick add little. The baseline, measured in the same run, is the model alone answering the same prompt: the
ratio total / model-only is the cost of everything around the model.

    .venv/bin/python benchmarks/chat_latency.py [--runs 5] [--out FILE]

Each run asks a different question through the same ``CoachService`` the CLI and the UI use, with the sample
knowledge base indexed privately (MiniLM, as shipped). ``cold`` clears llama.cpp's cached prompt first (a one-off
`coach ask`, after the model is loaded); ``warm`` keeps it, so the static system text and examples are reused (the
chat page, the second question of `coach chat`). Model loading is reported apart, as ``warmup_s``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from benchmarks.common import bench_service, forget, loaded_llama, recording_gateway

QUESTIONS = (
    "My report missed two deadlines. How do I raise it in our 1:1?",
    "One of my engineers keeps pushing to main on Fridays. how do i bring it up without a lecture",
    "my manager moved our launch up two weeks without asking the team. how do I push back?",
    "The data team changed their export format again and broke our nightly job, how do I raise it with them?",
    "What should I cover in a first one-on-one with a new hire?",
    "Is it OK to hire a contractor for a three-month gig?",
)


def one_question(service: Any, llm: Any, question: str, *, cold: bool) -> dict[str, float]:
    from assistant.llm.gateway import LLMGateway
    from assistant.service import ResultEvent, StepEvent, TokenEvent
    from assistant.skills.chat.models import ChatOutput, ChatSteps
    from assistant.skills.chat.nodes import MAX_TOKENS

    if cold:
        forget(llm)
    marks: dict[str, float] = {}
    start = time.perf_counter()
    first_token = None
    output = None
    for event in service.run("chat", {"message": question}, f"bench-{time.time_ns()}"):
        if isinstance(event, StepEvent):
            marks.setdefault(event.node, time.perf_counter())
        elif isinstance(event, TokenEvent) and first_token is None:
            first_token = time.perf_counter()
        elif isinstance(event, ResultEvent):
            output = event.output_as(ChatOutput)
    total = time.perf_counter() - start
    assert output is not None
    # The baseline: the model alone on the exact prompt the chat sent (same cache state as the chat call had).
    prompt = service.llm.prompts[-1]
    if cold:
        forget(llm)
    base_start = time.perf_counter()
    LLMGateway.structured(service.llm, prompt, ChatSteps, max_tokens=MAX_TOKENS, temperature=0.2)
    model_only = time.perf_counter() - base_start
    return {
        "total_s": total,
        "first_text_s": (first_token or start) - start,
        "before_model_s": marks.get("chat_answer", start) - start,
        "model_only_s": model_only,
        "total_over_model_only": total / model_only if model_only else 0.0,
        "words": float(len(output.answer.split())),
        "steps": float(len(output.steps)),
    }


def _service(settings: Any) -> Any:
    return bench_service(settings, recording_gateway(settings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=len(QUESTIONS))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = load_settings(data_dir=Path(tempfile.mkdtemp(prefix="chat-bench-")))
    service = _service(settings)
    started = time.perf_counter()
    service.complete("chat", {"message": "How do I start a retro?"})  # loads the model and the embedder
    results: dict[str, Any] = {"model": settings.model, "load_avg_1m": os.getloadavg()[0]}
    results["warmup_s"] = time.perf_counter() - started
    llm = loaded_llama(service)
    chosen = [QUESTIONS[i % len(QUESTIONS)] for i in range(args.runs)]
    for mode in ("cold", "warm"):
        runs = [one_question(service, llm, q, cold=mode == "cold") for q in chosen]
        results[mode] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        results[mode + "_p95_total_s"] = sorted(r["total_s"] for r in runs)[max(0, round(0.95 * len(runs)) - 1)]
        results[mode + "_example_total_s"] = runs[0]["total_s"]
        results[mode + "_runs"] = runs
    results["load_avg_1m_end"] = os.getloadavg()[0]
    _print(results)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _print(results: dict[str, Any]) -> None:
    print(f"model {results['model']}; load average {results['load_avg_1m']:.1f} -> {results['load_avg_1m_end']:.1f}")
    print(f"warm-up (model and embedder load, first answer) {results['warmup_s']:.1f} s")
    print(f"{'p50 of runs':<26}{'cold':>10}{'warm':>10}")
    for key in results["cold"]:
        print(f"{key:<26}{results['cold'][key]:>10.2f}{results['warm'][key]:>10.2f}")
    for mode in ("cold", "warm"):
        print(f"{mode}: p95 total {results[mode + '_p95_total_s']:.1f} s; "
              f"the example question {results[mode + '_example_total_s']:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
