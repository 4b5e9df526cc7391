"""The one API the CLI, the UI and the evals share: ``run(skill, input, thread)``, ``resume(thread, answers)``.

Every run streams ``StepEvent``/``TokenEvent`` while it works and ends with one ``ResultEvent``: the skill's result,
or, when the skill paused to ask instead of inventing, its questions and the result so far. Front ends stay thin:
they render events. Runs are checkpointed by thread id, so a conversation or a paused run survives a crash or a
browser reload.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assistant.config import Settings
from assistant.errors import InputError
from assistant.graph.context import CoachContext, Retriever
from assistant.graph.state import Turn
from assistant.llm.protocol import LLM
from assistant.privacy import Hidden
from assistant.safety.replies import ReplyLog, replies_of
from assistant.safety.screen import passages_of, screen_result, screen_stream
from assistant.skills.base import Pause, Question
from assistant.skills.registry import all_skills, get_skill

if TYPE_CHECKING:
    from assistant.drafts import Draft, Drafts
    from assistant.evals.history import FailingCase, History
    from assistant.feedback_log import LogItem
    from assistant.helper import HelperPrompt, Material, ReplyCheck
    from assistant.knowledge import KnowledgeBase
    from assistant.privacy import Detector, Shield
    from assistant.skills.adr.models import AdrResult
    from assistant.threads import ThreadInfo

OutT = TypeVar("OutT", bound=BaseModel)


class TokenEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["token"] = "token"
    text: str


class StepEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["step"] = "step"
    node: str
    label: str


class ResultEvent(BaseModel):
    """How every run ends. With ``questions``, the run is paused: answer with ``resume(thread_id, answers)``;
    ``output`` is then the result so far (e.g. an SBI result with status ``needs_facts`` and what is wrong).
    ``hidden``: what the run kept from a model that is not on this machine (``hidden.line()`` says it)."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    type: Literal["result"] = "result"
    skill: str
    thread_id: str
    output: BaseModel
    questions: list[Question] = Field(default_factory=list)
    hidden: Hidden = Field(default_factory=Hidden)

    @property
    def waiting(self) -> bool:
        return bool(self.questions)

    def output_as(self, model: builtins.type[OutT]) -> OutT:
        if not isinstance(self.output, model):
            raise TypeError(f"{self.skill} returned {type(self.output).__name__}, not {model.__name__}")
        return self.output


Event = TokenEvent | StepEvent | ResultEvent
# Answers for a paused run, from whoever can give them (a terminal prompt, a dict of prepared answers); None stops.
Answerer = Callable[[ResultEvent], Mapping[str, str] | None]


def new_thread_id() -> str:
    return uuid.uuid4().hex[:12]


def default_retriever(settings: Settings) -> Retriever | None:
    """The team's index, or None when nothing has been ingested yet (the graph then says so)."""
    from assistant.errors import KnowledgeError
    from assistant.knowledge import KnowledgeBase

    knowledge = KnowledgeBase(settings)
    try:
        return None if knowledge.is_empty() else knowledge
    except KnowledgeError:  # damaged or unreachable: the retrieve step says why in a note, and the answer still comes
        return knowledge


def last(events: Iterator[Event]) -> ResultEvent:
    final = None
    for event in events:
        final = event
    if not isinstance(final, ResultEvent):  # every run ends with a result or raises
        raise RuntimeError("the run ended without a result")
    return final


