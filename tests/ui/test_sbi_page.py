"""The feedback page with Streamlit's AppTest: the questions form, then the rewrite beside the highlighted note."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.skills.sbi.models import Change
from tests.conftest import FakeLLM
from tests.skills.sbi.helpers import ANSWERS, GOOD_TOM, VAGUE, answered_request, prompt_for
from tests.ui.conftest import APP
from ui.sbi_view import highlighted


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/sbi.py").run()
    assert not at.exception
    return at


def _submit_note(at: AppTest) -> None:
    at.text_area(key="fb_input").set_value(VAGUE.raw)
    at.text_input(key="fb_name").set_value("Tom")
    at.text_input(key="fb_role").set_value("engineer")
    next(b for b in at.button if b.label == "Rewrite as SBI").click().run()  # the form's submit button
    assert not at.exception


def test_vague_note_shows_the_questions_form_then_the_rewrite(fake_llm: FakeLLM) -> None:
    request, answered = answered_request()
    fake_llm.add(prompt_for(request, answered), GOOD_TOM)
    at = _page()
    _submit_note(at)
    assert any("won't invent" in str(i.value) for i in at.info)
    for qid, answer in ANSWERS.items():
        at.text_input(key=f"fb_q_{qid}").set_value(answer)
    next(b for b in at.button if b.label == "Continue").click().run()
    assert not at.exception
    markdown = "\n".join(str(m.value) for m in at.markdown)
    assert "**Situation:** Last Tuesday, in the sprint review" in markdown
    assert '<mark title="tone.label' in markdown and ">lazy</mark>" in markdown
    assert at.code and "you opened PR #512" in str(at.code[0].value) and "lazy" not in str(at.code[0].value)
    assert any("in private" in str(c.value) for c in at.caption)


def test_an_empty_note_warns_instead_of_calling_the_model() -> None:
    at = _page()
    next(b for b in at.button if b.label == "Rewrite as SBI").click().run()
    assert not at.exception and at.warning and "Write the feedback first" in str(at.warning[0].value)


def test_highlight_escapes_html_and_skips_overlaps() -> None:
    change = Change(rule="tone.label", severity="error", text="<b>", start=4, end=7, why="w", fix="f")
    inner = change.model_copy(update={"start": 5, "end": 6})
    out = highlighted("Tom <b> late", [change, inner])
    assert out.count("<mark") == 1 and "&#60;b&#62;</mark>" in out and "<b>" not in out.replace("<mark", "")


def test_a_note_too_long_is_a_readable_error_and_the_text_stays() -> None:
    at = _page()
    long_note = "Tom was late. " * 400
    at.text_area(key="fb_input").set_value(long_note)
    next(b for b in at.button if b.label == "Rewrite as SBI").click().run()
    assert not at.exception
    assert at.error and "the feedback: string should have at most 5000 characters" in str(at.error[0].value)
    assert at.text_area(key="fb_input").value == long_note
