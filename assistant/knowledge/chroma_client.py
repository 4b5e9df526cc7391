"""Connecting to Chroma (local files or a server) and turning its many error types into one readable error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from assistant.errors import CoachError, KnowledgeError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from assistant.config import Settings


@contextmanager
def chroma_errors(action: str) -> Iterator[None]:
    """Chroma raises many types (its own, ValueError, httpx errors); the user needs one readable message."""
    try:
        yield
    except CoachError:
        raise
    except Exception as exc:
        raise KnowledgeError(
            f"the knowledge index failed while {action}: {type(exc).__name__}: {exc}",
            hint="check the store (`coach knowledge stats`); `coach ingest --reindex` rebuilds it",
        ) from exc


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
