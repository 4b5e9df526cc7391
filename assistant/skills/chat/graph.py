"""The chat subgraph: read (who is who) -> retrieve -> answer."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.graph.context import CoachContext
from assistant.graph.retrieve import retrieve_node
from assistant.skills.chat import nodes
from assistant.skills.chat.state import ChatState


def build() -> Any:
    graph = StateGraph(ChatState, context_schema=CoachContext)
    graph.add_node("read", nodes.read)
    graph.add_node("retrieve", retrieve_node(nodes.retrieval))
    graph.add_node("chat_answer", nodes.chat_answer)
    graph.add_edge(START, "read")
    graph.add_edge("read", "retrieve")
    graph.add_edge("retrieve", "chat_answer")
    graph.add_edge("chat_answer", END)
    return graph.compile()
