"""The scripted model: replies by prompt id, streams tokens, and shares the gateway's re-ask rule."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from assistant.errors import LLMError
from assistant.llm.scripted import ScriptedLLM
from assistant.prompts import Message, RenderedPrompt


class Tip(BaseModel):
    minutes: int


def prompt(prompt_id: str = "demo/one") -> RenderedPrompt:
    return RenderedPrompt(id=prompt_id, version=1, messages=(Message(role="user", content="hi"),))


def test_replies_are_given_in_order_and_a_missing_one_fails_loudly() -> None:
    llm = ScriptedLLM.replies({"demo/one": ["first", "second"]})
    assert llm.complete(prompt()).text == "first"
    assert llm.complete(prompt()).text == "second"
    with pytest.raises(LLMError, match="no reply left for prompt 'demo/one'"):
        llm.complete(prompt())
    with pytest.raises(LLMError, match="demo/other"):
        llm.complete(prompt("demo/other"))


def test_tokens_stream_to_the_callback_and_join_to_the_reply() -> None:
    tokens: list[str] = []
    llm = ScriptedLLM(lambda p: "Ask how they are.")
    assert llm.complete(prompt(), on_token=tokens.append).text == "Ask how they are."
    assert "".join(tokens) == "Ask how they are." and len(tokens) == 4


def test_structured_re_asks_once_with_the_error_then_gives_up() -> None:
    replies = iter(['{"minutes": "soon"}', '{"minutes": 5}'])
    llm = ScriptedLLM(lambda p: next(replies))
    assert llm.structured(prompt(), Tip).value.minutes == 5
    assert llm.calls[1].messages[-1].role == "user" and "minutes" in llm.calls[1].last_user
    broken = ScriptedLLM(lambda p: "no json here")
    with pytest.raises(LLMError, match="did not match the expected structure twice") as info:
        broken.structured(prompt(), Tip)
    assert info.value.raw == "no json here"
