"""Query latency of lexical, dense and hybrid search at 1k, 10k and 100k chunks.

Claim checked (docs/benchmarks.md, "Retrieval"): hybrid p95 <= 50 ms at 10k chunks, query embedding excluded.

    .venv/bin/python benchmarks/retrieval_query.py [--sizes 1000,10000,100000] [--queries 50] [--out FILE]

The corpus is synthetic: chunks of 80-160 words drawn (Zipf-like) from the sample base's vocabulary, spread over
files of 10 chunks, five doc types. Its vectors are random unit vectors (384-d main, 256-d companion, as with
MiniLM + WordLlama) written straight into Chroma, because embedding 100k chunks would take over an hour here.
Random vectors are a hard case for HNSW (no clusters), so dense latencies are if anything pessimistic. Query
vectors are precomputed, so the timings exclude query embedding; the real embedders' query cost is measured
separately. "build" is the first search after opening: reading every chunk from Chroma and building BM25.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import load_settings
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.embeddings import Vectors, make_embedder
from assistant.knowledge.store import ChunkStore

MODES: tuple[Literal["lexical", "dense", "hybrid"], ...] = ("lexical", "dense", "hybrid")
_BATCH = 5000


class Precomputed:
    """An embedder that returns a vector chosen in advance: search timings then exclude query embedding."""

    def __init__(self, name: str, dim: int, seed: int) -> None:
        self.name, self.dim = name, dim
        self._rng = np.random.default_rng(seed)
        self.next: Vectors = self.random(1)

    def random(self, n: int) -> Vectors:
        rows = self._rng.standard_normal((n, self.dim)).astype(np.float32)
        normalised: Vectors = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return normalised

    def embed(self, texts: Sequence[str]) -> Vectors:
        return np.repeat(self.next, len(texts), axis=0)


def vocabulary(folder: Path) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z-]{2,}", " ".join(p.read_text() for p in folder.rglob("*.md")))
    return sorted(set(w.lower() for w in words))


def fill(store: ChunkStore, main: Precomputed, companion: Precomputed, size: int, vocab: list[str]) -> None:
    rng = np.random.default_rng(size)
    weights = 1.0 / np.arange(1, len(vocab) + 1)  # Zipf-like: a few words are common, most are rare
    weights /= weights.sum()
    types = ["adr", "status", "handbook", "process", "guide"]
    for start in range(0, size, _BATCH):
        n = min(_BATCH, size - start)
        ids = [f"f{(start + i) // 10}:{(start + i) % 10}" for i in range(n)]
        texts = [" ".join(rng.choice(vocab, size=int(rng.integers(80, 160)), p=weights)) for _ in range(n)]
        metas: Any = [_meta(start + i, types) for i in range(n)]
        slim: Any = [{k: m[k] for k in ("path", "root", "file_key", "doc_type")} for m in metas]
        store.collection.add(ids=ids, embeddings=main.random(n), documents=texts, metadatas=metas)
        assert store._companion is not None
        store._companion.add(ids=ids, embeddings=companion.random(n), metadatas=slim)
    store.record_ingest(changed=True, roots=["/bench"])


def _meta(i: int, types: list[str]) -> dict[str, str | int]:
    return {
        "path": f"docs/file{i // 10}.md", "root": "/bench", "file_key": f"f{i // 10}", "file_hash": "x",
        "title": f"File {i // 10}", "doc_type": types[(i // 10) % len(types)],
        "heading_path": json.dumps([f"File {i // 10}", f"Section {i % 10}"]),
        "line_start": 1 + (i % 10) * 5, "line_end": 5 + (i % 10) * 5, "content_hash": f"h{i}", "chunk_index": i % 10,
    }  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def measure(size: int, queries: int, vocab: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp))
        main, companion = Precomputed("bench", 384, 1), Precomputed("wordllama", 256, 2)
        writer = ChunkStore(settings)
        writer.companion = companion
        writer.open(main, create=True, companion="wordllama")
        started = time.perf_counter()
        fill(writer, main, companion, size, vocab)
        insert_s = time.perf_counter() - started
        kb = KnowledgeBase(settings, embedder=main)  # a fresh reader, as a new `coach search` process would be
        kb.store.companion = companion
        rng = np.random.default_rng(7)
        questions = [" ".join(rng.choice(vocab, size=int(rng.integers(4, 9)))) for _ in range(queries)]
        started = time.perf_counter()
        kb.search(questions[0], k=5)
        build_s = time.perf_counter() - started
        result: dict[str, Any] = {"chunks": size, "insert_s": round(insert_s, 1), "build_s": round(build_s, 2)}
        for mode in MODES:
            timings = []
            for question in questions[:3] + questions:  # three warm-up queries
                main.next, companion.next = main.random(1), companion.random(1)
                started = time.perf_counter()
                kb.search(question, k=5, mode=mode)
                timings.append((time.perf_counter() - started) * 1000)
            timings = timings[3:]
            result[mode] = {"p50_ms": round(percentile(timings, 50), 2), "p95_ms": round(percentile(timings, 95), 2)}
        return result


def query_embedding_ms() -> dict[str, float]:
    """The part the table above leaves out: embedding one question with the real models."""
    out: dict[str, float] = {}
    for name in ("minilm", "wordllama"):
        embedder = make_embedder(name)
        embedder.embed(["warm up"])
        timings = []
        for question in ["How long do we wait before escalating a SEV2 page?"] * 20:
            started = time.perf_counter()
            embedder.embed([question])
            timings.append((time.perf_counter() - started) * 1000)
        out[f"{name}_p50_ms"] = round(statistics.median(timings), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--out", type=Path, help="write the JSON result here (default: stdout only)")
    args = parser.parse_args()
    vocab = vocabulary(Path(__file__).resolve().parents[1] / "knowledge")
    rows = [measure(int(size), args.queries, vocab) for size in args.sizes.split(",")]
    embedding = query_embedding_ms()
    print(f"{'chunks':>8} {'insert s':>9} {'build s':>8}  " + "  ".join(f"{m + ' p50/p95 ms':>22}" for m in MODES))
    for row in rows:
        cells = "  ".join(f"{row[m]['p50_ms']:>10.1f} / {row[m]['p95_ms']:>7.1f}  " for m in MODES)
        print(f"{row['chunks']:>8} {row['insert_s']:>9.1f} {row['build_s']:>8.2f}  {cells}")
    minilm, wordllama = embedding["minilm_p50_ms"], embedding["wordllama_p50_ms"]
    print(f"query embedding (p50): MiniLM {minilm} ms, WordLlama {wordllama} ms")
    result = {"sizes": rows, "query_embedding": embedding, "load_avg_1m": round(os.getloadavg()[0], 2)}
    print(json.dumps(result))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
