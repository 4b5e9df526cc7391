"""The feedback coach's subgraph:

sbi_classify ──> sbi_lint ──(facts missing)──> sbi_ask ──interrupt──> (answers) ──> sbi_classify  (at most 2 rounds)
                    │ (enough facts)                                   └──(still missing)──> sbi_finish
                    └──> retrieve (norms) ──> draft loop (draft -> check -> revise, at most twice) ──> sbi_finish

sbi_classify asks the model only about stated facts whose kind code cannot decide (classify.py).
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.graph.context import CoachContext
from assistant.graph.retrieve import retrieve_node
from assistant.skills.loop import DraftLoop
from assistant.skills.sbi import nodes
from assistant.skills.sbi.models import SBIReply
from assistant.skills.sbi.prompt import DRAFT_MAX_TOKENS, REVISE_PROMPT
from assistant.skills.sbi.review import badness, revise_problems, worth_revising
from assistant.skills.sbi.state import SBIState

MAX_REVISIONS = 2
# Temperature low: the draft should restate the lead's facts, not be creative with them.
DRAFT_TEMPERATURE = 0.1


def draft_loop() -> DraftLoop[SBIReply]:
    return DraftLoop(
        schema=SBIReply,
        prompt=nodes.state_prompt,
        revise_prompt_id=REVISE_PROMPT,
        review=nodes.review,
        worth_revising=worth_revising,
        revise_lines=revise_problems,
        badness=badness,
        max_revisions=MAX_REVISIONS,
        max_tokens=DRAFT_MAX_TOKENS,
        temperature=DRAFT_TEMPERATURE,
    )


def build() -> Any:
    graph = StateGraph(SBIState, context_schema=CoachContext)
    graph.add_node("sbi_classify", nodes.sbi_classify)
    graph.add_node("sbi_lint", nodes.sbi_lint)
    graph.add_node("sbi_ask", nodes.sbi_ask)
    graph.add_node("retrieve", retrieve_node(nodes.retrieval))
    graph.add_node("draft_loop", draft_loop().build(SBIState))
    graph.add_node("sbi_finish", nodes.sbi_finish)
    graph.add_edge(START, "sbi_classify")
    graph.add_edge("sbi_classify", "sbi_lint")
    graph.add_conditional_edges("sbi_lint", nodes.after_lint)
    graph.add_edge("sbi_ask", "sbi_classify")
    graph.add_edge("retrieve", "draft_loop")
    graph.add_edge("draft_loop", "sbi_finish")
    graph.add_edge("sbi_finish", END)
    return graph.compile()
