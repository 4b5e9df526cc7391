"""The general chat skill as an eval subject: a question in, a grounded answer with sources out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.evals.adapters import Observation, SkillAdapter, SkillRun
from assistant.graph.retrieve import NOTHING_FOUND
from assistant.skills.chat.compose import NOT_COVERED, NOT_INDEXED_LINE
from assistant.skills.chat.models import ChatInput, ChatOutput, speaks_as_lead
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


def _after_opening(output: ChatOutput) -> str:
    """The answer without code's first paragraph (the quoted guidance, whose own words may say "I")."""
    head, _, rest = output.answer.partition("\n\n")
    return rest if output.guidance is not None and head.startswith("Your team's guidance") else output.answer


def observe(request: ChatInput, output: ChatOutput) -> Observation:
    answer = output.answer
    written = _after_opening(output)
    sentences = [s for line in written.splitlines() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
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
            # Who the lead is raising it with, as the answer was written for (read by code from the question).
            "role": output.role,
            "speaks_as_lead": sum(speaks_as_lead(sentence) for sentence in sentences),
            "steps": len(re.findall(r"(?m)^\s*\d+[.)]\s", written)),
            "cites_path": output.guidance.path if output.guidance else "",
            "says_not_covered": NOT_COVERED in answer or NOT_INDEXED_LINE in answer,
        },
    )


ADAPTER: SkillAdapter[ChatInput, ChatOutput] = SkillAdapter(
    name="chat",
    input_model=ChatInput,
    output_model=ChatOutput,
    run=run,
    observe=observe,
    properties=frozenset(
        {
            "has_sources",
            "cites",
            "nothing_found",
            "asks_question",
            "words",
            "citations",
            "repeats",
            "role",
            "speaks_as_lead",
            "steps",
            "cites_path",
            "says_not_covered",
        }
    ),
    numeric_properties=frozenset({"words", "citations", "repeats", "speaks_as_lead", "steps"}),
)
