"""The team's documents: ingest them into a local (or server) Chroma index and search them with citations.

This package is the only importer of chromadb. Importing it stays cheap (no chromadb, numpy or models): the CLI
must start fast, so the heavy modules load inside the methods that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.knowledge.models import (
    Hit,
    IndexedDocument,
    IngestProgress,
    IngestReport,
    KnowledgeStats,
    SkippedFile,
)

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.knowledge.embeddings import Embedder
    from assistant.knowledge.search import Searcher
    from assistant.knowledge.store import ChunkStore

__all__ = ["Hit", "IndexedDocument", "IngestProgress", "IngestReport", "KnowledgeBase", "KnowledgeStats", "SkippedFile"]

DEFAULT_COLLECTION = "coach_knowledge"


class KnowledgeBase:
    """Facade over loaders, chunking, embeddings, the Chroma store and hybrid search.

    ``embedder`` overrides ``settings.embedder`` (tests, benchmarks); ``collection`` lets the retrieval eval keep
    its own index beside the user's.
    """

    def __init__(
        self, settings: Settings, *, embedder: Embedder | None = None, collection: str = DEFAULT_COLLECTION
    ) -> None:
        self._settings = settings
        self._embedder = embedder
        self._collection = collection
        self._store: ChunkStore | None = None
        self._searcher: Searcher | None = None
        self._passages: tuple[tuple[str, int, int], list[str]] | None = None  # (index version, texts)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from assistant.knowledge.embeddings import make_embedder

            self._embedder = make_embedder(self._settings.embedder, self._settings)
        return self._embedder

    @property
    def store(self) -> ChunkStore:
        if self._store is None:
            from assistant.knowledge.store import ChunkStore

            self._store = ChunkStore(self._settings, self._collection)
        return self._store

    def ingest(
        self,
        paths: Sequence[Path] = (),
        *,
        reindex: bool = False,
        progress: Callable[[IngestProgress], None] | None = None,
    ) -> IngestReport:
        """Index new and changed files under ``paths`` (default: ``settings.knowledge_dir``); drop deleted ones."""
        from assistant.knowledge.ingest import run_ingest
        from assistant.knowledge.locking import writing

        targets = list(paths) or [self._settings.knowledge_dir]
        # MiniLM indexes get WordLlama vectors beside them, a third ranking for hybrid search (see search.py).
        companion = "wordllama" if self.embedder.name == "minilm" else None
        from assistant.user_data import secure

        with writing(self._settings):
            report = run_ingest(
                self.store, self.embedder, targets, reindex=reindex, progress=progress, companion=companion
            )
        secure(self._settings.data_dir)  # Chroma sets its files' modes itself (0644 seen): owner-only again
        return report

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        mode: Literal["hybrid", "dense", "lexical"] = "hybrid",
        doc_types: Sequence[str] | None = None,
        path_glob: str | None = None,
    ) -> list[Hit]:
        """Best ``k`` chunks for ``query``; an empty list when nothing is indexed or nothing matches the filters."""
        if self._searcher is None:
            from assistant.knowledge.search import Searcher

            self._searcher = Searcher(self.store, lambda: self.embedder)
        return self._searcher.search(query, k=k, mode=mode, doc_types=doc_types, path_glob=path_glob)

    def passages(self) -> Sequence[str]:
        """Every indexed passage's text, read once and the same list until the index changes (no embedder is loaded
        for it). The output screen checks replies against it, so a document a run did not retrieve is not passed on
        (assistant/safety/leaks.py)."""
        info = self.store.info()
        if info is None or not info.count:
            return ()
        version = (info.collection_id, info.generation, info.count)
        if self._passages is None or self._passages[0] != version:
            self._passages = (version, self.store.all_texts())
        return self._passages[1]

    def similarity(self, query: str, texts: Sequence[str]) -> list[float]:
        """Cosine similarity of ``query`` to each of ``texts`` with the index's embedder: how a skill ranks sentences
        inside the chunks it retrieved, where sharing words is not enough ("quiet" and "get space")."""
        if not texts:
            return []
        vectors = self.embedder.embed([query, *texts])
        return [float(score) for score in vectors[1:] @ vectors[0]]

    def stats(self) -> KnowledgeStats:
        """Counts and provenance of the index. Works even when the configured embedder does not match it."""
        info = self.store.info()
        if info is None:
            return KnowledgeStats(
                files=0, chunks=0, by_doc_type={}, embedder=None, dimension=None,
                store=self.store.location, roots=[], last_ingest=None,
            )  # fmt: skip
        files: dict[tuple[str, str], str] = {}
        if info.count:
            for meta in self.store.all_metadata():
                files[(str(meta.get("root")), str(meta.get("path")))] = str(meta.get("doc_type", "other"))
        by_type: dict[str, int] = {}
        for doc_type in files.values():
            by_type[doc_type] = by_type.get(doc_type, 0) + 1
        return KnowledgeStats(
            files=len(files),
            chunks=info.count,
            by_doc_type=dict(sorted(by_type.items())),
            embedder=info.embedder,
            dimension=info.dim,
            store=self.store.location,
            roots=info.roots,
            last_ingest=info.last_ingest,
        )

    def documents(self) -> list[IndexedDocument]:
        """Every indexed file with its root, type, title and chunk count, sorted by path (the Knowledge page's list)."""
        if self.store.info() is None:
            return []
        found: dict[tuple[str, str], IndexedDocument] = {}
        for meta in self.store.all_metadata():
            key = (str(meta.get("root")), str(meta.get("path")))
            doc = found.get(key)
            if doc is None:
                found[key] = IndexedDocument(root=key[0], path=key[1], doc_type=str(meta.get("doc_type", "other")),
                                             title=str(meta.get("title") or key[1]), chunks=1)  # fmt: skip
            else:
                doc.chunks += 1
        return sorted(found.values(), key=lambda d: (d.path, d.root))

    def remove(self, root: str, path: str) -> int:
        """Take one file's chunks out of the index; the number of chunks removed (0: it was not indexed). The file
        itself is left alone: a later ingest of its folder indexes it again unless it is deleted."""
        from assistant.knowledge.ingest import file_key
        from assistant.knowledge.locking import writing

        with writing(self._settings):
            info = self.store.info()
            if info is None:
                return 0
            key = file_key(Path(root), path)
            chunks = len(self.store.all_metadata({"file_key": key}))  # this file's chunks only, not the whole index
            if not chunks:
                return 0
            self.store.open(self.embedder, create=False)
            self.store.delete_files([key])
            self.store.record_ingest(changed=True, roots=info.roots)
            return chunks

    def is_empty(self) -> bool:
        info = self.store.info()
        return info is None or info.count == 0

    def indexed_embedder(self) -> str | None:
        """The embedder the existing index was built with (None when there is no index)."""
        info = self.store.info()
        return info.embedder if info else None
