"""Connecting to Chroma (local files or a server) and turning its many error types into one readable error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from assistant.atomic import disk_full
from assistant.errors import CoachError, KnowledgeError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from assistant.config import Settings


# What Chroma says when its files are damaged (garbage in chroma.sqlite3, a truncated or overwritten HNSW segment).
_DAMAGED = ("file is not a database", "malformed", "corrupt", "error loading hnsw", "hnsw segment reader")
REBUILD_HINT = (
    "rebuild it with `coach ingest --reindex` (name the folders you had indexed; your documents are not touched)"
)


@contextmanager
def chroma_errors(action: str) -> Iterator[None]:
    """Chroma raises many types (its own, ValueError, httpx errors); the user needs one readable message, and the
    fix that matches: a damaged index is rebuilt, a full disk needs space, anything else is looked at."""
    try:
        yield
    except CoachError:
        raise
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
        lowered = problem.lower()
        if (isinstance(exc, OSError) and disk_full(exc)) or "no space left" in lowered or "disk is full" in lowered:
            raise KnowledgeError(
                f"the disk is full: the knowledge index failed while {action}: {problem}",
                hint="free some disk space, then run `coach ingest` again (files indexed before are kept)",
            ) from exc
        if any(sign in lowered for sign in _DAMAGED):
            raise KnowledgeError(
                f"the knowledge index is damaged: it failed while {action}: {problem}", hint=REBUILD_HINT
            ) from exc
        raise KnowledgeError(
            f"the knowledge index failed while {action}: {problem}",
            hint="check the store (`coach knowledge stats`); `coach ingest --reindex` rebuilds it",
        ) from exc


def forget_local(path: Path) -> None:
    """Chroma keeps one client system per folder for the life of the process, even one that failed to start; once
    the folder has been moved aside, the next client must start afresh instead of getting the broken one back."""
    import contextlib

    from chromadb.api.shared_system_client import SharedSystemClient

    # Private attributes: if a Chroma release renames them there is nothing to forget, and opening reports the error.
    system = getattr(SharedSystemClient, "_identifier_to_system", {}).pop(str(path), None)
    getattr(SharedSystemClient, "_identifier_to_refcount", {}).pop(str(path), None)
    if system is not None:
        with contextlib.suppress(Exception):  # a system that failed half way through starting cannot stop cleanly
            system.stop()


def make_client(settings: Settings) -> ClientAPI:
    """``PersistentClient`` under the data dir, or ``HttpClient`` when ``chroma_url`` is set. Telemetry is off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        path = settings.ensure_data_dir() / "chroma"
        with chroma_errors(f"opening {path}"):
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in {"http", "https"} or not url.hostname:
        raise KnowledgeError(
            f"COACH_CHROMA_URL is not an http(s) URL: {settings.chroma_url!r}", hint="e.g. http://127.0.0.1:8000"
        )
    try:
        port = url.port or (443 if url.scheme == "https" else 8000)
        return chromadb.HttpClient(host=url.hostname, port=port, ssl=url.scheme == "https", settings=chroma_settings)
    except Exception as exc:  # connection refused, DNS, TLS, version mismatch: all mean "server not usable"
        raise KnowledgeError(
            f"cannot reach the Chroma server at {settings.chroma_url}: {exc}",
            hint="start it with `chroma run --path <dir> --port 8000`, or unset COACH_CHROMA_URL to use local files",
        ) from exc
