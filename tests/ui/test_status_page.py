"""The status page: notes and an audience in, the update previewed with copy and download, private lines listed as
left out; an empty form is refused without a model call; an error keeps the notes in the box."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from assistant.prompts import load_prompt
from tests.conftest import FakeLLM
from tests.ui.conftest import APP

NOTES = (
    "- search: reindex done on 2026-12-01\n- need lena to approve the launch by 2026-12-10\n"
    "- jo's salary review (private)"
)
REPLY = {
    "tldr": "Search reindex is done. We need Lena to approve the launch by 2026-12-10.",
    "streams": [{"name": "Search", "note": "reindex done on 2026-12-01"}],
    "risks": [],
    "asks": [{"what": "approve the launch", "who": "lena", "by": "2026-12-10"}],
    "done": ["search reindex"],
    "next": ["launch"],
}


def _prompt() -> object:
    prompt = load_prompt("status/draft")
    kept = "- search: reindex done on 2026-12-01\n- need lena to approve the launch by 2026-12-10"
    return prompt.render(audience="Product", guidance=prompt.parts["product"], notes=kept)


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/status.py").run()
    assert not at.exception
    return at


def test_notes_become_a_product_update_with_the_private_line_left_out(fake_llm: FakeLLM) -> None:
    fake_llm.add(_prompt(), json.dumps(REPLY))
    at = _page()
    at.text_area(key="st_notes").set_value(NOTES)
    at.selectbox(key="st_audience").set_value("Product")
    next(b for b in at.button if b.label == "Draft the update").click().run()
    assert not at.exception, at.exception
    code = "\n".join(str(c.value) for c in at.code)
    assert "## Asks" in code and "**Lena**: approve the launch, by 2026-12-10." in code
    assert "salary" not in code
    # The progress box: each step listed with its seconds, the label says how long the whole request took.
    [box] = at.status
    assert box.label.startswith("Done in ") and box.label.endswith(" s")
    steps = [str(m.value) for m in box.markdown]
    assert steps[0].startswith("✓ Reading your notes (") and len(steps) >= 3
    assert any("salary" in str(w.value) for w in at.warning)  # listed back as left out
    assert at.get("download_button")
    at.radio(key="st_format").set_value("Email").run()
    assert str(at.code[0].value).startswith("Subject: ")


def test_an_empty_form_asks_for_notes_and_calls_no_model(fake_llm: FakeLLM) -> None:
    at = _page()
    next(b for b in at.button if b.label == "Draft the update").click().run()
    assert not at.exception
    assert any("Write your notes first" in str(w.value) for w in at.warning)


def test_notes_that_are_all_private_give_a_clear_error_and_stay_in_the_box(fake_llm: FakeLLM) -> None:
    at = _page()
    at.text_area(key="st_notes").set_value("- ravi is interviewing elsewhere (private)")
    next(b for b in at.button if b.label == "Draft the update").click().run()
    assert not at.exception
    assert any("every line of the notes is private" in str(e.value) for e in at.error)
    assert at.text_area(key="st_notes").value == "- ravi is interviewing elsewhere (private)"


def test_gaps_are_asked_in_a_form_and_the_answers_fill_the_update(fake_llm: FakeLLM) -> None:
    prompt = load_prompt("status/draft")
    notes = "- payouts: RED, bank cert late\n- search: reindex done on 2026-12-01"
    reply = {"tldr": "Payouts are red.", "streams": [{"name": "Payouts", "note": "bank cert late"}], "risks": [],
             "asks": [], "done": [], "next": []}  # fmt: skip
    fake_llm.add(prompt.render(audience="Executive", guidance=prompt.parts["exec"], notes=notes), json.dumps(reply))
    at = _page()
    at.text_area(key="st_notes").set_value(notes)
    next(b for b in at.button if b.label == "Draft the update").click().run()
    assert not at.exception, at.exception
    assert [t.label for t in at.text_input][1:] == [  # the name of the past update in knowledge/status
        "Instant Payouts (red): what happens if nothing changes (the impact)?",
        "Instant Payouts (red): what is being done about it?",
        "Instant Payouts (red): who owns it (one person)?",
    ]
    at.text_input(key="st_q_owner:0").set_value("Aisha Bello")
    next(b for b in at.button if b.label == "Finish the update").click().run()
    assert not at.exception, at.exception
    code = "\n".join(str(c.value) for c in at.code)
    assert "- **Owner**: Aisha Bello." in code and "- **Impact**: _to confirm (not in the notes)_" in code
    assert not at.get("form") or len(at.text_input) == 1  # the questions are gone; the period box stays
