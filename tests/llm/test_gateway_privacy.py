"""The gateway with privacy on: what reaches litellm and the call log, and what comes back to the caller."""

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import BaseModel

from assistant import privacy
from assistant.config import load_settings
from assistant.llm.gateway import LLMGateway
from assistant.prompts import Message, RenderedPrompt
from assistant.service import CoachService, ResultEvent
from assistant.skills.chat.models import ChatOutput
from tests.doubles import Retriever, hit

ROSTER = ["Tomás Herrera", "Lena Ortiz", "Ravi Menon"]
NOTE = "tomas missed the cutoff again; Lena's PM sync is off. mail ravi.menon@harbor.io or +44 7700 900123"
ORIGINALS = ["tomas", "Tomás", "Lena", "ravi", "Ravi", "ravi.menon@harbor.io", "7700 900123"]
PROMPT = RenderedPrompt(
    id="demo",
    version=1,
    messages=(Message(role="system", content="You coach tech leads."), Message(role="user", content=NOTE)),
)


class Recorder:
    """litellm as the gateway calls it: keeps the messages it was sent and answers with ``reply(messages)``,
    whole or as chunks of ``piece`` characters."""

    def __init__(self, reply: Callable[[list[dict[str, str]]], str], piece: int = 3) -> None:
        self.reply = reply
        self.piece = piece
        self.sent: list[list[dict[str, str]]] = []

    def completion(self, *, messages: list[dict[str, str]], stream: bool = False, **_: Any) -> Any:
        self.sent.append(messages)
        text = self.reply(messages)
        usage = SimpleNamespace(prompt_tokens=10, completion_tokens=5)
        if not stream:
            return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=text))], usage=usage)
        return self._chunks(text, usage)

    def _chunks(self, text: str, usage: Any) -> Iterator[Any]:
        for at in range(0, len(text), self.piece):
            delta = SimpleNamespace(content=text[at : at + self.piece])
            yield SimpleNamespace(choices=[SimpleNamespace(delta=delta)], usage=None)
        yield SimpleNamespace(choices=[], usage=usage)


def placeholder_for(messages: list[dict[str, str]], prefix: str = "Person") -> str:
    """The first placeholder of a kind in what the model was sent: a model answering about that person."""
    found = re.search(rf"{prefix}_\d+", messages[-1]["content"])
    return found.group() if found else "nobody"


def gateway(reply: Callable[[list[dict[str, str]]], str], **settings: Any) -> tuple[LLMGateway, Recorder]:
    values = {"model": "openai/gpt-test", "api_key": "sk-test", "privacy_roster": ROSTER, **settings}
    gw = LLMGateway(load_settings(**values))
    recorder = Recorder(reply)
    gw._litellm = recorder
    return gw, recorder


def sent_text(recorder: Recorder) -> str:
    return json.dumps(recorder.sent, ensure_ascii=False)


def test_a_remote_model_is_sent_no_roster_name_and_the_reply_gets_them_back() -> None:
    gw, recorder = gateway(lambda m: f"Talk to {placeholder_for(m)} first; {placeholder_for(m, 'Email')} can wait.")
    result = gw.complete(PROMPT)
    sent = sent_text(recorder)
    assert not [word for word in ORIGINALS if word in sent]
    assert "Person_1 missed the cutoff" in sent and "Email_1" in sent and "Phone_1" in sent
    assert result.text == "Talk to tomas first; ravi.menon@harbor.io can wait."


def test_the_embedded_model_is_sent_the_text_unchanged() -> None:
    gw, recorder = gateway(lambda m: "Talk to Person_1 first.", model="local/qwen2.5-coder-1.5b-instruct")
    result = gw.complete(PROMPT)
    assert recorder.sent == [PROMPT.as_dicts()]
    assert result.text == "Talk to Person_1 first."  # nothing was hidden, so nothing is put back


def test_privacy_off_sends_the_text_unchanged() -> None:
    gw, recorder = gateway(lambda m: "ok", privacy="off")
    gw.complete(PROMPT)
    assert recorder.sent == [PROMPT.as_dicts()]


def test_streamed_tokens_reach_the_caller_restored() -> None:
    gw, recorder = gateway(lambda m: f"{placeholder_for(m)}'s cutoff: ask {placeholder_for(m)} why.")
    tokens: list[str] = []
    result = gw.complete(PROMPT, on_token=tokens.append)
    assert "".join(tokens) == result.text == "tomas's cutoff: ask tomas why."
    assert "".join(gw.stream(PROMPT)) == "tomas's cutoff: ask tomas why."
    assert "tomas" not in sent_text(recorder)


