"""What the gateway costs on top of raw llama.cpp, and how fast `coach --help` starts.

Both paths run in the same process on the same loaded ``Llama`` (the provider's own instance), with the same
prompt, greedy decoding and a fixed number of output tokens, alternating so machine noise hits both alike.
Reported as ratios against the baseline measured in this run, never as absolute pass/fail timings.

    .venv/bin/python benchmarks/llm_overhead.py [--runs 3] [--tokens 96] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from assistant.config import load_settings
from assistant.llm.gateway import LLMGateway
from assistant.prompts import Message, RenderedPrompt

MESSAGES = (
    Message(role="system", content="You are a coach for engineering tech leads."),
    Message(role="user", content="Write a detailed essay on how a new tech lead can run effective one-on-ones."),
)


def _raw_run(llm: Any, tokens: int) -> tuple[float, int]:
    start = time.perf_counter()
    out = llm.create_chat_completion(
        messages=[m.model_dump() for m in MESSAGES], max_tokens=tokens, temperature=0.0, seed=7
    )
    return time.perf_counter() - start, int(out["usage"]["completion_tokens"])


def _gateway_run(gateway: LLMGateway, tokens: int) -> tuple[float, int]:
    prompt = RenderedPrompt(id="bench", version=1, messages=MESSAGES)
    start = time.perf_counter()
    result = gateway.complete(prompt, max_tokens=tokens, temperature=0.0)
    return time.perf_counter() - start, result.completion_tokens


def _startup(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=96)
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    settings = load_settings(model="local/qwen2.5-coder-1.5b-instruct")
    gateway = LLMGateway(settings)
    gateway.complete(RenderedPrompt(id="warmup", version=1, messages=MESSAGES), max_tokens=4)  # load + warm
    handler = next(p["custom_handler"] for p in gateway._client().custom_provider_map if p["provider"] == "local")
    llm = handler._llm(settings.model)

    raw, via = [], []
    for _ in range(args.runs):
        seconds, count = _raw_run(llm, args.tokens)
        raw.append(count / seconds)
        seconds, count = _gateway_run(gateway, args.tokens)
        via.append(count / seconds)
    raw_tps, gateway_tps = statistics.median(raw), statistics.median(via)

    coach = str(Path(sys.executable).with_name("coach"))
    help_s = _startup([coach, "--help"], 5)
    python_s = _startup([sys.executable, "-c", "pass"], 5)
    figures = {
        "raw_llama_cpp_tokens_per_s": round(raw_tps, 2),
        "gateway_tokens_per_s": round(gateway_tps, 2),
        "gateway_slowdown_pct": round(100 * (1 - gateway_tps / raw_tps), 2),
        "coach_help_s": round(help_s, 3),
        "python_pass_s": round(python_s, 3),
        "coach_help_over_python_s": round(help_s - python_s, 3),
        "runs": args.runs,
        "tokens": args.tokens,
    }
    for key, value in figures.items():
        print(f"{key:30} {value}")
    print(f"target: gateway at most 5% slower -> {'met' if figures['gateway_slowdown_pct'] <= 5 else 'NOT met'}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
