import pytest
from streamlit.testing.v1 import AppTest

from assistant.privacy import Detector, Pseudonymiser
from tests.conftest import FakeLLM
from tests.doubles import chat_prompt, chat_reply
from tests.ui.conftest import APP

QUESTION = "how do i delegate the fraud dashboard to tomas?"


def test_the_chat_page_says_what_was_hidden(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_PRIVACY", "on")  # the fake model is local, so privacy is forced on
    monkeypatch.setenv("COACH_PRIVACY_ROSTER", '["Tomás Herrera"]')
    sent = Pseudonymiser(Detector(["Tomás Herrera"])).mask_messages(chat_prompt(QUESTION).as_dicts())
    assert "tomas" not in str(sent)  # the recorded reply answers the masked prompt, so the page must send that
    fake_llm.add(sent, chat_reply("Ask Person_1 which part of the dashboard they want to own."))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/chat.py").run()
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception
    assert any("Ask tomas which part" in str(m.value) for m in at.markdown)
    captions = [str(c.value) for c in at.caption]
    assert "🔒 Hidden from fake/coach: 1 name (replaced before sending, restored in the reply)" in captions
