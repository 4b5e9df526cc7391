"""The compiled parent graph: START -> route to the requested skill's node -> END.

Each skill's node validates the input once, runs the skill's subgraph from a fresh state (interrupts inside it are
saved by the injected checkpointer, and resume there), and returns only the result and any new conversation turns.
Called by the service; the checkpointer is injected so tests use memory.
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from assistant.errors import InputError
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState
from assistant.safety.replies import replies_of
from assistant.safety.screen import passages_of, screen_result
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

    def run_skill(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
        request = skill.parse(state["request"])
        final = subgraph.invoke(skill.start(request, state.get("history", [])))
        # Screened here, before the conversation turns are taken from it, so what a later turn, a reloaded page and
        # every front end read is what the lead may be shown (assistant/safety/screen.py).
        data = screen_result(skill.result_of(final).model_dump(mode="json"), state["request"],
                             passages_of(runtime.context.retriever), replies_of(runtime.context.llm))  # fmt: skip
        result = skill.result_model.model_validate(data)
        update: dict[str, Any] = {"result": data}
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
