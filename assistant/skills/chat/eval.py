"""The general chat skill as an eval subject: a question in, a grounded answer with sources out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.evals.adapters import Observation, SkillAdapter, SkillRun
from assistant.graph.retrieve import NOTHING_FOUND
from assistant.skills.chat.models import ChatInput, ChatOutput
from assistant.skills.grounding import cited

if TYPE_CHECKING:
    from assistant.service import CoachService


# Sentences shorter than this repeat legitimately ("Ask why."); longer repeats mean the model is looping.
_MIN_REPEAT_WORDS = 4


def repeated_sentences(text: str) -> int:
    """How many sentences repeat an earlier one word for word: small models under a token limit tend to loop."""
    seen: set[str] = set()
    repeats = 0
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            words = re.sub(r"\W+", " ", sentence.lower()).split()
            if len(words) < _MIN_REPEAT_WORDS:
                continue
            key = " ".join(words)
            repeats += key in seen
            seen.add(key)
    return repeats


def run(service: CoachService, request: ChatInput, thread_id: str) -> SkillRun[ChatOutput]:
    # A thread per case, so no case sees another's history.
    event = service.complete("chat", request, thread_id=request.thread_id or thread_id)
    return SkillRun(output=event.output_as(ChatOutput))


def observe(request: ChatInput, output: ChatOutput) -> Observation:
    answer = output.answer
    return Observation(
        text=answer,
        sources=list(output.sources),
        inputs=[request.message],
        properties={
            "has_sources": bool(output.sources),
            "cites": bool(cited(answer)),
            "nothing_found": NOTHING_FOUND in output.notes,
            "asks_question": "?" in answer,
            "words": len(answer.split()),
            "citations": len(cited(answer)),
            "repeats": repeated_sentences(answer),
        },
    )


ADAPTER: SkillAdapter[ChatInput, ChatOutput] = SkillAdapter(
    name="chat",
    input_model=ChatInput,
    output_model=ChatOutput,
    run=run,
    observe=observe,
    properties=frozenset({"has_sources", "cites", "nothing_found", "asks_question", "words", "citations", "repeats"}),
    numeric_properties=frozenset({"words", "citations", "repeats"}),
)
