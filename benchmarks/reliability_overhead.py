"""What issue 15's safety nets cost per request, against the same request without them, measured in this run:

- keeping the request on disk until its answer is in (assistant/drafts.py): a chat run through the service with a
  scripted model, with and without the drafts store;
- pseudonymising a note before a hosted model and restoring the reply (assistant/privacy): masking and restoring a
  long pasted note, against rendering the prompt that carries it;
- the owner-only walk over the data directory (assistant/user_data.secure) after an ingest, against the ingest.

The figures that matter are the added milliseconds next to a model call of 10-50 s on the embedded model.

    .venv/bin/python benchmarks/reliability_overhead.py [--runs 20] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOTE = (
    "tomas missed the payouts cutoff again on tuesday, ravi had to stay late to cover and Aisha's review waited. "
    "emailed tomas.herrera@harbor.io, cc dmitri. call me on +44 7700 900123 if it slips. "
) * 20


def timed(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm up: imports, caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def drafts_cost(runs: int) -> dict[str, float]:
    from assistant.config import Settings
    from assistant.llm.scripted import ScriptedLLM
    from assistant.service import CoachService, last

    reply = json.dumps({"steps": ["Name the outcome you need, then hand over one part."]})
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embedder="hash")
        service = CoachService(settings, llm=ScriptedLLM(lambda prompt: reply), retriever=None, checkpointer="memory")
        count = iter(range(10**6))

        def one() -> None:
            last(service.run("chat", {"message": "How do I delegate the release?"}, f"t{next(count)}"))

        with_drafts = timed(one, runs)
        saved = type(service.drafts).save, type(service.drafts).clear
        type(service.drafts).save = lambda *a, **k: None  # type: ignore[method-assign]
        type(service.drafts).clear = lambda *a, **k: None  # type: ignore[method-assign]
        try:
            without = timed(one, runs)
        finally:
            type(service.drafts).save, type(service.drafts).clear = saved  # type: ignore[method-assign]
    return {"run_ms": without * 1000, "run_with_drafts_ms": with_drafts * 1000, "ratio": with_drafts / without}


def privacy_cost(runs: int) -> dict[str, float]:
    """One call to a hosted model through the gateway (litellm's mock reply, so no network and no model time), with
    privacy on and off: the difference is masking the note and restoring the reply."""
    from assistant.config import Settings
    from assistant.llm.gateway import LLMGateway
    from assistant.prompts import load_prompt

    prompt = load_prompt("json_repair").render(error=NOTE)
    reply = "Ask Person_1 what got in the way on Tuesday, and thank Person_2 for covering. " * 5
    figures: dict[str, float] = {"chars": float(len(NOTE))}
    roster = ["Tomás Herrera", "Ravi Menon", "Aisha Bello", "Dmitri Volkov"]
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("off", "on"):
            settings = Settings(
                data_dir=Path(tmp), model="openai/gpt-bench", api_key="sk-bench", privacy=mode, privacy_roster=roster
            )
            call = partial(LLMGateway(settings).complete, prompt, mock_response=reply)
            figures[f"call_privacy_{mode}_ms"] = timed(call, runs) * 1000
    figures["ratio"] = figures["call_privacy_on_ms"] / figures["call_privacy_off_ms"]
    return figures


def secure_cost(runs: int) -> dict[str, float]:
    from assistant.config import Settings
    from assistant.knowledge import KnowledgeBase
    from assistant.user_data import secure

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embedder="hash", knowledge_dir=ROOT / "knowledge")
        start = time.perf_counter()
        KnowledgeBase(settings).ingest()
        ingest = time.perf_counter() - start
        walk = timed(lambda: secure(settings.data_dir), runs)
        files = sum(1 for _ in settings.data_dir.rglob("*"))
    return {"files": files, "ingest_ms": ingest * 1000, "secure_ms": walk * 1000, "ratio": walk / ingest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results = {"drafts": drafts_cost(args.runs), "privacy": privacy_cost(args.runs), "secure": secure_cost(args.runs)}
    for name, figures in results.items():
        shown = ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
        print(f"{name:8} {shown}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
