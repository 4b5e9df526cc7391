"""Data passed around the knowledge layer: documents and chunks (internal), hits and reports (public).

Documents and chunks are plain dataclasses because thousands of them are created per ingest; anything read back
from the index or shown to the user is a pydantic model that rejects unknown fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Bump when loading or chunking changes, so the next ingest re-embeds every file instead of keeping stale chunks.
INDEX_FORMAT = 2  # 2: form feeds and U+2028 no longer count as line breaks (citations)


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded file as markdown-like text. ``line_map[i]`` is the source line (1-based) of text line ``i``."""

    path: str  # relative to the ingest root, with forward slashes
    title: str
    doc_type: str
    text: str
    line_map: tuple[int, ...]
    source_format: str


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable piece of a document. ``embed_text`` adds the title and headings, which helps retrieval."""

    path: str
    title: str
    doc_type: str
    heading_path: tuple[str, ...]
    line_start: int
    line_end: int
    text: str
    embed_text: str
    content_hash: str
    index: int = 0


class Hit(BaseModel):
    """One search result, with what is needed to cite it as ``[path#heading]``."""

    model_config = ConfigDict(extra="forbid")

    chunk_id: str
    path: str
    title: str
    heading_path: list[str]
    line_start: int = Field(ge=1)
    line_end: int = Field(ge=1)
    doc_type: str
    text: str
    score: float

    @property
    def citation(self) -> str:
        return f"{self.path}#{self.heading_path[-1]}" if self.heading_path else self.path


class SkippedFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    reason: str


class IngestProgress(BaseModel):
    """Reported while ingesting. In the ``embed`` phase, ``done`` and ``total`` count chunks; otherwise files."""

    model_config = ConfigDict(extra="forbid")

    phase: Literal["scan", "embed", "done"]
    done: int
    total: int
    path: str = ""


class IngestReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: int = Field(0, description="supported files found (added + updated + unchanged)")
    chunks: int = Field(0, description="chunks embedded in this run")
    total_chunks: int = Field(0, description="chunks in the index afterwards")
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[SkippedFile] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    seconds: float = 0.0
    embedder: str = ""


class IndexedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    root: str  # the ingest root; ``path`` is relative to it (the citation's path)
    path: str
    doc_type: str
    title: str
    chunks: int


class KnowledgeStats(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: int
    chunks: int
    by_doc_type: dict[str, int]
    embedder: str | None
    dimension: int | None
    store: str
    roots: list[str]
    last_ingest: str | None


@dataclass
class LoadResult:
    """What loading one file produced: a document, or the reason it was skipped; warnings either way."""

    document: Document | None = None
    skipped: str | None = None
    warnings: list[str] = field(default_factory=list)
