"""Incremental ingest: hash every file, embed only new or changed ones, remove chunks of files that are gone.

A file is identified by its ingest root and its path relative to that root. A path inside an already ingested
root is ingested as part of that root, so citations keep one stable path per file.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.errors import InputError, KnowledgeError
from assistant.knowledge.chunking import chunk_document
from assistant.knowledge.embeddings import Embedder, Vectors
from assistant.knowledge.loaders import FORMATS, MAX_FILE_BYTES, load_file
from assistant.knowledge.models import INDEX_FORMAT, Chunk, IngestProgress, IngestReport, SkippedFile
from assistant.knowledge.store import ChunkStore, StoredFile

Progress = Callable[[IngestProgress], None]
EMBED_SLICE = 64  # chunks per embedder call: two MiniLM batches, and a progress update every few seconds
_IGNORED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


@dataclass(frozen=True)
class _Found:
    root: Path
    path: Path
    rel: str


@dataclass
class _Job:
    found: _Found
    key: str
    file_hash: str
    existed: bool
    chunks: list[Chunk] = field(default_factory=list)


def file_key(root: Path, rel: str) -> str:
    return hashlib.sha1(f"{root}\0{rel}".encode()).hexdigest()[:16]


def run_ingest(
    store: ChunkStore,
    embedder: Embedder,
    paths: Sequence[Path],
    *,
    reindex: bool,
    progress: Progress | None,
    companion: str | None = None,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport(embedder=embedder.name)
    notify = progress or (lambda _: None)
    _scopes(paths, [])  # a missing path fails here, before --reindex has dropped anything
    if reindex:
        store.reset()
        if store.set_aside is not None:
            report.warnings.append(
                f"the old index could not be read and was moved to {store.set_aside}; delete it once searches work"
            )
    store.open(embedder, create=True, companion=companion)
    info = store.info()
    known = [Path(r) for r in (info.roots if info else [])]
    scopes = _scopes(paths, known)
    roots = _drop_nested_roots(store, known, scopes)
    found = _discover(scopes, report.skipped)
    stored = {root: store.files(str(root)) for root in {root for root, _ in scopes}}
    jobs, seen = _plan(found, stored, report, notify)
    _embed_and_write(store, embedder, jobs, report, notify)
    gone = [
        entry.file_key
        for root, scope in scopes
        for rel, entry in stored[root].items()
        if (root, rel) not in seen and (root / rel).is_relative_to(scope)
    ]
    store.delete_files(gone)
    report.removed = len(gone)
    store.record_ingest(changed=bool(report.added or report.updated or gone), roots=roots)
    report.total_chunks = store.collection.count()
    report.files = report.added + report.updated + report.unchanged
    report.seconds = round(time.perf_counter() - started, 3)
    notify(IngestProgress(phase="done", done=report.files, total=report.files))
    return report


def _scopes(paths: Sequence[Path], known: list[Path]) -> list[tuple[Path, Path]]:
    """(root, scope) per path: the root citations are relative to, and the part of it this run looks at."""
    scopes: list[tuple[Path, Path]] = []
    for raw in paths:
        path = raw.expanduser().resolve()
        if not path.exists():
            raise InputError(f"no such file or folder: {raw}", hint="check the path (default: COACH_KNOWLEDGE_DIR)")
        owner = next((root for root in known if path.is_relative_to(root)), None)
        scopes.append((owner or (path if path.is_dir() else path.parent), path))
    return scopes


def _drop_nested_roots(store: ChunkStore, known: list[Path], scopes: list[tuple[Path, Path]]) -> list[str]:
    """An old root inside a new one would index its files twice under two paths: its chunks give way."""
    new_roots = {root for root, _ in scopes}
    kept: list[str] = []
    for root in known:
        if any(root != new and root.is_relative_to(new) for new in new_roots):
            store.delete_root(str(root))
        else:
            kept.append(str(root))
    return sorted(set(kept) | {str(r) for r in new_roots})


def _discover(scopes: list[tuple[Path, Path]], skipped: list[SkippedFile]) -> list[_Found]:
    found: dict[Path, _Found] = {}
    for root, scope in scopes:
        files = [scope] if scope.is_file() else _walk(scope)
        for path in files:
            rel = path.relative_to(root).as_posix()
            if path.suffix.lower() not in FORMATS:
                skipped.append(SkippedFile(path=rel, reason=f"unsupported file type '{path.suffix or path.name}'"))
            else:
                found.setdefault(path, _Found(root, path, rel))
    return list(found.values())


def _walk(folder: Path) -> list[Path]:
    """Files under a folder, sorted; hidden files and folders (.git, .venv, …) and dependency folders are left out."""
    out: list[Path] = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _IGNORED_DIRS)
        out += [Path(current) / f for f in sorted(files) if not f.startswith(".")]
    return out


def _plan(
    found: list[_Found], stored: dict[Path, dict[str, StoredFile]], report: IngestReport, notify: Progress
) -> tuple[list[_Job], set[tuple[Path, str]]]:
    """Skip unchanged files by hash; load and chunk the rest. Returns the jobs and every file still present."""
    jobs: list[_Job] = []
    seen: set[tuple[Path, str]] = set()
    for number, item in enumerate(found, start=1):
        notify(IngestProgress(phase="scan", done=number, total=len(found), path=item.rel))
        previous = stored.get(item.root, {}).get(item.rel)
        digest = _hash(item.path)
        if previous is not None and digest is not None and previous.file_hash == digest:
            report.unchanged += 1
            seen.add((item.root, item.rel))
            continue
        result = load_file(item.path, item.rel)
        report.warnings += result.warnings
        chunks = chunk_document(result.document) if result.document else []
        if not chunks:
            report.skipped.append(SkippedFile(path=item.rel, reason=result.skipped or "no text"))
            continue  # not "seen": chunks from an earlier, readable version are removed
        key = file_key(item.root, item.rel)
        jobs.append(_Job(item, key, digest or "", previous is not None, chunks))
        seen.add((item.root, item.rel))
    return jobs, seen


def _hash(path: Path) -> str | None:
    """Content hash tagged with the index format; None when the file is too big or unreadable (load reports why)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return f"{INDEX_FORMAT}:{hashlib.sha256(path.read_bytes()).hexdigest()[:32]}"
    except OSError:
        return None


