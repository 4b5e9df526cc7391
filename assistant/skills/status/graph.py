"""The status-update subgraph: gather (code) -> draft loop (draft -> check -> revise, at most twice) -> ask (pauses
for the gaps only when the lead asked to be asked) -> finish."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.graph.context import CoachContext
from assistant.skills.loop import DraftLoop
from assistant.skills.status import nodes, review
from assistant.skills.status.models import StatusDraft
from assistant.skills.status.state import StatusState

MAX_REVISIONS = 2
DRAFT_TEMPERATURE = 0.1  # restate the notes, do not be creative with them


def draft_loop() -> DraftLoop[StatusDraft]:
    return DraftLoop(
        schema=StatusDraft,
        prompt=nodes.state_prompt,
        revise_prompt_id=nodes.REVISE_PROMPT,
        review=nodes.check,
        worth_revising=review.worth_revising,
        revise_lines=review.revise_lines,
        badness=review.badness,
        max_revisions=MAX_REVISIONS,
        max_tokens=nodes.DRAFT_MAX_TOKENS,
        temperature=DRAFT_TEMPERATURE,
        schema_for=nodes.schema_for,
    )


def build() -> Any:
    graph = StateGraph(StatusState, context_schema=CoachContext)
    graph.add_node("gather", nodes.gather)
    graph.add_node("draft_loop", draft_loop().build(StatusState))
    graph.add_node("ask", nodes.ask)
    graph.add_node("finish", nodes.finish)
    graph.add_edge(START, "gather")
    graph.add_edge("gather", "draft_loop")
    graph.add_edge("draft_loop", "ask")
    graph.add_edge("ask", "finish")
    graph.add_edge("finish", END)
    return graph.compile()
