"""Ingest throughput against the embedder's raw throughput, and the time to re-ingest an unchanged base.

Claims checked (docs/benchmarks.md, "Retrieval"): ingest runs at >= 0.8 of the embedder's raw speed, and
re-ingesting the unchanged sample base takes <= 1 s.

    .venv/bin/python benchmarks/retrieval_ingest.py [--knowledge knowledge] [--embedder minilm] [--out FILE]

Everything runs in a temporary data directory, offline. "Raw" embeds the very texts the ingest embeds (title and
headings prepended) in the same slices of 64, with the model already loaded; it is measured before and after the
ingest and averaged, because other load on the machine drifts. The ingest is timed with the model preloaded too
(its load time is reported separately), and includes loading, chunking, hashing, the WordLlama companion (load and
vectors, for minilm) and the Chroma writes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.chunking import chunk_document
from assistant.knowledge.embeddings import Embedder, make_embedder
from assistant.knowledge.ingest import EMBED_SLICE
from assistant.knowledge.loaders import FORMATS, load_file


def chunk_texts(folder: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in FORMATS and not any(p.startswith(".") for p in path.parts):
            doc = load_file(path, path.relative_to(folder).as_posix()).document
            texts += [c.embed_text for c in chunk_document(doc)] if doc else []
    return texts


def raw_rate(embedder: Embedder, texts: list[str]) -> float:
    started = time.perf_counter()
    for start in range(0, len(texts), EMBED_SLICE):
        embedder.embed(texts[start : start + EMBED_SLICE])
    return len(texts) / (time.perf_counter() - started)


def cold_reingest(folder: Path, data_dir: Path, embedder: str) -> float:
    """Wall time of a fresh process doing what `coach ingest` does (Python start and chromadb import included)."""
    code = (
        "from pathlib import Path; from assistant.config import load_settings; "
        "from assistant.knowledge import KnowledgeBase; "
        f"KnowledgeBase(load_settings()).ingest([Path({str(folder)!r})])"
    )
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "COACH_EMBEDDER": embedder}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=Path(__file__).resolve().parents[1])
    return time.perf_counter() - started


def run(folder: Path, embedder_name: str) -> dict[str, Any]:
    texts = chunk_texts(folder)
    embedder = make_embedder(embedder_name)
    started = time.perf_counter()
    embedder.embed(["warm up"])
    load_s = time.perf_counter() - started
    raw_before = raw_rate(embedder, texts)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp), embedder=embedder_name)
        kb = KnowledgeBase(settings, embedder=embedder)
        report = kb.ingest([folder])
        raw_after = raw_rate(embedder, texts)
        again = KnowledgeBase(settings, embedder=embedder)
        started = time.perf_counter()
        unchanged = again.ingest([folder])
        reingest_s = time.perf_counter() - started
        cold_s = cold_reingest(folder, Path(tmp), embedder_name)
    raw = (raw_before + raw_after) / 2
    ingest_rate = report.chunks / report.seconds
    return {
        "embedder": embedder_name,
        "files": report.files,
        "chunks": report.chunks,
        "model_load_s": round(load_s, 3),
        "raw_emb_per_s": round(raw, 1),
        "raw_runs_emb_per_s": [round(raw_before, 1), round(raw_after, 1)],
        "ingest_s": report.seconds,
        "ingest_chunks_per_s": round(ingest_rate, 1),
        "ratio": round(ingest_rate / raw, 3),
        "ratio_with_model_load": round(report.chunks / (report.seconds + load_s) / raw, 3),
        "reingest_unchanged_s": round(reingest_s, 3),
        "reingest_unchanged_embedded": unchanged.chunks,
        "reingest_fresh_process_s": round(cold_s, 3),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--embedder", default="minilm", choices=["minilm", "wordllama", "hash"])
    parser.add_argument("--out", type=Path, help="write the JSON result here (default: stdout only)")
    args = parser.parse_args()
    result = run(args.knowledge.resolve(), args.embedder)
    rows = [
        ("files / chunks", f"{result['files']} / {result['chunks']}"),
        ("model load", f"{result['model_load_s']:.2f} s"),
        ("raw embedder", f"{result['raw_emb_per_s']:.1f} chunks/s {result['raw_runs_emb_per_s']}"),
        ("ingest", f"{result['ingest_chunks_per_s']:.1f} chunks/s ({result['ingest_s']:.1f} s)"),
        ("ingest / raw", f"{result['ratio']:.2f}  (target >= 0.8)"),
        ("ingest+load / raw", f"{result['ratio_with_model_load']:.2f}"),
        ("re-ingest unchanged", f"{result['reingest_unchanged_s']:.3f} s in process  (target <= 1 s)"),
        ("re-ingest, fresh process", f"{result['reingest_fresh_process_s']:.2f} s (Python start + imports)"),
        ("load average (1 min)", f"{result['load_avg_1m']}"),
    ]
    for name, value in rows:
        print(f"{name:<26} {value}")
    print(json.dumps(result))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
