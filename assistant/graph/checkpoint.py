"""Checkpoints: the saver the service injects into the graph, and the serializer that may rebuild our state types.

Skills keep pydantic models in their state (typed, not dicts rebuilt in every node). LangGraph's serializer rebuilds
only types on an allowlist; anything else would come back as a plain dict after a resume. The allowlist is derived
from the skills' state schemas, so a new state field is covered without anyone remembering to register it.
"""

from __future__ import annotations

import enum
import functools
import sqlite3
import types
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.sqlite_errors import sqlite_error

if TYPE_CHECKING:
    from assistant.config import Settings

STORE = "the conversation store"
# How long a call waits for another process (a second `coach`, the app) to finish writing before it reports the lock.
BUSY_TIMEOUT_S = 5.0


def model_types(schema: type) -> set[type]:
    """Every pydantic model and enum a state schema (a TypedDict) can hold: in its fields, inside lists, unions and
    optionals, and inside those models' own fields (their enums are serialized as types of their own)."""
    found: set[type] = set()

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
            if annotation in found:
                return
            found.add(annotation)
            if issubclass(annotation, BaseModel):
                for info in annotation.model_fields.values():
                    walk(info.annotation)
            return
        if typing.get_origin(annotation) is not None or isinstance(annotation, types.UnionType):
            for arg in typing.get_args(annotation):
                walk(arg)

    for hint in typing.get_type_hints(schema, include_extras=True).values():
        walk(hint)
    return found


def serializer(schemas: Iterable[type]) -> Any:
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    allowed = sorted({(t.__module__, t.__name__) for schema in schemas for t in model_types(schema)})
    return JsonPlusSerializer(allowed_msgpack_modules=allowed)


def open_checkpointer(settings: Settings, schemas: Iterable[type]) -> Any:
    """SQLite in the data directory. A plain connection (not from_conn_string, a context manager) lives as long
    as the service. The tables are made at once, so a damaged or locked file is reported before a run starts."""
    path = settings.ensure_data_dir() / "checkpoints.sqlite"
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        saver = _guarded_saver()(connection, serde=serializer(schemas))
        saver.path = path
        saver.setup()
        # Readers pass another process's write lock (WAL), so only a write shows it: better now than after the model
        # has worked for a minute and the run's first save waits out the lock again and again.
        connection.execute("BEGIN IMMEDIATE")
        connection.rollback()
    except sqlite3.Error as exc:
        if connection is not None:
            connection.close()  # the file is left exactly as it was, for the user to move aside or retry
        raise sqlite_error(exc, STORE, path) from exc
    return saver


@functools.cache
def _guarded_saver() -> Any:
    """LangGraph's SQLite saver, with its database errors (a lock held too long, a damaged file, a full disk) turned
    into a ConfigError that names the file: otherwise they end a run with a sqlite3 traceback."""
    from langgraph.checkpoint.sqlite import SqliteSaver

    class GuardedSaver(SqliteSaver):
        path = Path("checkpoints.sqlite")

        @contextmanager
        def cursor(self, transaction: bool = True) -> Iterator[sqlite3.Cursor]:
            # Every read and write of the saver goes through here.
            try:
                with super().cursor(transaction) as cur:
                    yield cur
            except sqlite3.Error as exc:
                raise sqlite_error(exc, STORE, self.path) from exc

    return GuardedSaver


def memory_checkpointer(schemas: Iterable[type]) -> Any:
    """In memory, with the same serializer: for tests and one-off runs (evals, benchmarks)."""
    from langgraph.checkpoint.memory import InMemorySaver

    return InMemorySaver(serde=serializer(schemas))


def threads_newest_first(saver: Any) -> list[str]:
    """Thread ids, the most recently written first. For SQLite one query on the saver's own table: its ``list()``
    deserializes every checkpoint of every thread, which grew with each conversation kept (docs/benchmarks.md, "The
    app"). Checkpoint ids are time-ordered (uuid6), so the largest is the newest."""
    if hasattr(saver, "cursor") and hasattr(saver, "setup"):  # SqliteSaver
        saver.setup()
        with saver.cursor(transaction=False) as cur:
            cur.execute(
                "SELECT thread_id, MAX(checkpoint_id) AS newest FROM checkpoints WHERE checkpoint_ns = '' "
                "GROUP BY thread_id ORDER BY newest DESC"
            )
            return [str(row[0]) for row in cur.fetchall()]
    newest: dict[str, str] = {}
    for item in saver.list(None):
        tid = str(item.config["configurable"]["thread_id"])
        newest[tid] = max(newest.get(tid, ""), str(item.config["configurable"].get("checkpoint_id", "")))
    return sorted(newest, key=newest.__getitem__, reverse=True)
