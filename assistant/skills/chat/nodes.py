"""The chat skill's nodes: read who is who (code) -> retrieve the team's guides first -> answer: code quotes the
guidance, the model writes at most three steps (JSON under a grammar), code puts the answer together."""

from __future__ import annotations

import functools
import re
from typing import Any

from langgraph.runtime import Runtime

from assistant.checks import run_checks
from assistant.checks.text import word_runs
from assistant.errors import LLMError
from assistant.graph.context import CoachContext
from assistant.graph.retrieve import RetrievalSpec
from assistant.prompts import Message, RenderedPrompt, load_prompt
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
    """Five-word runs of the prompt's worked example steps: the model copied whole example steps into answers about
    other people ("Ask Tomas for twenty minutes this week…")."""
    prompt = load_prompt(PROMPT_ID)
    steps = [
        step
        for m in prompt.examples
        if m.role == "assistant"
        for step in ChatSteps.model_validate_json(m.content).steps
    ]
    # The playbooks' own words are there to be used ("in your next 1:1"): only what the examples add is a copy.
    shared = set().union(*(word_runs(text, 5) for text in [prompt.system, *prompt.parts.values()]))
    return frozenset(set().union(*(word_runs(step, 5) for step in steps)) - shared)


# A step is the example's when this share of its five-word runs comes from the examples. One shared run is common
# phrasing ("then ask what made"); a copied step shares most of them.
COPIED_SHARE = 0.3


def copies_example(step: str) -> bool:
    runs = word_runs(step, 5)
    return bool(runs) and len(runs & _example_runs()) / len(runs) >= COPIED_SHARE


# Judgements the question carried that a step must not repeat ("Agree that Marcus is unreliable", from a pasted
# message): the same rules that check the lead's own notes.
_JUDGING = frozenset({"tone.label", "tone.intent", "tone.sarcasm"})


def labels_someone(step: str) -> bool:
    return any(finding.rule in _JUDGING for finding in run_checks(step, "note"))


def read(state: ChatState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    role, name = counterpart(state["question"], roster(runtime.context.retriever))
    return {"role": role, "counterpart": name}


def retrieval(state: ChatState) -> list[RetrievalSpec]:
    query = search_query(state["question"], state.get("role", "none"))
    return [
        RetrievalSpec(query=query, doc_types=GUIDE_TYPES, k=GUIDE_CHUNKS),
        RetrievalSpec(query=query, k=OTHER_CHUNKS),
    ]


# Sent back once when every step was left out, so the answer is not the quote alone.
ALL_LEFT_OUT = (
    "every step repeated the worked example's wording or put a label on someone. Write steps for this question "
    "only, in your own words, about what the lead can do."
)


def without_instruction(step: str, playbook: str) -> str:
    """A step that opens with one of the playbook's own instructions, word for word, as a label keeps only what
    follows it: read in the embedded model's answer to the Home page's example, "Name the first concrete thing a tech
    lead would do: give feedback…" and "How to check it worked: ask if…". Five words at least, so a step of its own
    ("Agree on one change: …", "In your next 1:1, …") is left alone."""
    head, colon, rest = step.partition(": ")
    words = re.findall(r"[a-z0-9']+", head.lower())
    said = " " + " ".join(re.findall(r"[a-z0-9']+", playbook.lower())) + " "
    if not colon or not rest.strip() or len(words) < 5 or f" {' '.join(words)} " not in said:
        return step
    rest = rest.strip()
    return rest[0].upper() + rest[1:]


def _usable(written: list[str], notes: list[str], playbook: str = "") -> list[str]:
    written = [without_instruction(step, playbook) for step in written]
    steps = [step for step in written if not copies_example(step)]
    if len(steps) < len(written):
        notes.append("A step copied from the coach's own worked example was left out.")
    kept = [step for step in steps if not labels_someone(step)]
    if len(kept) < len(steps):
        notes.append("A step that put a label on someone was left out.")
    return kept


def _write_steps(ctx: CoachContext, prompt: RenderedPrompt, notes: list[str], playbook: str) -> list[str]:
    """The model's steps without copies of the worked examples or labels; asked once more when none is left (seen:
    a question close to an example's topic got the example's three steps back, and an answer with no steps)."""
    reply = ctx.llm.structured(prompt, ChatSteps, max_tokens=MAX_TOKENS, temperature=0.2)
    steps = _usable(reply.value.steps, notes, playbook)
    if steps or not reply.value.steps:
        return steps
    again = prompt.extended(
        Message(role="assistant", content=reply.completions[-1].text),
        *load_prompt("json_repair").render(error=ALL_LEFT_OUT).messages,
    )
    return _usable(
        ctx.llm.structured(again, ChatSteps, max_tokens=MAX_TOKENS, temperature=0.2).value.steps, notes, playbook
    )


def chat_answer(state: ChatState, runtime: Runtime[CoachContext]) -> dict[str, Any]:
    ctx = runtime.context
    question, role = state["question"], state.get("role", "none")
    sources, notes = state.get("sources", []), list(state.get("notes", []))
    # The index's embedder ranks the sentences by meaning too; a stand-in retriever without one ranks by words alone.
    similar = getattr(ctx.retriever, "similarity", None)
    guidance = pick(question, role, sources, GUIDE_TYPES, similar)
    first = opening(guidance, notes)
    # The quote is ready before the model starts: show it at once, then the steps when they are written.
    runtime.stream_writer({"type": "token", "text": first})
    runtime.stream_writer({"type": "step", "node": "chat_answer", "label": f"Writing next steps with {ctx.llm.model}"})
    name = state.get("counterpart")
    prompt = build_prompt(question, role, guidance, state.get("history", []), name)
    try:
        steps = _write_steps(ctx, prompt, notes, load_prompt(PROMPT_ID).parts.get(role, ""))
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