class CoachService:
    """``checkpointer``: a LangGraph saver, ``"memory"`` (tests, one-off runs), or None for SQLite in the data dir."""

    def __init__(
        self,
        settings: Settings,
        *,
        llm: LLM | None = None,
        retriever: Retriever | Literal["auto"] | None = "auto",
        checkpointer: Any = None,
    ) -> None:
        self.settings = settings
        self._llm = llm
        self._retriever = retriever
        self._auto_retriever = retriever == "auto"  # found from the settings, so found again after a reindex
        self._stops: dict[str, Any] = {}  # thread id -> the stop event of the run streaming there
        self._masks: dict[str, dict[str, Any]] = {}  # thread id -> its pseudonymisation mapping (this process only)
        self._detector: Any = None  # the privacy detector over the team's roster, read once per index
        self._checkpointer = checkpointer
        self._graph: Any = None

    @property
    def llm(self) -> LLM:
        if self._llm is None:
            from assistant.llm.gateway import LLMGateway

            self._llm = LLMGateway(self.settings)
        return self._llm

    @property
    def drafts(self) -> Drafts:
        from assistant.drafts import Drafts

        return Drafts(self.settings.data_dir / "drafts")

    def unanswered(self, thread_id: str) -> Draft | None:
        """The request last sent on ``thread_id`` that has no answer yet (failed, stopped, or the app was killed)."""
        return self.drafts.get(thread_id)

    @property
    def retriever(self) -> Retriever | None:
        if self._retriever == "auto":
            self._retriever = default_retriever(self.settings)
        return self._retriever

    @property
    def graph(self) -> Any:
        if self._graph is None:
            from assistant.graph import checkpoint
            from assistant.graph.build import build_graph

            schemas = [skill.state for skill in all_skills()]
            if self._checkpointer is None:
                self._checkpointer = checkpoint.open_checkpointer(self.settings, schemas)
            elif self._checkpointer == "memory":
                self._checkpointer = checkpoint.memory_checkpointer(schemas)
            self._graph = build_graph(self._checkpointer)
        return self._graph

    def _context(self) -> CoachContext:
        # The run's replies are kept, so its result's leak checks judge only what the model wrote.
        return CoachContext(settings=self.settings, llm=ReplyLog(self.llm), retriever=self.retriever)

    def run(self, skill: str, request: BaseModel | Mapping[str, Any], thread_id: str | None = None) -> Iterator[Event]:
        """Stream one run of ``skill``. The input is validated first (an ``InputError`` names the bad field)."""
        spec = get_skill(skill)
        parsed = spec.parse(request)
        if spec.prepare is not None:
            parsed = spec.prepare(parsed)
        tid = thread_id or getattr(parsed, "thread_id", None) or new_thread_id()
        request_data = parsed.model_dump(mode="json")
        graph_input = {"skill": spec.name, "request": request_data, "result": {}}
        # On disk before the model is called, gone once the run has its result: whatever stops the run (an error,
        # Stop, a signal, kill -9), the lead's text is kept (assistant/drafts.py).
        self.drafts.save(spec.name, tid, request_data)
        yield from self._stream(graph_input, tid)
        self.drafts.clear(tid)

    def resume(self, thread_id: str, answers: Mapping[str, str]) -> Iterator[Event]:
        """Continue a run paused on questions; answers are keyed by question id (blank ones are skipped)."""
        from langgraph.types import Command

        snapshot = self.graph.get_state(_config(thread_id))  # read once: whether it waits, and for which skill
        if not self._pause(snapshot):
            raise InputError(
                f"thread {thread_id} is not waiting for answers",
                hint="start a new request, or check the thread id",
            )
        skill = str(snapshot.values.get("skill", "")) if snapshot.values else ""
        if any(str(value).strip() for value in answers.values()):  # a rehearsal line, facts: kept like a request
            self.drafts.save(skill, thread_id, dict(answers), kind="resume")
        yield from self._stream(Command(resume=dict(answers)), thread_id)
        self.drafts.clear(thread_id)

    def recover(self, thread_id: str) -> Iterator[Event]:
        """Finish the thread's unanswered request after a crash, a kill or a stop, without sending it twice.

        A request that never started is sent again. A paused run's answer (a rehearsal line) may already be in the
        checkpoint when the process died: resuming with it again gave the line twice (seen in the kill -9 test), so
        the skill's retry answers go first, which answer the recorded line; only when the result does not hold
        the lost text is it sent again."""
        draft = self.drafts.get(thread_id)
        if draft is None:
            raise InputError(f"thread {thread_id} has no unanswered request", hint="nothing to recover")
        if draft.kind == "run":
            yield from self.run(draft.skill, draft.request, thread_id)
            return
        from langgraph.types import Command

        from assistant.safety.screen import strings

        retry = get_skill(draft.skill).retry
        if retry is not None and draft.text:
            final: Event | None = None
            for event in self._stream(Command(resume=dict(retry)), thread_id):
                final = event
                yield event
            if isinstance(final, ResultEvent) and draft.text in set(strings(final.output.model_dump())):
                self.drafts.clear(thread_id)
                return
        yield from self.resume(thread_id, draft.request)

    def converse(
        self,
        first: ResultEvent,
        answer: Answerer,
        consume: Callable[[Iterator[Event]], ResultEvent] = last,
    ) -> ResultEvent:
        """Answer questions until a result comes back, or until ``answer`` returns None (nobody to ask, or nothing
        more to say): then the paused result is returned, questions and thread id included. ``consume`` renders a
        resumed run's events (the CLI shows its steps)."""
        final = first
        while final.waiting:
            answers = answer(final)
            if answers is None:
                return final
            final = consume(self.resume(final.thread_id, answers))
        return final

    def complete(
        self,
        skill: str,
        request: BaseModel | Mapping[str, Any],
        answers: Mapping[str, str] | None = None,
        thread_id: str | None = None,
    ) -> ResultEvent:
        """Non-streaming: run, answer the questions from ``answers`` (each offered once, in the round that asks for
        it), and return the final event; questions left unanswered come back with the run still paused."""
        unused = dict(answers or {})

        def prepared(event: ResultEvent) -> Mapping[str, str] | None:
            wanted = {q.id: unused.pop(q.id) for q in event.questions if q.id in unused}
            return wanted or None

        return self.converse(last(self.run(skill, request, thread_id)), prepared)

    def paused(self, thread_id: str) -> ResultEvent | None:
        """Where a thread stands without running anything: its result so far and any questions; None when the
        thread is unknown."""
        snapshot = self.graph.get_state(_config(thread_id))
        if not snapshot or not snapshot.values:
            return None
        return self._result(snapshot, thread_id)

    def pending(self, thread_id: str) -> list[Question]:
        pause = self._pause(self.graph.get_state(_config(thread_id)))
        return pause.questions if pause else []

    def history(self, thread_id: str) -> list[Turn]:
        state = self.graph.get_state(_config(thread_id))
        return list(state.values.get("history", [])) if state and state.values else []

    def log_feedback(self, recipient: str, message: str, *, polarity: str, follow_up_days: int) -> LogItem:
        """Keep a delivered piece of feedback in the private log (SQLite in the data directory), with a follow-up."""
        from assistant.feedback_log import FeedbackLog

        log = FeedbackLog.in_data_dir(self.settings.ensure_data_dir())
        return log.add(recipient.strip() or "someone", message, polarity=polarity, follow_up_days=follow_up_days)

    def save_adr(self, result: AdrResult) -> Path:
        """Write a drafted ADR into its log: atomically, and never over an existing file (the number may have been
        taken since the draft: the error says so)."""
        from assistant.skills.adr.log import write_new

        folder = Path(result.log_dir)
        folder.mkdir(parents=True, exist_ok=True)
        return write_new(folder, result.file_name, result.markdown)

    def threads(self, skill: str | None = None, limit: int = 20) -> list[ThreadInfo]:
        """Conversations kept in the checkpointer, newest first (the UI's "resume" list)."""
        from assistant.threads import list_threads

        return list_threads(self.graph, skill=skill, limit=limit)

    def follow_ups_due(self) -> list[LogItem]:
        """Feedback whose follow-up date has come (the Home page's reminder)."""
        import datetime

        from assistant.feedback_log import FeedbackLog

        return FeedbackLog.in_data_dir(self.settings.ensure_data_dir()).items(due_on=datetime.date.today())

    def knowledge(self) -> KnowledgeBase:
        """The team's index (upload, ingest, stats, search, remove: the Knowledge page)."""
        from assistant.knowledge import KnowledgeBase

        return KnowledgeBase(self.settings)

    def add_upload(self, name: str, data: bytes, kind: str = "other") -> Path:
        """Keep a file added in the browser under the data directory's uploads/ (checked first: type, size,
        readable); index it with ``knowledge().ingest([uploads_dir])``."""
        from assistant.knowledge.uploads import save_upload

        return save_upload(self.settings.ensure_data_dir(), name, data, kind)

    def uploads_dir(self) -> Path:
        from assistant.knowledge.uploads import uploads_dir

        return uploads_dir(self.settings.ensure_data_dir())

    def remove_document(self, root: str, path: str) -> int:
        """Take a document out of the index (chunks removed); an uploaded one is deleted too, so it stays out."""
        from assistant.knowledge.uploads import delete_upload

        removed = self.knowledge().remove(root, path)
        delete_upload(self.settings.ensure_data_dir(), root, path)
        self.reindexed()
        return removed

    def reindexed(self) -> None:
        """After the index changed: the next run looks for it again (an empty index at start-up left no retriever,
        and a cached one would keep its old view of removed files)."""
        if self._auto_retriever:
            self._retriever = "auto"
        self._detector = None  # the roster may have changed with the documents

    def doctor(self) -> dict[str, Any]:
        from assistant.doctor import collect

        return collect(self.settings)

    def eval_history(self, folders: list[Path] | None = None) -> History:
        """Eval reports in ``folders`` (default: the data directory's, and the project's evals/reports)."""
        from assistant.evals.history import history

        return history(folders or [self.settings.data_dir / "eval-reports", Path("evals") / "reports"])

    def failing_cases(self, report: Path) -> list[FailingCase]:
        from assistant.evals.history import failing_cases

        try:
            return failing_cases(report)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the report {report.name}: {str(exc).splitlines()[0]}") from exc

    def stop(self, thread_id: str) -> bool:
        """Stop the run streaming on ``thread_id`` (the UI's Stop button): the embedded model gives up between two
        tokens and the run ends with ``Stopped``; False when nothing is running there."""
        event = self._stops.get(thread_id)
        if event is None or event.is_set():
            return False
        event.set()
        return True

    def _stream(self, graph_input: Any, tid: str) -> Iterator[Event]:
        import threading

        from assistant.llm.cancel import stoppable
        from assistant.privacy import shielded

        config = _config(tid)
        event = self._stops[tid] = threading.Event()
        shield = self._shield(tid)
        try:
            # The graph's node threads copy this context: their model calls see the event and the shield.
            with stoppable(event), shielded(shield):
                stream = self.graph.stream(
                    graph_input, config, context=(context := self._context()), stream_mode=["custom"], subgraphs=True
                )
                own = self._request_texts(graph_input, config)  # what streamed text may repeat and link to
                for _namespace, _mode, chunk in stream:
                    if chunk.get("type") == "token":
                        # Drawn as it arrives, before the result is screened: no image or script may ride on it.
                        yield TokenEvent(text=screen_stream(chunk["text"], own))
                    elif chunk.get("type") == "step":
                        yield StepEvent(node=chunk["node"], label=chunk["label"])
                    elif chunk.get("type") == "sources":
                        own.extend(chunk["texts"])
            hidden = shield.hidden() if shield else Hidden()
            result = self._result(self.graph.get_state(config), tid, replies_of(context.llm))
            yield result.model_copy(update={"hidden": hidden})
        except GeneratorExit:
            # Nobody reads the rest (the page was stopped or left): the model stops too, instead of holding the
            # lock for an answer no one will see while the next request waits.
            event.set()
            raise
        finally:
            if self._stops.get(tid) is event:
                del self._stops[tid]
            if shield is not None:
                self._masks[tid] = shield.mapping.to_dict()

    def _shield(self, tid: str) -> Shield | None:
        """The thread's pseudonymiser when privacy applies (docs/privacy.md): the team's roster as its documents
        list it plus ``privacy_roster``, and the placeholders the thread already uses."""
        if not self.settings.privacy_applies:
            return None
        from assistant.privacy import Pseudonymiser, Shield

        return Shield(Pseudonymiser(self.detector(), self._masks.get(tid)), self.settings.model)

    def detector(self) -> Detector:
        """What pseudonymisation hides: the team's roster as its documents list it plus ``privacy_roster``, other
        names, and personal details; read once per index."""
        from assistant.errors import KnowledgeError
        from assistant.privacy import Detector
        from assistant.skills.chat.people import roster

        if self._detector is None:
            try:
                team = [person.name for person in roster(self.retriever)]
            except KnowledgeError:
                team = []  # no index to read: the settings' names and the name detector still apply
            self._detector = Detector([*self.settings.privacy_roster, *team], self.settings.employee_id_pattern)
        detector: Detector = self._detector
        return detector

    def _material(self) -> Material:
        import datetime

        from assistant.helper import Material

        return Material(settings=self.settings, retriever=self.retriever, today=datetime.date.today())

    def helper_prompt(
        self, skill: str, request: BaseModel | Mapping[str, Any], *, private: bool = False
    ) -> HelperPrompt:
        """What ``skill`` knows before any model is asked, as one prompt for another chat tool (`coach prompt`,
        docs/prompt-helper.md); ``private`` hides people and personal details behind placeholders. No model call."""
        from assistant.helper import build

        return build(skill, request, self._material(), detector=self.detector() if private else None)

    def check_reply(
        self,
        skill: str,
        reply: str,
        request: BaseModel | Mapping[str, Any] | None = None,
        *,
        restore_id: str | None = None,
    ) -> ReplyCheck:
        """The checks ``skill`` runs on its own drafts, on a reply pasted back from another tool; ``restore_id``
        puts back the names a private helper prompt hid."""
        from assistant.helper import check_reply

        return check_reply(skill, reply, request, self._material(), restore_id=restore_id)

    def _request_texts(self, graph_input: Any, config: Any) -> list[str]:
        """The lead's words in this run: the request of a new run; for a resumed one, the checkpoint's request and the
        answers just given (a rehearsal's next line)."""
        from assistant.safety.screen import strings

        if isinstance(graph_input, dict):
            return list(strings(graph_input.get("request", {})))
        snapshot = self.graph.get_state(config)
        request = snapshot.values.get("request", {}) if snapshot and snapshot.values else {}
        return [*strings(request), *strings(getattr(graph_input, "resume", None))]

    def _result(self, snapshot: Any, tid: str, written: list[str] | None = None) -> ResultEvent:
        """``written``: the model's replies in the run that just ended; without them (a thread looked at later) the
        leak checks, which judge only the model's words, have nothing to judge."""
        skill = get_skill(snapshot.values["skill"])
        pause = self._pause(snapshot)
        data = pause.partial if pause else snapshot.values.get("result", {})
        # A paused run's partial result never went through the skill node's screen; a finished one did (screening is
        # idempotent). Only an index this service already opened is read for the document check.
        request = snapshot.values.get("request", {})
        data = screen_result(data, request, passages_of(self._retriever), written if written is not None else [])
        if "thread_id" in skill.result_model.model_fields:
            data = {**data, "thread_id": tid}
        output = skill.result_model.model_validate(data)
        return ResultEvent(skill=skill.name, thread_id=tid, output=output, questions=pause.questions if pause else [])

    @staticmethod
    def _pause(snapshot: Any) -> Pause | None:
        interrupts = getattr(snapshot, "interrupts", ()) if snapshot else ()
        return Pause.model_validate(interrupts[0].value) if interrupts else None


def _config(thread_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": thread_id}}
