"""The chat skill's nodes: read who is who (code) -> retrieve the team's guides first -> answer: code quotes the
guidance, the model writes at most three steps (JSON under a grammar), code puts the answer together."""

from __future__ import annotations

import functools
from typing import Any

from langgraph.runtime import Runtime

from assistant.checks.text import word_runs
from assistant.errors import LLMError
from assistant.graph.context import CoachContext
from assistant.graph.retrieve import RetrievalSpec
from assistant.prompts import load_prompt
from assistant.skills.chat.compose import opening, steps_text
from assistant.skills.chat.guidance import pick, search_query
from assistant.skills.chat.models import ChatOutput, ChatSteps
from assistant.skills.chat.people import counterpart, roster
from assistant.skills.chat.prompt import PROMPT_ID, build_prompt
from assistant.skills.chat.state import ChatState
from assistant.skills.grounding import invalid_citations

# Where a coaching answer's guidance comes from: the handbook's guides, agreements, processes and templates. Status
# reports and ADRs come after, for questions about what the team decided or reported.
GUIDE_TYPES = ("guide", "ladder", "agreement", "process", "template", "handbook")
GUIDE_CHUNKS = 4
OTHER_CHUNKS = 2
# Three steps of at most 180 characters, plus the JSON around them.
MAX_TOKENS = 220


@functools.cache
def _example_runs() -> frozenset[tuple[str, ...]]:
    """Five-word runs of the prompt's worked examples: the model copied whole example steps into answers about
    other people ("Ask Tomas for twenty minutes this week…")."""
    examples = " ".join(m.content for m in load_prompt(PROMPT_ID).examples if m.role == "assistant")
    return frozenset(word_runs(examples, 5))


def copies_example(step: str) -> bool:
    return bool(word_runs(step, 5) & _example_runs())


def read(state: ChatState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    role, name = counterpart(state["question"], roster(runtime.context.retriever))
    return {"role": role, "counterpart": name}


def retrieval(state: ChatState) -> list[RetrievalSpec]:
    query = search_query(state["question"], state.get("role", "none"))
    return [
        RetrievalSpec(query=query, doc_types=GUIDE_TYPES, k=GUIDE_CHUNKS),
        RetrievalSpec(query=query, k=OTHER_CHUNKS),
    ]


def chat_answer(state: ChatState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    question, role = state["question"], state.get("role", "none")
    sources, notes = state.get("sources", []), list(state.get("notes", []))
    guidance = pick(question, role, sources, GUIDE_TYPES)
    first = opening(guidance, notes)
    # The quote is ready before the model starts: show it at once, then the steps when they are written.
    runtime.stream_writer({"type": "token", "text": first})
    runtime.stream_writer({"type": "step", "node": "chat_answer", "label": f"Writing next steps with {ctx.llm.model}"})
    name = state.get("counterpart")
    prompt = build_prompt(question, role, guidance, state.get("history", []), name)
    try:
        written = ctx.llm.structured(prompt, ChatSteps, max_tokens=MAX_TOKENS, temperature=0.2).value.steps
        steps = [step for step in written if not copies_example(step)]
        if len(steps) < len(written):
            notes.append("A step copied from the coach's own worked example was left out.")
    except LLMError as exc:
        if not exc.raw:
            raise  # the model is down or timed out: the turn fails visibly and the message is kept for a retry
        # Two unusable replies: the guidance still stands on its own; say the steps are missing.
        steps = []
        notes.append(f"No next steps this time: {exc.message}")
    rest = steps_text(steps)
    if rest:
        runtime.stream_writer({"type": "token", "text": rest})
    answer = first + rest
    bad = invalid_citations(answer, sources)
    output = ChatOutput(
        answer=answer, sources=sources, notes=notes, invalid_citations=bad, thread_id="",
        role=role, counterpart=name, guidance=guidance, steps=steps,
    )  # fmt: skip
    return {"guidance": guidance, "result": output}
