"""Graph nodes shared by every skill. Each takes the state (and the injected runtime) and returns a partial dict."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime

from assistant.errors import KnowledgeError
from assistant.graph.context import CoachContext
from assistant.graph.state import CoachState
from assistant.skills import chat
from assistant.skills.grounding import Source, invalid_citations, relevant, to_source

NOT_INDEXED = "The team's documents are not indexed yet, so nothing was retrieved: run `coach ingest`."


def route_skill(state: CoachState) -> Literal["chat", "sbi"]:
    """Which skill flow a request enters; more skills add their entry node here."""
    return "sbi" if state.get("skill") == "sbi" else "chat"


def after_retrieve(state: CoachState) -> Literal["chat_answer", "sbi_draft"]:
    """Retrieval is shared; what uses the documents depends on the skill."""
    return "sbi_draft" if state.get("skill") == "sbi" else "chat_answer"


def retrieval_query(state: CoachState) -> str:
    return str(state.get("skill_input", {}).get("query") or state.get("question", ""))


def retrieve(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    query = retrieval_query(state)
    runtime.stream_writer({"type": "step", "node": "retrieve", "label": "Searching the team's documents"})
    if ctx.retriever is None or not query.strip():
        return {"sources": [], "notes": [NOT_INDEXED] if ctx.retriever is None else []}
    # A skill may narrow retrieval (e.g. SBI wants one or two short norms, not status reports): every chunk in a
    # prompt costs seconds on the embedded model.
    skill_input = state.get("skill_input", {})
    doc_types = skill_input.get("doc_types") or None
    k = int(skill_input.get("top_k") or ctx.top_k)
    try:
        hits = ctx.retriever.search(query, k=k, doc_types=doc_types)
    except KnowledgeError as exc:
        # Advice without documents is still useful; say why the sources are missing instead of failing the turn.
        return {"sources": [], "notes": [f"Team documents unavailable: {exc.message}"]}
    kept = relevant(query, hits)
    notes = [] if kept else [chat.NOTHING_FOUND]
    return {"sources": [to_source(hit).model_dump() for hit in kept], "notes": notes}


def chat_answer(state: CoachState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    question = state["question"]
    sources = [Source.model_validate(s) for s in state.get("sources", [])]
    prompt = chat.build_prompt(question, state.get("history", []), sources)
    runtime.stream_writer({"type": "step", "node": "chat_answer", "label": f"Asking {ctx.settings.model}"})
    completion = ctx.llm.complete(prompt, on_token=lambda t: runtime.stream_writer({"type": "token", "text": t}))
    answer = completion.text.strip()
    bad = invalid_citations(answer, sources)
    notes = list(state.get("notes", []))
    if bad:
        notes.append("Not found among the retrieved documents, so treat as unsupported: " + ", ".join(bad))
    return {
        "answer": answer,
        "notes": notes,
        "history": [{"role": "user", "content": question}, {"role": "assistant", "content": answer}],
    }
