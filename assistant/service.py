"""The one API the CLI, the UI and the evals share: typed requests in, typed events and replies out.

Front ends stay thin: they render ``TokenEvent``/``StepEvent`` while a reply streams, then the final event.
Conversations are checkpointed by thread id, so a chat survives a crash or a browser reload.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from assistant.config import Settings
from assistant.errors import InputError
from assistant.graph.context import CoachContext, Retriever
from assistant.graph.state import Turn
from assistant.llm.gateway import LLMGateway
from assistant.skills.chat import ChatInput, ChatOutput
from assistant.skills.grounding import Source, invalid_citations
from assistant.skills.sbi import Change, Question, SBIRequest, SBIResult


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


class QuestionsEvent(BaseModel):
    """The graph paused to ask instead of inventing; answer with ``resume(thread_id, answers)``."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["questions"] = "questions"
    thread_id: str
    questions: list[Question]
    changes: list[Change] = []  # what is wrong with the note so far, shown while asking
    asked_rounds: int = 1
    polarity: Literal["improving", "positive"] = "improving"

    def as_result(self) -> SBIResult:
        """The questions as a result, for callers that cannot ask (``--no-input``, JSON, evals)."""
        return SBIResult(
            status="needs_facts", questions=self.questions, changes=self.changes,
            thread_id=self.thread_id, asked_rounds=self.asked_rounds, polarity=self.polarity,
        )  # fmt: skip


class SBIEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["sbi"] = "sbi"
    output: SBIResult


Event = TokenEvent | StepEvent | AnswerEvent | QuestionsEvent | SBIEvent
# Every key an SBI run sets, reset at the start so a thread reused for a new note carries nothing over.
_SBI_FRESH: dict[str, Any] = {
    "notes": [], "sources": [], "answered": {}, "asked": 0, "draft": {}, "draft_turns": [], "findings": [],
    "revisions": 0, "questions": [], "skill_output": {}, "answer": "", "original_findings": [], "analysis": {},
}  # fmt: skip


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

    def sbi(self, request: SBIRequest, thread_id: str | None = None) -> Iterator[Event]:
        """Stream one feedback rewrite. Ends with a ``QuestionsEvent`` (answer it with ``resume``) or an
        ``SBIEvent``."""
        tid = thread_id or new_thread_id()
        graph_input = {**_SBI_FRESH, "skill": "sbi", "question": request.raw, "skill_input": request.model_dump()}
        yield from self._run_sbi(graph_input, tid)

    def resume(self, thread_id: str, answers: Mapping[str, str]) -> Iterator[Event]:
        """Continue a thread paused on questions; answers are keyed by question id (blank ones are skipped)."""
        from langgraph.types import Command

        if not self.pending_questions(thread_id):
            raise InputError(
                f"thread {thread_id} is not waiting for answers",
                hint="start a new request, or check the thread id",
            )
        yield from self._run_sbi(Command(resume=dict(answers)), thread_id)

    def pending_questions(self, thread_id: str) -> list[Question]:
        snapshot = self.graph.get_state({"configurable": {"thread_id": thread_id}})
        interrupts = getattr(snapshot, "interrupts", ()) if snapshot else ()
        if not interrupts:
            return []
        return [Question.model_validate(q) for q in interrupts[0].value.get("questions", [])]

    def feedback(
        self, request: SBIRequest, answers: Mapping[str, str] | None = None, thread_id: str | None = None
    ) -> SBIResult:
        """Non-streaming: run, answer the questions from ``answers`` (keyed by question id), and return the result.
        Questions left unanswered come back as a ``needs_facts`` result with the questions and the thread id."""
        unused = dict(answers or {})
        final = _last(self.sbi(request, thread_id))
        while isinstance(final, QuestionsEvent):
            # Each answer is offered once, in the round that asks for it (a topic choice, then the facts).
            wanted: dict[str, str] = {q.id: unused.pop(q.id) for q in final.questions if q.id in unused}
            if not wanted:
                return final.as_result()
            final = _last(self.resume(final.thread_id, wanted))
        assert isinstance(final, SBIEvent)
        return final.output

    def _run_sbi(self, graph_input: Any, tid: str) -> Iterator[Event]:
        config = {"configurable": {"thread_id": tid}}
        for mode, chunk in self.graph.stream(graph_input, config, context=self._context(), stream_mode=["custom"]):
            if mode == "custom" and chunk.get("type") == "step":
                yield StepEvent(node=chunk["node"], label=chunk["label"])
        questions = self.pending_questions(tid)
        values = self.graph.get_state(config).values
        if questions:
            changes = [Change.model_validate(c) for c in _changes(values)]
            rounds = int(values.get("asked", 0)) + 1
            polarity = values.get("analysis", {}).get("polarity", "improving")
            yield QuestionsEvent(
                thread_id=tid, questions=questions, changes=changes, asked_rounds=rounds, polarity=polarity
            )
            return
        yield SBIEvent(output=SBIResult.model_validate({**values.get("skill_output", {}), "thread_id": tid}))

    def history(self, thread_id: str) -> list[Turn]:
        state = self.graph.get_state({"configurable": {"thread_id": thread_id}})
        return list(state.values.get("history", [])) if state and state.values else []


def _last(events: Iterator[Event]) -> Event | None:
    final = None
    for event in events:
        final = event
    return final


def _changes(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    from assistant.checks.base import Finding
    from assistant.skills.sbi_review import to_change

    return [to_change(Finding.model_validate(f)).model_dump() for f in values.get("original_findings", [])]


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
