"""End-to-end latency of one SBI request on the embedded model, split into its parts, and the prompt size.

Claim checked (docs/benchmarks.md, "SBI"): after trimming the prompt, generation dominates the model's time, even
in a fresh process where nothing of the prompt is cached.

    .venv/bin/python benchmarks/sbi_latency.py [--runs 5] [--out FILE]

Each run sends a different concrete note (no questions are asked) through the same ``CoachService`` the CLI uses,
with the sample knowledge base indexed privately (MiniLM, as shipped). Two modes: ``cold`` clears llama.cpp's cached
prompt before each request (what a one-off `coach sbi` pays); ``warm`` keeps it, so the static system prompt is
reused from the previous request (the UI and the eval). The split:

- retrieval: the lint node and the retrieve node (step events), including the query embedding;
- prompt evaluation and generation: llama.cpp's own counters, summed over the draft and any revise calls;
- sampling and other: the rest of the model calls (grammar-constrained sampling, building the JSON grammar, litellm);
- checking: the check nodes (the whole rule catalogue plus the fact check), plus composing the result.
"""

from __future__ import annotations

import argparse
import itertools
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
from assistant.skills.sbi.models import Recipient, SBIRequest, SBIResult
from benchmarks.common import bench_service, forget, loaded_llama, recording_gateway

NOTES = (
    ("In yesterday's incident call you restarted the ledger-service pods before the incident commander agreed, "
     "which reset the connection metrics we were using, so the investigation took longer.", "Ravi, senior engineer"),
    ("On Wednesday you merged PR #655 with one approval while Hannah's question was still open, and I spent the "
     "evening checking the replication lag.", "Jun, associate engineer"),
    ("In this morning's standup you said the fraud-scorer rollout was at half of traffic, and Lena repeated your "
     "number in her product update.", "Marcus, staff engineer"),
    ("On Monday you skipped the load test before the release and checkout latency doubled for an hour.",
     "Tomás, engineer"),
    ("In Tuesday's design review you presented the retry plan without the rollback section, so Lena could not sign "
     "off and we booked a second review.", "Aisha, engineer"),
)  # fmt: skip


def _perf(llm: Any) -> tuple[float, float, int, int]:
    import llama_cpp

    data = llama_cpp.llama_perf_context(llm.ctx)
    return data.t_p_eval_ms / 1000, data.t_eval_ms / 1000, data.n_p_eval, data.n_eval


def one_request(service: Any, llm: Any, index: int, *, cold: bool) -> dict[str, float]:
    import llama_cpp

    from assistant.service import ResultEvent, StepEvent

    raw, to = NOTES[index % len(NOTES)]
    request = SBIRequest(raw=raw, recipient=Recipient.parse(to))
    if cold:
        forget(llm)  # the cached prompt tokens and saved states: the next call evaluates the whole prompt
    llama_cpp.llama_perf_context_reset(llm.ctx)
    service.llm.calls = []
    marks: list[tuple[str, float]] = []
    start = time.perf_counter()
    result = None
    for event in service.run("sbi", request, f"bench-{time.time_ns()}"):
        if isinstance(event, StepEvent):
            marks.append((event.node, time.perf_counter()))
        elif isinstance(event, ResultEvent) and not event.waiting:
            result = event.output_as(SBIResult)
    total = time.perf_counter() - start
    p_eval, gen, n_prompt, n_gen = _perf(llm)
    first_draft = next(t for node, t in marks if node == "draft")
    model_spans = _model_spans(marks)
    return {
        "total_s": total,
        "retrieval_s": first_draft - start,
        "prompt_eval_s": p_eval,
        "generation_s": gen,
        # Inside the model calls but outside llama.cpp's decode counters: grammar-constrained sampling, the JSON
        # grammar built from the schema, litellm and validation.
        "sampling_other_s": max(model_spans - p_eval - gen, 0.0),
        "checking_s": max(total - (first_draft - start) - model_spans, 0.0),
        "prompt_tokens_evaluated": n_prompt,
        "generated_tokens": n_gen,
        "prompt_tokens": float(service.llm.calls[0] if service.llm.calls else 0),
        "revisions": float(result.revisions if result else -1),
    }


def _model_spans(marks: list[tuple[str, float]]) -> float:
    """Time inside draft/revise nodes (each lasts until the next step event)."""
    spans = 0.0
    for (node, t), (_, after) in itertools.pairwise(marks):
        if node in {"draft", "revise"}:
            spans += after - t
    return spans


def _service(settings: Any) -> Any:
    return bench_service(settings, recording_gateway(settings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="sbi-bench-"))
    settings = load_settings(data_dir=data_dir)
    service = _service(settings)
    warmup = one_request(service, loaded_llama(service), 0, cold=True)  # loads the model and the embedder
    llm = loaded_llama(service)
    results: dict[str, Any] = {"load_avg_1m": os.getloadavg()[0], "warmup_s": warmup["total_s"]}
    results["model"] = settings.model
    for mode in ("cold", "warm"):
        runs = [one_request(service, llm, i + 1, cold=mode == "cold") for i in range(args.runs)]
        results[mode] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        results[mode + "_runs"] = runs
    results["load_avg_1m_end"] = os.getloadavg()[0]
    _print(results)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _print(results: dict[str, Any]) -> None:
    keys = ("total_s", "retrieval_s", "prompt_eval_s", "generation_s", "sampling_other_s", "checking_s",
            "prompt_tokens", "prompt_tokens_evaluated", "generated_tokens", "revisions")  # fmt: skip
    print(f"model {results['model']}; load average {results['load_avg_1m']:.1f} -> {results['load_avg_1m_end']:.1f}")
    print(f"{'p50 of runs':<26}{'cold':>10}{'warm':>10}")
    for key in keys:
        print(f"{key:<26}{results['cold'][key]:>10.2f}{results['warm'][key]:>10.2f}")


if __name__ == "__main__":
    main()
