"""Building the compiled graph. Called by the service; the checkpointer is injected so tests use memory."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.graph import nodes, sbi_nodes
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState


def build_graph(checkpointer: Any = None) -> Any:
    graph = StateGraph(CoachState, context_schema=CoachContext)
    graph.add_node("retrieve", nodes.retrieve)
    graph.add_node("chat_answer", nodes.chat_answer)
    graph.add_conditional_edges(START, nodes.route_skill, {"chat": "retrieve", "sbi": "sbi_lint"})
    graph.add_conditional_edges("retrieve", nodes.after_retrieve)
    graph.add_edge("chat_answer", END)
    _add_sbi(graph)
    return graph.compile(checkpointer=checkpointer)


def _add_sbi(graph: StateGraph[Any, Any, Any, Any]) -> None:
    """lint -> (ask -> lint)* -> retrieve -> draft -> check -> (revise -> check){0,2} -> finish."""
    graph.add_node("sbi_lint", sbi_nodes.sbi_lint)
    graph.add_node("sbi_ask", sbi_nodes.sbi_ask)
    graph.add_node("sbi_draft", sbi_nodes.sbi_draft)
    graph.add_node("sbi_check", sbi_nodes.sbi_check)
    graph.add_node("sbi_revise", sbi_nodes.sbi_revise)
    graph.add_node("sbi_finish", sbi_nodes.sbi_finish)
    graph.add_conditional_edges("sbi_lint", sbi_nodes.after_lint)
    graph.add_edge("sbi_ask", "sbi_lint")
    graph.add_edge("sbi_draft", "sbi_check")
    graph.add_conditional_edges("sbi_check", sbi_nodes.after_check)
    graph.add_edge("sbi_revise", "sbi_check")
    graph.add_edge("sbi_finish", END)
