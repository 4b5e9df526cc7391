"""What the app costs before any model time: each page's script run (AppTest, warm, fake model, the sample
knowledge indexed with the hash embedder) against a one-line Streamlit page measured in the same run, and the chat
sidebar's list of earlier conversations as the checkpointer fills (it runs on every rerun of the chat page).

    .venv/bin/python benchmarks/ui_pages.py [--runs 5] [--threads 200] [--out FILE]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ["home", "chat", "sbi", "rehearse", "status", "adr", "knowledge", "evals", "settings"]
STEPS = '{"steps": ["Ask how they like to work."]}'


def _median_ms(run: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def page_times(runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    baseline = ROOT / "benchmarks" / "results" / "_baseline_page.py"
    baseline.write_text("import streamlit as st\nst.title('Baseline')\n", encoding="utf-8")

    def base() -> None:  # two script runs, as a page is: the app's default page, then the switch
        AppTest.from_file(str(baseline), default_timeout=60).run().run()

    try:
        base()  # warm, like the pages
        out = {"baseline": _median_ms(base, runs)}
    finally:
        baseline.unlink()
    app = str(ROOT / "ui" / "app.py")
    for page in PAGES:

        def render(page: str = page) -> None:
            at = AppTest.from_file(app, default_timeout=60).run()
            if page != "home":
                at.switch_page(f"views/{page}.py").run()
            assert not at.exception, at.exception

        render()  # warm: imports, the cached service, Chroma opened
        out[page] = _median_ms(render, runs)
    return out


def _every_checkpoint(service: object) -> None:
    """The first version of the list: the saver's ``list()`` over every checkpoint of every thread."""
    for _ in service.graph.checkpointer.list(None):  # type: ignore[attr-defined]
        pass


def thread_list_times(counts: list[int]) -> dict[str, dict[str, float]]:
    from assistant.config import load_settings
    from assistant.llm.scripted import ScriptedLLM
    from assistant.service import CoachService, last

    out: dict[str, dict[str, float]] = {}
    made = 0
    service = CoachService(load_settings(), llm=ScriptedLLM(lambda p: STEPS), retriever=None)  # SQLite, as the app
    for count in counts:
        while made < count:
            for turn in range(3):
                last(service.run("chat", {"message": f"Question {turn} of conversation {made}?"}, f"t{made:04d}"))
            made += 1
        out[str(count)] = {
            "listed_ms": _median_ms(lambda: service.threads("chat", limit=10), 3),
            "every_checkpoint_ms": _median_ms(lambda: _every_checkpoint(service), 3),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=200, help="conversations in the checkpointer at the end")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"COACH_DATA_DIR": tmp, "COACH_EMBEDDER": "hash", "COACH_MODEL": "fake/coach"}
        os.environ.update(env | {"COACH_CONFIG": str(Path(tmp) / "none.toml"), "LITELLM_LOCAL_MODEL_COST_MAP": "True"})
        from assistant.config import load_settings
        from assistant.knowledge import KnowledgeBase

        KnowledgeBase(load_settings()).ingest([ROOT / "knowledge"])
        pages = page_times(args.runs)
        counts = [c for c in (0, 10, 50, args.threads) if c <= args.threads]
        threads = thread_list_times(sorted(set(counts)))
    base = pages["baseline"]
    report = {
        "page_ms": pages,
        "page_ratio": {k: round(v / base, 1) for k, v in pages.items() if k != "baseline"},
        "thread_list_ms": threads,
    }
    text = json.dumps(report, indent=2)
    sys.stdout.write(text + "\n")
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
