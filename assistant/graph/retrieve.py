"""The retrieval step every skill can use: a node factory that takes a typed spec from the skill's own state.

A skill says what to search for (query, document types, how many chunks) by returning a ``RetrievalSpec`` from its
state; nothing of it is stored where another skill, or a later run on the thread, could read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from langgraph.runtime import Runtime
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import KnowledgeError
from assistant.graph.context import CoachContext, Retriever
from assistant.knowledge.models import Hit
from assistant.safety.passages import LEFT_OUT, screen_passage
from assistant.skills.grounding import Source, relevant, to_source

NOT_INDEXED = "The team's documents are not indexed yet, so nothing was retrieved: run `coach ingest`."
NOTHING_FOUND = "No team document matched this question, so this answer draws on general practice only."

S = TypeVar("S")  # the skill's state


class RetrievalSpec(BaseModel):
    """What a skill wants from the team's documents. ``k=None`` takes the context's default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    query: str
    doc_types: tuple[str, ...] | None = None
    k: int | None = Field(None, ge=1, le=50)


def retrieve_node(spec_of: Callable[[S], RetrievalSpec | Sequence[RetrievalSpec]]) -> Any:
    """A node that searches with the skill's spec(s) and returns ``sources`` (``Source`` models) and ``notes``. Several
    specs are searched in order and merged without duplicates, so a skill can ask for its guides first and anything
    else after. (Typed ``Any`` because LangGraph matches nodes by their parameter names, which a ``Callable`` type
    cannot carry.)"""

    def retrieve(state: S, runtime: Runtime[CoachContext]) -> dict[str, Any]:
        ctx = runtime.context
        wanted = spec_of(state)
        specs = [wanted] if isinstance(wanted, RetrievalSpec) else list(wanted)
        runtime.stream_writer({"type": "step", "node": "retrieve", "label": "Searching the team's documents"})
        if ctx.retriever is None or not any(spec.query.strip() for spec in specs):
            return {"sources": [], "notes": [NOT_INDEXED] if ctx.retriever is None else []}
        try:
            sources, notes = search(ctx.retriever, specs, ctx.top_k)
        except KnowledgeError as exc:
            # Advice without documents is still useful; say why the sources are missing instead of failing.
            return {"sources": [], "notes": [unavailable(exc)]}
        # For the service's screen of streamed text: what the run retrieved may be quoted (assistant/safety/screen.py).
        runtime.stream_writer({"type": "sources", "texts": [source.text for source in sources]})
        return {"sources": sources, "notes": notes}

    return retrieve


def search(retriever: Retriever, specs: Sequence[RetrievalSpec], top_k: int) -> tuple[list[Source], list[str]]:
    """The sources for ``specs`` (screened, relevant, without duplicates) and the notes about them; outside a graph
    too, so `coach prompt` hands another tool exactly the passages the skill would read. Raises ``KnowledgeError``."""
    kept: dict[str, Hit] = {}
    screened_out: dict[str, None] = {}  # citations of passages that held words for a model, in order
    for spec in specs:
        hits = retriever.search(spec.query, k=spec.k or top_k, doc_types=spec.doc_types)
        for hit in relevant(spec.query, [screened(hit, screened_out) for hit in hits]):
            if hit.text.strip() or hit.citation not in screened_out:  # nothing left of it but the attack
                kept.setdefault(hit.citation, hit)
    notes = [LEFT_OUT.format(citation=citation) for citation in screened_out if citation in kept]
    return [to_source(hit) for hit in kept.values()], notes if kept else [NOTHING_FOUND]


def unavailable(exc: KnowledgeError) -> str:
    fix = f"; {exc.hint}" if exc.hint else ""  # e.g. how to rebuild a damaged index
    return f"Team documents unavailable: {exc.message}{fix}"


def screened(hit: Hit, screened_out: dict[str, None]) -> Hit:
    """The hit without the sentences that speak to an AI assistant (assistant/safety/passages.py), before anything
    reads it: relevance, the quote, the prompt, the sources shown. Its citation is noted when something was cut."""
    text, cut = screen_passage(hit.text)
    if not cut:
        return hit
    screened_out[hit.citation] = None
    return hit.model_copy(update={"text": text})
