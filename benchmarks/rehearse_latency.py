"""Rehearsal turn latency on the embedded model: turn 1 against turn 10 of one conversation.

Claim checked (docs/benchmarks.md, "Rehearsal"): the counterpart's prompt keeps a stable prefix (system text, worked
examples, scene, then the growing script; the mood last), so llama.cpp reuses it and turn 10 costs at most 1.3x turn
1 even though its script is ten exchanges longer. The baselines, measured in the same run: turn 1 itself (the ratio
turn 10 / turn 1), and turn 10's counterpart prompt answered again after forgetting every cached prompt state (what
the prefix reuse saves).

    .venv/bin/python benchmarks/rehearse_latency.py [--out FILE]

The lead's ten lines are fixed (below); a turn is one ``resume`` through the ``CoachService`` the CLI uses: the turn
reader (rules, the model for a line no rule reads), the counterpart's reply (regenerated once when the guard rejects
it), and the checkpoint. Per turn the model calls and their summed latency are reported apart, so a retry shows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from benchmarks.common import forget, loaded_llama, recording_gateway

SCENARIO = "missed-deadlines"
LINES = (
    "Hi Tomás, thanks for making time. I wanted to talk about the last two sprints. How have they felt for you?",
    "That sounds like a lot at once. What got in the way on the fallback alert?",
    "On 30 October you committed to the alert and it merged on 6 November. How did that week look from your side?",
    "Thanks for telling me that. I didn't know.",
    "What would make it easier to say early that a date is at risk?",
    "I hear you. Is there anything about how we plan sprints that makes it harder?",
    "What would help you most over the next two weeks?",
    "That makes sense. Could we move the timeout fallback to Marcus and give you the smaller tickets for now?",
    "How does that sound to you?",
    "Let's agree you post in the channel when a date looks shaky, and we check in next Thursday.",
)


def main() -> None:
    from assistant.graph import checkpoint
    from assistant.service import CoachService, last
    from assistant.skills.rehearse.counterpart import MAX_TOKENS, Reply
    from assistant.skills.rehearse.skill import SKILL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = load_settings(data_dir=Path(tempfile.mkdtemp(prefix="rehearse-bench-")))
    gateway = recording_gateway(settings)
    service = CoachService(
        settings, llm=gateway, retriever=None, checkpointer=checkpoint.memory_checkpointer([SKILL.state])
    )
    started = time.perf_counter()
    llama = loaded_llama(service)  # loads the model: not part of any turn
    results: dict[str, Any] = {"model": settings.model, "load_avg_1m": os.getloadavg()[0]}
    results["load_s"] = time.perf_counter() - started
    event = last(service.run("rehearse", {"scenario": SCENARIO}))
    # The scene opening starts reading the counterpart's static prefix in the background (counterpart.warm_up), while
    # a lead reads the prep sheet; wait for it, as a lead typing their first line would.
    start = time.perf_counter()
    for thread in threading.enumerate():
        if thread.name == "rehearse-warm-up":
            thread.join()
    results["warm_up_wait_s"] = time.perf_counter() - start
    turns = []
    for number, line in enumerate(LINES, 1):
        calls_before = len(gateway.prompts)
        start = time.perf_counter()
        event = last(service.resume(event.thread_id, {"turn": line}))
        took = time.perf_counter() - start
        prompts = gateway.prompts[calls_before:]
        turns.append({"turn": number, "total_s": took, "model_calls": len(prompts),
                      "counterpart_calls": sum(p.id == "rehearse/counterpart" for p in prompts),
                      "prompt_tokens": gateway.calls[-1] if gateway.calls else 0})  # fmt: skip
        print(f"turn {number:>2}: {took:5.1f} s, {len(prompts)} model call(s)", flush=True)
    # The baselines for the prefix reuse: turn 1's and turn 10's counterpart prompts answered again with every cached
    # state forgotten (cold), and turn 10's answered warm.
    prompts = [p for p in gateway.prompts if p.id == "rehearse/counterpart"]
    first_prompt, last_prompt = prompts[1], prompts[-1]  # prompts[0] is the warm-up's
    start = time.perf_counter()
    gateway.structured(last_prompt, Reply, max_tokens=MAX_TOKENS)
    warm = time.perf_counter() - start
    forget(llama)
    start = time.perf_counter()
    gateway.structured(last_prompt, Reply, max_tokens=MAX_TOKENS)
    cold = time.perf_counter() - start
    forget(llama)
    start = time.perf_counter()
    gateway.structured(first_prompt, Reply, max_tokens=MAX_TOKENS)
    results["turn1_prompt_cold_s"] = time.perf_counter() - start
    first, tenth = turns[0], turns[-1]
    per_call = [t["total_s"] / t["model_calls"] for t in turns if t["model_calls"]]
    results |= {
        "turns": turns,
        "turn1_s": first["total_s"], "turn10_s": tenth["total_s"],
        "turn10_over_turn1": tenth["total_s"] / first["total_s"],
        "turn1_per_call_s": per_call[0], "turn10_per_call_s": per_call[-1],
        "turn10_over_turn1_per_call": per_call[-1] / per_call[0],
        "turn10_prompt_warm_s": warm, "turn10_prompt_cold_s": cold,
        "load_avg_1m_end": os.getloadavg()[0],
    }  # fmt: skip
    print(f"turn 1 {first['total_s']:.1f} s ({first['model_calls']} calls); turn 10 {tenth['total_s']:.1f} s "
          f"({tenth['model_calls']} calls): ratio {results['turn10_over_turn1']:.2f} (target <= 1.3); per model call "
          f"{results['turn10_over_turn1_per_call']:.2f}")  # fmt: skip
    print(f"turn 10's counterpart prompt: warm {warm:.1f} s, with every cached state forgotten {cold:.1f} s")
    cold_first, waited = results["turn1_prompt_cold_s"], results["warm_up_wait_s"]
    print(
        f"turn 1's counterpart prompt, every cached state forgotten (no warm-up): {cold_first:.1f} s; "
        f"waited {waited:.1f} s for the warm-up before turn 1"
    )
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
