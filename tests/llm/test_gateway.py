import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from assistant.config import load_settings
from assistant.errors import LLMError
from assistant.llm.gateway import LLMGateway, is_retryable, parse_json_reply
from assistant.prompts import Message, RenderedPrompt
from tests.conftest import FakeLLM

PROMPT = RenderedPrompt(id="demo", version=3, messages=(Message(role="user", content="hello"),))


class Tip(BaseModel):
    tip: str
    minutes: int


def litellm_errors() -> Any:
    from assistant.llm.runtime import import_litellm

    return import_litellm()


class Scripted:
    """A litellm stand-in that answers each call with the next scripted mock_response (text or exception)."""

    def __init__(self, responses: list[Any]) -> None:
        self.litellm = litellm_errors()
        self.responses = responses
        self.calls = 0

    def completion(self, **kwargs: Any) -> Any:
        response = self.responses[min(self.calls, len(self.responses) - 1)]
        self.calls += 1
        kwargs.pop("mock_response", None)
        return self.litellm.completion(mock_response=response, **kwargs)


def gateway(responses: list[Any], **settings: Any) -> tuple[LLMGateway, Scripted, list[float]]:
    sleeps: list[float] = []
    gw = LLMGateway(load_settings(model="openai/gpt-test", api_key="sk-test", **settings), sleep=sleeps.append)
    scripted = Scripted(responses)
    gw._litellm = scripted
    return gw, scripted, sleeps


def error(kind: str) -> Exception:
    litellm = litellm_errors()
    factories: dict[str, Callable[[], Exception]] = {
        "rate": lambda: litellm.RateLimitError(message="slow down", llm_provider="openai", model="m"),
        "timeout": lambda: litellm.Timeout(message="took too long", llm_provider="openai", model="m"),
        "connection": lambda: litellm.APIConnectionError(message="refused", llm_provider="openai", model="m"),
        "server": lambda: litellm.InternalServerError(message="boom", llm_provider="openai", model="m"),
        "unavailable": lambda: litellm.ServiceUnavailableError(message="down", llm_provider="openai", model="m"),
        "bad_request": lambda: litellm.BadRequestError(message="bad", llm_provider="openai", model="m"),
        "auth": lambda: litellm.AuthenticationError(message="no key", llm_provider="openai", model="m"),
    }
    return factories[kind]()


@pytest.mark.parametrize("kind", ["rate", "timeout", "connection", "server", "unavailable"])
def test_transient_errors_are_retried_with_backoff(kind: str) -> None:
    gw, scripted, sleeps = gateway([error(kind), error(kind), "fine"], retries=2)
    result = gw.complete(PROMPT)
    assert result.text == "fine"
    assert result.attempts == 3 and scripted.calls == 3
    assert 0.5 <= sleeps[0] <= 1 and 1 <= sleeps[1] <= 2  # exponential, with jitter in the upper half


