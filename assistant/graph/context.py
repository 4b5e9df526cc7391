"""What nodes may use, injected per run (never global): the model gateway, the retriever, settings, a clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.llm.gateway import LLMGateway


class HitLike(Protocol):
    path: str
    title: str
    heading_path: list[str]
    line_start: int
    line_end: int
    doc_type: str
    text: str
    score: float

    @property
    def citation(self) -> str: ...


class Retriever(Protocol):
    def search(
        self,
        query: str,
        *,
        k: int = 5,
        doc_types: Sequence[str] | None = None,
    ) -> Sequence[HitLike]: ...


@dataclass
class CoachContext:
    settings: Settings
    llm: LLMGateway
    retriever: Retriever | None = None
    today: Callable[[], date] = field(default=date.today)
    top_k: int = 4
