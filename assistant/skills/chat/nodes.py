"""The chat skill's nodes: retrieval takes the question as it is; the answer streams token by token."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from assistant.graph.context import CoachContext
from assistant.graph.retrieve import RetrievalSpec
from assistant.skills.chat.models import ChatOutput
from assistant.skills.chat.prompt import build_prompt
from assistant.skills.chat.state import ChatState
from assistant.skills.grounding import invalid_citations


def retrieval(state: ChatState) -> RetrievalSpec:
    return RetrievalSpec(query=state["question"])


def chat_answer(state: ChatState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    question = state["question"]
    sources = state.get("sources", [])
    prompt = build_prompt(question, state.get("history", []), sources)
    runtime.stream_writer({"type": "step", "node": "chat_answer", "label": f"Asking {ctx.llm.model}"})
    completion = ctx.llm.complete(prompt, on_token=lambda t: runtime.stream_writer({"type": "token", "text": t}))
    answer = completion.text.strip()
    bad = invalid_citations(answer, sources)
    notes = list(state.get("notes", []))
    if bad:
        notes.append("Not found among the retrieved documents, so treat as unsupported: " + ", ".join(bad))
    output = ChatOutput(answer=answer, sources=sources, notes=notes, invalid_citations=bad, thread_id="")
    return {"result": output}
