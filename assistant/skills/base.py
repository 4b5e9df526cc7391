"""What every skill is: a name, an input model, a result model, and a subgraph with its own typed state.

The parent graph, the service, `coach eval <skill>` and the docs all read skills from ``registry.SKILLS``; a skill
never has to be wired into any of them by hand. A run of a skill sees only its own state: the subgraph starts fresh
each run (``start`` builds its first state from the input), and only the result (and, for conversational skills,
new history turns) comes out of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from assistant.graph.state import Turn

InT = TypeVar("InT", bound=BaseModel)
OutT = TypeVar("OutT", bound=BaseModel)


class Question(BaseModel):
    """A specific question asked instead of inventing; the answer is keyed by ``id``."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    why: str
    choices: list[str] = Field(default_factory=list)


class Pause(BaseModel):
    """What a skill's subgraph interrupts with: the questions, and the result so far (``partial``) for callers that
    cannot ask (JSON output, evals), so a pause is never an empty answer."""

    model_config = ConfigDict(extra="forbid")

    questions: list[Question]
    partial: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class Skill(Generic[InT, OutT]):
    """One capability.

    - ``build``: the compiled subgraph (no checkpointer of its own: it uses the parent's, so its interrupts are
      saved, and each run starts fresh);
    - ``start``: the subgraph's first state from the validated input and the thread's conversation history;
    - ``finish``: the result model from the subgraph's final state (by default its ``result`` key);
    - ``turns``: the conversation turns a run adds to the thread (only conversational skills add any);
    - ``prepare``: fills what the input can infer before the run (e.g. the recipient's name from the note), so every
      front end gets the same behaviour;
    - ``retry``: the answers that ask a paused run to answer its last input again (a rehearsal's ``/retry``), used
      to finish a step that a crash or a kill cut off after the input was recorded;
    - ``state``: the subgraph's state schema (its pydantic types may be checkpointed);
    - ``eval_adapter``: the module whose ``ADAPTER`` runs the skill's eval cases.
    """

    name: str
    input_model: type[InT]
    result_model: type[OutT]
    state: type
    build: Callable[[], Any]
    start: Callable[[InT, Sequence[Turn]], Mapping[str, Any]]
    eval_adapter: str
    finish: Callable[[Mapping[str, Any]], OutT] | None = None
    turns: Callable[[InT, OutT], list[Turn]] | None = None
    prepare: Callable[[InT], InT] | None = None
    retry: Mapping[str, str] | None = None

    def result_of(self, state: Mapping[str, Any]) -> OutT:
        result = self.finish(state) if self.finish is not None else state.get("result")
        if not isinstance(result, self.result_model):
            raise TypeError(f"skill {self.name} ended without a {self.result_model.__name__}")
        return result

    def parse(self, data: BaseModel | Mapping[str, Any]) -> InT:
        """The input as this skill's model; a mapping is validated (an ``InputError`` names a bad field)."""
        from assistant.skills.validation import validated

        if isinstance(data, self.input_model):
            return data
        raw = data.model_dump() if isinstance(data, BaseModel) else data
        return validated(self.input_model, raw)
