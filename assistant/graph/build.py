"""Building the compiled graph. Called by the service; the checkpointer is injected so tests use memory."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.graph import nodes
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState


def build_graph(checkpointer: Any = None) -> Any:
    graph = StateGraph(CoachState, context_schema=CoachContext)
    graph.add_node("retrieve", nodes.retrieve)
    graph.add_node("chat_answer", nodes.chat_answer)
    graph.add_conditional_edges(START, nodes.route_skill, {"chat": "retrieve"})
    graph.add_edge("retrieve", "chat_answer")
    graph.add_edge("chat_answer", END)
    return graph.compile(checkpointer=checkpointer)
