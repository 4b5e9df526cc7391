"""The ADR page: title and notes in, the next record of the log previewed with its number, then written into the
log once (the button becomes a confirmation); an empty form is refused without a model call."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.prompts import load_prompt
from tests.conftest import FakeLLM
from tests.ui.conftest import APP

NOTES = (
    "Sessions live in process memory, so deploys log users out. We compared Redis and signed cookies. "
    "Agreed to go with Redis."
)
DRAFT = {
    "context": "Sessions live in process memory, so deploys log users out.",
    "options": [{"name": "Redis", "good": "the cluster exists", "bad": "one more dependency"},
                {"name": "Signed cookies", "good": "no server state", "bad": "no revocation"}],
    "decision": "We will keep sessions in Redis.",
    "good": ["deploys no longer log users out"],
    "bad": ["Redis is on the request path"],
    "open_questions": [],
}  # fmt: skip


def _page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, Path]:
    log = tmp_path / "adr"
    log.mkdir()
    shutil.copy(Path("knowledge/adr/0001-record-architecture-decisions.md"), log)
    monkeypatch.setenv("COACH_ADR__DIR", str(log))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/adr.py").run()
    assert not at.exception
    return at, log


def test_notes_become_the_next_record_and_are_written_once(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompt = load_prompt("adr/draft").render(title="Keep sessions in Redis", notes=NOTES, decided="yes")
    fake_llm.add(prompt, json.dumps(DRAFT))
    at, log = _page(tmp_path, monkeypatch)
    at.text_input(key="adr_title").set_value("Keep sessions in Redis")
    at.text_area(key="adr_notes").set_value(NOTES)
    next(b for b in at.button if b.label == "Draft the record").click().run()
    assert not at.exception, at.exception
    code = "\n".join(str(c.value) for c in at.code)
    assert code.startswith("# 2. Keep sessions in Redis") and "We will keep sessions in Redis." in code
    at.button(key="adr_write").click().run()
    assert not at.exception, at.exception
    assert (log / "0002-keep-sessions-in-redis.md").read_text().startswith("# 2. Keep sessions in Redis")
    assert any("Written to" in str(s.value) for s in at.success)


def test_an_empty_form_asks_for_a_title_and_notes(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at, _ = _page(tmp_path, monkeypatch)
    next(b for b in at.button if b.label == "Draft the record").click().run()
    assert not at.exception
    assert any("title" in str(w.value) for w in at.warning)
