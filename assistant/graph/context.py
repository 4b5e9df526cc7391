"""What nodes may use, injected per run (never global): the model, the retriever, settings, a clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from assistant.knowledge.models import Hit

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.llm.protocol import LLM


class Retriever(Protocol):
    """The knowledge base as the graph sees it (``KnowledgeBase`` implements it; tests pass a stand-in)."""

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        doc_types: Sequence[str] | None = None,
    ) -> Sequence[Hit]: ...


# Chunks per search when a skill's spec leaves ``k`` out.
DEFAULT_TOP_K = 4


@dataclass
class CoachContext:
    settings: Settings
    llm: LLM
    retriever: Retriever | None = None
    today: Callable[[], date] = field(default=date.today)
    top_k: int = DEFAULT_TOP_K
