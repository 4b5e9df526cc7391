"""Report files: the JSON round-trips, the JUnit XML is well-formed with failures and errors, the Markdown reads."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from assistant.evals.models import CaseResult, Comparison, EvaluatorResult, MetricDrop, Report, Thresholds
from assistant.evals.report import previous_report, write_reports
from assistant.evals.scoring import gate, summarise


def sample(started_at: str = "2026-11-23T10:00:00.000+00:00") -> Report:
    cases = [
        CaseResult(id="ok", status="pass", latency_s=0.5, completion_tokens=40, prompts=["chat@1"],
                   evaluators=[EvaluatorResult(name="facts", status="pass")], text="Fine."),
        CaseResult(id="bad", status="fail", latency_s=1.5, completion_tokens=60, text="He is <lazy> & late.",
                   evaluators=[EvaluatorResult(name="checks", status="fail", detail="tone.label on 'lazy'"),
                               EvaluatorResult(name="judge", status="fail", detail="2/5", gating=False)]),
        CaseResult(id="boom", status="error", error="fake LLM: no recorded reply abc (hint: record it)"),
    ]  # fmt: skip
    summary = summarise(cases)
    thresholds = Thresholds(min_pass_rate=0.9)
    comparison = Comparison(
        previous="chat-replay-20261122T100000000.json", regressions=["bad"],
        metric_drops=[MetricDrop(metric="pass_rate", before=1.0, after=0.33)],
    )  # fmt: skip
    return Report(
        suite="chat-replay", skill="chat", mode="replay", model="fake/coach (fixtures)", embedder="minilm",
        started_at=started_at, duration_s=2.0, prompts={"chat": 1}, thresholds=thresholds, summary=summary,
        gate=gate(summary, thresholds, comparison), comparison=comparison, cases=cases,
    )  # fmt: skip


def test_the_json_report_round_trips(tmp_path: Path) -> None:
    files = write_reports(sample(), tmp_path)
    assert files.json.name == "chat-replay-20261123T100000000.json"
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data["summary"]["errors"] == 1 and data["prompts"] == {"chat": 1}
    assert Report.model_validate(data) == sample()


def test_junit_is_well_formed_with_failures_and_errors(tmp_path: Path) -> None:
    root = ET.parse(write_reports(sample(), tmp_path).junit).getroot()
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    failure = cases["bad"].find("failure")
    assert failure is not None and failure.get("message") == "failed: checks"  # the judge never gates a case
    assert "tone.label" in (failure.text or "")
    assert cases["bad"].findtext("system-out") == "He is <lazy> & late."  # escaped, and read back intact
    error = cases["boom"].find("error")
    assert error is not None and "no recorded reply" in (error.get("message") or "")
    assert cases["ok"].find("failure") is None and cases["ok"].find("error") is None


def test_markdown_summarises_the_gate_comparison_and_failures(tmp_path: Path) -> None:
    text = write_reports(sample(), tmp_path).markdown.read_text(encoding="utf-8")
    assert text.startswith("# Eval `chat` (replay)")
    assert "**gate: FAILED**" in text and "pass rate 0.33 is below 0.90" in text
    assert "- regressions: bad" in text and "pass_rate dropped from 1.00 to 0.33" in text
    assert "| facts | 1 | 0 | 0 | 100% |" in text
    assert "### bad" in text and "- checks: tone.label on 'lazy'" in text and "- error: fake LLM" in text


def test_reports_of_the_same_second_do_not_overwrite(tmp_path: Path) -> None:
    first, second = write_reports(sample(), tmp_path), write_reports(sample(), tmp_path)
    assert first.json != second.json and second.json.name.endswith("-2.json")


def test_previous_report_is_the_newest_of_the_same_suite(tmp_path: Path) -> None:
    write_reports(sample("2026-11-21T10:00:00.000+00:00"), tmp_path)
    write_reports(sample("2026-11-22T10:00:00.000+00:00"), tmp_path)
    live = sample("2026-11-23T10:00:00.000+00:00").model_copy(update={"mode": "live", "suite": "chat-live"})
    write_reports(live, tmp_path)
    report, name, note = previous_report(tmp_path, "chat-replay")
    assert report is not None and name == "chat-replay-20261122T100000000.json" and note == ""
    assert previous_report(tmp_path / "absent", "chat-replay") == (None, None, "")


def test_an_unreadable_previous_report_is_a_note_not_a_failure(tmp_path: Path) -> None:
    (tmp_path / "chat-replay-20261122T100000.json").write_text("{not json", encoding="utf-8")
    report, name, note = previous_report(tmp_path, "chat-replay")
    assert report is None and name is None and "could not read the previous report" in note
