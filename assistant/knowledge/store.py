"""Chunks and their vectors in Chroma: local files by default, a Chroma server when ``chroma_url`` is set.

The main collection holds every chunk with the configured embedder's vector. Its metadata records that embedder
(name and dimension), a generation number that changes whenever chunks change (in-memory caches compare it), the
ingested roots and the last ingest time. With MiniLM, a companion collection (``<name>.wordllama``) holds the same
chunk ids with WordLlama vectors: a second, different dense ranking that hybrid search fuses in (see search.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import KnowledgeError
from assistant.knowledge.chroma_client import chroma_errors, forget_local, make_client
from assistant.knowledge.chroma_functions import function_for
from assistant.knowledge.embeddings import Embedder, Vectors, make_embedder
from assistant.knowledge.models import Chunk

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from assistant.config import Settings

COLLECTION = "coach_knowledge"
_PAGE = 5000  # rows per get(); Chroma's SQLite backend limits the size of one request


@dataclass(frozen=True)
class IndexInfo:
    collection_id: str
    embedder: str | None
    dim: int | None
    companion: str | None
    generation: int
    last_ingest: str | None
    roots: list[str]
    count: int


@dataclass(frozen=True)
class StoredFile:
    file_key: str
    file_hash: str


@dataclass(frozen=True)
class Snapshot:
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]


class ChunkStore:
    def __init__(self, settings: Settings, collection: str = COLLECTION) -> None:
        self._settings = settings
        self._name = collection
        self._client: ClientAPI | None = None
        self._collection: Collection | None = None
        self._companion: Collection | None = None
        self.companion: Embedder | None = None
        self.set_aside: Path | None = None  # where reset() moved a damaged local index

    @property
    def location(self) -> str:
        url = self._settings.chroma_url
        return f"{url} (collection {self._name})" if url else str(self._settings.data_dir / "chroma")

    def client(self) -> ClientAPI:
        if self._client is None:
            self._client = make_client(self._settings)
        return self._client

    def _get(self, name: str) -> Collection | None:
        from chromadb.errors import NotFoundError

        client = self.client()
        with chroma_errors("opening the collection"):
            try:
                # No embedding function here: the metadata must be checked before choosing one (see open()).
                return client.get_collection(name, embedding_function=None)
            except NotFoundError:
                return None

    def info(self) -> IndexInfo | None:
        collection = self._get(self._name)
        if collection is None:
            return None
        meta = collection.metadata or {}
        with chroma_errors("counting chunks"):
            count = collection.count()
        return IndexInfo(
            collection_id=str(collection.id),
            embedder=_opt_str(meta.get("coach_embedder")),
            dim=int(meta["coach_dim"]) if isinstance(meta.get("coach_dim"), int) else None,
            companion=_opt_str(meta.get("coach_companion")),
            generation=int(meta.get("coach_generation", 0) or 0),
            last_ingest=_opt_str(meta.get("coach_last_ingest")),
            roots=json.loads(str(meta.get("coach_roots") or "[]")),
            count=count,
        )

    def open(self, embedder: Embedder, *, create: bool, companion: str | None = None) -> bool:
        """Attach to the collections, refusing an index built by another embedder. False when there is none.

        ``companion`` names the second embedder for a new index; an existing index keeps the one it was built with.
        """
        info = self.info()
        if info is not None and (info.embedder, info.dim) != (embedder.name, embedder.dim):
            if info.count:
                raise KnowledgeError(
                    f"the knowledge index was built with the '{info.embedder}' embedder ({info.dim}-d), "
                    f"but '{embedder.name}' ({embedder.dim}-d) is configured; vectors of the two cannot be mixed",
                    hint=f"run `coach ingest --reindex` to rebuild it, or set COACH_EMBEDDER={info.embedder}",
                )
            self.reset()  # empty: nothing to lose by recreating it for this embedder
            info = None
        if info is None and not create:
            return False
        companion = info.companion if info is not None else companion
        meta = {"coach_embedder": embedder.name, "coach_dim": embedder.dim, "coach_companion": companion or ""}
        self._collection = self._open(self._name, embedder, {**meta, "coach_generation": 0, "coach_roots": "[]"})
        if companion:
            if self.companion is None or self.companion.name != companion:  # keep a loaded model when reopening
                self.companion = make_embedder(companion, self._settings)
            self._companion = self._open(f"{self._name}.{companion}", self.companion, {"coach_role": "companion"})
        return True

    def _open(self, name: str, embedder: Embedder, metadata: dict[str, Any]) -> Collection:
        with chroma_errors("creating the collection"):
            return self.client().get_or_create_collection(
                name,
                embedding_function=function_for(embedder),  # type: ignore[arg-type]
                metadata=metadata,  # only used when the collection is created
                configuration={"hnsw": {"space": "cosine"}},
            )

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            raise KnowledgeError("the knowledge index is not open", hint="run `coach ingest` first")
        return self._collection

    def _all(self) -> list[Collection]:
        return [self.collection, *([self._companion] if self._companion is not None else [])]

    def reset(self) -> None:
        """Drop the index. A local one too damaged to open or delete is moved aside whole (``set_aside`` says where),
        so `coach ingest --reindex`, the fix the error names, works on it too."""
        self.set_aside = None
        try:
            info = self.info()
            names = [self._name, *([f"{self._name}.{info.companion}"] if info and info.companion else [])]
            with chroma_errors("deleting the collection"):
                for name in names:
                    if self._get(name) is not None:
                        self.client().delete_collection(name)
        except KnowledgeError:
            if self._settings.chroma_url:
                raise  # a server's files are not ours to move
            self._set_aside()
        self._collection = self._companion = None
        self.companion = None

    def _set_aside(self) -> None:
        folder = self._settings.ensure_data_dir() / "chroma"
        forget_local(folder)
        self._client = None
        # Kept, not deleted: it is only an index, but nothing the user had is removed without them seeing it.
        target = folder.with_name(f"chroma.damaged-{datetime.now(UTC):%Y%m%d-%H%M%S}")
        try:
            folder.rename(target)
        except OSError as exc:
            raise KnowledgeError(
                f"the damaged knowledge index {folder} cannot be moved aside: {exc.strerror}",
                hint=f"move or delete {folder} yourself, then run `coach ingest --reindex`",
            ) from exc
        self.set_aside = target

    def files(self, root: str) -> dict[str, StoredFile]:
        """Files stored under one ingest root, by path relative to it."""
        found: dict[str, StoredFile] = {}
        for meta in self.all_metadata({"root": root}):
            found[str(meta["path"])] = StoredFile(str(meta["file_key"]), str(meta["file_hash"]))
        return found

    def replace_file(
        self, root: str, key: str, file_hash: str, chunks: Sequence[Chunk], vectors: Sequence[Vectors]
    ) -> None:
        """Swap one file's chunks (``vectors``: main, then companion); per file, so an interrupted ingest leaves
        whole files, old or new."""
        self.delete_files([key])
        ids = [f"{key}:{c.index}" for c in chunks]
        metas = [_chunk_metadata(c, root, key, file_hash) for c in chunks]
        with chroma_errors(f"writing chunks of {chunks[0].path if chunks else key}"):
            for collection, rows in zip(self._all(), vectors, strict=True):
                slim = collection is not self._collection  # the companion needs only what filters use
                for start in range(0, len(ids), limit := self.client().get_max_batch_size()):
                    part = slice(start, start + limit)
                    rows_meta: Any = [_slim(m) for m in metas[part]] if slim else metas[part]
                    collection.add(
                        ids=ids[part],
                        embeddings=np.ascontiguousarray(rows[part]),
                        documents=None if slim else [c.text for c in chunks[part]],
                        metadatas=rows_meta,
                    )

    def delete_files(self, keys: Sequence[str]) -> None:
        if keys:
            where: Any = {"file_key": {"$in": list(keys)}}
            with chroma_errors("removing chunks"):
                for collection in self._all():
                    collection.delete(where=where)

    def delete_root(self, root: str) -> None:
        with chroma_errors("removing chunks"):
            for collection in self._all():
                collection.delete(where={"root": root})

    def all_metadata(self, where: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Chunk metadata, without opening the collection for an embedder (``stats`` works on any index)."""
        collection = self._collection or self._get(self._name)
        if collection is None:
            return []
        out: list[dict[str, Any]] = []
        with chroma_errors("reading the index"):
            for offset in range(0, collection.count(), _PAGE):
                page = collection.get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
                out += [dict(m or {}) for m in page["metadatas"] or []]
                if len(page["ids"]) < _PAGE:
                    break
        return out

    def all_texts(self) -> list[str]:
        """Every chunk's text, without opening the collection for an embedder: what the output screen checks a reply
        against (assistant/safety/leaks.py), in a run that may not have searched at all."""
        collection = self._collection or self._get(self._name)
        if collection is None:
            return []
        out: list[str] = []
        with chroma_errors("reading the index"):
            for offset in range(0, collection.count(), _PAGE):
                page = collection.get(include=["documents"], limit=_PAGE, offset=offset)
                out += [d or "" for d in page["documents"] or []]
                if len(page["ids"]) < _PAGE:
                    break
        return out

    def snapshot(self) -> Snapshot:
        """Every chunk's id, text and metadata: the lexical index and the hits are built from this."""
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        with chroma_errors("reading chunks"):
            for offset in range(0, self.collection.count(), _PAGE):
                page = self.collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
                ids += page["ids"]
                texts += [d or "" for d in page["documents"] or []]
                metas += [dict(m or {}) for m in page["metadatas"] or []]
        return Snapshot(ids, texts, metas)

    def query(
        self, vector: Vectors, n: int, where: dict[str, Any] | None, *, companion: bool = False
    ) -> list[tuple[str, float]]:
        """Nearest chunks as (id, cosine similarity), from the main or the companion collection."""
        collection = self._companion if companion else self.collection
        if collection is None:
            return []
        with chroma_errors("searching"):
            found = collection.query(
                query_embeddings=vector.reshape(1, -1), n_results=n, where=where, include=["distances"]
            )
        distances = (found["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(found["ids"][0], distances, strict=True)]

    def record_ingest(self, *, changed: bool, roots: Sequence[str]) -> None:
        # Read afresh: the collection object keeps the metadata of when it was opened, and another process may have
        # written since (under the same lock, see locking.py).
        current = self._get(self._name)
        meta = dict((current.metadata if current is not None else self.collection.metadata) or {})
        meta["coach_roots"] = json.dumps(sorted(set(roots)))
        meta["coach_last_ingest"] = datetime.now(UTC).isoformat(timespec="seconds")
        if changed:
            meta["coach_generation"] = int(meta.get("coach_generation", 0) or 0) + 1
        with chroma_errors("saving index metadata"):
            self.collection.modify(metadata=meta)


def _chunk_metadata(chunk: Chunk, root: str, key: str, file_hash: str) -> dict[str, str | int]:
    return {
        "path": chunk.path,
        "root": root,
        "file_key": key,
        "file_hash": file_hash,
        "title": chunk.title,
        "doc_type": chunk.doc_type,
        "heading_path": json.dumps(list(chunk.heading_path)),
        "line_start": chunk.line_start,
        "line_end": chunk.line_end,
        "content_hash": chunk.content_hash,
        "chunk_index": chunk.index,
    }


def _slim(meta: dict[str, str | int]) -> dict[str, str | int]:
    return {key: meta[key] for key in ("path", "root", "file_key", "doc_type")}


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
