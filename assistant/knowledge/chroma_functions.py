"""Chroma embedding functions wrapping our embedders, registered under our own names.

The index always passes vectors it computed itself, so these are not on the ingest or query path. They exist so the
collection's stored configuration names *our* embedder: a reopened collection (by us, by a teammate's Chroma client
or by the Chroma server) rebuilds one of these, or fails with "embedding function not found", and never falls back
to chromadb's default, which downloads a model.
"""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.errors import KnowledgeError
from assistant.knowledge.embeddings import Embedder, make_embedder

CHROMA_NAMES = {"minilm": "coach_minilm_int8", "wordllama": "coach_wordllama_256", "hash": "coach_hash"}


class _CoachFunction(EmbeddingFunction[Documents]):
    embedder_name = ""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        if self._embedder is None:
            self._embedder = make_embedder(self.embedder_name)
        return list(self._embedder.embed(list(input)))

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self.embedder_name}

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]


@register_embedding_function
class MiniLMFunction(_CoachFunction):
    embedder_name = "minilm"

    @staticmethod
    def name() -> str:
        return CHROMA_NAMES["minilm"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMFunction:
        return MiniLMFunction()


@register_embedding_function
class WordLlamaFunction(_CoachFunction):
    embedder_name = "wordllama"

    @staticmethod
    def name() -> str:
        return CHROMA_NAMES["wordllama"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> WordLlamaFunction:
        return WordLlamaFunction()


@register_embedding_function
class HashFunction(_CoachFunction):
    embedder_name = "hash"

    @staticmethod
    def name() -> str:
        return CHROMA_NAMES["hash"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> HashFunction:
        return HashFunction()


@register_embedding_function
class ExternalFunction(_CoachFunction):
    """For an embedder supplied by code (tests, benchmarks): Chroma cannot rebuild it, so it refuses to embed."""

    @staticmethod
    def name() -> str:
        return "coach_external"

    def __call__(self, input: Documents) -> Embeddings:
        if self._embedder is None:
            raise KnowledgeError(
                "this collection was built by an embedder supplied in code",
                hint="open it with the same embedder, or run `coach ingest --reindex`",
            )
        return list(self._embedder.embed(list(input)))

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ExternalFunction:
        return ExternalFunction()


def function_for(embedder: Embedder) -> _CoachFunction:
    classes: dict[str, type[_CoachFunction]] = {
        "minilm": MiniLMFunction,
        "wordllama": WordLlamaFunction,
        "hash": HashFunction,
    }
    return classes.get(embedder.name, ExternalFunction)(embedder)