def _embed_and_write(
    store: ChunkStore, embedder: Embedder, jobs: list[_Job], report: IngestReport, notify: Progress
) -> None:
    """Embed all chunks in slices (texts of every file together, for full batches) and write each file once all
    of its chunks have vectors."""
    texts = [chunk.embed_text for job in jobs for chunk in job.chunks]
    ends = np.cumsum([len(job.chunks) for job in jobs]).tolist()
    embedders = [embedder, *([store.companion] if store.companion else [])]
    vectors = [np.empty((len(texts), e.dim), dtype=np.float32) for e in embedders]
    written = 0
    for start in range(0, len(texts), EMBED_SLICE):
        batch = texts[start : start + EMBED_SLICE]
        for model, out in zip(embedders, vectors, strict=True):
            out[start : start + len(batch)] = _embed(model, batch)
        done = start + len(batch)
        while written < len(jobs) and ends[written] <= done:
            job = jobs[written]
            rows = slice(ends[written] - len(job.chunks), ends[written])
            store.replace_file(str(job.found.root), job.key, job.file_hash, job.chunks, [v[rows] for v in vectors])
            written += 1
        current = jobs[min(written, len(jobs) - 1)].found.rel
        notify(IngestProgress(phase="embed", done=done, total=len(texts), path=current))
    report.chunks = len(texts)
    report.added = sum(not job.existed for job in jobs)
    report.updated = sum(job.existed for job in jobs)


def _embed(embedder: Embedder, texts: list[str]) -> Vectors:
    vectors = embedder.embed(texts)
    if vectors.shape != (len(texts), embedder.dim):
        raise KnowledgeError(
            f"the '{embedder.name}' embedder returned vectors of shape {vectors.shape}",
            hint=f"it must return one {embedder.dim}-d vector per text",
        )
    return vectors
