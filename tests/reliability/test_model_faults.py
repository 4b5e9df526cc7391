"""Every model fault, at every entry point (service, CLI, UI): bounded retries, then a readable message, and the
lead loses nothing: the message is kept as unanswered, the earlier turns of the thread are intact (issue 15,
deliverable 4).

The faults are injected by the replaying fake (``COACH_FAKE_FAULT``): it raises what litellm raises for a timeout,
a refused connection, a 429 and a 500, cuts a stream halfway, or replies with broken JSON or nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import load_settings
from assistant.errors import LLMError
from assistant.llm.fake import FAULTS
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from assistant.skills.chat.models import ChatOutput
from tests.conftest import FakeLLM
from tests.ui.conftest import APP

FIRST = "How do I start delegating the release process?"
SECOND = "And how do I tell Tomás his pull requests are too big?"
ANSWER = {"steps": ["Bring one pull request and ask what made it grow.", "Agree on a size you both can review."]}
TRANSIENT = ("timeout", "refused", "429", "500", "empty")  # retried; a second attempt gets through
# Broken JSON twice is not a failed turn in the chat: the guidance quoted from the team's docs still stands, and a
# note says the next steps are missing (tested below). Every other fault fails the turn visibly.
FAILING = tuple(fault for fault in FAULTS if fault != "badjson")


@pytest.fixture
def thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A conversation with one answered turn, and a recorded answer for the next message."""
    monkeypatch.setenv("COACH_MODEL", "fake/coach")
    monkeypatch.setenv("COACH_FAKE_FIXTURES", str(tmp_path / "fixtures"))
    monkeypatch.setenv("COACH_RETRIES", "1")
    llm = ScriptedLLM(lambda prompt: json.dumps(ANSWER))
    scripted = CoachService(load_settings(), llm=llm)
    last(scripted.run("chat", {"message": FIRST}, "t-faults"))
    last(scripted.run("chat", {"message": SECOND}, "t-faults"))
    for call in llm.calls:
        FakeLLM(tmp_path / "fixtures").add([{"role": m.role, "content": m.content} for m in call.messages], call.reply)
    # Back to one answered turn: the second is what the faulty model is asked.
    service = CoachService(load_settings())
    service.graph.checkpointer.delete_thread("t-faults")
    last(service.run("chat", {"message": FIRST}, "t-faults"))
    return "t-faults"


def inject(monkeypatch: pytest.MonkeyPatch, fault: str, times: int | None = None) -> None:
    monkeypatch.setenv("COACH_FAKE_FAULT", fault)
    if times is not None:
        monkeypatch.setenv("COACH_FAKE_FAULT_TIMES", str(times))


def kept(service: CoachService, thread: str) -> None:
    """Nothing lost: the earlier turn is there, the failed message is kept as unanswered."""
    assert [t["content"] for t in service.history(thread) if t["role"] == "user"] == [FIRST]
    draft = service.unanswered(thread)
    assert draft is not None and draft.text == SECOND


def attempts() -> list[dict[str, object]]:
    path = load_settings().data_dir / "logs" / "llm-calls.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fault", FAILING)
def test_service_gives_a_clear_error_and_keeps_everything(
    thread: str, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    inject(monkeypatch, fault)
    service = CoachService(load_settings())
    with pytest.raises(LLMError) as caught:
        last(service.run("chat", {"message": SECOND}, thread))
    assert caught.value.hint, f"{fault}: no hint in {caught.value.message!r}"
    assert "Traceback" not in caught.value.message
    kept(service, thread)
    failed = [a for a in attempts() if not a["ok"]]
    assert 1 <= len(failed) <= 2 * (1 + 1)  # retries bounded: at most 1 retry per call, 2 calls with a re-ask


@pytest.mark.parametrize("fault", TRANSIENT)
def test_service_recovers_from_a_transient_fault(thread: str, monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    inject(monkeypatch, fault, times=1)
    service = CoachService(load_settings())
    result = last(service.run("chat", {"message": SECOND}, thread))
    assert "Bring one pull request" in result.output.model_dump_json()
    assert service.unanswered(thread) is None
    assert [a["ok"] for a in attempts()[-2:]] == [False, True]


@pytest.mark.parametrize("fault", FAILING)
def test_cli_prints_the_problem_and_the_fix_and_keeps_the_message(
    thread: str, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    inject(monkeypatch, fault)
    result = CliRunner().invoke(app, ["ask", SECOND, "--thread", thread])
    assert result.exit_code == 2, result.output
    assert "error:" in result.output and "hint:" in result.output
    assert "Traceback" not in result.output
    kept(CoachService(load_settings()), thread)


@pytest.mark.parametrize("fault", FAILING)
def test_ui_shows_the_error_and_keeps_the_message_with_retry(
    thread: str, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    inject(monkeypatch, fault)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["thread_id"] = thread
    at.switch_page("views/chat.py").run()
    at.chat_input[0].set_value(SECOND).run()
    assert not at.exception, at.exception
    assert at.error, "no error shown"
    at.run()
    assert SECOND in "\n".join(str(m.value) for m in at.markdown)
    assert any("Retry" in b.label for b in at.button)
    kept(CoachService(load_settings()), thread)


def test_broken_json_twice_still_answers_with_a_note_at_every_entry_point(
    thread: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    inject(monkeypatch, "badjson")
    before = len(attempts())
    output = last(CoachService(load_settings()).run("chat", {"message": SECOND}, thread)).output_as(ChatOutput)
    assert output.steps == [] and any("No next steps this time" in note for note in output.notes)
    assert len(attempts()) - before == 2  # asked, re-asked once

    result = CliRunner().invoke(app, ["ask", SECOND, "--thread", thread])
    assert result.exit_code == 0 and "No next steps this time" in result.output, result.output

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["thread_id"] = thread
    at.switch_page("views/chat.py").run()
    at.chat_input[0].set_value(SECOND).run()
    assert not at.exception and not at.error
    assert any("No next steps this time" in str(c.value) for c in at.caption)
