"""The pages around the skills, with AppTest: Home (cards with one-click examples, the model, follow-ups due),
Knowledge (index the team folder, search with citations, take a document out), Evals (runs, failing cases) and
Settings (saved into coach.toml after validation; the doctor's checks)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.feedback_log import FeedbackLog
from tests.conftest import FakeLLM
from tests.ui.conftest import APP

ROOT = Path(__file__).resolve().parents[2]


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    if page != "home":
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    parts = [
        str(e.value) for kind in ("markdown", "caption", "info", "success", "warning", "error") for e in at.get(kind)
    ]
    return "\n".join(parts)


def test_home_shows_the_model_the_skills_and_the_follow_ups_due(fake_llm: FakeLLM, tmp_path: Path) -> None:
    FeedbackLog.in_data_dir(tmp_path / "coach-data").add(
        "Tomás", "You opened PR #512 two days after the review.", given_on=datetime.date(2026, 1, 5),
        follow_up_days=7,
    )  # fmt: skip
    at = _open("home")
    text = _text(at)
    assert "fake/coach" in text and "Nothing indexed yet" in text
    assert "**Tomás**, given 2026-01-05" in text  # the follow-up came due long ago
    assert [b.label for b in at.button if b.label.startswith("Try ")] == [
        "Try Coach chat",
        "Try Feedback coach",
        "Try Rehearse a 1:1",
        "Try Status update",
        "Try Decision record",
    ]


def test_a_home_card_opens_its_page_with_the_example_filled_in_and_sent(fake_llm: FakeLLM) -> None:
    at = _open("home")
    at.button(key="home_try_status").click().run()
    # The status page opened and sent the example; the fake model has no reply recorded for it, so the page shows
    # the model's error and keeps the example's notes in the box (nothing typed or filled in is lost).
    assert at.text_area(key="st_notes").value.startswith("payouts: instant payouts cert")
    assert at.selectbox(key="st_audience").value == "Executives"
    assert at.error and "no recorded reply" in str(at.error[0].value)


def test_the_knowledge_page_indexes_the_team_folder_searches_and_removes(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "team-docs"
    (folder / "handbook").mkdir(parents=True)
    shutil.copy(ROOT / "knowledge" / "handbook" / "feedback-guide.md", folder / "handbook")
    shutil.copy(ROOT / "knowledge" / "handbook" / "meeting-norms.md", folder / "handbook")
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(folder))
    at = _open("knowledge")
    assert "Nothing is indexed yet" in _text(at)
    at.button(key="kb_reindex").click().run()
    assert not at.exception, at.exception
    assert "Indexed 2 files: 2 added" in _text(at)
    at.text_input(key="kb_query").set_value("how to give feedback").run()
    assert "handbook/feedback-guide.md#" in _text(at)
    at.selectbox(key="kb_remove_choice").set_value(f"handbook/meeting-norms.md  ({folder})").run()
    at.button(key="kb_remove").click().run()
    assert "Removed `handbook/meeting-norms.md`" in _text(at)
    at.run()
    assert at.metric[0].value == "1"  # one file left in the index


def _report(started: str, passed: int) -> str:
    from assistant.evals.models import CaseResult, Comparison, EvaluatorResult, GateResult, Report, Summary, Thresholds

    def summary(total: int, ok: int) -> Summary:
        zero = dict.fromkeys(
            ("latency_p50_s", "latency_p95_s", "latency_total_s", "prompt_tokens", "completion_tokens"), 0
        )
        return Summary(total=total, passed=ok, failed=total - ok, errors=0, pass_rate=ok / total, evaluators={}, **zero)

    cases = [CaseResult(id="tuned-case", status="pass")]
    found = [EvaluatorResult(name="properties", status="fail", detail="has_ask is False")]
    status = "pass" if passed == 2 else "fail"
    cases.append(CaseResult(id="h01-held-out-case", tags=["holdout"], status=status, evaluators=found))
    report = Report(suite="status-replay", skill="status", mode="replay", model="fake/coach", embedder="hash",
                    started_at=started, duration_s=1, thresholds=Thresholds(), summary=summary(2, passed),
                    splits={"held-out": summary(1, passed - 1)}, gate=GateResult(passed=passed == 2),
                    comparison=Comparison(), cases=cases)  # fmt: skip
    return report.model_dump_json()


def test_the_evals_page_lists_runs_and_the_failing_cases(
    fake_llm: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the page also reads the project's evals/reports, which `make eval-replay` fills
    reports = tmp_path / "coach-data" / "eval-reports"
    reports.mkdir(parents=True)
    (reports / "status-replay-1.json").write_text(_report("2026-12-01T10:00:00+00:00", 2), encoding="utf-8")
    (reports / "status-replay-2.json").write_text(_report("2026-12-02T10:00:00+00:00", 1), encoding="utf-8")
    (reports / "broken-run.json").write_text("{not json", encoding="utf-8")
    at = _open("evals")
    text = _text(at)
    assert "Skipped an unreadable report: broken-run.json" in text
    latest = at.dataframe[0].value
    assert latest["skill"].tolist() == ["status"] and latest["passed"].tolist() == ["1/2"]
    assert latest["held-out"].tolist() == ["0%"] and latest["gate"].tolist() == ["FAILED"]
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # two runs: the chart is drawn
    assert [e.label for e in at.expander] == ["h01-held-out-case (held-out): fail"]
    assert "properties: has_ask is False" in _text(at)


def test_settings_are_validated_then_saved_and_the_doctor_runs(fake_llm: FakeLLM, tmp_path: Path) -> None:
    at = _open("settings")
    assert "Model** `fake/coach`" in _text(at)
    at.radio(key="set_kind").set_value("Ollama (on this machine or your server)")
    at.text_input(key="set_model").set_value("llama3.1")
    at.text_input(key="set_api_base").set_value("http://localhost:11434")
    at.button[0].click().run()
    assert not at.exception, at.exception
    saved = (tmp_path / "no-coach.toml").read_text(encoding="utf-8")
    assert 'model = "ollama/llama3.1"' in saved and 'api_base = "http://localhost:11434"' in saved
    assert "COACH_MODEL" in _text(at)  # the test's environment sets it, and the page says it wins over the file
    at.radio(key="set_kind").set_value("Any litellm model (OpenAI, Anthropic, a litellm proxy…)")
    at.text_input(key="set_model").set_value("no-provider")
    at.button[0].click().run()
    assert at.error and "must look like 'provider/model'" in str(at.error[0].value)
    assert 'model = "ollama/llama3.1"' in (tmp_path / "no-coach.toml").read_text(encoding="utf-8")  # unchanged


def test_reruns_do_not_grow_the_import_path(fake_llm: FakeLLM) -> None:
    """Each page script used to put the repo root on sys.path again on every rerun: after a day of clicks every
    import searched hundreds of entries (docs/benchmarks.md, "The app": page runs grew ~25 ms per rerun)."""
    import sys

    at = _open("home")
    before = len(sys.path)
    for page in ("chat", "knowledge", "settings", "chat"):
        at.switch_page(f"views/{page}.py").run()
    at.run()
    assert len(sys.path) == before