def test_backoff_is_jittered_and_capped() -> None:
    from assistant.llm.gateway import MAX_BACKOFF_S, backoff_s

    assert [backoff_s(n, lambda: 0.0) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]
    assert [backoff_s(n, lambda: 1.0) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
    assert backoff_s(30, lambda: 1.0) == MAX_BACKOFF_S


def test_an_empty_reply_is_retried_then_reported() -> None:
    # Whitespace stands for nothing: litellm's mock takes an empty mock_response as "no mock" and calls out.
    gw, scripted, _ = gateway([" ", "\n ", "fine"], retries=2)
    assert gw.complete(PROMPT).text == "fine" and scripted.calls == 3
    gw, scripted, _ = gateway([" ", " "], retries=1)
    with pytest.raises(LLMError, match="empty reply 2 time"):
        gw.complete(PROMPT)


@pytest.mark.parametrize("kind", ["bad_request", "auth"])
def test_client_errors_are_not_retried(kind: str) -> None:
    gw, scripted, sleeps = gateway([error(kind), "never"], retries=3)
    with pytest.raises(LLMError):
        gw.complete(PROMPT)
    assert scripted.calls == 1 and sleeps == []


def test_retries_are_bounded() -> None:
    gw, scripted, _ = gateway([error("server")], retries=1)
    with pytest.raises(LLMError, match="after 2 attempts"):
        gw.complete(PROMPT)
    assert scripted.calls == 2


def test_timeout_message_names_the_setting() -> None:
    gw, _, _ = gateway([error("timeout")], retries=0)
    with pytest.raises(LLMError) as caught:
        gw.complete(PROMPT)
    assert "did not answer" in caught.value.message
    assert "COACH_REQUEST_TIMEOUT" in caught.value.hint


def test_is_retryable_table() -> None:
    assert is_retryable(error("rate")) and is_retryable(error("unavailable"))
    assert not is_retryable(error("bad_request"))
    assert not is_retryable(RuntimeError("fake LLM: no recorded reply abc"))


def test_structured_reasks_once_with_the_validation_error() -> None:
    gw, scripted, _ = gateway(['{"tip": "listen"}', '{"tip": "listen", "minutes": 5}'])
    result = gw.structured(PROMPT, Tip)
    assert result.value == Tip(tip="listen", minutes=5)
    assert len(result.completions) == 2 and scripted.calls == 2


def test_structured_gives_up_after_the_reask_and_keeps_the_raw_text() -> None:
    gw, _, _ = gateway(["not json at all", "still not json"])
    with pytest.raises(LLMError) as caught:
        gw.structured(PROMPT, Tip)
    assert caught.value.raw == "still not json"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ('{"tip": "a", "minutes": 1}', True),
        ('```json\n{"tip": "a", "minutes": 1}\n```', True),
        ('Sure! {"tip": "a", "minutes": 1} Hope it helps.', True),
        ('{"tip": "a", "minutes": "ten"}', False),
        ('{"tip": "a", "minutes": 1', False),
        ("", False),
    ],
)
def test_parse_json_reply(text: str, ok: bool) -> None:
    if ok:
        assert parse_json_reply(text, Tip).minutes == 1
    else:
        with pytest.raises(ValueError, match=r"JSON|schema"):
            parse_json_reply(text, Tip)


def _log_lines(data_dir: Path) -> list[dict[str, Any]]:
    path = data_dir / "logs" / "llm-calls.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_calls_are_logged_without_user_text(_isolated_env: Path) -> None:
    gw, _, _ = gateway(["a secret reply"])
    gw.complete(PROMPT)
    (entry,) = _log_lines(_isolated_env)
    assert entry["prompt_id"] == "demo" and entry["prompt_version"] == 3 and entry["ok"] is True
    assert {"latency_s", "prompt_tokens", "completion_tokens", "model"} <= entry.keys()
    assert "hello" not in json.dumps(entry) and "secret" not in json.dumps(entry)


def test_debug_logging_includes_the_text(_isolated_env: Path) -> None:
    gw, _, _ = gateway(["a reply"], debug=True)
    gw.complete(PROMPT)
    (entry,) = _log_lines(_isolated_env)
    assert entry["messages"][0]["content"] == "hello" and entry["reply"] == "a reply"


def test_fake_provider_replays_and_streams(fake_llm: FakeLLM) -> None:
    fake_llm.add(PROMPT, "one two three")
    gw = LLMGateway(load_settings())
    assert gw.complete(PROMPT).text == "one two three"
    tokens: list[str] = []
    assert gw.complete(PROMPT, on_token=tokens.append).text == "one two three"
    assert "".join(tokens) == "one two three" and len(tokens) == 3
    assert "".join(gw.stream(PROMPT)) == "one two three"


def test_fake_miss_fails_loudly_and_is_not_retried(fake_llm: FakeLLM, _isolated_env: Path) -> None:
    gw = LLMGateway(load_settings(retries=3), sleep=lambda _: pytest.fail("a miss must not be retried"))
    with pytest.raises(LLMError) as caught:
        gw.complete(PROMPT)
    assert "no recorded reply" in caught.value.message and "'hello'" in caught.value.message
    assert "Traceback" not in caught.value.message
    assert len(_log_lines(_isolated_env)) == 1


def test_stream_raises_errors_from_the_iterator(fake_llm: FakeLLM) -> None:
    gw = LLMGateway(load_settings())
    with pytest.raises(LLMError):
        list(gw.stream(PROMPT))


def test_local_model_missing_says_which_command_fixes_it(tmp_path: Path) -> None:
    gw = LLMGateway(load_settings(model_dir=tmp_path / "models"))
    with pytest.raises(LLMError) as caught:
        gw.complete(PROMPT)
    assert "coach model assemble" in caught.value.hint
