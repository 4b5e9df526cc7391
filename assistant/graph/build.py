"""The compiled parent graph: START -> route to the requested skill's node -> END.

Each skill's node validates the input once, runs the skill's subgraph from a fresh state (interrupts inside it are
saved by the injected checkpointer, and resume there), and returns only the result and any new conversation turns.
Called by the service; the checkpointer is injected so tests use memory.
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from assistant.errors import InputError
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState
from assistant.skills.base import Skill
from assistant.skills.registry import SKILLS, SkillName, all_skills


def route(state: CoachState) -> SkillName:
    """The skill a run enters. An unknown name is an error, not a fall-through to chat."""
    name = state.get("skill", "")
    if name not in SKILLS:
        raise InputError(f"unknown skill {name!r}", hint=f"known skills: {', '.join(SKILLS)}")
    return name  # type: ignore[return-value]  # checked against the registry just above


def skill_node(skill: Skill[Any, Any]) -> Any:
    subgraph = skill.build()

    def run_skill(state: CoachState) -> dict[str, Any]:
        request = skill.parse(state["request"])
        final = subgraph.invoke(skill.start(request, state.get("history", [])))
        result = skill.result_of(final)
        update: dict[str, Any] = {"result": result.model_dump(mode="json")}
        if skill.turns is not None:
            update["history"] = skill.turns(request, result)
        return update

    run_skill.__name__ = f"run_{skill.name}"
    return run_skill


def build_graph(checkpointer: Any = None) -> Any:
    graph = StateGraph(CoachState, context_schema=CoachContext)
    for skill in all_skills():
        graph.add_node(skill.name, skill_node(skill))
        graph.add_edge(skill.name, END)
    graph.add_conditional_edges(START, route, {name: name for name in SKILLS})
    return graph.compile(checkpointer=checkpointer)
