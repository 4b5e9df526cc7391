"""One writer at a time on the local index, across processes: two browser sessions and a `coach ingest` may all
write. Chroma's local files are not meant for concurrent writers, and the index's own figures (roots, generation)
are read, changed and written back, so without the lock the last writer silently dropped the other's roots (seen:
two ingests at once left one folder listed). A Chroma server (``COACH_CHROMA_URL``) orders writes itself.

The lock is an OS file lock: it is released when its process dies, so kill -9 never leaves the index locked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING

from assistant.errors import KnowledgeError

if TYPE_CHECKING:
    from assistant.config import Settings

WAIT_S = 600.0  # a large first ingest with the MiniLM embedder takes minutes on two cores


@contextmanager
def writing(settings: Settings, wait_s: float = WAIT_S) -> Iterator[None]:
    if settings.chroma_url:
        with nullcontext():
            yield
        return
    from filelock import FileLock, Timeout

    path = settings.ensure_data_dir() / "index.lock"
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=wait_s)
    except Timeout:
        raise KnowledgeError(
            f"another process has been writing the knowledge index for over {wait_s:.0f} s",
            hint="wait for the other `coach ingest` (or the app's indexing) to finish, then try again",
        ) from None
    try:
        yield
    finally:
        lock.release()
