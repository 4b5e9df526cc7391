from streamlit.testing.v1 import AppTest

from tests.conftest import FakeLLM
from tests.doubles import chat_prompt, chat_reply
from tests.ui.conftest import APP


def _markdown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_chat_page_answers_and_shows_the_model(fake_llm: FakeLLM) -> None:
    fake_llm.add(chat_prompt("How do I delegate?"), chat_reply("Start with the outcome you need."))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/chat.py").run()
    assert not at.exception
    assert any("fake/coach" in str(c.value) for c in at.sidebar.caption)
    at.chat_input[0].set_value("How do I delegate?").run()
    assert not at.exception
    text = _markdown(at)
    assert "How do I delegate?" in text and "Start with the outcome you need." in text
    assert any("coach ingest" in str(c.value) for c in at.caption)


def test_a_failed_turn_keeps_the_message_and_offers_retry(fake_llm: FakeLLM) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/chat.py").run()
    at.chat_input[0].set_value("Nothing is recorded for this").run()
    assert not at.exception
    assert at.error and "no recorded reply" in str(at.error[0].value)
    at.run()  # a rerun redraws the history: the message is still there, marked, with a retry button
    assert "Nothing is recorded for this" in _markdown(at)
    assert any("Retry" in b.label for b in at.button)
