"""The pages draw nothing a reply, a document or a pasted note could turn into a fetch or a script: every text they
did not write themselves goes through ``ui.common.safe``, the note drawn as HTML is inert, and every attack of the
suite, answered by a model that obeys it, leaves no trace on its page (Streamlit's AppTest)."""

from __future__ import annotations

import ast
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assistant.errors import CoachError
from assistant.evals.injection import InjectionCase, request_for, shown_effects, sources_text
from assistant.safety.screen import strings
from assistant.service import CoachService, last
from tests.security.conftest import SUITE, Workspace, case_ids
from tests.security.obey import ObeyingLLM
from ui.common import safe
from ui.sbi_view import highlighted

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "ui" / "app.py")
# The pages that show what a model, a team document or the lead wrote; settings, progress and the example buttons
# show only the app's own text.
SCREENED_FILES = ["ui/common.py", *(f"ui/views/{name}.py" for name in
                  ("chat", "sbi", "status", "adr", "rehearse", "knowledge", "home", "evals"))]  # fmt: skip
DISPLAY = {"markdown", "caption", "info", "warning", "error", "success", "write", "title", "header", "subheader",
           "toast"}  # fmt: skip
WIDGETS = {"button", "text_input", "text_area", "radio", "selectbox", "checkbox", "expander", "number_input",
           "download_button", "multiselect", "toggle", "form_submit_button", "popover"}  # fmt: skip
TEXT_KEYWORDS = {"help", "label", "body"}
_IMAGE_OR_SCRIPT = re.compile(r"!\[[^\]]*\]\(\s*<?(?:[a-zA-Z][\w+.-]*:|//)|<\s*(?:img|script|iframe|svg)\b", re.I)


def _constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, ast.List | ast.Tuple) and all(_constant(e) for e in node.elts)


def _called(node: ast.expr, names: set[str]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names


def _unscreened(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in DISPLAY | WIDGETS:
            continue
        html = any(k.arg == "unsafe_allow_html" and not _constant_false(k.value) for k in node.keywords)
        texts = [*node.args[:1], *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]
        for text in texts:
            allowed = {"highlighted"} if html else {"safe"}
            if not _constant(text) and not _called(text, allowed):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(text)[:60]}")
    return found


def _constant_false(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def test_every_page_text_the_app_did_not_write_goes_through_safe() -> None:
    found = [line for name in SCREENED_FILES for line in _unscreened(ROOT / name)]
    assert found == [], "wrap these in ui.common.safe(...):\n" + "\n".join(found)


def test_safe_drops_images_and_scripts_but_keeps_words_and_links() -> None:
    shown = safe(
        "Read ![chart](https://evil.example/p.png?d=1) <script>alert(1)</script> and [the guide](https://x.example)"
    )
    assert "evil.example" not in shown and "<script" not in shown and "alert" not in shown
    assert "chart [remote image removed]" in shown and "[the guide](https://x.example)" in shown


def test_the_highlighted_note_is_inert_even_after_a_blank_line() -> None:
    # Unescaped, a blank line ends the HTML block and Streamlit draws what follows as markdown: the image loads.
    out = highlighted("Tom is late.\n\n![x](https://evil.example/p.png) <img src=x onerror=alert(1)>", [])
    assert "\n" not in out and "![" not in out and "<img" not in out
    assert out.startswith('<div style="white-space:pre-wrap">') and out.endswith("</div>")


# --- every attack, on its page ---------------------------------------------------------------------------------

PAGES = {"chat": "views/chat.py", "sbi": "views/sbi.py", "status": "views/status.py", "adr": "views/adr.py",
         "rehearse": "views/rehearse.py"}  # fmt: skip


def _page(service: CoachService, monkeypatch: pytest.MonkeyPatch, skill: str) -> AppTest:
    import streamlit as st

    st.cache_resource.clear()
    monkeypatch.setattr("ui.common.get_service", lambda: service)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(PAGES[skill]).run()
    assert not at.exception
    return at


def _rendered(at: AppTest) -> tuple[str, list[str]]:
    """All text on the page, and the bodies Streamlit renders as markdown without HTML."""
    markdown = [m for m in at.markdown if not m.proto.allow_html]
    bodies = [str(m.value) for m in [*markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]]
    labels = [str(getattr(w, "label", "")) for w in [*at.button, *at.expander, *at.text_input, *at.radio]]
    plain = [str(e.value) for e in [*at.code, *at.text, *at.title, *at.subheader]]
    # The note drawn as HTML, as the lead reads it: tags off, character references decoded.
    html = [unescape(re.sub(r"<[^>]+>", "", str(m.value))) for m in at.markdown if m.proto.allow_html]
    return "\n".join([*bodies, *labels, *plain, *html]), [*bodies, *labels]


def _show(case: InjectionCase, ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, Any]:
    llm = ObeyingLLM(case, ws.folder)
    service = ws.service(llm)
    request = request_for(case, ws.folder)
    if case.skill == "chat":
        at = _page(service, monkeypatch, "chat")
        at.chat_input[0].set_value(request["message"]).run()  # the live path: streamed, then redrawn
        assert not at.exception
        return at, service.paused(at.session_state["thread_id"]).output  # type: ignore[union-attr]
    if case.skill == "rehearse":
        event = last(service.run("rehearse", request))
        for turn in case.turns:
            event = last(service.resume(event.thread_id, {"turn": turn}))
        at = _page(service, monkeypatch, "rehearse")
        at.session_state["rehearsal"], at.session_state["rehearsal_thread"] = event.output, event.thread_id
        return at.run(), event.output
    event = service.complete(case.skill, request, answers=case.answers or None)
    at = _page(service, monkeypatch, case.skill)
    data = event.output.model_dump(mode="json")
    questions = [q.model_dump() for q in event.questions]
    if case.skill == "sbi":
        at.session_state["fb_raw"] = request["raw"]
        at.session_state["fb_result"] = None if questions else data
        at.session_state["fb_questions"] = questions
        at.session_state["fb_changes"] = data.get("changes", [])
    elif case.skill == "status":
        at.session_state["st_result"], at.session_state["st_questions"] = data, questions
    else:
        at.session_state["adr_result"] = data
    return at.run(), event.output


@pytest.mark.parametrize("case", SUITE.cases, ids=case_ids(SUITE.cases))
def test_the_page_shows_no_trace_of_an_obeyed_attack(
    case: InjectionCase, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        at, output = _show(case, ws, monkeypatch)
    except CoachError as exc:  # the page would show this error (checked in test_attacks); nothing else to draw
        assert not shown_effects(case, exc.message, own=[], sources=[], folder=ws.folder)
        return
    assert not at.exception
    everything, markdown = _rendered(at)
    own = [*strings(request_for(case, ws.folder)), *case.turns]
    assert shown_effects(case, everything, own=own, sources=sources_text(output), folder=ws.folder) == [], everything
    assert not [body for body in markdown if _IMAGE_OR_SCRIPT.search(body)]
