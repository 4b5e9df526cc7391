"""The conversations kept in the checkpointer, newest first, for a "resume" list after a reload: the UI shows the
first line of each, the CLI can print them. Read-only: nothing here changes a thread."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

TITLE_CHARS = 60


class ThreadInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thread_id: str
    skill: str
    title: str  # the first thing the user said, shortened
    updated: str  # ISO time of the newest checkpoint
    turns: int


def _title(values: dict[str, Any]) -> str:
    """The first thing the user said; for a run with no conversation (a rehearsal), what it was about."""
    history = values.get("history") or []
    first = next((t.get("content", "") for t in history if t.get("role") == "user"), "")
    request = values.get("request") or {}
    about = request.get("scenario") or request.get("title") or ""
    text = " ".join(str(first or about).split()) or "(no message yet)"
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def list_threads(graph: Any, *, skill: str | None = None, limit: int = 20) -> list[ThreadInfo]:
    """Threads by their newest checkpoint, newest first; ``skill`` keeps one skill's threads (e.g. "chat"). Only the
    threads shown are read in full."""
    from assistant.graph.checkpoint import threads_newest_first

    out: list[ThreadInfo] = []
    for tid in threads_newest_first(graph.checkpointer):
        state = graph.get_state({"configurable": {"thread_id": tid}})
        values = dict(state.values) if state and state.values else {}
        if not values or (skill is not None and values.get("skill") != skill):
            continue
        history = values.get("history") or []
        out.append(ThreadInfo(thread_id=tid, skill=str(values.get("skill", "")), title=_title(values),
                              updated=str(state.created_at or ""),
                              turns=sum(1 for t in history if t.get("role") == "user")))  # fmt: skip
        if len(out) >= limit:
            break
    return out
