"""The flagship flow on the real embedded model (make smoke): ask, resume, answer without the label.
Structure and checks only, never exact text."""

import pytest

from assistant.config import load_settings
from assistant.llm import model_files
from assistant.service import CoachService, ResultEvent
from assistant.skills.sbi.models import Recipient, SBIRequest, SBIResult

pytestmark = pytest.mark.llm


@pytest.fixture(autouse=True)
def _model_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COACH_MODEL", raising=False)
    status = model_files.status(load_settings().model_dir, "qwen2.5-coder-1.5b-instruct")
    if not status.verified:
        pytest.fail(f"embedded model not ready: {status.problem}; run `make model`")


def test_lazy_note_asks_then_drafts_without_the_label() -> None:
    service = CoachService(load_settings(), retriever=None, checkpointer="memory")
    note = SBIRequest(raw="Tom is lazy, his PRs are always late", recipient=Recipient(name="Tom", role="engineer"))
    asked = list(service.run("sbi", note, "smoke-sbi"))[-1]
    assert isinstance(asked, ResultEvent) and asked.waiting
    assert {q.id for q in asked.questions} >= {"situation", "behavior"}
    answers = {
        "situation": "Last Tuesday, in the sprint review",
        "behavior": "He opened the payout retries PR two days after the review and did not reply to comments",
        "impact": "Aisha could not start the reconciliation work",
    }
    done = list(service.resume("smoke-sbi", answers))[-1]
    assert isinstance(done, ResultEvent) and not done.waiting and done.output_as(SBIResult).status == "ready"
    out = done.output_as(SBIResult)
    assert all([out.situation, out.behavior, out.impact, out.request]) and "lazy" not in out.message.lower()
    assert not any(c.rule in {"tone.label", "facts.invented"} for c in out.remaining)
