"""A request whose run never ended (a failure, Stop, or the server stopped or killed mid-answer) is offered back
after a restart: the chat shows it as unanswered with Retry, a form page puts it back in its boxes."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assistant.config import load_settings
from assistant.drafts import Drafts
from tests.conftest import FakeLLM
from tests.doubles import chat_prompt, chat_reply
from tests.ui.conftest import APP

QUESTION = "How do I tell Tomás his pull requests are too big?"


@pytest.fixture
def drafts() -> Drafts:
    return Drafts(load_settings().data_dir / "drafts")


def test_an_unanswered_chat_message_comes_back_with_retry_and_is_answered(fake_llm: FakeLLM, drafts: Drafts) -> None:
    drafts.save("chat", "a1b2c3d4e5f6", {"message": QUESTION})  # what a killed server leaves behind
    fake_llm.add(chat_prompt(QUESTION), chat_reply("Bring one pull request and ask what made it grow."))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/chat.py").run()
    assert any("Not answered yet" in str(m.value) for m in at.sidebar.markdown)
    [offered] = [b for b in at.sidebar.button if QUESTION[:30] in b.label]
    offered.click().run()
    assert not at.exception
    assert any("did not get an answer" in str(c.value) for c in at.caption)
    [retry] = [b for b in at.button if "Retry" in b.label]
    retry.click().run()
    assert not at.exception
    assert "Bring one pull request" in "\n".join(str(m.value) for m in at.markdown)
    assert drafts.get("a1b2c3d4e5f6") is None  # answered: no longer offered


def test_a_form_page_puts_an_unanswered_status_request_back(drafts: Drafts) -> None:
    notes = "Payouts amber: bank sandbox down since Tuesday. Ledger partitioning done. Need a call on EU-only launch."
    drafts.save("status", "f0e1d2c3b4a5", {"notes": notes, "audience": "product"})
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/status.py").run()
    [offered] = [b for b in at.sidebar.button if "Payouts amber" in b.label]
    offered.click().run()
    assert not at.exception
    assert at.session_state["st_notes"] == notes
    assert at.session_state["st_audience"] == "Product"
