"""Stand-ins shared by the graph tests: search hits (the knowledge layer's own ``Hit``) and a retriever."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import KnowledgeError
from assistant.knowledge.models import Hit


def hit(
    path: str = "handbook/feedback-guide.md",
    text: str = "Describe the situation and the behavior you observed, then the impact.",
    *,
    heading_path: Sequence[str] = ("Giving feedback",),
    title: str = "Feedback guide",
    line_start: int = 10,
    line_end: int = 20,
    doc_type: str = "handbook",
    score: float = 0.5,
) -> Hit:
    return Hit(
        chunk_id=f"{path}#{line_start}", path=path, title=title, heading_path=list(heading_path),
        line_start=line_start, line_end=line_end, doc_type=doc_type, text=text, score=score,
    )  # fmt: skip


@dataclass
class Retriever:
    """Returns ``hits`` (at most ``k``) for any query and remembers each call; ``fail`` raises like a locked index."""

    hits: list[Hit] = field(default_factory=lambda: [hit()])
    fail: bool = False
    calls: list[dict[str, Any]] = field(default_factory=list)

    @property
    def queries(self) -> list[str]:
        return [c["query"] for c in self.calls]

    def search(self, query: str, *, k: int = 5, doc_types: Sequence[str] | None = None) -> list[Hit]:
        self.calls.append({"query": query, "k": k, "doc_types": doc_types})
        if self.fail:
            raise KnowledgeError("index is locked", hint="close the other process")
        return self.hits[:k]


def chat_prompt(question: str, history: Sequence[dict[str, str]] = ()) -> Any:
    """The chat prompt for ``question`` when no team document is indexed (the fresh data dir of a test)."""
    from assistant.skills.chat.prompt import build_prompt
    from assistant.skills.chat.roles import read_role

    return build_prompt(question, read_role(question), None, list(history))  # type: ignore[arg-type]


def chat_reply(*steps: str) -> str:
    import json

    return json.dumps({"steps": list(steps)})
