"""The rehearsal subgraph:

open_scene ──> listen ──interrupt──> (the lead's line) ──> respond ──> listen …
                 └──(/debrief, or the turn limit)──> debrief ──> END
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.graph.context import CoachContext
from assistant.skills.rehearse import nodes
from assistant.skills.rehearse.state import RehearseState


def build() -> Any:
    graph = StateGraph(RehearseState, context_schema=CoachContext)
    graph.add_node("open_scene", nodes.open_scene)
    graph.add_node("listen", nodes.listen)
    graph.add_node("respond", nodes.respond)
    graph.add_node("debrief", nodes.debrief_node)
    graph.add_edge(START, "open_scene")
    graph.add_edge("open_scene", "listen")
    graph.add_conditional_edges("listen", nodes.after_listen)
    graph.add_edge("respond", "listen")
    graph.add_edge("debrief", END)
    return graph.compile()
