"""The one API the CLI, the UI and the evals share: typed requests in, typed events and replies out.

Front ends stay thin: they render ``TokenEvent``/``StepEvent`` while a reply streams, then the final event.
Conversations are checkpointed by thread id, so a chat survives a crash or a browser reload.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from assistant.config import Settings
from assistant.errors import InputError
from assistant.graph.context import CoachContext, Retriever
from assistant.graph.state import Turn
from assistant.llm.gateway import LLMGateway
from assistant.skills.chat import ChatInput, ChatOutput
from assistant.skills.grounding import Source, invalid_citations


class TokenEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["token"] = "token"
    text: str


class StepEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["step"] = "step"
    node: str
    label: str


class AnswerEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["answer"] = "answer"
    output: ChatOutput


Event = TokenEvent | StepEvent | AnswerEvent


def new_thread_id() -> str:
    return uuid.uuid4().hex[:12]


def open_checkpointer(settings: Settings) -> Any:
    """SQLite in the data directory. A plain connection (not from_conn_string, a context manager) lives as long
    as the service."""
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = settings.ensure_data_dir() / "checkpoints.sqlite"
    return SqliteSaver(sqlite3.connect(str(path), check_same_thread=False))


def default_retriever(settings: Settings) -> Retriever | None:
    """The team's index, or None when nothing has been ingested yet (the graph then says so)."""
    from assistant.knowledge import KnowledgeBase

    knowledge = KnowledgeBase(settings)
    return None if knowledge.is_empty() else knowledge


class CoachService:
    def __init__(
        self,
        settings: Settings,
        *,
        llm: LLMGateway | None = None,
        retriever: Retriever | Literal["auto"] | None = "auto",
        checkpointer: Any = None,
    ) -> None:
        self.settings = settings
        self.llm = llm or LLMGateway(settings)
        self._retriever = retriever
        self._checkpointer = checkpointer
        self._graph: Any = None

    @property
    def retriever(self) -> Retriever | None:
        if self._retriever == "auto":
            self._retriever = default_retriever(self.settings)
        return self._retriever

    @property
    def graph(self) -> Any:
        if self._graph is None:
            from assistant.graph.build import build_graph

            if self._checkpointer is None:
                self._checkpointer = open_checkpointer(self.settings)
            self._graph = build_graph(self._checkpointer)
        return self._graph

    def _context(self) -> CoachContext:
        return CoachContext(settings=self.settings, llm=self.llm, retriever=self.retriever)

    def chat(self, message: str, thread_id: str | None = None) -> Iterator[Event]:
        """Stream one chat turn. The final event carries the answer, its sources and any honest notes."""
        request = ChatInput(message=_clean(message), thread_id=thread_id)
        tid = request.thread_id or new_thread_id()
        config = {"configurable": {"thread_id": tid}}
        graph_input = {"skill": "chat", "question": request.message, "notes": [], "sources": []}
        for mode, chunk in self.graph.stream(graph_input, config, context=self._context(), stream_mode=["custom"]):
            if mode == "custom" and chunk.get("type") == "token":
                yield TokenEvent(text=chunk["text"])
            elif mode == "custom" and chunk.get("type") == "step":
                yield StepEvent(node=chunk["node"], label=chunk["label"])
        values = self.graph.get_state(config).values
        sources = [Source.model_validate(s) for s in values.get("sources", [])]
        answer = values.get("answer", "")
        yield AnswerEvent(
            output=ChatOutput(
                answer=answer,
                sources=sources,
                notes=values.get("notes", []),
                invalid_citations=invalid_citations(answer, sources),
                thread_id=tid,
            )
        )

    def ask(self, message: str, thread_id: str | None = None) -> ChatOutput:
        final = None
        for event in self.chat(message, thread_id):
            if isinstance(event, AnswerEvent):
                final = event.output
        assert final is not None  # chat() always ends with an AnswerEvent or raises
        return final

    def history(self, thread_id: str) -> list[Turn]:
        state = self.graph.get_state({"configurable": {"thread_id": thread_id}})
        return list(state.values.get("history", [])) if state and state.values else []


def _clean(message: str) -> str:
    text = message.strip()
    if not text:
        raise InputError("the message is empty", hint="type a question or paste the text to work on")
    if len(text) > 20_000:
        raise InputError(
            f"the message is {len(text):,} characters; the limit is 20,000",
            hint="shorten it, or put long material in the knowledge folder and run `coach ingest`",
        )
    return text
