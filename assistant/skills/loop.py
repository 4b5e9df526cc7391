"""Draft -> check -> revise -> best: the loop every writing skill uses (SBI now; status updates and ADRs next).

The skill supplies the prompt, the schema the model fills, the review (repair plus findings), which findings are
worth a revision, the revise lines and how to rank drafts. The loop supplies the rest: one structured call, checks,
at most ``max_revisions`` revise turns that replay the whole exchange (so llama.cpp reuses the prefix it has read),
and the least-flagged draft wins: a revision that comes back worse never replaces a better draft.

The loop is a compiled subgraph over the skill's own state schema, added to the skill's graph as one node. The skill
state must declare ``draft`` and ``best`` (its draft model, or None) and include ``LoopFields``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypedDict, TypeVar

from langgraph.graph import START, StateGraph
from langgraph.runtime import Runtime
from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.base import Finding, Severity
from assistant.errors import BrokenReply
from assistant.graph.context import CoachContext
from assistant.prompts import Message, RenderedPrompt, load_prompt

D = TypeVar("D", bound=BaseModel)
# The skill's state TypedDict (it declares ``draft`` and ``best`` and includes ``LoopFields``); the loop reads only
# those keys, and LangGraph needs the concrete schema, so it is typed loosely here.
State = Any


class DraftTurn(BaseModel):
    """One draft exactly as the model wrote it, and the problems the checks found in it (the next revise turn)."""

    model_config = ConfigDict(extra="forbid")

    reply: str
    problems: list[str] = Field(default_factory=list)


class LoopFields(TypedDict, total=False):
    turns: list[DraftTurn]
    findings: list[Finding]  # on the current draft
    revisions: int
    best_findings: list[Finding] | None  # on ``best``; None until the first draft is checked
    broken: bool  # a revision came back in broken JSON: revise no more


def build_revise_prompt(base: RenderedPrompt, turns: Sequence[DraftTurn], revise_prompt_id: str) -> RenderedPrompt:
    """The whole exchange so far: each draft as the model wrote it, then the problems found in it (rendered with the
    skill's revise prompt, which takes ``$problems``)."""
    extra: list[Message] = []
    revise = load_prompt(revise_prompt_id)
    for turn in turns:
        extra.append(Message(role="assistant", content=turn.reply))
        problems = "\n".join(f"- {p}" for p in turn.problems)
        extra.extend(revise.render(problems=problems).messages)
    # Logged and reported under the revise prompt's id, so a report tells drafts from revisions.
    return base.extended(*extra).model_copy(update={"id": revise.id, "version": revise.version})


@dataclass(frozen=True)
class DraftLoop(Generic[D]):
    schema: type[D]
    prompt: Callable[[State], RenderedPrompt]
    revise_prompt_id: str
    review: Callable[[D, State], tuple[D, list[Finding]]]
    worth_revising: Callable[[Finding], bool]
    revise_lines: Callable[[Sequence[Finding]], list[str]]
    badness: Callable[[Sequence[Finding]], tuple[int, ...]]
    max_revisions: int = 2
    max_tokens: int | None = None
    temperature: float | None = None
    # A narrower schema for some runs (executives' status updates allow no next steps): the grammar, not a rule in
    # the prompt, keeps the model from writing what would be cut anyway. Must be a subclass of ``schema``.
    schema_for: Callable[[State], type[D]] | None = None

    def _call(self, state: State, prompt: RenderedPrompt, runtime: Runtime[CoachContext]) -> tuple[D, str]:
        schema = self.schema_for(state) if self.schema_for is not None else self.schema
        result = runtime.context.llm.structured(
            prompt, schema, max_tokens=self.max_tokens, temperature=self.temperature
        )
        return result.value, result.completions[-1].text

    def draft(self, state: State, runtime: Runtime[CoachContext]) -> dict[str, Any]:
        _step(runtime, "draft", f"Drafting with {runtime.context.llm.model}")
        value, reply = self._call(state, self.prompt(state), runtime)
        # A new draft starts afresh: nothing of an earlier draft's turns or best survives.
        return {
            "draft": value,
            "turns": [DraftTurn(reply=reply)],
            "revisions": 0,
            "best": None,
            "best_findings": None,
            "broken": False,
        }

    def check(self, state: State, runtime: Runtime[CoachContext]) -> dict[str, Any]:
        _step(runtime, "check", "Checking the draft")
        draft, findings = self.review(state["draft"], state)
        update: dict[str, Any] = {"draft": draft, "findings": findings}
        best_findings = state.get("best_findings")
        if best_findings is None or self.badness(findings) < self.badness(best_findings):
            update |= {"best": draft, "best_findings": findings}
        return update

    def after_check(self, state: State) -> Literal["revise", "__end__"]:
        wanted = any(self.worth_revising(f) for f in state.get("findings", []))
        more = state.get("revisions", 0) < self.max_revisions and not state.get("broken", False)
        return "revise" if wanted and more else "__end__"

    def revise(self, state: State, runtime: Runtime[CoachContext]) -> dict[str, Any]:
        revision = state.get("revisions", 0) + 1
        _step(runtime, "revise", f"Revising the draft ({revision}/{self.max_revisions})")
        turns = list(state["turns"])
        turns[-1] = turns[-1].model_copy(update={"problems": self.revise_lines(state.get("findings", []))})
        prompt = build_revise_prompt(self.prompt(state), turns, self.revise_prompt_id)
        try:
            value, reply = self._call(state, prompt, runtime)
        except BrokenReply as exc:
            # A revision the model answers twice in broken JSON must not cost the lead the draft already written and
            # checked: keep the best one, say so, and revise no more (the check that follows re-reads it). Timeouts,
            # Stop and replay misses still raise: they are not the model's answer.
            _step(runtime, "revise", f"The revision failed ({exc}); keeping the checked draft")
            return {"draft": state["best"], "turns": turns, "revisions": revision, "broken": True}
        return {"draft": value, "turns": [*turns, DraftTurn(reply=reply)], "revisions": revision}

    def build(self, state_schema: type) -> Any:
        """The loop as a subgraph over the skill's state: draft -> check -> (revise -> check)* -> end."""
        graph: StateGraph[Any, CoachContext, Any, Any] = StateGraph(state_schema, context_schema=CoachContext)
        graph.add_node("draft", self.draft)
        graph.add_node("check", self.check)
        graph.add_node("revise", self.revise)
        graph.add_edge(START, "draft")
        graph.add_edge("draft", "check")
        graph.add_conditional_edges("check", self.after_check)
        graph.add_edge("revise", "check")
        return graph.compile()


def _step(runtime: Runtime[CoachContext], node: str, label: str) -> None:
    runtime.stream_writer({"type": "step", "node": node, "label": label})


def ranked(found: Sequence[Finding], worth_revising: Callable[[Finding], bool]) -> tuple[int, int, int]:
    """How bad a draft is, for choosing the best: errors, then what a revision could fix, then everything."""
    errors = sum(f.severity is Severity.ERROR for f in found)
    return errors, sum(map(worth_revising, found)), len(found)


def quoted(finding: Finding, default: str = "") -> str:
    """The flagged words in quotes, for a revise line ("40%" is not in the notes), when they are short."""
    text = finding.span.text if finding.span else ""
    return f'"{text}"' if text and len(text) < 80 else default


def describe(found: Sequence[Finding]) -> list[str]:
    """Findings as the lines a result lists as still flagged."""
    return [f"{f.rule}: {f.message}" + (f' ("{f.span.text}")' if f.span and f.span.text else "") for f in found]
