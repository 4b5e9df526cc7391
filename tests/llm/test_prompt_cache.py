"""The embedded model's saved prompt states stay within the RAM budget the settings give them (prompt_cache_mb)."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
llama_cache = pytest.importorskip("llama_cpp.llama_cache")
llama = pytest.importorskip("llama_cpp.llama")

from assistant.llm.local import compact_cache  # noqa: E402

VOCAB = 151_936  # Qwen2.5's vocabulary: one row of logits is 0.6 MB


def _state(n_tokens: int, kv_bytes: int) -> object:
    return llama.LlamaState(
        input_ids=np.zeros(4096, dtype=np.intc),
        scores=np.zeros((min(n_tokens, 512), VOCAB), dtype=np.single),
        n_tokens=n_tokens,
        llama_state=b"\0" * kv_bytes,
        llama_state_size=kv_bytes,
        seed=7,
    )


def test_a_saved_state_keeps_one_row_of_logits_and_its_size_counts_everything() -> None:
    cache = compact_cache(1 << 30)
    cache[(1, 2, 3)] = _state(2000, 50 << 20)
    kept = cache[(1, 2, 3)]
    assert kept.scores.shape == (1, VOCAB)  # not the 512 rows (311 MB) llama-cpp-python copies
    assert cache.cache_size == (50 << 20) + VOCAB * 4 + 4096 * 4


def test_the_budget_evicts_by_what_is_really_held() -> None:
    cache = compact_cache(120 << 20)
    for first in range(3):
        cache[(first, 9, 9)] = _state(1000, 50 << 20)
    assert len(cache.cache_state) == 2  # three 50 MB states do not fit in 120 MB
    assert cache.cache_size <= 120 << 20
