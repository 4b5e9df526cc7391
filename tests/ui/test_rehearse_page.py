"""The rehearsal page with Streamlit's AppTest: prep sheet first, then a line to the counterpart (replayed by the fake
provider), then the scorecard with the lead's own words and the trust and stress chart."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import FakeLLM
from tests.skills.rehearse.helpers import GOOD, record_one_turn
from tests.ui.conftest import APP


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/rehearse.py").run()
    assert not at.exception
    return at


def _text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_the_page_shows_the_prep_sheet_before_starting() -> None:
    at = _page()
    text = _text(at)
    assert "**Goal.**" in text and "**Questions to ask**" in text
    assert any("Start rehearsal" in b.label for b in at.sidebar.button)


def _one_line(fake_llm: FakeLLM, said: str) -> AppTest:
    """The missed-deadlines scenario started and ``said`` as the lead's first line, answered by the fake model."""
    record_one_turn(fake_llm, said, "Fine. The alert slipped because staging was down.", "You opened clearly.")
    at = _page()
    at.sidebar.selectbox[0].set_value("missed-deadlines").run()
    next(b for b in at.sidebar.button if "Start" in b.label).click().run()
    assert not at.exception
    at.chat_input[0].set_value(said).run()
    assert not at.exception
    return at


def test_a_line_gets_a_reply_and_ending_shows_the_scorecard(fake_llm: FakeLLM) -> None:
    said = GOOD[0]
    at = _one_line(fake_llm, said)
    assert "staging was down" in _text(at)
    next(b for b in at.button if "debrief" in b.label).click().run()
    assert not at.exception
    text = _text(at)
    assert "Opened with the purpose" in text and f"> {said[:40]}" in text
    assert next(m.label for m in at.metric) == "Score" and "Trust and stress over your lines" in text


def test_an_earlier_rehearsal_is_listed_after_a_reload_and_resumes(fake_llm: FakeLLM) -> None:
    _one_line(fake_llm, GOOD[0])
    reloaded = _page()  # a new browser session: nothing in session state
    earlier = [b for b in reloaded.sidebar.button if b.label.startswith("Two missed sprint commitments ·")]
    assert len(earlier) == 1
    earlier[0].click().run()
    assert not reloaded.exception
    assert "staging was down" in _text(reloaded)
