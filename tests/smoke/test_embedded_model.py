"""The real embedded model (make smoke). Structure only, never exact text: output varies with CPU and build."""

import pytest
from pydantic import BaseModel, Field

from assistant.config import load_settings
from assistant.llm import model_files
from assistant.llm.gateway import LLMGateway
from assistant.prompts import Message, RenderedPrompt
from assistant.service import CoachService, ResultEvent, TokenEvent
from assistant.skills.chat.models import ChatOutput

pytestmark = pytest.mark.llm


@pytest.fixture(scope="module", autouse=True)
def _model_ready() -> None:
    status = model_files.status(load_settings().model_dir, "qwen2.5-coder-1.5b-instruct")
    if not status.verified:
        pytest.fail(f"embedded model not ready: {status.problem}; run `make model`")


@pytest.fixture
def real_model_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    # The autouse env isolation points only the data dir at tmp; the model stays in the user cache.
    monkeypatch.delenv("COACH_MODEL", raising=False)


class OneOnOnePlan(BaseModel):
    opening_question: str = Field(min_length=5)
    topics: list[str] = Field(min_length=1)


def test_a_coaching_question_gets_a_streamed_answer(real_model_dir: None) -> None:
    service = CoachService(load_settings(max_tokens=120), retriever=None)
    tokens = []
    final = None
    for event in service.run("chat", {"message": "Give me one tip for my first one-on-one with a new engineer."}):
        if isinstance(event, TokenEvent):
            tokens.append(event.text)
        elif isinstance(event, ResultEvent):
            final = event.output_as(ChatOutput)
    assert final is not None and len(final.answer.split()) >= 5 and final.steps
    # The opening (guidance or "not covered") streams before the model starts, then the steps; together, the answer.
    assert len(tokens) >= 2 and "".join(tokens).strip() == final.answer


def test_structured_output_validates_against_a_schema(real_model_dir: None) -> None:
    gateway = LLMGateway(load_settings(max_tokens=200))
    prompt = RenderedPrompt(
        id="smoke_structured",
        version=1,
        messages=(
            Message(role="system", content="You help tech leads plan one-on-ones. Reply in JSON."),
            Message(role="user", content="Plan a first one-on-one with a new backend engineer."),
        ),
    )
    result = gateway.structured(prompt, OneOnOnePlan)
    assert result.value.opening_question and result.value.topics


def test_stop_ends_a_long_answer_between_two_tokens(real_model_dir: None) -> None:
    """The Stop button on the embedded model: an answer of up to 300 tokens, stopped at its fifth token, ends at the
    next one, and the next call gets the model at once (before, it waited for the whole abandoned answer)."""
    import threading

    from assistant.llm import cancel

    gateway = LLMGateway(load_settings())
    prompt = RenderedPrompt(
        id="smoke/stop", version=1, messages=(Message(role="user", content="Write a long story about a team."),)
    )
    stop = threading.Event()
    tokens: list[str] = []

    def seen(token: str) -> None:
        tokens.append(token)
        if len(tokens) == 5:
            stop.set()  # as the Stop button does, from another thread

    with cancel.stoppable(stop), pytest.raises(cancel.Stopped):
        gateway.complete(prompt, max_tokens=300, temperature=0.2, on_token=seen)
    assert 5 <= len(tokens) <= 6
    assert gateway.complete(prompt, max_tokens=2).text  # the lock was freed
