from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import KnowledgeError
from assistant.knowledge import KnowledgeBase
from assistant.knowledge.embeddings import Embedder, HashEmbedder, make_embedder


def test_hash_embedder_is_deterministic_normalised_and_lexical() -> None:
    embedder = HashEmbedder()
    vectors = embedder.embed(["escalate a SEV2 page", "escalating SEV2 pages", "quarterly tax filing", ""])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0)
    assert np.array_equal(vectors, HashEmbedder().embed(["escalate a SEV2 page", "escalating SEV2 pages",
                                                           "quarterly tax filing", ""]))  # fmt: skip
    assert vectors[0] @ vectors[1] > 0.5 > vectors[0] @ vectors[2]
    assert not vectors[3].any()  # nothing to hash: a zero vector, not NaN


def test_every_embedder_satisfies_the_protocol_and_unknown_names_fail() -> None:
    for name in ("minilm", "wordllama", "hash"):
        assert isinstance(make_embedder(name), Embedder)  # construction loads nothing
    with pytest.raises(KnowledgeError, match="unknown embedder"):
        make_embedder("bert")


def test_packaged_minilm_end_to_end(settings: Settings, tmp_path: Path) -> None:
    """The one test with the real model: loads offline, agrees with itself, and an index built with it (plus its
    WordLlama companion) answers a paraphrased question."""
    minilm = make_embedder("minilm")
    vectors = minilm.embed(["give feedback to a colleague", "tell a coworker how they did", "quarterly tax filing"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "feedback.md").write_text("# Feedback\n\n## Praise\n\nThank people in public, specifically.\n")
    (docs / "oncall.md").write_text("# On-call\n\n## Paging\n\nThe pager escalates after 15 minutes.\n")
    kb = KnowledgeBase(settings.model_copy(update={"embedder": "minilm"}))
    kb.ingest([docs])
    assert kb.stats().embedder == "minilm" and kb.store.companion is not None
    assert kb.search("how should I recognise good work?", k=1, mode="dense")[0].citation == "feedback.md#Praise"
    assert kb.search("when does an unanswered alert go to someone else?", k=1)[0].citation == "oncall.md#Paging"
