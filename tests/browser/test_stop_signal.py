"""SIGTERM to the app's server in the middle of an answer (issue 15): the process is gone within 5 s (it used to
linger a minute, holding the model), and after a restart the chat offers the unanswered question back.

A real server, a real browser, a real signal; the model is the replaying fake made slow so the signal lands
mid-answer (``COACH_FAKE_TOKEN_DELAY``)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.llm.scripted import ScriptedLLM
from assistant.service import CoachService, last
from tests.browser.test_app_in_browser import CHROMIUM, FLAGS, WAIT_MS, _free_port, _start, goto
from tests.conftest import FakeLLM

pytestmark = pytest.mark.browser

STOP_DEADLINE_S = 5.0
QUESTION = "How do I tell Tomás that his pull requests are too big to review?"
LONG = " ".join(["Describe one review where a large pull request held the team up, then ask what made it grow."] * 10)


def test_sigterm_mid_answer_stops_the_server_and_the_question_comes_back(tmp_path: Path, monkeypatch: Any) -> None:
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install chromium` (make test tries it)")
    pytest.importorskip("playwright", reason="the browser extra is not installed: pip install -e '.[browser]'")
    from playwright.sync_api import sync_playwright

    env = {key: value for key, value in os.environ.items() if not key.startswith("COACH_")}
    env |= {"COACH_MODEL": "fake/coach", "COACH_FAKE_FIXTURES": str(tmp_path / "fixtures"),
            "COACH_DATA_DIR": str(tmp_path / "data"), "COACH_EMBEDDER": "hash",
            "COACH_CONFIG": str(tmp_path / "coach.toml"), "COACH_KNOWLEDGE_DIR": str(tmp_path / "empty"),
            "HF_HUB_OFFLINE": "1", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}  # fmt: skip
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    llm = ScriptedLLM(lambda prompt: json.dumps({"steps": [LONG, LONG]}))
    last(CoachService(load_settings(), llm=llm, checkpointer="memory").run("chat", {"message": QUESTION}))
    for call in llm.calls:
        FakeLLM(tmp_path / "fixtures").add([{"role": m.role, "content": m.content} for m in call.messages], call.reply)
    shutil.rmtree(tmp_path / "data" / "drafts", ignore_errors=True)

    port = _free_port()
    server = _start({**env, "COACH_FAKE_TOKEN_DELAY": "0.1"}, port)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        tab = browser.new_page()
        tab.set_default_timeout(WAIT_MS)
        try:
            goto(tab, f"http://127.0.0.1:{port}/chat")
            box = tab.get_by_placeholder("Ask the coach…")
            box.fill(QUESTION)
            box.press("Enter")
            drafts = tmp_path / "data" / "drafts"
            deadline = time.monotonic() + WAIT_MS / 1000
            while not list(drafts.glob("*.json")):  # the question is saved: the model is being called
                assert time.monotonic() < deadline, "the question was never sent"
                time.sleep(0.1)
            tab.wait_for_timeout(2000)  # well into the slow answer
            assert server.poll() is None
            sent = time.monotonic()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            took = time.monotonic() - sent
            assert took < STOP_DEADLINE_S, f"the server took {took:.1f} s to stop"

            server = _start(env, port)  # the next morning
            goto(tab, f"http://127.0.0.1:{port}/chat")
            tab.get_by_text("Not answered yet").wait_for()
            tab.get_by_role("button", name=QUESTION[:30], exact=False).click()
            tab.get_by_text("This message did not get an answer").wait_for()
            assert tab.get_by_role("button", name="Retry the last message").is_visible()
        finally:
            browser.close()
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=20)