class Advice(BaseModel):
    who: str
    step: str


def test_structured_replies_are_restored_before_validation() -> None:
    def reply(messages: list[dict[str, str]]) -> str:
        person = placeholder_for(messages)
        return json.dumps({"who": person, "step": f"Ask {person} what got in the way."})

    gw, recorder = gateway(reply)
    value = gw.structured(PROMPT, Advice).value
    assert value == Advice(who="tomas", step="Ask tomas what got in the way.")
    assert "tomas" not in sent_text(recorder)


def test_the_call_log_holds_no_hidden_text_even_in_debug(_isolated_env: Path) -> None:
    gw, _ = gateway(lambda m: f"Talk to {placeholder_for(m)}.", debug=True)
    gw.complete(PROMPT)
    gw.complete(PROMPT, on_token=lambda _: None)
    log = (_isolated_env / "logs" / "llm-calls.jsonl").read_text(encoding="utf-8")
    assert "Person_1" in log  # debug logging is on: the (masked) text is there
    assert not [word for word in ORIGINALS if word in log]


def test_a_run_shield_keeps_placeholders_across_calls_and_counts_what_it_hid() -> None:
    gw, recorder = gateway(lambda m: "ok")
    shield = privacy.Shield(privacy.Pseudonymiser(privacy.Detector(["Lena Ortiz"])), gw.model)
    with privacy.shielded(shield):
        gw.complete(RenderedPrompt(id="a", version=1, messages=(Message(role="user", content="lena is late"),)))
        gw.complete(RenderedPrompt(id="b", version=1, messages=(Message(role="user", content="zoe and Lena"),)))
    assert [m[-1]["content"] for m in recorder.sent] == ["Person_1 is late", "Person_2 and Person_1"]
    assert shield.hidden().counts == {"person": 2}


@pytest.fixture
def remote_service() -> tuple[CoachService, Recorder]:
    def reply(messages: list[dict[str, str]]) -> str:
        return json.dumps({"steps": [f"Ask {placeholder_for(messages)} what got in the way of the cutoff."]})

    settings = load_settings(model="openai/gpt-test", api_key="sk-test", privacy_roster=ROSTER)
    gw = LLMGateway(settings)
    recorder = Recorder(reply)
    gw._litellm = recorder
    return CoachService(settings, llm=gw, retriever=None, checkpointer="memory"), recorder


def test_the_service_says_what_a_run_hid(remote_service: tuple[CoachService, Recorder]) -> None:
    service, recorder = remote_service
    final = service.complete("chat", {"message": "tomas has missed his last two sprint commitments"}, thread_id="t1")
    assert isinstance(final, ResultEvent)
    assert "Ask tomas what got in the way" in final.output_as(ChatOutput).answer
    assert final.hidden.counts == {"person": 1} and final.hidden.model == "openai/gpt-test"
    assert "Hidden from openai/gpt-test: 1 name" in final.hidden.line()
    assert recorder.sent and "tomas" not in sent_text(recorder)
    # The next turn on the thread uses the same placeholder for the same person.
    before = len(recorder.sent)
    service.complete("chat", {"message": "lena thinks tomas is overloaded"}, thread_id="t1")
    later = json.dumps(recorder.sent[before:])
    assert "Person_1 is overloaded" in later and "Person_2 thinks" in later


def test_the_roster_comes_from_the_team_documents_too() -> None:
    roster_page = hit(
        "handbook/team-charter.md",
        "| Name | Role | Level |\n|---|---|---|\n| Zbigniew Okonkwo | Senior Engineer | E3 |",
    )
    settings = load_settings(model="openai/gpt-test", api_key="sk-test")
    gw = LLMGateway(settings)
    recorder = Recorder(lambda m: json.dumps({"steps": ["Ask them."]}))
    gw._litellm = recorder
    service = CoachService(settings, llm=gw, retriever=Retriever([roster_page]), checkpointer="memory")
    final = service.complete("chat", {"message": "okonkwo keeps missing standup, zbigniew says hes fine"})
    assert "okonkwo" not in sent_text(recorder) and "zbigniew" not in sent_text(recorder)
    assert final.hidden.counts == {"person": 1}  # surname and first name are one person
