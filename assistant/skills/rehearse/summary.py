"""The debrief's summary from the model; ``None`` (code writes it) when the model fails."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.checks.text import word_runs
from assistant.errors import LLMError
from assistant.llm.fake_marker import FAKE_MISS_MARKER
from assistant.llm.protocol import LLM
from assistant.prompts import load_prompt
from assistant.skills.rehearse.debrief import Summarise
from assistant.skills.rehearse.models import Criterion
from assistant.skills.rehearse.scenario import Scenario

PROMPT_ID = "rehearse/debrief"
MAX_TOKENS = 160


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: str = Field(min_length=1, max_length=600)


@functools.cache
def _example_runs() -> frozenset[tuple[str, ...]]:
    prompt = load_prompt(PROMPT_ID)
    said = [m.content for m in prompt.examples if m.role == "assistant"]
    shared = word_runs(prompt.system, 5)
    return frozenset(set().union(*(word_runs(text, 5) for text in said)) - shared)


def summariser(llm: LLM) -> Summarise:
    def summarise(scenario: Scenario, found: Sequence[Criterion], revealed: bool) -> str:
        name = scenario.counterpart.first_name
        scores = "\n".join(f"- {c.name}: {c.score}/2 ({c.evidence})" for c in found)
        said = (
            f"{name} opened up and said what was really going on." if revealed
            else f"{name} never opened up about what was really going on."
        )  # fmt: skip
        prompt = load_prompt(PROMPT_ID).render(name=name, scores=scores, revealed=said)
        try:
            summary = llm.structured(prompt, Summary, max_tokens=MAX_TOKENS, temperature=0.2).value.summary
            # Read in the eval: the model returned the worked example's advice ("how the release day looked") for
            # conversations about something else. A summary that copies the example is not used.
            return "" if word_runs(summary, 5) & _example_runs() else summary
        except LLMError as error:
            if FAKE_MISS_MARKER in error.message:
                raise  # a replay miss fails loudly, never hidden behind the code's summary
            return ""  # the code's summary stands in; the scores never depend on the model

    return summarise
